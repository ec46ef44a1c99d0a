// Letter links: a whole letter carried in a URL's fragment (after "#"),
// compressed with the browser's CompressionStream and base64url-encoded.
// Browsers never send the fragment to a server, so neither does this.
//
// Format: "1" + base64url(deflate-raw(JSON {t: template, s?: subject,
// to?: recipients, m?: max-length, l?: the widget's language (lang
// attribute; absent: the reader's), w?: "off" (own-words attribute; absent:
// the own-words line is shown)})). An `id` in older links is ignored:
// a link's draft id is a hash of its content (linkLetterId). A fragment is
// at most MAX_FRAGMENT characters and inflates to at most MAX_INFLATED
// bytes, counted while inflating, so a small link cannot unpack to a huge one.

function toBase64url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  }
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text) {
  const s = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

/** The longest fragment a link may carry (characters after "#"). */
export const MAX_FRAGMENT = 512 * 1024;
/** The most bytes a link's letter may inflate to, counted while inflating. */
export const MAX_INFLATED = 1024 * 1024;

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Inflates `bytes`, stopping as soon as the output passes `max` bytes. */
async function inflate(bytes, max) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("deflate-raw")).getReader();
  const parts = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > max) {
      reader.cancel().catch(() => {});
      return null;
    }
    parts.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Encodes a letter ({t, s, to, m, id, l, w}) for a URL fragment. */
export async function encodeLetter(letter) {
  const json = new TextEncoder().encode(JSON.stringify(letter));
  return "1" + toBase64url(await through(json, new CompressionStream("deflate-raw")));
}

/** Decodes a fragment made by encodeLetter; throws a readable Error if it can't. */
export async function decodeLetter(fragment) {
  if (fragment[0] !== "1") throw new Error("this link does not hold a letter (unknown format)");
  if (fragment.length > MAX_FRAGMENT) throw new Error(`this link is longer than the ${MAX_FRAGMENT / 1024} KB a letter link may be`);
  let bytes;
  let data;
  try {
    bytes = await inflate(fromBase64url(fragment.slice(1)), MAX_INFLATED);
    if (bytes) data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error("this link's letter is damaged or cut short; ask for the link again");
  }
  if (!bytes) throw new Error(`this link's letter unpacks to more than the ${MAX_INFLATED / 1024} KB a letter may be`);
  if (!data || typeof data.t !== "string") throw new Error("this link's letter is damaged; ask for the link again");
  return data;
}

/**
 * The draft id of a letter that came in a link: a hash of everything the
 * link says (letter, subject, addresses, limit, language, own-words line),
 * never the link's own `id`. A crafted link cannot name a real campaign's id
 * to load the reader's draft of it, and two links that differ in anything
 * (one more address) never share a draft.
 */
export async function linkLetterId(letter) {
  // own-words joins the list only when a link sets it, so the links made
  // before it keep their drafts.
  const said = [letter.t, letter.s ?? "", letter.to ?? "", letter.m ?? "", letter.l ?? ""];
  if (letter.w) said.push(letter.w);
  const content = new TextEncoder().encode(JSON.stringify(said));
  let hex;
  if (globalThis.crypto && crypto.subtle) {
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", content));
    hex = Array.from(digest.subarray(0, 16), (b) => b.toString(16).padStart(2, "0")).join("");
  } else {
    // No Web Crypto (a plain http:// page): two 64-bit FNV-1a hashes.
    hex = [0xcbf29ce484222325n, 0x84222325cbf29ce4n]
      .map((h) => {
        for (const b of content) h = BigInt.asUintN(64, (h ^ BigInt(b)) * 0x100000001b3n);
        return h.toString(16).padStart(16, "0");
      })
      .join("");
  }
  return "link-" + hex;
}

/**
 * A <letter-widget> element for a decoded letter, its template in a
 * <template> child. With `fromLink` (the standalone page's link mode), the
 * element says so (`from-link`: no remembered details, a notice) and its
 * draft id comes from `linkLetterId`, not from the link.
 */
export function letterElement(letter, { fromLink = false, id = letter.id } = {}) {
  const el = document.createElement("letter-widget");
  if (fromLink) el.setAttribute("from-link", "");
  const attrs = { subject: letter.s, to: letter.to, "max-length": letter.m, "letter-id": id, lang: letter.l, "own-words": letter.w };
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== "") el.setAttribute(name, String(value));
  }
  const template = document.createElement("template");
  template.content.append(letter.t);
  el.append(template);
  return el;
}
