"use client";
import { useState, useTransition } from "react";
import { sandboxPaymentAction } from "./actions";

export function SandboxPaymentButtons({ providerPaymentId }: { providerPaymentId: string }) {
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const act = (action: "refund" | "refund_half" | "dispute") =>
    start(async () => {
      const r = await sandboxPaymentAction({ providerPaymentId, action });
      setMessage(r.message);
    });
  return (
    <div className="flex flex-wrap gap-2">
      <button type="button" disabled={pending} className="rounded border px-2 py-1 hover:bg-slate-50" onClick={() => act("refund")}>
        Refund
      </button>
      <button type="button" disabled={pending} className="rounded border px-2 py-1 hover:bg-slate-50" onClick={() => act("refund_half")}>
        Refund half
      </button>
      <button type="button" disabled={pending} className="rounded border px-2 py-1 hover:bg-slate-50" onClick={() => act("dispute")}>
        Dispute
      </button>
      {message && <span role="status" className="text-xs text-slate-600">{message}</span>}
    </div>
  );
}
