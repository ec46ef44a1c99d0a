//! The widget's stylesheets: constructed where the browser can (no
//! `style-src` CSP applies), else a `<style>` element.

use super::document;
use js_sys::{Array, Reflect};

/// Adds a constructed stylesheet to the document (not subject to a page's
/// `style-src` CSP the way a `<style>` element is).
pub(super) fn adopt_document_css(css: &str) {
    if let Some(sheet) = constructed_sheet(css) {
        let doc = document();
        if let Ok(list) = Reflect::get(&doc, &"adoptedStyleSheets".into()) {
            let list: Array = Array::from(&list);
            list.push(&sheet);
            let _ = Reflect::set(&doc, &"adoptedStyleSheets".into(), &list);
        }
    }
}

/// A `CSSStyleSheet` built from text, where the browser can construct one.
pub fn constructed_sheet(css: &str) -> Option<web_sys::CssStyleSheet> {
    let sheet = web_sys::CssStyleSheet::new().ok()?;
    sheet.replace_sync(css).ok()?;
    Some(sheet)
}

/// Gives `root` the stylesheet `sheet`, or a `<style>` element where
/// constructed stylesheets are missing.
pub fn adopt_into_shadow(
    root: &web_sys::ShadowRoot,
    sheet: Option<&web_sys::CssStyleSheet>,
    css: &str,
) {
    if let Some(sheet) = sheet {
        if Reflect::set(root, &"adoptedStyleSheets".into(), &Array::of1(sheet)).unwrap_or(false) {
            return;
        }
    }
    if let Ok(style) = document().create_element("style") {
        style.set_text_content(Some(css));
        let _ = root.append_child(&style);
    }
}
