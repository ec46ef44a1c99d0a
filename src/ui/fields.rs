//! One labelled input per field, with the progress line and the blanks
//! still empty.

use crate::browser;
use crate::letter::{Letter, RECIPIENT_KEY};
use crate::session::Session;
use crate::strings::{fill, number, Strings};
use crate::template::FieldSpec;
use leptos::either::Either;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Element id of field `i`'s input (ids are scoped by the shadow root).
pub(super) fn field_id(i: usize) -> String {
    format!("lw-field-{i}")
}

/// The element with `id` in the same shadow root (or document) as the
/// control that was clicked.
pub(super) fn in_root(ev: &leptos::ev::MouseEvent, id: &str) -> Option<web_sys::HtmlElement> {
    let target = ev.target()?.dyn_into::<web_sys::Node>().ok()?;
    let root = target.get_root_node();
    let found = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(id),
        None => browser::document().get_element_by_id(id),
    };
    let el = found?.dyn_into::<web_sys::HtmlElement>().ok()?;
    el.scroll_into_view_with_bool(false);
    let _ = el.focus();
    Some(el)
}

/// Moves focus to field `i`'s input.
pub(super) fn focus_field(ev: &leptos::ev::MouseEvent, i: usize) {
    in_root(ev, &field_id(i));
}

/// One labelled input per field, in template order, with progress and the
/// blanks still empty.
#[component]
pub(super) fn FieldList(
    /// The reader's drafting session.
    session: Session,
    /// The words to use.
    strings: &'static Strings,
    /// Whether a recipients list fills `{{recipient}}` (then it has no input).
    has_list: bool,
) -> impl IntoView {
    let letter = session.letter;
    let fields = letter.with_untracked(|l| l.fields().to_vec());
    let total = fields.len();
    let inputs = fields
        .into_iter()
        .enumerate()
        .filter(|(_, f)| !(has_list && f.key == RECIPIENT_KEY))
        .map(|(i, field)| field_input(session, strings, i, field))
        .collect_view();
    view! {
        <fieldset class="lw-fields">
            <legend>{strings.fields_heading()}</legend>
            <div class="lw-grid">{inputs}</div>
            {progress(letter, strings, total)}
            {still_empty(letter, strings)}
        </fieldset>
    }
}

/// Field `index`'s label and input (a textarea for a multiline field).
fn field_input(
    session: Session,
    strings: &'static Strings,
    index: usize,
    field: FieldSpec,
) -> impl IntoView {
    let (i, f, s, letter) = (index, field, strings, session.letter);
    let id = field_id(i);
    // A memo, so typing in the letter (which changes the letter but not
    // this field) does not write every input again.
    let value = Memo::new(move |_| letter.with(|l| l.value(i).to_owned()));
    let on_input = move |ev: leptos::ev::Event| {
        let v = event_target_value(&ev);
        session.edit(|l| l.set_field(i, &v));
    };
    let required = (!f.optional).then_some("true");
    let marker = if f.optional {
        s.optional_marker()
    } else {
        s.required_marker()
    };
    let control = if f.multiline {
        Either::Left(view! {
            <textarea
                id=id.clone()
                rows="3"
                autocomplete=f.kind.autocomplete()
                aria-required=required
                prop:value=value
                on:input=on_input
            ></textarea>
        })
    } else {
        Either::Right(view! {
            <input
                id=id.clone()
                type=f.kind.input_type()
                autocomplete=f.kind.autocomplete()
                inputmode=f.kind.input_mode()
                aria-required=required
                prop:value=value
                on:input=on_input
            />
        })
    };
    view! {
        <div class=if f.multiline { "lw-field lw-wide" } else { "lw-field" }>
            <label for=id>{f.label} <span class="lw-marker">" (" {marker} ")"</span></label>
            {control}
        </div>
    }
}

/// "3 of 5 filled", or "All filled", as the reader goes (`total` fields).
fn progress(letter: RwSignal<Letter>, strings: &'static Strings, total: usize) -> impl IntoView {
    let s = strings;
    let filled = Memo::new(move |_| letter.with(Letter::filled_count));
    let progress = move || {
        let n = filled.get();
        if n == total {
            s.all_filled().to_owned()
        } else {
            let (n, total) = (number(n, s.lang()), number(total, s.lang()));
            fill(s.progress(), &[("filled", &n), ("total", &total)])
        }
    };
    view! { <p class="lw-progress" aria-live="polite">{progress}</p> }
}

/// The required blanks still empty, each a button to its input.
fn still_empty(letter: RwSignal<Letter>, strings: &'static Strings) -> impl IntoView {
    let empty = Memo::new(move |_| letter.with(Letter::unfilled_required));
    move || {
        let empty = empty.get();
        (!empty.is_empty()).then(|| {
            let items = empty
                .into_iter()
                .map(|i| {
                    let label = letter.with_untracked(|l| l.fields()[i].label.clone());
                    view! {
                        <li>
                            <button type="button" class="lw-link" on:click=move |ev| focus_field(&ev, i)>
                                {label}
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <div class="lw-empty">
                    <span>{strings.still_empty()}</span>
                    <ul>{items}</ul>
                </div>
            }
        })
    }
}
