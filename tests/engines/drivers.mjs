// The reader's other two engines, behind one small interface: Firefox
// (Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core) and
// WebKit (Debian's WebKitGTK MiniBrowser, driven by its WebKitWebDriver
// through selenium-webdriver, on an Xvfb display). Keys and clicks are the
// engines' own input events, not events made up in the page.
import { spawn, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { freePort } from "../../scripts/serve.mjs";

const FIREFOX = "/usr/bin/firefox-esr";
const WEBKIT_DRIVER = "/usr/bin/WebKitWebDriver";
const MINIBROWSER = "/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser";

const version = (cmd, args) => (spawnSync(cmd, args, { encoding: "utf8" }).stdout || "").trim();

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` (a function run in the page) until it returns a truthy value. */
async function waitFor(d, check, args = [], timeout = 20000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await d.js(check, ...args).catch(() => undefined);
    if (value) return value;
    if (Date.now() > end) throw new Error(`${d.name}: timed out waiting for ${check}`);
    await sleep(100);
  }
}

/** Element helpers run in the page: `sel` is looked up in the first widget's shadow root, else the document. */
const FIND = `function find(sel) {
  const host = document.querySelector("letter-widget");
  return (host && host.shadowRoot && host.shadowRoot.querySelector(sel)) || document.querySelector(sel);
}`;

/** Methods shared by both engines, on top of goto, js, type, clickAt, reload and close. */
const common = {
  waitFor(check, ...args) {
    return waitFor(this, check, args);
  },
  /** Focuses `sel` (in the widget's shadow root or the page) with the caret at its end. */
  async focusEnd(sel) {
    await this.js(
      new Function("sel", `${FIND}; const el = find(sel); el.scrollIntoView({ block: "center" }); el.focus();
        if ("selectionStart" in el) { el.selectionStart = el.selectionEnd = el.value.length; } return true;`),
      sel,
    );
  },
  /** Clicks the centre of `sel` with the engine's own mouse. */
  async click(sel) {
    const at = await this.js(
      new Function("sel", `${FIND}; const el = find(sel); el.scrollIntoView({ block: "center" });
        const r = el.getBoundingClientRect(); return [r.left + r.width / 2, r.top + r.height / 2];`),
      sel,
    );
    await this.clickAt(Math.round(at[0]), Math.round(at[1]));
  },
  /** The button in the widget whose text is `label`. */
  async clickButton(label) {
    const sel = await this.js(
      (label) => {
        const root = document.querySelector("letter-widget").shadowRoot;
        const b = [...root.querySelectorAll("button, a.lw-button")].find((x) => x.textContent.trim() === label);
        if (!b) return null;
        b.setAttribute("data-engine-test", label);
        return `[data-engine-test="${label}"]`;
      },
      label,
    );
    if (!sel) throw new Error(`${this.name}: no button "${label}"`);
    await this.click(sel);
  },
};

/** Firefox, or why it cannot run here. */
export async function firefox() {
  if (!existsSync(FIREFOX)) return { skip: "needs firefox-esr (Debian package firefox-esr); scripts/setup.sh installs it" };
  const { default: puppeteer } = await import("puppeteer-core");
  const name = version(FIREFOX, ["--version"]).replace("Mozilla ", "") || "Firefox";
  return {
    name,
    async open() {
      const browser = await puppeteer.launch({ browser: "firefox", executablePath: FIREFOX, headless: true });
      const page = await browser.newPage();
      const errors = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      return Object.assign(Object.create(common), {
        name,
        errors,
        goto: (url) => page.goto(url).then(() => undefined),
        reload: () => page.reload().then(() => undefined),
        js: (fn, ...args) => page.evaluate(fn, ...args),
        type: (text) => page.keyboard.type(text),
        clickAt: (x, y) => page.mouse.click(x, y),
        close: () => browser.close(),
      });
    },
    async stop() {},
  };
}

/** WebKit, or why it cannot run here. */
export async function webkit() {
  for (const [path, pkg] of [[WEBKIT_DRIVER, "webkit2gtk-driver"], [MINIBROWSER, "webkit2gtk-driver"], ["/usr/bin/Xvfb", "xvfb"]]) {
    if (!existsSync(path)) return { skip: `needs ${path} (Debian package ${pkg}); scripts/setup.sh installs it` };
  }
  const { Builder, Origin } = await import("selenium-webdriver");
  // Xvfb picks a free display and writes its number to fd 3.
  const xvfb = spawn("Xvfb", ["-displayfd", "3", "-screen", "0", "1280x900x24", "-nolisten", "tcp"], { stdio: ["ignore", "ignore", "ignore", "pipe"] });
  const display = await new Promise((ok, fail) => {
    let out = "";
    xvfb.stdio[3].on("data", (b) => {
      out += b;
      if (out.includes("\n")) ok(`:${out.trim()}`);
    });
    xvfb.once("exit", (code) => fail(new Error(`Xvfb exited (${code})`)));
  });
  const port = await freePort();
  const driver = spawn(WEBKIT_DRIVER, [`--port=${port}`], { stdio: "ignore", env: { ...process.env, DISPLAY: display } });
  await sleep(800);
  const pkgVersion = version("dpkg-query", ["-W", "-f=${Version}", "libwebkit2gtk-4.1-0"]).replace(/-.*/, "");
  const name = `WebKitGTK ${pkgVersion}`;
  return {
    name,
    async open() {
      const d = await new Builder()
        .usingServer(`http://127.0.0.1:${port}`)
        .withCapabilities({ browserName: "MiniBrowser", "webkitgtk:browserOptions": { binary: MINIBROWSER, args: ["--automation"] } })
        .build();
      return Object.assign(Object.create(common), {
        name,
        // WebDriver classic reports no page errors: only Firefox's are checked.
        errors: [],
        goto: (url) => d.get(url),
        reload: () => d.navigate().refresh(),
        js: (fn, ...args) => d.executeScript(`return (${fn}).apply(null, arguments)`, ...args),
        type: (text) => d.actions().sendKeys(text).perform(),
        clickAt: (x, y) => d.actions().move({ x, y, origin: Origin.VIEWPORT }).click().perform(),
        close: () => d.quit(),
      });
    },
    async stop() {
      driver.kill();
      xvfb.kill();
    },
  };
}
