//! Printing the letter alone, laid out as a letter.

use super::sheets::adopt_document_css;
use super::{document, window};
use std::cell::{OnceCell, RefCell};

/// The print styles; `%` is the print copy's selector, made per page.
const PRINT_CSS: &str = "@media screen{%{display:none!important}}\
@media print{body>:not(%){display:none!important}\
%{display:block!important;white-space:pre-wrap;overflow-wrap:break-word;\
unicode-bidi:plaintext;text-align:start;\
font:12pt/1.5 Georgia,'Times New Roman',serif;color:#000;background:#fff;margin:0}\
% address{font-style:normal;margin-bottom:3em}\
@page{margin:2.5cm}}";

thread_local! {
    /// The attribute value that marks this page's print copy: random, so no
    /// markup in the post can carry it and take the letter or its styles.
    static MARK: OnceCell<String> = const { OnceCell::new() };
    /// The print copy while it is in the page.
    static COPY: RefCell<Option<web_sys::Element>> = const { RefCell::new(None) };
}

/// This page's mark. The first time: its print styles adopted, and one
/// listener that takes the copy out after each print.
fn mark() -> String {
    MARK.with(|m| {
        m.get_or_init(|| {
            let mark = format!("{:x}", (js_sys::Math::random() * 4_294_967_296.0) as u32);
            adopt_document_css(&PRINT_CSS.replace('%', &format!("[data-lw-print=\"{mark}\"]")));
            let _ = leptos::prelude::window_event_listener_untyped("afterprint", |_| remove_copy());
            mark
        })
        .clone()
    })
}

/// Takes the print copy out of the page: the letter, with the reader's name
/// and address, stays in the page only while it prints.
fn remove_copy() {
    if let Some(el) = COPY.with(|c| c.borrow_mut().take()) {
        el.remove();
    }
}

/// Prints `text` alone, laid out as a letter, below the recipient's
/// `address` block when there is one: a print-only copy the widget owns is
/// placed in the page's body, everything else is hidden from the printer,
/// and the copy is removed after printing. The letter is the organiser's
/// text in any language, so each paragraph takes its own direction (as in
/// the widget's editor), whatever the page's is.
pub fn print_letter(address: Option<&str>, text: &str, lang: &str) {
    remove_copy();
    let doc = document();
    let (Some(body), Ok(el)) = (doc.body(), doc.create_element("div")) else {
        return;
    };
    let _ = el.set_attribute("data-lw-print", &mark());
    let _ = el.set_attribute("lang", lang);
    let _ = el.set_attribute("dir", "auto");
    el.set_text_content(Some(text));
    if let (Some(address), Ok(block)) = (address, doc.create_element("address")) {
        block.set_text_content(Some(address));
        let _ = el.prepend_with_node_1(&block);
    }
    let _ = body.append_child(&el);
    COPY.with(|c| *c.borrow_mut() = Some(el));
    let _ = window().print();
}
