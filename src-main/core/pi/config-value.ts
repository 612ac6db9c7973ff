/**
 * pi's config values (apiKey, header values, auth.json keys) as text, under the detected pi's
 * rules; pi's resolve-config-value.ts. Before 0.77 a value is an env var's name when that var is
 * set, else the literal. From 0.77 (parseConfigValueTemplate) `$NAME` and `${NAME}` read the
 * environment and `$$` and `$!` escape a literal `$`/`!`; from 0.79.4 everything else is literal. `!command`
 * (either way) is never run here: describing is key-source.ts's job, running resolve-key.ts's.
 */
import type { PiRules } from "./pi-rules.js";

type Part = { literal: string } | { env: string };

const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME_PREFIX = /^[A-Za-z_][A-Za-z0-9_]*/;

/** pi's parseConfigValueTemplate (0.78): literal runs and env references, in order. */
export function parseTemplate(value: string): Part[] {
  const parts: Part[] = [];
  const literal = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && "literal" in last) last.literal += text;
    else parts.push({ literal: text });
  };
  let index = 0;
  while (index < value.length) {
    const dollar = value.indexOf("$", index);
    if (dollar < 0) {
      literal(value.slice(index));
      break;
    }
    literal(value.slice(index, dollar));
    const next = value[dollar + 1];
    if (next === "$" || next === "!") {
      literal(next);
      index = dollar + 2;
    } else if (next === "{") {
      const end = value.indexOf("}", dollar + 2);
      if (end < 0) {
        literal("$");
        index = dollar + 1;
        continue;
      }
      const name = value.slice(dollar + 2, end);
      if (NAME.test(name)) parts.push({ env: name });
      else literal(value.slice(dollar, end + 1));
      index = end + 1;
    } else {
      const match = NAME_PREFIX.exec(value.slice(dollar + 1));
      if (match) {
        parts.push({ env: match[0] });
        index = dollar + 1 + match[0].length;
      } else {
        literal("$");
        index = dollar + 1;
      }
    }
  }
  return parts;
}

/** The env var names a template value reads, each once, in order. */
export function templateEnvNames(value: string): string[] {
  const names: string[] = [];
  for (const part of parseTemplate(value)) if ("env" in part && !names.includes(part.env)) names.push(part.env);
  return names;
}

/** An env value as pi reads it: the credential's own env first, then the process's; empty is unset. */
const envValue = (name: string, env: NodeJS.ProcessEnv, extra: Record<string, string>) => extra[name] || env[name] || undefined;

/**
 * A non-command value's text under the rules, or undefined where pi gets none (a template whose
 * env var is unset). Commands are the caller's business.
 */
export function resolvePlainValue(value: string, env: NodeJS.ProcessEnv, rules: Pick<PiRules, "configValues">, extra: Record<string, string> = {}): string | undefined {
  if (rules.configValues === "name-or-literal") return env[value] || value;
  // 0.77.0–0.79.3: a bare name that is a set env var still reads it (the legacy fallback).
  if (rules.configValues === "template-or-name" && env[value]) return env[value];
  let out = "";
  for (const part of parseTemplate(value)) {
    if ("literal" in part) out += part.literal;
    else {
      const found = envValue(part.env, env, extra);
      if (found === undefined) return undefined;
      out += found;
    }
  }
  return out;
}

/** Whether every env var a template reads is set. */
export function templateResolves(value: string, env: NodeJS.ProcessEnv, extra: Record<string, string> = {}): boolean {
  return templateEnvNames(value).every((name) => envValue(name, env, extra) !== undefined);
}
