import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { withRequestOrigin } from "@/lib/auth/request-origin";
import { signInRateLimited } from "@/lib/auth/sign-in-limits";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// next-auth runs knowing which address the request came to: a sign-in link opens that address
// when it is one of the portal's own (lib/auth/request-origin.ts).
async function GET(req: Request, ctx: Ctx) {
  return withRequestOrigin(req, () => handler(req, ctx));
}

// Asking for a sign-in link is rate limited per email and per client address (429 + Retry-After).
async function POST(req: Request, ctx: Ctx) {
  return (await signInRateLimited(req)) ?? withRequestOrigin(req, () => handler(req, ctx));
}

export { GET, POST };
