//! The organiser's error, shown where the form would be.

use crate::config::SetupError;
use crate::strings::Strings;
use leptos::prelude::*;

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
