/**
 * The routing editor's warning where pi will not send what is edited: a model on an API other than
 * openai-completions — OpenRouter's Claude models on anthropic-messages (pi ≥ 0.87), or a provider
 * declared so — gets no `provider` object, so its routing is written to models.json and never
 * reaches OpenRouter. Offers the core's one-click fix (model-problems.ts openAiCompletionsFix: the
 * model on openai-completions, which pi routes) through useProblemFix, which shows the diff of
 * models.json before anything is saved.
 */
import type { RoutingTarget, Snapshot } from "../../../src-main/core/common/index.js";
import { visibleText } from "../../../src-main/core/common/visible-text";
import { useProblemFix, type FixOutcome } from "../model-problems/use-problem-fix";
import { modelOf, providerOf } from "./routing-draft";

export function UnsentRoutingNotice({ snapshot, target, onOutcome }: { snapshot: Snapshot; target: RoutingTarget; onOutcome: (outcome: FixOutcome) => void }) {
  const [startFix, dialog] = useProblemFix(onOutcome);
  const model = modelOf(snapshot, target);
  const api = model?.api ?? providerOf(snapshot, target.provider)?.api;
  if (!api || api === "openai-completions") return null;
  const ref = model ? `${model.provider}/${model.id}` : target.provider;
  const problem = model?.problems.find((p) => p.code === "routing-not-sent" && p.fix);
  const whose = model ? "this model's routing" : `the routing of ${visibleText(target.provider)}'s models`;
  return (
    <div className="notice notice-warning unsent-routing" role="status" aria-labelledby="unsent-routing-title">
      <div className="notice-body">
        <p>
          <strong id="unsent-routing-title">pi sends no routing for {api}</strong>: {whose} is saved in models.json, but pi's requests carry no <code>provider</code> object, so OpenRouter picks the provider by its own defaults.
        </p>
        {problem?.fix ? (
          <p className="row">
            <span className="muted">openai-completions is the API pi sends routing with.</span>
            <button type="button" onClick={() => void startFix(ref, problem)} aria-label={`${problem.fix.label} (${visibleText(ref)}): preview the change`}>
              {problem.fix.label}…
            </button>
          </p>
        ) : (
          <p className="muted">{model ? 'Route it through a provider with "api": "openai-completions" and baseUrl https://openrouter.ai/api/v1.' : "Open one of its models to switch it to openai-completions, which pi routes."}</p>
        )}
      </div>
      {dialog}
    </div>
  );
}
