//! Each browser API the widget needs, wrapped once: storage, clipboard,
//! download, print, share, dates and numbers. Every wrapper checks that the
//! capability exists first and reports failure as a value, never a panic.

use crate::draft::{DraftStore, StoreError};
use gloo_storage::{LocalStorage, Storage as _};
use js_sys::{Array, Object, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Document, HtmlElement, Window};

/// The page's window. Always present where the widget runs.
pub fn window() -> Window {
    web_sys::window().expect_throw("no window")
}

/// The page's document.
pub fn document() -> Document {
    window().document().expect_throw("no document")
}

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// True when `object.name` exists and is not `undefined`.
pub fn has(object: &JsValue, name: &str) -> bool {
    Reflect::get(object, &JsValue::from_str(name))
        .map(|v| !v.is_undefined() && !v.is_null())
        .unwrap_or(false)
}

/// localStorage as a [`DraftStore`], through gloo-storage. Storage can be
/// blocked (sandboxed iframes, some privacy modes), and gloo's
/// `LocalStorage::raw()` panics then, so [`LocalStore::open`] proves access
/// first and no other code reaches gloo before it has.
pub struct LocalStore(());

/// What [`LocalStore::open`] found.
pub enum Opened {
    /// Storage reads and writes.
    Ready(LocalStore),
    /// Storage reads, but is full: a saved draft can still be restored.
    Full(LocalStore),
    /// The browser refuses storage.
    Blocked,
}

impl LocalStore {
    /// Opens localStorage, proving that it reads and writes.
    pub fn open() -> Opened {
        // Reading `window.localStorage` throws a SecurityError when blocked.
        let Some(storage) = window().local_storage().ok().flatten() else {
            return Opened::Blocked;
        };
        // Some browsers hand out a storage object whose every write throws.
        let probe = "letter-widget:probe";
        match storage.set_item(probe, "1").map_err(store_error) {
            Ok(()) => {
                let _ = storage.remove_item(probe);
                Opened::Ready(LocalStore(()))
            }
            Err(StoreError::QuotaExceeded) if storage.length().is_ok() => {
                Opened::Full(LocalStore(()))
            }
            Err(_) => Opened::Blocked,
        }
    }
}

fn store_error(err: JsValue) -> StoreError {
    let name = err
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StoreError::QuotaExceeded
    } else if name == "SecurityError" {
        StoreError::Unavailable
    } else {
        StoreError::Other(name)
    }
}

// The draft's JSON is written and read by the engine with serde_json, the
// same serialiser gloo's typed `get`/`set` use; the store keeps the text as
// it is, so that unreadable data can be moved aside byte for byte.
impl DraftStore for LocalStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        LocalStorage::raw().get_item(key).map_err(store_error)
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        LocalStorage::raw()
            .set_item(key, value)
            .map_err(store_error)
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        LocalStorage::raw().remove_item(key).map_err(store_error)
    }

    fn keys(&self) -> Vec<String> {
        let storage = LocalStorage::raw();
        (0..storage.length().unwrap_or(0))
            .filter_map(|i| storage.key(i).ok().flatten())
            .collect()
    }
}

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

/// Opens `url` in a new tab that cannot reach back into this page
/// (`noopener`). The caller checks that it is a web address first.
pub fn open_tab(url: &str) {
    let _ = window().open_with_url_and_target_and_features(url, "_blank", "noopener");
}

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

/// Offers `text` as a download named `filename`.
pub fn download_text(filename: &str, text: &str) -> bool {
    let parts = Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/plain;charset=utf-8");
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return false;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return false;
    };
    let doc = document();
    let ok = (|| {
        let a: web_sys::HtmlAnchorElement = doc.create_element("a").ok()?.unchecked_into();
        a.set_href(&url);
        a.set_download(filename);
        a.style().set_css_text("display:none");
        doc.body()?.append_child(&a).ok()?;
        a.click();
        a.remove();
        Some(())
    })()
    .is_some();
    // Revoking at once can cancel the download in some browsers.
    let _ = leptos::prelude::set_timeout_with_handle(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    ok
}

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

/// Adds a constructed stylesheet to the document (not subject to a page's
/// `style-src` CSP the way a `<style>` element is).
fn adopt_document_css(css: &str) {
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

/// Whether the browser offers the Web Share API.
pub fn can_share() -> bool {
    has(&window().navigator(), "share")
}

/// Opens the browser's share sheet with the letter.
pub async fn share(title: &str, text: &str) -> bool {
    let data = Object::new();
    let _ = Reflect::set(&data, &"title".into(), &title.into());
    let _ = Reflect::set(&data, &"text".into(), &text.into());
    let navigator = window().navigator();
    let Ok(share) = Reflect::get(&navigator, &"share".into()) else {
        return false;
    };
    let Ok(share) = share.dyn_into::<js_sys::Function>() else {
        return false;
    };
    match share.call1(&navigator, &data) {
        Ok(promise) => wasm_bindgen_futures::JsFuture::from(js_sys::Promise::from(promise))
            .await
            .is_ok(),
        Err(_) => false,
    }
}

/// Today's date, written the way `lang` writes dates (through `Intl`, so it
/// costs no bytes here).
pub fn today(lang: &str) -> String {
    let options = Object::new();
    let _ = Reflect::set(&options, &"year".into(), &"numeric".into());
    let _ = Reflect::set(&options, &"month".into(), &"long".into());
    let _ = Reflect::set(&options, &"day".into(), &"numeric".into());
    js_sys::Date::new_0()
        .to_locale_date_string(lang, &options)
        .into()
}

/// Fires `name` on `target` as a bubbling, composed CustomEvent.
pub fn dispatch(target: &HtmlElement, name: &str, detail: &JsValue) {
    let init = web_sys::CustomEventInit::new();
    init.set_bubbles(true);
    init.set_composed(true);
    init.set_detail(detail);
    if let Ok(ev) = web_sys::CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = target.dispatch_event(&ev);
    }
}
