/**
 * The quick switcher's own lists of models, kept in the app's preferences (never in pi's files):
 * favourites the user stars, and recents — the models last made pi's default through the app,
 * which the API host records after each successful `useModel` (api-handlers.ts), whichever UI
 * asked (window, popover, tray, serve). Pure and DOM-free: the renderer uses the same functions.
 */

/** Recents shown in the switcher and the tray; older ones fall off. */
export const MAX_RECENT_MODELS = 8;
/** Enough for anyone's shortlist, small enough for a native menu. */
export const MAX_FAVOURITE_MODELS = 50;
/** The longest "provider/id" the API accepts (catalogEndpoints and testStart use the same bound). */
export const MAX_MODEL_REF = 400;

/** A "provider/id" reference: a provider name, a slash, an id (which may hold more slashes). */
export function isModelRef(ref: string): boolean {
  const slash = ref.indexOf("/");
  return slash > 0 && slash < ref.length - 1 && ref.length <= MAX_MODEL_REF && ref.trim() === ref;
}

/** The list with `ref` first and no repeats, cut to `max`. */
export function withRecentModel(recents: readonly string[], ref: string, max = MAX_RECENT_MODELS): string[] {
  return [ref, ...recents.filter((r) => r !== ref)].slice(0, max);
}

/** Adds `ref` at the end (the order the user starred them) or removes it. */
export function toggleFavouriteModel(favourites: readonly string[], ref: string): string[] {
  return favourites.includes(ref) ? favourites.filter((r) => r !== ref) : [...favourites, ref];
}

/** A list as stored: well-formed refs only, each once, at most `max` (the first ones kept). */
export function cleanModelList(list: readonly string[], max: number): string[] {
  return [...new Set(list.map((r) => r.trim()).filter(isModelRef))].slice(0, max);
}
