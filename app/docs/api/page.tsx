// The merchant API, for people: every endpoint with its fields, an example and its errors —
// rendered from the same OpenAPI document (and so the same zod schemas) the API runs on.
import { ENDPOINTS, isWrite, type Endpoint } from "@/lib/api/endpoints";
import { buildOpenApi, errorCodeTable } from "@/lib/api/openapi";
import { USAGE_REJECT_REASONS } from "@/lib/api/schemas";
import { headers } from "next/headers";
import { CopyButton } from "@/components/docs/copy-button";
import { Md } from "@/components/docs/inline-markdown";
import { WEBHOOK_EVENT_TYPES, examplePayload } from "./webhook-events";
import { TBody, THead, Table, Td, Th, Tr } from "@/components/ui/table";

export const metadata = { title: "Merchant API" };
// Rendered per request: the examples use the address the portal is served at (NEXTAUTH_URL, else
// the request's own host, like the sign-in link).
export const dynamic = "force-dynamic";

type Schema = {
  $ref?: string;
  type?: string | string[];
  anyOf?: Schema[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  description?: string;
  default?: unknown;
  format?: string;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
};

const refName = (ref: string) => ref.split("/").pop()!;

function typeOf(s: Schema): string {
  if (s.$ref) return refName(s.$ref);
  if (s.const !== undefined) return JSON.stringify(s.const);
  if (s.enum) return s.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (s.anyOf) return s.anyOf.map(typeOf).join(" | ");
  if (s.type === "array" && s.items) return `${typeOf(s.items)}[]`;
  if (Array.isArray(s.type)) return s.type.join(" | ");
  if (s.format) return `${s.type} (${s.format})`;
  return s.type ?? "any";
}

function limits(s: Schema): string {
  const parts: string[] = [];
  if (s.minLength !== undefined || s.maxLength !== undefined) parts.push(`${s.minLength ?? 0}–${s.maxLength ?? "∞"} chars`);
  if (s.minimum !== undefined || s.maximum !== undefined) parts.push(`${s.minimum ?? "−∞"}–${s.maximum?.toLocaleString("en-US") ?? "∞"}`);
  if (s.maxItems !== undefined) parts.push(`at most ${s.maxItems.toLocaleString("en-US")}`);
  if (s.default !== undefined) parts.push(`default ${JSON.stringify(s.default)}`);
  return parts.join(", ");
}

function Fields({ schema, components, seen = [] }: { schema: Schema; components: Record<string, Schema>; seen?: string[] }) {
  const resolved = schema.$ref ? components[refName(schema.$ref)] : schema;
  if (!resolved?.properties) return null;
  const nested: string[] = [];
  const rows = Object.entries(resolved.properties).map(([name, prop]) => {
    const inner = prop.$ref ?? (prop.type === "array" ? prop.items?.$ref : undefined) ?? prop.anyOf?.find((a) => a.$ref)?.$ref;
    if (inner && !["Amount"].includes(refName(inner)) && !seen.includes(refName(inner)) && !nested.includes(refName(inner))) nested.push(refName(inner));
    return (
      <Tr key={name} className="border-t align-top">
        <Td className="py-2 pr-3 font-mono text-xs">
          <span className="break-all">{name}</span>
          {(resolved.required ?? []).includes(name) ? <span className="block whitespace-nowrap text-red-700">required</span> : <span className="block whitespace-nowrap text-slate-500" data-testid="optional">optional</span>}
        </Td>
        <Td className="py-2 pr-3 font-mono text-xs text-slate-600 break-all">{typeOf(prop)}</Td>
        <Td className="py-2 text-sm text-slate-700">
          <Md>{prop.description}</Md>
          {limits(prop) && <span className="block text-xs text-slate-500">{limits(prop)}</span>}
        </Td>
      </Tr>
    );
  });
  return (
    <>
      <div className="overflow-x-auto"><Table>
        <THead>
          <Tr className="text-xs uppercase tracking-wide text-slate-500">
            <Th className="py-1 pr-3">Field</Th>
            <Th className="py-1 pr-3">Type</Th>
            <Th className="py-1">Meaning</Th>
          </Tr>
        </THead>
        <TBody>{rows}</TBody>
      </Table></div>
      {nested.map((n) => (
        <div key={n} className="mt-3 ml-4 border-l pl-4">
          <p className="text-xs font-semibold text-slate-600">{n}</p>
          <Fields schema={{ $ref: `#/components/schemas/${n}` }} components={components} seen={[...seen, n, ...nested]} />
        </div>
      ))}
    </>
  );
}

function Code({ children, label }: { children: string; label: string }) {
  return (
    <div className="relative min-w-0 rounded-md bg-slate-900">
      <div className="flex justify-end px-2 pt-2">
        <CopyButton text={children} label={`Copy ${label}`} />
      </div>
      <pre className="max-w-full overflow-x-auto px-3 pb-3 text-xs leading-relaxed text-slate-100" data-testid="code">{children}</pre>
    </div>
  );
}

async function baseUrl(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return process.env.NEXTAUTH_URL.replace(/\/$/, "");
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

function curlFor(e: Endpoint, base: string): string {
  const path = e.path.replace("{id}", e.path.startsWith("/holds") ? "hld_…" : e.path.startsWith("/webhook_endpoints") ? "we_…" : "ext:pixel") + (e.example?.query ? `?${e.example.query}` : "");
  const lines = [`curl ${e.method !== "GET" ? `-X ${e.method} ` : ""}${base}/api/v1${path} \\`, `  -H "Authorization: Bearer $SK"${isWrite(e.method) ? " \\" : ""}`];
  if (isWrite(e.method)) {
    lines.push(`  -H "Content-Type: application/json" -H "Idempotency-Key: $(uuidgen)"${e.example?.body ? " \\" : ""}`);
    if (e.example?.body) lines.push(`  -d '${JSON.stringify(e.example.body)}'`);
  }
  return lines.join("\n");
}

export default async function ApiDocsPage() {
  const base = await baseUrl();
  const doc = buildOpenApi(base) as { components: { schemas: Record<string, Schema> } };
  const components = doc.components.schemas;
  const endpoints = Object.values(ENDPOINTS) as Endpoint[];
  const tags = [...new Set(endpoints.map((e) => e.tag))];
  const anchor = (e: Endpoint) => e.id;
  return (
    <div className="mx-auto max-w-7xl px-4 py-10 lg:grid lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8">
      <aside className="hidden lg:block">
        <nav aria-label="Endpoints" className="sticky top-4 max-h-[calc(100vh-2rem)] overflow-y-auto rounded-lg border bg-white p-4" data-testid="endpoints-sidebar">
          <p className="mb-2 text-sm font-semibold">Endpoints</p>
          <ul className="space-y-1">
          {endpoints.map((e) => (
            <li key={e.id}>
              <a href={`#${anchor(e)}`} className="block break-all font-mono text-xs hover:underline">
                <span className={e.method === "GET" ? "text-emerald-700" : "text-brand-700"}>{e.method}</span> {e.path}
              </a>
            </li>
          ))}
          <li className="pt-2"><a href="#webhooks" className="text-sm hover:underline">Webhook events</a></li>
          <li><a href="#errors" className="text-sm hover:underline">Error codes</a></li>
          </ul>
        </nav>
      </aside>
      <div className="min-w-0">
      <header className="mb-8">
        <p className="text-sm font-semibold tracking-wide text-brand-700">Portico</p>
        <h1 className="text-3xl font-semibold">Merchant API</h1>
        <p className="mt-2 max-w-3xl text-slate-700">
          Send usage, ask whether a customer may run an action, reserve and capture, read wallets, and open the billing portal for your signed-in users. JSON over HTTPS under{" "}
          <code className="[overflow-wrap:anywhere] font-mono text-sm">{base}/api/v1</code>. Machine-readable: <a className="underline" href="/api/v1/openapi.json">openapi.json</a> (OpenAPI 3.1).
        </p>
      </header>

      <details className="mb-8 rounded-lg border bg-white p-4 lg:hidden" data-testid="endpoints-menu">
        <summary className="cursor-pointer text-sm font-semibold">Endpoints</summary>
        <nav aria-label="Endpoints (menu)">
          <ul className="mt-2 space-y-1">
          {endpoints.map((e) => (
            <li key={e.id}>
              <a href={`#${anchor(e)}`} className="block break-all font-mono text-xs hover:underline">
                <span className={e.method === "GET" ? "text-emerald-700" : "text-brand-700"}>{e.method}</span> {e.path}
              </a>
            </li>
          ))}
          <li className="pt-2"><a href="#webhooks" className="text-sm hover:underline">Webhook events</a></li>
          <li><a href="#errors" className="text-sm hover:underline">Error codes</a></li>
          </ul>
        </nav>
      </details>

      <section aria-labelledby="basics" className="mb-12 space-y-3 text-slate-700">
        <h2 id="basics" className="text-xl font-semibold text-slate-900">The basics</h2>
        <ul className="list-disc space-y-2 pl-5">
          <li>
            <strong>Authentication:</strong> <code className="[overflow-wrap:anywhere] font-mono text-sm">Authorization: Bearer sk_test_…</code>. Keys are shown once when created (
            <code className="[overflow-wrap:anywhere] font-mono text-sm">npm run keys:create -- --merchant mer_demo --name &quot;My server&quot;</code>) and stored only as a hash.
          </li>
          <li>
            <strong>Customers</strong> are named by Portico&apos;s id (<code className="[overflow-wrap:anywhere] font-mono text-sm">cus_…</code>) or by yours: <code className="[overflow-wrap:anywhere] font-mono text-sm">ext:&lt;external_id&gt;</code>. Another merchant&apos;s customer is a 404, like one that does not exist.
          </li>
          <li>
            <strong>Amounts</strong> are objects <code className="[overflow-wrap:anywhere] font-mono text-sm">{`{ "asset": "CREDIT", "amount": "1500", "scale": 3, "formatted": "1.5 credits" }`}</code>: the integer in minor units as a string (USD micros, milli-credits, API calls), its scale, and a display string.
          </li>
          <li>
            <strong>Idempotency:</strong> every POST and PATCH accepts <code className="[overflow-wrap:anywhere] font-mono text-sm">Idempotency-Key</code>. The same key with the same request replays the first response (header <code className="[overflow-wrap:anywhere] font-mono text-sm">Idempotent-Replayed: true</code>) for at least 24 hours; with a different request it is a 409. Usage events are idempotent by their own <code className="[overflow-wrap:anywhere] font-mono text-sm">id</code> as well.
          </li>
          <li>
            <strong>Rate limit:</strong> 100 requests per second per key (bursts of 200); beyond it, 429 with <code className="[overflow-wrap:anywhere] font-mono text-sm">Retry-After</code>.
          </li>
        </ul>
      </section>

      {tags.map((tag) => (
        <section key={tag} aria-labelledby={`tag-${tag}`} className="mb-12">
          <h2 id={`tag-${tag}`} className="mb-4 text-xl font-semibold">
            {tag}
          </h2>
          <div className="space-y-8">
            {endpoints
              .filter((e) => e.tag === tag)
              .map((e) => (
                <article key={e.id} id={anchor(e)} className="rounded-lg border bg-white p-5 shadow-sm" data-testid="api-endpoint">
                  <h3 className="break-all font-mono text-base font-semibold">
                    <span className={e.method === "GET" ? "text-emerald-700" : "text-brand-700"}>{e.method}</span> /api/v1{e.path}
                  </h3>
                  <p className="mt-1 font-medium">{e.summary}</p>
                  <p className="mt-2 text-sm text-slate-700"><Md>{e.description}</Md></p>
                  {isWrite(e.method) && (
                    <div className="mt-4">
                      <h4 className="mb-1 text-sm font-semibold">Body</h4>
                      <Fields schema={(buildSchemaRef(e, components))} components={components} />
                    </div>
                  )}
                  {e.method === "GET" && e.id === "listCustomers" && (
                    <div className="mt-4">
                      <h4 className="mb-1 text-sm font-semibold">Query</h4>
                      <ul className="list-disc pl-5 text-sm text-slate-700">
                        <li><code className="[overflow-wrap:anywhere] font-mono">limit</code> — 1–100, default 20</li>
                        <li><code className="[overflow-wrap:anywhere] font-mono">starting_after</code> — a customer id: the page after it (use <code className="[overflow-wrap:anywhere] font-mono">next_cursor</code>)</li>
                        <li><code className="[overflow-wrap:anywhere] font-mono">external_id</code> — only the customer with this external id</li>
                      </ul>
                    </div>
                  )}
                  <div className="mt-4">
                    <h4 className="mb-1 text-sm font-semibold">Returns {e.status}</h4>
                    {e.file ? (
                      <p className="text-sm text-slate-700">
                        The file itself, <code className="font-mono">{e.file}</code>.
                      </p>
                    ) : (
                      <Fields schema={{ $ref: `#/components/schemas/${responseId(e)}` }} components={components} seen={[responseId(e)]} />
                    )}
                  </div>
                  <div className="mt-4 grid gap-3 xl:grid-cols-2 [&>*]:min-w-0">
                    <div>
                      <h4 className="mb-1 text-sm font-semibold">Example request</h4>
                      <Code label="request">{curlFor(e, base)}</Code>
                    </div>
                    {e.example && (
                      <div>
                        <h4 className="mb-1 text-sm font-semibold">Example response</h4>
                        <Code label="response">{JSON.stringify(e.example.response, null, 2)}</Code>
                      </div>
                    )}
                  </div>
                  {e.errors.length > 0 && (
                    <p className="mt-3 text-sm text-slate-600">
                      Errors:{" "}
                      {e.errors.map((c, i) => (
                        <span key={c}>
                          {i > 0 && ", "}
                          <a href={`#error-${c}`} className="font-mono underline">
                            {c}
                          </a>
                        </span>
                      ))}
                    </p>
                  )}
                </article>
              ))}
          </div>
        </section>
      ))}

      <section aria-labelledby="usage-reasons" className="mb-12">
        <h2 id="usage-reasons" className="mb-2 text-xl font-semibold">Why a usage event or an authorization is refused</h2>
        <p className="mb-3 text-sm text-slate-700">The <code className="[overflow-wrap:anywhere] font-mono">reason</code> of a rejected event (and of <code className="[overflow-wrap:anywhere] font-mono">allowed: false</code>):</p>
        <ul className="grid gap-1 font-mono text-sm sm:grid-cols-2">
          {USAGE_REJECT_REASONS.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="webhooks" className="mb-12">
        <h2 id="webhooks" className="mb-2 text-xl font-semibold">Webhook events</h2>
        <p className="mb-3 text-sm text-slate-700">
          Portico POSTs each event as JSON, signed in <code className="[overflow-wrap:anywhere] font-mono">Portico-Signature: t=…,v1=…</code> (HMAC-SHA256 of <code className="[overflow-wrap:anywhere] font-mono">t.body</code>). A delivery may arrive more than once: dedupe on <code className="[overflow-wrap:anywhere] font-mono">id</code> (also in <code className="[overflow-wrap:anywhere] font-mono">Portico-Event-Id</code>).
        </p>
        <div className="space-y-4">
          {WEBHOOK_EVENT_TYPES.map((t) => (
            <div key={t} id={`event-${t}`} data-testid="webhook-event" className="min-w-0">
              <h3 className="mb-1 font-mono text-sm font-semibold">{t}</h3>
              <Code label={`${t} example`}>{JSON.stringify(examplePayload(t), null, 2)}</Code>
            </div>
          ))}
        </div>
      </section>

      <section aria-labelledby="errors" className="mb-12">
        <h2 id="errors" className="mb-2 text-xl font-semibold">Error codes</h2>
        <p className="mb-3 text-sm text-slate-700">
          Errors are <code className="[overflow-wrap:anywhere] font-mono">{`{"error":{"type","code","message","param"}}`}</code>. Branch on <code className="[overflow-wrap:anywhere] font-mono">code</code>: it is stable.
        </p>
        <div className="overflow-x-auto">
        <Table className="text-sm">
          <THead>
            <Tr className="text-xs uppercase tracking-wide text-slate-500">
              <Th className="py-1 pr-3">Status</Th>
              <Th className="py-1 pr-3">Code</Th>
              <Th className="hidden py-1 pr-3 sm:table-cell">Type</Th>
              <Th className="py-1">Meaning</Th>
            </Tr>
          </THead>
          <TBody>
            {errorCodeTable().map((e) => (
              <Tr key={e.code} id={`error-${e.code}`} className="border-t align-top">
                <Td className="py-2 pr-3">{e.status}</Td>
                <Td className="py-2 pr-3 font-mono text-xs break-all">{e.code}</Td>
                <Td className="hidden py-2 pr-3 font-mono text-xs text-slate-600 break-all sm:table-cell">{e.type}</Td>
                <Td className="py-2"><Md>{e.description}</Md></Td>
              </Tr>
            ))}
          </TBody>
        </Table>
        </div>
      </section>
      </div>
    </div>
  );
}

function responseId(e: Endpoint): string {
  const id = (e.response as unknown as { meta?: () => { id?: string } | undefined }).meta?.()?.id;
  return id ?? "Error";
}

function buildSchemaRef(e: Endpoint, components: Record<string, Schema>): Schema {
  const id = ((e.docBody ?? e.body) as unknown as { meta?: () => { id?: string } | undefined }).meta?.()?.id;
  return id && components[id] ? { $ref: `#/components/schemas/${id}` } : { properties: {} };
}
