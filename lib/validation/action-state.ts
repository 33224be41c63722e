import type { z } from "zod";

/** The one shape every server action returns to its form (read with useActionState). */
export type ActionState<T = true> = {
  error?: string;
  fieldErrors?: Partial<Record<string, string>>;
  ok?: T;
  /** Echo of submitted values so a form keeps them after an error. */
  values?: Record<string, string>;
};

export function invalid(error: z.ZodError, values?: Record<string, string>): ActionState<never> {
  const fieldErrors: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    fieldErrors[key] ??= issue.message;
  }
  return { error: "Please correct the highlighted fields.", fieldErrors, values };
}

/** Form fields as plain strings (files are ignored): what zod parses and what the form echoes. */
export function formValues(form: FormData, omit: string[] = ["password", "confirm"]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (typeof value === "string" && !key.startsWith("$") && !omit.includes(key)) out[key] = value;
  }
  return out;
}
