//! Letter Widget: turns a letter in a blog post into a form every reader can
//! fill in, edit freely and send on, entirely in the reader's browser.
//!
//! The pure layers (`chars`, `template`, `markup`, `letter`, `draft`, `texts`, `send`,
//! `recipients`, and `legislators` behind the importer) know nothing of the
//! browser and are tested natively; `session`, `ui` and
//! `embed` bring them to the page.

pub mod chars;
pub mod draft;

#[cfg(not(target_arch = "wasm32"))]
pub mod legislators;
pub mod letter;
pub mod markup;
pub mod placeholders;
pub mod recipients;
pub mod send;
pub mod strings;
pub mod template;
pub mod texts;

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod ui;
