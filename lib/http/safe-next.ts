/** Only same-site paths may follow sign-in; anything else (//evil.com, https://…) goes home. */
export function safeNextPath(value: FormDataEntryValue | string | null | undefined): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") ? v : "/";
}
