/**
 * The routing profiles and what they applied, live: fetched once per agent dir, then replaced by every
 * `profiles` event (a profile change, or a snapshot: drift follows models.json) and by the
 * results of the view's own calls.
 */
import { useCallback, useEffect, useState } from "react";
import type { ActionResult, ProfilesState } from "../../../src-main/core/common/index.js";
import { isUnavailable, useSwitchboard } from "../../api/context";

export function useProfiles() {
  const { api, snapshot } = useSwitchboard();
  const agentDir = snapshot?.agentDir;
  const [state, setState] = useState<ProfilesState | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const off = api.on("profiles", setState);
    api.invoke("profilesState", null).then(setState, (e: Error) => setError(isUnavailable(e) ? "Routing profiles are not available in this host." : e.message));
    return off;
    // Another agent dir (Preferences reopened the host): what was applied there is asked afresh.
  }, [api, agentDir]);

  /** Adopts the state a successful call returns; the error message otherwise. */
  const adopt = useCallback((result: ActionResult<ProfilesState>): string | null => {
    if (result.ok) {
      setState(result.value);
      return null;
    }
    return result.error.message;
  }, []);

  return { state, error, adopt };
}
