// A merchant's brand colour, made safe for the portal: the colour of every primary button, link and
// focus ring, so white text on it and it on white must both stay readable (WCAG AA, 4.5:1). A colour
// too light for that falls back to Portico's own; the lighter tints (selected tab, badges) and the
// darker hover shades are mixed from it.
import { z } from "zod";

/** Portico's own brand colour (app/globals.css `--color-brand-600`). */
export const DEFAULT_BRAND = "#4f46e5";
const MIN_CONTRAST = 4.5;

export const hexColorSchema = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, { message: 'Write a colour as #rrggbb, for example "#0f766e".' })
  .transform((s) => s.toLowerCase());

type Rgb = [number, number, number];

function parse(hex: string): Rgb | null {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex.trim());
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : null;
}

function hex([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

function mix(a: Rgb, b: Rgb, weightOfB: number): Rgb {
  return [0, 1, 2].map((i) => a[i]! + (b[i]! - a[i]!) * weightOfB) as Rgb;
}

/** WCAG relative luminance of an sRGB colour. */
function luminance(rgb: Rgb): number {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as Rgb;
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The WCAG contrast ratio of two #rrggbb colours (1 to 21). */
export function contrastRatio(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) throw new Error(`Not a #rrggbb colour: ${pa ? b : a}`);
  const [hi, lo] = [luminance(pa), luminance(pb)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

type BrandPalette = { 50: string; 100: string; 600: string; 700: string; 800: string; source: "merchant" | "default"; reason?: string };

/**
 * The shades the portal draws with, from the merchant's colour — or Portico's, with the reason,
 * when there is none, it is not a colour, or white text on it would not be readable.
 */
export function brandPalette(color: string | null | undefined): BrandPalette {
  const rgb = color ? parse(color) : null;
  let reason: string | undefined;
  if (!color) reason = "no brand colour set";
  else if (!rgb) reason = `"${color}" is not a #rrggbb colour`;
  else if (contrastRatio(color, "#ffffff") < MIN_CONTRAST) {
    reason = `${color.toLowerCase()} is too light for white text (contrast ${contrastRatio(color, "#ffffff").toFixed(2)}:1, needs ${MIN_CONTRAST}:1)`;
  }
  const base = reason ? parse(DEFAULT_BRAND)! : rgb!;
  const white: Rgb = [255, 255, 255];
  const black: Rgb = [0, 0, 0];
  return {
    50: hex(mix(base, white, 0.92)),
    100: hex(mix(base, white, 0.85)),
    600: hex(base),
    700: hex(mix(base, black, 0.15)),
    800: hex(mix(base, black, 0.3)),
    source: reason ? "default" : "merchant",
    ...(reason ? { reason } : {}),
  };
}

/** The CSS that puts a palette in place of Portico's own (Tailwind's `brand-*` colours read these). */
export function brandCss(p: BrandPalette): string {
  return `:root{--color-brand-50:${p[50]};--color-brand-100:${p[100]};--color-brand-600:${p[600]};--color-brand-700:${p[700]};--color-brand-800:${p[800]}}`;
}
