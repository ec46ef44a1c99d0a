// A small static file server for dist/: the right MIME types (application/wasm),
// precompressed .br/.gz files where the browser accepts them, and the cache
// and CORS headers the README's deployment section asks of a host.
//
//   node scripts/serve.mjs [dir] [--port 8080] [--host 127.0.0.1]
//
// The end-to-end tests import `startServer` to run blog pages and widget
// hosts on separate origins, with extra headers (CSP) and pages of their own.
import { createServer } from "node:http";
import { createServer as createTcpServer } from "node:net";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".webmanifest": "application/manifest+json",
};

const HASHED = /-[0-9a-f]{8,}(_bg)?\.(js|wasm|css|json)$/

/** A free TCP port on loopback, for a server or driver started elsewhere. */
export function freePort() {
  return new Promise((ok, fail) => {
    const s = createTcpServer();
    s.once("error", fail);
    s.listen(0, "127.0.0.1", () => {
      const { port } = s.address();
      s.close(() => ok(port));
    });
  });
}

/**
 * Starts a server. Options:
 *  - root: folder to serve (default dist)
 *  - port, host: where to listen (port 0 picks a free one)
 *  - headers(path): extra headers for a path
 *  - pages: { "/path": { body, type, headers } } served before files
 * Resolves to { url, port, close() }.
 */
export async function startServer({ root = "dist", port = 0, host = "127.0.0.1", headers, pages = {} } = {}) {
  const base = resolve(root);
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url, "http://x");
      let path = decodeURIComponent(url.pathname);
      const extra = headers ? headers(path) || {} : {};
      if (pages[path]) {
        const page = pages[path];
        res.writeHead(200, { "Content-Type": page.type || MIME[".html"], "Cache-Control": "no-cache", ...extra, ...(page.headers || {}) });
        res.end(page.body);
        return;
      }
      if (path.endsWith("/")) path += "index.html";
      const file = normalize(join(base, path));
      // Inside the folder itself: "dist-integrations" starts with "dist" too.
      if (file !== base && !file.startsWith(base + sep)) {
        res.writeHead(403).end();
        return;
      }
      const info = await stat(file).catch(() => null);
      if (!info || !info.isFile()) {
        res.writeHead(404, { "Content-Type": MIME[".txt"], ...extra });
        res.end("not found");
        return;
      }
      const ext = extname(file);
      const head = {
        "Content-Type": MIME[ext] || "application/octet-stream",
        "Cache-Control": HASHED.test(file) ? "public, max-age=31536000, immutable" : "no-cache",
        "Access-Control-Allow-Origin": "*",
        "Timing-Allow-Origin": "*",
        "X-Content-Type-Options": "nosniff",
        Vary: "Accept-Encoding",
        ...extra,
      };
      const accept = req.headers["accept-encoding"] || "";
      let body = null;
      for (const [enc, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
        if (accept.includes(enc)) {
          body = await readFile(file + suffix).catch(() => null);
          if (body) {
            head["Content-Encoding"] = enc;
            break;
          }
        }
      }
      if (!body) body = await readFile(file);
      head["Content-Length"] = body.length;
      res.writeHead(200, head);
      res.end(req.method === "HEAD" ? undefined : body);
    } catch (err) {
      res.writeHead(500).end(String(err));
    }
  });
  await new Promise((ok, fail) => {
    server.once("error", fail);
    server.listen(port, host, ok);
  });
  const actual = server.address().port;
  const shown = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${shown}:${actual}`,
    port: actual,
    close: () =>
      new Promise((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args.splice(i, 2)[1] : dflt;
  };
  const port = Number(opt("--port", "8080"));
  const host = opt("--host", "127.0.0.1");
  const root = args[0] || "dist";
  const { url } = await startServer({ root, port, host });
  console.log(`Serving ${root} at ${url}/  (Ctrl-C to stop)`);
}
