//! Printing the letter alone, laid out as a letter.

use super::sheets::adopt_document_css;
use super::{document, window};

const PRINT_ID: &str = "letter-widget-print";
const PRINT_CSS: &str = "@media screen{#letter-widget-print{display:none!important}}\
@media print{body>:not(#letter-widget-print){display:none!important}\
#letter-widget-print{display:block!important;white-space:pre-wrap;overflow-wrap:break-word;\
unicode-bidi:plaintext;text-align:start;\
font:12pt/1.5 Georgia,'Times New Roman',serif;color:#000;background:#fff;margin:0}\
#letter-widget-print address{font-style:normal;margin-bottom:3em}\
@page{margin:2.5cm}}";

/// Prints `text` alone, laid out as a letter, below the recipient's
/// `address` block when there is one: a print-only copy is placed in the
/// page's body and everything else is hidden from the printer. The letter is
/// the organiser's text in any language, so each paragraph takes its own
/// direction (as in the widget's editor), whatever the page's is.
pub fn print_letter(address: Option<&str>, text: &str, lang: &str) {
    let doc = document();
    let Some(body) = doc.body() else { return };
    let el = match doc.get_element_by_id(PRINT_ID) {
        Some(el) => el,
        None => {
            let Ok(el) = doc.create_element("div") else {
                return;
            };
            el.set_id(PRINT_ID);
            let _ = body.append_child(&el);
            adopt_document_css(PRINT_CSS);
            el
        }
    };
    let _ = el.set_attribute("lang", lang);
    let _ = el.set_attribute("dir", "auto");
    el.set_text_content(Some(text));
    if let (Some(address), Ok(block)) = (address, doc.create_element("address")) {
        block.set_text_content(Some(address));
        let _ = el.prepend_with_node_1(&block);
    }
    let _ = window().print();
}
