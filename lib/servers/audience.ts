/**
 * The identifier a token's audience names for a server (RFC 8707 resource, RFC 7662 `aud`): the
 * canonical URL of an HTTP server; a stdio server, which has no URL, is known by its slug.
 */
export function serverAudience(server: { url: string | null; slug: string }): string {
  return server.url ?? server.slug;
}
