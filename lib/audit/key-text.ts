/** Splits AUDIT_KEY (comma-separated) or the key file (one a line) into keys, newest first. */
export function parseAuditKeys(text: string): string[] {
  return text.split(/[,\n]/).map((s) => s.trim()).filter((s) => s.length > 0);
}
