//! How much of the reader's letter is in their own words (issue 19): the
//! letter compared with the organiser's, filled in with the same values.
//!
//! Words are runs of word characters ([`crate::chars::is_word_char`]). Words
//! inside a field's marks (a name, an address) are counted apart: they do not
//! make a letter personal. The rest of the reader's words are each *kept*
//! (the organiser's) or *own*: a word is kept when it stands next to the same
//! neighbour (a word, a field, or the start or end of the letter) as
//! somewhere in the organiser's letter, so a paragraph moved elsewhere is
//! still the organiser's, while a sentence rewritten in the reader's words is
//! theirs even where it reuses common words one at a time. Deleted words
//! count nowhere. Linear in the letter's length.
//!
//! A free-text prompt the organiser left for the reader ([`story_field`],
//! `{{story: Why this matters to you | multiline | optional}}`) is the one
//! field whose words are the reader's own: it is where the widget sends a
//! reader who wants to make the letter personal.

use crate::chars::is_word_char;
use crate::letter::Letter;
use crate::template::{FieldKind, FieldSpec, Template};
use std::collections::HashSet;

/// The reader's words, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct OwnWords {
    /// Words the reader added or changed.
    pub own: usize,
    /// The organiser's words the reader kept.
    pub kept: usize,
    /// Words inside field values, counted apart.
    pub in_fields: usize,
}

impl OwnWords {
    /// The share of the letter's words (fields aside) that are the reader's,
    /// in percent, rounded down; 0 for a letter with no words.
    pub fn percent(&self) -> usize {
        (self.own * 100)
            .checked_div(self.own + self.kept)
            .unwrap_or(0)
    }

    /// Whether the reader has written a sentence or two of their own
    /// ([`PERSONAL_WORDS`] words or more).
    pub fn is_personal(&self) -> bool {
        self.own >= PERSONAL_WORDS
    }
}

/// Own words that make a letter personal: about a sentence.
pub const PERSONAL_WORDS: usize = 10;

/// The field the organiser left for the reader's own words: the one keyed
/// `story`, else the first multiline text field (an address is multiline
/// too, but it is not a story).
pub fn story_field(fields: &[FieldSpec]) -> Option<usize> {
    let prompt = |f: &FieldSpec| f.multiline && f.kind == FieldKind::Text;
    fields
        .iter()
        .position(|f| f.key == "story" && prompt(f))
        .or_else(|| fields.iter().position(prompt))
}

/// Where a sentence of the reader's own fits in `text` when the letter has
/// no story prompt: the end of the first paragraph that ends a sentence
/// (past the greeting), else the end of the first paragraph, as a byte
/// offset.
pub fn personal_spot(text: &str) -> usize {
    let mut first = None;
    let mut at = 0;
    for para in text.split("\n\n") {
        let end = at + para.trim_end().len();
        if !para.trim().is_empty() {
            first.get_or_insert(end);
            if para.trim_end().ends_with(['.', '!', '?', '…', '。', '؟']) {
                return end;
            }
        }
        at += para.len() + 2;
    }
    first.unwrap_or(text.len())
}

/// The tokens of a letter: its two ends, a field's value, and words, each
/// word a 64-bit hash of its letters with ASCII case folded (so the counting
/// neither allocates nor compares strings; two words sharing a hash are a
/// chance of one in billions that counts one word as kept).
const EDGE: u64 = 0;
const FIELD: u64 = 1;

/// The words of `text` (runs of word characters).
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !is_word_char(c))
        .filter(|w| !w.is_empty())
}

/// A word's token (FNV-1a, never [`EDGE`] or [`FIELD`]).
fn word_token(w: &str) -> u64 {
    let hash = w.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x100_0000_01b3)
    });
    hash | 2
}

/// Two neighbouring tokens as one key.
fn pair(a: u64, b: u64) -> u64 {
    a.rotate_left(29).wrapping_mul(0x9e37_79b9_7f4a_7c15) ^ b
}

/// The letter as tokens, from one edge to the other, each field's value one
/// token; how many words the field values hold; and how many of those the
/// reader wrote in the story prompt.
fn tokens(letter: &Letter) -> (Vec<u64>, usize, usize) {
    let text = letter.text();
    let story = story_field(letter.fields()).filter(|&i| letter.is_filled(i));
    let mut out = vec![EDGE];
    let (mut in_fields, mut in_story) = (0, 0);
    let mut at = 0;
    for m in letter.marks() {
        out.extend(words(&text[at..m.start]).map(word_token));
        let n = words(&text[m.start..m.end]).count();
        if Some(m.field) == story {
            in_story += n;
        } else {
            in_fields += n;
        }
        out.push(FIELD);
        at = m.end;
    }
    out.extend(words(&text[at..]).map(word_token));
    out.push(EDGE);
    (out, in_fields, in_story)
}

/// Counts the reader's own words in `letter` against `template`'s letter
/// filled in with the same values. A word is the organiser's when it stands
/// beside the same word, field or end of the letter as somewhere in theirs;
/// the words of the story prompt are the reader's.
pub fn own_words(letter: &Letter, template: &Template) -> OwnWords {
    let values: Vec<(String, String)> = letter
        .fields()
        .iter()
        .enumerate()
        .map(|(i, f)| (f.key.clone(), letter.value(i).to_owned()))
        .collect();
    let (theirs, ..) = tokens(&Letter::with_values(template, &values));
    let (mine, in_fields, in_story) = tokens(letter);
    let pairs: HashSet<u64> = theirs.windows(2).map(|w| pair(w[0], w[1])).collect();
    let known = |a, b| pairs.contains(&pair(a, b));
    let mut counted = OwnWords {
        in_fields,
        own: in_story,
        kept: 0,
    };
    for w in mine.windows(3) {
        if w[1] > FIELD {
            if known(w[0], w[1]) || known(w[1], w[2]) {
                counted.kept += 1;
            } else {
                counted.own += 1;
            }
        }
    }
    counted
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::template::parse;
    use proptest::prelude::*;

    const LETTER: &str = "Dear {{who: Their name}},\n\nPlease keep the library on Elm Street open in the evenings.\n\nStudents need a quiet place to work.\n\nYours,\n{{name: Your name}}";

    fn letter_with(text: &str) -> (Letter, Template) {
        let t = parse(LETTER).unwrap();
        let mut l = Letter::new(&t);
        l.set_field(0, "Councillor Ana Osei");
        l.set_field(1, "Kim Min-ji");
        if !text.is_empty() {
            l.apply_text(text);
        }
        (l, t)
    }

    #[test]
    fn an_untouched_letter_is_none_of_the_readers_words() {
        let (l, t) = letter_with("");
        let n = own_words(&l, &t);
        assert_eq!(
            n,
            OwnWords {
                own: 0,
                kept: 20,
                in_fields: 6
            }
        );
        assert_eq!(n.percent(), 0);
    }

    #[test]
    fn a_sentence_of_their_own_counts_and_a_moved_paragraph_does_not() {
        let (l, t) = letter_with("");
        let mut added = l.clone();
        let at = added.text().find("\n\nStudents").unwrap();
        added.replace(at, at, " My daughter studies there every night.");
        let n = own_words(&added, &t);
        assert_eq!((n.own, n.kept), (6, 20));

        let moved = "Dear Councillor Ana Osei,\n\nStudents need a quiet place to work.\n\nPlease keep the library on Elm Street open in the evenings.\n\nYours,\nKim Min-ji";
        let mut m = l.clone();
        m.apply_text(moved);
        assert_eq!(own_words(&m, &t).own, 0, "{:?}", own_words(&m, &t));
    }

    #[test]
    fn a_rewritten_sentence_is_theirs_even_with_common_words() {
        let (l, t) = letter_with("");
        let mut r = l.clone();
        r.apply_text("Dear Councillor Ana Osei,\n\nThe evenings are when the library matters to me most.\n\nStudents need a quiet place to work.\n\nYours,\nKim Min-ji");
        let n = own_words(&r, &t);
        // "The evenings" and "the library" are pairs of the organiser's too;
        // "to" is theirs only before "work".
        assert_eq!((n.own, n.kept), (6, 13), "{n:?}");
    }

    #[test]
    fn typing_inside_a_field_is_never_own_words() {
        let (mut l, t) = letter_with("");
        l.set_field(1, "Kim Min-ji, who lives two streets away");
        let n = own_words(&l, &t);
        assert_eq!((n.own, n.in_fields), (0, 11));
    }

    #[test]
    fn the_story_prompt_holds_the_readers_own_words_once_written() {
        let t = parse("Dear {{who}},\n\nPlease fund the library.\n\n{{story: Why it matters to you | multiline | optional}}\n\n{{address: Your address}}\n{{name}}").unwrap();
        let mut l = Letter::new(&t);
        assert_eq!(story_field(l.fields()), Some(1));
        // The empty prompt's placeholder is not the reader's.
        assert_eq!(own_words(&l, &t).own, 0);
        l.set_field(1, "I read there every week with my son.");
        l.set_field(2, "4 Elm Street");
        let n = own_words(&l, &t);
        assert_eq!((n.own, n.kept), (8, 5), "{n:?}");
        assert!(!n.is_personal());
        l.set_field(
            1,
            "I read there every week with my son, and it is the only quiet room we have.",
        );
        assert!(own_words(&l, &t).is_personal());
    }

    #[test]
    fn the_story_field_is_the_story_key_else_the_first_free_text_box() {
        let t =
            parse("{{address}} {{note: A note | multiline}} {{story: Yours | multiline}}").unwrap();
        assert_eq!(story_field(&t.fields), Some(2));
        let t = parse("{{address}} {{note: A note | multiline}}").unwrap();
        assert_eq!(story_field(&t.fields), Some(1));
        let t = parse("{{address}} {{name}}").unwrap();
        assert_eq!(story_field(&t.fields), None);
    }

    #[test]
    fn a_personal_sentence_fits_after_the_first_paragraph_that_ends_one() {
        let text = "Dear Ana,\n\nPlease keep it open.  \n\nThanks.";
        assert_eq!(
            &text[..personal_spot(text)],
            "Dear Ana,\n\nPlease keep it open."
        );
        assert_eq!(personal_spot("Dear Ana,\n\nYours"), "Dear Ana,".len());
        assert_eq!(personal_spot("\n\n"), 2, "no paragraph: the end");
        assert_eq!(personal_spot(""), 0);
        let ar = "عزيزي،\n\nهل ستساعد؟\n\nشكرا";
        assert_eq!(&ar[..personal_spot(ar)], "عزيزي،\n\nهل ستساعد؟");
    }

    #[test]
    fn a_letter_without_words_is_zero_percent() {
        let t = parse("{{name}}").unwrap();
        let l = Letter::new(&t);
        assert_eq!(own_words(&l, &t).percent(), 0);
    }

    /// Words the organiser's letter never uses.
    fn new_word() -> impl Strategy<Value = String> {
        "[qxz]{2,6}".prop_map(|w| format!("zz{w}"))
    }

    proptest! {
        #[test]
        fn a_fully_rewritten_letter_is_all_the_readers(words in prop::collection::vec(new_word(), 1..40)) {
            let (l, t) = letter_with("");
            let mut r = l.clone();
            r.apply_text(&words.join(" "));
            let n = own_words(&r, &t);
            prop_assert_eq!(n.kept, 0);
            prop_assert_eq!(n.percent(), 100);
        }

        #[test]
        fn inserting_words_of_their_own_never_lowers_the_count(
            inserts in prop::collection::vec((0usize..200, new_word()), 1..8),
        ) {
            let (mut l, t) = letter_with("");
            let mut before = own_words(&l, &t).own;
            for (at, word) in inserts {
                let text = l.text().to_owned();
                let mut at = at.min(text.len());
                while !text.is_char_boundary(at) { at -= 1; }
                l.replace(at, at, &format!(" {word} "));
                let now = own_words(&l, &t).own;
                prop_assert!(now >= before, "{} then {}: {:?}", before, now, l.text());
                before = now;
            }
        }

        #[test]
        fn whatever_is_typed_in_a_field_is_never_own_words(value in "\\PC{0,60}") {
            let (mut l, t) = letter_with("");
            l.set_field(1, &value);
            prop_assert_eq!(own_words(&l, &t).own, 0);
        }

        #[test]
        fn never_panics(text in "\\PC{0,300}") {
            let (mut l, t) = letter_with("");
            l.apply_text(&text);
            let n = own_words(&l, &t);
            prop_assert!(n.percent() <= 100);
            prop_assert!(personal_spot(&text) <= text.len());
            prop_assert!(text.is_char_boundary(personal_spot(&text)));
        }
    }
}
