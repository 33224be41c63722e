// The 32 sign-in clients of ./sign-ins.ts, in a process of their own so that their requests do
// not share an event loop with the load generator whose latencies the bench reports. Forked
// with IPC: started with { base, clients, email }, they sign in back to back until told "stop",
// then send back what happened to every attempt.

/** One wrong-password attempt through Auth.js's credentials flow, as a scripted client makes it, from `address`. */
async function attempt(base, email, i, address) {
  const from = { "x-forwarded-for": address };
  const csrf = await fetch(`${base}/api/auth/csrf`, { headers: from });
  if (csrf.status === 429) {
    await csrf.text();
    return "refused";
  }
  const { csrfToken } = await csrf.json();
  const jar = csrf.headers.getSetCookie().map((c) => c.split(";")[0]);
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { ...from, "content-type": "application/x-www-form-urlencoded", cookie: jar.join("; ") },
    body: new URLSearchParams({ email, password: `wrong-${i}`, csrfToken, callbackUrl: `${base}/` }),
  });
  await res.text();
  if (res.status === 429) return "refused";
  // Auth.js sends a refused credentials sign-in to the error page with the refusal's code.
  return /code=busy/.test(res.headers.get("location") ?? "") ? "busy" : "hashed";
}

/** A private address of its own for every attempt. */
const addressOf = (n) => `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`;

process.once("message", async ({ base, clients, email }) => {
  let signing = true;
  process.once("message", () => (signing = false));
  const times = [];
  let busy = 0;
  let refused = 0;
  let sent = 0;
  const client = async (i) => {
    for (let k = 0; signing; k++) {
      const t0 = performance.now();
      const outcome = await attempt(base, email, i * 1_000_000 + k, addressOf(sent++));
      if (outcome === "busy") busy++;
      else if (outcome === "refused") refused++;
      else times.push(performance.now() - t0);
    }
  };
  process.send("started");
  await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
  process.send({ times, busy, refused }, () => process.exit(0));
});
