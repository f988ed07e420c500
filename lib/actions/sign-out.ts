"use server";
// Sign out: clears the caller's own session cookie, nothing else.
import { redirect } from "next/navigation";
import { clearSession } from "@/lib/auth/session-cookie";

export async function signOut() {
  await clearSession();
  redirect("/login");
}
