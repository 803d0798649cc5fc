// Each document threshold doc wrote, in a real browser: Debian's chromium,
// headless, driven by playwright-core (from tests/serve's npm packages; it
// never downloads a browser). The page is loaded from file://; it must
// render (a title, headings, a body of text), its text must hold every
// rule, flag and table name of the set (SET.names.json, read from the rule
// files by check.py), it must hold no script, and it must ask for nothing
// beyond its own file. A screenshot of its first screens, and one as it
// prints, are kept beside it.
//   node browser.mjs OUTDIR SET...
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "serve", "package.json"));
const { chromium } = require("playwright-core");
const [out, ...sets] = process.argv.slice(2);

let failures = 0;
function check(ok, what) {
  if (!ok) { failures++; console.log(`FAIL doc browser: ${what}`); }
}

const profile = mkdtempSync(join(tmpdir(), "threshold-doc-chromium-"));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  viewport: { width: 1100, height: 1500 },
});
try {
  for (const set of sets) {
    const file = resolve(out, `${set}.html`);
    const url = pathToFileURL(file).href;
    const names = JSON.parse(readFileSync(join(out, `${set}.names.json`), "utf8"));
    const page = await context.newPage();
    const requests = [];
    const errors = [];
    page.on("request", (r) => { if (r.url() !== url) requests.push(r.url()); });
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
    await page.goto(url, { waitUntil: "load" });
    const title = await page.title();
    check(title.length > 0, `${set}: the page has a title`);
    const body = await page.locator("body").innerText();
    const flat = body.replace(/\s+/g, " ");
    check(await page.locator("h2").count() >= 6, `${set}: the page shows its sections`);
    const missing = names.filter((n) => !flat.includes(n.replace(/\s+/g, " ")));
    check(missing.length === 0, `${set}: ${missing.length} names not on the page, e.g. ${JSON.stringify(missing.slice(0, 3))}`);
    check(await page.locator("script").count() === 0, `${set}: the page holds no script`);
    const handlers = await page.evaluate(() => [...document.querySelectorAll("*")]
      .flatMap((el) => [...el.attributes].map((a) => a.name)).filter((a) => a.startsWith("on")));
    check(handlers.length === 0, `${set}: no element has an event handler (${handlers.slice(0, 3)})`);
    const box = await page.evaluate(() => ({ w: document.body.scrollWidth, h: document.body.scrollHeight }));
    check(box.h > 1500, `${set}: the page has a body of text (${box.h}px tall)`);
    check(box.w <= 1100, `${set}: nothing is wider than the window (${box.w}px)`);
    await page.screenshot({ path: join(out, `${set}.png`), clip: { x: 0, y: 0, width: 1100, height: 3000 } });
    // as it prints: print styles, at the width of an A4 page inside its margins
    await page.emulateMedia({ media: "print" });
    await page.setViewportSize({ width: 680, height: 1000 });
    const printed = await page.evaluate(() => document.body.scrollWidth);
    check(printed <= 680, `${set}: printed, nothing is wider than the page (${printed}px)`);
    await page.screenshot({ path: join(out, `${set}-print.png`), clip: { x: 0, y: 0, width: 680, height: 2400 } });
    const pdf = await page.pdf({ format: "A4", path: join(out, `${set}.pdf`) });
    check(pdf.length > 10000, `${set}: the page prints`);
    check(requests.length === 0, `${set}: the page asked for ${JSON.stringify(requests.slice(0, 3))}`);
    check(errors.length === 0, `${set}: errors on the page: ${JSON.stringify(errors.slice(0, 3))}`);
    await page.close();
    console.log(`doc browser: ${set}: renders, names all ${names.length}, no script, no request`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
}
process.exit(failures ? 1 : 0);
