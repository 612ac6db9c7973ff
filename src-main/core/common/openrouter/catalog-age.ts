/**
 * How old a catalog list is, for people ("just now", "12 min ago", "5 h ago", "3 days ago"):
 * `catalog` prints it and the routing editor's endpoint table shows it. Pure.
 */
export function formatAge(fetchedAt: string | null, now = Date.now()): string {
  if (!fetchedAt) return "never fetched";
  const minutes = Math.max(0, Math.round((now - Date.parse(fetchedAt)) / 60_000));
  if (minutes < 1) return "just now";
  if (minutes < 120) return `${minutes} min ago`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} h ago` : `${Math.round(hours / 24)} days ago`;
}
