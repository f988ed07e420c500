// Anything under /api/v1 that is not an endpoint: the API's own 404, in its error shape.
import { ApiError } from "@/lib/api/errors";

function unknown(req: Request): Response {
  const url = new URL(req.url);
  const err = new ApiError("resource_missing", `Unrecognized request URL (${req.method} ${url.pathname}). The endpoints are listed at /docs/api.`);
  return Response.json(err.body(), { status: err.status, headers: { "Cache-Control": "no-store" } });
}

export { unknown as GET, unknown as POST, unknown as PUT, unknown as PATCH, unknown as DELETE };
