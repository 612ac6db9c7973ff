/** Inline messages: an error the user can act on (announced), or a quiet success/info line. */
import type { ReactNode } from "react";

export function Notice({ tone, children, onDismiss }: { tone: "error" | "info" | "success" | "warning"; children: ReactNode; onDismiss?: () => void }) {
  return (
    <div className={`notice notice-${tone}`} role={tone === "error" ? "alert" : "status"}>
      <div className="notice-body">{children}</div>
      {onDismiss && (
        <button type="button" className="ghost" onClick={onDismiss} aria-label="Dismiss">
          <span aria-hidden="true">×</span>
        </button>
      )}
    </div>
  );
}

/** What to show when a view has nothing yet: what is missing and how to get it. */
export function EmptyState({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      <div>{children}</div>
    </div>
  );
}
