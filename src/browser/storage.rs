//! localStorage as the engine's draft store, through gloo-storage behind a
//! probe.

use super::window;
use crate::draft::{DraftStore, StoreError};
use gloo_storage::{LocalStorage, Storage as _};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

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
