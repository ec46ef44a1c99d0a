//! The placeholders real letters use instead of `{{…}}`: `[YOUR NAME]` and its
//! relatives, and `<zip code>` or `(senator's name)` in call scripts. Decides
//! what one bracket means (a field, a note to the sender, or plain text) and
//! which field it is, so one meaning is one field.

/// The bracket a placeholder is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// `[…]`, also Markdown-escaped `\[…\]`.
    Square,
    /// `<…>` or `(…)`: only when it clearly asks for details.
    Script,
}

/// What a bracket turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Meaning {
    /// A blank for the reader.
    Field(Placeholder),
    /// A note to the sender: shown beside the letter, left out of it.
    Note(String),
    /// Not a placeholder: stays in the letter as written.
    Text,
}

/// The field a placeholder asks for.
#[derive(Clone, Debug, PartialEq)]
pub struct Placeholder {
    /// The field's key: a well-known key (`name`, `email`, ...), `recipient` in
    /// a greeting, or one made from the words (`neighborhood_or_city`).
    pub key: String,
    /// The label the form shows.
    pub label: String,
    /// A prompt: asked for with a text area.
    pub multiline: bool,
    /// Marked `OPTIONAL`, "if you wish", "(optional)" or "if available".
    pub optional: bool,
}

/// Well-known meanings, as written after `YOUR`/`INSERT`/`HERE` are dropped.
const KNOWN: &[(&str, &[&str])] = &[
    (
        "name",
        &[
            "name",
            "full name",
            "first and last name",
            "printed name",
            "signature",
        ],
    ),
    (
        "email",
        &["email", "e-mail", "email address", "e-mail address"],
    ),
    (
        "address",
        &[
            "address",
            "street address",
            "home address",
            "mailing address",
            "full address",
        ],
    ),
    (
        "phone",
        &[
            "phone",
            "phone number",
            "telephone",
            "telephone number",
            "cell",
            "cell phone",
            "mobile",
            "mobile number",
            "phone #",
        ],
    ),
    ("city", &["city", "town", "city or town", "town or city"]),
    ("state", &["state", "province"]),
    (
        "zip",
        &[
            "zip",
            "zip code",
            "zipcode",
            "postcode",
            "postal code",
            "post code",
        ],
    ),
    (
        "date",
        &["date", "today's date", "todays date", "current date"],
    ),
];

/// Words naming the person the letter goes to.
const ROLES: &[&str] = &[
    "senator",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "congressperson",
    "councilmember",
    "council member",
    "councillor",
    "councilor",
    "mayor",
    "governor",
    "official",
    "legislator",
    "assemblymember",
    "delegate",
    "supervisor",
    "commissioner",
    "recipient",
    "member",
];

/// How a note to the sender starts (or it holds brackets of its own).
const NOTE_STARTS: &[&str] = &[
    "note",
    "nb",
    "n.b",
    "don't",
    "dont",
    "don’t",
    "do not",
    "make sure",
    "be sure",
    "remember",
    "replace",
    "delete",
    "remove",
    "fill in",
    "before sending",
    "tip",
];

/// Brackets scholars and editors use, which are never blanks.
const EDITORIAL: &[&str] = &[
    "sic",
    "sic!",
    "emphasis added",
    "emphasis mine",
    "citation needed",
];

const OPTIONAL_MARKS: &[&str] = &[
    "(optional)",
    "optional",
    "if you wish",
    "if available",
    "if applicable",
];

/// Longest bracket (in bytes) that can be a placeholder or a note.
pub const MAX_INNER: usize = 400;

/// What the bracket holding `inner` means; `before` and `after` are the rest
/// of its line on either side.
pub fn classify(inner: &str, shape: Shape, before: &str, after: &str) -> Meaning {
    let text = inner.trim();
    let lower = text.to_ascii_lowercase();
    let attached = before
        .chars()
        .next_back()
        .is_some_and(crate::chars::is_word_char)
        || after.chars().next().is_some_and(crate::chars::is_word_char);
    if attached || inner.len() > MAX_INNER || !text.chars().any(|c: char| c.is_ascii_alphabetic()) {
        return Meaning::Text;
    }
    if shape == Shape::Square && is_note(text, &lower) {
        return Meaning::Note(text.to_string());
    }
    if is_link(&lower) || after.starts_with('(') || EDITORIAL.contains(&lower.as_str()) {
        return Meaning::Text;
    }
    let (words, optional) = strip_optional(&clean(text));
    let phrase = strip_filler(&words);
    let greeting = is_greeting(before) && !lower.starts_with("your");
    let asks = match shape {
        Shape::Square => {
            asks_in_square(text, &lower) || known(&phrase.to_ascii_lowercase()).is_some()
        }
        Shape::Script => asks_in_script(&lower, &phrase.to_ascii_lowercase()),
    };
    if !asks || phrase.is_empty() {
        return Meaning::Text;
    }
    field(&phrase, optional, greeting).map_or(Meaning::Text, Meaning::Field)
}

/// The field for a phrase already stripped of `YOUR`, `INSERT`, `HERE`.
fn field(phrase: &str, optional: bool, greeting: bool) -> Option<Placeholder> {
    let lower = phrase.to_ascii_lowercase();
    let choices: Vec<&str> = phrase
        .split('/')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    let label_words = choices
        .iter()
        .map(|c| unshout(&strip_filler(c)))
        .collect::<Vec<_>>()
        .join(" or ");
    let label = sentence_case(&label_words.replace(['|', '{', '}'], " "));
    let prompt = is_prompt(&lower);
    let key = if greeting && !prompt {
        "recipient".to_string()
    } else {
        let mut known_keys = choices
            .iter()
            .map(|c| known(&strip_filler(c).to_ascii_lowercase()));
        match known_keys.next().flatten() {
            Some(first) if known_keys.all(|k| k == Some(first)) => first.to_string(),
            _ => slug(&label_words)?,
        }
    };
    let label = if greeting && known(&lower) == Some("name") {
        "Recipient's name".to_string()
    } else {
        label
    };
    Some(Placeholder {
        key,
        label,
        multiline: prompt,
        optional,
    })
}

fn is_note(text: &str, lower: &str) -> bool {
    text.contains(['[', ']'])
        || lower.contains("bracket")
        || NOTE_STARTS.iter().any(|s| {
            lower.starts_with(s)
                && !lower[s.len()..].starts_with(|c: char| c.is_ascii_alphanumeric())
        })
}

fn is_link(lower: &str) -> bool {
    lower.contains("://")
        || lower.starts_with("www.")
        || lower.starts_with("mailto:")
        || (!lower.contains(' ')
            && lower.rsplit_once('.').is_some_and(|(_, tld)| {
                tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_lowercase())
            }))
}

/// Square brackets ask when written in capitals or starting with one, or
/// starting with `your`/`insert`: `[led]` and `[x]` inside quotations do not.
fn asks_in_square(text: &str, lower: &str) -> bool {
    text.chars()
        .find(|c| c.is_ascii_alphabetic())
        .is_some_and(|c: char| c.is_ascii_uppercase())
        || lower.starts_with("your")
        || lower.starts_with("insert")
}

/// Angle brackets and parentheses ask only when short and clearly about
/// details: `<zip code>`, `(your name)`, `(senator's name)`, `(bill number)`.
fn asks_in_script(lower: &str, phrase: &str) -> bool {
    let short = lower.split_whitespace().count() <= 4 && !lower.contains(['.', ',', ';', '!', '?']);
    short
        && (lower.starts_with("your")
            || lower.starts_with("insert")
            || known(phrase).is_some()
            || phrase
                .split(['/', ' '])
                .any(|w| ROLES.contains(&w.trim_end_matches("'s").trim_end_matches("’s")))
            || phrase.ends_with(" name")
            || phrase.ends_with(" number"))
}

/// Long or instruction-like brackets are prompts for a few sentences.
fn is_prompt(lower: &str) -> bool {
    const VERBS: &[&str] = &[
        "talk", "describe", "share", "explain", "tell", "write", "add", "mention", "include",
        "why", "how",
    ];
    const TOPICS: &[&str] = &[
        "story",
        "experience",
        "example",
        "reason",
        "personal",
        "sentence",
        "paragraph",
    ];
    lower.split_whitespace().count() > 4
        || lower
            .split_whitespace()
            .next()
            .is_some_and(|w| VERBS.contains(&w))
        || lower.split_whitespace().any(|w| TOPICS.contains(&w))
}

pub fn is_greeting(before: &str) -> bool {
    // Greetings are short; a long line costs no more than a short one.
    if before.len() > 60 {
        return false;
    }
    let words: Vec<String> = before
        .split_whitespace()
        .take(5)
        .map(str::to_lowercase)
        .collect();
    matches!(
        words.first().map(String::as_str),
        Some("dear" | "to" | "hello" | "hi" | "attn:" | "attention:")
    ) && words.len() <= 4
}

/// The meaning's key if it is a well-known one.
pub fn known(lower: &str) -> Option<&'static str> {
    KNOWN
        .iter()
        .find(|(_, forms)| forms.contains(&lower))
        .map(|(key, _)| *key)
}

/// Markdown escapes and underscores gone, spaces collapsed.
fn clean(text: &str) -> String {
    let text = text.replace('\\', "").replace('_', " ");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Removes the optional markers, saying whether there was one.
fn strip_optional(words: &str) -> (String, bool) {
    // ASCII lowercase keeps byte offsets, so `at` indexes `words` too.
    let lower = words.to_ascii_lowercase();
    for mark in OPTIONAL_MARKS {
        if let Some(at) = lower.find(mark) {
            let (head, tail) = (&words[..at], &words[at + mark.len()..]);
            let trim = |s: &str| {
                s.trim_matches(|c: char| {
                    c.is_ascii_whitespace() || matches!(c, '-' | ':' | ',' | '–' | '—' | '(' | ')')
                })
                .to_string()
            };
            let rest = [trim(head), trim(tail)]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>();
            return (rest.join(": "), true);
        }
    }
    (words.to_string(), false)
}

/// `INSERT YOUR NAME HERE` -> `NAME`.
fn strip_filler(words: &str) -> String {
    let mut list: Vec<&str> = words.split_whitespace().collect();
    while list.first().is_some_and(|w| {
        matches!(
            w.to_ascii_lowercase().as_str(),
            "insert" | "enter" | "your" | "the"
        )
    }) {
        list.remove(0);
    }
    while list.last().is_some_and(|w| w.eq_ignore_ascii_case("here")) {
        list.pop();
    }
    list.join(" ")
        .trim_matches(|c: char| matches!(c, ':' | '-' | ',' | '.'))
        .trim()
        .to_string()
}

/// `NEIGHBORHOOD or CITY` -> `Neighborhood or city`; mixed case is kept.
fn sentence_case(words: &str) -> String {
    let words = unshout(words);
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_ascii_uppercase().to_string() + chars.as_str()
    })
}

/// `NEIGHBORHOOD` -> `neighborhood`; mixed case is kept.
fn unshout(words: &str) -> String {
    if words.chars().any(|c: char| c.is_ascii_lowercase()) {
        words.to_string()
    } else {
        words.to_ascii_lowercase()
    }
}

/// A key from the words: lowercase ASCII letters and digits joined by `_`.
fn slug(words: &str) -> Option<String> {
    let mut out = String::new();
    for c in words.chars().flat_map(|c| [c.to_ascii_lowercase()]) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('_') && c != '\'' && c != '’' {
            out.push('_');
        }
        if out.len() >= 40 {
            break;
        }
    }
    let out = out.trim_end_matches('_').to_string();
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(inner: &str) -> Option<(String, String, bool, bool)> {
        match classify(inner, Shape::Square, "", "") {
            Meaning::Field(p) => Some((p.key, p.label, p.multiline, p.optional)),
            _ => None,
        }
    }

    #[test]
    fn one_meaning_one_key() {
        for form in [
            "NAME",
            "YOUR NAME",
            "INSERT YOUR NAME HERE",
            "Your Name",
            "your name",
            "YOUR_NAME",
            "YOUR NAME ",
            "NAME HERE",
            "INSERT NAME",
        ] {
            assert_eq!(key(form).unwrap().0, "name", "{form}");
        }
        assert_eq!(key("YOUR PHONE NUMBER").unwrap().0, "phone");
        assert_eq!(key("PHONE_NUMBER").unwrap().0, "phone");
        assert_eq!(key("TOWN").unwrap().0, "city");
        assert_eq!(key("YOUR EMAIL").unwrap().0, "email");
    }

    #[test]
    fn slash_choices_are_labelled_as_the_choice() {
        let (k, label, ..) = key("NEIGHBORHOOD/CITY").unwrap();
        assert_eq!(
            (k.as_str(), label.as_str()),
            ("neighborhood_or_city", "Neighborhood or city")
        );
        assert_eq!(
            key("YOUR DISTRICT/NEIGHBORHOOD").unwrap().1,
            "District or neighborhood"
        );
    }

    #[test]
    fn prompts_and_optional_markers() {
        let (_, label, multi, opt) =
            key("OPTIONAL - Talk about your own experience with the shelter").unwrap();
        assert!(multi && opt);
        assert_eq!(label, "Talk about your own experience with the shelter");
        let (_, _, multi, opt) = key("INSERT PERSONAL EXAMPLE IF AVAILABLE").unwrap();
        assert!(opt && multi);
        assert!(key("Resident Name, District (optional)").unwrap().3);
    }

    #[test]
    fn not_placeholders() {
        for (inner, before, after) in [
            ("1", "", ""),
            ("...", "", ""),
            ("led", "organization ", " to"),
            ("r", "", "evenues"),
            ("https://example.org/a", "", ""),
            ("sic", "", ""),
            ("here", "", "(https://x.org)"),
        ] {
            assert_eq!(
                classify(inner, Shape::Square, before, after),
                Meaning::Text,
                "{inner}"
            );
        }
        assert!(matches!(
            classify("Don't forget to replace the [x]'s", Shape::Square, "", ""),
            Meaning::Note(_)
        ));
    }

    #[test]
    fn scripts_ask_only_for_details() {
        assert!(
            matches!(classify("zip code", Shape::Script, "", ""), Meaning::Field(p) if p.key == "zip")
        );
        assert!(matches!(
            classify("senator's name", Shape::Script, "", ""),
            Meaning::Field(_)
        ));
        assert_eq!(
            classify("and my family", Shape::Script, "", ""),
            Meaning::Text
        );
        assert_eq!(classify("optional", Shape::Script, "", ""), Meaning::Text);
    }

    #[test]
    fn a_greeting_names_the_recipient() {
        assert!(
            matches!(classify("SENATOR'S NAME", Shape::Square, "Dear ", ","), Meaning::Field(p) if p.key == "recipient" && p.label == "Senator's name")
        );
    }
}
