/**
 * The routing exactly as written at one place in models.json (the snapshot carries only the
 * merged result per model). Parsed leniently like pi (comments, trailing commas); for a custom
 * model the last definition of an id wins, as in pi.
 */
import { parse } from "jsonc-parser";
import type { RoutingObject, RoutingTarget } from "../../../src-main/core/contract";

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Json) : undefined);

export function writtenRouting(text: string | null, target: RoutingTarget): RoutingObject | null {
  if (!text) return null;
  const file = obj(parse(text, [], { allowTrailingComma: true }));
  const provider = obj(obj(file?.providers)?.[target.provider]);
  let holder: Json | undefined;
  if (target.level === "provider") holder = provider;
  else if (target.level === "override") holder = obj(obj(provider?.modelOverrides)?.[target.id]);
  else {
    const models = Array.isArray(provider?.models) ? (provider.models as unknown[]) : [];
    holder = models.map(obj).filter((m) => m?.id === target.id).pop();
  }
  return obj(obj(holder?.compat)?.openRouterRouting) ?? null;
}
