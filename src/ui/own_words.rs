//! The quiet line under the letter: how much of it is in the reader's own
//! words, and an invitation to add a sentence while it is mostly the
//! organiser's (issue 19). It never blocks sending.

use super::fields::{focus_field, in_root};
use crate::letter::byte_to_utf16;
use crate::own_words::{personal_spot, story_field, OwnWords};
use crate::session::Session;
use crate::strings::Strings;
use leptos::prelude::*;
use std::cell::Cell;
use std::time::Duration;
use wasm_bindgen::JsCast;

/// How long the reader pauses before the letter is counted again.
const PAUSE: Duration = Duration::from_millis(800);

/// What the line says.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Line {
    /// Nothing: the reader wrote a sentence or two and took them out again
    /// (the line does not invite twice in one session). A dismissal shows
    /// the same.
    Quiet,
    /// Mostly the organiser's words: add a sentence.
    Invite,
    /// A sentence or two of the reader's own.
    Some,
    /// Most of the letter is the reader's.
    Mostly,
}

/// The line about the reader's own words, counted once they pause.
#[component]
pub(super) fn OwnWordsLine(
    /// The reader's drafting session.
    session: Session,
    /// The words to use.
    strings: &'static Strings,
) -> impl IntoView {
    let s = strings;
    let line = RwSignal::new(judge(session.own_words(), false));
    let changes = StoredValue::new_local(Cell::new(0u32));
    // A change starts one wait unless one is under way; a wait that ends
    // with changes since it began waits again. So a keystroke costs a
    // counter, not a timer, and the count runs once the reader pauses.
    Effect::new(move |first: Option<()>| {
        session.letter.track();
        if first.is_some() {
            let n = changes.with_value(|c| c.replace(c.get() + 1)) + 1;
            if n == 1 {
                recount_after_pause(session, line, changes, n);
            }
        }
    });
    let said = move || match line.get() {
        _ if session.own_words_dismissed.get() => ("quiet", ""),
        Line::Quiet => ("quiet", ""),
        Line::Invite => ("invite", s.own_invite()),
        Line::Some => ("some", s.own_some()),
        Line::Mostly => ("mostly", s.own_mostly()),
    };
    view! {
        <div class="lw-own" data-state=move || said().0>
            // Its text changes only with the state, so a screen reader hears
            // each change once and nothing while the reader types.
            <p role="status">{move || said().1}</p>
            <p class="lw-own-actions">
                <button type="button" on:click=move |ev| place_caret(session, &ev)>
                    {s.own_add()}
                </button>
                " "
                <button type="button" class="lw-link" on:click=move |_| session.dismiss_own_words()>
                    {s.own_dismiss()}
                </button>
            </p>
        </div>
    }
}

/// What the line says of `counted`, given whether it said before that the
/// reader had written a sentence or two (`stepped_back`): then it does not
/// invite again this session, even if they delete it.
fn judge(counted: OwnWords, stepped_back: bool) -> Line {
    match () {
        _ if !counted.is_personal() && stepped_back => Line::Quiet,
        _ if !counted.is_personal() => Line::Invite,
        _ if counted.percent() >= 50 => Line::Mostly,
        _ => Line::Some,
    }
}

/// Counts the letter once `PAUSE` has passed with no change after the
/// `seen`th, and sets `line` if what it says changes.
fn recount_after_pause(
    session: Session,
    line: RwSignal<Line>,
    changes: StoredValue<Cell<u32>, LocalStorage>,
    seen: u32,
) {
    set_timeout(
        move || {
            let Some(now) = changes.try_with_value(Cell::get) else {
                return;
            };
            if now != seen {
                return recount_after_pause(session, line, changes, now);
            }
            changes.with_value(|c| c.set(0));
            let Some(was) = line.try_get_untracked() else {
                return;
            };
            let next = judge(session.own_words(), was != Line::Invite);
            if next != was {
                line.set(next);
            }
        },
        PAUSE,
    );
}

/// Puts the caret where a sentence of the reader's own fits: the
/// organiser's story prompt, else the end of the letter's first paragraph.
fn place_caret(session: Session, ev: &leptos::ev::MouseEvent) {
    let (story, text) = session
        .letter
        .with_untracked(|l| (story_field(l.fields()), l.text().to_owned()));
    if let Some(i) = story {
        return focus_field(ev, i);
    }
    let area =
        in_root(ev, "lw-letter").and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let Some(area) = area {
        let at = byte_to_utf16(&text, personal_spot(&text)) as u32;
        let _ = area.set_selection_range(at, at);
    }
}
