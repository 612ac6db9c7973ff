/**
 * The routing exactly as written at one place in models.json (the snapshot carries only the
 * merged result per model). Parsed leniently like pi (comments, trailing commas); the lookup is
 * the core's (core/common/profiles/routing-at.ts): for a custom model the last definition of an id wins, as in pi.
 */
import { parse } from "jsonc-parser";
import type { RoutingObject, RoutingTarget } from "../../../src-main/core/common/index.js";
import { writtenRoutingAt } from "../../../src-main/core/common/profiles/routing-at";

export function writtenRouting(text: string | null, target: RoutingTarget): RoutingObject | null {
  if (!text) return null;
  return writtenRoutingAt(parse(text, [], { allowTrailingComma: true }), target);
}
