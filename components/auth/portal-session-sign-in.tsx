"use client";

// Uses a portal link: signs in through next-auth's "portal-session" provider (the token is used
// up on the server), then opens the overview. Runs once, even under React's strict double effects.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useEffect, useRef, useState } from "react";

export function PortalSessionSignIn({ token }: { token: string }) {
  const started = useRef(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void signIn("portal-session", { token, redirect: false, callbackUrl: "/" }).then((res) => {
      if (res?.ok && !res.error) window.location.replace("/");
      else setFailed(true);
    });
  }, [token]);

  if (failed) {
    return (
      <div data-testid="portal-link-refused" data-state="used">
        <h1 className="text-xl font-semibold">This link can no longer be used</h1>
        <p className="mt-2 text-sm text-slate-600">
          It was used a moment ago or has just expired. Open the billing portal again from the app you came from, or sign in with your email.
        </p>
        <Link href="/login" className="mt-6 inline-block rounded-md border px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          Sign in with your email
        </Link>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite">
      <h1 className="text-xl font-semibold">Opening your billing portal…</h1>
      <p className="mt-2 text-sm text-slate-600">Signing you in securely. This takes a second.</p>
    </div>
  );
}
