import autocannon from "autocannon";

export type LoadResult = {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  answered: number;
  statuses: Record<string, number>;
};

type Req = { method: "GET" | "POST"; path: string; headers?: Record<string, string>; body: () => string };

/** Runs autocannon against url with requests produced by `next`, after a warm-up; returns its figures. */
export async function runLoad(opts: {
  name: string;
  url: string;
  request: Req;
  connections: number;
  seconds: number;
  warmupSeconds: number;
}): Promise<{ measured: LoadResult; warmupAnswered: number }> {
  const once = (duration: number) =>
    autocannon({
      url: opts.url,
      connections: opts.connections,
      duration,
      requests: [
        {
          method: opts.request.method,
          path: opts.request.path,
          headers: opts.request.headers,
          setupRequest: (req: autocannon.Request) => (opts.request.method === "POST" ? { ...req, body: opts.request.body() } : req),
        },
      ],
    });
  const warm = await once(opts.warmupSeconds);
  const r = await once(opts.seconds);
  const statuses: Record<string, number> = {};
  for (const k of ["1xx", "2xx", "3xx", "4xx", "5xx"] as const) statuses[k] = r[k];
  return {
    warmupAnswered: answered(warm),
    measured: {
      name: opts.name,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors: r.errors + r.timeouts,
      non2xx: r.non2xx,
      answered: answered(r),
      statuses,
    },
  };
}

/**
 * Sends exactly `amount` requests and waits for every answer, so that the server's audit
 * events can be compared one for one with the answers received. `limited` counts the 429s:
 * past a rate limit, refusals are counted into summaries rather than written one row each.
 */
export async function runExact(opts: { url: string; request: Req; connections: number; amount: number }): Promise<{ answered: number; limited: number }> {
  const r = await autocannon({
    url: opts.url,
    connections: opts.connections,
    amount: opts.amount,
    requests: [
      {
        method: opts.request.method,
        path: opts.request.path,
        headers: opts.request.headers,
        setupRequest: (req: autocannon.Request) => (opts.request.method === "POST" ? { ...req, body: opts.request.body() } : req),
      },
    ],
  });
  return { answered: answered(r), limited: r.statusCodeStats?.["429"]?.count ?? 0 };
}

function answered(r: autocannon.Result): number {
  return r["1xx"] + r["2xx"] + r["3xx"] + r["4xx"] + r["5xx"];
}
