// A unit word agreeing with its count, in English: "1 call", "574 calls", "2 GB-hours", "3 queries".
// A label already plural ("credits", "API calls") stays as it is. (Other languages come with the
// merchant's translations and Intl.PluralRules: lib/billing/action-words.ts.)
export function unitWord(label: string, quantity: bigint | number): string {
  if (BigInt(quantity) === 1n || label === "" || /s$/.test(label)) return label;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(x|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}

