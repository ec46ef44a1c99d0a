//! The organiser's letter template: parses `{{key: Label | options}}` fields and
//! `_______` blanks into text segments and field specs, with errors that say
//! where (line, column) and how to fix the text.

use crate::chars::is_word_char;
use crate::placeholders::{self, Meaning, Placeholder, Shape};
use std::collections::{HashMap, HashSet};
use std::fmt;

/// A parsed letter template.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    /// The template text exactly as the organiser wrote it.
    pub source: String,
    /// The letter as a sequence of literal text and field references.
    pub segments: Vec<Segment>,
    /// Every field once, in order of first appearance.
    pub fields: Vec<FieldSpec>,
    /// Notes to the sender (`[Don't forget to ...]`): shown beside the
    /// letter, left out of it.
    pub notes: Vec<String>,
    /// Where each placeholder that is not `{{…}}` stands, for the builder.
    pub placeholders: Vec<Written>,
}

/// A placeholder as written (`[YOUR NAME]`, `___`) and the field it became.
#[derive(Clone, Debug, PartialEq)]
pub struct Written {
    /// Byte range in the template text (line endings normalised).
    pub range: std::ops::Range<usize>,
    /// Index into [`Template::fields`].
    pub field: usize,
}

/// The template as the builder shows it (see [`Template::describe`]).
#[derive(Debug, serde::Serialize)]
pub struct Description<'a> {
    /// Every field once, in order of first appearance.
    pub fields: Vec<Described<'a>>,
    /// The notes to the sender, left out of the letter.
    pub notes: &'a [String],
    /// The letter in `{{…}}` syntax ([`Template::in_braces`]).
    pub braces: String,
}

/// One field and the placeholders that became it.
#[derive(Debug, serde::Serialize)]
pub struct Described<'a> {
    /// The field's key.
    pub key: &'a str,
    /// Its label.
    pub label: &'a str,
    /// Its kind.
    pub kind: FieldKind,
    /// Asked with a text area.
    pub multiline: bool,
    /// May be left empty.
    pub optional: bool,
    /// Each distinct spelling in the letter (`[NAME]`, `[YOUR NAME]`), in
    /// order; more than one means they were merged. Empty for a field
    /// written only as `{{…}}`.
    pub written: Vec<String>,
}

/// One piece of a template.
#[derive(Clone, Debug, PartialEq)]
pub enum Segment {
    /// Literal letter text (escapes already resolved).
    Text(String),
    /// A blank to fill: an index into [`Template::fields`].
    Field(usize),
}

/// What a field is and how the form asks for it.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldSpec {
    /// The field's name in the template (`senator`, `blank-1`, ...); drafts store values by it.
    pub key: String,
    /// The label shown next to the input and, in brackets, as the placeholder in the letter.
    pub label: String,
    /// Which input type and autofill hint to use.
    pub kind: FieldKind,
    /// Ask with a multi-line text area rather than a one-line input.
    pub multiline: bool,
    /// The reader may leave it empty without being reminded.
    pub optional: bool,
}

/// The well-known kinds of field, chosen by key, which get the right input type
/// and browser autofill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FieldKind {
    /// Anything else.
    Text,
    /// `name`: the reader's full name.
    Name,
    /// `email`.
    Email,
    /// `address`: street address, multi-line by default.
    Address,
    /// `city`.
    City,
    /// `state` (or region, province).
    State,
    /// `zip` (or postcode).
    Zip,
    /// `phone`.
    Phone,
    /// `date`: the UI prefills today's date as formatted text.
    Date,
}

impl FieldKind {
    /// The kind a key implies (`"email"` -> [`FieldKind::Email`]), or [`FieldKind::Text`].
    pub fn from_key(key: &str) -> FieldKind {
        match key {
            "name" => FieldKind::Name,
            "email" => FieldKind::Email,
            "address" => FieldKind::Address,
            "city" => FieldKind::City,
            "state" => FieldKind::State,
            "zip" => FieldKind::Zip,
            "phone" => FieldKind::Phone,
            "date" => FieldKind::Date,
            _ => FieldKind::Text,
        }
    }

    /// The `<input type>` to use. Dates are `text`: the UI prefills a formatted
    /// date string the reader may reword ("the 3rd of May").
    pub fn input_type(self) -> &'static str {
        match self {
            FieldKind::Email => "email",
            FieldKind::Phone => "tel",
            _ => "text",
        }
    }

    /// The `autocomplete` attribute, so browsers offer the reader's saved details.
    pub fn autocomplete(self) -> Option<&'static str> {
        match self {
            FieldKind::Name => Some("name"),
            FieldKind::Email => Some("email"),
            FieldKind::Address => Some("street-address"),
            FieldKind::City => Some("address-level2"),
            FieldKind::State => Some("address-level1"),
            FieldKind::Zip => Some("postal-code"),
            FieldKind::Phone => Some("tel"),
            FieldKind::Text | FieldKind::Date => None,
        }
    }

    /// The `inputmode` attribute (which on-screen keyboard phones show). Postcodes
    /// get none: British and Canadian ones contain letters.
    pub fn input_mode(self) -> Option<&'static str> {
        match self {
            FieldKind::Phone => Some("tel"),
            FieldKind::Email => Some("email"),
            _ => None,
        }
    }
}

/// Why a template could not be parsed, and where.
#[derive(Clone, Debug, PartialEq)]
pub struct TemplateError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    /// What is wrong.
    pub kind: TemplateErrorKind,
}

/// The kinds of template mistake.
#[derive(Clone, Debug, PartialEq)]
pub enum TemplateErrorKind {
    /// `{{` without `}}` on the same line.
    Unclosed,
    /// `{{}}` or `{{: Label}}`.
    EmptyKey,
    /// A key with characters other than lowercase letters, digits, `_` and `-`.
    InvalidKey {
        /// The key as written.
        key: String,
    },
    /// `| something` that is neither `multiline` nor `optional`.
    UnknownOption {
        /// The option as written.
        option: String,
    },
    /// One key given two different labels.
    ConflictingLabels {
        /// The field's key.
        key: String,
        /// The label given first.
        first: String,
        /// The label given here.
        second: String,
        /// The line of the first label.
        first_line: usize,
    },
    /// Nothing but whitespace.
    EmptyTemplate,
    /// More than [`MAX_TEMPLATE_BYTES`] of text.
    TooLong {
        /// The template's length in bytes.
        bytes: usize,
    },
    /// More than [`MAX_FIELDS`] fields.
    TooManyFields {
        /// How many fields the template has.
        fields: usize,
    },
}

/// The longest template the widget takes: 256 KB, far beyond any letter
/// (a 200 KB letter still fits), and a bound on what a crafted page or
/// link can make the reader's browser build.
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;

/// The most fields a template may have; a form longer than this is no
/// longer a letter to fill in.
pub const MAX_FIELDS: usize = 200;

impl fmt::Display for TemplateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: ", self.line, self.column)?;
        match &self.kind {
            TemplateErrorKind::Unclosed => write!(
                f,
                "`{{{{` is never closed; add `}}}}` on the same line, or write `\\{{{{` for literal braces"
            ),
            TemplateErrorKind::EmptyKey => write!(
                f,
                "this field has no name; write one such as `{{{{senator}}}}` or `{{{{senator: Senator's name}}}}`, or write `\\{{{{` for literal braces"
            ),
            TemplateErrorKind::InvalidKey { key } => {
                let suggestion = suggest_key(key);
                if key.chars().any(|c| c.is_ascii_uppercase()) && suggestion == key.to_ascii_lowercase() {
                    write!(f, "field names are lowercase: write `{suggestion}` instead of `{key}`")
                } else if suggestion.is_empty() {
                    write!(f, "`{key}` is not a valid field name; use lowercase letters, digits, `_` and `-`, e.g. `senator_name`")
                } else {
                    write!(f, "`{key}` is not a valid field name; use lowercase letters, digits, `_` and `-`, e.g. `{suggestion}` (put a label after a colon: `{{{{{suggestion}: {key}}}}}`)")
                }
            }
            TemplateErrorKind::UnknownOption { option } => {
                write!(f, "unknown option `{option}`; the options are `multiline` and `optional`")?;
                let lower = option.to_ascii_lowercase();
                if lower.contains("multi") || lower.contains("line") {
                    write!(f, " (did you mean `multiline`?)")
                } else if lower.contains("opt") {
                    write!(f, " (did you mean `optional`?)")
                } else {
                    Ok(())
                }
            }
            TemplateErrorKind::ConflictingLabels { key, first, second, first_line } => write!(
                f,
                "field `{key}` is labelled \"{second}\" here but \"{first}\" on line {first_line}; give it one label, or write just `{{{{{key}}}}}` here"
            ),
            TemplateErrorKind::EmptyTemplate => write!(
                f,
                "the letter is empty; put the letter's text inside the element"
            ),
            TemplateErrorKind::TooLong { bytes } => write!(
                f,
                "the letter is {} KB, over the {} KB limit, which it passes here; shorten it",
                bytes.div_ceil(1024),
                MAX_TEMPLATE_BYTES / 1024
            ),
            TemplateErrorKind::TooManyFields { fields } => write!(
                f,
                "the letter has {fields} fields, over the limit of {MAX_FIELDS}; reuse a `{{{{key}}}}` or split the letter"
            ),
        }
    }
}

impl std::error::Error for TemplateError {}

/// The nearest valid key to what the organiser wrote: `Senator Name` -> `senator_name`.
fn suggest_key(key: &str) -> String {
    let mut out = String::new();
    for c in key.trim().chars() {
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            out.push(c.to_ascii_lowercase());
        } else if c.is_whitespace() && !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

fn is_valid_key(key: &str) -> bool {
    !key.is_empty()
        && key
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
}

/// A field as written at one place, before keys are merged into [`FieldSpec`]s.
enum Token {
    Text(String),
    Named {
        key: String,
        label: Option<String>,
        multiline: bool,
        optional: bool,
    },
    /// A `___` run: anonymous blank.
    Blank(std::ops::Range<usize>),
    /// `[YOUR NAME]` and its relatives.
    Placeholder(Placeholder, std::ops::Range<usize>),
    /// A note to the sender.
    Note(String),
}

/// Tracks line and column while walking the text, so errors point where the organiser looks.
struct Cursor<'a> {
    text: &'a str,
    pos: usize,
    line: usize,
    column: usize,
}

impl<'a> Cursor<'a> {
    fn rest(&self) -> &'a str {
        &self.text[self.pos..]
    }

    fn advance(&mut self, bytes: usize) {
        for c in self.text[self.pos..self.pos + bytes].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.pos += bytes;
    }

    fn error(&self, kind: TemplateErrorKind) -> TemplateError {
        TemplateError {
            line: self.line,
            column: self.column,
            kind,
        }
    }
}

/// Parses template text. Fields are `{{key}}`, `{{key: Label}}` and
/// `{{key: Label | multiline | optional}}`; runs of three or more underscores are
/// anonymous blanks; `\{{` is a literal `{{`.
pub fn parse(text: &str) -> Result<Template, TemplateError> {
    if text.len() > MAX_TEMPLATE_BYTES {
        let (line, column) = position(text, MAX_TEMPLATE_BYTES);
        return Err(TemplateError {
            line,
            column,
            kind: TemplateErrorKind::TooLong { bytes: text.len() },
        });
    }
    if text.trim().is_empty() {
        return Err(TemplateError {
            line: 1,
            column: 1,
            kind: TemplateErrorKind::EmptyTemplate,
        });
    }
    let tokens = tokenize(&normalised(text))?;
    let template = build(text, tokens);
    if template.fields.len() > MAX_FIELDS {
        return Err(TemplateError {
            line: 1,
            column: 1,
            kind: TemplateErrorKind::TooManyFields {
                fields: template.fields.len(),
            },
        });
    }
    Ok(template)
}

/// Line and column (1-based, in characters) of byte `at` of `text`, or of
/// the char boundary just before it.
fn position(text: &str, at: usize) -> (usize, usize) {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Line endings normalised, so a template saved on Windows gives the same letter.
fn normalised(text: &str) -> String {
    if text.contains('\r') {
        text.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        text.to_string()
    }
}

/// First pass: literal text, named fields (validated, labels checked for
/// conflicts), blanks, bracket placeholders and notes, in order.
fn tokenize(text: &str) -> Result<Vec<Token>, TemplateError> {
    let mut out = Tokens::default();
    // key -> (label, line) of its first explicit label.
    let mut labels: HashMap<String, (String, usize)> = HashMap::new();
    let mut lines = LineBrackets::default();
    let mut cur = Cursor {
        text,
        pos: 0,
        line: 1,
        column: 1,
    };
    while !cur.rest().is_empty() {
        let rest = cur.rest();
        if rest.starts_with("\\{{") {
            out.literal.push_str("{{");
            cur.advance(3);
        } else if rest.starts_with("{{") {
            out.flush();
            out.tokens.push(field(&mut cur, &mut labels)?);
        } else if rest.starts_with("___") {
            let run = rest.bytes().take_while(|&b| b == b'_').count();
            out.flush();
            out.tokens.push(Token::Blank(cur.pos..cur.pos + run));
            cur.advance(run);
        } else if let Some((len, found)) = lines.bracket_at(text, cur.pos) {
            let alone = text[lines.start..cur.pos].trim().is_empty()
                && text[cur.pos + len..lines.end].trim().is_empty();
            out.push_bracket(found, cur.pos..cur.pos + len, alone);
            cur.advance(len);
            if alone && matches!(out.tokens.last(), Some(Token::Note(_))) {
                // A note on a line of its own leaves no empty line behind.
                let newline = usize::from(lines.end < text.len());
                cur.advance(lines.end - cur.pos + newline);
            }
        } else {
            // Copy up to the next character that may start something special
            // (all ASCII, so `find` lands on a char boundary).
            let first = rest.chars().next().map_or(1, char::len_utf8);
            let next = rest[first..]
                .find(['\\', '{', '_', '[', '<', '('])
                .map_or(rest.len(), |i| i + first);
            out.literal.push_str(&rest[..next]);
            cur.advance(next);
        }
    }
    out.flush();
    Ok(out.tokens)
}

/// The tokens so far and the literal text not yet pushed.
#[derive(Default)]
struct Tokens {
    tokens: Vec<Token>,
    literal: String,
}

impl Tokens {
    fn flush(&mut self) {
        if !self.literal.is_empty() {
            self.tokens
                .push(Token::Text(std::mem::take(&mut self.literal)));
        }
    }

    fn push_bracket(&mut self, found: Found, range: std::ops::Range<usize>, alone: bool) {
        match found {
            Found::Literal(text) => self.literal.push_str(&text),
            Found::Field(p, shape) => {
                let mut start = range.start;
                // `______ (your phone)`: the words say what the blank is.
                if shape == Shape::Script && self.literal.trim().is_empty() {
                    if let Some(Token::Blank(blank)) = self.tokens.last() {
                        start = blank.start;
                        self.tokens.pop();
                        self.literal.clear();
                    }
                }
                self.flush();
                self.tokens.push(Token::Placeholder(p, start..range.end));
            }
            Found::Note(note) => {
                if alone {
                    let kept = self.literal.trim_end_matches([' ', '\t']).len();
                    self.literal.truncate(kept);
                }
                self.flush();
                self.tokens.push(Token::Note(note));
            }
        }
    }
}

/// What stands at a bracket.
enum Found {
    /// `[[kept]]`: the text `[kept]`.
    Literal(String),
    /// A placeholder.
    Field(Placeholder, Shape),
    /// A note to the sender.
    Note(String),
}

/// Matching brackets of the current line, found once per line so that no
/// shape of input (`[[[[…`, unclosed brackets) makes parsing slower than linear.
#[derive(Default)]
struct LineBrackets {
    start: usize,
    end: usize,
    closes: HashMap<usize, usize>,
}

impl LineBrackets {
    fn close(&mut self, text: &str, at: usize) -> Option<usize> {
        if at < self.start || at >= self.end || self.end == 0 {
            self.start = text[..at].rfind('\n').map_or(0, |i| i + 1);
            self.end = text[at..].find('\n').map_or(text.len(), |i| at + i);
            self.closes.clear();
            let mut stacks: [Vec<usize>; 3] = Default::default();
            for (i, b) in text[self.start..self.end].bytes().enumerate() {
                let i = self.start + i;
                match b {
                    b'[' => stacks[0].push(i),
                    b'<' => stacks[1].push(i),
                    b'(' => stacks[2].push(i),
                    b']' | b'>' | b')' => {
                        let s = match b {
                            b']' => 0,
                            b'>' => 1,
                            _ => 2,
                        };
                        if let Some(open) = stacks[s].pop() {
                            self.closes.insert(open, i);
                        }
                    }
                    _ => {}
                }
            }
        }
        self.closes.get(&at).copied()
    }

    /// The bracket at `at` (with its length), if it is one the rules decide on.
    fn bracket_at(&mut self, text: &str, at: usize) -> Option<(usize, Found)> {
        let bytes = text.as_bytes();
        let escaped = bytes[at] == b'\\' && bytes.get(at + 1) == Some(&b'[');
        let open = if escaped { at + 1 } else { at };
        let shape = match bytes[open] {
            b'[' => Shape::Square,
            b'<' | b'(' => Shape::Script,
            _ => return None,
        };
        let close = self.close(text, open)?;
        if close - open > placeholders::MAX_INNER || (escaped && bytes[close - 1] != b'\\') {
            return None;
        }
        let inner = &text[open + 1..if escaped { close - 1 } else { close }];
        if inner.contains("{{") {
            return None;
        }
        if shape == Shape::Square
            && inner.starts_with('[')
            && self.close(text, open + 1) == Some(close - 1)
            && bytes[close - 1] == b']'
        {
            let kept = format!("[{}]", &text[open + 2..close - 1]);
            return Some((close + 1 - at, Found::Literal(kept)));
        }
        let before = &text[self.start..at];
        let after = &text[close + 1..self.end];
        let found = match placeholders::classify(inner, shape, before, after) {
            Meaning::Text => return None,
            Meaning::Field(p) => Found::Field(p, shape),
            Meaning::Note(note) => Found::Note(note),
        };
        Some((close + 1 - at, found))
    }
}

/// Parses one `{{...}}` at the cursor and moves past it.
fn field(
    cur: &mut Cursor<'_>,
    labels: &mut HashMap<String, (String, usize)>,
) -> Result<Token, TemplateError> {
    let rest = cur.rest();
    // A field closes on its own line, so one forgotten `}}` cannot swallow the
    // rest of the letter up to some later field.
    let inner_end = match rest[2..].find("}}") {
        Some(i) if !rest[2..i + 2].contains('\n') => i + 2,
        _ => return Err(cur.error(TemplateErrorKind::Unclosed)),
    };
    // A second `{{` before the close means the first one was never closed
    // (`{{name {{city}}`): pointing at the first is what helps.
    if rest[2..inner_end].contains("{{") {
        return Err(cur.error(TemplateErrorKind::Unclosed));
    }
    let at = FieldAt {
        line: cur.line,
        column: cur.column,
        inner: &rest[2..inner_end],
    };
    let mut parts = split_offsets(at.inner, '|');
    let (head_offset, head) = parts.remove(0);
    let (key_raw, label_raw) = match head.find(':') {
        Some(i) => (&head[..i], Some((head_offset + i + 1, &head[i + 1..]))),
        None => (head, None),
    };
    let key = key_raw.trim();
    let key_offset = head_offset + (key_raw.len() - key_raw.trim_start().len());
    if key.is_empty() {
        return Err(cur.error(TemplateErrorKind::EmptyKey));
    }
    if !is_valid_key(key) {
        let kind = TemplateErrorKind::InvalidKey {
            key: key.to_string(),
        };
        return Err(at.error(key_offset, kind));
    }
    let (multiline, optional) = options(&at, parts)?;
    let label = checked_label(&at, key, label_raw, labels)?;
    cur.advance(inner_end + 2);
    Ok(Token::Named {
        key: key.to_string(),
        label,
        multiline,
        optional,
    })
}

/// Where a `{{...}}` stands, so its errors point inside it.
struct FieldAt<'a> {
    line: usize,
    column: usize,
    inner: &'a str,
}

impl FieldAt<'_> {
    /// An error at a byte offset inside the field (single line, so only columns move).
    fn error(&self, offset: usize, kind: TemplateErrorKind) -> TemplateError {
        TemplateError {
            line: self.line,
            column: self.column + 2 + self.inner[..offset].chars().count(),
            kind,
        }
    }
}

/// The `| multiline` and `| optional` after a field's label.
fn options(at: &FieldAt<'_>, parts: Vec<(usize, &str)>) -> Result<(bool, bool), TemplateError> {
    let mut multiline = false;
    let mut optional = false;
    for (offset, option) in parts {
        let trimmed = option.trim();
        match trimmed.to_ascii_lowercase().as_str() {
            // A stray `|` (`{{name: Name |}}`) is harmless.
            "" => {}
            "multiline" => multiline = true,
            "optional" => optional = true,
            _ => {
                let lead = option.len() - option.trim_start().len();
                let kind = TemplateErrorKind::UnknownOption {
                    option: trimmed.to_string(),
                };
                return Err(at.error(offset + lead, kind));
            }
        }
    }
    Ok((multiline, optional))
}

/// The label after the colon, refused if the key was labelled otherwise before.
fn checked_label(
    at: &FieldAt<'_>,
    key: &str,
    label_raw: Option<(usize, &str)>,
    labels: &mut HashMap<String, (String, usize)>,
) -> Result<Option<String>, TemplateError> {
    let Some((offset, raw)) = label_raw.filter(|(_, raw)| !raw.trim().is_empty()) else {
        return Ok(None);
    };
    let label = raw.trim().to_string();
    let label_offset = offset + (raw.len() - raw.trim_start().len());
    match labels.get(key) {
        Some((first, first_line)) if *first != label => {
            let kind = TemplateErrorKind::ConflictingLabels {
                key: key.to_string(),
                first: first.clone(),
                second: label,
                first_line: *first_line,
            };
            Err(at.error(label_offset, kind))
        }
        Some(_) => Ok(Some(label)),
        None => {
            labels.insert(key.to_string(), (label.clone(), at.line));
            Ok(Some(label))
        }
    }
}

/// Splits on `sep`, keeping each part's byte offset.
fn split_offsets(s: &str, sep: char) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == sep {
            out.push((start, &s[start..i]));
            start = i + c.len_utf8();
        }
    }
    out.push((start, &s[start..]));
    out
}

/// Second pass: merges repeated keys (and meanings) into one field, names
/// and labels the anonymous blanks, and lays out the segments.
fn build(source: &str, tokens: Vec<Token>) -> Template {
    let explicit: HashSet<&str> = tokens
        .iter()
        .filter_map(|t| match t {
            Token::Named { key, .. } => Some(key.as_str()),
            Token::Placeholder(p, _) => Some(p.key.as_str()),
            _ => None,
        })
        .collect();
    let mut b = Builder::new(source);
    let (mut blanks, mut next_blank_key) = (0, 0);
    for (i, token) in tokens.iter().enumerate() {
        match token {
            Token::Text(text) => b.t.segments.push(Segment::Text(text.clone())),
            Token::Named {
                key,
                label,
                multiline,
                optional,
            } => {
                let spec = b.use_field(key, || default_label(key));
                // A later use may be the first to give the label (tokenize has
                // already rejected conflicting ones); options accumulate.
                if let Some(label) = label {
                    spec.label = label.clone();
                }
                spec.multiline |= multiline;
                spec.optional |= optional;
            }
            Token::Placeholder(p, range) => {
                let spec = b.use_field(&p.key, || p.label.clone());
                spec.multiline |= p.multiline;
                spec.optional |= p.optional;
                b.written(range.clone());
            }
            Token::Blank(range) => {
                blanks += 1;
                let (key, label) = name_blank(&tokens, i, blanks, &explicit, &mut next_blank_key);
                b.use_field(&key, || label);
                b.written(range.clone());
            }
            Token::Note(note) => b.t.notes.push(note.clone()),
        }
    }
    b.t
}

/// The key and label of blank `i` (the `blanks`-th blank): what its line
/// says it is, else the next `blank-N` no organiser used explicitly
/// (`{{blank-1}}`), counted in `next_blank_key`.
fn name_blank(
    tokens: &[Token],
    i: usize,
    blanks: usize,
    explicit: &HashSet<&str>,
    next_blank_key: &mut usize,
) -> (String, String) {
    let label = blank_label(tokens, i)
        .map(|l| l.replace(['|', '{', '}'], " ").trim().to_string())
        .filter(|l| !l.is_empty());
    let key = blank_key(tokens, i, label.as_deref().unwrap_or(""));
    let numbered = key.is_none();
    let key = key.unwrap_or_else(|| loop {
        *next_blank_key += 1;
        let key = format!("blank-{next_blank_key}");
        if !explicit.contains(key.as_str()) {
            break key;
        }
    });
    // An unlabelled `blank-3` is "Blank 3": its label and key agree, so no
    // two fields share a label (`{{blank-1: Blank 1}} ___` is "Blank 1" and
    // "Blank 2"), and the builder's rewrite in `{{…}}` keeps every label.
    let n = if numbered { *next_blank_key } else { blanks };
    let label = label.unwrap_or_else(|| format!("Blank {n}"));
    (key, label)
}

/// A blank's key when its line says what it is: the recipient in a greeting
/// (`Dear Senator ___,`), or a well-known key (`Email: ___`).
fn blank_key(tokens: &[Token], at: usize, label: &str) -> Option<String> {
    let before = match at.checked_sub(1).map(|i| &tokens[i]) {
        Some(Token::Text(t)) => t.rsplit('\n').next().unwrap_or(""),
        _ => "",
    };
    if placeholders::is_greeting(before) {
        return Some(RECIPIENT.to_string());
    }
    placeholders::known(&label.to_ascii_lowercase()).map(str::to_string)
}

/// The key a recipients list fills (the same as `letter::RECIPIENT_KEY`).
const RECIPIENT: &str = "recipient";

/// The template being laid out, and where each key's field is.
struct Builder {
    t: Template,
    index: HashMap<String, usize>,
}

impl Builder {
    fn new(source: &str) -> Builder {
        let t = Template {
            source: source.to_string(),
            segments: Vec::new(),
            fields: Vec::new(),
            notes: Vec::new(),
            placeholders: Vec::new(),
        };
        Builder {
            t,
            index: HashMap::new(),
        }
    }

    /// Lays out a use of field `key` (made with `label` if new) and returns it.
    fn use_field(&mut self, key: &str, label: impl FnOnce() -> String) -> &mut FieldSpec {
        let fields = &mut self.t.fields;
        let at = *self.index.entry(key.to_string()).or_insert_with(|| {
            let kind = FieldKind::from_key(key);
            fields.push(FieldSpec {
                key: key.to_string(),
                label: label(),
                kind,
                multiline: kind == FieldKind::Address,
                optional: false,
            });
            fields.len() - 1
        });
        self.t.segments.push(Segment::Field(at));
        &mut self.t.fields[at]
    }

    /// Records that the field just laid out was written as a placeholder.
    fn written(&mut self, range: std::ops::Range<usize>) {
        if let Some(Segment::Field(field)) = self.t.segments.last() {
            let field = *field;
            self.t.placeholders.push(Written { range, field });
        }
    }
}

/// `senator_name` -> `Senator name`.
fn default_label(key: &str) -> String {
    let words = key.replace(['_', '-'], " ");
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.is_empty() {
        // `{{_}}`: nothing to derive a label from, but a label must show.
        key.to_string()
    } else {
        capitalise(words)
    }
}

fn capitalise(s: String) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
        None => s,
    }
}

/// Words that open a line but say nothing about what goes in the blank.
const LEADING_FILLER: &[&str] = &[
    "dear",
    "hi",
    "hello",
    "hey",
    "to",
    "greetings",
    "attn",
    "attention",
    "the",
    "a",
    "an",
    "my",
    "your",
];
/// Words that join a label to its blank ("My name is ___").
const TRAILING_FILLER: &[&str] = &[
    "is", "are", "am", "was", "of", "about", "in", "at", "the", "a", "an", "to", "and", "or",
    "for", "from", "by", "on", "with", "my", "your",
];
/// Labels stay short: they are also the placeholder inside the letter.
const LABEL_WORDS: usize = 3;

/// Labels a `___` blank from the words before it on its line ("Dear Senator
/// ___" -> "Senator"), or else the words after it ("___ (your name)" -> "Name").
fn blank_label(tokens: &[Token], at: usize) -> Option<String> {
    let before = match at.checked_sub(1).map(|i| &tokens[i]) {
        Some(Token::Text(t)) => t.rsplit('\n').next().unwrap_or(""),
        _ => "",
    };
    let after = match tokens.get(at + 1) {
        Some(Token::Text(t)) => t.split('\n').next().unwrap_or(""),
        _ => "",
    };
    let before_words = words(before);
    let tail = &before_words[before_words.len().saturating_sub(LABEL_WORDS)..];
    label_from(tail).or_else(|| {
        label_from(
            &words(after)[..]
                .iter()
                .take(LABEL_WORDS)
                .copied()
                .collect::<Vec<_>>(),
        )
    })
}

fn words(s: &str) -> Vec<&str> {
    s.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !is_word_char(c)))
        .filter(|w| !w.is_empty())
        .collect()
}

fn label_from(words: &[&str]) -> Option<String> {
    let is = |set: &[&str], w: &str| set.contains(&w.to_ascii_lowercase().as_str());
    let mut words = words;
    while let Some((first, rest)) = words.split_first() {
        if !is(LEADING_FILLER, first) {
            break;
        }
        words = rest;
    }
    while let Some((last, rest)) = words.split_last() {
        if !is(TRAILING_FILLER, last) {
            break;
        }
        words = rest;
    }
    if words.is_empty() {
        None
    } else {
        Some(capitalise(words.join(" ")))
    }
}

impl Template {
    /// A stable identity of the template text (FNV-1a 64 of the source, 16
    /// lowercase hex digits), the same on every run and platform, so a draft can
    /// tell whether the organiser has changed the letter.
    pub fn fingerprint(&self) -> String {
        fingerprint(&self.source)
    }

    /// The letter with every placeholder written as `{{key: Label | options}}`
    /// (notes and `[[kept]]` brackets as they were), so an organiser can
    /// adjust a label or a decision; it parses to the same fields.
    pub fn in_braces(&self) -> String {
        let text = normalised(&self.source);
        let mut out = String::with_capacity(text.len());
        let mut done = vec![false; self.fields.len()];
        let mut last = 0;
        for w in &self.placeholders {
            out.push_str(&text[last..w.range.start]);
            let f = &self.fields[w.field];
            if out.ends_with(['\\', '{']) {
                // `\{{` would be literal braces, `{{{` a broken field: this
                // one stays as written.
                out.push_str(&text[w.range.clone()]);
            } else {
                out.push_str("{{");
                out.push_str(&f.key);
                if !std::mem::replace(&mut done[w.field], true) {
                    out.push_str(": ");
                    out.push_str(&f.label);
                    if f.multiline && f.kind != FieldKind::Address {
                        out.push_str(" | multiline");
                    }
                    if f.optional {
                        out.push_str(" | optional");
                    }
                }
                out.push_str("}}");
            }
            last = w.range.end;
        }
        out.push_str(&text[last..]);
        out
    }

    /// What the builder shows: every field, how the letter wrote it, and
    /// the letter in `{{…}}` syntax.
    pub fn describe(&self) -> Description<'_> {
        let text = normalised(&self.source);
        let mut fields: Vec<Described> = self
            .fields
            .iter()
            .map(|f| Described {
                key: &f.key,
                label: &f.label,
                kind: f.kind,
                multiline: f.multiline,
                optional: f.optional,
                written: Vec::new(),
            })
            .collect();
        for w in &self.placeholders {
            let as_written = &text[w.range.clone()];
            let written = &mut fields[w.field].written;
            if !written.iter().any(|s| s == as_written) {
                written.push(as_written.to_owned());
            }
        }
        Description {
            fields,
            notes: &self.notes,
            braces: self.in_braces(),
        }
    }

    /// The index of the field with this key.
    pub fn field_index(&self, key: &str) -> Option<usize> {
        self.fields.iter().position(|f| f.key == key)
    }
}

/// FNV-1a 64 of `text` as 16 lowercase hex digits (see [`Template::fingerprint`]).
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> TemplateError {
        parse(text).expect_err("template should be rejected")
    }

    fn text_of(t: &Template) -> String {
        t.segments
            .iter()
            .map(|s| match s {
                Segment::Text(t) => t.clone(),
                Segment::Field(i) => format!("<{}>", t.fields[*i].key),
            })
            .collect()
    }

    #[test]
    fn fields_with_labels_and_text_between() {
        let t = parse("Dear Senator {{senator: Senator's last name}},\n\nI am {{name}}.").unwrap();
        assert_eq!(text_of(&t), "Dear Senator <senator>,\n\nI am <name>.");
        assert_eq!(t.fields.len(), 2);
        assert_eq!(t.fields[0].label, "Senator's last name");
        assert_eq!(t.fields[0].kind, FieldKind::Text);
        assert_eq!(t.fields[1].label, "Name");
        assert_eq!(t.fields[1].kind, FieldKind::Name);
        assert!(!t.fields[1].multiline && !t.fields[1].optional);
    }

    #[test]
    fn default_label_comes_from_the_key() {
        let t = parse("{{senator_name}} {{home-town}} {{zip2}}").unwrap();
        let labels: Vec<_> = t.fields.iter().map(|f| f.label.as_str()).collect();
        assert_eq!(labels, ["Senator name", "Home town", "Zip2"]);
        assert_eq!(parse("{{_}}").unwrap().fields[0].label, "_");
        // An empty label after the colon also falls back to the default.
        assert_eq!(
            parse("{{senator_name: }}").unwrap().fields[0].label,
            "Senator name"
        );
    }

    #[test]
    fn options_combine_and_tolerate_whitespace_and_case() {
        let t = parse("{{ note :  A note |multiline|  Optional  }} {{p | optional}} {{q: Q |}}")
            .unwrap();
        assert_eq!(t.fields[0].key, "note");
        assert_eq!(t.fields[0].label, "A note");
        assert!(t.fields[0].multiline && t.fields[0].optional);
        assert_eq!(t.fields[1].label, "P");
        assert!(t.fields[1].optional && !t.fields[1].multiline);
        assert!(!t.fields[2].optional && !t.fields[2].multiline);
    }

    #[test]
    fn repeated_key_is_one_field_in_order_of_first_use() {
        let t = parse("{{b}} {{a: The A}} {{b: The B}} {{a}} {{b | multiline}}").unwrap();
        assert_eq!(t.fields.len(), 2);
        assert_eq!(t.fields[0].key, "b");
        // A later use may supply the label; a later use without one inherits.
        assert_eq!(t.fields[0].label, "The B");
        assert_eq!(t.fields[1].label, "The A");
        assert!(t.fields[0].multiline);
        let refs: Vec<_> = t
            .segments
            .iter()
            .filter_map(|s| match s {
                Segment::Field(i) => Some(*i),
                Segment::Text(_) => None,
            })
            .collect();
        assert_eq!(refs, [0, 1, 0, 1, 0]);
        // The same label twice is not a conflict.
        assert!(parse("{{a: X}} {{a: X }}").is_ok());
    }

    #[test]
    fn conflicting_labels_point_at_the_second() {
        let e = err("Hi {{name: Your name}}\nand\n  {{name: Full name}}");
        assert_eq!((e.line, e.column), (3, 11));
        assert_eq!(
            e.kind,
            TemplateErrorKind::ConflictingLabels {
                key: "name".into(),
                first: "Your name".into(),
                second: "Full name".into(),
                first_line: 1,
            }
        );
        assert_eq!(
            e.to_string(),
            "line 3, column 11: field `name` is labelled \"Full name\" here but \"Your name\" on line 1; give it one label, or write just `{{name}}` here"
        );
    }

    #[test]
    fn unclosed_field() {
        let e = err("Dear {{senator,\nthanks }}");
        assert_eq!(
            (e.line, e.column, e.kind.clone()),
            (1, 6, TemplateErrorKind::Unclosed)
        );
        assert_eq!(
            e.to_string(),
            "line 1, column 6: `{{` is never closed; add `}}` on the same line, or write `\\{{` for literal braces"
        );
        let e = err("ok\nab {{x {{y}}");
        assert_eq!(
            (e.line, e.column, e.kind),
            (2, 4, TemplateErrorKind::Unclosed)
        );
        let e = err("end {{");
        assert_eq!((e.line, e.column), (1, 5));
    }

    #[test]
    fn empty_key() {
        for text in ["a {{}}", "a {{ : Label}}", "a {{ }}"] {
            let e = err(text);
            assert_eq!(
                (e.line, e.column, e.kind.clone()),
                (1, 3, TemplateErrorKind::EmptyKey),
                "{text}"
            );
            assert!(e
                .to_string()
                .starts_with("line 1, column 3: this field has no name"));
        }
    }

    #[test]
    fn uppercase_key_suggests_lowercase() {
        let e = err("Dear {{ Senator }}");
        assert_eq!((e.line, e.column), (1, 9));
        assert_eq!(
            e.kind,
            TemplateErrorKind::InvalidKey {
                key: "Senator".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "line 1, column 9: field names are lowercase: write `senator` instead of `Senator`"
        );
    }

    #[test]
    fn key_with_spaces_suggests_a_valid_key_and_a_label() {
        let e = err("{{senator name}}");
        assert_eq!(
            e.kind,
            TemplateErrorKind::InvalidKey {
                key: "senator name".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "line 1, column 3: `senator name` is not a valid field name; use lowercase letters, digits, `_` and `-`, e.g. `senator_name` (put a label after a colon: `{{senator_name: senator name}}`)"
        );
        let e = err("{{ü}}");
        assert!(e.to_string().contains("e.g. `senator_name`"), "{e}");
    }

    #[test]
    fn unknown_option_points_at_it_and_suggests() {
        let e = err("{{a: A | multi-line}}");
        assert_eq!((e.line, e.column), (1, 10));
        assert_eq!(
            e.kind,
            TemplateErrorKind::UnknownOption {
                option: "multi-line".into()
            }
        );
        assert_eq!(
            e.to_string(),
            "line 1, column 10: unknown option `multi-line`; the options are `multiline` and `optional` (did you mean `multiline`?)"
        );
        assert!(err("{{a | opt}}")
            .to_string()
            .ends_with("(did you mean `optional`?)"));
        assert!(err("{{a | big}}").to_string().ends_with("`optional`"));
    }

    #[test]
    fn a_template_past_the_size_cap_is_refused_where_it_passes_it() {
        let line = "x".repeat(1023) + "\n";
        let at_cap = line.repeat(MAX_TEMPLATE_BYTES / 1024);
        assert!(parse(&at_cap).is_ok());
        let e = err(&(at_cap.clone() + "é"));
        assert_eq!(
            (e.line, e.column, e.kind.clone()),
            (
                257,
                1,
                TemplateErrorKind::TooLong {
                    bytes: at_cap.len() + 2
                }
            )
        );
        assert!(e.to_string().contains("over the 256 KB limit"), "{e}");
        // A bomb of newlines is refused before any line is built.
        let e = err(&"\n".repeat(10_000_000));
        assert!(matches!(e.kind, TemplateErrorKind::TooLong { .. }));
    }

    #[test]
    fn a_template_past_the_field_cap_is_refused() {
        let fields = |n: usize| (0..n).map(|i| format!("{{{{f{i}}}}} ")).collect::<String>();
        assert_eq!(parse(&fields(MAX_FIELDS)).unwrap().fields.len(), MAX_FIELDS);
        // The same key again is the same field.
        assert!(parse(&(fields(MAX_FIELDS) + "{{f0}}")).is_ok());
        let e = err(&(fields(MAX_FIELDS) + "___"));
        assert_eq!(e.kind, TemplateErrorKind::TooManyFields { fields: 201 });
        assert!(e.to_string().contains("over the limit of 200"), "{e}");
    }

    #[test]
    fn empty_template() {
        for text in ["", "  \n\t \n"] {
            let e = err(text);
            assert_eq!(
                (e.line, e.column, e.kind.clone()),
                (1, 1, TemplateErrorKind::EmptyTemplate)
            );
            assert!(e.to_string().contains("the letter is empty"));
        }
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let e = err("한국어 👩‍👩‍👧 {{Bad}}");
        // "한국어 " is 4 chars, the family emoji 5 chars, then a space: `{{` at 11, key at 13.
        assert_eq!((e.line, e.column), (1, 13));
    }

    #[test]
    fn well_known_keys_set_kind_and_form_hints() {
        let t =
            parse("{{name}}{{email}}{{address}}{{city}}{{state}}{{zip}}{{phone}}{{date}}{{other}}")
                .unwrap();
        let kinds: Vec<_> = t.fields.iter().map(|f| f.kind).collect();
        use FieldKind::*;
        assert_eq!(
            kinds,
            [Name, Email, Address, City, State, Zip, Phone, Date, Text]
        );
        assert!(t.fields[2].multiline, "address is multi-line by default");
        assert!(!t.fields[0].multiline);
        let types: Vec<_> = kinds.iter().map(|k| k.input_type()).collect();
        assert_eq!(
            types,
            ["text", "email", "text", "text", "text", "text", "tel", "text", "text"]
        );
        let auto: Vec<_> = kinds.iter().map(|k| k.autocomplete()).collect();
        assert_eq!(
            auto,
            [
                Some("name"),
                Some("email"),
                Some("street-address"),
                Some("address-level2"),
                Some("address-level1"),
                Some("postal-code"),
                Some("tel"),
                None,
                None
            ]
        );
        assert_eq!(Zip.input_mode(), None, "postcodes may contain letters");
        assert_eq!(Phone.input_mode(), Some("tel"));
        assert_eq!(Email.input_mode(), Some("email"));
        assert_eq!(Name.input_mode(), None);
    }

    #[test]
    fn pasted_old_letter_with_underscore_blanks() {
        let t = parse(
            "Dear Senator _______,\n\nI am writing to you today to express my concern about ___ .\n\nSincerely,\n_____________\nName: ______ Email: ____\n______ (your phone)",
        )
        .unwrap();
        let f: Vec<_> = t
            .fields
            .iter()
            .map(|f| (f.key.as_str(), f.label.as_str(), f.kind))
            .collect();
        assert_eq!(
            f,
            [
                ("recipient", "Senator", FieldKind::Text),
                ("blank-1", "Concern", FieldKind::Text),
                ("blank-2", "Blank 2", FieldKind::Text),
                ("name", "Name", FieldKind::Name),
                ("email", "Email", FieldKind::Email),
                ("phone", "Phone", FieldKind::Phone),
            ]
        );
        assert!(text_of(&t).starts_with("Dear Senator <recipient>,\n\nI am writing"));
        // The words after a blank that say what it is are not left behind.
        assert!(
            text_of(&t).ends_with("Email: <email>\n<phone>"),
            "{}",
            text_of(&t)
        );
    }

    #[test]
    fn each_underscore_run_is_its_own_field_and_short_runs_are_text() {
        let t = parse("To the Honourable ___ ___ snake_case a__b").unwrap();
        assert_eq!(t.fields.len(), 2);
        assert_eq!(t.fields[0].label, "Honourable");
        assert_eq!(
            text_of(&t),
            "To the Honourable <recipient> <blank-1> snake_case a__b"
        );
    }

    #[test]
    fn anonymous_blanks_avoid_explicit_keys() {
        let t = parse("___ {{blank-1: Blank 1}}").unwrap();
        assert_eq!(t.fields[0].key, "blank-2");
        assert_eq!(t.fields[1].key, "blank-1");
        assert_eq!(t.fields[0].label, "Blank 2", "not the explicit field's");
    }

    #[test]
    fn escaped_and_lone_braces_are_text() {
        let t = parse("Use \\{{name}} for fields; }} alone; a \\ b; {x}").unwrap();
        assert!(t.fields.is_empty());
        assert_eq!(
            text_of(&t),
            "Use {{name}} for fields; }} alone; a \\ b; {x}"
        );
    }

    #[test]
    fn wordpress_typography_parses() {
        let t = parse("It’s “urgent” – really…\n{{senator: Senator’s name}} — thanks").unwrap();
        assert_eq!(t.fields[0].label, "Senator’s name");
        assert_eq!(text_of(&t), "It’s “urgent” – really…\n<senator> — thanks");
    }

    #[test]
    fn crlf_is_normalised_but_source_kept() {
        let t = parse("a\r\n{{b}}\r\n").unwrap();
        assert_eq!(text_of(&t), "a\n<b>\n");
        assert_eq!(t.source, "a\r\n{{b}}\r\n");
    }

    #[test]
    fn fingerprint_is_fnv1a_64() {
        assert_eq!(fingerprint(""), "cbf29ce484222325");
        assert_eq!(fingerprint("a"), "af63dc4c8601ec8c");
        let t = parse("Dear {{x}}").unwrap();
        assert_eq!(t.fingerprint(), fingerprint("Dear {{x}}"));
        assert_ne!(t.fingerprint(), parse("Dear {{y}}").unwrap().fingerprint());
        assert_eq!(t.fingerprint().len(), 16);
    }

    #[test]
    fn the_description_lists_each_spelling_once_and_merged_ones_together() {
        let t = parse(
            "I am [NAME] of [Neighborhood/City].\r\n[Don't forget [x]]\r\n{{story: Why | optional}}\r\n[YOUR NAME]\r\n[NAME]\r\n[YOUR EMAIL]",
        )
        .unwrap();
        let d = t.describe();
        let row = |key: &str| d.fields.iter().find(|f| f.key == key).unwrap();
        assert_eq!(row("name").written, ["[NAME]", "[YOUR NAME]"]);
        assert_eq!(row("name").kind, FieldKind::Name);
        assert_eq!(row("email").written, ["[YOUR EMAIL]"]);
        assert!(row("story").written.is_empty() && row("story").optional);
        assert_eq!(d.fields.len(), t.fields.len());
        assert_eq!(d.notes, ["Don't forget [x]"]);
        assert_eq!(d.braces, t.in_braces());
        let json = serde_json::to_string(&d).unwrap();
        assert!(json.contains(r#""kind":"name""#), "{json}");
    }
}
