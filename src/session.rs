//! The reader's drafting session: the letter as reactive state, and keeping
//! it in the draft store (debounced writes, flushes when the page is hidden,
//! another tab's changes, the reader's remembered details).
//!
//! Every change to the letter goes through [`Session::edit`], so saving is
//! scheduled where the change happens rather than by an effect.

use crate::browser::{self, LocalStore, Opened};
use crate::draft::{self, Draft, DraftStore, LoadOutcome, MemoryStore, StoreError};
use crate::letter::Letter;
use crate::own_words::{own_words, OwnWords};
use crate::template::{FieldKind, Template};
use leptos::prelude::*;
use litemap::LiteMap;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

/// How soon after a change the draft is written (at most once per this
/// long while the reader types).
pub const SAVE_DELAY: Duration = Duration::from_millis(300);

/// localStorage key of the reader's remembered details (shared by every
/// widget on the site, opt-in).
pub const PROFILE_KEY: &str = "letter-widget:profile";

/// Prefix of every key the widget writes ("Forget me" removes them all).
pub const KEY_PREFIX: &str = "letter-widget:";

/// What the status line says about the draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveStatus {
    /// Nothing to say yet.
    Idle,
    /// A write is scheduled.
    Saving,
    /// The draft is in storage.
    Saved,
    /// The draft is in storage now, but an earlier write this session was
    /// refused (storage full or blocked), so a later one may be too.
    SavedAfterFailure,
    /// The draft was loaded from storage.
    Restored,
    /// Storage is blocked: the draft lives only in this page.
    CannotSave,
    /// Storage refused the write because it is full.
    Full,
}

/// Something the reader should decide or know about, shown above the form.
#[derive(Clone, Debug)]
pub enum Notice {
    /// The organiser changed the template since the draft was saved.
    TemplateChanged { updated: Letter },
    /// Another tab wrote a different version while this one had changes.
    OtherTab { theirs: Letter },
    /// This tab followed another tab's newer version (undo brings its own back).
    Followed,
    /// Stored data could not be read and was kept aside.
    Corrupt,
    /// Stored data came from a newer widget and was kept aside.
    Newer,
}

/// Well-known keys whose values are the reader's own details.
fn is_personal(kind: FieldKind) -> bool {
    !matches!(kind, FieldKind::Text | FieldKind::Date)
}

struct Inner {
    store: Rc<dyn DraftStore>,
    key: String,
    template: Rc<Template>,
    /// The template's fingerprint, hashed once rather than on every save.
    fingerprint: String,
    timer: RefCell<Option<TimeoutHandle>>,
    dirty: Cell<bool>,
    last_written: RefCell<Option<String>>,
    /// Whether the store keeps drafts beyond this page (not the memory
    /// stand-in for blocked storage).
    persistent: bool,
    /// Whether storage refused anything this session: then the status line
    /// never says a plain "saved" again.
    failed: Cell<bool>,
    /// Whether the remembered details may be read and written here.
    profile_allowed: bool,
}

impl Inner {
    /// What the status line says after a write that persisted.
    fn saved(&self) -> SaveStatus {
        if self.failed.get() {
            SaveStatus::SavedAfterFailure
        } else {
            SaveStatus::Saved
        }
    }
}

/// The reader's drafting session. Cheap to copy into event handlers.
#[derive(Clone, Copy)]
pub struct Session {
    /// The letter being written.
    pub letter: RwSignal<Letter>,
    /// What the status line says.
    pub status: RwSignal<SaveStatus>,
    /// A decision or warning waiting for the reader.
    pub notice: RwSignal<Option<Notice>>,
    /// The letter as it was before the last big change (start over, use
    /// updated, use other tab), for one undo.
    pub undo: RwSignal<Option<Letter>>,
    /// Whether the reader asked to remember their details on this site.
    pub remember: RwSignal<bool>,
    /// Ids of the recipients the reader marked as sent (kept in the draft).
    pub sent: RwSignal<Vec<String>>,
    /// The region the reader picked from the recipients list (kept in the draft).
    pub region: RwSignal<Option<String>>,
    /// Of the recipients marked as sent, those whose copy carried the
    /// reader's own words (kept in the draft).
    pub personal: RwSignal<Vec<String>>,
    /// Whether the reader dismissed the line about their own words (kept
    /// in the draft).
    pub own_words_dismissed: RwSignal<bool>,
    inner: StoredValue<Rc<Inner>, LocalStorage>,
}

impl Session {
    /// Opens the store, restores the draft (or starts a fresh letter) and
    /// listens for page hiding and other tabs. Without `profile`, the
    /// reader's remembered details are neither read nor written (a letter
    /// from a link: its author is whoever sent the link).
    pub fn start(
        template: Rc<Template>,
        letter_id: &str,
        lang: &str,
        profile_allowed: bool,
    ) -> Session {
        let (store, mut status) = open_store();
        let persistent = status != SaveStatus::CannotSave;
        let fingerprint = template.fingerprint();
        let key = draft::draft_key(letter_id);
        let profile = read_profile(&*store).filter(|_| profile_allowed);
        let Restored {
            letter,
            notice,
            kept,
        } = restore(
            &*store,
            &key,
            &template,
            &fingerprint,
            profile.as_ref(),
            lang,
            &mut status,
        );
        let failed = status == SaveStatus::Full || status == SaveStatus::CannotSave;
        let inner = Rc::new(Inner {
            store,
            key,
            template,
            fingerprint,
            timer: RefCell::new(None),
            dirty: Cell::new(false),
            last_written: RefCell::new(None),
            persistent,
            failed: Cell::new(failed),
            profile_allowed,
        });
        let session = Session {
            letter: RwSignal::new(letter),
            status: RwSignal::new(status),
            notice: RwSignal::new(notice),
            undo: RwSignal::new(None),
            remember: RwSignal::new(profile.is_some()),
            sent: RwSignal::new(kept.sent),
            region: RwSignal::new(kept.region),
            personal: RwSignal::new(kept.personal),
            own_words_dismissed: RwSignal::new(kept.own_words_dismissed),
            inner: StoredValue::new_local(inner),
        };
        session.listen();
        session
    }

    fn inner(&self) -> Rc<Inner> {
        self.inner.get_value()
    }

    /// Changes the letter and schedules a save.
    pub fn edit<R>(&self, f: impl FnOnce(&mut Letter) -> R) -> R {
        let mut out = None;
        self.letter.update(|l| out = Some(f(l)));
        self.changed();
        out.expect("update ran")
    }

    /// Replaces the whole letter, keeping the old one for one undo.
    pub fn replace_letter(&self, next: Letter) {
        let previous = self.letter.get_untracked();
        self.undo.set(Some(previous));
        self.letter.set(next);
        self.changed();
    }

    /// Puts back the letter kept by the last [`Session::replace_letter`].
    pub fn undo_replace(&self) {
        if let Some(previous) = self.undo.get_untracked() {
            self.undo.set(None);
            self.letter.set(previous);
            self.changed();
        }
    }

    /// A fresh letter from the organiser's template, with remembered details.
    pub fn fresh(&self, lang: &str) -> Letter {
        let inner = self.inner();
        let profile = if self.remember.get_untracked() {
            read_profile(&*inner.store)
        } else {
            None
        };
        fresh_letter(&inner.template, profile.as_ref(), lang)
    }

    /// Marks recipient `id` as sent (or not), noting whether their copy
    /// carried the reader's own words, and schedules a save.
    pub fn set_sent(&self, id: &str, on: bool, personal: bool) {
        let mark = |list: RwSignal<Vec<String>>, on: bool| {
            list.update(|list| {
                list.retain(|s| s != id);
                if on {
                    list.push(id.to_owned());
                }
            })
        };
        mark(self.sent, on);
        mark(self.personal, on && personal);
        self.changed();
    }

    /// The reader's words in the letter as it stands, counted.
    pub fn own_words(&self) -> OwnWords {
        let inner = self.inner();
        self.letter
            .with_untracked(|l| own_words(l, &inner.template))
    }

    /// Keeps the reader's dismissal of the line about their own words.
    pub fn dismiss_own_words(&self) {
        self.own_words_dismissed.set(true);
        self.changed();
    }

    /// Keeps the reader's region and schedules a save.
    pub fn set_region(&self, region: Option<String>) {
        self.region.set(region);
        self.changed();
    }

    fn changed(&self) {
        let inner = self.inner();
        inner.dirty.set(true);
        // Once storage has refused, keep saying so plainly (the next write
        // still tries, and says what came of it).
        // Set once per save, not once per keystroke: every set re-runs the
        // status line.
        if !inner.failed.get() && self.status.get_untracked() != SaveStatus::Saving {
            self.status.set(SaveStatus::Saving);
        }
        // A save already on its way takes this change too. So a draft is
        // written at most every SAVE_DELAY while the reader types, rather
        // than only once they pause (a long burst of typing is kept as it
        // goes), and a keystroke costs no new timer.
        if inner.timer.borrow().is_some() {
            return;
        }
        let this = *self;
        let handle = set_timeout_with_handle(move || this.flush(), SAVE_DELAY).ok();
        *inner.timer.borrow_mut() = handle;
    }

    /// Writes the draft now if it has unsaved changes.
    pub fn flush(&self) {
        let Some(inner) = self.inner.try_get_value() else {
            return;
        };
        if let Some(t) = inner.timer.borrow_mut().take() {
            t.clear();
        }
        if !inner.dirty.get() {
            return;
        }
        let Some(mut draft) = self
            .letter
            .try_with_untracked(|l| Draft::from_letter(l, &inner.fingerprint, browser::now_ms()))
        else {
            return;
        };
        draft.sent = self.sent.get_untracked();
        draft.region = self.region.get_untracked();
        draft.personal = self.personal.get_untracked();
        draft.own_words_dismissed = self.own_words_dismissed.get_untracked();
        let json = draft::encode(&draft);
        let result = inner.store.set(&inner.key, &json);
        if self.remember.get_untracked() {
            self.save_profile();
        }
        let status = match result {
            // The memory stand-in keeps the draft for this page only.
            Ok(()) if !inner.persistent => SaveStatus::CannotSave,
            Ok(()) => {
                inner.dirty.set(false);
                *inner.last_written.borrow_mut() = Some(json);
                inner.saved()
            }
            Err(StoreError::QuotaExceeded) => SaveStatus::Full,
            Err(_) => SaveStatus::CannotSave,
        };
        if result.is_err() {
            inner.failed.set(true);
        }
        self.status.set(status);
    }

    /// Turns remembering the reader's details on or off.
    pub fn set_remember(&self, on: bool) {
        if !self.inner().profile_allowed {
            return;
        }
        self.remember.set(on);
        if on {
            self.save_profile();
        } else {
            let _ = self.inner().store.remove(PROFILE_KEY);
        }
    }

    fn save_profile(&self) {
        let inner = self.inner();
        let mut profile = read_profile(&*inner.store).unwrap_or_default();
        self.letter.with_untracked(|l| {
            for (i, f) in l.fields().iter().enumerate() {
                if is_personal(f.kind) && l.is_filled(i) {
                    profile.insert(f.key.clone(), l.value(i).to_owned());
                }
            }
        });
        let _ = inner
            .store
            .set(PROFILE_KEY, &draft::encode_profile(&profile));
    }

    /// Erases everything the widget stored in this browser and starts fresh.
    pub fn forget_everything(&self, lang: &str) {
        let inner = self.inner();
        if let Some(t) = inner.timer.borrow_mut().take() {
            t.clear();
        }
        for key in inner.store.keys() {
            if key.starts_with(KEY_PREFIX) {
                let _ = inner.store.remove(&key);
            }
        }
        inner.dirty.set(false);
        self.remember.set(false);
        self.sent.set(Vec::new());
        self.region.set(None);
        self.personal.set(Vec::new());
        self.own_words_dismissed.set(false);
        self.undo.set(None);
        self.notice.set(None);
        self.letter.set(fresh_letter(&inner.template, None, lang));
        if !inner.failed.get() {
            self.status.set(SaveStatus::Idle);
        }
    }

    /// Flushes when the page is hidden or left, and follows other tabs.
    fn listen(&self) {
        let this = *self;
        let pagehide = window_event_listener(leptos::ev::pagehide, move |_| this.flush());
        let visibility = window_event_listener_untyped("visibilitychange", move |_| {
            if browser::document().hidden() {
                this.flush();
            }
        });
        let storage = window_event_listener(leptos::ev::storage, move |ev| this.on_storage(ev));
        on_cleanup(move || {
            // Nothing the reader typed is lost when the widget is removed.
            this.flush();
            pagehide.remove();
            visibility.remove();
            storage.remove();
        });
    }

    /// Another tab wrote to storage.
    fn on_storage(&self, ev: web_sys::StorageEvent) {
        let Some(inner) = self.inner.try_get_value() else {
            return;
        };
        if ev.key().as_deref() != Some(inner.key.as_str()) {
            return;
        }
        let Some(json) = ev.new_value() else { return };
        if inner.last_written.borrow().as_deref() == Some(json.as_str()) {
            return;
        }
        let Ok(d) = draft::decode(&json) else {
            return;
        };
        // The checklist, region and dismissal follow the other tab: they are
        // clicks, not typing, and the latest is what the reader last did.
        let kept = Kept::of(&d);
        follow(self.sent, kept.sent);
        follow(self.region, kept.region);
        follow(self.personal, kept.personal);
        follow(self.own_words_dismissed, kept.own_words_dismissed);
        let theirs = d.to_letter(&inner.template);
        if self.letter.with_untracked(|l| l.text() == theirs.text()) {
            return;
        }
        *inner.last_written.borrow_mut() = Some(json);
        if inner.dirty.get() {
            // This tab has unsaved typing: keep it (it will be written and
            // reach the other tab), and offer theirs instead of dropping it.
            self.notice.set(Some(Notice::OtherTab { theirs }));
        } else {
            // Follow the other tab, keeping this tab's letter for one undo: it
            // may hold words the other tab never saw.
            let previous = self.letter.get_untracked();
            self.undo.set(Some(previous));
            self.letter.set(theirs);
            self.notice.set(Some(Notice::Followed));
            self.status.set(inner.saved());
        }
    }
}

/// localStorage, or memory where the browser refuses it, with what the
/// status line says of it to begin with.
fn open_store() -> (Rc<dyn DraftStore>, SaveStatus) {
    match LocalStore::open() {
        Opened::Ready(s) => (Rc::new(s), SaveStatus::Idle),
        Opened::Full(s) => (Rc::new(s), SaveStatus::Full),
        Opened::Blocked => (Rc::new(MemoryStore::default()), SaveStatus::CannotSave),
    }
}

/// Sets `signal` to `value` unless it holds it already (so nothing that
/// shows it runs again).
fn follow<T: PartialEq + Send + Sync + 'static>(signal: RwSignal<T>, value: T) {
    if signal.with_untracked(|v| *v != value) {
        signal.set(value);
    }
}

/// What a draft keeps beside the letter.
#[derive(Default)]
struct Kept {
    sent: Vec<String>,
    region: Option<String>,
    personal: Vec<String>,
    own_words_dismissed: bool,
}

impl Kept {
    fn of(d: &Draft) -> Kept {
        Kept {
            sent: d.sent.clone(),
            region: d.region.clone(),
            personal: d.personal.clone(),
            own_words_dismissed: d.own_words_dismissed,
        }
    }
}

/// What the store gave back for a letter: the letter (its draft, or a fresh
/// one), a decision for the reader, and what the draft kept beside it.
struct Restored {
    letter: Letter,
    notice: Option<Notice>,
    kept: Kept,
}

/// Restores the draft under `key` (or starts a fresh letter with the
/// remembered `profile`), noting in `status` what the store allows.
fn restore(
    store: &dyn DraftStore,
    key: &str,
    template: &Template,
    fingerprint: &str,
    profile: Option<&LiteMap<String, String>>,
    lang: &str,
    status: &mut SaveStatus,
) -> Restored {
    let mut notice = None;
    let mut kept = Kept::default();
    let letter = match draft::load_draft(store, key, browser::now_ms()) {
        LoadOutcome::Loaded(d) => {
            if *status == SaveStatus::Idle {
                *status = SaveStatus::Restored;
            }
            let mine = d.to_letter(template);
            kept = Kept::of(&d);
            if d.fingerprint != fingerprint {
                let values: Vec<(String, String)> = d.values.clone().into_iter().collect();
                notice = Some(Notice::TemplateChanged {
                    updated: Letter::with_values(template, &values),
                });
            }
            mine
        }
        other => {
            match other {
                LoadOutcome::MovedAside {
                    error: draft::DraftError::NewerVersion(_),
                    ..
                } => notice = Some(Notice::Newer),
                LoadOutcome::MovedAside { .. } => notice = Some(Notice::Corrupt),
                LoadOutcome::Unavailable(_) => *status = SaveStatus::CannotSave,
                _ => {}
            }
            fresh_letter(template, profile, lang)
        }
    };
    Restored {
        letter,
        notice,
        kept,
    }
}

fn read_profile(store: &dyn DraftStore) -> Option<LiteMap<String, String>> {
    draft::decode_profile(&store.get(PROFILE_KEY).ok().flatten()?)
}

/// The organiser's letter with today's date and any remembered details.
fn fresh_letter(
    template: &Template,
    profile: Option<&LiteMap<String, String>>,
    lang: &str,
) -> Letter {
    let mut values: Vec<(String, String)> = Vec::new();
    for f in &template.fields {
        if f.kind == FieldKind::Date {
            values.push((f.key.clone(), browser::today(lang)));
        } else if let Some(v) = profile.and_then(|p| p.get(&f.key)) {
            values.push((f.key.clone(), v.clone()));
        }
    }
    Letter::with_values(template, &values)
}
