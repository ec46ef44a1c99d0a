//! Letter Widget: turns a letter in a blog post into a form every reader can
//! fill in, edit freely and send on, entirely in the reader's browser.
//!
//! The engine crate (`letter-engine`, re-exported here module by module)
//! knows nothing of the browser; `config`, `browser`, `session`, `ui` and
//! `embed` bring it to the page.

pub use letter_engine::{
    chars, draft, letter, markup, own_words, placeholders, recipients, send, strings, template,
    texts,
};

#[cfg(target_arch = "wasm32")]
pub mod browser;
#[cfg(target_arch = "wasm32")]
pub mod config;
#[cfg(target_arch = "wasm32")]
pub mod embed;
#[cfg(target_arch = "wasm32")]
pub mod session;
#[cfg(target_arch = "wasm32")]
pub mod ui;
