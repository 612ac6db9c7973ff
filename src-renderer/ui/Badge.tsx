/**
 * A routing badge: short label, colour by kind, the full meaning on hover and for screen readers
 * (role img: a plain span may not carry a name; the name starts with the visible label).
 */
import type { Badge as BadgeData } from "../../src-main/core/common/index.js";
import { visibleText } from "../../src-main/core/common/visible-text";

export function Badge({ badge, detail }: { badge: BadgeData; detail?: string }) {
  // Labels and titles carry slugs from pi's files: invisible and bidi characters are written out.
  const label = visibleText(badge.label);
  const title = detail ? `${visibleText(badge.title)}\n${visibleText(detail)}` : visibleText(badge.title);
  return (
    <span className={`badge badge-${badge.kind}`} role="img" title={title} aria-label={`${label}: ${title}`} data-kind={badge.kind}>
      {label}
    </span>
  );
}
