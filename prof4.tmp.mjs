import { launch, startServer } from "./tests/e2e/helpers.mjs";
const PROSE = "I am writing to you today to express my concern about the sixty-five refugees. Their families have waited for years, and every week matters to them. ";
let tpl = "Dear Senator {{senator: Senator's last name}},\n\n";
for (let i = 0; i < 17; i++) { while (tpl.length < (i + 1) * 1150) tpl += PROSE; tpl += `{{f${i}: Detail ${i}}}.\n\n`; }
tpl += "Respectfully,\n{{name: Your full name}}\n";
const page1 = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>
<letter-widget letter-id="p20">${tpl.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</letter-widget>
<script src="/letter-widget.js" defer></script></body></html>`;
const server = await startServer({ root: process.argv[2], host: "127.0.0.1", pages: { "/p20.html": { body: page1 } } });
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await page.addInitScript(() => { window.__r = 0; document.addEventListener("letter-widget:ready", () => window.__r++); });
await page.goto(server.url + "/p20.html");
await page.waitForFunction(() => window.__r > 0);
const area = page.locator("letter-widget").locator("#lw-letter");
await area.click();
await page.evaluate(() => { const a = document.querySelector("letter-widget").shadowRoot.querySelector("#lw-letter"); a.setSelectionRange(5000, 5000); });
const cdp = await context.newCDPSession(page);
await cdp.send("Profiler.enable");
await cdp.send("Profiler.setSamplingInterval", { interval: 20 });
await cdp.send("Profiler.start");
for (let i = 0; i < 300; i++) await cdp.send("Input.insertText", { text: "abcdefghij"[i % 10] });
const { profile } = await cdp.send("Profiler.stop");
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
const self = new Map(), incl = new Map();
profile.samples.forEach((id, i) => {
  const d = (profile.timeDeltas[i] || 0) / 1000 / 300;
  const k = byId.get(id).callFrame.functionName || "(anon)";
  self.set(k, (self.get(k) || 0) + d);
  const seen = new Set(); let cur = id;
  while (cur !== undefined) { const f = byId.get(cur).callFrame.functionName || "(anon)"; if (!seen.has(f)) { seen.add(f); incl.set(f, (incl.get(f) || 0) + d); } cur = parent.get(cur); }
});
console.log("--- self ms/key"); console.log([...self].sort((a, b) => b[1] - a[1]).slice(0, 25).map(([k, v]) => v.toFixed(3) + " " + k.slice(0, 120)).join("\n"));
console.log("--- incl ms/key"); console.log([...incl].sort((a, b) => b[1] - a[1]).slice(0, 45).map(([k, v]) => v.toFixed(3) + " " + k.slice(0, 120)).join("\n"));
await browser.close(); await server.close();
