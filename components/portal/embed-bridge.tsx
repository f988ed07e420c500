"use client";

// The portal inside the merchant's app (an embedded portal link): tells the parent window what
// happened — `portico.ready` when a page opens, `portico.purchase_succeeded` when a payment
// succeeds, `portico.close` when the customer closes the portal — only ever to the merchant's
// allowed origins (a parent at any other origin receives nothing), and offers the Close button.
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect } from "react";

type PortalMessage =
  | { type: "portico.ready"; path: string }
  | { type: "portico.purchase_succeeded"; payment: string; kind: string; amount_cents: string; total: string; invoice: string | null }
  | { type: "portico.close" };

const EVENT = "portico:message";

/** From anywhere in the portal: say something to the merchant's app, when there is one around us. */
function tellParent(message: PortalMessage) {
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent<PortalMessage>(EVENT, { detail: message }));
}

export function EmbedBridge({ origins }: { origins: string[] }) {
  // a refresh of the page hands a new array with the same origins: one listener, one "ready" per page
  const key = origins.join(" ");
  const t = useTranslations("common");
  const pathname = usePathname();
  useEffect(() => {
    if (window.parent === window) return;
    const targets = key.split(" ");
    const onMessage = (e: Event) => {
      for (const origin of targets) window.parent.postMessage((e as CustomEvent<PortalMessage>).detail, origin);
    };
    window.addEventListener(EVENT, onMessage);
    return () => window.removeEventListener(EVENT, onMessage);
  }, [key]);
  // each page the customer opens, including moves inside the portal (the layout stays mounted)
  useEffect(() => tellParent({ type: "portico.ready", path: pathname }), [pathname]);

  return (
    <button
      type="button"
      onClick={() => tellParent({ type: "portico.close" })}
      className="rounded-md border px-3 py-1.5 text-sm font-medium text-slate-700 hover:bg-slate-50"
      data-testid="embed-close"
    >
      {t("close")}
    </button>
  );
}

/** Rendered with a payment that succeeded: tells the merchant's app once. */
export function AnnounceSuccess(props: { payment: string; kind: string; amountCents: string; total: string; invoice: string | null }) {
  const { payment, kind, amountCents, total, invoice } = props;
  useEffect(() => {
    tellParent({ type: "portico.purchase_succeeded", payment, kind, amount_cents: amountCents, total, invoice });
  }, [payment, kind, amountCents, total, invoice]);
  return null;
}
