"use client";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useAccountId } from "@/components/portal/account-scope";
import { answerChallenge } from "@/lib/actions/answer-challenge";
import { Button } from "@/components/ui/button";

export function ChallengeButtons({ paymentId, back, canAnswer }: { paymentId: string; back: string; canAnswer: boolean }) {
  const t = useTranslations("payments.challenge");
  const router = useRouter();
  const accountId = useAccountId();
  const [pending, start] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const answer = (passed: boolean) =>
    start(async () => {
      const r = await answerChallenge({ accountId, paymentId, passed });
      // replace, not push: Back from the outcome must not land on a live challenge again
      if (r.ok) router.replace(back);
      else setError(r.message);
    });
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        <Button onClick={() => answer(true)} disabled={pending || !canAnswer} aria-busy={pending}>
          {t("complete")}
        </Button>
        <Button variant="danger" onClick={() => answer(false)} disabled={pending || !canAnswer}>
          {t("fail")}
        </Button>
      </div>
      {pending && <p role="status" className="text-sm text-slate-600">{t("confirming")}</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
