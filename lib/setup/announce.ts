import "server-only";
import { publicBaseUrl } from "@/lib/http/base-url";
import { issueSetupCode } from "./first-run";

export function announceFirstRun(): void {
  const code = issueSetupCode();
  if (!code) return;
  // The code is a one-time bootstrap secret meant for the operator's console, and only its digest is stored.
  console.log(
    [
      "",
      "  Gatehouse has no users yet. Create the first admin account here:",
      `  ${publicBaseUrl()}/setup?code=${code}`,
      "  The link works once and only until the first account exists.",
      "",
    ].join("\n"),
  );
}
