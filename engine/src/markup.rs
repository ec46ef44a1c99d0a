//! Turns the blog markup around a letter (what `innerHTML` gives, after blog
//! engines have wrapped it in `<p>` and `<br>`) back into plain template text
//! with the organiser's line structure.
//!
//! Two modes. Markup with line-breaking tags (`<p>`, `<br>`, `<div>`, `<li>`,
//! headings, ...) is read the way a browser lays it out: whitespace in text
//! collapses and the tags make the line breaks. Text without any such tag is
//! what an organiser typed inside the element, so its own newlines are the line
//! breaks (inline tags such as `<em>` are dropped, common indentation removed).

use std::borrow::Cow;

/// Elements whose start and end are line breaks (CSS `display: block` and friends).
const BLOCK: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "tfoot",
    "thead",
    "tr",
    "ul",
];

/// Elements whose content is not letter text.
const SKIPPED: &[&str] = &["template", "script", "style", "noscript", "head", "title"];

/// Converts the element's markup to template text (see the module docs).
/// Where a browser has parsed the markup already, walking its nodes into
/// [`Event`]s for [`template_text_from_events`] gives the same text.
pub fn template_text_from_markup(html: &str) -> String {
    // As the HTML parser does before anything else.
    let html = html.replace("\r\n", "\n").replace('\r', "\n");
    template_text_from_events(&events(&html))
}

/// Whether an element's content is not letter text (`<script>`, `<template>`, ...).
pub fn is_skipped(name: &str) -> bool {
    SKIPPED.contains(&name)
}

/// Converts markup, as a sequence of [`Event`]s, to template text (see the
/// module docs).
pub fn template_text_from_events(events: &[Event<'_>]) -> String {
    let has_line_tags = events.iter().any(|e| match e {
        Event::Open(name) | Event::Close(name) => name == "br" || BLOCK.contains(&name.as_str()),
        Event::Text(_) => false,
    });
    if has_line_tags {
        laid_out(events)
    } else {
        let mut text = String::new();
        for event in events {
            if let Event::Text(t) = event {
                text.push_str(t);
            }
        }
        plain(&text)
    }
}

/// Plain text: its own newlines are the lines; common indentation and the
/// blank lines around the letter are removed.
fn plain(text: &str) -> String {
    let text = text
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .replace('\u{a0}', " ");
    let lines: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let indent = lines
        .iter()
        .filter(|l| !l.is_empty())
        .map(|l| l.len() - l.trim_start_matches([' ', '\t']).len())
        .min()
        .unwrap_or(0);
    let lines: Vec<&str> = lines
        .iter()
        // Indentation is ASCII spaces and tabs, so slicing by its byte length is safe.
        .map(|l| if l.is_empty() { *l } else { &l[indent..] })
        .collect();
    let first = lines.iter().position(|l| !l.is_empty());
    let last = lines.iter().rposition(|l| !l.is_empty());
    match (first, last) {
        (Some(first), Some(last)) => lines[first..=last].join("\n"),
        _ => String::new(),
    }
}

/// One thing in the markup, after comments and skipped elements are gone.
#[derive(Debug)]
pub enum Event<'a> {
    /// Text, its character references decoded.
    Text(Cow<'a, str>),
    /// A start tag (lowercase name); void and self-closing tags too.
    Open(String),
    /// An end tag (lowercase name).
    Close(String),
}

/// What sits at a `<`.
enum Tag {
    Open {
        name: String,
        end: usize,
    },
    Close {
        name: String,
        end: usize,
    },
    /// A comment, doctype or processing instruction: dropped.
    Other {
        end: usize,
    },
}

/// Reads the tag starting at `html[at]` (which is `<`), or `None` when the
/// `<` is just text (`a < b`), as a browser would treat it.
fn tag_at(html: &str, at: usize) -> Option<Tag> {
    let rest = &html[at..];
    let bytes = rest.as_bytes();
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |i| at + 4 + i + 3);
        return Some(Tag::Other { end });
    }
    match bytes.get(1) {
        Some(b'!' | b'?') => {
            let end = rest.find('>').map_or(html.len(), |i| at + i + 1);
            Some(Tag::Other { end })
        }
        Some(b'/') if bytes.get(2).is_some_and(u8::is_ascii_alphabetic) => {
            let name = tag_name(&rest[2..]);
            let end = rest.find('>').map_or(html.len(), |i| at + i + 1);
            Some(Tag::Close { name, end })
        }
        Some(b) if b.is_ascii_alphabetic() => {
            let name = tag_name(&rest[1..]);
            // Attribute values may contain `>`: skip quoted runs.
            let mut quote = None;
            let mut end = html.len();
            for (i, c) in rest.char_indices().skip(1) {
                match (quote, c) {
                    (Some(q), c) if c == q => quote = None,
                    (Some(_), _) => {}
                    (None, '"' | '\'') => quote = Some(c),
                    (None, '>') => {
                        end = at + i + 1;
                        break;
                    }
                    _ => {}
                }
            }
            Some(Tag::Open { name, end })
        }
        _ => None,
    }
}

fn tag_name(s: &str) -> String {
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// Splits markup into text and tags, dropping comments and the content of
/// [`SKIPPED`] elements.
fn events(html: &str) -> Vec<Event<'_>> {
    let mut out = Vec::new();
    let mut pos = 0;
    let mut text_start = 0;
    // While inside a skipped element: its name and how deeply it is nested.
    let mut skipping: Option<(String, usize)> = None;
    while let Some(offset) = html[pos..].find('<') {
        let at = pos + offset;
        let Some(tag) = tag_at(html, at) else {
            pos = at + 1;
            continue;
        };
        if skipping.is_none() && text_start < at {
            out.push(Event::Text(decode_entities(&html[text_start..at])));
        }
        match tag {
            Tag::Other { end } => pos = end,
            Tag::Open { name, end } => {
                pos = end;
                match &mut skipping {
                    Some((skipped, depth)) if *skipped == name => *depth += 1,
                    Some(_) => {}
                    None if SKIPPED.contains(&name.as_str()) => {
                        // Script and style text is not markup: jump to its end tag.
                        if name == "script" || name == "style" {
                            let close = format!("</{name}");
                            pos = find_ascii_ci(html, end, &close).unwrap_or(html.len());
                        }
                        skipping = Some((name, 1));
                    }
                    None => out.push(Event::Open(name)),
                }
            }
            Tag::Close { name, end } => {
                pos = end;
                match &mut skipping {
                    Some((skipped, depth)) if *skipped == name => {
                        *depth -= 1;
                        if *depth == 0 {
                            skipping = None;
                        }
                    }
                    Some(_) => {}
                    None => out.push(Event::Close(name)),
                }
            }
        }
        text_start = pos;
    }
    if skipping.is_none() && text_start < html.len() {
        out.push(Event::Text(decode_entities(&html[text_start..])));
    }
    out
}

/// Case-insensitive search for an ASCII needle, from byte `from`.
fn find_ascii_ci(haystack: &str, from: usize, needle: &str) -> Option<usize> {
    let hay = haystack.as_bytes();
    let needle = needle.as_bytes();
    (from..hay.len().saturating_sub(needle.len() - 1))
        .find(|&i| hay[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// Builds lines the way a browser lays out blocks (like `innerText`).
#[derive(Default)]
struct Lines {
    out: String,
    /// Line breaks owed before the next text: 1 between blocks, 2 around `<p>`.
    pending: usize,
    /// Whitespace seen since the last character written.
    space: bool,
    /// Inside `<pre>`: whitespace is kept.
    pre: usize,
}

impl Lines {
    fn block(&mut self, breaks: usize) {
        self.pending = self.pending.max(breaks);
        self.space = false;
    }

    /// Pays owed line breaks, counting the newlines already written (`<br>` at
    /// the end of a paragraph does not add a third).
    fn settle(&mut self) {
        if self.pending > 0 {
            if !self.out.is_empty() {
                // Only the last `pending` bytes matter: counting every trailing
                // newline would make `<p><br>` repeated quadratic.
                let tail = self.out.bytes().rev().take(self.pending);
                let have = tail.take_while(|&b| b == b'\n').count();
                for _ in have..self.pending {
                    self.out.push('\n');
                }
            }
            self.pending = 0;
            self.space = false;
        }
    }

    fn line_break(&mut self) {
        self.settle();
        self.out.push('\n');
        self.space = false;
    }

    fn text(&mut self, text: &str) {
        for c in text.chars() {
            if self.pre > 0 {
                self.settle();
                self.out.push(if c == '\u{a0}' { ' ' } else { c });
            } else if c.is_whitespace() {
                self.space = true;
            } else {
                self.settle();
                if self.space && !self.out.is_empty() && !self.out.ends_with('\n') {
                    self.out.push(' ');
                }
                self.space = false;
                self.out.push(c);
            }
        }
    }
}

fn laid_out(events: &[Event<'_>]) -> String {
    let mut lines = Lines::default();
    // Open lists: numbered or not, and the next number.
    let mut lists: Vec<(bool, usize)> = Vec::new();
    for event in events {
        match event {
            Event::Text(t) => lines.text(t),
            Event::Open(name) => match name.as_str() {
                "br" => lines.line_break(),
                "p" => lines.block(2),
                "ul" | "ol" | "menu" | "dir" => {
                    lists.push((name == "ol", 1));
                    lines.block(1);
                }
                "li" => {
                    lines.block(1);
                    // A plain-text letter keeps list items recognisable.
                    let marker = match lists.last_mut() {
                        Some((true, n)) => {
                            *n += 1;
                            format!("{}.", *n - 1)
                        }
                        _ => "-".to_string(),
                    };
                    lines.text(&marker);
                    lines.space = true;
                }
                "pre" => {
                    lines.block(1);
                    lines.pre += 1;
                }
                "td" | "th" => lines.space = true,
                n if BLOCK.contains(&n) => lines.block(1),
                _ => {}
            },
            Event::Close(name) => match name.as_str() {
                "p" => lines.block(2),
                "ul" | "ol" | "menu" | "dir" => {
                    lists.pop();
                    lines.block(1);
                }
                "pre" => {
                    lines.pre = lines.pre.saturating_sub(1);
                    lines.block(1);
                }
                "br" => lines.line_break(),
                "td" | "th" => lines.space = true,
                n if BLOCK.contains(&n) => lines.block(1),
                _ => {}
            },
        }
    }
    let out: Vec<&str> = lines.out.split('\n').map(str::trim_end).collect();
    out.join("\n").trim_matches('\n').to_string()
}

/// Named entities a blog engine or an organiser is likely to produce.
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("lt", '<'),
    ("gt", '>'),
    ("quot", '"'),
    ("apos", '\''),
    ("nbsp", '\u{a0}'),
    ("hellip", '…'),
    ("mdash", '—'),
    ("ndash", '–'),
    ("lsquo", '‘'),
    ("rsquo", '’'),
    ("ldquo", '“'),
    ("rdquo", '”'),
    ("sbquo", '‚'),
    ("bdquo", '„'),
    ("laquo", '«'),
    ("raquo", '»'),
    ("lsaquo", '‹'),
    ("rsaquo", '›'),
    ("bull", '•'),
    ("middot", '·'),
    ("copy", '©'),
    ("reg", '®'),
    ("trade", '™'),
    ("euro", '€'),
    ("pound", '£'),
    ("yen", '¥'),
    ("cent", '¢'),
    ("sect", '§'),
    ("para", '¶'),
    ("deg", '°'),
    ("times", '×'),
    ("divide", '÷'),
    ("minus", '−'),
    ("prime", '′'),
    ("Prime", '″'),
    ("thinsp", '\u{2009}'),
    ("ensp", '\u{2002}'),
    ("emsp", '\u{2003}'),
    ("zwj", '\u{200d}'),
    ("zwnj", '\u{200c}'),
    ("lrm", '\u{200e}'),
    ("rlm", '\u{200f}'),
];

/// Decodes character references (`&amp;`, `&#8217;`, `&#x2019;`); anything
/// unrecognised stays as written.
pub fn decode_entities(s: &str) -> Cow<'_, str> {
    if !s.contains('&') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        match entity(rest) {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// The character and length of the reference at the start of `s` (`&...;`).
fn entity(s: &str) -> Option<(char, usize)> {
    // The longest reference handled is `&#x10FFFF;` / `&lsaquo;`; cap the search.
    let semi = s.bytes().take(12).position(|b| b == b';')?;
    let body = &s[1..semi];
    let c = if let Some(num) = body.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        numeric(code)
    } else {
        ENTITIES.iter().find(|(name, _)| *name == body)?.1
    };
    Some((c, semi + 1))
}

/// As browsers do: the C1 range means Windows-1252 (what `&#146;` meant in old
/// posts), and impossible code points become U+FFFD.
fn numeric(code: u32) -> char {
    let c1 = match code {
        0x80 => Some('€'),
        0x85 => Some('…'),
        0x91 => Some('‘'),
        0x92 => Some('’'),
        0x93 => Some('“'),
        0x94 => Some('”'),
        0x95 => Some('•'),
        0x96 => Some('–'),
        0x97 => Some('—'),
        0x99 => Some('™'),
        _ => None,
    };
    c1.or_else(|| char::from_u32(code).filter(|&c| c != '\0'))
        .unwrap_or('\u{fffd}')
}

#[cfg(test)]
mod tests {
    use super::*;

    const PLAIN: &str = "Dear Senator {{senator: Senator’s last name}},\n\nI am writing to you today about the 65 refugees.\nPlease help them.\n\nRespectfully,\n{{name: Your full name}}\n{{address: Your address | multiline}}";

    #[test]
    fn wordpress_wpautop_markup_equals_the_plain_letter() {
        let wp = "<p>Dear Senator {{senator: Senator&#8217;s last name}},</p>\n<p>I am writing to you today about the 65 refugees.<br />\nPlease help them.</p>\n<p>Respectfully,<br />\n{{name: Your full name}}<br />\n{{address: Your address | multiline}}</p>\n";
        assert_eq!(template_text_from_markup(wp), PLAIN);
        // And the plain version, as an organiser types it inside the element.
        let typed = format!("\n    {}\n  ", PLAIN.replace('\n', "\n    "));
        assert_eq!(template_text_from_markup(&typed), PLAIN);
    }

    #[test]
    fn plain_text_keeps_lines_and_dedents() {
        let input = "\n\n      Dear X,\n\n      I am\n        indented\t \n    \n      Bye\n   ";
        assert_eq!(
            template_text_from_markup(input),
            "Dear X,\n\nI am\n  indented\n\nBye"
        );
        assert_eq!(template_text_from_markup("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(template_text_from_markup("  \n "), "");
    }

    #[test]
    fn plain_text_with_only_inline_tags_keeps_its_lines() {
        let input =
            "Dear {{x}},\n\nI <em>really</em> care.<!-- note -->\n<template>hidden</template>Bye";
        assert_eq!(
            template_text_from_markup(input),
            "Dear {{x}},\n\nI really care.\nBye"
        );
    }

    #[test]
    fn entities_are_decoded() {
        let input = "&amp; &lt; &gt; &quot; &apos; a&nbsp;b &hellip; &mdash; &ndash; &lsquo;&rsquo;&ldquo;&rdquo; &#8217; &#x2019; &#X2019; &#146; &unknown; & alone &#0; &#xD800;";
        assert_eq!(
            template_text_from_markup(input),
            "& < > \" ' a b … — – ‘’“” ’ ’ ’ ’ &unknown; & alone \u{fffd} \u{fffd}"
        );
        assert_eq!(decode_entities("no refs"), Cow::Borrowed("no refs"));
    }

    #[test]
    fn br_is_a_line_break_and_paragraphs_are_blank_lines() {
        assert_eq!(
            template_text_from_markup("a<br>b<br/>c<BR />d"),
            "a\nb\nc\nd"
        );
        assert_eq!(template_text_from_markup("a<br><br>b"), "a\n\nb");
        assert_eq!(template_text_from_markup("<p>a</p><p>b</p>"), "a\n\nb");
        // A trailing <br> inside a paragraph does not add a third newline.
        assert_eq!(template_text_from_markup("<p>a<br></p><p>b</p>"), "a\n\nb");
        // Empty paragraphs (`&nbsp;` spacers) collapse.
        assert_eq!(
            template_text_from_markup("<p>a</p><p>&nbsp;</p><p>b</p>"),
            "a\n\nb"
        );
    }

    #[test]
    fn block_elements_are_lines() {
        let input = "<h2>Title</h2><div>one</div><div><div>two</div></div><blockquote>quoted</blockquote><ul><li>x</li><li>y</li></ul><ol><li>first</li><li>second</li></ol><section>end</section>";
        assert_eq!(
            template_text_from_markup(input),
            "Title\none\ntwo\nquoted\n- x\n- y\n1. first\n2. second\nend"
        );
    }

    #[test]
    fn whitespace_collapses_like_the_browser_and_inline_tags_keep_their_text() {
        let input = "  <p>\n  Dear\n   Senator   <strong>{{x}}</strong>,  \n</p>\n\n  <p>I <a href=\"/a?b>c\" title='x>y'>really</a>\tcare</p>  ";
        assert_eq!(
            template_text_from_markup(input),
            "Dear Senator {{x}},\n\nI really care"
        );
    }

    #[test]
    fn template_script_style_and_comments_are_ignored() {
        let input = "<p>Hi</p><template><p>t</p><template>nested</template><p>still</p></template><script>if (a<b) { x = \"</p>\" }</script><style>p{}</style><!-- <p>c</p> --><p>Bye</p>";
        assert_eq!(template_text_from_markup(input), "Hi\n\nBye");
        assert_eq!(
            template_text_from_markup("<p>a</p><SCRIPT>x</script>b"),
            "a\n\nb"
        );
    }

    #[test]
    fn stray_less_than_is_text() {
        assert_eq!(
            template_text_from_markup("<p>a < b and 3<4</p>"),
            "a < b and 3<4"
        );
    }

    #[test]
    fn pre_keeps_its_whitespace() {
        assert_eq!(
            template_text_from_markup("<p>x</p><pre>  a\n  b</pre>"),
            "x\n\n  a\n  b"
        );
    }

    #[test]
    fn texturized_letter_parses_as_a_template() {
        let wp = "<p>Dear Senator {{senator: Senator&#8217;s last name}},</p>\n<p>&#8220;We&#8217;re asking&#8221; &#8211; please.</p>";
        let text = template_text_from_markup(wp);
        let t = crate::template::parse(&text).unwrap();
        assert_eq!(t.fields[0].label, "Senator’s last name");
        assert!(text.ends_with("“We’re asking” – please."));
    }
}
