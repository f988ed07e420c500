"use client";

import { useEffect } from "react";
import { Button } from "@/components/ui/button";

// A page that failed to render: say so in plain words and offer to try again; never a raw error.
export default function PortalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <div role="alert" className="mx-auto max-w-lg rounded-lg border border-red-200 bg-white p-6 text-center shadow-sm">
      <h1 className="text-lg font-semibold">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-600">
        Something went wrong on our side. Your balances and payments are not affected. Try again in a moment.
        {error.digest && <span className="mt-2 block text-xs text-slate-500">Reference: {error.digest}</span>}
      </p>
      <Button className="mt-4" onClick={reset}>
        Try again
      </Button>
    </div>
  );
}
