import { ENDPOINTS } from "@/lib/api/endpoints";
import { apiRoute } from "@/lib/api/route";
import { usageResultJson } from "@/lib/api/serialize";
import { parseUsageEvent, type ParsedEvent } from "@/lib/api/usage-events";
import { recordUsage, type UsageEventInput } from "@/lib/services/usage";

export const POST = apiRoute(ENDPOINTS.recordUsage, async ({ caller, body, now }) => {
  const parsed: ParsedEvent[] = body.events.map((raw) => parseUsageEvent(raw, now));
  const inputs: UsageEventInput[] = [];
  const positions: number[] = [];
  parsed.forEach((p, i) => {
    if (p.ok) {
      inputs.push(p.input);
      positions.push(i);
    }
  });
  const recorded = inputs.length > 0 ? await recordUsage(caller.merchantId, inputs, { now }) : [];
  const results = parsed.map((p, i) => (p.ok ? null : usageResultJson(i, { id: p.id, status: "rejected", reason: p.reason, message: p.message })));
  recorded.forEach((r, k) => {
    results[positions[k]!] = usageResultJson(positions[k]!, r);
  });
  const count = (status: string) => results.filter((r) => r!.status === status).length;
  return { object: "usage_batch" as const, accepted: count("accepted"), duplicates: count("duplicate"), rejected: count("rejected"), results: results.map((r) => r!) };
});
