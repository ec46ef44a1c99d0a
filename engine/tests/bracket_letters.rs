//! The letter collection in `tests/data/bracket-letters.txt`: real-world
//! placeholder conventions and traps, in our own wording. Each letter is
//! filled in completely; then no placeholder may be left and every bracket
//! that is not a placeholder must still be there, unchanged. The rate is
//! printed (`make test` shows it) and must be 100%.

mod collection;

use collection::{check, collection};

#[test]
fn every_letter_of_the_collection_becomes_a_complete_form() {
    let cases = collection();
    assert!(cases.len() >= 40, "{} letters", cases.len());
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|c| check(c).err().map(|e| format!("{}: {e}", c.title)))
        .collect();
    let passed = cases.len() - failures.len();
    println!(
        "bracket letters: {passed}/{} filled completely ({}%)",
        cases.len(),
        passed * 100 / cases.len()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
