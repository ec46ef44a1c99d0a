//! How a prompt looks: a decision, warning or result shown above the
//! actions, with its buttons.

use super::form::{Form, Prompt};
use leptos::prelude::*;

/// A prompt: its text and a row of buttons.
pub(super) fn prompt_view(form: Form, prompt: Prompt) -> impl IntoView {
    let buttons = prompt
        .buttons
        .into_iter()
        .map(|(label, cmd)| {
            view! {
                <button type="button" on:click=move |ev| form.exec(cmd.clone(), &ev)>
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
