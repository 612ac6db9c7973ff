/**
 * A short hash of all the routing models.json holds, for the profiles' journal (profiles-feature.ts):
 * Node only (node:crypto), so it lives apart from routing-at.ts, which the renderer imports too.
 */
import { createHash } from "node:crypto";
import type { RoutingTarget } from "../common/index.js";
import { canonical, obj, writtenRoutingAt } from "../common/profiles/routing-at.js";

/**
 * One short hash of every routing object models.json holds (provider level, each custom model's,
 * each override's). Two files with the same fingerprint route every model alike, so what the app
 * remembered about one holds for the other: "Undo last save" brings back a file whose fingerprint
 * the app saw before the save.
 */
export function routingFingerprint(file: unknown): string {
  const all: Record<string, unknown> = {};
  // An empty routing object and none route alike (pi sends neither), so they hash alike.
  const at = (target: RoutingTarget) => {
    const routing = writtenRoutingAt(file, target);
    return routing && Object.keys(routing).length ? routing : null;
  };
  for (const [name, value] of Object.entries(obj(obj(file)?.providers) ?? {})) {
    const provider = obj(value);
    if (!provider) continue;
    const models = Array.isArray(provider.models) ? (provider.models as unknown[]).map(obj) : [];
    all[name] = {
      routing: at({ level: "provider", provider: name }),
      models: Object.fromEntries(models.filter((m) => typeof m?.id === "string").map((m) => [m!.id as string, at({ level: "model", provider: name, id: m!.id as string })])),
      overrides: Object.fromEntries(Object.keys(obj(provider.modelOverrides) ?? {}).map((id) => [id, at({ level: "override", provider: name, id })])),
    };
  }
  return createHash("sha256").update(canonical(all)).digest("hex").slice(0, 32);
}
