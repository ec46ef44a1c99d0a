//! Each browser API the widget needs, wrapped once: storage, clipboard,
//! download, print, share, stylesheets, dates and events, one file each
//! where there is more than a few lines. Every wrapper checks that the
//! capability exists first and reports failure as a value, never a panic.

mod clipboard;
mod download;
mod print;
mod share;
mod sheets;
mod storage;

pub use clipboard::copy_text;
pub use download::download_text;
pub use print::print_letter;
pub use share::{can_share, share};
pub use sheets::{adopt_into_shadow, constructed_sheet};
pub use storage::{LocalStore, Opened};

use js_sys::{Object, Reflect};
use wasm_bindgen::prelude::*;
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

/// Opens `url` in a new tab that cannot reach back into this page
/// (`noopener`) and is not told which page sent the reader there
/// (`noreferrer`: no Referer header). The caller checks that it is a web
/// address first.
pub fn open_tab(url: &str) {
    let _ = window().open_with_url_and_target_and_features(url, "_blank", "noopener,noreferrer");
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
