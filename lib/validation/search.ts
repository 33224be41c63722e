import { z } from "zod";

/** A search box's text: trimmed, bounded, and absent when empty. */
export const searchTextSchema = z
  .string()
  .trim()
  .max(200)
  .transform((q) => q || undefined)
  .optional()
  .catch(undefined);
