//! The bracket-letter collection (`tests/data/bracket-letters.txt`), shared
//! by its own test and the fuzz tests.
#![allow(dead_code)]

use letter_engine::letter::Letter;
use letter_engine::template::parse;

/// One letter of the collection and what its author says about it.
pub struct Case {
    pub title: String,
    pub keep: Vec<String>,
    pub notes: usize,
    pub fields: usize,
    pub text: String,
}

/// Reads the collection.
pub fn collection() -> Vec<Case> {
    let data = include_str!("../data/bracket-letters.txt");
    let mut cases = Vec::new();
    for chunk in data.split("\n=== ").skip(1) {
        let (head, text) = chunk.split_once("\n---\n").expect("a --- line");
        let mut lines = head.lines();
        let mut case = Case {
            title: lines.next().unwrap_or("").to_string(),
            keep: Vec::new(),
            notes: 0,
            fields: 0,
            text: text.trim_end_matches('\n').to_string(),
        };
        for line in lines {
            match line.split_once(": ") {
                Some(("keep", v)) => case.keep.push(v.to_string()),
                Some(("notes", v)) => case.notes = v.parse().expect("notes: N"),
                Some(("fields", v)) => case.fields = v.parse().expect("fields: N"),
                _ => panic!("unknown line {line:?} in {}", case.title),
            }
        }
        cases.push(case);
    }
    cases
}

/// Fills every field of the letter; returns what is wrong with the result.
pub fn check(case: &Case) -> Result<(), String> {
    let template = parse(&case.text).map_err(|e| e.to_string())?;
    if template.fields.len() != case.fields {
        let labels: Vec<_> = template.fields.iter().map(|f| &f.key).collect();
        return Err(format!(
            "{} fields, expected {}: {labels:?}",
            labels.len(),
            case.fields
        ));
    }
    if template.notes.len() != case.notes {
        return Err(format!(
            "notes {:?}, expected {}",
            template.notes, case.notes
        ));
    }
    let mut letter = Letter::new(&template);
    for i in 0..template.fields.len() {
        letter.set_field(i, &format!("Value {i}"));
    }
    let mut rest = letter.final_text();
    for kept in &case.keep {
        let (before, after) = (
            case.text.matches(kept.as_str()).count(),
            rest.matches(kept.as_str()).count(),
        );
        if after < before {
            return Err(format!(
                "{kept:?} changed: {before} times written, {after} left"
            ));
        }
        rest = rest.replace(kept.as_str(), "");
    }
    for note in &template.notes {
        if rest.contains(note.as_str()) {
            return Err(format!("note {note:?} left in the letter"));
        }
    }
    match rest
        .find(['[', ']', '<', '>', '(', ')'])
        .or_else(|| rest.find("___"))
    {
        Some(at) => Err(format!(
            "placeholder left at {:?}",
            &rest[at..rest.len().min(at + 30)]
        )),
        None => Ok(()),
    }
}
