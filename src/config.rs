//! What the organiser set on the element: its attributes read and checked
//! (`letter-id`, `subject`, `to`, `max-length`, `own-words`), where its recipients list
//! comes from, and the error the organiser sees when one is wrong.

use crate::browser;
use crate::template::Template;
use web_sys::Element;

/// What the organiser set on the element.
#[derive(Clone, Debug, PartialEq)]
pub struct WidgetConfig {
    /// Key of the reader's draft in localStorage.
    pub letter_id: String,
    /// Subject line for email, downloads and shares.
    pub subject: String,
    /// Recipients of the Email action.
    pub to: Vec<String>,
    /// Character limit, counted as web forms count.
    pub max_length: Option<usize>,
    /// Whether the letter came in a letter link (the `from-link` attribute,
    /// set by the standalone page's link mode): then whoever sent the link
    /// wrote it, so the reader's remembered details stay out of it.
    pub from_link: bool,
    /// Whether the line about the reader's own words is shown (the
    /// `own-words` attribute: `off` turns it off).
    pub own_words: bool,
}

/// A problem the organiser must fix, shown inside the widget.
#[derive(Clone, Debug, PartialEq)]
pub struct SetupError {
    /// Where the problem is ("template", "attribute max-length", ...).
    pub place: String,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Largest `max-length` an organiser may set.
const MAX_LENGTH_LIMIT: usize = 1_000_000;

/// Where the organiser's recipients list comes from.
#[derive(Clone, Debug, PartialEq)]
pub enum RecipientsSource {
    /// The text of `<script type="application/json" slot="recipients">` in the element.
    Inline(String),
    /// The `recipients-src` attribute: an address relative to the page.
    Src(String),
}

/// The recipients list attached to `host`, if any: an inline script wins
/// over `recipients-src`. (The script's text is never letter text: the
/// template reader skips `<script>`.)
pub fn recipients_source(host: &Element) -> Option<RecipientsSource> {
    if let Ok(Some(script)) = host.query_selector("script[slot=recipients]") {
        return Some(RecipientsSource::Inline(
            script.text_content().unwrap_or_default(),
        ));
    }
    host.get_attribute("recipients-src")
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty())
        .map(RecipientsSource::Src)
}

/// Reads and checks the element's attributes.
pub fn read_config(host: &Element, template: &Template) -> Result<WidgetConfig, SetupError> {
    let attr = |name: &str| host.get_attribute(name).map(|v| v.trim().to_owned());
    let max_length = match attr("max-length").filter(|v| !v.is_empty()) {
        None => None,
        Some(v) => match v.parse::<usize>() {
            Ok(n) if n > 0 && n <= MAX_LENGTH_LIMIT => Some(n),
            _ => {
                return Err(SetupError {
                    place: "attribute max-length".into(),
                    message: format!(
                        "max-length=\"{v}\" is not a usable limit; write a whole number of characters from 1 to {MAX_LENGTH_LIMIT}, such as max-length=\"5000\", or leave the attribute out"
                    ),
                })
            }
        },
    };
    let own_words = own_words(attr("own-words"))?;
    let mut to = Vec::new();
    for address in attr("to")
        .unwrap_or_default()
        .split([',', ';'])
        .map(str::trim)
        .filter(|a| !a.is_empty())
    {
        if !looks_like_email(address) {
            return Err(SetupError {
                place: "attribute to".into(),
                message: format!(
                    "to=\"…{address}…\" is not an email address; list addresses separated by commas, such as to=\"office@example.org\""
                ),
            });
        }
        to.push(address.to_owned());
    }
    let letter_id = match attr("letter-id").filter(|v| !v.is_empty()) {
        Some(id) if id.len() <= 200 => id,
        Some(_) => {
            return Err(SetupError {
                place: "attribute letter-id".into(),
                message: "letter-id is longer than 200 characters; use a short name such as letter-id=\"beijing-65\"".into(),
            })
        }
        None => {
            let path = browser::window().location().pathname().unwrap_or_default();
            format!("{path}#{}", template.fingerprint())
        }
    };
    Ok(WidgetConfig {
        letter_id,
        subject: attr("subject").unwrap_or_default(),
        to,
        max_length,
        from_link: host.has_attribute("from-link"),
        own_words,
    })
}

/// The `own-words` attribute: absent, empty or `on` shows the line about
/// the reader's own words, `off` leaves it out.
fn own_words(value: Option<String>) -> Result<bool, SetupError> {
    match value.map(|v| v.to_ascii_lowercase()).as_deref() {
        None | Some("" | "on") => Ok(true),
        Some("off") => Ok(false),
        Some(v) => Err(SetupError {
            place: "attribute own-words".into(),
            message: format!(
                "own-words=\"{v}\" is not a setting; write own-words=\"off\" to leave out the line that invites readers to add their own words, or leave the attribute out"
            ),
        }),
    }
}

fn looks_like_email(s: &str) -> bool {
    let Some((user, domain)) = s.rsplit_once('@') else {
        return false;
    };
    !user.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !s
            .chars()
            .any(|c| c.is_whitespace() || c == '<' || c == '>' || c == '"')
}
