//! The organiser's list of recipients (senators, councillors, ...): its JSON
//! format and the validation that keeps a broken or hostile list from reaching
//! the reader, with errors that name the entry at fault and say how to fix it.
//!
//! The format, as organisers write it:
//!
//! ```json
//! { "recipients": [
//!     { "id": "alvarez-maria", "name": "Maria Alvarez", "title": "Senator",
//!       "greeting": "Senator Alvarez", "group": "NV", "group_name": "Nevada",
//!       "contact_url": "https://alvarez.example.org/contact",
//!       "phone": "555-0101", "max_length": 2000 } ],
//!   "data_date": "2026-06-10", "source": "..." }
//! ```
//!
//! Every key must be one listed here: a misspelt optional key (`contact_ur`)
//! would otherwise be dropped silently and the reader would never see that
//! recipient's contact form.

use crate::chars::is_word_char;
use serde::de::{self, Deserializer, MapAccess, Unexpected, Visitor};
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;
use std::fmt;

/// Most recipients a list may hold; more is a mistake (or an attack), and
/// the reader's region picker could not present it anyway.
pub const MAX_RECIPIENTS: usize = 2000;
/// Longest `name`, `title`, `greeting` and `group_name`, in characters.
pub const MAX_NAME_CHARS: usize = 200;
/// Longest `id` and `group`, in characters.
pub const MAX_ID_CHARS: usize = 100;
/// Longest `office_address`, in characters.
pub const MAX_ADDRESS_CHARS: usize = 1000;
/// Longest `phone`, in characters.
pub const MAX_PHONE_CHARS: usize = 50;
/// Longest `contact_url`, in characters (what browsers and servers reliably accept).
pub const MAX_URL_CHARS: usize = 2000;
/// Longest `email`, in characters (RFC 5321's limit on a path).
pub const MAX_EMAIL_CHARS: usize = 254;
/// Longest `data_date`, in characters.
pub const MAX_DATE_CHARS: usize = 50;
/// Longest `source`, in characters.
pub const MAX_SOURCE_CHARS: usize = 1000;
/// Largest `max_length` a recipient may set, in characters.
pub const MAX_MESSAGE_LIMIT: usize = 100_000;

/// A whole recipients list, as the organiser attaches it to the widget.
// Serialize is for the importer's output (native); unused in the widget,
// it is stripped from the wasm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RecipientList {
    /// The recipients, in the order the organiser gave them.
    pub recipients: Vec<Recipient>,
    /// When the data was current (free text, typically an ISO date such as
    /// `2026-06-10`), shown so readers can judge whether it is stale.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data_date: Option<String>,
    /// Where the data came from, for the organiser's and reader's reference.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One person the reader can write to. Every key must be one of these: a
/// misspelt one is refused, naming it.
// Serialize is for the importer's output (native); unused in the widget,
// it is stripped from the wasm.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "an object")]
pub struct Recipient {
    /// Stable identifier, unique in the list; the reader's "sent" checklist is
    /// kept by it, so it must not change when the list is updated.
    pub id: String,
    /// Full name, e.g. "Richard G. Lugar".
    pub name: String,
    /// Office held, e.g. "U.S. Senator" (may be empty).
    #[serde(
        default,
        deserialize_with = "text_or_empty",
        skip_serializing_if = "String::is_empty"
    )]
    pub title: String,
    /// How the letter addresses them, e.g. "Senator Lugar": fills `{{recipient}}`.
    pub greeting: String,
    /// The region the reader picks to find them, e.g. the state code "IN".
    pub group: String,
    /// The region's name as readers know it, e.g. "Indiana"; `group` if absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group_name: Option<String>,
    /// Email address for the Email action.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Their web contact form (always http or https once validated).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub contact_url: Option<String>,
    /// Phone number, shown as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Postal address for the print view, one line per address line, without
    /// the recipient's name (the print view puts `name` above it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub office_address: Option<String>,
    /// Longest message their contact form accepts, in characters; overrides
    /// the widget's `max-length` for this recipient.
    #[serde(
        default,
        deserialize_with = "whole_number",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_length: Option<usize>,
}

impl Recipient {
    /// The name of this recipient's region as readers know it.
    pub fn group_display(&self) -> &str {
        self.group_name.as_deref().unwrap_or(&self.group)
    }
}

impl RecipientList {
    /// The regions the reader can pick from: `(group, display name)` once
    /// each, sorted by display name (case-insensitively) so that "Indiana"
    /// is found where a reader looks for it, not where its code sorts.
    ///
    /// Case is compared in ASCII only (full Unicode lowercasing would add
    /// its 11 KB table to the widget for the odd "île" sorted after "Zeeland"),
    /// and by insertion rather than a sort routine: a list has a few dozen
    /// regions, and every generic sort is kilobytes more in the widget.
    pub fn groups(&self) -> Vec<(String, String)> {
        let key = |(g, n): &(String, String)| (n.to_ascii_lowercase(), n.clone(), g.clone());
        let mut groups: Vec<(String, String)> = Vec::new();
        for r in &self.recipients {
            if groups.iter().any(|(g, _)| *g == r.group) {
                continue;
            }
            let item = (r.group.clone(), self.group_name(&r.group).to_owned());
            let item_key = key(&item);
            let at = groups.partition_point(|g| key(g) < item_key);
            groups.insert(at, item);
        }
        groups
    }

    /// The recipients in `group`, in list order.
    pub fn in_group(&self, group: &str) -> Vec<&Recipient> {
        self.recipients
            .iter()
            .filter(|r| r.group == group)
            .collect()
    }

    /// The display name of `group`: the first `group_name` any of its
    /// recipients gives (validation makes them agree), else the code itself.
    fn group_name<'a>(&'a self, group: &'a str) -> &'a str {
        self.recipients
            .iter()
            .filter(|r| r.group == group)
            .find_map(|r| r.group_name.as_deref())
            .unwrap_or(group)
    }

    /// Checks every rule a list must meet (see [`parse_recipients`]); the
    /// importer runs this on its own output too.
    pub fn validate(&self) -> Result<(), RecipientsError> {
        if self.recipients.is_empty() {
            return Err(RecipientsError::list(
                "the list has no recipients; add at least one to the \"recipients\" array",
            ));
        }
        if self.recipients.len() > MAX_RECIPIENTS {
            return Err(too_many(self.recipients.len()));
        }
        if let Some(date) = &self.data_date {
            check_text("data_date", date, MAX_DATE_CHARS, false).map_err(RecipientsError::list)?;
        }
        if let Some(source) = &self.source {
            check_text("source", source, MAX_SOURCE_CHARS, false).map_err(RecipientsError::list)?;
        }
        // Comparisons with the entries before, rather than hash maps: quick
        // enough for the largest list, and smaller in the widget.
        for (index, r) in self.recipients.iter().enumerate() {
            let at = |message: String| RecipientsError::at(index, Some(&r.id), message);
            validate_recipient(r).map_err(at)?;
            let before = &self.recipients[..index];
            if let Some(first) = before.iter().position(|o| o.id == r.id) {
                return Err(at(format!(
                    "id {} is already used by recipient {}; give every recipient its own id",
                    quote(&r.id),
                    first + 1
                )));
            }
            let named = before.iter().enumerate().find_map(|(i, o)| {
                Some((i, o.group_name.as_deref()?)).filter(|_| o.group == r.group)
            });
            if let (Some(name), Some((first, first_name))) = (&r.group_name, named) {
                if first_name != name {
                    return Err(at(format!(
                        "group {} is called {} here but {} in recipient {}; use one group_name for each group",
                        quote(&r.group),
                        quote(name),
                        quote(first_name),
                        first + 1
                    )));
                }
            }
        }
        Ok(())
    }
}

/// Why a recipients list was refused.
///
/// Shown to the organiser, who can fix it: `entry` is the 0-based position
/// of the recipient at fault, but [`fmt::Display`] counts from 1 the way
/// people do ("recipient 3" is the third in the list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecipientsError {
    /// 0-based index of the recipient at fault, or `None` for the list as a
    /// whole (including JSON syntax errors, whose message gives line and column).
    pub entry: Option<usize>,
    /// That recipient's id, when it has a usable one.
    pub id: Option<String>,
    /// What is wrong and how to fix it.
    pub message: String,
}

impl RecipientsError {
    fn list(message: impl Into<String>) -> Self {
        RecipientsError {
            entry: None,
            id: None,
            message: message.into(),
        }
    }

    fn at(entry: usize, id: Option<&str>, message: String) -> Self {
        // An empty or overlong id would make the message useless or huge.
        let id = id.filter(|id| !id.trim().is_empty() && id.chars().count() <= MAX_ID_CHARS);
        RecipientsError {
            entry: Some(entry),
            id: id.map(str::to_owned),
            message,
        }
    }
}

impl fmt::Display for RecipientsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.entry, &self.id) {
            (Some(entry), Some(id)) => write!(f, "recipient {} ({}): ", entry + 1, quote(id))?,
            (Some(entry), None) => write!(f, "recipient {}: ", entry + 1)?,
            (None, _) => f.write_str("recipients list: ")?,
        }
        f.write_str(&self.message)
    }
}

impl std::error::Error for RecipientsError {}

/// Parses and validates an organiser's recipients list.
///
/// Refuses, naming the recipient at fault: JSON syntax errors (with line and
/// column), unknown keys, missing or mistyped values (with the entry's line
/// and column), an empty list or one of more than [`MAX_RECIPIENTS`]; empty
/// or duplicate ids; empty `name`, `greeting` or `group`; text longer than
/// the `MAX_*` limits or holding control characters; a `contact_url` that is
/// not an absolute http or https address with a host (`javascript:`,
/// `data:`, relative, spaces...); an `email` that does not look like one; a
/// `max_length` outside 1..=100 000; and one group given two different
/// `group_name`s.
///
/// The text is read in two steps, so that an error can name its entry: the
/// list and its entries as raw JSON (which checks the syntax, however deep
/// it nests, without recursing), then each entry on its own.
pub fn parse_recipients(text: &str) -> Result<RecipientList, RecipientsError> {
    let members = serde_json::from_str::<Members>(text).map_err(|e| {
        RecipientsError::list(if e.is_data() {
            "the list must be a JSON object with a \"recipients\" array: {\"recipients\": [ ... ]}"
                .to_owned()
        } else {
            format!(
                "the JSON is not valid at line {}, column {}: {}",
                e.line(),
                e.column(),
                without_position(&e)
            )
        })
    })?;
    let member = |key: &str| members.0.iter().find(|(k, _)| k == key).map(|(_, v)| *v);
    let entries: Vec<&RawValue> = member("recipients")
        .and_then(|raw| serde_json::from_str(raw.get()).ok())
        .ok_or_else(|| {
            RecipientsError::list(
                "there is no \"recipients\" array; write the list as {\"recipients\": [ ... ]}",
            )
        })?;
    if entries.len() > MAX_RECIPIENTS {
        return Err(too_many(entries.len()));
    }
    let mut recipients = Vec::with_capacity(entries.len());
    for (index, entry) in entries.into_iter().enumerate() {
        let recipient = read_entry(text, entry)
            .map_err(|(id, message)| RecipientsError::at(index, id.as_deref(), message))?;
        recipients.push(recipient);
    }
    let mut list = RecipientList {
        recipients,
        data_date: None,
        source: None,
    };
    for (key, raw) in &members.0 {
        let read = |raw: &RawValue| read_text(text, raw).map_err(RecipientsError::list);
        match key.as_str() {
            "recipients" => {}
            "data_date" => list.data_date = read(raw)?,
            "source" => list.source = read(raw)?,
            _ => return Err(RecipientsError::list(unknown_key(key))),
        }
    }
    list.validate()?;
    Ok(list)
}

fn too_many(n: usize) -> RecipientsError {
    RecipientsError::list(format!(
        "the list has {n} recipients, more than the {MAX_RECIPIENTS} the widget accepts; split it into several lists"
    ))
}

/// The list's top-level members, each value kept as its JSON text.
struct Members<'a>(Vec<(String, &'a RawValue)>);

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::new();
                while let Some(member) = map.next_entry()? {
                    members.push(member);
                }
                Ok(Members(members))
            }
        }
        deserializer.deserialize_map(MembersVisitor)
    }
}

/// Reminds the organiser of the keys a recipient may have.
const FIELDS_HINT: &str = "a recipient needs \"id\", \"name\", \"greeting\" and \"group\", and may have \"title\", \"group_name\", \"email\", \"contact_url\", \"phone\", \"office_address\" and \"max_length\"";

/// Only an entry's id, to name an entry that cannot be read.
#[derive(Deserialize)]
struct IdOnly {
    #[serde(default)]
    id: Option<String>,
}

/// One recipient from its JSON text, its keys and types checked (values are
/// checked by `validate`). The error comes with the entry's id, if it has
/// one, and gives the line and column in the whole list's `text`.
fn read_entry(text: &str, entry: &RawValue) -> Result<Recipient, (Option<String>, String)> {
    if entry.get().starts_with('[') {
        // serde reads a struct from an array too, by position; an entry
        // written that way is a mistake, not a recipient.
        let message = format!("invalid type: sequence, expected an object; {FIELDS_HINT}");
        return Err((None, message));
    }
    serde_json::from_str::<Recipient>(entry.get()).map_err(|e| {
        let id = serde_json::from_str::<IdOnly>(entry.get())
            .ok()
            .and_then(|e| e.id);
        let mut message = without_position(&e);
        if message.starts_with("missing field") || message.ends_with("expected an object") {
            message = format!("{message}; {FIELDS_HINT}");
        }
        (id, located(text, entry, &e, message))
    })
}

/// A string member of the list, or `None` for `null`.
fn read_text(text: &str, raw: &RawValue) -> Result<Option<String>, String> {
    serde_json::from_str(raw.get()).map_err(|e| located(text, raw, &e, without_position(&e)))
}

/// `message` with where `e` happened in `raw`, counted in the whole `text`
/// that `raw` is part of: "... (line 4, column 18)".
fn located(text: &str, raw: &RawValue, e: &serde_json::Error, message: String) -> String {
    // `raw` borrows from `text`: its place is the distance between them.
    let offset = (raw.get().as_ptr() as usize)
        .saturating_sub(text.as_ptr() as usize)
        .min(text.len());
    let before = &text.as_bytes()[..offset];
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let lines_before = before.iter().filter(|&&b| b == b'\n').count();
    let column = if e.line() <= 1 {
        offset - line_start + e.column()
    } else {
        e.column()
    };
    format!(
        "{message} (line {}, column {column})",
        lines_before + e.line().max(1)
    )
}

/// serde_json's message without the " at line 2 column 14" it ends with
/// (the callers say where in words an organiser reads more easily).
fn without_position(e: &serde_json::Error) -> String {
    let message = e.to_string();
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_owned(),
        None => message,
    }
}

fn unknown_key(key: &str) -> String {
    format!("unknown field `{key}`, expected one of `recipients`, `data_date`, `source`")
}

/// `title` may be absent or `null`: then it is empty.
fn text_or_empty<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    Ok(Option::<String>::deserialize(deserializer)?.unwrap_or_default())
}

/// `max_length`: a whole number of characters, or `null`.
fn whole_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<usize>, D::Error> {
    deserializer.deserialize_option(WholeNumber)
}

struct WholeNumber;

impl<'de> Visitor<'de> for WholeNumber {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a whole number, written without quotes")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_any(self)
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Self::Value, E> {
        usize::try_from(v)
            .map(Some)
            .map_err(|_| E::invalid_value(Unexpected::Unsigned(v), &self))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Self::Value, E> {
        Err(E::invalid_type(Unexpected::Signed(v), &self))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Self::Value, E> {
        // Written out rather than serde's own message, which would format
        // the float (13 KB of code in the widget). 5e3 is a whole number.
        if v.fract() == 0.0 && (0.0..=9e15).contains(&v) {
            return self.visit_u64(v as u64);
        }
        Err(E::custom(
            "invalid type: a number with a fraction, expected a whole number, written without quotes",
        ))
    }
}

fn validate_recipient(r: &Recipient) -> Result<(), String> {
    check_required("id", &r.id)?;
    check_text("id", &r.id, MAX_ID_CHARS, false)?;
    check_required("name", &r.name)?;
    check_text("name", &r.name, MAX_NAME_CHARS, false)?;
    check_text("title", &r.title, MAX_NAME_CHARS, false)?;
    check_required("greeting", &r.greeting)?;
    check_text("greeting", &r.greeting, MAX_NAME_CHARS, false)?;
    check_required("group", &r.group)?;
    check_text("group", &r.group, MAX_ID_CHARS, false)?;
    if let Some(group_name) = &r.group_name {
        check_required("group_name", group_name)?;
        check_text("group_name", group_name, MAX_NAME_CHARS, false)?;
    }
    if let Some(email) = &r.email {
        check_email(email)?;
    }
    if let Some(url) = &r.contact_url {
        check_web_address("contact_url", url)?;
    }
    if let Some(phone) = &r.phone {
        check_text("phone", phone, MAX_PHONE_CHARS, false)?;
        if !phone.chars().any(|c| c.is_ascii_digit()) {
            return Err(format!(
                "phone {} has no digits; write the number, e.g. \"202-224-3121\", or leave phone out",
                quote(phone)
            ));
        }
    }
    if let Some(address) = &r.office_address {
        check_required("office_address", address)?;
        check_text("office_address", address, MAX_ADDRESS_CHARS, true)?;
    }
    if let Some(limit) = r.max_length {
        if !(1..=MAX_MESSAGE_LIMIT).contains(&limit) {
            return Err(format!(
                "max_length {limit} is out of range; give the contact form's limit in characters, from 1 to {MAX_MESSAGE_LIMIT}, or leave max_length out"
            ));
        }
    }
    Ok(())
}

fn check_required(key: &str, value: &str) -> Result<(), String> {
    if value.trim().is_empty() {
        Err(format!("{key} is empty; fill it in"))
    } else {
        Ok(())
    }
}

/// Length in characters (what the organiser sees and counts), and no control
/// characters: they are invisible in the widget and may be an attempt to
/// disguise text. `multiline` lets line breaks through (addresses).
fn check_text(key: &str, value: &str, max_chars: usize, multiline: bool) -> Result<(), String> {
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(format!(
            "{key} is {chars} characters long, more than the {max_chars} allowed; shorten it"
        ));
    }
    if let Some(c) = value
        .chars()
        .find(|&c| c.is_control() && !(multiline && (c == '\n' || c == '\r' || c == '\t')))
    {
        let hint = if multiline {
            ""
        } else {
            "; write it on one line"
        };
        return Err(format!(
            "{key} {} contains the control character {}{hint}",
            quote(value),
            c.escape_unicode()
        ));
    }
    if let Some(c) = value.chars().find(|&c| is_invisible(c)) {
        return Err(format!(
            "{key} {} contains the invisible character {}; delete it (it can reorder or hide the text around it)",
            quote(value),
            c.escape_unicode()
        ));
    }
    Ok(())
}

/// Characters that draw nothing yet change what the reader sees: bidi
/// embeddings, overrides, isolates and marks (U+202E turns "moc.evil" into
/// "live.com"), zero-width spaces and joiners, the word joiner and invisible
/// operators, the byte order mark, the soft hyphen, Hangul fillers,
/// interlinear annotation marks and tag characters.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{ad}' | '\u{34f}' | '\u{61c}' | '\u{115f}' | '\u{1160}' | '\u{17b4}' | '\u{17b5}'
        | '\u{180b}'..='\u{180f}' | '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}'
        | '\u{2060}'..='\u{206f}' | '\u{3164}' | '\u{feff}' | '\u{ffa0}' | '\u{fff9}'..='\u{fffb}'
        | '\u{e0000}'..='\u{e007f}')
}

/// Whether `url` is an absolute http or https address with a host, with no
/// whitespace or control characters: the only kind of address the widget
/// opens for the reader. Anything else (`javascript:`, `data:`, `vbscript:`,
/// a relative path, `https:foo`) could run script in the blog's page or take
/// the reader somewhere unexpected.
pub fn is_web_address(url: &str) -> bool {
    web_address_problem(url).is_none()
}

fn check_web_address(key: &str, url: &str) -> Result<(), String> {
    if url.chars().count() > MAX_URL_CHARS {
        return Err(format!(
            "{key} is {} characters long, more than the {MAX_URL_CHARS} allowed; link to the contact page itself",
            url.chars().count()
        ));
    }
    match web_address_problem(url) {
        None => Ok(()),
        Some(problem) => Err(format!(
            "{key} {} is not an http or https address ({problem}); write the full address of the contact form, starting with https://",
            quote(url)
        )),
    }
}

/// What keeps `url` from being a web address the widget opens, in words
/// for the organiser; `None` if it is one.
fn web_address_problem(url: &str) -> Option<String> {
    let problem = |why: &str| Some(why.to_owned());
    if url
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        return problem("it contains spaces or control characters");
    }
    // The scheme is case-insensitive (RFC 3986 3.1): `HTTPS://` is fine,
    // and so `JavaScript:` must be caught whatever its case.
    let Some(scheme_end) = url.find(':') else {
        return problem("it has no scheme such as https://");
    };
    let scheme = &url[..scheme_end];
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return if scheme.contains(['/', '?', '#']) {
            problem("it is a relative address")
        } else {
            Some(format!("it starts with {}", quote(&url[..=scheme_end])))
        };
    }
    let Some(rest) = url[scheme_end + 1..].strip_prefix("//") else {
        return problem("it has no \"//\" and host after the scheme");
    };
    // Backslashes are read as slashes by browsers and have hidden the
    // real host from naive checks; no legitimate address needs one.
    if rest.contains('\\') {
        return problem("it contains a backslash");
    }
    authority_problem(&rest[..rest.find(['/', '?', '#']).unwrap_or(rest.len())])
}

/// What keeps the host and port part of a web address from being one the
/// widget opens, in words for the organiser; `None` if it is fine.
fn authority_problem(authority: &str) -> Option<String> {
    let problem = |why: &str| Some(why.to_owned());
    // user:password@ hides the real host from a reader glancing at the link.
    if authority.contains('@') {
        return problem("it has a user name before the host");
    }
    let (host, port) = match authority.strip_prefix('[') {
        // An IPv6 literal: [::1]:8080
        Some(v6) => match v6.split_once(']') {
            Some((addr, after))
                if !addr.is_empty()
                    && addr
                        .chars()
                        .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.') =>
            {
                (addr, after.strip_prefix(':'))
            }
            _ => return problem("its host is not valid"),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        },
    };
    if host.is_empty() {
        return problem("it has no host");
    }
    if !authority.starts_with('[')
        && (host.split('.').any(str::is_empty)
            || !host
                .chars()
                .all(|c| is_word_char(c) || c == '-' || c == '.'))
    {
        return problem("its host is not valid");
    }
    if let Some(port) = port {
        if port.is_empty() || port.len() > 5 || !port.chars().all(|c| c.is_ascii_digit()) {
            return problem("its port is not a number");
        }
    }
    None
}

/// A pragmatic email check: one `@`, a local part of printable characters
/// without the ones that break `mailto:` lists or need quoting, and a domain
/// of dotted labels. It catches the mistakes organisers make (a name instead
/// of an address, a missing domain, a pasted `mailto:`), not every RFC 5322 oddity.
fn check_email(email: &str) -> Result<(), String> {
    let refuse = |why: &str| {
        Err(format!(
            "email {} is not an email address ({why}); write it as name@example.org, or leave email out",
            quote(email)
        ))
    };
    if email.chars().count() > MAX_EMAIL_CHARS {
        return refuse("it is too long");
    }
    if email
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || is_invisible(c))
    {
        return refuse("it contains spaces or control characters");
    }
    if email.to_ascii_lowercase().starts_with("mailto:") {
        return refuse("drop the \"mailto:\"");
    }
    let Some((local, domain)) = email.split_once('@') else {
        return refuse("it has no @");
    };
    if domain.contains('@') {
        return refuse("it has more than one @");
    }
    if local.is_empty() || local.chars().any(|c| "<>()[]\\,;:\"".contains(c)) {
        return refuse("the part before the @ is not valid");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2
        || labels.iter().any(|l| {
            l.is_empty()
                || l.starts_with('-')
                || l.ends_with('-')
                || !l.chars().all(|c| is_word_char(c) || c == '-')
        })
    {
        return refuse("the part after the @ is not a domain such as example.org");
    }
    Ok(())
}

/// `value` in double quotes with control characters escaped, cut short if
/// long, for error messages.
///
/// Written out rather than `{:?}`, whose Unicode tables would cost the
/// widget more than this whole module.
fn quote(value: &str) -> String {
    const SHOWN: usize = 60;
    let mut out = String::from("\"");
    for c in value.chars().take(SHOWN) {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\0' => out.push_str("\\0"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() || is_invisible(c) => out.extend(c.escape_unicode()),
            c => out.push(c),
        }
    }
    out.push('"');
    if value.chars().nth(SHOWN).is_some() {
        out.push_str("...");
    }
    out
}

/// The `tel:` link for a phone number as the organiser wrote it: its digits
/// (and a leading `+`), so "(202) 555-0101 ext. 5" dials 2025550101... with
/// the extension after a pause, the way phones read `,`.
pub fn tel_href(phone: &str) -> String {
    let mut href = String::from("tel:");
    let mut digits = phone.trim_start().chars().peekable();
    if digits.peek() == Some(&'+') {
        href.push('+');
    }
    let mut pause = false;
    for c in digits {
        if c.is_ascii_digit() {
            if pause && href.len() > 4 {
                href.push(',');
            }
            pause = false;
            href.push(c);
        } else if is_word_char(c) {
            // "ext", "x": what follows is an extension.
            pause = true;
        }
    }
    href
}

impl Recipient {
    /// The block the print view puts above the letter: the recipient's name
    /// and office address, one line each. The name is left out when the
    /// address already starts with it ("Office of Senator Maria Alvarez").
    pub fn address_block(&self) -> String {
        let address = self.office_address.as_deref().unwrap_or("").trim();
        let first_line = address.lines().next().unwrap_or("");
        if address.is_empty() {
            self.name.clone()
        } else if first_line.contains(self.name.as_str()) {
            address.to_owned()
        } else {
            format!("{}\n{address}", self.name)
        }
    }

    /// The contact form's address, if it is one the widget may open: checked
    /// again at the moment of opening, not only when the list was read.
    pub fn contact_form(&self) -> Option<&str> {
        self.contact_url.as_deref().filter(|u| is_web_address(u))
    }
}

/// Which of a region's recipients to show first: the first the reader has
/// not marked as sent (the first of all when every one is).
pub fn first_unsent<'a>(group: impl IntoIterator<Item = &'a Recipient>, sent: &[String]) -> usize {
    group
        .into_iter()
        .position(|r| !sent.contains(&r.id))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A valid one-recipient list with `extra` spliced into the recipient.
    fn one(extra: &str) -> String {
        format!(
            r#"{{"recipients": [{{"id": "lugar-richard", "name": "Richard G. Lugar", "greeting": "Senator Lugar", "group": "IN"{extra}}}]}}"#
        )
    }

    fn refused(json: &str) -> RecipientsError {
        parse_recipients(json).expect_err("the list should be refused")
    }

    #[test]
    fn a_minimal_list_parses_with_defaults() {
        let list = parse_recipients(&one("")).unwrap();
        let r = &list.recipients[0];
        assert_eq!(r.title, "");
        assert_eq!(
            (r.group_name.as_ref(), r.email.as_ref(), r.max_length),
            (None, None, None)
        );
        assert_eq!((list.data_date, list.source), (None, None));
    }

    #[test]
    fn a_full_recipient_parses() {
        let list = parse_recipients(&one(
            r#", "title": "U.S. Senator", "group_name": "Indiana", "email": "senator@lugar.example.org",
               "contact_url": "HTTPS://lugar.senate.gov:443/contact?x=1#form", "phone": "+1 (202) 224-4814",
               "office_address": "306 Hart Senate Office Building\nWashington, DC 20510", "max_length": 5000"#,
        ))
        .unwrap();
        assert_eq!(list.recipients[0].max_length, Some(5000));
        assert_eq!(list.recipients[0].group_display(), "Indiana");
    }

    #[test]
    fn javascript_url_is_refused_naming_the_entry() {
        let err = refused(&one(r#", "contact_url": "javascript:alert(1)""#));
        assert_eq!(err.entry, Some(0));
        assert_eq!(err.id.as_deref(), Some("lugar-richard"));
        let shown = err.to_string();
        assert!(
            shown.starts_with(r#"recipient 1 ("lugar-richard"): contact_url "javascript:alert(1)" is not an http or https address"#),
            "{shown}"
        );
        assert!(
            shown.contains(r#"(it starts with "javascript:")"#),
            "{shown}"
        );
        assert!(shown.contains("starting with https://"), "{shown}");
    }

    #[test]
    fn dangerous_schemes_are_refused_whatever_their_case() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "vbscript:msgbox(1)",
            "file:///etc/passwd",
            "ftp://example.org/",
            "mailto:a@example.org",
        ] {
            let err = refused(&one(&format!(r#", "contact_url": {url:?}"#)));
            assert_eq!(err.entry, Some(0), "{url}");
            assert!(
                err.message.contains("not an http or https address"),
                "{url}: {err}"
            );
        }
    }

    #[test]
    fn data_url_is_refused_in_a_later_entry_and_that_entry_is_named() {
        let json = r#"{"recipients": [
            {"id": "a", "name": "A", "greeting": "Senator A", "group": "IN", "contact_url": "https://a.example.org/"},
            {"id": "b", "name": "B", "greeting": "Senator B", "group": "IN", "contact_url": "data:text/html,hi"}
        ]}"#;
        let err = refused(json);
        assert_eq!((err.entry, err.id.as_deref()), (Some(1), Some("b")));
        assert!(
            err.to_string()
                .starts_with(r#"recipient 2 ("b"): contact_url "data:"#),
            "{err}"
        );
    }

    #[test]
    fn web_addresses_need_http_scheme_and_host() {
        for good in [
            "https://www.cantwell.senate.gov/public/index.cfm/email-maria",
            "http://example.org",
            "HtTpS://Example.ORG/Path?q=a%20b",
            "https://example.org:8443/",
            "https://[2001:db8::1]/contact",
            "https://localhost/",
            "https://bücher.example/",
        ] {
            assert!(is_web_address(good), "{good}");
        }
        for bad in [
            "",
            "/contact",
            "contact.html",
            "//example.org/contact",
            "www.example.org",
            "https:example.org",
            "https:/example.org",
            "https://",
            "https:///path",
            "https://?q",
            "https://example.org:/",
            "https://example.org:80a/",
            "https://example..org/",
            "https://exa mple.org/",
            " https://example.org/",
            "https://example.org/\n",
            "https://example.org/\u{7}",
            "https://evil.example\\@good.example/",
            "https://good.example@evil.example/",
            "hhttps://fine.house.gov/contact",
            "https://[]/",
        ] {
            assert!(!is_web_address(bad), "{bad:?}");
        }
    }

    #[test]
    fn relative_url_says_so() {
        let err = refused(&one(r#", "contact_url": "/contact:us""#));
        assert!(err.message.contains("relative"), "{err}");
    }

    #[test]
    fn emails_must_look_like_emails() {
        for good in [
            "a@example.org",
            "first.last+tag@mail.example.co.uk",
            "ünï@bücher.example",
        ] {
            assert!(
                parse_recipients(&one(&format!(r#", "email": {good:?}"#))).is_ok(),
                "{good}"
            );
        }
        for bad in [
            "",
            "Senator Lugar",
            "lugar",
            "@example.org",
            "a@",
            "a@example",
            "a@b@example.org",
            "a@example..org",
            "a@-example.org",
            "a b@example.org",
            "a,b@example.org",
            "mailto:a@example.org",
            "<a@example.org>",
        ] {
            let err = refused(&one(&format!(r#", "email": {bad:?}"#)));
            assert_eq!(err.entry, Some(0));
            assert!(err.message.starts_with("email "), "{bad}: {err}");
        }
    }

    #[test]
    fn duplicate_ids_are_refused_naming_both() {
        let json = r#"{"recipients": [
            {"id": "x", "name": "A", "greeting": "Senator A", "group": "IN"},
            {"id": "y", "name": "B", "greeting": "Senator B", "group": "IN"},
            {"id": "x", "name": "C", "greeting": "Senator C", "group": "OH"}
        ]}"#;
        let err = refused(json);
        assert_eq!((err.entry, err.id.as_deref()), (Some(2), Some("x")));
        assert!(err.message.contains("already used by recipient 1"), "{err}");
    }

    #[test]
    fn required_fields_must_not_be_empty() {
        for key in ["id", "name", "greeting", "group"] {
            let mut value: serde_json::Value = serde_json::from_str(&one("")).unwrap();
            value["recipients"][0][key] = "  ".into();
            let err = refused(&value.to_string());
            assert_eq!(err.entry, Some(0));
            assert!(
                err.message.starts_with(&format!("{key} is empty")),
                "{key}: {err}"
            );
        }
        let err = refused(&one(r#", "group_name": """#));
        assert!(err.message.starts_with("group_name is empty"), "{err}");
    }

    #[test]
    fn an_empty_id_is_not_shown_as_the_entry_name() {
        let err =
            refused(r#"{"recipients": [{"id": "", "name": "A", "greeting": "G", "group": "IN"}]}"#);
        assert_eq!((err.entry, err.id.as_deref()), (Some(0), None));
        assert!(
            err.to_string().starts_with("recipient 1: id is empty"),
            "{err}"
        );
    }

    #[test]
    fn missing_fields_name_the_entry_and_the_keys() {
        let err = refused(r#"{"recipients": [{"id": "a", "name": "A", "group": "IN"}]}"#);
        assert_eq!((err.entry, err.id.as_deref()), (Some(0), Some("a")));
        assert!(err.message.contains("missing field `greeting`"), "{err}");
        assert!(err.message.contains("a recipient needs"), "{err}");
    }

    #[test]
    fn misspelt_keys_and_wrong_types_are_refused() {
        let err = refused(&one(r#", "contact_ur": "https://example.org/""#));
        assert!(err.message.contains("unknown field `contact_ur`"), "{err}");
        let err = refused(&one(r#", "max_length": "5000""#));
        assert!(
            err.message.contains(
                "invalid type: string \"5000\", expected a whole number, written without quotes"
            ),
            "{err}"
        );
        let err = refused(&one(r#", "max_length": -1"#));
        assert_eq!(err.entry, Some(0));
        let err = refused(r#"{"recipients": [], "dataDate": "2020"}"#);
        assert_eq!(err.entry, None);
        assert!(err.message.contains("unknown field `dataDate`"), "{err}");
    }

    #[test]
    fn lengths_are_limited() {
        let long = |n: usize| "x".repeat(n);
        let cases = [
            ("name", MAX_NAME_CHARS),
            ("greeting", MAX_NAME_CHARS),
            ("title", MAX_NAME_CHARS),
            ("group_name", MAX_NAME_CHARS),
            ("id", MAX_ID_CHARS),
            ("group", MAX_ID_CHARS),
            ("office_address", MAX_ADDRESS_CHARS),
        ];
        for (key, max) in cases {
            let mut value: serde_json::Value = serde_json::from_str(&one("")).unwrap();
            value["recipients"][0][key] = long(max).into();
            assert!(
                parse_recipients(&value.to_string()).is_ok(),
                "{key} at {max}"
            );
            value["recipients"][0][key] = long(max + 1).into();
            let err = refused(&value.to_string());
            assert_eq!(err.entry, Some(0));
            assert!(
                err.message
                    .starts_with(&format!("{key} is {} characters long", max + 1)),
                "{err}"
            );
        }
        // Characters, not bytes: 200 accented letters is a fine name.
        assert!(parse_recipients(&one("").replace("Richard G. Lugar", &"é".repeat(200))).is_ok());
        let phone = format!("1{}", long(MAX_PHONE_CHARS));
        let err = refused(&one(&format!(r#", "phone": {phone:?}"#)));
        assert!(
            err.message.starts_with("phone is 51 characters long"),
            "{err}"
        );
        let err = refused(&one(&format!(
            r#", "contact_url": "https://example.org/{}""#,
            long(MAX_URL_CHARS)
        )));
        assert!(err.message.starts_with("contact_url is"), "{err}");
    }

    #[test]
    fn overlong_id_is_not_echoed_in_full() {
        let id = "x".repeat(5000);
        let err = refused(&one("").replace("lugar-richard", &id));
        assert_eq!(err.id, None);
        assert!(err.to_string().len() < 300, "{err}");
    }

    #[test]
    fn phone_needs_a_digit() {
        let err = refused(&one(r#", "phone": "call us""#));
        assert!(err.message.contains("has no digits"), "{err}");
        assert!(parse_recipients(&one(r#", "phone": "202-224-4814 ext. 5""#)).is_ok());
    }

    #[test]
    fn max_length_must_be_in_range() {
        assert!(parse_recipients(&one(r#", "max_length": 1"#)).is_ok());
        assert!(parse_recipients(&one(r#", "max_length": 100000"#)).is_ok());
        for bad in [0, 100_001] {
            let err = refused(&one(&format!(r#", "max_length": {bad}"#)));
            assert!(
                err.message
                    .starts_with(&format!("max_length {bad} is out of range")),
                "{err}"
            );
        }
    }

    #[test]
    fn bidi_and_zero_width_characters_are_refused() {
        for c in [
            "\\u202E", "\\u202A", "\\u200B", "\\u200C", "\\u200D", "\\u200E", "\\u200F", "\\u2066",
            "\\u2067", "\\u2068", "\\u2069", "\\u2060", "\\uFEFF", "\\u061C", "\\u00AD",
        ] {
            let err = refused(&one("").replace("Senator Lugar", &format!("Senator{c}Lugar")));
            assert!(err.message.contains("invisible character"), "{c}: {err}");
            // The message shows where it is, escaped, rather than hiding it again.
            let code = c
                .trim_start_matches("\\u")
                .trim_start_matches('0')
                .to_lowercase();
            assert!(
                err.message.contains(&format!("\\u{{{code}}}")),
                "{c}: {err}"
            );
        }
        let err = refused(&one(r#", "office_address": "1 Main St\u2067\nTown""#));
        assert!(err.message.starts_with("office_address"), "{err}");
        // Visible text in every script still passes.
        assert!(parse_recipients(&one("").replace("Senator Lugar", "السيناتور 김 Núñez")).is_ok());
    }

    #[test]
    fn control_characters_are_refused_except_line_breaks_in_addresses() {
        let err = refused(&one("").replace("Senator Lugar", "Senator\\u0000Lugar"));
        assert!(err.message.contains("control character \\u{0}"), "{err}");
        assert!(err.message.contains(r#""Senator\0Lugar""#), "{err}");
        let err = refused(&one("").replace("Senator Lugar", "Senator\\nLugar"));
        assert!(err.message.contains("write it on one line"), "{err}");
        assert!(parse_recipients(&one(r#", "office_address": "1 Main St\r\nTown""#)).is_ok());
        let err = refused(&one(r#", "office_address": "1 Main St\u001bTown""#));
        assert!(err.message.starts_with("office_address"), "{err}");
    }

    #[test]
    fn list_size_is_limited() {
        let entry =
            |i: usize| format!(r#"{{"id": "r{i}", "name": "N", "greeting": "G", "group": "IN"}}"#);
        let list = |n: usize| {
            format!(
                r#"{{"recipients": [{}]}}"#,
                (0..n).map(entry).collect::<Vec<_>>().join(",")
            )
        };
        assert_eq!(
            parse_recipients(&list(MAX_RECIPIENTS))
                .unwrap()
                .recipients
                .len(),
            MAX_RECIPIENTS
        );
        let err = refused(&list(MAX_RECIPIENTS + 1));
        assert_eq!(err.entry, None);
        assert!(err.message.contains("more than the 2000"), "{err}");
        let err = refused(&list(0));
        assert!(err.message.contains("no recipients"), "{err}");
    }

    #[test]
    fn json_syntax_errors_give_line_and_column() {
        let err = refused("{\"recipients\": [\n  {\"id\": \"a\",}\n]}");
        assert_eq!(err.entry, None);
        assert!(
            err.message
                .starts_with("the JSON is not valid at line 2, column 14: "),
            "{err}"
        );
        assert!(
            !err.message.contains(" at line 2 column"),
            "said twice: {err}"
        );
        let err = refused("");
        assert!(err.message.contains("line 1, column 0"), "{err}");
    }

    #[test]
    fn the_top_level_must_be_an_object_with_recipients() {
        let err = refused(r#"[{"id": "a"}]"#);
        assert!(err.message.contains("{\"recipients\": [ ... ]}"), "{err}");
        let err = refused(r#"{"recipient": []}"#);
        assert!(err.message.contains("no \"recipients\" array"), "{err}");
        let err = refused(r#"{"recipients": {}}"#);
        assert!(err.message.contains("no \"recipients\" array"), "{err}");
    }

    #[test]
    fn data_date_and_source_are_kept_and_checked() {
        let json = one("").replace("]}", r#"], "data_date": "2026-06-10", "source": "test""#) + "}";
        let list = parse_recipients(&json).unwrap();
        assert_eq!(list.data_date.as_deref(), Some("2026-06-10"));
        assert_eq!(list.source.as_deref(), Some("test"));
        let err = refused(&json.replace("2026-06-10", &"9".repeat(51)));
        assert!(
            err.to_string()
                .starts_with("recipients list: data_date is 51"),
            "{err}"
        );
    }

    fn three_groups() -> RecipientList {
        parse_recipients(
            r#"{"recipients": [
                {"id": "1", "name": "A", "greeting": "G", "group": "OH", "group_name": "Ohio"},
                {"id": "2", "name": "B", "greeting": "G", "group": "IN", "group_name": "Indiana"},
                {"id": "3", "name": "C", "greeting": "G", "group": "OH"},
                {"id": "4", "name": "D", "greeting": "G", "group": "AK", "group_name": "alaska"},
                {"id": "5", "name": "E", "greeting": "G", "group": "ZZ"}
            ]}"#,
        )
        .unwrap()
    }

    #[test]
    fn groups_are_deduplicated_and_sorted_by_display_name() {
        let groups = three_groups().groups();
        let pairs: Vec<(&str, &str)> = groups
            .iter()
            .map(|(g, n)| (g.as_str(), n.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [
                ("AK", "alaska"),
                ("IN", "Indiana"),
                ("OH", "Ohio"),
                ("ZZ", "ZZ")
            ]
        );
    }

    #[test]
    fn in_group_keeps_list_order() {
        let list = three_groups();
        let ids: Vec<&str> = list.in_group("OH").iter().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["1", "3"]);
        assert!(list.in_group("oh").is_empty());
    }

    #[test]
    fn one_group_cannot_have_two_names() {
        let err = refused(
            r#"{"recipients": [
                {"id": "1", "name": "A", "greeting": "G", "group": "IN", "group_name": "Indiana"},
                {"id": "2", "name": "B", "greeting": "G", "group": "IN", "group_name": "Indianna"}
            ]}"#,
        );
        assert_eq!(err.entry, Some(1));
        assert!(
            err.message
                .contains(r#""Indianna" here but "Indiana" in recipient 1"#),
            "{err}"
        );
    }

    #[test]
    fn a_list_survives_a_round_trip_through_json() {
        let list = three_groups();
        let json = serde_json::to_string(&list).unwrap();
        assert!(!json.contains("null"), "absent values are left out: {json}");
        assert_eq!(parse_recipients(&json).unwrap(), list);
    }

    #[test]
    fn quoted_values_escape_what_would_hide_or_break_them() {
        assert_eq!(
            quote("a\"b\\c\0\n\r\t\u{1b}é"),
            r#""a\"b\\c\0\n\r\t\u{1b}é""#
        );
        assert_eq!(quote(&"x".repeat(61)), format!("\"{}\"...", "x".repeat(60)));
        assert_eq!(quote(&"x".repeat(60)), format!("\"{}\"", "x".repeat(60)));
    }

    #[test]
    fn phone_numbers_become_tel_links() {
        assert_eq!(tel_href("(202) 555-0101"), "tel:2025550101");
        assert_eq!(tel_href(" +1 (202) 224-4814"), "tel:+12022244814");
        assert_eq!(tel_href("202-224-4814 ext. 5"), "tel:2022244814,5");
        assert_eq!(tel_href("x12"), "tel:12");
        // Minus signs and middle dots are separators, not an extension.
        assert_eq!(tel_href("202−555−0101"), "tel:2025550101");
        assert_eq!(tel_href("03・1234・5678"), "tel:0312345678");
        assert_eq!(tel_href("02-788-0114 내선 5"), "tel:027880114,5");
    }

    #[test]
    fn the_print_address_block_names_the_recipient_once() {
        let json = one(r#", "office_address": "306 Hart Building\nWashington, DC 20510""#);
        let r = parse_recipients(&json).unwrap().recipients.remove(0);
        assert_eq!(
            r.address_block(),
            "Richard G. Lugar\n306 Hart Building\nWashington, DC 20510"
        );
        let json = one(r#", "office_address": "Office of Richard G. Lugar\n306 Hart""#);
        let r = parse_recipients(&json).unwrap().recipients.remove(0);
        assert_eq!(r.address_block(), "Office of Richard G. Lugar\n306 Hart");
        let r = parse_recipients(&one("")).unwrap().recipients.remove(0);
        assert_eq!(r.address_block(), "Richard G. Lugar");
    }

    #[test]
    fn a_contact_form_is_offered_only_when_it_is_a_web_address() {
        let mut r = parse_recipients(&one(r#", "contact_url": "https://a.example.org/""#))
            .unwrap()
            .recipients
            .remove(0);
        assert_eq!(r.contact_form(), Some("https://a.example.org/"));
        // A list changed after validation (or built in code) is checked again.
        r.contact_url = Some("javascript:alert(1)".into());
        assert_eq!(r.contact_form(), None);
    }

    #[test]
    fn the_first_recipient_shown_is_the_first_not_yet_sent() {
        let list = three_groups();
        let ohio = list.in_group("OH");
        assert_eq!(first_unsent(ohio.iter().copied(), &[]), 0);
        assert_eq!(first_unsent(ohio.iter().copied(), &["1".to_owned()]), 1);
        let all = ["1".to_owned(), "3".to_owned()];
        assert_eq!(first_unsent(ohio.iter().copied(), &all), 0);
    }

    #[test]
    fn the_demo_list_parses() {
        let list = parse_recipients(include_str!("../../demo/recipients.json")).unwrap();
        assert!(list.recipients.len() > 1);
    }

    #[test]
    fn an_entry_error_gives_its_line_and_column_in_the_list() {
        let json = "{\"recipients\": [\n  {\"id\": \"a\", \"name\": \"A\", \"greeting\": \"G\", \"group\": \"IN\"},\n  {\"id\": \"b\", \"nme\": \"B\"}\n]}";
        let err = refused(json);
        assert_eq!((err.entry, err.id.as_deref()), (Some(1), Some("b")));
        assert!(
            err.message
                .starts_with("unknown field `nme`, expected one of `id`, `name`,"),
            "{err}"
        );
        assert!(err.message.ends_with("(line 3, column 19)"), "{err}");
        let err = refused(&one(r#", "phone": 5"#));
        assert!(err.message.ends_with("(line 1, column 122)"), "{err}");
    }

    #[test]
    fn deeply_nested_json_is_refused_without_overflowing_the_stack() {
        // The browser's JSON.parse reads any depth; walking the result
        // recursively overflowed the widget's stack (a trap, no error box).
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        let err = refused(&format!(r#"{{"recipients": [{}]}}"#, deep(200_000)));
        assert_eq!(err.entry, Some(0));
        assert!(
            err.message
                .starts_with("invalid type: sequence, expected an object; a recipient needs"),
            "{err}"
        );
        let err = refused(&format!(
            r#"{{"recipients": [], "extra": {}}}"#,
            deep(200_000)
        ));
        assert!(err.message.contains("unknown field `extra`"), "{err}");
        let err = refused(&one(&format!(r#", "title": {}"#, deep(200_000))));
        assert!(err.message.contains("expected a string"), "{err}");
    }

    #[test]
    fn null_optional_values_are_absent_and_wrong_entry_types_are_named() {
        let list = parse_recipients(&one(r#", "email": null, "max_length": null"#)).unwrap();
        assert_eq!(list.recipients[0].email, None);
        let err = refused(r#"{"recipients": ["Senator Lugar"]}"#);
        assert_eq!(err.entry, Some(0));
        assert!(
            err.message
                .contains(r#"invalid type: string "Senator Lugar", expected an object"#),
            "{err}"
        );
        let err = refused(&one(r#", "phone": 2025550101"#));
        assert!(
            err.message
                .contains("invalid type: integer `2025550101`, expected a string"),
            "{err}"
        );
        let err = refused(&one(r#", "max_length": 20.5"#));
        assert!(
            err.message
                .contains("invalid type: a number with a fraction, expected a whole number"),
            "{err}"
        );
    }

    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2_000))]

            /// Whatever passes is an absolute http(s) address with a host:
            /// the property that keeps script out of the reader's page.
            #[test]
            fn accepted_addresses_are_http_or_https_with_a_host(
                url in "(?i:https?|javascript|data|vbscript|ftp)?:?/{0,3}[a-zA-Z0-9.:@\\\\\\[\\]/?# \\t%-]{0,24}"
            ) {
                if is_web_address(&url) {
                    let lower = url.to_ascii_lowercase();
                    let rest = lower
                        .strip_prefix("https://")
                        .or_else(|| lower.strip_prefix("http://"));
                    prop_assert!(rest.is_some(), "{url:?}");
                    let rest = rest.unwrap();
                    prop_assert!(!rest.starts_with(['/', '?', '#', ':']), "{url:?}");
                    prop_assert!(!url.contains(char::is_whitespace), "{url:?}");
                }
            }

            /// Arbitrary text never panics the parser, and an error names an
            /// entry only if there is one.
            #[test]
            fn any_text_is_parsed_or_refused_without_panicking(text in "\\PC{0,120}") {
                if let Err(e) = parse_recipients(&text) {
                    prop_assert!(e.entry.is_none());
                }
            }

            /// A list of arbitrary values is accepted or refused naming one of
            /// its entries (or the list as a whole), never panicking.
            #[test]
            fn arbitrary_recipients_are_accepted_or_refused_by_entry(
                entries in proptest::collection::vec(
                    ("[a-c ]{0,3}", "\\PC{0,8}", "[a-z:/.]{0,14}", proptest::option::of(0usize..3)),
                    0..6,
                )
            ) {
                let recipients: Vec<serde_json::Value> = entries
                    .iter()
                    .map(|(id, name, url, max)| serde_json::json!({
                        "id": id, "name": name, "greeting": name, "group": "G",
                        "contact_url": url, "max_length": max,
                    }))
                    .collect();
                let json = serde_json::json!({ "recipients": recipients }).to_string();
                match parse_recipients(&json) {
                    Ok(list) => prop_assert_eq!(list.recipients.len(), entries.len()),
                    Err(e) => prop_assert!(e.entry.is_none_or(|i| i < entries.len()), "{}", e),
                }
            }
        }
    }
}
