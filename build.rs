//! Minifies `style.css` into the build with lightningcss (comments and
//! layout whitespace go, colours and values take their shortest form), so
//! the stylesheet inside the widget costs fewer bytes. No browser targets
//! are set: nothing is prefixed or lowered, the rules mean what they say.

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use std::{env, fs, path::Path};

fn main() {
    println!("cargo:rerun-if-changed=style.css");
    let css = fs::read_to_string("style.css").expect("style.css");
    let mut sheet = StyleSheet::parse(&css, ParserOptions::default())
        .unwrap_or_else(|e| panic!("style.css: {e}"));
    sheet
        .minify(MinifyOptions::default())
        .unwrap_or_else(|e| panic!("style.css: {e}"));
    let printer = PrinterOptions {
        minify: true,
        ..PrinterOptions::default()
    };
    let min = sheet
        .to_css(printer)
        .unwrap_or_else(|e| panic!("style.css: {e}"));
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("style.min.css");
    fs::write(out, min.code).expect("write minified css");
}
