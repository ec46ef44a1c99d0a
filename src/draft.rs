//! What is saved of a reader's letter: a versioned JSON draft, where it is kept
//! (a [`DraftStore`]: localStorage in the browser, memory in tests and when
//! storage is refused), and loading that never discards what the reader typed.

use litemap::LiteMap;
use std::cell::RefCell;
use std::fmt;

use crate::json::Json;
use crate::letter::{Letter, Mark};
use crate::template::Template;

/// The draft format written by this version. Older ones are migrated on load.
pub const DRAFT_VERSION: u32 = 1;

/// A saved letter.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    /// Format version ([`DRAFT_VERSION`] when written by this code).
    pub version: u32,
    /// [`Template::fingerprint`] of the template the draft was written against
    /// (empty for migrated drafts, which did not record it).
    pub fingerprint: String,
    /// Field values by field key, so they survive the organiser reordering fields.
    pub values: LiteMap<String, String>,
    /// The letter text, with the reader's edits.
    pub text: String,
    /// Where the fields sit in `text`.
    pub marks: Vec<SavedMark>,
    /// When it was saved (milliseconds since the epoch), to tell two tabs' drafts apart.
    pub updated_ms: f64,
    /// A template source stored with the draft. Read when present but not
    /// written: the fingerprint already tells a changed letter, and the
    /// organiser's current template rebuilds it, so saving the source with
    /// every keystroke's draft would only double what storage holds.
    pub template: Option<String>,
    /// Recipient ids the reader marked as sent.
    pub sent: Vec<String>,
    /// The region the reader picked from the organiser's recipients list.
    pub region: Option<String>,
}

/// A [`Mark`] by field key rather than index.
#[derive(Clone, Debug, PartialEq)]
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

/// The draft as a JSON value (the browser or serde_json writes the text).
pub fn to_json(draft: &Draft) -> Json {
    // JSON has no NaN or infinity: a nonsense clock must not make the draft
    // unreadable.
    let updated = if draft.updated_ms.is_finite() {
        draft.updated_ms
    } else {
        0.0
    };
    let mut members = vec![
        ("version".to_string(), Json::Num(f64::from(draft.version))),
        ("fingerprint".to_string(), Json::str(&draft.fingerprint)),
        (
            "values".to_string(),
            Json::Obj(
                draft
                    .values
                    .iter()
                    .map(|(k, v)| (k.clone(), Json::str(v)))
                    .collect(),
            ),
        ),
        ("text".to_string(), Json::str(&draft.text)),
        (
            "marks".to_string(),
            Json::Arr(
                draft
                    .marks
                    .iter()
                    .map(|m| {
                        Json::Obj(vec![
                            ("start".to_string(), Json::Num(m.start as f64)),
                            ("end".to_string(), Json::Num(m.end as f64)),
                            ("key".to_string(), Json::str(&m.key)),
                        ])
                    })
                    .collect(),
            ),
        ),
        ("updated_ms".to_string(), Json::Num(updated)),
        (
            "sent".to_string(),
            Json::Arr(draft.sent.iter().map(Json::str).collect()),
        ),
    ];
    if let Some(t) = &draft.template {
        members.push(("template".to_string(), Json::str(t)));
    }
    if let Some(r) = &draft.region {
        members.push(("region".to_string(), Json::str(r)));
    }
    Json::Obj(members)
}

/// Reads a draft from a JSON value, migrating older formats. Never panics.
pub fn from_json(value: &Json) -> Result<Draft, DraftError> {
    if value.as_object().is_none() {
        return Err(DraftError::Corrupt("not a JSON object".into()));
    }
    let version = match value.get("version") {
        None => 0,
        Some(v) => v
            .as_u64()
            .ok_or_else(|| DraftError::Corrupt("bad version".into()))?,
    };
    if version > u64::from(DRAFT_VERSION) {
        return Err(DraftError::NewerVersion(
            u32::try_from(version).unwrap_or(u32::MAX),
        ));
    }
    let corrupt = |what: &str| DraftError::Corrupt(what.to_string());
    let text = value
        .get("text")
        .and_then(Json::as_str)
        .ok_or_else(|| corrupt("no text"))?
        .to_string();
    let values = match value.get("values") {
        None | Some(Json::Null) => LiteMap::new(),
        Some(Json::Obj(members)) => {
            // Inserting one by one: `collect` into a map sorts first, which
            // costs the widget a sort routine of its own.
            let mut values = LiteMap::new();
            for (k, v) in members {
                if let Some(v) = v.as_str() {
                    values.insert(k.clone(), v.to_string());
                }
            }
            values
        }
        Some(_) => return Err(corrupt("values is not an object")),
    };
    let updated_ms = value
        .get("updated_ms")
        .and_then(Json::as_f64)
        .unwrap_or(0.0);
    if version == 0 {
        // The first prototype's shape: `{"values": {...}, "text": "..."}`, no
        // marks. The text is kept as it was; the fields start again unmarked.
        return Ok(Draft {
            version: DRAFT_VERSION,
            fingerprint: String::new(),
            values,
            text,
            marks: Vec::new(),
            updated_ms,
            template: None,
            sent: Vec::new(),
            region: None,
        });
    }
    let optional_str = |key: &str| -> Result<Option<String>, DraftError> {
        match value.get(key) {
            None | Some(Json::Null) => Ok(None),
            Some(Json::Str(s)) => Ok(Some(s.clone())),
            Some(_) => Err(DraftError::Corrupt(format!("{key} is not a string"))),
        }
    };
    let marks = match value.get("marks") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Arr(items)) => items
            .iter()
            .map(|m| {
                Some(SavedMark {
                    start: usize::try_from(m.get("start")?.as_u64()?).ok()?,
                    end: usize::try_from(m.get("end")?.as_u64()?).ok()?,
                    key: m.get("key")?.as_str()?.to_string(),
                })
            })
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| corrupt("bad mark"))?,
        Some(_) => return Err(corrupt("marks is not an array")),
    };
    let sent = match value.get("sent") {
        None | Some(Json::Null) => Vec::new(),
        Some(Json::Arr(items)) => items
            .iter()
            .map(|s| s.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .ok_or_else(|| corrupt("bad sent list"))?,
        Some(_) => return Err(corrupt("sent is not an array")),
    };
    Ok(Draft {
        version: DRAFT_VERSION,
        fingerprint: optional_str("fingerprint")?.unwrap_or_default(),
        values,
        text,
        marks,
        updated_ms,
        template: optional_str("template")?,
        sent,
        region: optional_str("region")?,
    })
}

/// Writes a draft as JSON text (natively; the page uses the browser's JSON).
#[cfg(not(target_arch = "wasm32"))]
pub fn encode(draft: &Draft) -> String {
    crate::json::to_text(&to_json(draft))
}

/// Reads a draft from JSON text (natively; the page uses the browser's JSON).
#[cfg(not(target_arch = "wasm32"))]
pub fn decode(text: &str) -> Result<Draft, DraftError> {
    decode_with(text, &crate::json::from_text)
}

/// Reads a draft from JSON text with the given JSON reader.
pub fn decode_with(
    text: &str,
    parse: &dyn Fn(&str) -> Result<Json, String>,
) -> Result<Draft, DraftError> {
    from_json(&parse(text).map_err(DraftError::Corrupt)?)
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
pub fn load_draft(
    store: &dyn DraftStore,
    key: &str,
    now_ms: f64,
    parse: &dyn Fn(&str) -> Result<Json, String>,
) -> LoadOutcome {
    let json = match store.get(key) {
        Err(e) => return LoadOutcome::Unavailable(e),
        Ok(None) => return LoadOutcome::Empty,
        Ok(Some(json)) => json,
    };
    let error = match decode_with(&json, parse) {
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
    }

    #[test]
    fn the_sent_checklist_and_region_survive_a_round_trip() {
        let (_, l) = sample();
        let mut d = Draft::from_letter(&l, "f", 1.0);
        d.sent = vec!["alvarez-maria".into(), "okafor-thomas".into()];
        d.region = Some("NR".into());
        assert_eq!(decode(&encode(&d)).unwrap(), d);
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
        assert_eq!(
            load_draft(&store, "k", 5.0, &crate::json::from_text),
            LoadOutcome::Empty
        );
        let (_, l) = sample();
        let d = Draft::from_letter(&l, "f", 1.0);
        store.set("k", &encode(&d)).unwrap();
        assert_eq!(
            load_draft(&store, "k", 5.0, &crate::json::from_text),
            LoadOutcome::Loaded(d)
        );
        store.remove("k").unwrap();
        assert!(store.keys().is_empty());
    }

    #[test]
    fn corrupt_or_newer_drafts_are_moved_aside_never_deleted() {
        let store = MemoryStore::default();
        store.set("k", "{not json").unwrap();
        let LoadOutcome::MovedAside { aside_key, error } =
            load_draft(&store, "k", 1234.0, &crate::json::from_text)
        else {
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
        let outcome = load_draft(&store, "k", 1234.0, &crate::json::from_text);
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
            load_draft(&blocked, "k", 1.0, &crate::json::from_text),
            LoadOutcome::Unavailable(StoreError::Unavailable)
        );

        let full = Failing {
            inner: MemoryStore::default(),
            get: None,
            set: Some(StoreError::QuotaExceeded),
        };
        full.inner.set("k", "garbage").unwrap();
        assert_eq!(
            load_draft(&full, "k", 1.0, &crate::json::from_text),
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
