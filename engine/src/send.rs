//! Getting the finished letter out: the `mailto:` link and the download's
//! file name. Pure functions, so they are tested natively.

use crate::chars::is_word_char;

/// Longest `mailto:` body (percent-encoded) that mail clients reliably accept.
pub const MAILTO_LIMIT: usize = 1800;

/// Percent-encodes `s` the way `encodeURIComponent` does.
pub fn encode_component(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The `mailto:` link for the letter, and whether the body was too long to
/// include (the link then carries only recipients and subject, and the
/// letter goes to the clipboard instead).
pub fn mailto(to: &[String], subject: &str, text: &str) -> (String, bool) {
    // Addresses keep their "@" (RFC 6068 allows it, and some mail programs
    // do not decode it).
    let to = to
        .iter()
        .map(|a| encode_component(a).replace("%40", "@"))
        .collect::<Vec<_>>()
        .join(",");
    // Mail bodies use CRLF line breaks (RFC 6068).
    let body = encode_component(&text.replace('\n', "\r\n"));
    let too_long = body.len() > MAILTO_LIMIT;
    // A line break in the subject would start a header of the attacker's
    // choosing in some mail programs (Bcc:, a second body): one line only.
    let subject: String = subject
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let mut href = format!("mailto:{to}?subject={}", encode_component(&subject));
    if !too_long {
        href.push_str("&body=");
        href.push_str(&body);
    }
    (href, too_long)
}

/// A file name for the downloaded letter, from its subject, else its id.
pub fn download_name(subject: &str, letter_id: &str) -> String {
    let source = if subject.trim().is_empty() {
        letter_id
    } else {
        subject
    };
    let mut name = String::new();
    for c in source.chars() {
        if name.chars().count() >= 60 {
            break;
        }
        if is_word_char(c) {
            name.push(c.to_ascii_lowercase());
        } else if !name.is_empty() && !name.ends_with('-') {
            name.push('-');
        }
    }
    let name = name.trim_end_matches('-');
    if name.is_empty() {
        "letter.txt".to_owned()
    } else {
        format!("{name}.txt")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_name_comes_from_subject_then_id() {
        assert_eq!(
            download_name("Please help the 65 refugees", "x"),
            "please-help-the-65-refugees.txt"
        );
        assert_eq!(download_name("  ", "/posts/a#f00"), "posts-a-f00.txt");
        assert_eq!(download_name("!!!", ""), "letter.txt");
        assert_eq!(
            download_name("난민을 도와주세요", ""),
            "난민을-도와주세요.txt"
        );
    }

    #[test]
    fn encoding_matches_encode_uri_component() {
        assert_eq!(encode_component("a b&c=d/é\n"), "a%20b%26c%3Dd%2F%C3%A9%0A");
        assert_eq!(encode_component("-_.!~*'()"), "-_.!~*'()");
    }

    #[test]
    fn mailto_carries_recipients_subject_and_crlf_body() {
        let (href, too_long) = mailto(
            &["a@example.org".into(), "b@example.org".into()],
            "Help now",
            "Dear Senator,\nThanks",
        );
        assert!(!too_long);
        assert_eq!(
            href,
            "mailto:a@example.org,b@example.org?subject=Help%20now&body=Dear%20Senator%2C%0D%0AThanks"
        );
    }

    #[test]
    fn mailto_subject_stays_on_one_line() {
        let (href, _) = mailto(
            &["a@example.org".into()],
            "Help\r\nBcc: spy@example.net\n\u{85}x",
            "",
        );
        assert!(!href.contains("%0D") && !href.contains("%0A"), "{href}");
        assert!(!href.contains("%C2%85"), "{href}");
        assert_eq!(
            href,
            "mailto:a@example.org?subject=Help%20%20Bcc%3A%20spy%40example.net%20%20x&body="
        );
    }

    #[test]
    fn mailto_drops_a_body_too_long_for_mail_clients() {
        let (href, too_long) = mailto(&[], "S", &"x".repeat(MAILTO_LIMIT + 1));
        assert!(too_long);
        assert_eq!(href, "mailto:?subject=S");
    }
}
