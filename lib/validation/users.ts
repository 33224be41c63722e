import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: "Enter a valid email address" }).max(254, "Email is too long"));

export const nameSchema = z.string().trim().min(1, "Enter a name").max(100, "Name is too long (100 characters at most)");

export const passwordSchema = z
  .string()
  .min(12, "Use at least 12 characters")
  .max(256, "Use at most 256 characters");

export const roleSchema = z.enum(["admin", "user"], { message: "Choose admin or user" });

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, "Enter your password").max(256),
});

export const createUserSchema = z.object({ email: emailSchema, name: nameSchema, role: roleSchema });

export const setupSchema = z
  .object({ code: z.string().min(1).max(200), email: emailSchema, name: nameSchema, password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match", path: ["confirm"] });

export const setPasswordSchema = z
  .object({ invite: z.string().min(1).max(200), password: passwordSchema, confirm: z.string() })
  .refine((v) => v.password === v.confirm, { message: "The passwords do not match", path: ["confirm"] });

export const userIdSchema = z.string().regex(/^usr_[0-9A-Za-z]{16}$/, "Unknown user");

export const inviteUserSchema = createUserSchema;

/** A user for a program (users add --service-account, the users page): no role, no password. */
export const serviceAccountSchema = z.object({ email: emailSchema, name: nameSchema });

export const changeRoleSchema = z.object({ userId: userIdSchema, role: roleSchema });

export const setUserStatusSchema = z.object({
  userId: userIdSchema,
  status: z.enum(["active", "disabled"], { message: "Choose active or disabled" }),
});

export const reinviteUserSchema = z.object({ userId: userIdSchema });

export const signOutEverywhereSchema = z.object({ userId: userIdSchema });
/** One session, by the handle the user page shows (lib/users/sessions.ts). */
export const endSessionSchema = z.object({ userId: userIdSchema, handle: z.string().regex(/^[0-9a-f]{16}$/, "Unknown session") });
