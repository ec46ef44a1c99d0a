//! Letter Widget's engine: everything the widget does that is not the
//! browser. It reads an organiser's template and recipients list, keeps the
//! reader's letter and its field marks through free edits, stores drafts,
//! and writes what is sent. It depends on no web crate (the compiler keeps
//! it so) and is tested natively.

pub mod chars;
pub mod draft;
pub mod letter;
pub mod markup;
pub mod own_words;
pub mod placeholders;
pub mod recipients;
pub mod send;
pub mod strings;
pub mod template;
pub mod texts;
