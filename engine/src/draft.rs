//! What is saved of a reader's letter: a versioned JSON draft, where it is kept
//! (a [`DraftStore`]: localStorage in the browser, memory in tests and when
//! storage is refused), and loading that never discards what the reader typed.

use litemap::LiteMap;
use std::cell::RefCell;
use std::fmt;

use crate::letter::{Letter, Mark};
use crate::template::Template;
use crate::texts::Texts;
use serde::{Deserialize, Serialize, Serializer};

/// The draft format written by this version. Older ones are migrated on load.
pub const DRAFT_VERSION: u32 = 1;

/// A saved letter, as its JSON is written (fields in this order) and read.
/// Every field but `text` may be missing: older drafts lack later fields.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// Format version ([`DRAFT_VERSION`] when written by this code; 0, the
    /// first prototype's, when missing).
    #[serde(default)]
    pub version: u32,
    /// [`Template::fingerprint`] of the template the draft was written against
    /// (empty for migrated drafts, which did not record it).
    #[serde(default)]
    pub fingerprint: String,
    /// Field values by field key, so they survive the organiser reordering fields.
    #[serde(
        default,
        serialize_with = "crate::texts::write",
        deserialize_with = "crate::texts::read"
    )]
    pub values: LiteMap<String, String>,
    /// The letter text, with the reader's edits.
    pub text: String,
    /// Where the fields sit in `text`.
    #[serde(default)]
    pub marks: Vec<SavedMark>,
    /// When it was saved (milliseconds since the epoch), to tell two tabs' drafts apart.
    #[serde(default, serialize_with = "whole_ms")]
    pub updated_ms: f64,
    /// A template source stored with the draft. Read when present but not
    /// written: the fingerprint already tells a changed letter, and the
    /// organiser's current template rebuilds it, so saving the source with
    /// every keystroke's draft would only double what storage holds.
    #[serde(default, skip_serializing)]
    pub template: Option<String>,
    /// Recipient ids the reader marked as sent.
    #[serde(default)]
    pub sent: Vec<String>,
    /// The region the reader picked from the organiser's recipients list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Of the recipients in `sent`, those whose copy carried the reader's
    /// own words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub personal: Vec<String>,
    /// Whether the reader dismissed the line about their own words.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub own_words_dismissed: bool,
}

/// A [`Mark`] by field key rather than index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedMark {
    /// Byte offset into [`Draft::text`].
    pub start: usize,
    /// Byte offset just past the field's text.
    pub end: usize,
    /// The field's key.
    pub key: String,
}

/// Why stored data could not be read as a draft.
#[derive(Clone, Debug, PartialEq)]
pub enum DraftError {
    /// Not a draft: bad JSON or wrong shape (the detail is for logs).
    Corrupt(String),
    /// Written by a newer version of the widget (an old cached copy is running).
    NewerVersion(u32),
}

impl fmt::Display for DraftError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DraftError::Corrupt(detail) => write!(f, "the saved draft is damaged ({detail})"),
            DraftError::NewerVersion(v) => write!(
                f,
                "the saved draft was written by a newer version of this widget (format {v}, this one reads up to {DRAFT_VERSION})"
            ),
        }
    }
}

impl std::error::Error for DraftError {}

/// The storage key of a letter's draft: `letter-widget:draft:<letter-id>`.
pub fn draft_key(letter_id: &str) -> String {
    format!("letter-widget:draft:{letter_id}")
}

/// The draft as JSON text, the format [`decode`] reads back.
pub fn encode(draft: &Draft) -> String {
    // Serialising these plain strings and numbers cannot fail.
    serde_json::to_string(draft).unwrap_or_default()
}

/// Writes `updated_ms` as whole milliseconds, as the browser's clock gives
/// them: JSON has no NaN or infinity, so a nonsense clock must not make the
/// draft unreadable (and no float formatting code is needed in the widget).
fn whole_ms<S: Serializer>(ms: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    let ms = if ms.is_finite() && *ms > 0.0 {
        *ms
    } else {
        0.0
    };
    serializer.serialize_u64(ms as u64)
}

/// Only the format version, to tell a newer widget's draft (whose shape
/// this version may not read) from a damaged one.
#[derive(Deserialize)]
struct VersionOnly {
    #[serde(default)]
    version: u64,
}

/// Reads a draft from JSON text, migrating older formats. Never panics.
pub fn decode(text: &str) -> Result<Draft, DraftError> {
    let newer = |version: u64| {
        (version > u64::from(DRAFT_VERSION))
            .then(|| DraftError::NewerVersion(u32::try_from(version).unwrap_or(u32::MAX)))
    };
    let mut draft = match serde_json::from_str::<Draft>(text) {
        Ok(draft) => draft,
        Err(e) => {
            let version = serde_json::from_str::<VersionOnly>(text).map_or(0, |v| v.version);
            return Err(newer(version).unwrap_or_else(|| DraftError::Corrupt(e.to_string())));
        }
    };
    if let Some(error) = newer(draft.version.into()) {
        return Err(error);
    }
    if draft.version == 0 {
        // The first prototype's shape: `{"values": {...}, "text": "..."}`, no
        // marks. The text is kept as it was; the fields start again unmarked.
        draft = Draft {
            values: draft.values,
            text: draft.text,
            updated_ms: draft.updated_ms,
            ..Draft::default()
        };
    }
    draft.version = DRAFT_VERSION;
    Ok(draft)
}

/// The reader's remembered details as JSON text.
pub fn encode_profile(profile: &LiteMap<String, String>) -> String {
    let mut out = Vec::new();
    let _ = crate::texts::write(profile, &mut serde_json::Serializer::new(&mut out));
    String::from_utf8(out).unwrap_or_default()
}

/// The reader's remembered details from JSON text: its string members
/// (`None` when it is not a JSON object).
pub fn decode_profile(text: &str) -> Option<LiteMap<String, String>> {
    serde_json::from_str::<Texts>(text).ok().map(|t| t.0)
}

impl Draft {
    /// Captures a letter for saving.
    pub fn from_letter(letter: &Letter, fingerprint: &str, now_ms: f64) -> Draft {
        let fields = letter.fields();
        Draft {
            version: DRAFT_VERSION,
            fingerprint: fingerprint.to_string(),
            values: {
                let mut values = LiteMap::new();
                for (i, f) in fields.iter().enumerate() {
                    if letter.is_filled(i) {
                        values.insert(f.key.clone(), letter.value(i).to_string());
                    }
                }
                values
            },
            text: letter.text().to_string(),
            marks: letter
                .marks()
                .iter()
                .map(|m| SavedMark {
                    start: m.start,
                    end: m.end,
                    key: fields[m.field].key.clone(),
                })
                .collect(),
            updated_ms: now_ms,
            template: None,
            // The session adds what it keeps beside the letter.
            sent: Vec::new(),
            region: None,
            personal: Vec::new(),
            own_words_dismissed: false,
        }
    }

    /// Rebuilds the letter against `template` (which may be newer than the
    /// draft): values and marks are matched by key, and marks that no longer
    /// fit are dropped while the text is kept (see [`Letter::from_parts`]).
    pub fn to_letter(&self, template: &Template) -> Letter {
        let values = template
            .fields
            .iter()
            .map(|f| self.values.get(&f.key).cloned().unwrap_or_default())
            .collect();
        let marks = self
            .marks
            .iter()
            .filter_map(|m| {
                template.field_index(&m.key).map(|field| Mark {
                    start: m.start,
                    end: m.end,
                    field,
                })
            })
            .collect();
        Letter::from_parts(template, values, self.text.clone(), marks)
    }
}

/// Why storage refused.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// No storage (blocked by privacy settings, sandboxed frame, ...).
    Unavailable,
    /// Storage is full.
    QuotaExceeded,
    /// Anything else the browser reported.
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoreError::Unavailable => write!(f, "this browser does not allow saving drafts here"),
            StoreError::QuotaExceeded => write!(f, "this browser's storage for the page is full"),
            StoreError::Other(detail) => write!(f, "the draft could not be saved ({detail})"),
        }
    }
}

impl std::error::Error for StoreError {}

/// Where drafts are kept, so the UI can use localStorage or memory.
pub trait DraftStore {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StoreError>;
    /// Stores `value` under `key`.
    fn set(&self, key: &str, value: &str) -> Result<(), StoreError>;
    /// Removes `key` (no error if absent).
    fn remove(&self, key: &str) -> Result<(), StoreError>;
    /// Every key present (empty when storage cannot be read).
    fn keys(&self) -> Vec<String>;
}

/// A store in memory: for tests, and for browsers that refuse storage (the
/// draft then lasts as long as the page).
#[derive(Debug, Default)]
pub struct MemoryStore(pub RefCell<LiteMap<String, String>>);

impl DraftStore for MemoryStore {
    fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
        Ok(self.0.borrow().get(key).cloned())
    }

    fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
        self.0
            .borrow_mut()
            .insert(key.to_string(), value.to_string());
        Ok(())
    }

    fn remove(&self, key: &str) -> Result<(), StoreError> {
        self.0.borrow_mut().remove(key);
        Ok(())
    }

    fn keys(&self) -> Vec<String> {
        self.0.borrow().keys().cloned().collect()
    }
}

/// What [`load_draft`] found.
#[derive(Clone, Debug, PartialEq)]
pub enum LoadOutcome {
    /// No draft yet.
    Empty,
    /// A draft, migrated to the current version if it was older.
    Loaded(Draft),
    /// Corrupt or newer data was moved aside to `aside_key`
    /// (`<key>:corrupt:<now_ms>`), never deleted, so the key is free for new drafts.
    MovedAside {
        /// Where the unreadable data now is.
        aside_key: String,
        /// Why it could not be read.
        error: DraftError,
    },
    /// Storage could not be read, or unreadable data could not be moved aside
    /// (then it is left where it was: do not write drafts over it).
    Unavailable(StoreError),
}

/// Loads the draft under `key`. Data that cannot be read is copied to a new
/// key before the original is removed, so nothing the reader typed is lost.
pub fn load_draft(store: &dyn DraftStore, key: &str, now_ms: f64) -> LoadOutcome {
    let json = match store.get(key) {
        Err(e) => return LoadOutcome::Unavailable(e),
        Ok(None) => return LoadOutcome::Empty,
        Ok(Some(json)) => json,
    };
    let error = match decode(&json) {
        Ok(draft) => return LoadOutcome::Loaded(draft),
        Err(error) => error,
    };
    let base = format!("{key}:corrupt:{}", now_ms.max(0.0) as u64);
    let mut aside_key = base.clone();
    // Two loads in the same millisecond (two tabs) must not overwrite each other.
    let mut n = 1;
    while matches!(store.get(&aside_key), Ok(Some(existing)) if existing != json) {
        n += 1;
        aside_key = format!("{base}-{n}");
    }
    if let Err(e) = store.set(&aside_key, &json) {
        return LoadOutcome::Unavailable(e);
    }
    // If removing fails the data is in both places, which is still safe.
    let _ = store.remove(key);
    LoadOutcome::MovedAside { aside_key, error }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    fn sample() -> (Template, Letter) {
        let t = parse("Dear {{s: Senator}}, from {{name}} ({{s}})").unwrap();
        let mut l = Letter::new(&t);
        l.set_field(0, "Lee");
        l.replace(0, 4, "Hello");
        (t, l)
    }

    #[test]
    fn draft_round_trips_through_json() {
        let (t, l) = sample();
        let d = Draft::from_letter(&l, &t.fingerprint(), 1_700_000_000_123.0);
        assert_eq!(d.version, DRAFT_VERSION);
        assert_eq!(d.values.get("s").map(String::as_str), Some("Lee"));
        assert!(
            !d.values.contains_key("name"),
            "empty values are not stored"
        );
        assert_eq!(
            d.marks[0],
            SavedMark {
                start: 6,
                end: 9,
                key: "s".into()
            }
        );
        let back = decode(&encode(&d)).unwrap();
        assert_eq!(back, d);
        let restored = back.to_letter(&t);
        assert_eq!(restored.text(), l.text());
        assert_eq!(restored.marks(), l.marks());
        assert_eq!(restored.value(0), "Lee");
    }

    /// A draft exactly as the widget stored it before drafts went through
    /// serde (written by the browser's `JSON.stringify`, captured from a
    /// release build in Chromium: a region picked, one recipient marked as
    /// sent, two fields filled and a line typed into the letter).
    const STORED_BEFORE_SERDE: &str = r#"{"version":1,"fingerprint":"af2663adccaf263a","values":{"address":"4 Birch Row\nFlat \"B\"","name":"Zoë Ortiz-Ng 👩‍👧","recipient":"Councillor Osei"},"text":"Dear Councillor Osei,\n\nPlease fund the library on Elm Street; it is open late for students.\n\nYours,\nZoë Ortiz-Ng 👩‍👧\n4 Birch Row\nFlat \"B\"\nP.S. Thank you.","marks":[{"start":5,"end":20,"key":"recipient"},{"start":100,"end":125,"key":"name"},{"start":126,"end":146,"key":"address"}],"updated_ms":1796196612420,"sent":["berg-ines"],"region":"W1"}"#;

    const STORED_BEFORE_SERDE_LETTER: &str = "Dear {{recipient}},

Please fund the library on Elm Street; it is open late for students.

Yours,
{{name: Your full name}}
{{address: Your address | multiline}}";

    #[test]
    fn a_draft_stored_before_serde_still_loads_and_is_written_back_the_same() {
        let t = parse(STORED_BEFORE_SERDE_LETTER).unwrap();
        let d = decode(STORED_BEFORE_SERDE).unwrap();
        assert_eq!(d.fingerprint, t.fingerprint(), "no template-changed notice");
        assert_eq!(d.sent, ["berg-ines"]);
        assert_eq!(d.region.as_deref(), Some("W1"));
        assert_eq!(d.updated_ms, 1_796_196_612_420.0);
        let l = d.to_letter(&t);
        assert_eq!(
            l.text(),
            "Dear Councillor Osei,\n\nPlease fund the library on Elm Street; it is open late for students.\n\nYours,\nZoë Ortiz-Ng 👩‍👧\n4 Birch Row\nFlat \"B\"\nP.S. Thank you."
        );
        let value = |key: &str| l.value(t.field_index(key).unwrap()).to_owned();
        assert_eq!(value("recipient"), "Councillor Osei");
        assert_eq!(value("name"), "Zoë Ortiz-Ng 👩‍👧");
        assert_eq!(value("address"), "4 Birch Row\nFlat \"B\"");
        assert_eq!(
            l.marks().len(),
            3,
            "every field is still marked in the text"
        );
        // The format did not change: the same draft is written byte for byte.
        assert_eq!(encode(&d), STORED_BEFORE_SERDE);
    }

    #[test]
    fn a_field_keyed_proto_is_saved_and_restored() {
        // The browser's JSON objects gave `__proto__` no member of its own,
        // so such a field was silently never saved.
        let t = parse("To {{__proto__: Odd key}} from {{name}}").unwrap();
        let mut l = Letter::new(&t);
        l.set_field(0, "proto value");
        let d = Draft::from_letter(&l, &t.fingerprint(), 1.0);
        let json = encode(&d);
        assert!(
            json.contains(r#""values":{"__proto__":"proto value"}"#),
            "{json}"
        );
        let back = decode(&json).unwrap().to_letter(&t);
        assert_eq!(back.value(0), "proto value");
        assert_eq!(back.text(), "To proto value from [Name]");
    }

    #[test]
    fn the_profile_round_trips_and_keeps_only_texts() {
        let mut profile = LiteMap::new();
        profile.insert("name".to_owned(), "Kim \"K\" Min-ji".to_owned());
        profile.insert("__proto__".to_owned(), "x".to_owned());
        assert_eq!(decode_profile(&encode_profile(&profile)), Some(profile));
        let read = decode_profile(r#"{"name":"Kim","zip":12345}"#).unwrap();
        assert_eq!(read.len(), 1);
        for bad in ["null", "[]", "\"name\"", "{"] {
            assert_eq!(decode_profile(bad), None, "{bad}");
        }
    }

    #[test]
    fn draft_key_names_the_letter() {
        assert_eq!(draft_key("beijing-65"), "letter-widget:draft:beijing-65");
    }

    #[test]
    fn version_0_drafts_are_migrated() {
        let d = decode(r#"{"values":{"s":"Lee","n":5},"text":"Dear Lee"}"#).unwrap();
        assert_eq!(d.version, DRAFT_VERSION);
        assert_eq!(d.text, "Dear Lee");
        assert_eq!(d.values.len(), 1);
        assert_eq!(d.values.get("s").map(String::as_str), Some("Lee"));
        assert!(d.marks.is_empty() && d.template.is_none());
        let t = parse("Dear {{s}}").unwrap();
        let l = d.to_letter(&t);
        assert_eq!(l.text(), "Dear Lee");
        assert_eq!(l.value(0), "Lee");
        assert!(
            l.marks().is_empty(),
            "v0 had no marks: the text is kept as plain text"
        );
        assert!(decode(r#"{"version":0,"text":"x"}"#).is_ok());
        assert!(matches!(
            decode(r#"{"values":{}}"#),
            Err(DraftError::Corrupt(_))
        ));
        assert!(matches!(
            decode(r#"{"values":[],"text":"x"}"#),
            Err(DraftError::Corrupt(_))
        ));
    }

    #[test]
    fn newer_versions_are_refused() {
        assert_eq!(
            decode(r#"{"version":2,"text":"x"}"#),
            Err(DraftError::NewerVersion(2))
        );
        assert_eq!(
            decode(r#"{"version":99999999999,"text":"x"}"#),
            Err(DraftError::NewerVersion(u32::MAX))
        );
        assert!(DraftError::NewerVersion(2)
            .to_string()
            .contains("newer version"));
    }

    #[test]
    fn corrupt_data_is_an_error_not_a_panic() {
        for json in [
            "",
            "{",
            "null",
            "[1]",
            "\"text\"",
            r#"{"version":"1"}"#,
            r#"{"version":-1}"#,
            r#"{"version":1.5}"#,
            r#"{"version":1}"#,
            r#"{"version":1,"text":"x","marks":[{"start":-1}]}"#,
        ] {
            assert!(
                matches!(decode(json), Err(DraftError::Corrupt(_))),
                "{json}"
            );
        }
        // Fields added later default when missing.
        let d = decode(r#"{"version":1,"text":"x"}"#).unwrap();
        assert_eq!(d.text, "x");
        assert!(d.sent.is_empty());
        assert_eq!(d.region, None);
        assert!(d.personal.is_empty());
        assert!(!d.own_words_dismissed);
    }

    #[test]
    fn the_sent_checklist_region_and_dismissal_survive_a_round_trip() {
        let (_, l) = sample();
        let mut d = Draft::from_letter(&l, "f", 1.0);
        d.sent = vec!["alvarez-maria".into(), "okafor-thomas".into()];
        d.region = Some("NR".into());
        d.personal = vec!["okafor-thomas".into()];
        d.own_words_dismissed = true;
        assert_eq!(decode(&encode(&d)).unwrap(), d);
        // Left out while they say nothing, so a draft reads as before.
        let plain = encode(&Draft::from_letter(&l, "f", 1.0));
        assert!(
            !plain.contains("personal") && !plain.contains("dismissed"),
            "{plain}"
        );
        assert!(matches!(
            decode(r#"{"version":1,"text":"x","region":5}"#),
            Err(DraftError::Corrupt(_))
        ));
    }

    #[test]
    fn a_nonsense_clock_still_encodes_a_readable_draft() {
        let (_, l) = sample();
        let d = Draft::from_letter(&l, "f", f64::NAN);
        assert_eq!(decode(&encode(&d)).unwrap().updated_ms, 0.0);
    }

    #[test]
    fn changed_template_keeps_text_values_and_fitting_marks() {
        let (_, l) = sample();
        let d = Draft::from_letter(&l, "old", 1.0);
        // The organiser relabelled `name` and dropped nothing else.
        let t2 = parse("Dear {{s: Senator}}, from {{name: Full name}} ({{s}})").unwrap();
        let l2 = d.to_letter(&t2);
        assert_eq!(l2.text(), l.text());
        assert_eq!(l2.value(0), "Lee");
        // The `[Name]` placeholder no longer matches "[Full name]": that mark is dropped.
        assert_eq!(l2.marks().iter().filter(|m| m.field == 0).count(), 2);
        assert!(l2.marks().iter().all(|m| m.field != 1));
    }

    /// A store that fails the way browsers do.
    struct Failing {
        inner: MemoryStore,
        get: Option<StoreError>,
        set: Option<StoreError>,
    }

    impl DraftStore for Failing {
        fn get(&self, key: &str) -> Result<Option<String>, StoreError> {
            match &self.get {
                Some(e) => Err(e.clone()),
                None => self.inner.get(key),
            }
        }
        fn set(&self, key: &str, value: &str) -> Result<(), StoreError> {
            match &self.set {
                Some(e) => Err(e.clone()),
                None => self.inner.set(key, value),
            }
        }
        fn remove(&self, key: &str) -> Result<(), StoreError> {
            self.inner.remove(key)
        }
        fn keys(&self) -> Vec<String> {
            self.inner.keys()
        }
    }

    #[test]
    fn load_draft_empty_and_loaded() {
        let store = MemoryStore::default();
        assert_eq!(load_draft(&store, "k", 5.0), LoadOutcome::Empty);
        let (_, l) = sample();
        let d = Draft::from_letter(&l, "f", 1.0);
        store.set("k", &encode(&d)).unwrap();
        assert_eq!(load_draft(&store, "k", 5.0), LoadOutcome::Loaded(d));
        store.remove("k").unwrap();
        assert!(store.keys().is_empty());
    }

    #[test]
    fn corrupt_or_newer_drafts_are_moved_aside_never_deleted() {
        let store = MemoryStore::default();
        store.set("k", "{not json").unwrap();
        let LoadOutcome::MovedAside { aside_key, error } = load_draft(&store, "k", 1234.0) else {
            panic!("expected MovedAside");
        };
        assert_eq!(aside_key, "k:corrupt:1234");
        assert!(matches!(error, DraftError::Corrupt(_)));
        assert_eq!(
            store.get("k").unwrap(),
            None,
            "the key is free for new drafts"
        );
        assert_eq!(store.get(&aside_key).unwrap().as_deref(), Some("{not json"));

        // Same millisecond, different data: a second aside key, the first kept.
        store
            .set("k", r#"{"version":7,"text":"from the future"}"#)
            .unwrap();
        let outcome = load_draft(&store, "k", 1234.0);
        assert_eq!(
            outcome,
            LoadOutcome::MovedAside {
                aside_key: "k:corrupt:1234-2".into(),
                error: DraftError::NewerVersion(7)
            }
        );
        assert_eq!(
            store.get("k:corrupt:1234").unwrap().as_deref(),
            Some("{not json")
        );
        assert_eq!(store.keys().len(), 2);
    }

    #[test]
    fn unavailable_storage_is_reported_and_unreadable_data_left_alone() {
        let blocked = Failing {
            inner: MemoryStore::default(),
            get: Some(StoreError::Unavailable),
            set: None,
        };
        assert_eq!(
            load_draft(&blocked, "k", 1.0),
            LoadOutcome::Unavailable(StoreError::Unavailable)
        );

        let full = Failing {
            inner: MemoryStore::default(),
            get: None,
            set: Some(StoreError::QuotaExceeded),
        };
        full.inner.set("k", "garbage").unwrap();
        assert_eq!(
            load_draft(&full, "k", 1.0),
            LoadOutcome::Unavailable(StoreError::QuotaExceeded)
        );
        assert_eq!(
            full.inner.get("k").unwrap().as_deref(),
            Some("garbage"),
            "not moved, not deleted"
        );
        assert!(StoreError::QuotaExceeded.to_string().contains("full"));
    }
}
