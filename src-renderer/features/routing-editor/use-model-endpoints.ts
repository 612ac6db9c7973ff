/**
 * A model's endpoints from OpenRouter's catalog for the routing editor: loaded when the target
 * changes (the cache answers at once when it has the model), refreshed on demand, with the
 * list's age and source and an error the user can act on. null model: nothing to load (a
 * provider-level target has no one model).
 */
import { useCallback, useEffect, useRef, useState } from "react";
import type { ModelEndpoints } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";

export interface EndpointsState {
  data: ModelEndpoints | null;
  loading: boolean;
  /** The catalog could not be asked at all (not the same as OpenRouter being unreachable, which data.error says). */
  failure: string | null;
  refresh(): void;
}

export function useModelEndpoints(modelId: string | null): EndpointsState {
  const { api } = useSwitchboard();
  const [data, setData] = useState<ModelEndpoints | null>(null);
  const [loading, setLoading] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const current = useRef(modelId);
  current.current = modelId;

  const load = useCallback(
    (id: string, refresh: boolean) => {
      setLoading(true);
      setFailure(null);
      api.invoke("catalogModelEndpoints", { modelId: id, refresh }).then(
        (answer) => current.current === id && (setData(answer), setLoading(false)),
        (e: Error) => {
          if (current.current !== id) return;
          setLoading(false);
          setFailure(isUnavailable(e) ? "The OpenRouter catalog is not available here: type provider slugs (e.g. amazon-bedrock, novita/fp8)." : `Could not read the catalog: ${e.message}. Try Refresh; meanwhile type provider slugs.`);
        },
      );
    },
    [api],
  );

  useEffect(() => {
    current.current = modelId;
    setData(null);
    setFailure(null);
    if (modelId) load(modelId, false);
    else setLoading(false);
    // An answer that arrives after the editor moved on or closed is dropped, never set on an unmounted view.
    return () => {
      current.current = null;
    };
  }, [modelId, load]);

  const refresh = useCallback(() => modelId && load(modelId, true), [modelId, load]);
  return { data: data?.modelId === modelId ? data : null, loading, failure, refresh };
}
