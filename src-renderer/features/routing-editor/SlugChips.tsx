/**
 * A list of provider slugs (only / order / ignore) as chips. While the user types, the slug is
 * checked against the model's endpoints (core/common/openrouter/slug-check.ts, the same check as
 * `catalog --check`): a typo such as "deepinfar" gets "did you mean deepinfra" and a one-click
 * fix, and a chip that names no endpoint stays flagged with its fix until it is changed.
 */
import { useId, useState } from "react";
import type { CatalogEndpoint } from "../../../src-main/core/common/index.js";
import { checkRoutingSlugs, type SlugProblem } from "../../../src-main/core/common/openrouter/slug-check";
import type { SlugField } from "./routing-draft";

export function SlugChips(props: {
  field: SlugField;
  help: string;
  value: string[];
  onChange: (v: string[]) => void;
  /** null: no catalog for this target, so slugs cannot be checked. */
  endpoints: CatalogEndpoint[] | null;
  modelId: string | null;
  problems: SlugProblem[];
  onFix: (problem: SlugProblem) => void;
  ordered?: boolean;
}) {
  const { field, help, value, onChange, endpoints, modelId, problems, onFix, ordered } = props;
  const [text, setText] = useState("");
  const id = useId();
  const typed = text.trim();
  const typedProblem = typed && endpoints && modelId ? (checkRoutingSlugs({ [field]: [typed] }, endpoints, modelId)[0] ?? null) : null;
  const add = (slug: string) => {
    const s = slug.trim();
    if (s && !value.includes(s)) onChange([...value, s]);
    setText("");
  };
  const move = (i: number, by: number) => {
    const next = [...value];
    const [item] = next.splice(i, 1);
    next.splice(i + by, 0, item!);
    onChange(next);
  };
  return (
    <fieldset className="field slug-chips">
      <legend>{field}</legend>
      <p className="help">{help}</p>
      <ol className="chips" aria-label={`${field} providers`}>
        {value.map((slug, i) => {
          const problem = problems.find((p) => p.slug === slug);
          return (
            <li key={slug} className={problem ? "chip chip-warn" : "chip"}>
              {ordered && <span className="chip-rank" aria-hidden="true">{i + 1}</span>}
              <code>{slug}</code>
              {ordered && (
                <>
                  <button type="button" className="ghost icon" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${slug} up in ${field}`}>↑</button>
                  <button type="button" className="ghost icon" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${slug} down in ${field}`}>↓</button>
                </>
              )}
              <button type="button" className="ghost icon" onClick={() => onChange(value.filter((s) => s !== slug))} aria-label={`Remove ${slug} from ${field}`}>×</button>
              {problem && (
                <span className="chip-problem">
                  {problem.suggestion ? (
                    <>
                      not a provider here; did you mean <code>{problem.suggestion}</code>?{" "}
                      <button type="button" className="small" onClick={() => onFix(problem)}>Use {problem.suggestion}</button>
                    </>
                  ) : (
                    "not a provider of this model"
                  )}
                </span>
              )}
            </li>
          );
        })}
      </ol>
      <div className="row">
        <input
          list={endpoints ? `${id}-options` : undefined}
          aria-label={`Add a provider to ${field}`}
          aria-describedby={typedProblem ? `${id}-check` : undefined}
          placeholder={endpoints ? "Type or pick a slug" : "e.g. amazon-bedrock"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(text);
            }
          }}
        />
        <button type="button" onClick={() => add(text)} disabled={!typed}>Add</button>
      </div>
      {typedProblem && (
        <p id={`${id}-check`} className="slug-check" role="status">
          “{typed}” is not a provider of {modelId}.
          {typedProblem.suggestion ? (
            <>
              {" "}Did you mean <code>{typedProblem.suggestion}</code>?{" "}
              <button type="button" className="small" onClick={() => add(typedProblem.suggestion!)}>Add {typedProblem.suggestion}</button>
            </>
          ) : (
            " Pick one from the table above."
          )}
        </p>
      )}
      {endpoints && (
        <datalist id={`${id}-options`}>
          {endpoints.map((e) => (
            <option key={e.slug} value={e.slug}>{`${e.providerName} · ${e.quantization ?? "?"}`}</option>
          ))}
        </datalist>
      )}
    </fieldset>
  );
}
