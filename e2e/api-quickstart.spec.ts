// The README's API quickstart, run as written (bash + curl) against a fresh embedded server — the
// newcomer's path — with the key the first start saved to demo.json; then its portal link is
// opened in Chromium and signs the new customer's owner in.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { expect, test } from "@playwright/test";

const root = path.resolve(import.meta.dirname, "..");

/** curl prints the JSON bodies back to back: split them. */
function jsonValues(text: string): Record<string, unknown>[] {
  const out: Record<string, unknown>[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === "{") {
      if (depth === 0) start = i;
      depth++;
    } else if (c === "}") {
      depth--;
      if (depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
    }
  }
  return out;
}

test("the README's API quickstart works as written, and its portal link signs the customer in", async ({ page, baseURL }) => {
  const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
  const block = /### API quickstart[\s\S]*?```bash\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(block, "README has an API quickstart block").toBeTruthy();
  expect(fs.existsSync(path.join(root, "test-results/e2e-data/demo.json")), "the first start saved the demo key").toBe(true);
  const script = block!.replaceAll("http://localhost:3000", baseURL!).replaceAll("./.data/demo.json", "./test-results/e2e-data/demo.json");
  const output = execFileSync("bash", ["-euo", "pipefail", "-c", script], { cwd: root, encoding: "utf8", timeout: 60_000 });
  const [customer, usage, wallet, capture, portal] = jsonValues(output) as Record<string, any>[]; // eslint-disable-line @typescript-eslint/no-explicit-any

  expect(customer).toMatchObject({ object: "customer", external_id: "globex", subscription: { plan: "creator" } });
  expect(usage!.results.map((r: { status: string; reason: string | null }) => r.reason ?? r.status)).toEqual(["accepted", "unknown_action"]);
  expect(wallet!.usable.available).toMatchObject({ asset: "CREDIT", amount: "970000", formatted: "970 credits" });
  expect(capture).toMatchObject({ object: "hold", status: "captured", captured_quantity: "1", captured_amount: { amount: "25000" } });
  expect(portal).toMatchObject({ object: "portal_session", return_url: "https://example.com/account" });

  await page.goto(portal!.url);
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByTestId("account-name")).toHaveText("Globex");
  await expect(page.getByTestId("balance-plan_credits")).toHaveText("945 credits");
  await expect(page.getByTestId("back-to-merchant")).toHaveAttribute("href", "https://example.com/account");
  await page.screenshot({ path: "test-results/screenshots/quickstart-portal-link.png", fullPage: true });
});
