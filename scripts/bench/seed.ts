/**
 * Seeds a benchmark database: 5 MCP servers (each with a credential, a read tool and a write
 * tool), 100 users and 10,000 tokens (mixed scopes and audiences), plus revoked tokens for the
 * "bad tokens" scenario. Writes rows directly: this is a fixture, not an admin flow.
 */
import { openDatabase } from "@/db/client";
import { mcpServers, serverCredentials, tokenSecrets, tokenServers, tokens, tools, users } from "@/db/schema";
import { newId } from "@/lib/ids";
import { credentialHint, digestCredential, generateCredential } from "@/lib/tokens/format";

export type BenchFixture = {
  servers: { id: string; slug: string; credential: string }[];
  valid: { token: string; scope: "read" | "write"; serverIndexes: number[] }[];
  revoked: string[];
};

export function seedBenchDatabase(file: string, tokenCount = 10_000): BenchFixture {
  const db = openDatabase(file);
  const fixture: BenchFixture = { servers: [], valid: [], revoked: [] };
  const day = 24 * 60 * 60 * 1000;
  db.transaction((tx) => {
    for (let i = 0; i < 5; i++) {
      const id = newId("srv");
      const credential = generateCredential("mcps_");
      tx.insert(mcpServers).values({ id, slug: `bench-${i}`, name: `Bench server ${i}`, url: `http://127.0.0.1:${9000 + i}/mcp`, deployment: "remote", acceptsOAuth: true }).run();
      tx.insert(serverCredentials).values({ id: newId("crd"), serverId: id, secretHash: digestCredential(credential), hint: credentialHint(credential) }).run();
      for (const [name, cls] of [["list_notes", "read"], ["add_note", "write"]] as const) {
        tx.insert(tools).values({ id: newId("tool"), serverId: id, name, accessClass: cls, classSource: "annotation", reportedClass: cls }).run();
      }
      fixture.servers.push({ id, slug: `bench-${i}`, credential });
    }
    const userIds: string[] = [];
    for (let u = 0; u < 100; u++) {
      const id = newId("usr");
      tx.insert(users).values({ id, email: `bench-${u}@example.com`, name: `Bench user ${u}`, role: "user" }).run();
      userIds.push(id);
    }
    for (let t = 0; t < tokenCount + 500; t++) {
      const id = newId("tok");
      const token = generateCredential("mcpt_");
      const scope = t % 2 === 0 ? "read" : "write";
      const bound = t % 3 === 0 ? [t % 5] : null; // a third bound to one server, the rest to all
      const revoked = t >= tokenCount;
      tx.insert(tokens)
        .values({
          id,
          ownerId: userIds[t % userIds.length]!,
          name: `bench token ${t}`,
          scope,
          allServers: bound === null,
          expiresAt: new Date(Date.now() + 90 * day),
          createdBy: "bench",
          revokedAt: revoked ? new Date() : null,
          revokeReason: revoked ? "bench" : null,
        })
        .run();
      for (const s of bound ?? []) tx.insert(tokenServers).values({ tokenId: id, serverId: fixture.servers[s]!.id }).run();
      tx.insert(tokenSecrets).values({ id: newId("sec"), tokenId: id, secretHash: digestCredential(token), hint: credentialHint(token) }).run();
      if (revoked) fixture.revoked.push(token);
      else fixture.valid.push({ token, scope, serverIndexes: bound ?? [0, 1, 2, 3, 4] });
    }
  });
  db.$client.close();
  return fixture;
}
