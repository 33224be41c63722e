import "server-only";
import { tokenSecrets } from "@/db/schema";
import type { Tx } from "@/db/transaction";
import { newId } from "@/lib/ids";
import { credentialHint, digestCredential, generateCredential, TOKEN_PREFIX } from "./format";

/**
 * Creates a token's new current secret and returns its plaintext: the only moment it exists.
 * Only the digest and the display hint are stored.
 */
export function insertCurrentSecret(tx: Tx, tokenId: string, createdBy: string, now: Date): { secret: string; hint: string } {
  const secret = generateCredential(TOKEN_PREFIX);
  const hint = credentialHint(secret);
  tx.insert(tokenSecrets)
    .values({ id: newId("sec"), tokenId, secretHash: digestCredential(secret), hint, createdAt: now, createdBy, expiresAt: null })
    .run();
  return { secret, hint };
}
