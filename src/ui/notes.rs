//! The organiser's notes to the sender, beside the letter.

use crate::strings::Strings;
use leptos::prelude::*;

/// The organiser's notes to the sender (`[Don't forget ...]`): shown beside
/// the letter and plainly left out of it, so nothing they wrote vanishes unseen.
#[component]
pub(super) fn Notes(
    /// The notes as written.
    notes: Vec<String>,
    /// The widget's texts.
    strings: &'static Strings,
) -> impl IntoView {
    view! {
        <aside class="lw-notes lw-hint">
            <p>{strings.notes_heading()}</p>
            <ul>{notes.into_iter().map(|n| view! { <li>{n}</li> }).collect_view()}</ul>
        </aside>
    }
}
