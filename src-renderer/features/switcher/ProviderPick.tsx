/**
 * Choosing the provider while switching: for the highlighted OpenRouter model, its endpoints from
 * the catalog (name, price in/out per million tokens, quantization) in a select beside the thinking
 * level. Picking one pins the model to it the way the routing editor and "Pin this provider" do
 * (setRouting at the model, only + order and no fallbacks, its other keys kept), after the
 * models.json diff in a dialog; the save passes the version the diff came from.
 */
import { useEffect, useState } from "react";
import type { CatalogEndpoint, ModelEntry } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useSwitchboard } from "../../api/context";
import { useConfirm } from "../../ui/Dialog";
import { DiffView } from "../../ui/DiffView";
import { refOf } from "../models/model-list";
import { writtenRouting } from "../routing-editor/written-routing";
import { pinnedRouting, pinTargets } from "../test-prompt/pin-provider";

const usd = (n: number | null) => (n === null ? "?" : `$${Number(n.toPrecision(3))}`);
export const endpointOption = (e: CatalogEndpoint) => `${e.providerName} · ${usd(e.pricing.prompt)} in / ${usd(e.pricing.completion)} out${e.quantization ? ` · ${e.quantization}` : ""}`;

/** The slug the model is pinned to now (its pin badge), or "" for OpenRouter's own choice. */
const pinnedSlug = (m: ModelEntry) => m.badges.find((b) => b.kind === "pin")?.label ?? "";

export function ProviderPick({ model, onDone, onCancel }: { model: ModelEntry; onDone: (notice: { tone: "success" | "error"; text: string }) => void; onCancel: () => void }) {
  const { api, snapshot, execute } = useSwitchboard();
  const [endpoints, setEndpoints] = useState<{ id: string; list: CatalogEndpoint[] | null } | null>(null);
  const [confirm, dialog] = useConfirm();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!model.openRouter) return;
    let live = true;
    api.invoke("catalogEndpoints", { modelId: model.id }).then(
      (list) => live && setEndpoints({ id: model.id, list }),
      () => live && setEndpoints({ id: model.id, list: null }),
    );
    return () => {
      live = false;
    };
  }, [api, model.id, model.openRouter]);

  const target = snapshot ? pinTargets(snapshot, refOf(model))[0] : undefined;
  if (!model.openRouter || !target) return null;
  const list = endpoints?.id === model.id ? endpoints.list : null;
  const current = pinnedSlug(model);
  const name = visibleText(model.name);

  async function pin(slug: string) {
    if (!slug || slug === current || busy || !target) return;
    setBusy(true);
    try {
      const file = await api.invoke("readFileText", { file: "models.json" });
      const routing = pinnedRouting(writtenRouting(file.text, target), slug, true);
      const previewed = await api.invoke("previewCommand", { type: "setRouting", target, routing });
      if (!previewed.ok) return onDone({ tone: "error", text: previewed.error.message });
      const yes = await confirm({
        title: `Pin ${name} to ${visibleText(slug)}?`,
        description: <p>Every request pi makes for this model goes to {visibleText(slug)}, with no fallbacks; the model&apos;s other routing stays. Undo it from Config health&apos;s backups or the routing editor.</p>,
        children: <DiffView before={previewed.value.before} after={previewed.value.after} path={previewed.value.path} />,
        confirmLabel: `Pin to ${visibleText(slug)}`,
        wide: true,
      });
      if (!yes) return onCancel();
      const saved = await execute({ type: "setRouting", target, routing, expectedVersion: previewed.value.version });
      if (saved.ok) onDone({ tone: "success", text: `${name} is pinned to ${visibleText(slug)}. ${saved.snapshot.pi.afterModelsSave} Enter makes it the default.` });
      else onDone({ tone: "error", text: saved.error.code === "conflict" ? "models.json changed on disk since the diff was shown. Nothing was written: pick the provider again." : saved.error.message });
    } catch (e) {
      onDone({ tone: "error", text: `${(e as Error).message} Nothing was written; try again.` });
    } finally {
      setBusy(false);
    }
  }

  return (
    <label className="switcher-level switcher-provider small">
      Provider
      <select value={current} disabled={busy || !list?.length} onChange={(e) => void pin(e.target.value)} title={list === null && endpoints ? "OpenRouter's catalog lists no endpoints for this model here" : `Pin ${name} to one provider`}>
        <option value="">{current ? visibleText(current) : "OpenRouter picks"}</option>
        {list?.filter((e) => e.slug !== current).map((e) => (
          <option key={e.slug} value={e.slug}>
            {endpointOption(e)}
          </option>
        ))}
      </select>
      {dialog}
    </label>
  );
}
