//! The ways to send the letter on: copy, download, email, print, share,
//! and start over.

use super::form::{Action, Cmd, Form, Prompt};
use crate::browser;
use crate::send::{download_name, mailto};
use leptos::prelude::*;

/// Copy, download, email, print, share and start over.
#[component]
pub(super) fn Actions(
    /// What the form shares.
    form: Form,
) -> impl IntoView {
    let s = form.s;
    // A real link, so it works like one (keyboard, context menu); its href
    // gets the letter at click time rather than on every keystroke.
    let initial_mailto = form.config.with_value(|c| mailto(&c.to, &c.subject, "").0);
    let download = move |_| {
        let name = form
            .config
            .with_value(|c| download_name(&c.subject, &c.letter_id));
        if browser::download_text(&name, &form.text()) {
            form.say(s.downloaded());
        }
    };
    let share = browser::can_share().then(|| {
        let share = move |_| {
            let title = form.config.with_value(|c| c.subject.clone());
            let text = form.text();
            leptos::task::spawn_local(async move {
                browser::share(&title, &text).await;
            });
        };
        view! { <button type="button" on:click=share>{s.share()}</button> }
    });
    let start_over = move |_| {
        form.prompt.set(Some(Prompt {
            text: s.start_over_confirm().to_owned(),
            buttons: vec![
                (s.start_over_yes().to_owned(), Cmd::StartOver),
                (s.cancel().to_owned(), Cmd::Dismiss),
            ],
        }))
    };
    view! {
        <div class="lw-actions" role="group" aria-label=s.actions_label()>
            <button type="button" class="lw-primary" on:click=move |_| { form.request(Action::Copy); }>
                {s.copy()}
            </button>
            <button type="button" on:click=download>{s.download()}</button>
            <a class="lw-button" href=initial_mailto on:click=move |ev| email_click(form, &ev)>{s.email()}</a>
            <button type="button" on:click=move |_| { form.request(Action::Print); }>{s.print()}</button>
            {share}
            <button type="button" on:click=start_over>{s.start_over()}</button>
        </div>
    }
}

/// The Email link, clicked: the form names the addresses (and any required
/// blank still empty) before the mail app opens. The link's own `mailto:`
/// (to and subject, no letter) stays for its context menu.
fn email_click(form: Form, ev: &leptos::ev::MouseEvent) {
    ev.prevent_default();
    form.request(Action::Email);
}
