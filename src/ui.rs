//! The reader's form as Leptos components. They render the session's state
//! and forward events to it; the rules live in `letter`, `draft`, `send` and
//! `session`.
//!
//! Written for size as much as for clarity: every bit of Leptos view code is
//! monomorphised into the widget, so decisions and warnings share one
//! [`Prompt`] view, and the highlight layer behind the letter is painted
//! directly.

use crate::browser;
use crate::letter::{byte_to_utf16, count_form_units, utf16_to_byte, Letter, RECIPIENT_KEY};
use crate::recipients::{first_unsent, tel_href, Recipient, RecipientList};
use crate::send::{download_name, mailto};
use crate::session::{Notice, SaveStatus, Session};
use crate::strings::{fill, number, Strings};
use crate::template::Template;
use leptos::either::Either;
use leptos::html;
use leptos::prelude::*;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;

/// What the organiser set on the element.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Key of the reader's draft in localStorage.
    pub letter_id: String,
    /// Subject line for email, downloads and shares.
    pub subject: String,
    /// Recipients of the Email action.
    pub to: Vec<String>,
    /// Character limit, counted as web forms count.
    pub max_length: Option<usize>,
}

/// A problem the organiser must fix, shown inside the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct SetupError {
    /// Where the problem is ("template", "attribute max-length", ...).
    pub place: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Everything a widget needs to start, prepared by the embed layer.
pub struct WidgetSetup {
    /// The organiser's settings.
    pub config: WidgetConfig,
    /// The parsed letter template.
    pub template: Rc<Template>,
    /// The words to use.
    pub strings: &'static Strings,
    /// The organiser's recipients list, if one is attached.
    pub recipients: Option<RecipientList>,
    /// Whether the page names a list that could not be fetched: the reader
    /// writes without it, and is told so.
    pub list_unavailable: bool,
}

/// What the reader asked to do with the finished letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Action {
    Copy,
    /// Copy, and open the current recipient's contact form.
    CopyOpen,
    Email,
    Print,
}

/// What a prompt's button does.
#[derive(Clone, Debug)]
enum Cmd {
    /// Close the prompt.
    Dismiss,
    /// Replace the letter (keeping the old one for undo).
    UseLetter(Letter),
    /// Put back the letter before the last replacement.
    Undo,
    /// Focus field `i`'s input.
    GoTo(usize),
    /// Do the action despite empty blanks.
    Run(Action),
    /// Really start over.
    StartOver,
}

/// A decision, warning or result shown above the actions, with buttons.
#[derive(Clone, Debug)]
struct Prompt {
    text: String,
    buttons: Vec<(String, Cmd)>,
}

/// The state every part of the form shares. Cheap to copy into handlers.
#[derive(Clone, Copy)]
struct Ui {
    session: Session,
    prompt: RwSignal<Option<Prompt>>,
    flash: RwSignal<String>,
    config: StoredValue<WidgetConfig>,
    s: &'static Strings,
    /// Whether the organiser attached a recipients list (then `{{recipient}}`
    /// is filled from it rather than typed).
    has_list: bool,
    /// The organiser's recipients list.
    list: StoredValue<Option<RecipientList>>,
    /// The recipient the letter is addressed to now.
    current: RwSignal<Option<String>>,
}

impl Ui {
    fn say(&self, text: &str) {
        self.flash.set(text.to_owned());
    }

    fn text(&self) -> String {
        self.session.letter.with_untracked(Letter::final_text)
    }

    /// Runs a prompt button.
    fn exec(&self, cmd: Cmd, ev: &leptos::ev::MouseEvent) {
        self.prompt.set(None);
        self.session.notice.set(None);
        match cmd {
            Cmd::Dismiss => {}
            Cmd::UseLetter(next) => {
                self.session.replace_letter(next);
                self.offer_undo("");
            }
            Cmd::Undo => self.session.undo_replace(),
            Cmd::GoTo(i) => focus_field(ev, i),
            Cmd::Run(action) => self.run(action),
            Cmd::StartOver => {
                self.session
                    .replace_letter(self.session.fresh(self.s.lang()));
                self.offer_undo(self.s.cleared());
            }
        }
    }

    /// The recipient with `id`.
    fn find(&self, id: Option<&String>) -> Option<Recipient> {
        self.list.with_value(|list| {
            list.as_ref()?
                .recipients
                .iter()
                .find(|r| Some(&r.id) == id)
                .cloned()
        })
    }

    /// The Email action's link: to the current recipient's address where the
    /// list gives one, else to the organiser's `to`.
    fn mailto(&self, text: &str) -> (String, bool) {
        let email = self
            .find(self.current.get_untracked().as_ref())
            .and_then(|r| r.email);
        self.config.with_value(|c| match email {
            Some(email) => mailto(&[email], &c.subject, text),
            None => mailto(&c.to, &c.subject, text),
        })
    }

    /// The recipients in `region`.
    fn group(&self, region: Option<String>) -> Vec<Recipient> {
        self.list.with_value(|list| match (list, region) {
            (Some(list), Some(g)) => list.in_group(&g).into_iter().cloned().collect(),
            _ => Vec::new(),
        })
    }

    /// Addresses the letter to `r` (or back to the blank).
    fn choose(&self, r: Option<Recipient>) {
        let greeting = r.as_ref().map_or("", |r| r.greeting.as_str()).to_owned();
        self.current.set(r.map(|r| r.id));
        let letter = self.session.letter;
        if letter.with_untracked(|l| l.addressed_to(&greeting).text() != l.text()) {
            self.session.edit(|l| l.address_to(&greeting));
        }
    }

    /// Shows the reader's region, addressed to its first recipient not yet
    /// sent (or the first of all, when `all` or when every one is sent).
    fn pick_region(&self, region: Option<String>, all: bool) {
        let group = self.group(region.clone());
        let first = self.session.sent.with_untracked(|sent| {
            let first = first_unsent(&group, sent);
            let done = group.get(first).is_none_or(|r| sent.contains(&r.id));
            if all && done {
                None
            } else {
                Some(first)
            }
        });
        if self.session.region.get_untracked() != region {
            self.session.set_region(region);
        }
        if let Some(first) = first {
            self.choose(group.into_iter().nth(first));
        }
    }
    fn offer_undo(&self, text: &str) {
        self.prompt.set(Some(Prompt {
            text: text.to_owned(),
            buttons: vec![(self.s.undo().to_owned(), Cmd::Undo)],
        }));
    }

    /// Runs `action`, after naming the required blanks still empty.
    fn request(&self, action: Action) -> bool {
        let empty = self.session.letter.with_untracked(|l| {
            l.unfilled_required()
                .into_iter()
                .map(|i| (i, l.fields()[i].label.clone()))
                .collect::<Vec<_>>()
        });
        if empty.is_empty() {
            self.run(action);
            return true;
        }
        let s = self.s;
        let names = empty
            .iter()
            .map(|(_, n)| n.as_str())
            .collect::<Vec<_>>()
            .join(s.list_sep());
        let mut buttons: Vec<(String, Cmd)> = empty
            .into_iter()
            .map(|(i, label)| (fill(s.go_to(), &[("field", &label)]), Cmd::GoTo(i)))
            .collect();
        buttons.push((s.continue_anyway().to_owned(), Cmd::Run(action)));
        self.prompt.set(Some(Prompt {
            text: fill(s.warn_empty(), &[("names", &names)]),
            buttons,
        }));
        false
    }

    fn run(&self, action: Action) {
        let (ui, s, text) = (*self, self.s, self.text());
        let current = self.find(self.current.get_untracked().as_ref());
        match action {
            Action::Copy | Action::CopyOpen => {
                // Copy first: the page must still have focus to write to the clipboard.
                let copied = browser::copy_text(&text);
                // Checked again here, whatever the list said when it was read.
                let form = current.as_ref().and_then(Recipient::contact_form);
                let done = match form {
                    Some(url) if action == Action::CopyOpen => {
                        browser::open_tab(url);
                        s.copied_open()
                    }
                    _ => s.copied(),
                };
                leptos::task::spawn_local(async move {
                    ui.say(if copied.await { done } else { s.copy_failed() });
                });
            }
            Action::Email => {
                let (href, too_long) = self.mailto(&text);
                leptos::task::spawn_local(async move {
                    if too_long {
                        let ok = browser::copy_text(&text).await;
                        ui.say(if ok {
                            s.email_too_long()
                        } else {
                            s.copy_failed()
                        });
                    }
                    let _ = browser::window().location().set_href(&href);
                });
            }
            Action::Print => {
                let address = current.map(|r| r.address_block());
                browser::print_letter(address.as_deref(), &text, s.lang())
            }
        }
    }
}

/// Element id of field `i`'s input (ids are scoped by the shadow root).
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
        strings: s,
        recipients,
        list_unavailable,
    } = setup;
    let notes = template.notes.clone();
    let session = Session::start(template, &config.letter_id, s.lang());
    let ui = Ui {
        session,
        prompt: RwSignal::new(None),
        flash: RwSignal::new(String::new()),
        config: StoredValue::new(config),
        s,
        has_list: recipients.is_some(),
        list: StoredValue::new(recipients),
        current: RwSignal::new(None),
    };
    let letter = session.letter;
    // Back to the reader's region and its next recipient. Without a region
    // (or a list) the letter keeps whatever recipient it has: one the reader
    // typed while the list was out of reach stays.
    if let Some(region) = session.region.get_untracked().filter(|_| ui.has_list) {
        ui.pick_region(Some(region), false);
    }

    // Synchronises with the page outside: says the widget is ready.
    Effect::new(move |_| on_ready(letter));

    // Decisions about the draft (updated letter, another tab, damaged data).
    let notice = move || {
        session.notice.get().map(|n| {
            let ok = (s.keep_mine().to_owned(), Cmd::Dismiss);
            let (text, buttons) = match n {
                Notice::TemplateChanged { updated } => (
                    s.template_changed(),
                    vec![ok, (s.use_updated().to_owned(), Cmd::UseLetter(updated))],
                ),
                Notice::OtherTab { theirs } => (
                    s.other_tab(),
                    vec![ok, (s.use_other_tab().to_owned(), Cmd::UseLetter(theirs))],
                ),
                Notice::Followed => (
                    s.other_tab_followed(),
                    vec![(s.undo().to_owned(), Cmd::Undo)],
                ),
                Notice::Corrupt => (s.corrupt_kept(), vec![(s.ok().to_owned(), Cmd::Dismiss)]),
                Notice::Newer => (s.newer_draft(), vec![(s.ok().to_owned(), Cmd::Dismiss)]),
            };
            prompt_view(
                ui,
                Prompt {
                    text: text.to_owned(),
                    buttons,
                },
            )
        })
    };
    let prompt = move || ui.prompt.get().map(|p| prompt_view(ui, p));
    // The current recipient's contact form may take less than the organiser's limit.
    let page_max = ui.config.with_value(|c| c.max_length);
    let max = move || {
        ui.current
            .with(|c| ui.find(c.as_ref()))
            .and_then(|r| r.max_length)
            .or(page_max)
    };

    view! {
        <section class="lw-widget" aria-label=s.letter_label()>
            {notice}
            <FieldList ui=ui />
            <LetterEditor ui=ui />
            {(!notes.is_empty()).then(|| view! { <Notes notes=notes strings=s /> })}
            <Meter letter=letter max_length=max strings=s />
            {ui.has_list.then(|| view! { <Recipients ui=ui /> })}
            {list_unavailable.then(|| view! { <p class="lw-notice lw-warning">{s.list_unavailable()}</p> })}
            <Actions ui=ui />
            {prompt}
            <p class="lw-flash" role="status" aria-live="polite">
                {move || ui.flash.get()}
            </p>
            <StatusLine ui=ui />
        </section>
    }
}

/// A prompt: its text and a row of buttons.
fn prompt_view(ui: Ui, prompt: Prompt) -> impl IntoView {
    let buttons = prompt
        .buttons
        .into_iter()
        .map(|(label, cmd)| {
            view! {
                <button type="button" on:click=move |ev| ui.exec(cmd.clone(), &ev)>
                    {label}
                </button>
            }
        })
        .collect_view();
    view! {
        <div class="lw-notice" role="alert">
            <p>{prompt.text}</p>
            {buttons}
        </div>
    }
}

/// One labelled input per field, in template order, with progress and the
/// blanks still empty.
#[component]
fn FieldList(
    /// The form's shared state.
    ui: Ui,
) -> impl IntoView {
    let s = ui.s;
    let session = ui.session;
    let letter = session.letter;
    let fields = letter.with_untracked(|l| l.fields().to_vec());
    let total = fields.len();
    let inputs = fields
        .into_iter()
        .enumerate()
        // With a recipients list, `{{recipient}}` is filled from it.
        .filter(|(_, f)| !(ui.has_list && f.key == RECIPIENT_KEY))
        .map(|(i, f)| {
            let id = field_id(i);
            // A memo, so typing in the letter (which changes the letter but
            // not this field) does not write every input again.
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
        })
        .collect_view();
    let filled = Memo::new(move |_| letter.with(Letter::filled_count));
    let empty = Memo::new(move |_| letter.with(Letter::unfilled_required));
    let progress = move || {
        let n = filled.get();
        if n == total {
            s.all_filled().to_owned()
        } else {
            fill(
                s.progress(),
                &[
                    ("filled", &number(n, s.lang())),
                    ("total", &number(total, s.lang())),
                ],
            )
        }
    };
    let still_empty = move || {
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
                    <span>{s.still_empty()}</span>
                    <ul>{items}</ul>
                </div>
            }
        })
    };
    view! {
        <fieldset class="lw-fields">
            <legend>{s.fields_heading()}</legend>
            <div class="lw-grid">{inputs}</div>
            <p class="lw-progress" aria-live="polite">{progress}</p>
            {still_empty}
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

/// Kind of a piece of the highlight layer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Blank,
    Filled,
}

/// One line of the highlight layer: its pieces of text.
type Line = Vec<(String, Paint)>;

/// What the highlight layer shows, one block per line of the letter, so a
/// keystroke redraws (and the browser re-lays out) only the line it changed
/// rather than the whole letter.
#[derive(Default)]
struct Painted {
    lines: Vec<Line>,
    nodes: Vec<web_sys::Element>,
}

/// The letter cut into lines, each cut into plain text and field marks (a
/// mark over several lines gives a piece on each).
fn lines(l: &Letter) -> Vec<Line> {
    let text = l.text();
    let mut out: Vec<Line> = vec![Vec::new()];
    let mut push = |piece: &str, kind: Paint| {
        for (i, part) in piece.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if !part.is_empty() {
                if let Some(line) = out.last_mut() {
                    line.push((part.to_owned(), kind));
                }
            }
        }
    };
    let mut at = 0;
    for m in l.marks() {
        push(&text[at..m.start], Paint::Plain);
        let kind = if l.is_filled(m.field) {
            Paint::Filled
        } else {
            Paint::Blank
        };
        push(&text[m.start..m.end], kind);
        at = m.end;
    }
    push(&text[at..], Paint::Plain);
    out
}

/// Draws the letter into the highlight layer: the same text, with the
/// blanks still empty and the filled ones marked. Lines that did not change
/// keep their nodes.
fn paint_backdrop(layer: &web_sys::HtmlElement, l: &Letter, painted: &mut Painted) {
    let next = lines(l);
    let old = &painted.lines;
    let same_start = old.iter().zip(&next).take_while(|(a, b)| a == b).count();
    let room = old.len().min(next.len()) - same_start;
    let same_end = old
        .iter()
        .rev()
        .zip(next.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let doc = browser::document();
    let before = painted.nodes.get(old.len() - same_end).cloned();
    let fresh: Vec<web_sys::Element> = next[same_start..next.len() - same_end]
        .iter()
        .filter_map(|line| {
            let div = doc.create_element("div").ok()?;
            for (text, kind) in line {
                if *kind == Paint::Plain {
                    let _ = div.append_with_str_1(text);
                } else if let Ok(mark) = doc.create_element("mark") {
                    mark.set_class_name(if *kind == Paint::Filled {
                        "lw-filled"
                    } else {
                        "lw-blank"
                    });
                    mark.set_text_content(Some(text));
                    let _ = div.append_with_node_1(&mark);
                }
            }
            Some(div)
        })
        .collect();
    for node in painted
        .nodes
        .splice(same_start..old.len() - same_end, fresh.iter().cloned())
    {
        node.remove();
    }
    for div in &fresh {
        let _ = layer.insert_before(div, before.as_ref().map(|b| b.as_ref()));
    }
    painted.lines = next;
}

/// The letter as one editable text, with the blanks still empty highlighted
/// on a mirrored layer behind it.
#[component]
fn LetterEditor(
    /// The form's shared state.
    ui: Ui,
) -> impl IntoView {
    let s = ui.s;
    let session = ui.session;
    let letter = session.letter;
    let area: NodeRef<html::Textarea> = NodeRef::new();
    let layer: NodeRef<html::Div> = NodeRef::new();
    // Set while the textarea itself is the source of a change, so the sync
    // below doesn't write its own value back (a copy of the whole letter per
    // keystroke).
    let from_area = StoredValue::new_local(Cell::new(false));
    let painted = StoredValue::new_local(Painted::default());

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
                // Keep the caret where it was, as far as the text allows.
                let old = el.value();
                let caret = el.selection_end().ok().flatten().unwrap_or(0) as usize;
                let byte = utf16_to_byte(&old, caret).min(l.text().len());
                el.set_value(l.text());
                let u = byte_to_utf16(l.text(), byte) as u32;
                let _ = el.set_selection_range(u, u);
            }
            painted.update_value(|p| paint_backdrop(&layer, l, p));
        });
    });

    let initial = letter.with_untracked(|l| l.text().to_owned());
    view! {
        <div class="lw-letter">
            <label class="lw-letter-label" for="lw-letter">{s.letter_label()}</label>
            <p class="lw-hint" id="lw-letter-hint">{s.letter_hint()}</p>
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

/// The organiser's notes to the sender (`[Don't forget ...]`): shown beside
/// the letter and plainly left out of it, so nothing they wrote vanishes unseen.
#[component]
fn Notes(
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

/// Characters used against the organiser's limit, counted as web forms count.
#[component]
fn Meter(
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
    view! { <p class="lw-meter" data-state=state aria-live="polite">{text}</p> }
}

/// Copy, download, email, print, share and start over.
#[component]
fn Actions(
    /// The form's shared state.
    ui: Ui,
) -> impl IntoView {
    let s = ui.s;
    // A real link, so it works like one (keyboard, context menu); its href
    // gets the letter at click time rather than on every keystroke.
    let initial_mailto = ui.config.with_value(|c| mailto(&c.to, &c.subject, "").0);
    let email = move |ev: leptos::ev::MouseEvent| {
        let (href, too_long) = ui.mailto(&ui.text());
        let link = ev
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if too_long
            || !ui
                .session
                .letter
                .with_untracked(|l| l.unfilled_required().is_empty())
        {
            ev.prevent_default();
            ui.request(Action::Email);
        } else if let Some(a) = link {
            a.set_href(&href);
        }
    };
    let download = move |_| {
        let name = ui
            .config
            .with_value(|c| download_name(&c.subject, &c.letter_id));
        if browser::download_text(&name, &ui.text()) {
            ui.say(s.downloaded());
        }
    };
    let share = browser::can_share().then(|| {
        let share = move |_| {
            let title = ui.config.with_value(|c| c.subject.clone());
            let text = ui.text();
            leptos::task::spawn_local(async move {
                browser::share(&title, &text).await;
            });
        };
        view! { <button type="button" on:click=share>{s.share()}</button> }
    });
    let start_over = move |_| {
        ui.prompt.set(Some(Prompt {
            text: s.start_over_confirm().to_owned(),
            buttons: vec![
                (s.start_over_yes().to_owned(), Cmd::StartOver),
                (s.cancel().to_owned(), Cmd::Dismiss),
            ],
        }))
    };
    view! {
        <div class="lw-actions" role="group" aria-label=s.actions_label()>
            <button type="button" class="lw-primary" on:click=move |_| { ui.request(Action::Copy); }>
                {s.copy()}
            </button>
            <button type="button" on:click=download>{s.download()}</button>
            <a class="lw-button" href=initial_mailto on:click=email>{s.email()}</a>
            <button type="button" on:click=move |_| { ui.request(Action::Print); }>{s.print()}</button>
            {share}
            <button type="button" on:click=start_over>{s.start_over()}</button>
        </div>
    }
}

/// The organiser's recipients: the reader picks their region, then writes
/// to each of its recipients in turn, marking each as sent.
///
/// Built once per region (so focus stays put while the reader works down
/// the list): only the "sent" boxes and the current recipient's mark follow
/// state.
#[component]
fn Recipients(
    /// The form's shared state.
    ui: Ui,
) -> impl IntoView {
    let s = ui.s;
    let session = ui.session;
    // "Go to Recipient" (a blank still empty) lands on the region picker.
    let id = session
        .letter
        .with_untracked(Letter::recipient_field)
        .map_or_else(|| "lw-region".to_owned(), field_id);
    let (options, date) = ui.list.with_value(|list| {
        let list = list.as_ref();
        let options = list
            .map(RecipientList::groups)
            .unwrap_or_default()
            .into_iter()
            .map(|(g, name)| {
                let chosen = session.region.with_untracked(|r| r.as_ref() == Some(&g));
                view! { <option value=g selected=chosen>{name}</option> }
            })
            .collect_view();
        let date = list
            .and_then(|l| l.data_date.as_deref())
            .map(|d| fill(s.list_date(), &[("date", d)]));
        (options, date)
    });
    let people = move || {
        ui.group(session.region.get())
            .into_iter()
            .map(|r| {
                let who = |text: &str| fill(text, &[("who", &r.greeting)]);
                // One handler type for every button: make `r` current, then act.
                let act = |action: Action| {
                    let r = r.clone();
                    move |_| {
                        ui.choose(Some(r.clone()));
                        ui.request(action);
                    }
                };
                let (open, copy) = (who(s.copy_open()), who(s.copy_for()));
                let primary = if r.contact_form().is_some() { open } else { copy };
                // Absent details are hidden rather than left out: one view
                // type for every recipient costs the widget less.
                let phone = r.phone.clone().unwrap_or_default();
                let tel = tel_href(&phone);
                let about = if r.title.is_empty() {
                    r.name.clone()
                } else {
                    format!("{} · {}", r.name, r.title)
                };
                let (id, id2, id3) = (r.id.clone(), r.id.clone(), r.id.clone());
                let current = move || ui.current.with(|c| c.as_ref() == Some(&id)).then_some("true");
                let sent = move || session.sent.with(|sent| sent.contains(&id2));
                let mark = move |ev| {
                    session.set_sent(&id3, event_target_checked(&ev));
                    // Ticking one off moves the letter on to the next still to write.
                    ui.pick_region(session.region.get_untracked(), true);
                };
                view! {
                    <li class="lw-recipient" aria-current=current>
                        <p><strong>{r.greeting.clone()}</strong> " " {about}</p>
                        <p hidden=r.phone.is_none()>{s.phone()} " " <a href=tel>{phone}</a></p>
                        <div class="lw-actions">
                            <button type="button" class="lw-primary" on:click=act(Action::CopyOpen)>{primary}</button>
                            <button type="button" hidden=r.email.is_none() on:click=act(Action::Email)>
                                {who(s.email_to())}
                            </button>
                            <button type="button" on:click=act(Action::Print)>{who(s.print_for())}</button>
                            <label>
                                <input type="checkbox" prop:checked=sent on:change=mark />
                                {s.mark_sent()}
                            </label>
                        </div>
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <fieldset class="lw-recipients">
            <legend>{s.recipients_heading()}</legend>
            <label for=id.clone()>{s.region_label()}</label>
            <select id=id on:change=move |ev| {
                let g = event_target_value(&ev);
                ui.pick_region((!g.is_empty()).then_some(g), false);
            }>
                <option value="">{s.choose_region()}</option>
                {options}
            </select>
            <p class="lw-hint">{date}</p>
            <ul class="lw-people">{people}</ul>
        </fieldset>
    }
}

/// Says whether the draft is saved (and plainly when it cannot be), with the
/// reader's choices about their remembered details.
#[component]
fn StatusLine(
    /// The form's shared state.
    ui: Ui,
) -> impl IntoView {
    let s = ui.s;
    let session = ui.session;
    let status = move || match session.status.get() {
        SaveStatus::Idle => "",
        SaveStatus::Saving => s.saving(),
        SaveStatus::Saved => s.saved(),
        SaveStatus::SavedAfterFailure => s.saved_after_failure(),
        SaveStatus::Restored => s.restored(),
        SaveStatus::CannotSave => s.cannot_save(),
        SaveStatus::Full => s.storage_full(),
    };
    let warn = move || {
        matches!(
            session.status.get(),
            SaveStatus::CannotSave | SaveStatus::Full | SaveStatus::SavedAfterFailure
        )
    };
    let forget = move |_| {
        session.forget_everything(s.lang());
        ui.say(s.forgotten());
    };
    view! {
        <div class="lw-footer">
            <p class="lw-status" class:lw-status-warn=warn role="status" aria-live="polite">
                {status}
            </p>
            <label class="lw-remember">
                <input
                    type="checkbox"
                    prop:checked=move || session.remember.get()
                    on:change=move |ev| session.set_remember(event_target_checked(&ev))
                />
                {s.remember_me()}
                <span class="lw-hint">" " {s.remember_hint()}</span>
            </label>
            <button type="button" class="lw-link" on:click=forget>{s.forget_me()}</button>
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
            <p class="lw-error-title">{strings.error_heading()}</p>
            <p>
                {strings.error_fix_hint()} " " <strong>{error.place}</strong> " — " {error.message}
            </p>
        </div>
    }
}
