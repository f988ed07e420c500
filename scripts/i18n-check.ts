// `npm run i18n:check`: fails (exit 1) when a language lacks a message English has (see lib/i18n/check.ts).
import { checkMessages } from "@/lib/i18n/check";

const problems = checkMessages();
if (problems.length) {
  console.error(`Missing or broken translations (${problems.length}):\n${problems.map((p) => `  ${p}`).join("\n")}`);
  process.exit(1);
}
console.log("Translations: every key in every language.");
