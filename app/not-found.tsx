import Link from "next/link";

export const metadata = { title: "Not found" };

export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12 text-center">
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="mt-2 text-sm text-slate-600">The address may be mistyped, or the page has moved.</p>
      <p className="mt-6">
        <Link className="font-medium text-brand-700 underline" href="/">
          Go to your billing portal
        </Link>
      </p>
    </main>
  );
}
