"use client";
// Tells the server the browser's time zone (the portico_tz cookie), so times of day are written in
// it when the account has not chosen one. When the page was drawn in another zone because the
// server did not have the browser's yet (first visit, or the laptop travelled), it is drawn again
// once. A cookie the server already had and still drew otherwise (a zone its Intl does not know)
// is not a reason to draw again, so this never loops.
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { TIME_ZONE_COOKIE } from "@/lib/i18n/time-zones";

export function TimeZoneCookie({ shown, fixed }: { shown: string; fixed: boolean }) {
  const router = useRouter();
  useEffect(() => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone) return;
    const sent = document.cookie.split("; ").includes(`${TIME_ZONE_COOKIE}=${zone}`);
    // IANA names are cookie-safe as they are (letters, digits, "/", "_", "+", "-")
    if (!sent) document.cookie = `${TIME_ZONE_COOKIE}=${zone}; path=/; max-age=31536000; samesite=lax`;
    if (!sent && !fixed && zone !== shown) router.refresh();
  }, [shown, fixed, router]);
  return null;
}
