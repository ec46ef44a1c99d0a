//! Minifies `style.css` into the build (comments and layout whitespace go),
//! so the stylesheet inside the widget costs fewer bytes.

use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style.css");
    let css = fs::read_to_string("style.css").expect("style.css");
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("style.min.css");
    fs::write(out, minify_css(&css)).expect("write minified css");
}

/// Drops comments and collapses whitespace, keeping strings intact.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut quote: Option<char> = None;
    let mut pending_space = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            out.push(c);
            if c == q {
                quote = None;
            }
            continue;
        }
        if c == '/' && chars.peek() == Some(&'*') {
            chars.next();
            let mut last = ' ';
            for d in chars.by_ref() {
                if last == '*' && d == '/' {
                    break;
                }
                last = d;
            }
            continue;
        }
        if c.is_whitespace() {
            pending_space = true;
            continue;
        }
        // No space is needed before or after these; a colon sheds only the
        // space after it: in a selector, `.lw :focus-visible` (any focused
        // descendant) is not `.lw:focus-visible` (the container itself).
        let tight_before = "{};,>".contains(c);
        let tight_after = out.ends_with(|ch: char| "{};:,>".contains(ch));
        if pending_space && !out.is_empty() && !tight_before && !tight_after {
            out.push(' ');
        }
        pending_space = false;
        if c == '"' || c == '\'' {
            quote = Some(c);
        }
        if c == '}' && out.ends_with(';') {
            out.pop();
        }
        out.push(c);
    }
    out
}
