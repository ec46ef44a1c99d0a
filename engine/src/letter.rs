//! The reader's letter: one freely editable text plus *marks*, the byte ranges
//! that show a field's value. Filling a field rewrites its marks; a free edit
//! of the text maps the marks through the change, the way editors such as
//! CodeMirror map ranges, so the blanks follow their fields wherever the reader
//! moves the words around them.
//!
//! Invariants (property-tested in `tests/engine_props.rs`): marks are sorted,
//! disjoint, non-empty, in bounds, on char boundaries, name a valid field, and
//! each shows exactly its field's [`Letter::display_value`].

use std::borrow::Cow;

use crate::template::{FieldSpec, Segment, Template};

/// The key of the field a recipients list fills, once for each recipient:
/// `Dear {{recipient}},`.
pub const RECIPIENT_KEY: &str = "recipient";

/// A range of the letter's text that shows a field's value (or its placeholder).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset where the field's text starts.
    pub start: usize,
    /// Byte offset just past the field's text (`start < end`).
    pub end: usize,
    /// Index into [`Letter::fields`].
    pub field: usize,
}

/// The reader's letter: field values, the text and the marks tying them together.
#[derive(Clone, Debug)]
pub struct Letter {
    fields: Vec<FieldSpec>,
    values: Vec<String>,
    text: String,
    marks: Vec<Mark>,
    /// The caret left by the last edit made inside a field, and that field:
    /// typing on at that caret stays in the field even at the mark's edge, so
    /// typing "Smith" over a placeholder fills the field with "Smith", not "S".
    typing: Option<(usize, usize)>,
}

/// How many bytes `old` and `new` share at the start, at the end, and at
/// the end without overlapping the start, each cut at a char boundary.
fn common_ends(old_text: &str, new_text: &str) -> (usize, usize, usize) {
    let (old, new) = (old_text.as_bytes(), new_text.as_bytes());
    let shorter = old.len().min(new.len());
    let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    prefix = floor_char_boundary(old_text, prefix.min(shorter));
    let full_suffix = old
        .iter()
        .rev()
        .zip(new.iter().rev())
        .take(shorter)
        .take_while(|(a, b)| a == b)
        .count();
    let mut suffix = full_suffix.min(shorter - prefix);
    while !old_text.is_char_boundary(old.len() - suffix) {
        suffix -= 1;
    }
    (prefix, full_suffix, suffix)
}

impl Letter {
    /// A fresh letter from the template; every field is empty and shows its
    /// placeholder `[Label]`.
    pub fn new(template: &Template) -> Letter {
        Letter::render(template, vec![String::new(); template.fields.len()])
    }

    /// A fresh letter from the template with the given values by field key
    /// (unknown keys are ignored): for "use the updated letter" and personalisation.
    pub fn with_values(template: &Template, values: &[(String, String)]) -> Letter {
        let mut by_index = vec![String::new(); template.fields.len()];
        for (key, value) in values {
            if let Some(i) = template.field_index(key) {
                by_index[i].clone_from(value);
            }
        }
        Letter::render(template, by_index)
    }

    /// Restores a saved letter. Marks that do not fit the text (out of order,
    /// overlapping, out of bounds, off char boundaries, unknown field, or not
    /// showing their field's value) are dropped, never an error: the reader's
    /// text always survives, at worst as plain text.
    pub fn from_parts(
        template: &Template,
        mut values: Vec<String>,
        text: String,
        marks: Vec<Mark>,
    ) -> Letter {
        values.resize(template.fields.len(), String::new());
        let mut letter = Letter {
            fields: template.fields.clone(),
            values,
            text,
            marks: Vec::new(),
            typing: None,
        };
        // Saved in order; one out of order is dropped rather than sorted
        // back in (a sort routine would cost the widget 1 KB).
        let candidates = marks.into_iter().filter(|m| {
            m.field < letter.fields.len()
                && m.start < m.end
                && m.end <= letter.text.len()
                && letter.text.is_char_boundary(m.start)
                && letter.text.is_char_boundary(m.end)
                && letter.text[m.start..m.end] == *letter.display_value(m.field)
        });
        let mut kept: Vec<Mark> = Vec::new();
        for m in candidates {
            if kept.last().is_none_or(|last| last.end <= m.start) {
                kept.push(m);
            }
        }
        letter.marks = kept;
        letter
    }

    fn render(template: &Template, values: Vec<String>) -> Letter {
        let mut letter = Letter {
            fields: template.fields.clone(),
            values,
            text: String::new(),
            marks: Vec::new(),
            typing: None,
        };
        for segment in &template.segments {
            match *segment {
                Segment::Text(ref t) => letter.text.push_str(t),
                Segment::Field(field) if field < letter.fields.len() => {
                    let start = letter.text.len();
                    let shown = letter.display_value(field).into_owned();
                    letter.text.push_str(&shown);
                    letter.marks.push(Mark {
                        start,
                        end: letter.text.len(),
                        field,
                    });
                }
                Segment::Field(_) => {}
            }
        }
        letter
    }

    /// The fields, in template order.
    pub fn fields(&self) -> &[FieldSpec] {
        &self.fields
    }

    /// The whole letter as the reader sees and edits it.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The marks, sorted by position.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// The field's value (empty when not filled in, or when `field` is out of range).
    pub fn value(&self, field: usize) -> &str {
        self.values.get(field).map_or("", String::as_str)
    }

    /// What the field's marks show: its value, or `[Label]` while it is empty.
    pub fn display_value(&self, field: usize) -> Cow<'_, str> {
        match (self.values.get(field), self.fields.get(field)) {
            (Some(v), _) if !v.is_empty() => Cow::Borrowed(v.as_str()),
            (Some(_), Some(spec)) => Cow::Owned(placeholder(spec)),
            _ => Cow::Borrowed(""),
        }
    }

    /// Whether the reader has given the field a value.
    pub fn is_filled(&self, field: usize) -> bool {
        !self.value(field).is_empty()
    }

    /// Sets a field's value and rewrites every mark of that field to show it.
    /// An out-of-range `field` is ignored.
    pub fn set_field(&mut self, field: usize, value: &str) {
        self.typing = None;
        if field >= self.values.len() || self.values[field] == value {
            return;
        }
        self.values[field] = value.to_string();
        self.rewrite(field);
    }

    /// Rewrites every mark of `field` to its display value in one pass over the text.
    fn rewrite(&mut self, field: usize) {
        if !self.marks.iter().any(|m| m.field == field) {
            return;
        }
        let shown = self.display_value(field).into_owned();
        let old = std::mem::take(&mut self.text);
        let mut text = String::with_capacity(old.len() + shown.len());
        let mut copied = 0;
        for m in &mut self.marks {
            text.push_str(&old[copied..m.start]);
            let start = text.len();
            if m.field == field {
                text.push_str(&shown);
            } else {
                text.push_str(&old[m.start..m.end]);
            }
            copied = m.end;
            m.start = start;
            m.end = text.len();
        }
        text.push_str(&old[copied..]);
        self.text = text;
    }

    /// A free edit: replaces the bytes `start..end` of the text with `insert`
    /// and maps the marks through the change. Returns the caret (byte offset)
    /// to show after the edit.
    ///
    /// - Marks before or after the edit move with the text; an insertion exactly
    ///   at a mark's edge goes outside the mark (except when it continues typing
    ///   at the caret the previous edit left inside that mark).
    /// - An edit inside a mark changes the field's value, and so every mark of
    ///   the field. Inside a placeholder, the inserted text becomes the whole
    ///   value (deleting there changes nothing); deleting all of a value empties
    ///   the field and brings the placeholders back.
    /// - An edit across a mark's edge, or around a whole mark, detaches it: the
    ///   text stays, as plain text.
    ///
    /// Offsets past the end are clamped and offsets inside a character are
    /// moved to its start; this never panics.
    pub fn replace(&mut self, start: usize, end: usize, insert: &str) -> usize {
        let typing = self.typing.take();
        let len = self.text.len();
        let (start, end) = (start.min(len), end.min(len));
        let (start, end) = (start.min(end), start.max(end));
        let start = floor_char_boundary(&self.text, start);
        let end = floor_char_boundary(&self.text, end);
        if start == end && insert.is_empty() {
            return start;
        }
        // Marks are sorted and disjoint: only the ones from here on can touch the edit.
        let first = self.marks.partition_point(|m| m.end < start);
        let inside = self.marks[first..]
            .iter()
            .take_while(|m| m.start <= end)
            .position(|m| {
                let contains = m.start <= start && end <= m.end;
                let at_edge = start == end && (start == m.start || start == m.end);
                let continues = typing == Some((start, m.field))
                    && (self.fields[m.field].multiline || !insert.contains('\n'));
                // A combining accent or joiner typed right after the value
                // belongs to the value's last character.
                let joins = start == m.end && joins_previous(&self.text[m.start..m.end], insert);
                contains && (!at_edge || continues || joins)
            })
            .map(|i| i + first);
        match inside {
            Some(i) => self.edit_inside(i, start, end, insert),
            None => self.edit_outside(first, start, end, insert),
        }
    }

    fn edit_inside(&mut self, i: usize, start: usize, end: usize, insert: &str) -> usize {
        let m = self.marks[i];
        let caret_in_mark = if self.values[m.field].is_empty() {
            if insert.is_empty() {
                // Deleting inside "[Label]" leaves the placeholder as it was.
                self.typing = Some((start, m.field));
                return start;
            }
            self.values[m.field] = insert.to_string();
            insert.len()
        } else {
            let shown = &self.text[m.start..m.end];
            let mut value = String::with_capacity(shown.len() + insert.len());
            value.push_str(&shown[..start - m.start]);
            value.push_str(insert);
            value.push_str(&shown[end - m.start..]);
            self.values[m.field] = value;
            start - m.start + insert.len()
        };
        self.rewrite(m.field);
        let m = self.marks[i];
        // When the value was emptied the placeholder is back; put the caret at
        // its start so typing there fills the field again.
        let caret = if self.values[m.field].is_empty() {
            m.start
        } else {
            m.start + caret_in_mark
        };
        self.typing = Some((caret, m.field));
        caret
    }

    fn edit_outside(&mut self, first: usize, start: usize, end: usize, insert: &str) -> usize {
        self.text.replace_range(start..end, insert);
        let (removed, added) = (end - start, insert.len());
        // Marks before `first` end before the edit and stay put; of the rest,
        // those after the edit move and those it overlaps are detached.
        let mut kept = first;
        for i in first..self.marks.len() {
            let mut m = self.marks[i];
            if m.end <= start {
                // Ends exactly where an insertion starts: stays outside, unmoved.
            } else if m.start >= end {
                m.start = m.start - removed + added;
                m.end = m.end - removed + added;
            } else {
                continue;
            }
            self.marks[kept] = m;
            kept += 1;
        }
        self.marks.truncate(kept);
        start + added
    }

    /// Takes the textarea's whole new value, finds what changed (common prefix
    /// and suffix, on char boundaries) and applies it with [`Letter::replace`].
    /// Returns the caret.
    pub fn apply_text(&mut self, new_text: &str) -> usize {
        self.apply_text_at(new_text, None)
    }

    /// Like [`Letter::apply_text`], with the caret (byte offset into `new_text`,
    /// e.g. the textarea's `selectionEnd` mapped by [`utf16_to_byte`]) after the
    /// change. Where the change is ambiguous (typing "h" in "Smit|h" makes the
    /// same text as typing it after "Smith"), the caret says where it happened,
    /// so the letter knows whether it went inside the field.
    pub fn apply_text_at(&mut self, new_text: &str, caret: Option<usize>) -> usize {
        let old = self.text.as_bytes();
        let new = new_text.as_bytes();
        if old == new {
            let at = caret.map_or(old.len(), |c| {
                floor_char_boundary(new_text, c.min(new.len()))
            });
            // Nothing typed: typing goes on only if the caret is still where
            // the last in-field edit left it.
            if self.typing.map(|(t, _)| t) != Some(at) {
                self.typing = None;
            }
            return at;
        }
        let (prefix, full_suffix, suffix) = common_ends(&self.text, new_text);
        let (mut from, mut to, mut new_to) = (prefix, old.len() - suffix, new.len() - suffix);

        // Slides the minimal change (same lengths inserted and deleted) so it
        // ends at `caret`, where the texts allow it: typing "h" in "Smit|h"
        // and after "Smith" give the same text, and only the caret tells them
        // apart. A caret outside that window (a paste, a whole-text fill)
        // leaves the minimal change as it is.
        let (inserted, deleted) = (new_to - from, to - from);
        let aligned = |caret: usize| -> Option<(usize, usize, usize)> {
            let c = floor_char_boundary(new_text, caret.min(new.len()));
            let start = c.checked_sub(inserted)?;
            let tail = new.len() - c;
            (start <= prefix
                && tail <= full_suffix
                && new_text.is_char_boundary(start)
                && self.text.is_char_boundary(start + deleted))
            .then_some((start, start + deleted, c))
        };
        if let Some(hint) = caret.and_then(aligned) {
            (from, to, new_to) = hint;
        } else if let Some((at, _)) = self.typing {
            // Without a caret, typing on where the last in-field edit left off
            // is the likely reading of an ambiguous insertion.
            let grown = new.len().saturating_sub(old.len());
            if let Some((a, b, c)) = aligned(at + grown) {
                if grown > 0 && a == at && b == at {
                    (from, to, new_to) = (a, b, c);
                }
            }
        }
        let insert = &new_text[from..new_to];
        self.replace(from, to, insert)
    }

    /// Required (not optional) fields still empty, in field order.
    pub fn unfilled_required(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|&i| !self.fields[i].optional && !self.is_filled(i))
            .collect()
    }

    /// How many fields have a value.
    pub fn filled_count(&self) -> usize {
        (0..self.fields.len())
            .filter(|&i| self.is_filled(i))
            .count()
    }

    /// The `{{recipient}}` field, if the letter has one.
    pub fn recipient_field(&self) -> Option<usize> {
        self.fields.iter().position(|f| f.key == RECIPIENT_KEY)
    }

    /// The letter as it goes to one recipient: every `{{recipient}}` mark
    /// shows their greeting ("Senator Alvarez"), and everything else stays
    /// as the reader wrote it. A letter without the field is unchanged.
    pub fn addressed_to(&self, greeting: &str) -> Letter {
        let mut letter = self.clone();
        letter.address_to(greeting);
        letter
    }

    /// Addresses this letter to one recipient, in place (see
    /// [`Letter::addressed_to`]). Returns whether the text changed.
    pub fn address_to(&mut self, greeting: &str) -> bool {
        let Some(field) = self.recipient_field() else {
            return false;
        };
        let before = self
            .marks
            .iter()
            .find(|m| m.field == field)
            .map_or("", |m| &self.text[..m.start]);
        let value = after_title(before, greeting);
        if self.value(field) == value {
            return false;
        }
        let value = value.to_owned();
        self.set_field(field, &value);
        true
    }

    /// The letter to send: the text as it stands. Blanks still empty keep their
    /// `[Label]`, so the reader notices them.
    pub fn final_text(&self) -> String {
        self.text.clone()
    }
}

/// The greeting as it reads after the letter's own words before the
/// recipient's blank: `Dear Senator ___,` and "Senator Able" make
/// "Dear Senator Able,", not "Dear Senator Senator Able,". Up to three words
/// ("Council Member") are matched, in any case; a greeting that is only
/// those words stays whole.
fn after_title<'a>(before: &str, greeting: &'a str) -> &'a str {
    let line = before.rsplit('\n').next().unwrap_or_default().as_bytes();
    let mut shown = greeting;
    // Each longer run of the greeting's leading words that the line ends
    // with replaces a shorter one; no bytes are allocated or tabled.
    for (at, _) in greeting.match_indices(' ').take(3) {
        if at == 0 {
            // A greeting typed with a leading space has no title there.
            continue;
        }
        let said = &greeting.as_bytes()[..=at];
        let Some(start) = line.len().checked_sub(said.len()) else {
            break;
        };
        let whole_word = start == 0 || line[start - 1].is_ascii_whitespace();
        let rest = greeting[at..].trim_start();
        if whole_word && !rest.is_empty() && line[start..].eq_ignore_ascii_case(said) {
            shown = rest;
        }
    }
    shown
}

/// The placeholder an empty field shows in the letter.
pub fn placeholder(spec: &FieldSpec) -> String {
    format!("[{}]", spec.label)
}

/// Whether `insert`, typed right after `before`, merges into its last
/// grapheme (a combining mark, a zero-width joiner, the second half of a flag).
///
/// A small table of the characters that extend a grapheme, rather than the
/// full Unicode segmentation tables, which would triple what this costs in
/// the widget; a native test checks it against unicode-segmentation.
pub fn joins_previous(before: &str, insert: &str) -> bool {
    let (Some(last), Some(next)) = (before.chars().next_back(), insert.chars().next()) else {
        return false;
    };
    if is_indic_consonant(next) {
        // Conjuncts: consonant + virama (+ marks, zero-width joiners) +
        // consonant is one character (क्क), as Unicode 15.1's rule GB9c has it.
        let mut linked = false;
        for c in before.chars().rev() {
            if is_virama(c) {
                linked = true;
            } else if !extends_grapheme(c) {
                return linked && is_indic_consonant(c);
            }
        }
        return false;
    }
    if last == '\u{200D}' {
        // An emoji after emoji + zero-width joiner makes one emoji (👩‍👧).
        let base = before.chars().rev().skip(1).find(|&c| !extends_grapheme(c));
        return extends_grapheme(next)
            || (is_pictographic(next) && base.is_some_and(is_pictographic));
    }
    if is_regional_indicator(next) && is_regional_indicator(last) {
        // Flags are pairs: the second letter joins an unpaired first one.
        let run = before
            .chars()
            .rev()
            .take_while(|&c| is_regional_indicator(c))
            .count();
        return !run.is_multiple_of(2);
    }
    if let (Some(a), Some(b)) = (hangul(last), hangul(next)) {
        // Jamo build syllables: L + (L|V|LV|LVT), (LV|V) + (V|T), (LVT|T) + T.
        use Hangul::*;
        return matches!(
            (a, b),
            (L, L | V | Lv | Lvt) | (Lv | V, V | T) | (Lvt | T, T)
        );
    }
    extends_grapheme(next)
}

/// Extended_Pictographic, roughly: the emoji blocks and the older symbols
/// that render as emoji.
fn is_pictographic(c: char) -> bool {
    matches!(c,
        '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{25AA}'..='\u{27BF}'
        | '\u{2934}'..='\u{2935}'
        | '\u{2B05}'..='\u{2B55}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1F1E5}'
        | '\u{1F200}'..='\u{1F3FA}'
        | '\u{1F400}'..='\u{1FAFF}'
        | '\u{1FC00}'..='\u{1FFFD}'
    )
}

/// The viramas that link consonants into conjuncts (InCB=Linker).
fn is_virama(c: char) -> bool {
    matches!(
        c,
        '\u{094D}' | '\u{09CD}' | '\u{0ACD}' | '\u{0B4D}' | '\u{0C4D}' | '\u{0D4D}'
    )
}

/// Consonants of the scripts whose viramas link (InCB=Consonant), roughly.
fn is_indic_consonant(c: char) -> bool {
    matches!(c,
        '\u{0915}'..='\u{0939}'
        | '\u{0958}'..='\u{095F}'
        | '\u{0978}'..='\u{097F}'
        | '\u{0995}'..='\u{09B9}'
        | '\u{0A95}'..='\u{0AB9}'
        | '\u{0B15}'..='\u{0B39}'
        | '\u{0C15}'..='\u{0C39}'
        | '\u{0D15}'..='\u{0D3A}'
    )
}

fn is_regional_indicator(c: char) -> bool {
    matches!(c, '\u{1F1E6}'..='\u{1F1FF}')
}

#[derive(Clone, Copy)]
enum Hangul {
    L,
    V,
    T,
    Lv,
    Lvt,
}

fn hangul(c: char) -> Option<Hangul> {
    Some(match c {
        '\u{1100}'..='\u{115F}' | '\u{A960}'..='\u{A97C}' => Hangul::L,
        '\u{1160}'..='\u{11A7}' | '\u{D7B0}'..='\u{D7C6}' => Hangul::V,
        '\u{11A8}'..='\u{11FF}' | '\u{D7CB}'..='\u{D7FB}' => Hangul::T,
        '\u{AC00}'..='\u{D7A3}' if (c as u32 - 0xAC00).is_multiple_of(28) => Hangul::Lv,
        '\u{AC00}'..='\u{D7A3}' => Hangul::Lvt,
        _ => return None,
    })
}

/// Grapheme_Extend, ZWJ, variation selectors and emoji modifiers (the
/// characters that attach to the one before them), for the scripts and
/// emoji readers type.
fn extends_grapheme(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0483}'..='\u{0489}'
        | '\u{0591}'..='\u{05BD}'
        | '\u{05BF}'
        | '\u{05C1}'..='\u{05C2}'
        | '\u{05C4}'..='\u{05C5}'
        | '\u{05C7}'
        | '\u{0610}'..='\u{061A}'
        | '\u{064B}'..='\u{065F}'
        | '\u{0670}'
        | '\u{06D6}'..='\u{06DC}'
        | '\u{06DF}'..='\u{06E4}'
        | '\u{06E7}'..='\u{06E8}'
        | '\u{06EA}'..='\u{06ED}'
        | '\u{0900}'..='\u{0903}'
        | '\u{093A}'..='\u{094F}'
        | '\u{0951}'..='\u{0957}'
        | '\u{0962}'..='\u{0963}'
        | '\u{09CD}'
        | '\u{0ACD}'
        | '\u{0B4D}'
        | '\u{0C4D}'
        | '\u{0D4D}'
        | '\u{0E31}'
        | '\u{0E34}'..='\u{0E3A}'
        | '\u{0E47}'..='\u{0E4E}'
        | '\u{1AB0}'..='\u{1AFF}'
        | '\u{1DC0}'..='\u{1DFF}'
        | '\u{200C}'..='\u{200D}'
        | '\u{20D0}'..='\u{20FF}'
        | '\u{302A}'..='\u{302F}'
        | '\u{3099}'..='\u{309A}'
        | '\u{FE00}'..='\u{FE0F}'
        | '\u{FE20}'..='\u{FE2F}'
        | '\u{1F3FB}'..='\u{1F3FF}'
        | '\u{E0020}'..='\u{E007F}'
        | '\u{E0100}'..='\u{E01EF}'
    )
}

/// The largest char boundary at or before `i` (clamped to the text).
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Characters as people count them (extended grapheme clusters: 👩‍👩‍👧 is
/// one). Native only: the page counts with the browser's `Intl.Segmenter`.
#[cfg(not(target_arch = "wasm32"))]
pub fn count_graphemes(s: &str) -> usize {
    use unicode_segmentation::UnicodeSegmentation;
    s.graphemes(true).count()
}

/// Length as HTML `maxlength` and web forms count it: UTF-16 code units, with
/// each line break counted as two because a textarea submits CRLF.
pub fn count_form_units(s: &str) -> usize {
    let mut units = 0;
    let mut after_cr = false;
    for c in s.chars() {
        units += match c {
            // "\r\n" already counted two at the "\r".
            '\n' if after_cr => 0,
            '\n' | '\r' => 2,
            c => c.len_utf16(),
        };
        after_cr = c == '\r';
    }
    units
}

/// Maps a UTF-16 offset (what a textarea's `selectionStart` gives) to a byte
/// offset. Clamped to the text; an offset inside a surrogate pair maps to the
/// start of that character.
pub fn utf16_to_byte(s: &str, utf16: usize) -> usize {
    let mut units = 0;
    for (byte, c) in s.char_indices() {
        if units + c.len_utf16() > utf16 {
            return byte;
        }
        units += c.len_utf16();
    }
    s.len()
}

/// Maps a byte offset to a UTF-16 offset (for setting a textarea's selection).
/// Clamped, and moved to the start of the character it falls in.
pub fn byte_to_utf16(s: &str, byte: usize) -> usize {
    s[..floor_char_boundary(s, byte)]
        .chars()
        .map(char::len_utf16)
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;

    #[test]
    fn a_joiner_after_the_virama_keeps_the_conjunct() {
        assert!(joins_previous("\u{915}\u{94d}\u{200d}", "\u{c15}"));
        assert!(!joins_previous("\u{915}\u{200d}", "\u{c15}"));
    }

    #[test]
    fn a_title_before_the_blank_is_not_repeated() {
        assert_eq!(after_title("Dear Senator ", "Senator Able"), "Able");
        assert_eq!(after_title("Dear senator ", "Senator Able"), "Able");
        assert_eq!(
            after_title("Hi\nDear Council Member ", "Council Member Diaz"),
            "Diaz"
        );
        assert_eq!(after_title("Dear ", "Senator Able"), "Senator Able");
        assert_eq!(after_title("Dear Senator", "Senator Able"), "Senator Able");
        assert_eq!(after_title("Dear Senator ", "Senator"), "Senator");
        assert_eq!(after_title("Dear Senator ", "Senator  "), "Senator  ");
        assert_eq!(after_title("Dear Mayor ", "Senator Able"), "Senator Able");
        // What the reader typed, leading space and all, is not a title.
        assert_eq!(after_title("Dear  ", " 한"), " 한");
        assert_eq!(after_title("", "Senator Able"), "Senator Able");
        assert_eq!(after_title("Senator\n", "Senator Able"), "Senator Able");
    }

    #[test]
    fn a_bracket_greeting_after_a_title_reads_once() {
        let t = parse("Dear Senator ___,\nPlease act.").unwrap();
        let mut letter = Letter::new(&t);
        assert!(letter.address_to("Senator Able"));
        assert!(
            letter.text().starts_with("Dear Senator Able,"),
            "{}",
            letter.text()
        );
        assert!(!letter.address_to("Senator Able"));
        letter.address_to("Representative Baker");
        assert!(letter
            .text()
            .starts_with("Dear Senator Representative Baker,"));
    }

    fn letter(text: &str) -> Letter {
        Letter::new(&parse(text).unwrap())
    }

    /// The letter with each mark shown as `<field:text>`.
    fn show(l: &Letter) -> String {
        let mut out = String::new();
        let mut at = 0;
        for m in l.marks() {
            out.push_str(&l.text()[at..m.start]);
            out.push_str(&format!("<{}:{}>", m.field, &l.text()[m.start..m.end]));
            at = m.end;
        }
        out.push_str(&l.text()[at..]);
        out
    }

    #[test]
    fn new_letter_shows_placeholders() {
        let l = letter("Dear {{senator: Senator}},\nFrom {{name}} ({{senator}})");
        assert_eq!(l.text(), "Dear [Senator],\nFrom [Name] ([Senator])");
        assert_eq!(
            show(&l),
            "Dear <0:[Senator]>,\nFrom <1:[Name]> (<0:[Senator]>)"
        );
        assert_eq!(l.display_value(1), "[Name]");
        assert!(!l.is_filled(0));
        assert_eq!(l.unfilled_required(), [0, 1]);
        assert_eq!(l.final_text(), l.text());
    }

    #[test]
    fn set_field_rewrites_every_mark_and_shifts_the_rest() {
        let mut l = letter("Dear {{s: Senator}},\nFrom {{name}} ({{s}})");
        l.set_field(0, "Smith");
        assert_eq!(show(&l), "Dear <0:Smith>,\nFrom <1:[Name]> (<0:Smith>)");
        l.set_field(1, "Ana\nLee");
        assert_eq!(show(&l), "Dear <0:Smith>,\nFrom <1:Ana\nLee> (<0:Smith>)");
        assert_eq!(l.filled_count(), 2);
        assert!(l.unfilled_required().is_empty());
        l.set_field(0, "");
        assert_eq!(
            show(&l),
            "Dear <0:[Senator]>,\nFrom <1:Ana\nLee> (<0:[Senator]>)"
        );
        // Out of range: ignored, no panic.
        l.set_field(9, "x");
        assert_eq!(l.value(9), "");
        assert_eq!(l.display_value(9), "");
    }

    #[test]
    fn optional_fields_are_not_required() {
        let l = letter("{{a}} {{b | optional}} {{c}}");
        assert_eq!(l.unfilled_required(), [0, 2]);
        assert_eq!(l.filled_count(), 0);
    }

    #[test]
    fn edits_before_and_after_marks_shift_them() {
        let mut l = letter("Dear {{s: S}}, bye {{s}}.");
        l.set_field(0, "Smith");
        assert_eq!(l.replace(0, 4, "Hello"), 5);
        assert_eq!(show(&l), "Hello <0:Smith>, bye <0:Smith>.");
        let end = l.text().len();
        assert_eq!(l.replace(end - 1, end, "!"), end);
        assert_eq!(show(&l), "Hello <0:Smith>, bye <0:Smith>!");
        let comma = l.text().find(',').unwrap();
        l.replace(comma, comma + 5, " and");
        assert_eq!(show(&l), "Hello <0:Smith> and <0:Smith>!");
    }

    #[test]
    fn edit_inside_a_mark_sets_the_value_everywhere() {
        let mut l = letter("Dear {{s: S}}, yes {{s}}.");
        l.set_field(0, "Smith");
        // "Smith" -> "Smyth" in the second mark.
        let second = l.marks()[1];
        let caret = l.replace(second.start + 2, second.start + 3, "y");
        assert_eq!(show(&l), "Dear <0:Smyth>, yes <0:Smyth>.");
        assert_eq!(l.value(0), "Smyth");
        assert_eq!(caret, l.marks()[1].start + 3);
        // Growing the first mark moves the caret in the second by the difference.
        let first = l.marks()[0];
        let caret = l.replace(first.start + 1, first.start + 1, "XX");
        assert_eq!(show(&l), "Dear <0:SXXmyth>, yes <0:SXXmyth>.");
        assert_eq!(caret, first.start + 3);
    }

    #[test]
    fn insertion_at_a_mark_edge_goes_outside() {
        let mut l = letter("Dear {{s: S}},");
        l.set_field(0, "Smith");
        let m = l.marks()[0];
        assert_eq!(l.replace(m.end, m.end, " Jr"), m.end + 3);
        assert_eq!(show(&l), "Dear <0:Smith> Jr,");
        assert_eq!(l.replace(m.start, m.start, "Mr "), m.start + 3);
        assert_eq!(show(&l), "Dear Mr <0:Smith> Jr,");
        assert_eq!(l.value(0), "Smith");
    }

    #[test]
    fn edits_across_an_edge_or_around_a_mark_detach_it() {
        let mut l = letter("Dear {{s: S}}, and {{s}}, ok");
        l.set_field(0, "Smith");
        let m = l.marks()[0];
        // Straddles the start: "ar Sm" -> "ar_Sm" style change.
        l.replace(m.start - 1, m.start + 2, "-Sm");
        assert_eq!(show(&l), "Dear-Smith, and <0:Smith>, ok");
        assert_eq!(
            l.value(0),
            "Smith",
            "the value stays; that spot is now plain text"
        );
        let m = l.marks()[0];
        // Deleting a range larger than the mark removes it.
        l.replace(m.start - 1, m.end + 1, "");
        assert_eq!(show(&l), "Dear-Smith, and ok");
        assert!(l.marks().is_empty());
        l.set_field(0, "Jones");
        assert_eq!(l.text(), "Dear-Smith, and ok");
    }

    #[test]
    fn typing_into_a_placeholder_fills_the_field() {
        let mut l = letter("Dear {{s: Senator}}, yes {{s}}.");
        // Type "S" in the middle of "[Senator]", as the textarea would.
        let mut view = l.text().to_string();
        view.insert(9, 'S');
        let caret = l.apply_text(&view);
        assert_eq!(show(&l), "Dear <0:S>, yes <0:S>.");
        assert_eq!(caret, 6);
        // Typing on at the caret stays in the field, although it is the mark's edge.
        for c in "mith".chars() {
            let mut view = l.text().to_string();
            let at = l.marks()[0].end;
            view.insert(at, c);
            l.apply_text(&view);
        }
        assert_eq!(show(&l), "Dear <0:Smith>, yes <0:Smith>.");
        // Clicking elsewhere (a free edit) ends that: text typed at the edge later stays outside.
        l.replace(0, 0, ">");
        let at = l.marks()[0].end;
        l.replace(at, at, "!");
        assert_eq!(show(&l), ">Dear <0:Smith>!, yes <0:Smith>.");
    }

    #[test]
    fn selecting_a_placeholder_and_typing_fills_the_field() {
        let mut l = letter("Dear {{s: Senator}}.");
        let m = l.marks()[0];
        let caret = l.replace(m.start, m.end, "Lee");
        assert_eq!(show(&l), "Dear <0:Lee>.");
        assert_eq!(caret, m.start + 3);
    }

    #[test]
    fn deleting_inside_a_placeholder_keeps_it() {
        let mut l = letter("Dear {{s: Senator}}.");
        let mut view = l.text().to_string();
        view.remove(8);
        let caret = l.apply_text(&view);
        assert_eq!(show(&l), "Dear <0:[Senator]>.");
        assert_eq!(caret, 8);
        assert!(!l.is_filled(0));
    }

    #[test]
    fn deleting_every_character_of_a_value_brings_back_the_placeholders() {
        let mut l = letter("Dear {{s: Senator}}, yes {{s}}.");
        l.set_field(0, "Li");
        let m = l.marks()[1];
        l.replace(m.end - 1, m.end, "");
        assert_eq!(show(&l), "Dear <0:L>, yes <0:L>.");
        let m = l.marks()[1];
        let caret = l.replace(m.start, m.end, "");
        assert_eq!(show(&l), "Dear <0:[Senator]>, yes <0:[Senator]>.");
        assert_eq!(caret, l.marks()[1].start);
        assert!(!l.is_filled(0));
        // Typing right away at that caret fills the field again.
        let caret = l.replace(caret, caret, "K");
        assert_eq!(show(&l), "Dear <0:K>, yes <0:K>.");
        assert_eq!(caret, l.marks()[1].end);
    }

    #[test]
    fn continuing_with_a_newline_leaves_a_one_line_field() {
        let mut l = letter("{{s: S}} {{address}}");
        let m = l.marks()[0];
        let caret = l.replace(m.start + 1, m.start + 1, "A");
        let caret = l.replace(caret, caret, "\n");
        assert_eq!(show(&l), "<0:A>\n <1:[Address]>");
        let m = l.marks()[1];
        let caret2 = l.replace(m.start + 1, m.start + 1, "1 Road");
        l.replace(caret2, caret2, "\nTown");
        assert_eq!(show(&l), "<0:A>\n <1:1 Road\nTown>");
        assert_eq!(caret, 2);
    }

    #[test]
    fn apply_text_with_a_caret_resolves_ambiguous_typing() {
        let mut l = letter("Dear {{s: S}}h.");
        l.set_field(0, "Smith");
        // Typing "h" inside "Smit|h" and after "Smith" give the same text.
        let typed = "Dear Smithhh.";
        let mut inside = l.clone();
        inside.apply_text_at(typed, Some(10));
        assert_eq!(show(&inside), "Dear <0:Smithh>h.");
        let mut outside = l.clone();
        outside.apply_text_at(typed, Some(11));
        assert_eq!(show(&outside), "Dear <0:Smith>hh.");
        // Without a caret, the change is placed as late as possible.
        l.apply_text(typed);
        assert_eq!(show(&l), "Dear <0:Smith>hh.");
        // An impossible caret is ignored.
        let mut l2 = letter("ab");
        assert_eq!(l2.apply_text_at("abc", Some(0)), 3);
        assert_eq!(l2.text(), "abc");
    }

    #[test]
    fn a_whole_text_replacement_with_the_caret_at_the_end_keeps_later_fields() {
        // A fill, paste or autocorrect hands over the whole new text with the
        // caret at its end; only the middle sentence changed.
        let mut l = letter("Dear {{s: S}},\nOld words.\nFrom {{n: N}}");
        let new_text = l.text().replace("Old words.", "New words here.");
        let end = new_text.len();
        l.apply_text_at(&new_text, Some(end));
        assert_eq!(show(&l), "Dear <0:[S]>,\nNew words here.\nFrom <1:[N]>");
        l.set_field(1, "Kim");
        assert!(l.text().ends_with("From Kim"));
    }

    #[test]
    fn apply_text_handles_multibyte_and_no_change() {
        let mut l = letter("한국 {{x: X}} 👩‍👩‍👧");
        l.set_field(0, "é");
        assert_eq!(l.apply_text("한국 é 👩‍👩‍👧"), l.text().len());
        // Replace "국" by "글": the shared UTF-8 lead byte must not split the char.
        let caret = l.apply_text("한글 é 👩‍👩‍👧");
        assert_eq!(l.text(), "한글 é 👩‍👩‍👧");
        assert_eq!(caret, "한글".len());
        assert_eq!(show(&l), "한글 <0:é> 👩‍👩‍👧");
        // e + combining acute inside the value.
        let caret = l.apply_text("한글 é\u{301} 👩‍👩‍👧");
        assert_eq!(l.value(0), "é\u{301}");
        assert_eq!(caret, l.marks()[0].end);
        l.apply_text("");
        assert_eq!(l.text(), "");
        assert!(l.marks().is_empty());
    }

    #[test]
    fn replace_clamps_bad_offsets_without_panicking() {
        let mut l = letter("é {{x}} 👍");
        let len = l.text().len();
        assert_eq!(
            l.replace(1, 1, "a"),
            1,
            "mid-char offset moves to the char start"
        );
        assert_eq!(l.text(), "aé [X] 👍");
        l.replace(len + 10, len + 20, "!");
        assert!(l.text().ends_with("👍!"));
        l.replace(5, 2, "");
        assert_eq!(l.replace(3, 3, ""), 3);
        let n = l.text().len();
        l.replace(n - 2, n - 1, "z");
        for m in l.marks() {
            assert!(l.text().is_char_boundary(m.start) && l.text().is_char_boundary(m.end));
        }
    }

    fn mark(start: usize, end: usize, field: usize) -> Mark {
        Mark { start, end, field }
    }

    #[test]
    fn from_parts_keeps_valid_marks_and_drops_the_rest() {
        let t = parse("{{a: A}} {{b: B}}").unwrap();
        let text = "x [A] Bob".to_string();
        let values = vec![String::new(), "Bob".into()];
        let marks = vec![
            mark(6, 9, 1),  // valid
            mark(2, 5, 0),  // out of order: dropped (drafts are saved in order)
            mark(2, 5, 0),  // the same again
            mark(0, 1, 0),  // text differs from "[A]"
            mark(7, 12, 1), // out of bounds
            mark(3, 3, 0),  // empty
            mark(6, 9, 7),  // unknown field
        ];
        let l = Letter::from_parts(&t, values.clone(), text.clone(), marks.clone());
        assert_eq!(show(&l), "x [A] <1:Bob>");
        // In order, both are kept; an overlapping one is not.
        let in_order = vec![marks[1], marks[0], marks[2]];
        let l = Letter::from_parts(&t, values, text, in_order);
        assert_eq!(show(&l), "x <0:[A]> <1:Bob>");
        assert_eq!(l.value(1), "Bob");
        // Missing values are padded; mid-char marks are dropped.
        let l = Letter::from_parts(&t, vec![], "é".into(), vec![mark(1, 2, 0)]);
        assert!(l.marks().is_empty());
        assert_eq!(l.value(0), "");
    }

    #[test]
    fn with_values_renders_by_key() {
        let t = parse("Dear {{s: S}}, from {{name}} and {{s}}").unwrap();
        let l = Letter::with_values(
            &t,
            &[("s".into(), "Lee".into()), ("nope".into(), "x".into())],
        );
        assert_eq!(show(&l), "Dear <0:Lee>, from <1:[Name]> and <0:Lee>");
    }

    #[test]
    fn counting_like_people_and_like_forms() {
        assert_eq!(count_graphemes("e\u{301}👩‍👩‍👧🇰🇷한"), 4);
        assert_eq!(count_form_units("a\nb"), 4);
        assert_eq!(count_form_units("a\r\nb"), 4);
        assert_eq!(count_form_units("👍é"), 3);
        assert_eq!(count_form_units(""), 0);
    }

    #[test]
    fn utf16_offsets_map_to_bytes_and_back() {
        let s = "a👍é";
        assert_eq!(utf16_to_byte(s, 0), 0);
        assert_eq!(utf16_to_byte(s, 1), 1);
        assert_eq!(
            utf16_to_byte(s, 2),
            1,
            "inside the surrogate pair: char start"
        );
        assert_eq!(utf16_to_byte(s, 3), 5);
        assert_eq!(utf16_to_byte(s, 4), 7);
        assert_eq!(utf16_to_byte(s, 99), 7);
        assert_eq!(byte_to_utf16(s, 0), 0);
        assert_eq!(byte_to_utf16(s, 1), 1);
        assert_eq!(byte_to_utf16(s, 3), 1, "inside the emoji: char start");
        assert_eq!(byte_to_utf16(s, 5), 3);
        assert_eq!(byte_to_utf16(s, 7), 4);
        assert_eq!(byte_to_utf16(s, 99), 4);
    }
}
