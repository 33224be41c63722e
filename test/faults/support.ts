/** Shared pieces of the fault tests: calling verify over HTTP and reading what it answered. */
import http from "node:http";

export type Answer = { requestId: string; status: number; active?: boolean; allowed?: boolean; code?: string };

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** POST /api/v1/verify with a request id; resolves with the answer, or null when the connection died first. */
export function postVerify(port: number, credential: string, token: string, requestId: string): Promise<Answer | null> {
  const body = JSON.stringify({ token, method: "tools/list", request_id: requestId });
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: "127.0.0.1",
        port,
        path: "/api/v1/verify",
        method: "POST",
        agent,
        headers: { authorization: `Bearer ${credential}`, "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        let text = "";
        res.on("data", (c: Buffer) => (text += c.toString()));
        res.on("end", () => {
          let parsed: { active?: boolean; allowed?: boolean; error?: { code?: string } } = {};
          try {
            parsed = JSON.parse(text) as typeof parsed;
          } catch {
            // an empty or cut-off body: the status still counts
          }
          resolve({ requestId, status: res.statusCode ?? 0, active: parsed.active, allowed: parsed.allowed, code: parsed.error?.code });
        });
        res.on("error", () => resolve(null));
      },
    );
    req.on("error", () => resolve(null));
    req.end(body);
  });
}

/**
 * Keeps `connections` verify calls in flight until stop() is called; collects every answer.
 * `pickToken(i)` chooses the token of the i-th call.
 */
export function sustainLoad(port: number, credential: string, pickToken: (i: number) => string, prefix: string, connections = 16) {
  const answers: Answer[] = [];
  let sent = 0;
  let stopped = false;
  const loops = Array.from({ length: connections }, async () => {
    while (!stopped) {
      const i = sent++;
      const answer = await postVerify(port, credential, pickToken(i), `${prefix}-${i}`);
      if (answer) answers.push(answer);
      else await new Promise((r) => setTimeout(r, 20)); // the server is down: do not spin
    }
  });
  return {
    answers,
    get sent() {
      return sent;
    },
    async stop() {
      stopped = true;
      await Promise.all(loops);
    },
  };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

export function closeAgent(): void {
  agent.destroy();
}
