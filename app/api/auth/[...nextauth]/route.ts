import NextAuth from "next-auth";
import { authOptions } from "@/lib/auth/options";
import { signInRateLimited } from "@/lib/auth/sign-in-limits";

const handler = NextAuth(authOptions);

type Ctx = { params: Promise<{ nextauth: string[] }> };

// Asking for a sign-in link is rate limited per email and per client address (429 + Retry-After).
async function POST(req: Request, ctx: Ctx) {
  return (await signInRateLimited(req)) ?? handler(req, ctx);
}

export { handler as GET, POST };
