"use client";
// One account preference picked from a list, or Automatic (""): the language and the time zone
// (Settings). Controlled, so the choice stays shown after saving (a form action resets
// uncontrolled fields); a refusal is said under the field.
import { useActionState, useState } from "react";
import { AccountField } from "@/components/portal/account-scope";
import { Button } from "@/components/ui/button";

type Result = { ok: true; message: string } | { ok: false; message: string };
type Option = { value: string; label: string; lang?: string };

export function PreferenceForm(props: {
  save: (prev: Result | null, form: FormData) => Promise<Result>;
  /** The field's id and form name, e.g. "language" / "locale". */
  id: string;
  name: string;
  label: string;
  automatic: string;
  options: readonly Option[];
  current: string | null;
  readOnly: boolean;
  saveLabel: string;
  help?: string;
  testId: string;
}) {
  const [state, action, pending] = useActionState<Result | null, FormData>(props.save, null);
  const [value, setValue] = useState(props.current ?? "");
  const disabled = props.readOnly || pending;
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <AccountField />
      <div className="min-w-0 max-w-full">
        <label htmlFor={props.id} className="block text-sm font-medium">
          {props.label}
        </label>
        <select id={props.id} name={props.name} value={value} onChange={(e) => setValue(e.target.value)} disabled={disabled} aria-describedby={props.help ? `${props.id}-help` : undefined} className="mt-1 max-w-full rounded-md border border-slate-300 px-3 py-2">
          <option value="">{props.automatic}</option>
          {props.options.map((o) => (
            <option key={o.value} value={o.value} lang={o.lang}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" disabled={disabled} data-testid={`save-${props.testId}`}>
        {props.saveLabel}
      </Button>
      {props.help && (
        <p id={`${props.id}-help`} className="w-full text-sm text-slate-600">
          {props.help}
        </p>
      )}
      {state && !state.ok && (
        <p role="alert" className="w-full text-sm text-red-700" data-testid={`${props.testId}-result`}>
          {state.message}
        </p>
      )}
    </form>
  );
}
