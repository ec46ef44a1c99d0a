//! The reader's form as Leptos components, one per file. They render the
//! session's state and forward events to it; the rules live in the engine
//! (`letter`, `draft`, `send`) and in `session`.
//!
//! Written for size as much as for clarity: every bit of Leptos view code is
//! monomorphised into the widget, so decisions and warnings share one
//! prompt view, and the highlight layer behind the letter is painted
//! directly.
//!
//! Most components take only what they show: the session, the words, a
//! signal. [`form::Form`] is for the two that act on the finished letter
//! (the actions and the recipients list) and for the prompts their
//! buttons raise.

mod actions;
mod backdrop;
mod editor;
mod error_box;
mod fields;
mod form;
mod meter;
mod notes;
mod own_words;
mod prompt;
mod recipients;
mod status;
mod widget;

pub use error_box::ErrorBox;
pub use widget::Widget;

use crate::config::WidgetConfig;
use crate::recipients::RecipientList;
use crate::strings::Strings;
use crate::template::Template;
use std::rc::Rc;

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
