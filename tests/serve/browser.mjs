// The practitioner's and policy lead's flow in a real browser: Debian's
// chromium, headless, driven by playwright-core (it never downloads a
// browser). Sign in, open a case, read the suggestion, override with a
// reason, approve as an approver, read the report as a policy lead. Each
// page is screenshotted under the given folder and checked for its key
// text; axe-core finds no serious or critical violation on any page; the
// page breaks no rule of the Content-Security-Policy; and the whole flow
// is done a second time with the keyboard alone.
//   node browser.mjs BASE_URL SCREENSHOT_DIR
import { chromium } from "playwright-core";
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { createRequire } from "node:module";

const [base, shots] = process.argv.slice(2);
const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const pass = { prac: "practitioner-pass-1", appr: "approver-pass-12", lead: "policy-lead-pass-1" };
mkdirSync(shots, { recursive: true });

let failures = 0, checks = 0;
function check(ok, what) {
  checks++;
  if (!ok) { failures++; console.log(`FAIL browser: ${what}`); }
}

const profile = mkdtempSync(join(tmpdir(), "threshold-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1280, height: 900 },
});
const cspViolations = [];
context.on("console", (m) => { if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text()); });

// Key text on the page, a screenshot, and axe's verdict.
async function page_ok(page, name, texts) {
  const body = await page.locator("body").innerText();
  for (const t of texts) check(body.includes(t), `${name}: the page shows "${t}"`);
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
  const result = await page.evaluate(async (src) => {
    (0, eval)(src);   // evaluated by the test, not loaded by the page: the CSP stays strict
    const r = await window.axe.run(document, { runOnly: ["wcag2a", "wcag2aa", "best-practice"] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length,
                                     help: v.help, target: v.nodes[0] && v.nodes[0].target }));
  }, axeSource);
  const serious = result.filter((v) => v.impact === "serious" || v.impact === "critical");
  check(serious.length === 0, `${name}: axe: ${JSON.stringify(serious)}`);
}

async function signIn(page, who) {
  await page.goto(`${base}/cases`);
  await page.getByLabel("Account name").fill(who);
  await page.getByLabel("Password").fill(pass[who]);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/cases/);
}

async function signOut(page) {
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/\/login/);
}

// --- the flow with a mouse --------------------------------------------------
const page = await context.newPage();
await page.goto(`${base}/cases`);
check(page.url().includes("/login"), "no session: the browser is sent to sign in");
await page_ok(page, "01-login", ["Sign in", "Account name", "Password"]);
await signIn(page, "prac");
await page_ok(page, "02-cases", ["Cases", "EX-03", "Suggested pathway", "Open questions"]);
await page.getByRole("link", { name: "EX-03", exact: true }).click();
await page.waitForURL(/\/cases\/EX-03$/);
await page_ok(page, "03-case", ["Suggested pathway", "Child in need (s17)", "Why",
  "Why not Child protection", "Questions that could change the suggestion",
  "Flags and timescales", "Next steps", "Graded Care Profile over time", "History",
  "Record my decision", "This is a suggestion to support professional judgement"]);
check(await page.locator("svg.gcp2").count() === 1, "the GCP2 chart is an SVG on the page");
check(await page.locator("#override-fields.hidden").count() === 1, "the script hides the override fields");
await page.getByLabel("I override it").check();
check(await page.locator("#override-fields.hidden").count() === 0, "choosing override shows its fields");
await page.getByLabel("My pathway").selectOption("child_protection");
await page.getByLabel("Type of override").selectOption("discretionary");
await page.getByLabel("Reason").fill("Disclosure at nursery this morning");
await page.getByRole("button", { name: "Record my decision" }).click();
await page.waitForURL(/waiting=1/);
await page_ok(page, "04-override-waiting", ["Your override waits for an approver",
  "Disclosure at nursery this morning", "waiting"]);
await signOut(page);

await signIn(page, "appr");
await page.getByRole("link", { name: "Approvals" }).click();
await page_ok(page, "05-approvals", ["Overrides waiting for approval", "EX-03",
  "Disclosure at nursery this morning", "discretionary"]);
await page.getByRole("button", { name: "Approve" }).first().click();
await page.waitForURL(/done=1/);
await page_ok(page, "06-approved", ["the override is settled"]);
await page.goto(`${base}/cases/EX-03`);
await page_ok(page, "07-case-decided", ["Override: Child protection (s47)", "approved"]);
await signOut(page);

await signIn(page, "lead");
await page.getByRole("link", { name: "Caseload report" }).click();
await page_ok(page, "08-report", ["Caseload report", "Pathway mix", "Flags", "Override rates",
  "By rule", "By type", "discretionary, approved"]);
check(await page.locator("svg.bars").count() >= 4, "the report's charts are SVG");
await page.getByRole("link", { name: "Rule change preview" }).click();
await page.getByLabel("Compare with").selectOption("staffordshire");
await page.getByRole("button", { name: "Preview" }).click();
await page.waitForURL(/with=staffordshire/);
await page_ok(page, "09-rule-change", ["Transition matrix", "cases would move"]);
await signOut(page);

// --- the same flow by keyboard alone ---------------------------------------
const kb = await context.newPage();
const key = (k) => kb.keyboard.press(k);
// Tab until the focused element satisfies test (at most 300 presses).
async function tabTo(what, test) {
  for (let i = 0; i < 300; i++) {
    await key("Tab");
    if (await kb.evaluate(test)) return true;
  }
  check(false, `keyboard: could not reach ${what} with Tab`);
  return false;
}
const focusedText = (t) => new Function(`const a = document.activeElement;
  return !!a && (a.innerText || a.value || "").trim() === ${JSON.stringify(t)};`);
const focusedId = (id) => new Function(`return document.activeElement && document.activeElement.id === ${JSON.stringify(id)};`);
async function kbSignIn(who) {
  await kb.goto(`${base}/login`);   // the address bar: the one step not in the page
  // autofocus lands once the page has settled: wait for it (5 s), never assume
  const focused = await kb.waitForFunction(focusedId("name"), undefined, { timeout: 5000 })
    .then(() => true, () => false);
  check(focused, "keyboard: the sign-in form has focus first");
  await kb.keyboard.type(who);
  await key("Tab");
  await kb.keyboard.type(pass[who]);
  await key("Enter");
  await kb.waitForURL(/\/cases/);
}
async function kbSignOut() {
  await tabTo("Sign out", focusedText("Sign out"));
  await key("Enter");
  await kb.waitForURL(/\/login/);
}

await kbSignIn("prac");
await tabTo("case EX-05", focusedText("EX-05"));
await key("Enter");
await kb.waitForURL(/\/cases\/EX-05$/);
await tabTo("the agree choice", focusedId("choice-agree"));
await key("ArrowDown");                       // radio group: to "I override it"
check(await kb.evaluate(() => document.getElementById("choice-override").checked), "keyboard: override chosen");
await key("Tab");                             // My pathway
check(await kb.evaluate(focusedId("level")), "keyboard: the pathway follows the choice");
await key("End");                             // the last, child protection
await key("Tab");                             // type: discretionary is first
await key("Tab");
check(await kb.evaluate(focusedId("reason")), "keyboard: the reason follows the type");
await kb.keyboard.type("Keyboard only: risk from a new partner");
await key("Tab");
await key("Enter");
await kb.waitForURL(/waiting=1/);
check((await kb.locator("body").innerText()).includes("Your override waits for an approver"),
      "keyboard: the override is recorded");
await page_ok(kb, "10-keyboard-override", ["Keyboard only: risk from a new partner"]);
await kbSignOut();
await kbSignIn("appr");
await tabTo("Approvals", focusedText("Approvals"));
await key("Enter");
await kb.waitForURL(/\/approvals$/);
await tabTo("Approve", focusedText("Approve"));
await key("Enter");
await kb.waitForURL(/done=1/);
await kbSignOut();
await kbSignIn("lead");
await tabTo("Caseload report", focusedText("Caseload report"));
await key("Enter");
await kb.waitForURL(/\/report$/);
await page_ok(kb, "11-keyboard-report", ["Override rates", "discretionary, approved"]);

check(cspViolations.length === 0, `no Content-Security-Policy violations: ${cspViolations.join(" | ")}`);
await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`browser: ${checks - failures} passed, ${failures} failed; screenshots in ${shots}`);
process.exit(failures ? 1 : 0);
