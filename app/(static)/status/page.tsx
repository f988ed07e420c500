// A static page (prerendered at build time): a public "the portal is up" check for load
// balancers, and the static baseline of `npm run bench:portal`.
export const dynamic = "force-static";
export const metadata = { title: "Status" };

export default function StatusPage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12 text-center">
      <h1 className="text-xl font-semibold">Billing portal</h1>
      <p className="mt-2 text-sm text-slate-600">The portal is up. Sign in to see your usage, balance and invoices.</p>
      <p className="mt-6">
        <a className="font-medium text-brand-700 underline" href="/login">
          Sign in
        </a>
      </p>
    </main>
  );
}
