"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Button } from "@/components/ui/button";

export function LoginForm({ callbackUrl = "/" }: { callbackUrl?: string }) {
  const t = useTranslations("auth.signIn");
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) {
      setError(t("invalidEmail"));
      return;
    }
    setError(null);
    setPending(true);
    const res = await signIn("email", { email: email.trim(), callbackUrl, redirect: false });
    if (res?.error) {
      setPending(false);
      const limited = /^RateLimited_(\d+)$/.exec(res.error);
      const minutes = limited ? Math.ceil(Number(limited[1]) / 60) : 0;
      setError(limited ? t("rateLimited", { minutes }) : t("sendFailed"));
      return;
    }
    router.push(`/login/check-email?email=${encodeURIComponent(email.trim())}`);
  }

  return (
    <form onSubmit={submit} className="space-y-4" noValidate>
      <div>
        <label htmlFor="email" className="block text-sm font-medium text-slate-700">
          {t("email")}
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="email"
          required
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "email-error" : undefined}
          className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-base shadow-sm"
        />
        {error && (
          <p id="email-error" role="alert" className="mt-2 text-sm text-red-700">
            {error}
          </p>
        )}
      </div>
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? t("sending") : t("submit")}
      </Button>
    </form>
  );
}
