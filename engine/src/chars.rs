//! What counts as a letter or a digit in a word or a name, in any script,
//! for the engine's layers that split text into words (`template`,
//! `placeholders`, `letter`, `recipients`, `send`), so none of them depends on
//! another for it.

/// Whether `c` can be part of a word or a name: a letter or a digit in any
/// script, as `char::is_alphanumeric` says, without that function's Unicode
/// tables (1.5 KB of the widget). ASCII and Latin-1 follow its rules exactly;
/// beyond them, everything counts except spaces, controls, invisible
/// format characters, and the blocks of punctuation and symbols (General
/// and Supplemental Punctuation, arrows, mathematical and technical signs,
/// box drawing, dingbats, CJK punctuation, fullwidth and small-form
/// punctuation, emoji). So no letter is ever cut from a word, while a rare
/// symbol outside those blocks may stay in one. Checked against
/// `is_alphanumeric` over every char by a test below.
pub fn is_word_char(c: char) -> bool {
    match c {
        _ if c.is_ascii() => c.is_ascii_alphanumeric(),
        '\u{80}'..='\u{9F}' | '\u{D7}' | '\u{F7}' => false,
        // Latin-1's signs, but its ordinals, micro sign and fractions.
        '\u{A0}'..='\u{BF}' => matches!(c, 'ª' | '²' | '³' | 'µ' | '¹' | 'º' | '¼'..='¾'),
        '\u{C0}'..='\u{FF}' => true,
        '\u{60C}'
        | '\u{61B}'
        | '\u{61F}'
        | '\u{66A}'..='\u{66D}'
        | '\u{6D4}'
        | '\u{964}'
        | '\u{965}' => false,
        '\u{2000}'..='\u{206F}' | '\u{2E00}'..='\u{2E2E}' | '\u{2E30}'..='\u{2E7F}' => false,
        '\u{3000}'..='\u{3004}'
        | '\u{3008}'..='\u{3020}'
        | '\u{3030}'
        | '\u{303D}'..='\u{303F}' => false,
        '\u{FF01}'..='\u{FF0F}'
        | '\u{FF1A}'..='\u{FF20}'
        | '\u{FF3B}'..='\u{FF40}'
        | '\u{FF5B}'..='\u{FF65}' => false,
        // Modifier symbols (the modifier letters among them stay).
        '\u{2C2}'..='\u{2C5}'
        | '\u{2D2}'..='\u{2DF}'
        | '\u{2E5}'..='\u{2EB}'
        | '\u{2ED}'
        | '\u{2EF}'..='\u{2FF}' => false,
        // Arrows, mathematical and technical signs, box drawing, shapes,
        // dingbats (but their numbers), small forms, and invisible marks.
        '\u{2190}'..='\u{245F}' | '\u{2500}'..='\u{2775}' | '\u{2794}'..='\u{2BFF}' => false,
        '\u{FE50}'..='\u{FE6F}'
        | '\u{FEFF}'
        | '\u{61C}'
        | '\u{30FB}'
        | '\u{E0000}'..='\u{E01EF}' => false,
        '\u{1F000}'..='\u{1F0FF}' | '\u{1F200}'..='\u{1FAFF}' => false,
        _ => !c.is_whitespace(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_chars_keep_every_letter_and_digit_and_drop_common_punctuation() {
        let punctuation = |c: char| matches!(c as u32, 0..=0xFF | 0x2000..=0x206F | 0x2E00..=0x2E7F | 0x3000..=0x303F | 0xFF01..=0xFF65);
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_alphanumeric() {
                assert!(is_word_char(c), "{c:?} is a letter or digit");
            } else if punctuation(c)
                && !matches!(c, '\u{2E2F}' | '\u{3021}'..='\u{302F}' | '\u{3031}'..='\u{303C}')
            {
                assert!(!is_word_char(c), "{c:?} is not a letter or digit");
            }
        }
        for c in [
            '“',
            '”',
            '—',
            '«',
            '»',
            '、',
            '。',
            '！',
            '،',
            '؟',
            '¿',
            '¡',
            ' ',
            '\u{3000}',
            '−',
            '→',
            '﹒',
            '﹫',
            '\u{FEFF}',
            '\u{61C}',
            '・',
            '😀',
            '\u{E0041}',
            '\u{2D7}',
            '─',
        ] {
            assert!(!is_word_char(c), "{c:?}");
        }
    }
}
