/** Runs once when the server starts: on an empty database, print the one-time setup link. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { announceFirstRun } = await import("@/lib/setup/announce");
  announceFirstRun();
}
