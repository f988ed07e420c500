"use client";

import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// A page that failed to render: say so in plain words and offer to try again; never a raw error.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("errors");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">{t("pageTitle")}</h1>
      <p className="mt-2 text-sm text-slate-600">
        {t("pageBody")}
        {error.digest && <span className="mt-2 block text-xs text-slate-500">{t("reference", { digest: error.digest })}</span>}
      </p>
      <Button className="mt-4" onClick={reset}>
        {t("tryAgain")}
      </Button>
    </div>
  );
}
