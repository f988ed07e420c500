// A unit word agreeing with its count, in English: "1 call", "574 calls", "2 GB-hours", "3 queries".
// A label already plural ("credits", "API calls") stays as it is. (Other languages come with their
// translations and Intl.PluralRules; this is the English rule the catalogue's unit labels follow.)
export function unitWord(label: string, quantity: bigint | number): string {
  if (BigInt(quantity) === 1n || label === "" || /s$/.test(label)) return label;
  if (/[^aeiou]y$/.test(label)) return `${label.slice(0, -1)}ies`;
  if (/(x|ch|sh)$/.test(label)) return `${label}es`;
  return `${label}s`;
}

/** "574 API calls" — the count in the reader's locale and the word agreeing with it. */
export function countOf(quantity: bigint | number, label: string, locale = "en-US"): string {
  return `${new Intl.NumberFormat(locale).format(quantity)} ${unitWord(label, quantity)}`;
}
