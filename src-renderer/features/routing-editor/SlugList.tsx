/**
 * An ordered list of provider slugs (only / order / ignore). Adds come from the model's catalog
 * endpoints when OpenRouter's catalog is available, else from free text; order matters for
 * `order`, so entries can be moved.
 */
import { useState } from "react";
import type { CatalogEndpoint } from "../../../src-main/core/contract";

export function SlugList(props: { label: string; help: string; value: string[]; onChange: (v: string[]) => void; endpoints: CatalogEndpoint[] | null; ordered?: boolean }) {
  const { label, help, value, onChange, endpoints, ordered } = props;
  const [text, setText] = useState("");
  const id = `slugs-${label.replace(/\W+/g, "-")}`;
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
    <fieldset className="field slug-list">
      <legend>{label}</legend>
      <p className="help">{help}</p>
      <ol aria-label={`${label} providers`}>
        {value.map((slug, i) => (
          <li key={slug}>
            <code>{slug}</code>
            {ordered && (
              <>
                <button type="button" className="ghost icon" disabled={i === 0} onClick={() => move(i, -1)} aria-label={`Move ${slug} up in ${label}`}>↑</button>
                <button type="button" className="ghost icon" disabled={i === value.length - 1} onClick={() => move(i, 1)} aria-label={`Move ${slug} down in ${label}`}>↓</button>
              </>
            )}
            <button type="button" className="ghost icon" onClick={() => onChange(value.filter((s) => s !== slug))} aria-label={`Remove ${slug} from ${label}`}>×</button>
          </li>
        ))}
      </ol>
      <div className="row">
        <input
          list={endpoints ? `${id}-options` : undefined}
          aria-label={`Add a provider to ${label}`}
          placeholder={endpoints ? "Pick or type a provider slug" : "Provider slug, e.g. amazon-bedrock"}
          value={text}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add(text);
            }
          }}
        />
        <button type="button" onClick={() => add(text)} disabled={!text.trim()}>Add</button>
      </div>
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
