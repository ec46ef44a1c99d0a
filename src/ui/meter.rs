//! The count of the letter against the organiser's (or recipient's) limit.

use crate::letter::{count_form_units, Letter};
use crate::strings::{fill, number, Strings};
use leptos::prelude::*;

/// Characters used against the organiser's limit, counted as web forms count.
#[component]
pub(super) fn Meter(
    /// The letter being written.
    letter: RwSignal<Letter>,
    /// The limit: the current recipient's, else the organiser's, if any.
    max_length: impl Fn() -> Option<usize> + Copy + Send + Sync + 'static,
    /// The words to use.
    strings: &'static Strings,
) -> impl IntoView {
    let s = strings;
    let used = Memo::new(move |_| letter.with(|l| count_form_units(l.text())));
    let state = move || match max_length() {
        Some(max) if used.get() > max => "over",
        Some(max) if used.get() * 10 >= max * 9 => "near",
        _ => "ok",
    };
    let num = |n: usize| number(n, s.lang());
    let text = move || {
        let n = used.get();
        let Some(max) = max_length() else {
            return fill(s.meter_no_limit(), &[("n", &num(n))]);
        };
        let base = fill(s.meter(), &[("n", &num(n)), ("max", &num(max))]);
        if n > max {
            let over = fill(s.meter_over(), &[("over", &num(n - max))]);
            format!("{base}. {over}")
        } else if n * 10 >= max * 9 {
            let left = fill(s.meter_near(), &[("left", &num(max - n))]);
            format!("{base}. {left}")
        } else {
            base
        }
    };
    // Read out only near and over the limit: a count that changes with every
    // key would be announced over the reader's typing.
    let live = move || if state() == "ok" { "off" } else { "polite" };
    view! { <p class="lw-meter" data-state=state aria-live=live>{text}</p> }
}
