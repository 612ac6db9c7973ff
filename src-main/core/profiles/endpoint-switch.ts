/**
 * The health watch's one-click fix: pin a degraded model to the endpoint the last check named
 * (PinnedHealth.next) with the "Pinned to provider" profile, the same plan and save the Profiles
 * view makes, so drift and the tray's profile line know it. The answer carries the save's time and
 * version, which find its backup to undo it (common/save-record.ts). Host-neutral: the tray and
 * the window reach it through the API (`healthSwitch`).
 */
import type { ActionResult, Command, EndpointSwitch, HealthReport, ProfilePlan, ProfileScope, Snapshot } from "../common/index.js";
import { PINNED_PROFILE } from "../common/profiles/profile-rules.js";

/** What the switch needs of the profiles feature (profiles-feature.ts, on the host's floor above). */
export interface ProfilePlanner {
  plan(input: { profile: string; provider?: string; scope: ProfileScope }): Promise<ActionResult<ProfilePlan>>;
  apply(input: { profile: string; provider?: string; command: Extract<Command, { type: "applyRouting" }> }): Promise<ActionResult<{ snapshot: Snapshot }>>;
}

export async function switchToNextEndpoint(report: HealthReport, profiles: ProfilePlanner, ref: string, now = () => new Date()): Promise<ActionResult<EndpointSwitch>> {
  const degraded = report.degraded.find((d) => d.ref === ref);
  if (!degraded) return { ok: false, error: { code: "not-found", message: `${ref} was not degraded at the last health check: nothing to switch.` } };
  const next = degraded.health.next;
  if (!next) return { ok: false, error: { code: "not-found", message: `No healthy provider of ${ref} is known: wait, or pick another model.` } };
  const savedAt = now().toISOString();
  const plan = await profiles.plan({ profile: PINNED_PROFILE, provider: next.tag, scope: { kind: "model", ref } });
  if (!plan.ok) return plan;
  if (plan.value.skipped.length && !plan.value.changes.length) return { ok: false, error: { code: "invalid-input", message: plan.value.skipped.map((s) => s.why).join(" ") } };
  const applied = await profiles.apply({ profile: PINNED_PROFILE, provider: next.tag, command: plan.value.command });
  if (!applied.ok) return applied;
  return { ok: true, value: { ref, from: degraded.health.pinned.map((p) => p.tag), to: next.tag, toProvider: next.provider, savedAt, version: applied.value.snapshot.modelsFile.version } };
}
