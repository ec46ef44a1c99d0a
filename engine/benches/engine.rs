//! Engine benchmark: template parsing and keystroke-sized letter edits.
//!
//! Run with `cargo bench --bench engine` (plain `std::time::Instant`, no
//! harness). It prints a table and always writes the numbers as JSON to
//! `bench-results/engine.json` (override the path with `BENCH_JSON=path`).
//!
//! Rows:
//! - `parse`: a 100 KB template with 200 fields.
//! - `apply_text` / `replace`: 1,000 single-character edits (alternately typing
//!   a character and deleting it again, so the size stays put) at pseudo-random
//!   places in a filled 2 KB, 20 KB and 200 KB letter; some land inside fields
//!   and rewrite every mark of that field. `apply_text` is what the UI calls
//!   with the whole textarea value (plus the caret); building that new value is
//!   the browser's work and is not timed.
//! - `in a field`: the same through `apply_text`, but every keystroke lands
//!   inside a field's text (the costliest case: the value changes and all of
//!   the field's marks are rewritten).
//!
//! A keystroke costs O(letter size), so the `µs per KB` column should stay
//! flat (or fall) as the letter grows; `per-KB vs 2 KB` is that column divided
//! by the 2 KB row's.

use std::time::{Duration, Instant};

use letter_engine::letter::Letter;
use letter_engine::own_words::own_words;
use letter_engine::template::{parse, Template};

const EDITS: usize = 1_000;

/// A small deterministic generator, so every run edits the same places.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, below: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) as usize) % below.max(1)
    }
}

const PROSE: &str =
    "I am writing to you today to express my concern about the sixty-five refugees. \
Their families have waited for years, and every week matters to them. ";

/// A template of about `bytes` bytes with `fields` distinct fields in all; every
/// fifth paragraph also repeats the senator's name, as letters do.
fn template_of(bytes: usize, fields: usize) -> String {
    let mut out = String::from("Dear Senator {{senator: Senator's last name}},\n\n");
    // `senator`, `name` and `address` are three of the fields.
    let numbered = fields.saturating_sub(3);
    for i in 0..numbered {
        let para_end = (i + 1) * bytes / (numbered + 1);
        while out.len() < para_end {
            out.push_str(PROSE);
        }
        out.push_str(&format!("{{{{f{i}: Detail number {i}}}}}"));
        if i % 5 == 4 {
            out.push_str(", Senator {{senator}}");
        }
        out.push_str(".\n\n");
    }
    while out.len() < bytes {
        out.push_str(PROSE);
    }
    out.push_str(
        "\n\nRespectfully,\n{{name: Your full name}}\n{{address: Your address | multiline}}\n",
    );
    out
}

struct Stats {
    median_us: f64,
    mean_us: f64,
}

/// One measurement of an operation at one letter size, for the scaling table.
struct Scaled {
    operation: &'static str,
    bytes: usize,
    fields: usize,
    /// What was counted, and how many: ("edits", 1000), ("runs", 30).
    runs: (&'static str, usize),
}

impl Scaled {
    /// Adds the row to the printed table and the JSON, its cost per KB set
    /// against the first size's (`base`).
    fn push(
        &self,
        s: &Stats,
        base: &mut Option<f64>,
        table: &mut Vec<String>,
        rows: &mut Vec<serde_json::Value>,
    ) {
        let kb = self.bytes as f64 / 1024.0;
        let per_kb = s.mean_us / kb;
        let base = *base.get_or_insert(per_kb);
        table.push(format!(
            "{:<12} {:>6.0} KB {:>7} {:>12.2} {:>12.2} {:>10.3} {:>15.2}",
            self.operation,
            kb,
            self.fields,
            s.median_us,
            s.mean_us,
            per_kb,
            per_kb / base
        ));
        let mut row = serde_json::json!({
            "operation": self.operation, "bytes": self.bytes, "fields": self.fields,
            "median_us": s.median_us, "mean_us": s.mean_us,
            "us_per_kb": per_kb, "per_kb_vs_2kb": per_kb / base,
        });
        row[self.runs.0] = self.runs.1.into();
        rows.push(row);
    }
}

fn stats(mut samples: Vec<Duration>) -> Stats {
    samples.sort();
    let us = |d: Duration| d.as_secs_f64() * 1e6;
    let mean = samples.iter().map(|d| us(*d)).sum::<f64>() / samples.len() as f64;
    Stats {
        median_us: us(samples[samples.len() / 2]),
        mean_us: mean,
    }
}

fn filled_letter(template: &Template) -> Letter {
    let mut letter = Letter::new(template);
    for i in 0..template.fields.len() {
        letter.set_field(i, &format!("value {i}"));
    }
    letter
}

/// Types a character at a random place and deletes it again, `EDITS` times
/// in all, timing only the engine call.
/// With `in_field`, every edit lands inside a random field's text, so each
/// keystroke changes a value and rewrites all of that field's marks.
fn keystrokes(template: &Template, through_text: bool, in_field: bool) -> Stats {
    let mut letter = filled_letter(template);
    let mut rng = Lcg(42);
    let mut samples = Vec::with_capacity(EDITS);
    for _ in 0..EDITS / 2 {
        let text = letter.text();
        let mut at = if in_field {
            let m = letter.marks()[rng.next(letter.marks().len())];
            m.start + 1 + rng.next(m.end - m.start - 1)
        } else {
            rng.next(text.len())
        };
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        if through_text {
            let mut typed = String::with_capacity(text.len() + 1);
            typed.push_str(&text[..at]);
            typed.push('x');
            typed.push_str(&text[at..]);
            let start = Instant::now();
            let caret = letter.apply_text_at(&typed, Some(at + 1));
            samples.push(start.elapsed());
            // Backspace.
            let text = letter.text();
            let mut deleted = String::with_capacity(text.len());
            deleted.push_str(&text[..caret - 1]);
            deleted.push_str(&text[caret..]);
            let start = Instant::now();
            letter.apply_text_at(&deleted, Some(caret - 1));
            samples.push(start.elapsed());
        } else {
            let start = Instant::now();
            let caret = letter.replace(at, at, "x");
            samples.push(start.elapsed());
            let start = Instant::now();
            letter.replace(caret - 1, caret, "");
            samples.push(start.elapsed());
        }
    }
    std::hint::black_box(letter.text().len());
    stats(samples)
}

fn main() {
    let mut rows = Vec::new();
    let mut table = vec![format!(
        "{:<12} {:>9} {:>7} {:>12} {:>12} {:>10} {:>15}",
        "operation", "size", "fields", "median µs", "mean µs", "µs per KB", "per-KB vs 2 KB"
    )];

    let source = template_of(100 * 1024, 200);
    let template = parse(&source).expect("bench template parses");
    let runs = 30;
    let parse_samples: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(parse(std::hint::black_box(&source)).ok());
            start.elapsed()
        })
        .collect();
    let p = stats(parse_samples);
    let kb = source.len() as f64 / 1024.0;
    table.push(format!(
        "{:<12} {:>6.0} KB {:>7} {:>12.1} {:>12.1} {:>10.2} {:>15}",
        "parse",
        kb,
        template.fields.len(),
        p.median_us,
        p.mean_us,
        p.mean_us / kb,
        "-"
    ));
    rows.push(serde_json::json!({
        "operation": "parse", "bytes": source.len(), "fields": template.fields.len(),
        "runs": runs, "median_us": p.median_us, "mean_us": p.mean_us, "us_per_kb": p.mean_us / kb,
    }));

    for (operation, through_text, in_field) in [
        ("apply_text", true, false),
        ("in a field", true, true),
        ("replace", false, false),
    ] {
        let mut base_per_kb = None;
        for size_kb in [2usize, 20, 200] {
            // About one field per KB, at least 5.
            let source = template_of(size_kb * 1024, size_kb.max(5));
            let template = parse(&source).expect("bench template parses");
            let letter_bytes = filled_letter(&template).text().len();
            let s = keystrokes(&template, through_text, in_field);
            let at = Scaled {
                operation,
                bytes: letter_bytes,
                fields: template.fields.len(),
                runs: ("edits", EDITS),
            };
            at.push(&s, &mut base_per_kb, &mut table, &mut rows);
        }
    }

    // How much of the letter is the reader's own words (issue 19): a filled
    // letter with a sentence of the reader's in every paragraph.
    let mut base_per_kb = None;
    for size_kb in [2usize, 20, 200] {
        let source = template_of(size_kb * 1024, size_kb.max(5));
        let template = parse(&source).expect("bench template parses");
        let mut letter = filled_letter(&template);
        let own = letter.text().replace("\n\n", " A sentence of my own.\n\n");
        letter.apply_text(&own);
        let samples: Vec<Duration> = (0..30)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(own_words(std::hint::black_box(&letter), &template));
                start.elapsed()
            })
            .collect();
        let s = stats(samples);
        let at = Scaled {
            operation: "own_words",
            bytes: letter.text().len(),
            fields: template.fields.len(),
            runs: ("runs", 30),
        };
        at.push(&s, &mut base_per_kb, &mut table, &mut rows);
    }

    println!("{}", table.join("\n"));
    let path = std::env::var("BENCH_JSON").unwrap_or_else(|_| "bench-results/engine.json".into());
    let json = serde_json::to_string_pretty(&serde_json::json!({ "engine": rows }))
        .expect("plain numbers serialise");
    if let Some(dir) = std::path::Path::new(&path).parent() {
        let _ = std::fs::create_dir_all(dir);
    }
    match std::fs::write(&path, json + "\n") {
        Ok(()) => println!("wrote {path}"),
        Err(e) => eprintln!("could not write {path}: {e}"),
    }
}
