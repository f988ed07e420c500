export default function AuthLayout({ children }: { children: React.ReactNode }) {
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center px-4 py-12">
      <p className="mb-6 text-center text-sm font-semibold tracking-wide text-brand-700">Billing portal</p>
      <div className="rounded-lg border bg-white p-6 shadow-sm sm:p-8">{children}</div>
    </main>
  );
}
