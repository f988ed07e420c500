// Pages of the portal need a signed-in user; everything else (sign-in, the merchant API, provider
// webhooks, portal links, the API docs, the dev outbox) handles its own authentication.
import { withAuth } from "next-auth/middleware";

export default withAuth({ pages: { signIn: "/login" } });

export const config = {
  matcher: ["/((?!login|api/|dev/|docs/api|portal-session|status|_next/|favicon.ico|icon.svg|robots.txt).*)"],
};
