import { EmptyState } from "@/components/ui/empty-state";
import { LinkButton } from "@/components/ui/link-button";

export default function NotFound() {
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <EmptyState title="There is nothing here for this account." action={<LinkButton href="/">Back to the overview</LinkButton>}>
        The link may be old, or it belongs to another account.
      </EmptyState>
    </div>
  );
}
