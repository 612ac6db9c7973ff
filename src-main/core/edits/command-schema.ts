/**
 * Validation of every command at the boundary (IPC, serve, CLI): one schema per command type,
 * checked once before the service sees it. Sizes are bounded so a hostile or buggy caller cannot
 * make the app write megabytes into pi's files. On top of the schemas every command is bounded to
 * MAX_API_INPUT_BYTES as JSON (a quarter of serve's frame cap), so a command the app would accept
 * always reaches it, and a larger one gets an error instead of a dropped connection.
 */
import { Type, type Static } from "typebox";
import { Compile } from "typebox/compile";
import { MAX_API_INPUT_BYTES, THINKING_LEVELS, type Command } from "../common/index.js";
import { OpenRouterRoutingSchema } from "../pi/models-schema.js";

const Name = Type.String({ minLength: 1, maxLength: 200 });
const Ref = Type.String({ minLength: 3, maxLength: 400, pattern: "^[^/]+/.+$" });
const Level = Type.Union(THINKING_LEVELS.map((l) => Type.Literal(l)));
export const ThinkingLevelSchema = Level;
const Version = Type.Optional(Type.Union([Type.String({ maxLength: 64 }), Type.Null()]));
const Routing = Type.Intersect([OpenRouterRoutingSchema, Type.Record(Type.String({ maxLength: 64 }), Type.Unknown())]);

const Target = Type.Union([
  Type.Object({ level: Type.Literal("provider"), provider: Name }, { additionalProperties: false }),
  Type.Object({ level: Type.Literal("model"), provider: Name, id: Name, thinkingLevel: Type.Optional(Level) }, { additionalProperties: false }),
  Type.Object({ level: Type.Literal("override"), provider: Name, id: Name, thinkingLevel: Type.Optional(Level) }, { additionalProperties: false }),
]);

const ProviderFields = Type.Object(
  {
    baseUrl: Type.Optional(Type.String({ maxLength: 2000 })),
    api: Type.Optional(Type.String({ maxLength: 100 })),
    apiKey: Type.Optional(Type.String({ maxLength: 2000 })),
    name: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);

const ModelFields = Type.Object(
  {
    id: Name,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    api: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
    baseUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 2000 })),
    reasoning: Type.Optional(Type.Boolean()),
    contextWindow: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    maxTokens: Type.Optional(Type.Number({ exclusiveMinimum: 0 })),
    input: Type.Optional(Type.Array(Type.Union([Type.Literal("text"), Type.Literal("image")]), { maxItems: 2 })),
    cost: Type.Optional(Type.Object({ input: Type.Number(), output: Type.Number(), cacheRead: Type.Number(), cacheWrite: Type.Number() })),
  },
  { additionalProperties: false },
);

const CommandSchema = Type.Union([
  Type.Object({ type: Type.Literal("useModel"), ref: Ref, thinkingLevel: Type.Optional(Type.Union([Level, Type.Null()])) }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("setThinkingLevel"), level: Level }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("setScope"), patterns: Type.Array(Type.String({ minLength: 1, maxLength: 200 }), { maxItems: 1000 }), expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("toggleScoped"), ref: Ref, scoped: Type.Boolean(), expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("upsertProvider"), provider: Name, fields: ProviderFields, expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("removeProvider"), provider: Name, expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("upsertModel"), provider: Name, model: ModelFields, expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("removeModel"), provider: Name, id: Name, expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("addModel"), provider: Name, createProvider: Type.Optional(ProviderFields), model: ModelFields, routing: Type.Optional(Type.Union([Routing, Type.Null()])), expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("setOverride"), provider: Name, id: Name, override: Type.Union([Type.Record(Type.String({ maxLength: 64 }), Type.Unknown()), Type.Null()]), expectedVersion: Version }, { additionalProperties: false }),
  Type.Object({ type: Type.Literal("setRouting"), target: Target, routing: Type.Union([Routing, Type.Null()]), expectedVersion: Version }, { additionalProperties: false }),
  // A profile applied to every scoped OpenRouter model: a few hundred targets at most.
  Type.Object({ type: Type.Literal("applyRouting"), targets: Type.Array(Type.Object({ target: Target, routing: Type.Union([Routing, Type.Null()]) }, { additionalProperties: false }), { minItems: 1, maxItems: 1000 }), expectedVersion: Version }, { additionalProperties: false }),
]);

const validator = Compile(CommandSchema);

// The schema and the contract describe the same thing; this line fails to compile if they drift.
const _sameShape = (c: Static<typeof CommandSchema>): Command => c as Command;
void _sameShape;

export type CommandCheck = { ok: true; command: Command } | { ok: false; message: string };

export function checkCommand(input: unknown): CommandCheck {
  // The same bound as every API input (api-handlers.ts); the CLI and tests call this directly.
  if (Buffer.byteLength(JSON.stringify(input ?? null)) > MAX_API_INPUT_BYTES) return { ok: false, message: `Command too large (the limit is ${MAX_API_INPUT_BYTES / 1024} KiB).` };
  if (validator.Check(input)) return { ok: true, command: input as Command };
  const first = [...validator.Errors(input)][0] as unknown as { instancePath?: string; message?: string } | undefined;
  const where = first?.instancePath ? ` at ${first.instancePath}` : "";
  return { ok: false, message: `Invalid command${where}: ${first?.message ?? "does not match any command"}.` };
}

/** For the API methods that take a target or a routing object outside a command (routing profiles). */
export { Target as RoutingTargetSchema, Routing as RoutingSchema };
