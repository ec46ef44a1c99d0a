// Letter links: a whole letter carried in a URL's fragment (after "#"),
// compressed with the browser's CompressionStream and base64url-encoded.
// Browsers never send the fragment to a server, so neither does this.
//
// Format: "1" + base64url(deflate-raw(JSON {t: template, s?: subject,
// to?: recipients, m?: max-length, id?: letter-id, l?: the widget's language
// (lang attribute; absent: the reader's)})).

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

async function through(bytes, stream) {
  const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
  return new Uint8Array(await out.arrayBuffer());
}

/** Encodes a letter ({t, s, to, m, id, l}) for a URL fragment. */
export async function encodeLetter(letter) {
  const json = new TextEncoder().encode(JSON.stringify(letter));
  return "1" + toBase64url(await through(json, new CompressionStream("deflate-raw")));
}

/** Decodes a fragment made by encodeLetter; throws a readable Error if it can't. */
export async function decodeLetter(fragment) {
  if (fragment[0] !== "1") throw new Error("this link does not hold a letter (unknown format)");
  let data;
  try {
    const bytes = await through(fromBase64url(fragment.slice(1)), new DecompressionStream("deflate-raw"));
    data = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    throw new Error("this link's letter is damaged or cut short; ask for the link again");
  }
  if (!data || typeof data.t !== "string") throw new Error("this link's letter is damaged; ask for the link again");
  return data;
}

/** A <letter-widget> element for a decoded letter, its template in a <template> child. */
export function letterElement(letter) {
  const el = document.createElement("letter-widget");
  const attrs = { subject: letter.s, to: letter.to, "max-length": letter.m, "letter-id": letter.id, lang: letter.l };
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null && value !== "") el.setAttribute(name, String(value));
  }
  const template = document.createElement("template");
  template.content.append(letter.t);
  el.append(template);
  return el;
}
