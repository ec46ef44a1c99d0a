//! Copying the letter: the Clipboard API, else a selection and
//! `execCommand("copy")`.

use super::{document, has, window};
use wasm_bindgen::JsCast;

/// Copies `text` to the clipboard: the async Clipboard API where the page is a
/// secure context, otherwise a hidden textarea and `execCommand("copy")`, which
/// still works on plain http:// pages. Resolves to whether it worked.
///
/// The write starts at the call, not when the future is first polled, so a
/// caller may open another tab right after it: the browser only lets a
/// focused page write to the clipboard.
pub fn copy_text(text: &str) -> impl std::future::Future<Output = bool> {
    let navigator = window().navigator();
    let write = has(&navigator, "clipboard").then(|| navigator.clipboard().write_text(text));
    let text = text.to_owned();
    async move {
        if let Some(promise) = write {
            if wasm_bindgen_futures::JsFuture::from(promise).await.is_ok() {
                return true;
            }
        }
        copy_with_selection(&text)
    }
}

/// Copies `text` through a hidden textarea's selection.
fn copy_with_selection(text: &str) -> bool {
    let doc = document();
    let Some(body) = doc.body() else { return false };
    let Ok(area) = doc.create_element("textarea") else {
        return false;
    };
    let area: web_sys::HtmlTextAreaElement = area.unchecked_into();
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    let _ = area.set_attribute("aria-hidden", "true");
    area.style()
        .set_css_text("position:fixed;top:0;left:-9999px;opacity:0");
    let _ = body.append_child(&area);
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    ok
}
