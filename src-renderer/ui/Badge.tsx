/**
 * A routing badge: short label, colour by kind, the full meaning on hover and for screen readers
 * (role img: a plain span may not carry a name; the name starts with the visible label).
 */
import type { Badge as BadgeData } from "../../src-main/core/contract";

export function Badge({ badge, detail }: { badge: BadgeData; detail?: string }) {
  const title = detail ? `${badge.title}\n${detail}` : badge.title;
  return (
    <span className={`badge badge-${badge.kind}`} role="img" title={title} aria-label={`${badge.label}: ${title}`} data-kind={badge.kind}>
      {badge.label}
    </span>
  );
}
