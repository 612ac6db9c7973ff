/**
 * Reads an HTTP answer's body with a byte cap: `res.json()` buffers whatever arrives, and a 64 MiB
 * answer to the credits check grew the app to 420 MB (an endless one would take it all). The body
 * is streamed, counted as it comes, and cancelled the moment it passes the cap — a Content-Length
 * over the cap is refused before a byte is read. Used for every answer from OpenRouter's API
 * (key-info.ts, generation.ts, catalog.ts, vault/key-check.ts).
 */

/** /key, /credits, /generation: a few hundred bytes each; anything near this is not OpenRouter's answer. */
export const SMALL_ANSWER_MAX_BYTES = 4 * 1024 * 1024;
/** /models (400+ models of ~3 KB: about 1.5 MB today) and /models/{id}/endpoints: room to grow twentyfold. */
export const CATALOG_ANSWER_MAX_BYTES = 32 * 1024 * 1024;

export class AnswerTooLargeError extends Error {
  constructor(
    readonly url: string,
    readonly maxBytes: number,
  ) {
    super(`The answer from ${url} was larger than ${maxBytes / 1024 / 1024} MiB, so the app stopped reading it. OpenRouter's answers are far smaller: something between the app and OpenRouter (a proxy, PI_SWITCHBOARD_OPENROUTER_URL) sent it. Try again later, or check that address.`);
  }
}

/** The body as text, at most `maxBytes` of it; past that the stream is cancelled and AnswerTooLargeError thrown. */
export async function readCappedText(res: Response, maxBytes: number): Promise<string> {
  const declared = Number(res.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel().catch(() => undefined);
    throw new AnswerTooLargeError(res.url, maxBytes);
  }
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new AnswerTooLargeError(res.url, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}

/** The body parsed as JSON, read with readCappedText's cap; a body that is not JSON throws a SyntaxError. */
export async function readCappedJson(res: Response, maxBytes: number): Promise<unknown> {
  return JSON.parse(await readCappedText(res, maxBytes)) as unknown;
}
