//! The reader's form as Leptos components. They render the session's state
//! and forward events to it; the rules live in `letter`, `draft` and
//! `session`.

use crate::browser;
use crate::embed::{SetupError, WidgetConfig};
use crate::letter::{byte_to_utf16, count_form_units, utf16_to_byte, Letter};
use crate::send::{download_name, mailto};
use crate::session::{Notice, SaveStatus, Session};
use crate::strings::{fill, Strings};
use crate::template::{FieldKind, Template};
use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// Everything a widget needs to start, prepared by the embed layer.
pub struct WidgetSetup {
    /// The organiser's settings.
    pub config: WidgetConfig,
    /// The parsed letter template.
    pub template: Rc<Template>,
    /// The words to use.
    pub strings: &'static Strings,
}

/// What the reader asked to do with the letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Copy,
    Email,
    Print,
}

/// Narrow context: the words to use.
#[derive(Clone, Copy)]
struct Words(&'static Strings);

fn words() -> &'static Strings {
    use_context::<Words>()
        .map(|w| w.0)
        .unwrap_or(&crate::strings::EN)
}

/// Unique-per-widget prefix for element ids (the shadow root scopes ids, but a
/// prefix keeps them readable in tests and devtools).
fn field_id(i: usize) -> String {
    format!("lw-field-{i}")
}

/// The reader's form: fields, the editable letter, and the ways to send it on.
#[component]
pub fn Widget(
    /// Template, settings and words, prepared by the embed layer.
    setup: WidgetSetup,
    /// Called once the form is interactive, with the letter's signal.
    on_ready: impl Fn(RwSignal<Letter>) + 'static,
) -> impl IntoView {
    let WidgetSetup {
        config,
        template,
        strings,
    } = setup;
    provide_context(Words(strings));
    let session = Session::start(template, &config.letter_id, strings.lang);
    let letter = session.letter;
    let flash = RwSignal::new(None::<String>);
    let config = StoredValue::new(config);

    // Synchronises with the world outside: tells the page the widget is ready.
    Effect::new(move |_| on_ready(letter));

    view! {
        <section class="lw-widget" aria-label=move || letter.with(|_| strings.letter_label)>
            <Notices session=session />
            <FieldList session=session />
            <LetterEditor session=session />
            <Meter letter=letter max_length=config.with_value(|c| c.max_length) />
            <Actions session=session config=config flash=flash />
            <p class="lw-flash" role="status" aria-live="polite">
                {move || flash.get().unwrap_or_default()}
            </p>
            <StatusLine session=session />
        </section>
    }
}

/// Decisions and warnings about the draft: template updated, another tab,
/// corrupt data kept aside, undo after a big change.
#[component]
fn Notices(
    /// The reader's session.
    session: Session,
) -> impl IntoView {
    let s = words();
    let notice = move || {
        session.notice.get().map(|n| match n {
            Notice::TemplateChanged { updated } => {
                let updated = StoredValue::new(updated);
                view! {
                    <div class="lw-notice" role="alert">
                        <p>{s.template_changed}</p>
                        <button type="button" on:click=move |_| session.notice.set(None)>
                            {s.keep_mine}
                        </button>
                        <button
                            type="button"
                            on:click=move |_| {
                                session.notice.set(None);
                                session.replace_letter(updated.get_value());
                            }
                        >
                            {s.use_updated}
                        </button>
                    </div>
                }
                .into_any()
            }
            Notice::OtherTab { theirs } => {
                let theirs = StoredValue::new(theirs);
                view! {
                    <div class="lw-notice" role="alert">
                        <p>{s.other_tab}</p>
                        <button type="button" on:click=move |_| session.notice.set(None)>
                            {s.keep_mine}
                        </button>
                        <button
                            type="button"
                            on:click=move |_| {
                                session.notice.set(None);
                                session.replace_letter(theirs.get_value());
                            }
                        >
                            {s.use_other_tab}
                        </button>
                    </div>
                }
                .into_any()
            }
            Notice::Corrupt | Notice::Newer => {
                let text = if matches!(n, Notice::Newer) {
                    s.newer_draft
                } else {
                    s.corrupt_kept
                };
                view! {
                    <div class="lw-notice" role="alert">
                        <p>{text}</p>
                        <button type="button" on:click=move |_| session.notice.set(None)>
                            "OK"
                        </button>
                    </div>
                }
                .into_any()
            }
        })
    };
    let undo = move || {
        session.undo.with(Option::is_some).then(|| {
            view! {
                <div class="lw-notice lw-undo" role="status">
                    <button type="button" on:click=move |_| session.undo_replace()>
                        {s.undo}
                    </button>
                </div>
            }
        })
    };
    view! { {notice} {undo} }
}

/// One labelled input per field, in template order, with progress.
#[component]
fn FieldList(
    /// The reader's session.
    session: Session,
) -> impl IntoView {
    let s = words();
    let letter = session.letter;
    let fields = letter.with_untracked(|l| l.fields().to_vec());
    let total = fields.len();
    let inputs = fields
        .into_iter()
        .enumerate()
        .map(|(i, f)| {
            let id = field_id(i);
            let value = move || letter.with(|l| l.value(i).to_owned());
            let on_input = move |ev: leptos::ev::Event| {
                let v = event_target_value(&ev);
                session.edit(|l| l.set_field(i, &v));
            };
            let required = !f.optional;
            let marker = if required {
                s.required_marker
            } else {
                s.optional_marker
            };
            let label = view! {
                <label for=id.clone()>
                    {f.label.clone()}
                    <span class="lw-marker">" (" {marker} ")"</span>
                </label>
            };
            let control = if f.multiline {
                view! {
                    <textarea
                        id=id
                        rows="3"
                        autocomplete=f.kind.autocomplete()
                        aria-required=required.then_some("true")
                        prop:value=value
                        on:input=on_input
                    ></textarea>
                }
                .into_any()
            } else {
                view! {
                    <input
                        id=id
                        type=f.kind.input_type()
                        autocomplete=f.kind.autocomplete()
                        inputmode=f.kind.input_mode()
                        aria-required=required.then_some("true")
                        enterkeyhint="next"
                        prop:value=value
                        on:input=on_input
                    />
                }
                .into_any()
            };
            let class = if f.kind == FieldKind::Address || f.multiline {
                "lw-field lw-wide"
            } else {
                "lw-field"
            };
            view! { <div class=class>{label} {control}</div> }
        })
        .collect_view();
    let filled = Memo::new(move |_| letter.with(|l| l.filled_count()));
    let empty = Memo::new(move |_| letter.with(|l| l.unfilled_required()));
    view! {
        <fieldset class="lw-fields">
            <legend>{s.fields_heading}</legend>
            <div class="lw-grid">{inputs}</div>
            <p class="lw-progress" aria-live="polite">
                {move || {
                    if filled.get() == total {
                        s.all_filled.to_owned()
                    } else {
                        fill(s.progress, &[("filled", &filled.get().to_string()), ("total", &total.to_string())])
                    }
                }}
            </p>
            <Show when=move || !empty.with(Vec::is_empty)>
                <div class="lw-empty">
                    <span>{s.still_empty}</span>
                    <ul>
                        {move || {
                            empty
                                .get()
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
                                .collect_view()
                        }}
                    </ul>
                </div>
            </Show>
        </fieldset>
    }
}

/// Moves focus to field `i`'s input, found in the same shadow root (or
/// document) as the control that was clicked.
fn focus_field(ev: &leptos::ev::MouseEvent, i: usize) {
    let Some(target) = ev.target().and_then(|t| t.dyn_into::<web_sys::Node>().ok()) else {
        return;
    };
    let root = target.get_root_node();
    let id = field_id(i);
    let found = match root.dyn_ref::<web_sys::ShadowRoot>() {
        Some(shadow) => shadow.get_element_by_id(&id),
        None => browser::document().get_element_by_id(&id),
    };
    if let Some(el) = found.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        el.scroll_into_view_with_bool(false);
        let _ = el.focus();
    }
}

/// A piece of the letter as drawn in the highlight layer.
#[derive(Clone, PartialEq)]
enum Piece {
    Plain(String),
    Blank(String),
    Filled(String),
}

fn pieces(l: &Letter) -> Vec<Piece> {
    let text = l.text();
    let mut out = Vec::with_capacity(l.marks().len() * 2 + 1);
    let mut at = 0;
    for m in l.marks() {
        if m.start > at {
            out.push(Piece::Plain(text[at..m.start].to_owned()));
        }
        let t = text[m.start..m.end].to_owned();
        out.push(if l.is_filled(m.field) {
            Piece::Filled(t)
        } else {
            Piece::Blank(t)
        });
        at = m.end;
    }
    // A trailing space keeps a final empty line as tall as the textarea's.
    out.push(Piece::Plain(format!("{} ", &text[at..])));
    out
}

/// The letter as one editable text, with the blanks still empty highlighted
/// on a mirrored layer behind it.
#[component]
fn LetterEditor(
    /// The reader's session.
    session: Session,
) -> impl IntoView {
    let s = words();
    let letter = session.letter;
    let area: NodeRef<html::Textarea> = NodeRef::new();
    // Set while the textarea itself is the source of a change, so the sync
    // below doesn't write its own value back (which would cost a copy of the
    // whole letter per keystroke).
    let from_area = StoredValue::new_local(Rc::new(Cell::new(false)));

    let on_input = move |ev: leptos::ev::Event| {
        let el: web_sys::HtmlTextAreaElement = event_target(&ev);
        let value = el.value();
        // The caret tells the engine where the reader typed: "h" typed in
        // "Smit|h" gives the same text as after "Smith", but not the same edit.
        let hint = el
            .selection_end()
            .ok()
            .flatten()
            .map(|c| utf16_to_byte(&value, c as usize));
        let caret = session.edit(|l| l.apply_text_at(&value, hint));
        from_area.with_value(|f| f.set(true));
        // The engine may rewrite what was typed (a blank's placeholder gives
        // way to the typed text): put the result and the caret back.
        let rewritten = letter.with_untracked(|l| (l.text() != value).then(|| l.text().to_owned()));
        if let Some(text) = rewritten {
            el.set_value(&text);
            let at = byte_to_utf16(&text, caret) as u32;
            let _ = el.set_selection_range(at, at);
        }
    };

    // Synchronises the textarea (outside Leptos' control while typing) with
    // changes made elsewhere: fields, restore, start over, other tabs.
    Effect::new(move |_| {
        letter.track();
        if from_area.with_value(|f| f.replace(false)) {
            return;
        }
        if let Some(el) = area.get_untracked() {
            letter.with_untracked(|l| {
                if el.value() != l.text() {
                    // Keep the caret where it was, as far as the text allows.
                    let caret = el.selection_end().ok().flatten().unwrap_or(0) as usize;
                    let old = el.value();
                    let byte = utf16_to_byte(&old, caret).min(l.text().len());
                    el.set_value(l.text());
                    if browser::document().active_element().is_some() {
                        let u = byte_to_utf16(l.text(), floor_char(l.text(), byte)) as u32;
                        let _ = el.set_selection_range(u, u);
                    }
                }
            });
        }
    });

    let pieces = Memo::new(move |_| letter.with(pieces));
    let backdrop = move || {
        pieces
            .get()
            .into_iter()
            .map(|p| match p {
                Piece::Plain(t) => t.into_any(),
                Piece::Blank(t) => view! { <mark class="lw-blank">{t}</mark> }.into_any(),
                Piece::Filled(t) => view! { <mark class="lw-filled">{t}</mark> }.into_any(),
            })
            .collect_view()
    };
    let initial = letter.with_untracked(|l| l.text().to_owned());
    view! {
        <div class="lw-letter">
            <label class="lw-letter-label" for="lw-letter">
                {s.letter_label}
            </label>
            <p class="lw-hint" id="lw-letter-hint">
                {s.letter_hint}
            </p>
            <div class="lw-editor">
                <div class="lw-backdrop" aria-hidden="true">
                    {backdrop}
                </div>
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

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Characters used against the organiser's limit, counted as web forms count.
#[component]
fn Meter(
    /// The letter being written.
    letter: RwSignal<Letter>,
    /// The organiser's limit, if any.
    max_length: Option<usize>,
) -> impl IntoView {
    let s = words();
    let used = Memo::new(move |_| letter.with(|l| count_form_units(l.text())));
    let state = move || match max_length {
        Some(max) if used.get() > max => "over",
        Some(max) if used.get() * 10 >= max * 9 => "near",
        _ => "ok",
    };
    let text = move || {
        let n = used.get();
        match max_length {
            None => fill(s.meter_no_limit, &[("n", &n.to_string())]),
            Some(max) => {
                let base = fill(s.meter, &[("n", &n.to_string()), ("max", &max.to_string())]);
                if n > max {
                    format!(
                        "{base}. {}",
                        fill(s.meter_over, &[("over", &(n - max).to_string())])
                    )
                } else if n * 10 >= max * 9 {
                    format!(
                        "{base}. {}",
                        fill(s.meter_near, &[("left", &(max - n).to_string())])
                    )
                } else {
                    base
                }
            }
        }
    };
    view! {
        <p class="lw-meter" data-state=state aria-live="polite">
            {text}
        </p>
    }
}

/// Copy, download, email, print, share and start over.
#[component]
fn Actions(
    /// The reader's session.
    session: Session,
    /// The organiser's settings.
    config: StoredValue<WidgetConfig>,
    /// Where results are announced.
    flash: RwSignal<Option<String>>,
) -> impl IntoView {
    let s = words();
    let letter = session.letter;
    let pending = RwSignal::new(None::<Action>);
    let confirming = RwSignal::new(false);
    let text = move || letter.with_untracked(|l| l.final_text());
    let subject = move || config.with_value(|c| c.subject.clone());

    let run = move |action: Action| {
        pending.set(None);
        match action {
            Action::Copy => {
                let t = text();
                leptos::task::spawn_local(async move {
                    let ok = browser::copy_text(&t).await;
                    flash.set(Some(if ok { s.copied } else { s.copy_failed }.to_owned()));
                });
            }
            Action::Email => {
                let t = text();
                let (href, too_long) = config.with_value(|c| mailto(&c.to, &c.subject, &t));
                if too_long {
                    leptos::task::spawn_local(async move {
                        let ok = browser::copy_text(&t).await;
                        flash.set(Some(
                            if ok { s.email_too_long } else { s.copy_failed }.to_owned(),
                        ));
                        let _ = browser::window().location().set_href(&href);
                    });
                } else {
                    let _ = browser::window().location().set_href(&href);
                }
            }
            Action::Print => browser::print_letter(&text(), s.lang, s.dir),
        }
    };
    let request = move |action: Action| {
        if letter.with_untracked(|l| l.unfilled_required().is_empty()) {
            run(action);
        } else {
            pending.set(Some(action));
        }
    };
    // A real link, so it works like one (keyboard, context menu); its href
    // gets the letter at click time rather than on every keystroke.
    let initial_mailto = config.with_value(|c| mailto(&c.to, &c.subject, "").0);
    let email = move |ev: leptos::ev::MouseEvent| {
        if !letter.with_untracked(|l| l.unfilled_required().is_empty()) {
            ev.prevent_default();
            pending.set(Some(Action::Email));
            return;
        }
        let (href, too_long) = config.with_value(|c| mailto(&c.to, &c.subject, &text()));
        if too_long {
            ev.prevent_default();
            run(Action::Email);
        } else if let Some(a) = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        {
            a.set_href(&href);
        }
    };
    let download = move |_| {
        let name = config.with_value(|c| download_name(&c.subject, &c.letter_id));
        if browser::download_text(&name, &text()) {
            flash.set(Some(s.downloaded.to_owned()));
        }
    };
    let share = move |_| {
        let (title, t) = (subject(), text());
        leptos::task::spawn_local(async move {
            browser::share(&title, &t).await;
        });
    };
    let start_over = move |_| {
        confirming.set(false);
        session.replace_letter(session.fresh(s.lang));
        flash.set(Some(s.cleared.to_owned()));
    };
    let warning = move || {
        pending.get().map(|action| {
            let empty = letter.with_untracked(|l| {
                l.unfilled_required()
                    .into_iter()
                    .map(|i| (i, l.fields()[i].label.clone()))
                    .collect::<Vec<_>>()
            });
            let names = empty
                .iter()
                .map(|(_, n)| n.as_str())
                .collect::<Vec<_>>()
                .join(", ");
            view! {
                <div class="lw-notice lw-warning" role="alert">
                    <p>{fill(s.warn_empty, &[("names", &names)])}</p>
                    {empty
                        .into_iter()
                        .map(|(i, label)| {
                            view! {
                                <button
                                    type="button"
                                    on:click=move |ev| {
                                        focus_field(&ev, i);
                                        pending.set(None);
                                    }
                                >
                                    {format!("{} {label}", s.go_to)}
                                </button>
                            }
                        })
                        .collect_view()}
                    <button type="button" class="lw-secondary" on:click=move |_| run(action)>
                        {s.continue_anyway}
                    </button>
                </div>
            }
        })
    };
    view! {
        <div class="lw-actions" role="group" aria-label=s.actions_label>
            <button type="button" class="lw-primary" on:click=move |_| request(Action::Copy)>
                {s.copy}
            </button>
            <button type="button" on:click=download>
                {s.download}
            </button>
            <a class="lw-button" href=initial_mailto on:click=email>
                {s.email}
            </a>
            <button type="button" on:click=move |_| request(Action::Print)>
                {s.print}
            </button>
            <Show when=browser::can_share>
                <button type="button" on:click=share>
                    {s.share}
                </button>
            </Show>
            <button type="button" class="lw-secondary" on:click=move |_| confirming.set(true)>
                {s.start_over}
            </button>
        </div>
        {warning}
        <Show when=move || confirming.get()>
            <div class="lw-notice" role="alertdialog" aria-label=s.start_over>
                <p>{s.start_over_confirm}</p>
                <button type="button" class="lw-danger" on:click=start_over>
                    {s.start_over_yes}
                </button>
                <button type="button" on:click=move |_| confirming.set(false)>
                    {s.cancel}
                </button>
            </div>
        </Show>
    }
}

/// Says whether the draft is saved, and plainly when it cannot be.
#[component]
fn StatusLine(
    /// The reader's session.
    session: Session,
) -> impl IntoView {
    let s = words();
    let text = move || match session.status.get() {
        SaveStatus::Idle => "",
        SaveStatus::Saving => s.saving,
        SaveStatus::Saved => s.saved,
        SaveStatus::Restored => s.restored,
        SaveStatus::CannotSave => s.cannot_save,
        SaveStatus::Full => s.storage_full,
    };
    let warn = move || {
        matches!(
            session.status.get(),
            SaveStatus::CannotSave | SaveStatus::Full
        )
    };
    let forgotten = RwSignal::new(false);
    view! {
        <div class="lw-footer">
            <p class="lw-status" class:lw-status-warn=warn role="status" aria-live="polite">
                {text}
                {move || forgotten.get().then_some(s.forgotten)}
            </p>
            <label class="lw-remember">
                <input
                    type="checkbox"
                    prop:checked=move || session.remember.get()
                    on:change=move |ev| session.set_remember(event_target_checked(&ev))
                />
                {s.remember_me}
                <span class="lw-hint">" " {s.remember_hint}</span>
            </label>
            <button
                type="button"
                class="lw-link"
                on:click=move |_| {
                    session.forget_everything(s.lang);
                    forgotten.set(true);
                }
            >
                {s.forget_me}
            </button>
        </div>
    }
}

/// A problem the organiser must fix, shown where the form would be.
#[component]
pub fn ErrorBox(
    /// What is wrong and where.
    error: SetupError,
    /// The words to use.
    strings: &'static Strings,
) -> impl IntoView {
    view! {
        <div class="lw-error" role="alert">
            <p class="lw-error-title">{strings.error_heading}</p>
            <p>
                {strings.error_fix_hint} " " <strong>{error.place}</strong> " — " {error.message}
            </p>
        </div>
    }
}
