//! The engine end to end, as the UI drives it: blog markup to template, a
//! reader filling and rewording the letter through the textarea, saving,
//! reloading, and the organiser changing the letter meanwhile.

use letter_engine::draft::{
    decode, draft_key, encode, load_draft, Draft, DraftStore, LoadOutcome, MemoryStore,
};
use letter_engine::letter::{byte_to_utf16, count_form_units, utf16_to_byte, Letter};
use letter_engine::markup::template_text_from_markup;
use letter_engine::template::parse;

/// What WordPress's block editor (wpautop + wptexturize) makes of the letter.
const WORDPRESS: &str = "<p>Dear Senator {{senator: Senator&#8217;s last name}},</p>\n<p>I am writing to you today about the 65 refugees &#8211; please help.<br />\nThank you, Senator {{senator}}.</p>\n<p>Respectfully,<br />\n{{name: Your full name}}<br />\n{{address: Your address | multiline}}</p>";

/// The textarea: the UI hands the engine its whole value and a UTF-16 caret.
fn type_at(letter: &mut Letter, utf16_caret: usize, typed: &str) -> usize {
    let text = letter.text().to_string();
    let at = utf16_to_byte(&text, utf16_caret);
    let new_text = format!("{}{}{}", &text[..at], typed, &text[at..]);
    let caret = letter.apply_text_at(&new_text, Some(at + typed.len()));
    byte_to_utf16(letter.text(), caret)
}

#[test]
fn reader_fills_rewords_saves_and_comes_back() {
    let source = template_text_from_markup(WORDPRESS);
    let template = parse(&source).expect("the WordPress letter parses");
    assert_eq!(template.fields.len(), 3);
    let mut letter = Letter::new(&template);
    assert!(letter
        .text()
        .starts_with("Dear Senator [Senator’s last name],"));

    // The reader clicks into the first placeholder and types a name.
    let inside = byte_to_utf16(letter.text(), letter.marks()[0].start + 3);
    let mut caret = inside;
    for c in ["W", "ó", "j", "c", "i", "k"] {
        caret = type_at(&mut letter, caret, c);
    }
    assert_eq!(letter.value(0), "Wójcik");
    assert!(letter.text().contains("Thank you, Senator Wójcik."));

    // Fills the form inputs for the rest.
    letter.set_field(1, "Ana Lee 👩‍👩‍👧");
    letter.set_field(2, "1 Main St\nSpringfield");
    assert!(letter.unfilled_required().is_empty());

    // Rewords a sentence freely; the fields follow.
    let text = letter.text().to_string();
    let reworded = text.replace(
        "about the 65 refugees",
        "about the sixty-five refugees in Beijing",
    );
    letter.apply_text(&reworded);
    assert_eq!(letter.text(), reworded);
    assert_eq!(letter.marks().len(), 4);
    letter.set_field(0, "Nowak");
    assert!(letter.text().contains("Dear Senator Nowak,"));
    assert!(letter.text().contains("sixty-five refugees in Beijing"));
    assert!(letter.text().contains("Thank you, Senator Nowak."));
    assert!(count_form_units(&letter.final_text()) > letter.text().chars().count());

    // Saved, then the page reloads.
    let store = MemoryStore::default();
    let key = draft_key("beijing-65");
    let draft = Draft::from_letter(&letter, &template.fingerprint(), 1.7e12);
    store.set(&key, &encode(&draft)).unwrap();
    let LoadOutcome::Loaded(loaded) = load_draft(&store, &key, 1.8e12) else {
        panic!("draft should load");
    };
    assert_eq!(loaded.fingerprint, template.fingerprint());
    let restored = loaded.to_letter(&template);
    assert_eq!(restored.text(), letter.text());
    assert_eq!(restored.marks(), letter.marks());

    // The organiser has since reworded the letter: the reader's own letter is
    // kept, and "use the updated letter" carries the values over.
    let updated = parse(&source.replace("please help", "please act now")).unwrap();
    assert_ne!(updated.fingerprint(), template.fingerprint());
    let kept = loaded.to_letter(&updated);
    assert_eq!(kept.text(), letter.text());
    let values: Vec<(String, String)> = loaded.values.clone().into_iter().collect();
    let fresh = Letter::with_values(&updated, &values);
    assert!(fresh.text().contains("please act now"));
    assert!(fresh.text().contains("Dear Senator Nowak,"));
    assert!(fresh.text().contains("1 Main St\nSpringfield"));
}

#[test]
fn pasted_old_letter_works_without_editing() {
    let pasted = "<p>Dear Senator _______,</p>\n<p>I am writing to you today to express my concern about the refugees.</p>\n<p>Sincerely,<br />\n______________ (your name)</p>";
    let template = parse(&template_text_from_markup(pasted)).unwrap();
    let labels: Vec<_> = template.fields.iter().map(|f| f.label.as_str()).collect();
    assert_eq!(labels, ["Senator", "Name"]);
    let mut letter = Letter::new(&template);
    assert!(letter.text().starts_with("Dear Senator [Senator],"));
    letter.set_field(1, "Ana");
    // "(your name)" said what the blank is; it is not left in the letter.
    assert!(
        letter.text().ends_with("Sincerely,\nAna"),
        "{}",
        letter.text()
    );
    assert_eq!(letter.unfilled_required(), [0]);
}

#[test]
fn corrupt_draft_is_kept_aside_and_a_fresh_letter_starts() {
    let store = MemoryStore::default();
    let key = draft_key("x");
    store.set(&key, "{\"version\":1,\"text\":").unwrap();
    match load_draft(&store, &key, 99.0) {
        LoadOutcome::MovedAside { aside_key, .. } => {
            assert_eq!(
                store.get(&aside_key).unwrap().as_deref(),
                Some("{\"version\":1,\"text\":")
            );
        }
        other => panic!("expected MovedAside, got {other:?}"),
    }
    assert_eq!(load_draft(&store, &key, 100.0), LoadOutcome::Empty);
    assert!(decode(&store.get(&store.keys()[0]).unwrap().unwrap()).is_err());
}
