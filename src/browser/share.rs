//! The browser's share sheet (Web Share API), where there is one.

use super::{has, window};
use js_sys::{Object, Reflect};
use wasm_bindgen::JsCast;

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
