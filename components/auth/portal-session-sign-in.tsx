"use client";

// Uses a portal link: signs in through next-auth's "portal-session" provider (the token is used
// up on the server), then opens the overview. Runs once, even under React's strict double effects.
import { signIn } from "next-auth/react";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";

export function PortalSessionSignIn({ token }: { token: string }) {
  const t = useTranslations("auth.portalLink");
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
        <h1 className="text-xl font-semibold">{t("failedTitle")}</h1>
        <p className="mt-2 text-sm text-slate-600">{t("failedBody")}</p>
        <Link href="/login" className="mt-6 inline-block rounded-md border px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50">
          {t("signInWithEmail")}
        </Link>
      </div>
    );
  }
  return (
    <div role="status" aria-live="polite">
      <h1 className="text-xl font-semibold">{t("opening")}</h1>
      <p className="mt-2 text-sm text-slate-600">{t("signingIn")}</p>
    </div>
  );
}
