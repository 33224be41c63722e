import "server-only";
import { z } from "zod";
import { users } from "@/db/schema";
import { transact } from "@/db/transaction";
import { recordAudit } from "@/lib/audit/writer";
import { hashPassword } from "@/lib/auth/password";
import type { RequestContext } from "@/lib/http/request-context";
import { newId } from "@/lib/ids";
import { deleteSetting, readSetting, writeSetting } from "@/lib/settings/store";
import { randomBase62 } from "@/lib/tokens/base62";
import { digestCredential, matchesDigest } from "@/lib/tokens/format";
import { countUsers } from "@/lib/users/queries";

const SETUP_KEY = "setup_code";
const digestSchema = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * On an empty database: a fresh one-time setup code (only its digest is stored) for the
 * console to print. Returns null once any user exists: the setup URL is then dead.
 */
export function issueSetupCode(): string | null {
  if (countUsers() > 0) return null;
  const code = randomBase62(32);
  transact((tx) => writeSetting(tx, SETUP_KEY, digestCredential(code), null));
  return code;
}

export function isSetupCodeValid(code: string): boolean {
  if (countUsers() > 0) return false;
  const stored = readSetting(SETUP_KEY, digestSchema, "");
  if (!stored || code.length > 200) return false;
  return matchesDigest(code, stored);
}

export class SetupClosedError extends Error {
  constructor() {
    super("This setup link is no longer valid.");
  }
}

/** Creates the first admin; the code is checked again inside the transaction. */
export async function completeSetup(
  input: { code: string; email: string; name: string; password: string },
  ctx: RequestContext,
): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  return transact((tx) => {
    if (!isSetupCodeValid(input.code)) throw new SetupClosedError();
    const id = newId("usr");
    tx.insert(users).values({ id, email: input.email, name: input.name, role: "admin", passwordHash }).run();
    deleteSetting(tx, SETUP_KEY);
    const actor = { type: "user" as const, id, name: input.email };
    recordAudit(tx, { type: "setup.completed", actor, subjectUserId: id, decision: "success", ...ctx });
    recordAudit(tx, { type: "user.created", actor, subjectUserId: id, decision: "success", details: { role: "admin", via: "setup" }, ...ctx });
    return { id };
  });
}
