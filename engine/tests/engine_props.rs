//! Property tests of the letter engine: random templates in many scripts, then
//! random fills and free edits, checking the mark invariants after every step;
//! draft round trips; and `decode` on arbitrary or damaged JSON.

use letter_engine::draft::{decode, encode, Draft};
use letter_engine::letter::{byte_to_utf16, utf16_to_byte, Letter, Mark, RECIPIENT_KEY};
use letter_engine::template::parse;
use proptest::prelude::*;

/// Pieces of text: ASCII, Korean, a ZWJ family, a flag, a combining accent,
/// Arabic and Hebrew (right-to-left), newlines, and the bracket that
/// placeholders use. No braces, so a `{{` in the letter would be a leak.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Z",
    " ",
    " ",
    ",",
    ".",
    "\n",
    "\n\n",
    "한",
    "국어",
    "👩‍👩‍👧",
    "🇰🇷",
    "🇯🇵",
    "e\u{301}",
    "\u{301}",
    "\u{200d}",
    "مرحبا",
    "ע",
    "שלום",
    "[",
    "]",
    "_",
    "__",
];

fn text_piece() -> impl Strategy<Value = String> {
    prop::sample::select(PIECES).prop_map(str::to_string)
}

fn alphabet_string(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(text_piece(), 0..max).prop_map(|v| v.concat())
}

/// Keys with a fixed label each (labels must agree between uses), some
/// well-known, some optional or multi-line.
const KEYS: &[(&str, &str)] = &[
    ("senator", "Senator’s name"),
    ("name", ""),
    ("address", "Your address | multiline"),
    ("x-1", "خانه | optional"),
    ("note", "Note 👩‍👩‍👧 | multiline | optional"),
];

#[derive(Clone, Debug)]
enum Part {
    Text(String),
    Field(usize, bool),
    Blank,
}

fn template_text() -> impl Strategy<Value = String> {
    let part = prop_oneof![
        4 => alphabet_string(8).prop_map(Part::Text),
        3 => (0..KEYS.len(), any::<bool>()).prop_map(|(k, labelled)| Part::Field(k, labelled)),
        1 => Just(Part::Blank),
    ];
    prop::collection::vec(part, 1..12).prop_map(|parts| {
        let mut out = String::new();
        for part in parts {
            match part {
                // Keep `_` runs in text from forming blanks by accident next to a real one.
                Part::Text(t) => out.push_str(&t.replace('_', "-")),
                Part::Field(k, labelled) => {
                    let (key, label) = KEYS[k];
                    if labelled && !label.is_empty() {
                        out.push_str(&format!("{{{{{key}: {label}}}}}"));
                    } else {
                        out.push_str(&format!("{{{{{key}}}}}"));
                    }
                }
                Part::Blank => out.push_str(" _____ "),
            }
        }
        if out.trim().is_empty() {
            out.push('x');
        }
        out
    })
}

/// One step a reader (or the UI) takes.
#[derive(Clone, Debug)]
enum Op {
    /// Typing in a field's input.
    SetField { field: usize, value: String },
    /// A free edit between two char boundaries (picked by index).
    Replace { a: usize, b: usize, insert: String },
    /// The same through `apply_text`, as the UI does, with or without the caret:
    /// replaces `len` characters from boundary `a`.
    ApplyText {
        a: usize,
        len: usize,
        insert: String,
        caret: bool,
    },
    /// An edit aimed at a mark: inside it, at its edges, or across them.
    AtMark {
        mark: usize,
        how: MarkEdit,
        insert: String,
    },
    /// Raw byte offsets, possibly inside characters or past the end.
    RawReplace { a: usize, b: usize, insert: String },
    /// Select all, delete.
    DeleteAll,
}

#[derive(Clone, Copy, Debug)]
enum MarkEdit {
    InsideInsert(usize),
    InsideDelete(usize, usize),
    Whole,
    AtStart,
    AtEnd,
    StraddleStart,
    StraddleEnd,
    Around,
    DeleteLastChar,
}

fn op() -> impl Strategy<Value = Op> {
    let how = prop_oneof![
        (0..64usize).prop_map(MarkEdit::InsideInsert),
        (0..64usize, 0..64usize).prop_map(|(a, b)| MarkEdit::InsideDelete(a, b)),
        Just(MarkEdit::Whole),
        Just(MarkEdit::AtStart),
        Just(MarkEdit::AtEnd),
        Just(MarkEdit::StraddleStart),
        Just(MarkEdit::StraddleEnd),
        Just(MarkEdit::Around),
        Just(MarkEdit::DeleteLastChar),
    ];
    prop_oneof![
        2 => (0..6usize, alphabet_string(5)).prop_map(|(field, value)| Op::SetField { field, value }),
        3 => (0..512usize, 0..512usize, alphabet_string(4)).prop_map(|(a, b, insert)| Op::Replace { a, b, insert }),
        3 => (0..512usize, 0..8usize, alphabet_string(4), any::<bool>())
            .prop_map(|(a, len, insert, caret)| Op::ApplyText { a, len, insert, caret }),
        4 => (0..16usize, how, alphabet_string(4)).prop_map(|(mark, how, insert)| Op::AtMark { mark, how, insert }),
        1 => (0..600usize, 0..600usize, alphabet_string(4)).prop_map(|(a, b, insert)| Op::RawReplace { a, b, insert }),
        1 => Just(Op::DeleteAll),
    ]
}

/// The char boundaries of `s`, including its end.
fn boundaries(s: &str) -> Vec<usize> {
    s.char_indices().map(|(i, _)| i).chain([s.len()]).collect()
}

fn pick(s: &str, i: usize) -> usize {
    let b = boundaries(s);
    b[i % b.len()]
}

/// The char boundaries strictly between `start` and `end`.
fn inner(s: &str, start: usize, end: usize) -> Vec<usize> {
    boundaries(s)
        .into_iter()
        .filter(|&i| i > start && i < end)
        .collect()
}

fn prev_boundary(s: &str, i: usize) -> usize {
    s[..i].char_indices().next_back().map_or(0, |(j, _)| j)
}

fn next_boundary(s: &str, i: usize) -> usize {
    s[i..].chars().next().map_or(i, |c| i + c.len_utf8())
}

fn check(letter: &Letter, step: &str) -> Result<(), TestCaseError> {
    check_marks(letter, step)?;
    let text = letter.text();
    prop_assert!(
        !text.contains(['{', '}']),
        "{step}: stray braces in {text:?}"
    );
    Ok(())
}

/// The mark invariants: sorted, disjoint, non-empty, in bounds, on char
/// boundaries, valid field, showing the field's display value.
fn check_marks(letter: &Letter, step: &str) -> Result<(), TestCaseError> {
    let text = letter.text();
    let marks = letter.marks();
    for (i, m) in marks.iter().enumerate() {
        prop_assert!(m.start < m.end, "{step}: empty mark {m:?}");
        prop_assert!(m.end <= text.len(), "{step}: mark out of bounds {m:?}");
        prop_assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{step}: mark off char boundary {m:?}"
        );
        prop_assert!(m.field < letter.fields().len(), "{step}: bad field {m:?}");
        if i > 0 {
            prop_assert!(
                marks[i - 1].end <= m.start,
                "{step}: marks overlap or unsorted {marks:?}"
            );
        }
        prop_assert_eq!(
            &text[m.start..m.end],
            &*letter.display_value(m.field),
            "{}: mark {:?} does not show its field",
            step,
            m
        );
    }
    Ok(())
}

/// Applies `op`, checking the documented rule where it is specific; `prev_caret`
/// is the caret the previous edit returned (where typing may continue a field).
fn run(letter: &mut Letter, op: &Op, prev_caret: &mut Option<usize>) -> Result<(), TestCaseError> {
    let text = letter.text().to_string();
    let had_no_marks = letter.marks().is_empty();
    let caret = match op {
        Op::SetField { field, value } => {
            if letter.fields().is_empty() {
                return Ok(());
            }
            let field = field % letter.fields().len();
            letter.set_field(field, value);
            prop_assert_eq!(letter.value(field), value.as_str());
            None
        }
        Op::Replace { a, b, insert } => {
            let (a, b) = (pick(&text, *a), pick(&text, *b));
            Some(letter.replace(a.min(b), a.max(b), insert))
        }
        Op::ApplyText {
            a,
            len,
            insert,
            caret,
        } => {
            let a = pick(&text, *a);
            let after = boundaries(&text[a..]);
            let b = a + after[(*len).min(after.len() - 1)];
            let new_text = format!("{}{}{}", &text[..a], insert, &text[b..]);
            let hint = caret.then_some(a + insert.len());
            // The caret the UI would send goes through UTF-16 and back.
            let hint = hint.map(|c| utf16_to_byte(&new_text, byte_to_utf16(&new_text, c)));
            let result = letter.apply_text_at(&new_text, hint);
            if had_no_marks {
                // With no field in the way, the letter is exactly what the reader typed.
                prop_assert_eq!(letter.text(), new_text.as_str());
            }
            Some(result)
        }
        Op::AtMark { mark, how, insert } => {
            if letter.marks().is_empty() {
                return Ok(());
            }
            let m = letter.marks()[mark % letter.marks().len()];
            let ins = inner(&text, m.start, m.end);
            let (a, b, insert) = match *how {
                MarkEdit::InsideInsert(i) => {
                    let at = if ins.is_empty() {
                        m.start
                    } else {
                        ins[i % ins.len()]
                    };
                    (at, at, insert.as_str())
                }
                MarkEdit::InsideDelete(i, j) => {
                    let all: Vec<usize> = boundaries(&text)
                        .into_iter()
                        .filter(|&x| x >= m.start && x <= m.end)
                        .collect();
                    let (x, y) = (all[i % all.len()], all[j % all.len()]);
                    (x.min(y), x.max(y), "")
                }
                MarkEdit::Whole => (m.start, m.end, insert.as_str()),
                MarkEdit::AtStart => (m.start, m.start, insert.as_str()),
                MarkEdit::AtEnd => (m.end, m.end, insert.as_str()),
                MarkEdit::StraddleStart => (
                    prev_boundary(&text, m.start),
                    next_boundary(&text, m.start),
                    insert.as_str(),
                ),
                MarkEdit::StraddleEnd => (
                    prev_boundary(&text, m.end),
                    next_boundary(&text, m.end),
                    insert.as_str(),
                ),
                MarkEdit::Around => (
                    prev_boundary(&text, m.start),
                    next_boundary(&text, m.end),
                    insert.as_str(),
                ),
                MarkEdit::DeleteLastChar => (prev_boundary(&text, m.end), m.end, ""),
            };
            let before = letter.clone();
            let caret = letter.replace(a, b, insert);
            mark_rules(&before, m, (a, b, insert), *prev_caret == Some(a), letter)?;
            Some(caret)
        }
        Op::RawReplace { a, b, insert } => Some(letter.replace(*a, *b, insert)),
        Op::DeleteAll => Some(letter.apply_text("")),
    };
    *prev_caret = caret;
    if let Some(caret) = caret {
        prop_assert!(
            caret <= letter.text().len() && letter.text().is_char_boundary(caret),
            "bad caret {caret}"
        );
    }
    Ok(())
}

/// Checks the documented rule for an edit aimed at mark `m` of `before`.
fn mark_rules(
    before: &Letter,
    m: Mark,
    (a, b, insert): (usize, usize, &str),
    may_continue: bool,
    after: &Letter,
) -> Result<(), TestCaseError> {
    let field = m.field;
    let old_value = before.value(field).to_string();
    let spliced = format!("{}{}{}", &before.text()[..a], insert, &before.text()[b..]);
    let at_edge = a == b && (a == m.start || a == m.end);
    let inside = a >= m.start && b <= m.end && !at_edge;
    if a == b && insert.is_empty() {
        prop_assert_eq!(after.text(), before.text());
    } else if inside {
        if old_value.is_empty() {
            // Inside a placeholder: the insert becomes the value.
            prop_assert_eq!(after.value(field), insert);
        } else {
            let shown = &before.text()[m.start..m.end];
            let expected = format!(
                "{}{}{}",
                &shown[..a - m.start],
                insert,
                &shown[b - m.start..]
            );
            prop_assert_eq!(after.value(field), expected.as_str());
        }
    } else if at_edge {
        // ASCII never joins the grapheme before it, so only a continuation of
        // typing may take the insertion into the field.
        if !may_continue && insert.starts_with(|c: char| c.is_ascii()) {
            prop_assert_eq!(after.value(field), old_value.as_str());
            prop_assert_eq!(after.text(), spliced.as_str());
            prop_assert_eq!(after.marks().len(), before.marks().len());
        }
    } else {
        // Across an edge or around the mark: detached, values untouched, text spliced.
        prop_assert_eq!(after.value(field), old_value.as_str());
        prop_assert_eq!(after.text(), spliced.as_str());
        let overlapped = before
            .marks()
            .iter()
            .filter(|x| x.start < b && x.end > a)
            .count();
        prop_assert!(overlapped >= 1);
        prop_assert_eq!(after.marks().len(), before.marks().len() - overlapped);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1_500))]

    #[test]
    fn marks_stay_valid_through_random_fills_and_edits(
        source in template_text(),
        ops in prop::collection::vec(op(), 1..30),
    ) {
        let template = parse(&source).map_err(|e| TestCaseError::fail(format!("{source:?}: {e}")))?;
        let mut letter = Letter::new(&template);
        let mut prev_caret = None;
        check(&letter, "new")?;
        for (i, op) in ops.iter().enumerate() {
            run(&mut letter, op, &mut prev_caret)?;
            check(&letter, &format!("step {i} {op:?}"))?;
        }
        // And what is left survives a save and a reload exactly.
        let draft = Draft::from_letter(&letter, &template.fingerprint(), 1.5e12);
        let back = decode(&encode(&draft)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&back, &draft);
        let restored = back.to_letter(&template);
        prop_assert_eq!(restored.text(), letter.text());
        prop_assert_eq!(restored.marks(), letter.marks());
        for f in 0..template.fields.len() {
            prop_assert_eq!(restored.value(f), letter.value(f));
        }
    }

    #[test]
    fn decode_never_panics_on_arbitrary_text(s in ".{0,200}") {
        let _ = decode(&s);
    }

    #[test]
    fn decode_never_panics_on_damaged_drafts(
        source in template_text(),
        cuts in prop::collection::vec((0..2000usize, 0..4usize, prop::sample::select(&["", "\"", "{", "}", "[", "]", ",", ":", "-1", "1e999", "null", "\\u", "é", "99999999999999999999"][..])), 1..4),
    ) {
        let template = parse(&source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mut letter = Letter::new(&template);
        letter.set_field(0, "Lee");
        let mut json = encode(&Draft::from_letter(&letter, "f", 1.0));
        for (at, len, with) in cuts {
            let at = pick(&json, at);
            let end = pick(&json[at..], len) + at;
            json.replace_range(at..end, with);
        }
        if let Ok(draft) = decode(&json) {
            // Whatever decodes must also restore without panicking.
            let restored = draft.to_letter(&template);
            check_marks(&restored, "restored")?;
        }
    }
}

/// Characters readers type after a value: letters, accents, joiners, flags,
/// skin tones, Hangul jamo, Arabic and Hebrew marks.
fn joinable_char() -> impl Strategy<Value = char> {
    prop::sample::select(vec![
        'a',
        'e',
        'Z',
        ' ',
        '.',
        '한',
        'ᄀ',
        'ᅡ',
        'ᆨ',
        'ש',
        'ع',
        '\u{0651}',
        '\u{05B8}',
        '\u{0301}',
        '\u{0308}',
        '\u{20DD}',
        '\u{200D}',
        '\u{FE0F}',
        '\u{1F3FD}',
        '\u{1F1F0}',
        '\u{1F1F7}',
        '👩',
        '👍',
        '\u{0915}',
        '\u{094D}',
        '\u{0995}',
        '\u{09CD}',
        '\u{0C15}',
        '\u{0C4D}',
        '\u{E0067}',
    ])
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    /// The widget's small table of grapheme-extending characters agrees with
    /// the full Unicode segmentation rules on what readers type.
    #[test]
    fn joins_previous_agrees_with_unicode_segmentation(
        before in prop::collection::vec(joinable_char(), 1..6),
        next in joinable_char(),
    ) {
        use unicode_segmentation::UnicodeSegmentation;
        let before: String = before.into_iter().collect();
        let last = before.graphemes(true).next_back().unwrap().to_string();
        let expected = format!("{last}{next}").graphemes(true).count() == 1;
        prop_assert_eq!(
            letter_engine::letter::joins_previous(&before, &next.to_string()),
            expected,
            "{:?} + {:?}", before, next
        );
    }
}

/// Greetings as recipients lists give them, in several scripts.
fn greeting() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "Senator Alvarez",
        "Senator Okafor",
        "Representative Lindqvist",
        "김 의원님",
        "السيناتور",
        "Sénatrice Dubé",
        "A",
    ])
    .prop_map(str::to_string)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(800))]

    /// Two recipients' copies of the same letter differ only where the
    /// letter names its recipient, whatever the reader did to the text.
    #[test]
    fn personalised_letters_differ_only_in_the_greeting(
        body in template_text(),
        twice in any::<bool>(),
        titled in any::<bool>(),
        ops in prop::collection::vec(op(), 0..12),
        (g1, g2) in (greeting(), greeting()),
    ) {
        let ps = if twice { "\nP.S. {{recipient}}" } else { "" };
        let title = if titled { "Senator " } else { "" };
        let source = format!("Dear {title}{{{{recipient}}}},\n{body}{ps}");
        let template = parse(&source).map_err(|e| TestCaseError::fail(format!("{source:?}: {e}")))?;
        let mut letter = Letter::new(&template);
        let mut prev_caret = None;
        for op in &ops {
            run(&mut letter, op, &mut prev_caret)?;
        }
        let field = letter.recipient_field().expect("the template names its recipient");
        prop_assert_eq!(&letter.fields()[field].key, RECIPIENT_KEY);
        let (a, b) = (letter.addressed_to(&g1), letter.addressed_to(&g2));
        check(&a, "addressed to g1")?;
        check(&b, "addressed to g2")?;
        // The greeting reads whole once where the blank stands, words the
        // letter already says before it ("Dear Senator") not repeated.
        let first = a.marks().iter().find(|m| m.field == field).map(|m| m.end);
        if let Some(end) = first {
            let shown = a.text()[..end].to_lowercase();
            prop_assert!(shown.ends_with(&g1.to_lowercase()), "{:?} then {:?}", a.text(), g1);
            prop_assert!(g1.ends_with(a.value(field)));
            prop_assert!(!a.text().contains(" Senator Senator"), "{:?}", a.text());
        }
        // Put b's value where a shows its own: that is b's text exactly.
        let mut swapped = String::new();
        let mut at = 0;
        for m in a.marks().iter().filter(|m| m.field == field) {
            swapped.push_str(&a.text()[at..m.start]);
            swapped.push_str(b.value(field));
            at = m.end;
        }
        swapped.push_str(&a.text()[at..]);
        prop_assert_eq!(&swapped, b.text());
        // Every other field keeps the reader's value, and the original is untouched.
        for f in (0..letter.fields().len()).filter(|&f| f != field) {
            prop_assert_eq!(a.value(f), letter.value(f));
        }
        let same = letter.addressed_to(letter.value(field));
        prop_assert_eq!(same.text(), letter.text());
    }

    /// A letter that does not name its recipient is the same for everyone.
    #[test]
    fn letters_without_a_recipient_field_are_unchanged(source in template_text(), g in greeting()) {
        let template = parse(&source).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let letter = Letter::new(&template);
        prop_assert!(letter.recipient_field().is_none());
        let same = letter.addressed_to(&g);
        prop_assert_eq!(same.text(), letter.text());
    }
}
