/**
 * Edits may only narrow a token: write → read, all servers → some, some → fewer.
 * Widening would grant new power under an existing secret, so it means issuing a new token.
 */
export type Reach = { scope: "read" | "write"; allServers: boolean; serverIds: readonly string[] };

/** Null when `next` is the same as or narrower than `current`; otherwise why it is refused. */
export function widening(current: Reach, next: Reach): string | null {
  if (current.scope === "read" && next.scope === "write") {
    return "A read token cannot become write. Issue a new token instead.";
  }
  if (!current.allServers && next.allServers) {
    return "A token bound to some servers cannot be opened to all. Issue a new token instead.";
  }
  if (!next.allServers && next.serverIds.length === 0) return "Choose at least one server.";
  if (!current.allServers) {
    const allowed = new Set(current.serverIds);
    if (next.serverIds.some((id) => !allowed.has(id))) {
      return "Servers can only be removed from a token, not added. Issue a new token instead.";
    }
  }
  return null;
}
