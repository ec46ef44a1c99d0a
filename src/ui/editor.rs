//! The letter as one editable text, over its highlight layer.

use super::backdrop::{paint_backdrop, Painted};
use crate::letter::{byte_to_utf16, utf16_to_byte, Letter};
use crate::session::Session;
use crate::strings::Strings;
use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;

/// The letter as one editable text, with the blanks still empty highlighted
/// on a mirrored layer behind it.
#[component]
pub(super) fn LetterEditor(
    /// The reader's drafting session.
    session: Session,
    /// The words to use.
    strings: &'static Strings,
) -> impl IntoView {
    let letter = session.letter;
    let area: NodeRef<html::Textarea> = NodeRef::new();
    let layer: NodeRef<html::Div> = NodeRef::new();
    // Set while the textarea itself is the source of a change, so the sync
    // below doesn't write its own value back (a copy of the whole letter per
    // keystroke).
    let from_area = StoredValue::new_local(Cell::new(false));
    let painted = StoredValue::new_local(Painted::default());

    let on_input = move |ev: leptos::ev::Event| {
        typed(session, &event_target(&ev));
        from_area.with_value(|f| f.set(true));
    };

    // Synchronises the DOM outside Leptos' view with the letter: the
    // textarea (when the change came from elsewhere: fields, restore, start
    // over, another tab) and the highlight layer.
    Effect::new(move |_| {
        letter.track();
        let typed = from_area.with_value(|f| f.replace(false));
        let (Some(el), Some(layer)) = (area.get_untracked(), layer.get_untracked()) else {
            return;
        };
        letter.with_untracked(|l| {
            if !typed && el.value() != l.text() {
                show(&el, l);
            }
            painted.update_value(|p| paint_backdrop(&layer, l, p));
        });
    });

    let initial = letter.with_untracked(|l| l.text().to_owned());
    view! {
        <div class="lw-letter">
            <label class="lw-letter-label" for="lw-letter">{strings.letter_label()}</label>
            <p class="lw-hint" id="lw-letter-hint">{strings.letter_hint()}</p>
            <div class="lw-editor">
                <div class="lw-backdrop" aria-hidden="true" node_ref=layer></div>
                <textarea
                    id="lw-letter"
                    node_ref=area
                    spellcheck="true"
                    aria-describedby="lw-letter-hint"
                    prop:value=initial
                    on:input=on_input
                ></textarea>
            </div>
        </div>
    }
}

/// Gives what the reader typed in the textarea to the letter.
fn typed(session: Session, el: &web_sys::HtmlTextAreaElement) {
    let value = el.value();
    // The caret tells the engine where the reader typed: "h" typed in
    // "Smit|h" gives the same text as after "Smith", but not the same edit.
    let hint = el
        .selection_end()
        .ok()
        .flatten()
        .map(|c| utf16_to_byte(&value, c as usize));
    let caret = session.edit(|l| l.apply_text_at(&value, hint));
    // The engine may rewrite what was typed (a blank's placeholder gives
    // way to the typed text): put the result and the caret back.
    let rewritten = session
        .letter
        .with_untracked(|l| (l.text() != value).then(|| l.text().to_owned()));
    if let Some(text) = rewritten {
        el.set_value(&text);
        let at = byte_to_utf16(&text, caret) as u32;
        let _ = el.set_selection_range(at, at);
    }
}

/// Writes the letter into the textarea after a change made elsewhere,
/// keeping the caret where it was as far as the text allows.
fn show(el: &web_sys::HtmlTextAreaElement, l: &Letter) {
    let old = el.value();
    let caret = el.selection_end().ok().flatten().unwrap_or(0) as usize;
    let byte = utf16_to_byte(&old, caret).min(l.text().len());
    el.set_value(l.text());
    let u = byte_to_utf16(l.text(), byte) as u32;
    let _ = el.set_selection_range(u, u);
}
