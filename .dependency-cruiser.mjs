/**
 * The layers of src-main and what the renderer may take from it (docs/ARCHITECTURE.md), checked by
 * dependency-cruiser: `npm run lint` runs it, and test/unit/architecture/layers.test.ts fails `npm test`
 * on a violation or an import loop.
 *
 * A layer may import the layers below it, never one above it, and the folders that share a floor
 * never import each other. A core module that no layer names is itself a violation (the test
 * checks it), so a new folder has to be given its floor here.
 */

const core = (path) => `^src-main/core/${path}`;

/** Lowest first. A layer: its name, the paths it holds (regular expressions), and the floor it shares with neighbours (else one of its own). */
export const LAYERS = [
  { name: "common", paths: [core("common/")] },
  { name: "files", paths: [core("files/")] },
  // agent-state.ts is what pi sees in the agent dir: pi's knowledge put together, on pi's floor.
  { name: "pi", paths: [core("pi/"), core("agent-state\\.ts$")] },
  { name: "openrouter", paths: [core("openrouter/")], floor: "services" },
  { name: "edits", paths: [core("edits/")], floor: "services" },
  { name: "preferences", paths: [core("preferences/")], floor: "services" },
  { name: "vault", paths: [core("vault/")], floor: "account" },
  { name: "sessions", paths: [core("sessions/")], floor: "account" },
  { name: "profiles", paths: [core("profiles/(?!profiles-feature\\.ts$)")] },
  // The host: the one service, the API table and the features that plug a domain into it.
  {
    name: "host",
    paths: [core("(?!agent-state\\.ts$)[^/]+\\.ts$"), core("profiles/profiles-feature\\.ts$")],
  },
  { name: "cli", paths: ["^src-main/cli/"], floor: "shells" },
  { name: "electron", paths: ["^src-main/electron/"], floor: "shells" },
];

/** Floors in order: layers that share a floor (openrouter, edits and preferences; vault and sessions) sit side by side. */
const floors = [];
for (const layer of LAYERS) {
  const floor = layer.floor ?? layer.name;
  if (floors.at(-1)?.name !== floor) floors.push({ name: floor, layers: [] });
  floors.at(-1).layers.push(layer);
}

/** What a layer must not import: every higher floor, and its neighbours on its own floor. */
function pathsAbove(floorIndex, layer) {
  const higher = floors.slice(floorIndex + 1).flatMap((f) => f.layers);
  const neighbours = floors[floorIndex].layers.filter((l) => l !== layer);
  return [...higher, ...neighbours].flatMap((l) => l.paths);
}

const upward = floors.flatMap((floor, i) =>
  floor.layers.flatMap((layer) => {
    const above = pathsAbove(i, layer);
    if (above.length === 0) return [];
    const comment = `${layer.name} sits on floor ${i + 1} of ${floors.length}: it never imports a higher floor${floor.layers.length > 1 ? " nor its neighbours on the same floor" : ""}.`;
    return [{ name: `layer-${layer.name}`, comment, severity: "error", from: { path: layer.paths }, to: { path: above } }];
  }),
);

export default {
  forbidden: [
    {
      name: "no-circular",
      comment: "Modules that import each other in a loop cannot be read, tested or moved one at a time.",
      severity: "error",
      from: { pathNot: core("common/contract/") },
      to: { circular: true },
    },
    {
      name: "no-circular-contract",
      comment: "The contract's domain files may refer to each other's types in a loop (a command names a routing target, a routing result names a command), never to values.",
      severity: "error",
      from: { path: core("common/contract/") },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
    ...upward,
    {
      name: "renderer-only-common",
      comment: "The renderer takes from src-main only core/common: pure, platform-free code and the contract.",
      severity: "error",
      from: { path: "^src-renderer/" },
      to: { path: "^src-main/", pathNot: core("common/") },
    },
    {
      name: "common-is-pure",
      comment: "core/common runs in the renderer too: no Node built-in (node:fs, node:crypto, …) and nothing else of src-main.",
      severity: "error",
      from: { path: core("common/") },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "common-stays-common",
      comment: "core/common imports nothing else of src-main.",
      severity: "error",
      from: { path: core("common/") },
      to: { path: "^src-main/", pathNot: core("common/") },
    },
    {
      name: "core-without-electron",
      comment: "The core is host-neutral: it runs in plain Node (the CLI, serve, tests); Electron glue lives in src-main/electron.",
      severity: "error",
      from: { path: "^src-main/core/" },
      to: { path: "^electron$|node_modules/electron/" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    // Type-only imports are arrows too: a lower layer that names a higher one's type is tied to it.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".tsx", ".mts", ".js", ".mjs"] },
    exclude: { path: "\\.tmp$" },
  },
};
