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

use unicode_segmentation::UnicodeSegmentation;

use crate::template::{FieldSpec, Segment, Template};

/// A range of the letter's text that shows a field's value (or its placeholder).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
        let mut candidates: Vec<Mark> = marks
            .into_iter()
            .filter(|m| {
                m.field < letter.fields.len()
                    && m.start < m.end
                    && m.end <= letter.text.len()
                    && letter.text.is_char_boundary(m.start)
                    && letter.text.is_char_boundary(m.end)
                    && letter.text[m.start..m.end] == *letter.display_value(m.field)
            })
            .collect();
        candidates.sort_by_key(|m| (m.start, m.end));
        let mut kept: Vec<Mark> = Vec::with_capacity(candidates.len());
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
                contains && (!at_edge || continues)
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
            return caret.map_or(old.len(), |c| {
                floor_char_boundary(new_text, c.min(new.len()))
            });
        }
        let shorter = old.len().min(new.len());
        let mut prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        prefix = floor_char_boundary(&self.text, prefix.min(shorter));
        let full_suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(shorter)
            .take_while(|(a, b)| a == b)
            .count();
        let mut suffix = full_suffix.min(shorter - prefix);
        while !self.text.is_char_boundary(old.len() - suffix) {
            suffix -= 1;
        }
        let (mut from, mut to, mut new_to) = (prefix, old.len() - suffix, new.len() - suffix);

        // Aligns the change so it ends at `caret`, if the texts allow it.
        let aligned = |caret: usize| -> Option<(usize, usize, usize)> {
            let c = floor_char_boundary(new_text, caret.min(new.len()));
            let tail = new.len() - c;
            (tail <= full_suffix).then(|| {
                let b = old.len() - tail;
                (prefix.min(b).min(c), b, c)
            })
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

    /// The letter to send: the text as it stands. Blanks still empty keep their
    /// `[Label]`, so the reader notices them.
    pub fn final_text(&self) -> String {
        self.text.clone()
    }
}

/// The placeholder an empty field shows in the letter.
pub fn placeholder(spec: &FieldSpec) -> String {
    format!("[{}]", spec.label)
}

/// The largest char boundary at or before `i` (clamped to the text).
fn floor_char_boundary(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Characters as people count them (extended grapheme clusters: 👩‍👩‍👧 is one).
pub fn count_graphemes(s: &str) -> usize {
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
