// A real, throwaway WordPress from Debian's packages, for the end-to-end
// tests and for trying the plugin by hand:
//
//   node scripts/wordpress-env.mjs [--port 8081]   (or: make wordpress-demo)
//
// Everything lives in one temporary folder and listens on loopback only:
// MariaDB with its own data directory, reachable through a Unix socket alone
// (--skip-networking), and WordPress (a copy of /usr/share/wordpress with its
// own wp-config.php) served by PHP's built-in server on 127.0.0.1. WordPress
// is installed through its own PHP API (scripts/wordpress/cli.php), with an
// administrator ("admin"), an author ("ada"), pretty permalinks, the default
// theme and the plugin from dist-integrations/ (make wordpress-plugin).
// Outgoing HTTP from WordPress is blocked (WP_HTTP_BLOCK_EXTERNAL).
import { spawn, spawnSync, execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "./serve.mjs";

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const WORDPRESS = "/usr/share/wordpress";
const HERE = join(ROOT, "scripts/wordpress");
export const PLUGIN_ZIP = join(ROOT, "dist-integrations/letter-widget-wordpress.zip");

const which = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { encoding: "utf8" }).stdout.trim();

/** What is missing to run WordPress here (empty when everything is there). */
export function wordpressMissing() {
  const missing = [];
  if (!existsSync(join(WORDPRESS, "wp-load.php"))) missing.push("Debian package wordpress");
  if (!existsSync(join(WORDPRESS, "wp-content/themes/twentytwentythree"))) missing.push("Debian package wordpress-theme-twentytwentythree");
  if (!which("php")) missing.push("php (Debian package php-cli)");
  else if (spawnSync("php", ["-r", "exit(extension_loaded('mysqli') ? 0 : 1);"]).status !== 0) missing.push("php-mysql");
  if (!which("mariadbd") && !existsSync("/usr/sbin/mariadbd")) missing.push("mariadbd (Debian package mariadb-server)");
  if (!which("mariadb-install-db")) missing.push("mariadb-install-db (Debian package mariadb-server)");
  if (!which("python3")) missing.push("python3 (to unpack the plugin zip)");
  return missing;
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitFor(what, check, timeoutMs = 30000) {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`wordpress-env: timed out waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Starts MariaDB and WordPress, installs WordPress and the plugin.
 * Resolves to { url, dir, post(user, {title, content}), close() }.
 */
export async function startWordPress({ port = 0, pluginZip = PLUGIN_ZIP, log = () => {} } = {}) {
  const missing = wordpressMissing();
  if (missing.length) throw new Error(`wordpress-env: missing ${missing.join(", ")}`);
  if (!existsSync(pluginZip)) throw new Error(`wordpress-env: ${pluginZip} is missing; run \`make wordpress-plugin\``);

  const dir = mkdtempSync(join(tmpdir(), "letter-widget-wp-"));
  const children = [];
  // If this process dies without close(), take the servers down with it.
  const killAll = () => children.forEach((c) => {
    try {
      process.kill(-c.pid, "SIGKILL");
    } catch {}
  });
  process.once("exit", killAll);
  const close = async () => {
    process.off("exit", killAll);
    for (const child of children.reverse()) {
      // Each child leads its own process group (PHP's server forks workers).
      const signal = (sig) => {
        try {
          process.kill(-child.pid, sig);
        } catch {}
      };
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        signal("SIGTERM");
        await Promise.race([exited, sleep(10000)]);
      }
      signal("SIGKILL"); // Whatever is left of the group.
    }
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // MariaDB: its own data directory, a socket, no TCP port at all.
    const datadir = join(dir, "db");
    const socket = join(dir, "mysqld.sock");
    const asRoot = process.getuid?.() === 0;
    const user = asRoot ? ["--user=root"] : [];
    let t = Date.now();
    execFileSync("mariadb-install-db", ["--no-defaults", `--datadir=${datadir}`, "--auth-root-authentication-method=normal", "--skip-test-db", ...user], { stdio: "pipe" });
    log(`mariadb-install-db: ${Date.now() - t} ms`);
    const mariadbd = which("mariadbd") || "/usr/sbin/mariadbd";
    const db = spawn(mariadbd, ["--no-defaults", `--datadir=${datadir}`, `--socket=${socket}`, "--skip-networking", `--pid-file=${join(dir, "mysqld.pid")}`, `--log-error=${join(dir, "mysqld.err")}`, "--innodb-buffer-pool-size=32M", "--skip-log-bin", ...user], { stdio: "ignore", detached: true });
    children.push(db);
    const sql = (q) => spawnSync("mariadb", ["--no-defaults", `--socket=${socket}`, "-uroot", "-e", q], { encoding: "utf8" });
    await waitFor("MariaDB", () => {
      if (db.exitCode !== null) throw new Error(`wordpress-env: mariadbd exited (${db.exitCode}); see ${join(dir, "mysqld.err")}`);
      return sql("SELECT 1").status === 0;
    });
    const created = sql("CREATE DATABASE wordpress CHARACTER SET utf8mb4");
    if (created.status !== 0) throw new Error(`wordpress-env: ${created.stderr}`);

    // WordPress: a private copy, so that wp-config.php and wp-content are ours.
    t = Date.now();
    const wp = join(dir, "wordpress");
    cpSync(WORDPRESS, wp, { recursive: true, verbatimSymlinks: true });
    execFileSync("python3", ["-m", "zipfile", "-e", pluginZip, join(wp, "wp-content/plugins")]);
    port = port || (await freePort());
    const url = `http://127.0.0.1:${port}`;
    const salts = ["AUTH_KEY", "SECURE_AUTH_KEY", "LOGGED_IN_KEY", "NONCE_KEY", "AUTH_SALT", "SECURE_AUTH_SALT", "LOGGED_IN_SALT", "NONCE_SALT"]
      .map((k) => `define('${k}', '${randomBytes(24).toString("hex")}');`)
      .join("\n");
    writeFileSync(
      join(wp, "wp-config.php"),
      `<?php
// Written by scripts/wordpress-env.mjs for a throwaway test blog.
define('DB_NAME', 'wordpress');
define('DB_USER', 'root');
define('DB_PASSWORD', '');
define('DB_HOST', 'localhost:${socket}');
define('DB_CHARSET', 'utf8mb4');
define('DB_COLLATE', '');
define('WP_HOME', '${url}');
define('WP_SITEURL', '${url}');
${salts}
define('WP_DEBUG', false);
define('DISABLE_WP_CRON', true);
define('AUTOMATIC_UPDATER_DISABLED', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
$table_prefix = 'wp_';
if (!defined('ABSPATH')) define('ABSPATH', __DIR__ . '/');
require_once ABSPATH . 'wp-settings.php';
`
    );
    log(`WordPress copy: ${Date.now() - t} ms`);

    const php = spawn("php", ["-S", `127.0.0.1:${port}`, "-t", wp, join(HERE, "router.php")], {
      stdio: "ignore",
      detached: true,
      env: { ...process.env, PHP_CLI_SERVER_WORKERS: "4" },
    });
    children.push(php);

    const cli = (args, input) => {
      const r = spawnSync("php", [join(HERE, "cli.php"), wp, ...args], { input, encoding: "utf8", env: { ...process.env, LW_WP_URL: url } });
      const line = r.stdout.trim().split("\n").pop();
      if (r.status !== 0 || !line?.startsWith("{")) throw new Error(`wordpress-env: cli.php ${args.join(" ")} failed:\n${r.stdout}\n${r.stderr}`);
      return JSON.parse(line);
    };
    t = Date.now();
    const installed = cli(["install", url]);
    if (installed.plugin !== "active") throw new Error(`wordpress-env: plugin not activated: ${installed.plugin}`);
    log(`wp_install + plugin: ${Date.now() - t} ms (theme ${installed.theme})`);
    await waitFor("PHP's server", async () => {
      if (php.exitCode !== null) throw new Error("wordpress-env: php -S exited");
      return fetch(url + "/").then((r) => r.ok, () => false);
    });

    return {
      url,
      dir,
      /** Publishes a post as `user` ("admin" or "ada"); returns { id, url, saved, role, unfiltered_html }. */
      post: (user, { title, content }) => cli(["post", user], JSON.stringify({ title, content })),
      /** Turns the plugin on or off; returns { active }. */
      plugin: (on) => cli(["plugin", on ? "on" : "off"]),
      close,
    };
  } catch (err) {
    await close();
    throw err;
  }
}

// `node scripts/wordpress-env.mjs`: a demo blog with the plugin, until Ctrl-C.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--port");
  const port = i > 0 ? Number(process.argv[i + 1]) : 8081;
  const started = Date.now();
  const wp = await startWordPress({ port, log: (m) => console.log(`[wordpress] ${m}`) });
  const demo = wp.post("ada", {
    title: "Write to your senator",
    content: `Please write to your senator today.

[letter_widget id="demo" subject="Please help the refugees"]
Dear Senator {{senator: Senator's last name}},

I am writing to you today about the 65 refugees -- they can't wait "much longer"...

Respectfully,
{{name: Your full name}}
[/letter_widget]`,
  });
  console.log(`[wordpress] ready in ${Date.now() - started} ms: ${wp.url}/  (admin / admin-password-1, ada / author-password-1)`);
  console.log(`[wordpress] a post by the author: ${demo.url}`);
  const stop = async () => {
    await wp.close();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
