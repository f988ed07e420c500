// "Back to <merchant>" — shown when the customer came in through the merchant's portal link
// with a return_url (POST /api/v1/portal_sessions), for the account that link opened.
import { getTranslations } from "next-intl/server";
import { getSession } from "@/lib/auth/session";
import { customerReads } from "@/lib/services/portal";

export async function BackToMerchant({ customerId }: { customerId: string }) {
  const session = await getSession();
  if (!session?.portalSessionId) return null;
  const link = await customerReads({ customerId }).returnLink(session.portalSessionId);
  if (!link) return null;
  const t = await getTranslations("common");
  return (
    <a href={link.url} className="text-sm font-medium text-brand-700 underline-offset-2 hover:underline" data-testid="back-to-merchant">
      {t("backTo", { merchant: link.merchantName })}
    </a>
  );
}
