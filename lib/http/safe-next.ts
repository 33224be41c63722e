// A Location header takes printable ASCII only; the paths Gatehouse builds are percent-encoded.
const PRINTABLE_ASCII = /^[\x21-\x7e]*$/;

/**
 * Only same-site paths may follow sign-in; anything else (//evil.com, https://…, non-ASCII or
 * control characters, which would make the redirect fail) goes home.
 */
export function safeNextPath(value: FormDataEntryValue | string | null | undefined): string {
  const v = typeof value === "string" ? value : "";
  return v.startsWith("/") && !v.startsWith("//") && !v.startsWith("/\\") && PRINTABLE_ASCII.test(v) ? v : "/";
}
