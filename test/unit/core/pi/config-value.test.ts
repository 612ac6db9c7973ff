import { describe, expect, it } from "vitest";
import { parseTemplate, resolvePlainValue, templateEnvNames, templateResolves } from "../../../../src-main/core/pi/config-value.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";

const PI_1X = rulesFor("1.6.0");
const PI_073 = rulesFor("0.73.1");

describe("config values as pi 0.78+ reads them (parseConfigValueTemplate)", () => {
  it("reads $NAME and ${NAME} from the environment, in order, each once", () => {
    expect(templateEnvNames("$A-${B}-$A")).toEqual(["A", "B"]);
    expect(resolvePlainValue("Bearer ${TOKEN}", { TOKEN: "t" }, PI_1X)).toBe("Bearer t");
  });

  it("keeps $$ and $! as a literal $ and !, and a lone $ as itself", () => {
    expect(parseTemplate("a$$b$!c$")).toEqual([{ literal: "a$b!c$" }]);
    expect(templateEnvNames("$$NOT_A_VAR")).toEqual([]);
    expect(resolvePlainValue("$$NOT_A_VAR", {}, PI_1X)).toBe("$NOT_A_VAR");
  });

  it("takes a bare name as the literal text (not an env var, unlike 0.7x)", () => {
    expect(resolvePlainValue("OPENROUTER_API_KEY", { OPENROUTER_API_KEY: "sk-env" }, PI_1X)).toBe("OPENROUTER_API_KEY");
    expect(resolvePlainValue("OPENROUTER_API_KEY", { OPENROUTER_API_KEY: "sk-env" }, PI_073)).toBe("sk-env");
    expect(resolvePlainValue("$OPENROUTER_API_KEY", { OPENROUTER_API_KEY: "sk-env" }, PI_073)).toBe("$OPENROUTER_API_KEY");
  });

  it("gives nothing when a referenced variable is unset or empty; the credential's own env counts first", () => {
    expect(resolvePlainValue("$MISSING", {}, PI_1X)).toBeUndefined();
    expect(resolvePlainValue("$EMPTY", { EMPTY: "" }, PI_1X)).toBeUndefined();
    expect(templateResolves("${A}", {}, { A: "x" })).toBe(true);
    expect(resolvePlainValue("${A}", { A: "process" }, PI_1X, { A: "own" })).toBe("own");
  });

  it("keeps an unterminated ${ or an invalid name as literal text", () => {
    expect(resolvePlainValue("${OPEN", {}, PI_1X)).toBe("${OPEN");
    expect(resolvePlainValue("${1BAD}", {}, PI_1X)).toBe("${1BAD}");
  });
});
