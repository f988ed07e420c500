// The API descriptions are one-line strings with only inline Markdown (`code`, **bold**, [text](url)):
// a small renderer for exactly those, so no raw backticks reach the page. Anything else is text.
import type { ReactNode } from "react";

const TOKEN = /`([^`]+)`|\*\*([^*]+)\*\*|\[([^\]]+)\]\(([^)\s]+)\)/g;

export function inlineMarkdown(text: string): ReactNode[] {
  const out: ReactNode[] = [];
  let last = 0;
  let i = 0;
  for (const m of text.matchAll(TOKEN)) {
    if (m.index > last) out.push(text.slice(last, m.index));
    const key = `md${i++}`;
    if (m[1] !== undefined) out.push(<code key={key} className="rounded bg-slate-100 px-1 font-mono text-[0.85em] [overflow-wrap:anywhere]">{m[1]}</code>);
    else if (m[2] !== undefined) out.push(<strong key={key}>{m[2]}</strong>);
    else {
      const href = m[4] ?? "";
      const safe = /^(https?:\/\/|\/|#)/.test(href) ? href : undefined;
      out.push(safe ? <a key={key} href={safe} className="underline">{m[3]}</a> : m[3]);
    }
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push(text.slice(last));
  return out;
}

export function Md({ children }: { children: string | undefined }) {
  return <>{children ? inlineMarkdown(children) : null}</>;
}
