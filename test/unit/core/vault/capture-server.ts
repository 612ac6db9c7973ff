/**
 * A loopback stand-in for OpenRouter's chat endpoint that records each request's Authorization
 * header and answers with the smallest OpenAI-style SSE completion pi accepts. Enough to prove
 * which key real pi sent; the full fake OpenRouter (test/fake-openrouter) is not needed for that.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedRequest {
  method: string;
  path: string;
  authorization: string | null;
  model: string | null;
}

export interface CaptureServer {
  /** http://127.0.0.1:PORT/openrouter.ai/api/v1: "openrouter.ai" in the URL makes pi treat it as OpenRouter. */
  baseUrl: string;
  requests: CapturedRequest[];
  close(): Promise<void>;
}

function sse(model: string): string {
  const chunk = (delta: object, finish: string | null, extra: object = {}) =>
    `data: ${JSON.stringify({ id: "gen-1", object: "chat.completion.chunk", created: 1, model, choices: [{ index: 0, delta, finish_reason: finish }], ...extra })}\n\n`;
  return (
    chunk({ role: "assistant", content: "hello" }, null) +
    chunk({}, "stop", { usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 } }) +
    "data: [DONE]\n\n"
  );
}

export async function startCaptureServer(): Promise<CaptureServer> {
  const requests: CapturedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let model: string | null = null;
      try {
        model = (JSON.parse(Buffer.concat(chunks).toString("utf8")) as { model?: string }).model ?? null;
      } catch {
        // Not a JSON body (a GET): nothing to record but the header.
      }
      requests.push({ method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization ?? null, model });
      if (req.method === "POST" && req.url?.endsWith("/chat/completions")) {
        res.writeHead(200, { "content-type": "text/event-stream" });
        res.end(sse(model ?? "unknown"));
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(JSON.stringify({ error: { code: 404, message: "not here" } }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/openrouter.ai/api/v1`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
