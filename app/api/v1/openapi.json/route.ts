// The OpenAPI 3.1 document (public: it describes the API, it reveals no data).
import { buildOpenApi } from "@/lib/api/openapi";

export function GET(req: Request) {
  const base = process.env.NEXTAUTH_URL ?? new URL(req.url).origin;
  return Response.json(buildOpenApi(base), { headers: { "Cache-Control": "public, max-age=300" } });
}
