import { describe, expect, it } from "vitest";
import { SourceLocator } from "../../../../src-main/core/pi/pi-json.js";
import { rulesFor } from "../../../../src-main/core/pi/pi-rules.js";
import { renamedProviderWarnings } from "../../../../src-main/core/pi/renamed-providers.js";

const models = '{\n  "providers": {\n    "azure-openai-responses": { "modelOverrides": { "gpt-4o": { "name": "x" } } }\n  }\n}';
const settings = '{\n  "defaultProvider": "azure-openai-responses",\n  "enabledModels": ["azure/gpt-4o", "azure-openai-responses/gpt-4o"]\n}';
const parsed = { modelsProviders: ["azure-openai-responses"], authProviders: ["azure-openai-responses"], defaultProvider: "azure-openai-responses", enabledModels: ["azure/gpt-4o", "azure-openai-responses/gpt-4o"], modelThinkingLevels: ["azure-openai-responses/gpt-4o"] };

describe("renamedProviderWarnings: names pi no longer knows", () => {
  it("points at every place pi 1.0.3+ ignores the old azure name, with the rename to make", () => {
    const out = renamedProviderWarnings({ models: new SourceLocator(models), settings: new SourceLocator(settings), auth: new SourceLocator('{"azure-openai-responses": {"type": "api_key", "key": "k"}}') }, parsed, rulesFor("1.6.0"));
    expect(out.models).toEqual([{ message: 'pi 1.6.0 renamed the provider "azure-openai-responses" to "azure": this provider entry no longer applies.', path: "providers.azure-openai-responses", hint: 'Rename "azure-openai-responses" to "azure" here.', line: 3, column: 5 }]);
    expect(out.settings.map((w) => [w.path, w.line])).toEqual([["defaultProvider", 2], ["enabledModels.1", 3], ["modelThinkingLevels.azure-openai-responses/gpt-4o", 1]]);
    expect(out.auth.map((w) => w.path)).toEqual(["azure-openai-responses"]);
  });

  it("says nothing to a pi that still has the old name", () => {
    expect(renamedProviderWarnings({ models: new SourceLocator(models), settings: new SourceLocator(settings), auth: null }, parsed, rulesFor("0.87.1"))).toEqual({ models: [], settings: [], auth: [] });
  });
});
