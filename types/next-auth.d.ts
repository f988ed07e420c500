import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface Session {
    userId?: string;
    customerId: string | null;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    customerId?: string | null;
  }
}
