// What the Plan page's actions accept: a plan code and the form key rendered with the page, never a price.
import { revalidatePath } from "next/cache";
import { z } from "zod";

export const planCode = z.string().regex(/^[a-z0-9_]{1,64}$/);

/** The pages a plan change shows on. */
export function revalidatePlanPages() {
  for (const path of ["/plan", "/", "/invoices", "/billing"]) revalidatePath(path);
}
