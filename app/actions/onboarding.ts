"use server";

import { revalidatePath } from "next/cache";
import { requireAdmin } from "@/lib/auth/session";
import { dismissGettingStarted } from "@/lib/onboarding/getting-started";

export async function dismissGettingStartedAction(): Promise<void> {
  const admin = await requireAdmin();
  dismissGettingStarted(admin);
  revalidatePath("/tokens");
}
