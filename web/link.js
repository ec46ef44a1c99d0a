// Link mode for the standalone page: index.html#<letter> shows the letter
// carried in the fragment instead of the demo letter.
import { decodeLetter, letterElement, linkLetterId } from "./letter-link.js";

const fragment = location.hash.slice(1);
if (fragment) {
  const demo = document.getElementById("demo");
  const slot = document.getElementById("letter");
  demo.hidden = true;
  decodeLetter(fragment).then(
    async (letter) => {
      document.title = letter.s || "A letter to send";
      slot.replaceChildren(letterElement(letter, { fromLink: true, id: await linkLetterId(letter) }));
    },
    (err) => {
      const p = document.createElement("p");
      p.setAttribute("role", "alert");
      p.textContent = `This letter link can't be opened: ${err.message}.`;
      slot.replaceChildren(p);
    }
  );
}
// A different letter in the same tab: start again with it.
addEventListener("hashchange", () => location.reload());
