//! Fuzzing the parsers an organiser's text goes through: never a panic, errors
//! that point inside the text, and no input shape that makes them slow.

use std::time::{Duration, Instant};

use letter_engine::letter::Letter;
use letter_engine::markup::template_text_from_markup;
use letter_engine::template::{parse, Segment, Template, TemplateErrorKind};
use proptest::prelude::*;

mod collection;

/// The fields as the form offers them: key, label, multiline, optional.
fn form(t: &Template) -> Vec<(String, String, bool, bool)> {
    t.fields
        .iter()
        .map(|f| (f.key.clone(), f.label.clone(), f.multiline, f.optional))
        .collect()
}

/// Template syntax characters, heavily weighted, plus a little of everything else.
fn template_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(&["{", "{{", "}", "}}", "\\", "|", ":", "_", "___", "\n", " ", "[", "]", "\\[", "\\]", "<", ">", "(", ")", "[[", "]]"][..])
            .prop_map(str::to_string),
        3 => prop::sample::select(&["a", "key", "Name", "multiline", "optional", "-", "é", "한", "👩‍👩‍👧", "\u{301}", "\r", "\t", "YOUR NAME", "your", "INSERT", "/", "Note:", "Dear ", "1", "http://x.y", "'s"][..])
            .prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

fn markup_like() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        6 => prop::sample::select(&[
            "<p>", "</p>", "<br>", "<br />", "<div>", "</div>", "<li>", "<ol>", "</ul>", "<pre>", "</pre>",
            "<template>", "</template>", "<script>", "</script>", "<!--", "-->", "<", ">", "</", "\"", "'",
            "&", ";", "&#", "&#x", "&amp;", "&nbsp;", "&#8217;", "&#xD800;", "&#99999999;", "\n", " ",
        ][..])
        .prop_map(str::to_string),
        3 => prop::sample::select(&["a", "{{x}}", "é", "한", "👩‍👩‍👧", "=", "_"][..]).prop_map(str::to_string),
        1 => any::<char>().prop_map(String::from),
    ];
    prop::collection::vec(piece, 0..120).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(10_000))]

    #[test]
    fn parse_never_panics_and_errors_point_into_the_text(text in template_like()) {
        match parse(&text) {
            Ok(t) => {
                for segment in &t.segments {
                    if let Segment::Field(i) = segment {
                        prop_assert!(*i < t.fields.len());
                    }
                }
                for f in &t.fields {
                    prop_assert!(!f.label.is_empty(), "every field has a label");
                }
                // The builder's rewrite in `{{…}}` offers the same form (a
                // backslash right before a blank would turn into `\{{`, which
                // the rewrite leaves as written).
                if !text.contains('\\') {
                    let rewritten = parse(&t.in_braces());
                    prop_assert!(rewritten.is_ok(), "rewrite {:?} of {:?} fails", t.in_braces(), text);
                    prop_assert_eq!(form(&rewritten.unwrap()), form(&t));
                }
                // Whatever parses renders into a letter.
                let letter = Letter::new(&t);
                prop_assert_eq!(letter.marks().len(), t.segments.iter().filter(|s| matches!(s, Segment::Field(_))).count());
            }
            Err(e) => {
                prop_assert!(!e.to_string().is_empty());
                if e.kind != TemplateErrorKind::EmptyTemplate {
                    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
                    let line = normalised.split('\n').nth(e.line - 1);
                    prop_assert!(line.is_some(), "line {} out of range", e.line);
                    let len = line.unwrap_or("").chars().count();
                    prop_assert!(e.column >= 1 && e.column <= len, "column {} beyond line of {} chars", e.column, len);
                }
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    /// The collection's letters with template-like text spliced in anywhere:
    /// never a panic, and the rewrite in `{{…}}` still offers the same form.
    #[test]
    fn collection_letters_with_noise_parse_and_rewrite(
        which in 0usize..1000,
        at in 0usize..10_000,
        noise in template_like(),
    ) {
        let cases = collection::collection();
        let text = &cases[which % cases.len()].text;
        let mut at = at % (text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        let spliced = format!("{}{noise}{}", &text[..at], &text[at..]);
        if let Ok(t) = parse(&spliced) {
            prop_assume!(!spliced.contains('\\'));
            let rewritten = parse(&t.in_braces()).expect("the rewrite parses");
            prop_assert_eq!(form(&rewritten), form(&t));
            let _ = Letter::new(&t);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3_000))]

    #[test]
    fn markup_never_panics_and_yields_trimmed_text(html in markup_like()) {
        let text = template_text_from_markup(&html);
        prop_assert!(!text.starts_with('\n') && !text.ends_with('\n'));
        prop_assert!(!text.contains('\r'));
    }
}

/// Generous in a debug build on a busy machine, yet hundreds of times less
/// than quadratic work on these inputs would take.
const BUDGET: Duration = Duration::from_secs(3);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < BUDGET, "{what} took {took:?}");
    out
}

#[test]
fn adversarial_templates_parse_in_linear_time() {
    let n = 200_000;
    let cases = [
        ("open braces", "{{".repeat(n / 2)),
        ("escapes", "\\{{".repeat(n / 3)),
        ("close braces", "}}".repeat(n / 2)),
        ("underscores", "a ___ ".repeat(n / 6)),
        ("one long run", "_".repeat(n)),
        ("fields on one line", "{{a: A}} ".repeat(n / 9)),
        ("unclosed at the end", format!("{}{{{{", "x".repeat(n))),
        ("pipes", format!("{{{{a{}}}}}", "|".repeat(n))),
        ("open square brackets", "[".repeat(n)),
        (
            "nested square brackets",
            format!("{}{}", "[".repeat(n / 2), "]".repeat(n / 2)),
        ),
        ("escaped brackets", "\\[".repeat(n / 2)),
        ("escaped pairs", "\\[A\\]".repeat(n / 6)),
        ("unclosed brackets", "[YOUR NAME ".repeat(n / 11)),
        ("placeholders on one line", "[YOUR NAME] ".repeat(n / 12)),
        ("notes on one line", "[Note: x] ".repeat(n / 10)),
        ("angles and parentheses", "<(".repeat(n / 2)),
        ("doubled brackets", "[[A]]".repeat(n / 5)),
    ];
    for (what, text) in cases {
        let _ = timed(what, || parse(&text));
    }
}

#[test]
fn adversarial_markup_converts_in_linear_time() {
    let n = 200_000;
    let cases = [
        ("unclosed tags", "<a".repeat(n / 2)),
        ("open quotes", format!("<a title=\"{}", "x".repeat(n))),
        ("comments", "<!--".repeat(n / 4)),
        ("paragraphs", "<p>a</p>".repeat(n / 8)),
        ("breaks", "<br>".repeat(n / 4)),
        ("breaks in paragraphs", "<p><br>".repeat(n / 4)),
        ("ampersands", "&".repeat(n)),
        ("script", format!("<script>{}", "<".repeat(n))),
        ("nested templates", "<template>".repeat(n / 10)),
    ];
    for (what, html) in cases {
        let _ = timed(what, || template_text_from_markup(&html));
    }
}
