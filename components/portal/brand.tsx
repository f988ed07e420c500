// The merchant's look on Portico's pages: its colour in place of Portico's (contrast-checked in
// lib/brand/colors.ts) and its mark — the logo when it has one, else its name.
import { brandCss, brandPalette } from "@/lib/brand/colors";

/** Puts the merchant's colour into every `brand-*` class below it (buttons, links, focus rings). */
export function BrandStyle({ color }: { color: string | null }) {
  const palette = brandPalette(color);
  if (palette.source === "default") return null;
  return <style data-testid="brand-style" data-brand={palette[600]} dangerouslySetInnerHTML={{ __html: brandCss(palette) }} />;
}

/** The merchant's logo (with its name for screen readers) or, without one, its name. */
export function MerchantMark({ name, logoUrl, className = "" }: { name: string; logoUrl: string | null; className?: string }) {
  return (
    <span className={`flex min-w-0 items-center gap-2 ${className}`} data-testid="merchant-mark">
      {logoUrl ? (
        // A merchant's logo is any URL it chose: next/image would need each host configured.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={logoUrl} alt="" className="h-6 w-auto max-w-24 shrink-0 object-contain" data-testid="merchant-logo" />
      ) : null}
      <span className="truncate text-sm font-semibold text-brand-700" data-testid="merchant-name">
        {name}
      </span>
    </span>
  );
}
