//! The status line: whether the draft is saved, and the reader's choices
//! about their remembered details.

use crate::session::{SaveStatus, Session};
use crate::strings::Strings;
use leptos::prelude::*;

/// Says whether the draft is saved (and plainly when it cannot be), with the
/// reader's choices about their remembered details.
#[component]
pub(super) fn StatusLine(
    /// The reader's drafting session.
    session: Session,
    /// The words to use.
    strings: &'static Strings,
    /// The form's passing message ("Copied", "Forgotten").
    flash: RwSignal<String>,
    /// Whether to offer remembering the reader's details (not for a letter
    /// from a link).
    remember: bool,
) -> impl IntoView {
    let s = strings;
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
        flash.set(s.forgotten().to_owned());
    };
    view! {
        <div class="lw-footer">
            <p class="lw-status" class:lw-status-warn=warn role="status" aria-live="polite">
                {status}
            </p>
            // Shown by the stylesheet once the loader finds that the
            // browser will not promise to keep the drafts (data-may-clear).
            <p class="lw-hint lw-may-clear">{s.may_clear()}</p>
            <label class="lw-remember" hidden=!remember>
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
