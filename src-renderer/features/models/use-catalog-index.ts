/**
 * OpenRouter's catalog by model id, for the price beside each model (model-facts.ts): read once
 * per view from the app's copy (a stale copy refreshes in the background, and reading again on its
 * `catalog` event would loop while offline); null until it is read or where the host has no
 * catalog (the facts then come from pi alone).
 */
import { useEffect, useState } from "react";
import type { CatalogModel } from "../../../src-main/core/common/index.js";
import { useSwitchboard } from "../../api/context";
import { catalogById } from "./model-facts";

export function useCatalogIndex(): ReadonlyMap<string, CatalogModel> | null {
  const { api } = useSwitchboard();
  const [index, setIndex] = useState<ReadonlyMap<string, CatalogModel> | null>(null);
  useEffect(() => {
    let live = true;
    api.invoke("catalogModels", null).then(
      (models) => live && setIndex(catalogById(models)),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [api]);
  return index;
}
