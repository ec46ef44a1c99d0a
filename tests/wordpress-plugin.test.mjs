// The WordPress plugin's letter reader (letter_widget_letter_text) run by
// php-cli alone, without WordPress: its output, and no input shape that makes
// it slow.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const PLUGIN = fileURLToPath(new URL("../integrations/wordpress/letter-widget.php", import.meta.url));
let php = true;
try {
  execFileSync("php", ["--version"], { stdio: "pipe" });
} catch {
  php = false;
}
const skip = php ? false : "needs php-cli; scripts/setup.sh installs it";

// The plugin's text for `content`, and how long php took. PCRE's JIT is off,
// as on hosts that disable it or where it cannot allocate: then a regex's
// backtracking is the plugin's cost to pay.
function letterText(content) {
  const script = `define('ABSPATH', '/');
function add_action() {} function add_shortcode() {} function add_filter() {}
require $argv[1];
echo letter_widget_letter_text(stream_get_contents(STDIN));`;
  const start = Date.now();
  const out = execFileSync("php", ["-d", "pcre.jit=0", "-r", script, "--", PLUGIN], {
    input: content,
    encoding: "utf8",
    timeout: 20_000,
  });
  return { out, ms: Date.now() - start };
}

test("trailing spaces and tabs go, inner runs stay", { skip }, () => {
  const { out } = letterText("<p>Dear Senator,  \t<br />\nI  am\twriting. \t</p>\n<p>Bye</p>");
  assert.equal(out, "Dear Senator,\nI  am\twriting.\n\nBye");
});

test("a long run of spaces is read in linear time", { skip }, () => {
  // The old /[ \t]+$/m took 11 s for 40,000 spaces and a minute for 80,000.
  const run = " ".repeat(60_000);
  const { out, ms } = letterText(`Dear${run}Senator${run}\nBye`);
  assert.equal(out, `Dear${run}Senator\nBye`);
  // Generous on a busy machine, yet far below quadratic work.
  assert.ok(ms < 5000, `took ${ms} ms`);
});
