"use client";

import { signOut, useSession } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { Role } from "@/lib/auth/roles";

type Props = {
  email: string;
  current: string;
  memberships: { customerId: string; customerName: string; role: Role }[];
};

export function AccountMenu({ email, current, memberships }: Props) {
  const { update } = useSession();
  const router = useRouter();
  const [switching, setSwitching] = useState(false);

  async function switchTo(customerId: string) {
    setSwitching(true);
    await update({ customerId });
    // Pages name records of one account: start again from the new account's overview.
    router.push("/");
    router.refresh();
    setSwitching(false);
  }

  return (
    <div className="flex flex-wrap items-center gap-3 text-sm">
      {memberships.length > 1 ? (
        <label className="flex items-center gap-2">
          <span className="sr-only">Customer account</span>
          <select
            value={current}
            disabled={switching}
            onChange={(e) => switchTo(e.target.value)}
            className="max-w-56 rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
            aria-label="Switch customer account"
          >
            {memberships.map((m) => (
              <option key={m.customerId} value={m.customerId}>
                {m.customerName} ({m.role})
              </option>
            ))}
          </select>
        </label>
      ) : null}
      <span className="hidden text-slate-600 sm:inline">{email}</span>
      <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100">
        Sign out
      </button>
    </div>
  );
}
