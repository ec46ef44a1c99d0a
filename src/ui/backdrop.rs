//! The highlight layer behind the letter: the same text, with the blanks
//! still empty and the filled ones marked, redrawn line by line.

use crate::browser;
use crate::letter::Letter;

/// Kind of a piece of the highlight layer.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Paint {
    Plain,
    Blank,
    Filled,
}

/// One line of the highlight layer: its pieces of text.
type Line = Vec<(String, Paint)>;

/// What the highlight layer shows, one block per line of the letter, so a
/// keystroke redraws (and the browser re-lays out) only the line it changed
/// rather than the whole letter.
#[derive(Default)]
pub(super) struct Painted {
    lines: Vec<Line>,
    nodes: Vec<web_sys::Element>,
}

/// The letter cut into lines, each cut into plain text and field marks (a
/// mark over several lines gives a piece on each).
fn lines(l: &Letter) -> Vec<Line> {
    let text = l.text();
    let mut out: Vec<Line> = vec![Vec::new()];
    let mut push = |piece: &str, kind: Paint| {
        for (i, part) in piece.split('\n').enumerate() {
            if i > 0 {
                out.push(Vec::new());
            }
            if !part.is_empty() {
                if let Some(line) = out.last_mut() {
                    line.push((part.to_owned(), kind));
                }
            }
        }
    };
    let mut at = 0;
    for m in l.marks() {
        push(&text[at..m.start], Paint::Plain);
        let kind = if l.is_filled(m.field) {
            Paint::Filled
        } else {
            Paint::Blank
        };
        push(&text[m.start..m.end], kind);
        at = m.end;
    }
    push(&text[at..], Paint::Plain);
    out
}

/// Draws the letter into the highlight layer: the same text, with the
/// blanks still empty and the filled ones marked. Lines that did not change
/// keep their nodes.
pub(super) fn paint_backdrop(layer: &web_sys::HtmlElement, l: &Letter, painted: &mut Painted) {
    let next = lines(l);
    let old = &painted.lines;
    let same_start = old.iter().zip(&next).take_while(|(a, b)| a == b).count();
    let room = old.len().min(next.len()) - same_start;
    let same_end = old
        .iter()
        .rev()
        .zip(next.iter().rev())
        .take(room)
        .take_while(|(a, b)| a == b)
        .count();
    let doc = browser::document();
    let before = painted.nodes.get(old.len() - same_end).cloned();
    let fresh: Vec<web_sys::Element> = next[same_start..next.len() - same_end]
        .iter()
        .filter_map(|line| {
            let div = doc.create_element("div").ok()?;
            for (text, kind) in line {
                if *kind == Paint::Plain {
                    let _ = div.append_with_str_1(text);
                } else if let Ok(mark) = doc.create_element("mark") {
                    mark.set_class_name(if *kind == Paint::Filled {
                        "lw-filled"
                    } else {
                        "lw-blank"
                    });
                    mark.set_text_content(Some(text));
                    let _ = div.append_with_node_1(&mark);
                }
            }
            Some(div)
        })
        .collect();
    for node in painted
        .nodes
        .splice(same_start..old.len() - same_end, fresh.iter().cloned())
    {
        node.remove();
    }
    for div in &fresh {
        let _ = layer.insert_before(div, before.as_ref().map(|b| b.as_ref()));
    }
    painted.lines = next;
}
