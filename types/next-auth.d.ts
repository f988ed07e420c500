import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId?: string;
    customerId: string | null;
    /** Set when signed in through a merchant's portal link (its "Back to …" link). */
    portalSessionId?: string | null;
    /** Signed in inside the merchant's app: the origins allowed to frame the portal. */
    embed?: string[] | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    customerId?: string | null;
    portalSessionId?: string | null;
    embed?: string[] | null;
  }
}
