//! The reader's form as a whole: the parts in their order, and the session
//! they share.

use super::actions::Actions;
use super::editor::LetterEditor;
use super::fields::FieldList;
use super::form::{Cmd, Form, Prompt};
use super::meter::Meter;
use super::notes::Notes;
use super::own_words::OwnWordsLine;
use super::prompt::prompt_view;
use super::recipients::Recipients;
use super::status::StatusLine;
use super::WidgetSetup;
use crate::letter::Letter;
use crate::session::{Notice, Session};
use crate::strings::Strings;
use leptos::prelude::*;

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
    let session = Session::start(template, &config.letter_id, s.lang(), !config.from_link);
    let (from_link, own_words) = (config.from_link, config.own_words);
    let form = Form::new(session, config, s, recipients);
    let letter = session.letter;
    // Back to the reader's region and its next recipient. Without a region
    // (or a list) the letter keeps whatever recipient it has: one the reader
    // typed while the list was out of reach stays.
    if let Some(region) = session.region.get_untracked().filter(|_| form.has_list()) {
        form.pick_region(Some(region), false);
    }

    // Synchronises with the page outside: says the widget is ready.
    Effect::new(move |_| on_ready(letter));

    // Decisions about the draft (updated letter, another tab, damaged data).
    let notice = move || {
        session
            .notice
            .get()
            .map(|n| prompt_view(form, notice_prompt(n, s)))
    };
    let prompt = move || form.prompt.get().map(|p| prompt_view(form, p));
    view! {
        <section class="lw-widget" aria-label=s.letter_label()>
            {from_link.then(|| view! { <p class="lw-notice lw-warning" role="note">{s.link_notice()}</p> })}
            {notice}
            <FieldList session=session strings=s has_list=form.has_list() />
            <LetterEditor session=session strings=s />
            {(!notes.is_empty()).then(|| view! { <Notes notes=notes strings=s /> })}
            <Meter letter=letter max_length=move || form.max_length() strings=s />
            {own_words.then(|| view! { <OwnWordsLine session=session strings=s /> })}
            {form.has_list().then(|| view! { <Recipients form=form /> })}
            {list_unavailable.then(|| view! { <p class="lw-notice lw-warning">{s.list_unavailable()}</p> })}
            <Actions form=form />
            {prompt}
            <p class="lw-flash" role="status" aria-live="polite">
                {move || form.flash.get()}
            </p>
            <StatusLine session=session strings=s flash=form.flash remember=!from_link />
        </section>
    }
}

/// The prompt for a decision about the draft, with its choices.
fn notice_prompt(notice: Notice, s: &'static Strings) -> Prompt {
    let ok = (s.keep_mine().to_owned(), Cmd::Dismiss);
    let (text, buttons) = match notice {
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
    Prompt {
        text: text.to_owned(),
        buttons,
    }
}
