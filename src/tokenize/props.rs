//! Character properties from the generated [`tables`](super::tables), shared by the tokenizer
//! modes. Every lookup goes through [`in_ranges`].

use super::tables;
use std::cmp::Ordering;

/// Whether `c` lies in one of `ranges` (sorted, disjoint, inclusive code point ranges).
pub fn in_ranges(ranges: &[(u32, u32)], c: char) -> bool {
    let u = c as u32;
    ranges
        .binary_search_by(|&(a, b)| {
            if b < u {
                Ordering::Less
            } else if a > u {
                Ordering::Greater
            } else {
                Ordering::Equal
            }
        })
        .is_ok()
}

/// General category P* or S* under Python's `unicodedata` (CAMeL Tools'
/// `UNICODE_PUNCT_SYMBOL_CHARSET`).
pub fn is_punct_symbol(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    in_ranges(tables::PUNCT_SYMBOL, c)
}

/// The `regex` module's `\p{Extended_Pictographic}`.
pub fn is_extended_pictographic(c: char) -> bool {
    in_ranges(tables::EXTENDED_PICTOGRAPHIC, c)
}

/// The `regex` module's `\p{Emoji}` (which includes `0-9`, `#` and `*`).
pub fn is_emoji(c: char) -> bool {
    in_ranges(tables::EMOJI, c)
}

/// The `regex` module's `\p{EMod}`: the five skin tone modifiers.
pub fn is_emoji_modifier(c: char) -> bool {
    in_ranges(tables::EMOJI_MODIFIER, c)
}

/// The `regex` module's `\p{RI}`: the regional indicator letters of flags.
pub fn is_regional_indicator(c: char) -> bool {
    in_ranges(tables::REGIONAL_INDICATOR, c)
}

/// Python's `str.isspace()`: what `str.split()` splits on (Unicode White_Space plus U+001C to
/// U+001F).
pub fn is_python_space(c: char) -> bool {
    match c as u32 {
        0x09..=0x0D | 0x1C..=0x20 => true,
        0..=0x84 => false,
        _ => in_ranges(tables::WHITESPACE, c),
    }
}

/// Whether `s` is a key of `emoji.EMOJI_DATA`: one code point or a sequence.
pub fn is_emoji_sequence(s: &str) -> bool {
    let mut chars = s.chars();
    match (chars.next(), chars.next()) {
        (None, _) => false,
        (Some(c), None) => in_ranges(tables::EMOJI_SINGLE, c),
        _ => tables::EMOJI_SEQUENCES.binary_search(&s).is_ok(),
    }
}

/// [`is_emoji_sequence`] for a string given as characters, without building it.
pub fn is_emoji_sequence_chars(s: &[char]) -> bool {
    match s {
        [] => false,
        [c] => in_ranges(tables::EMOJI_SINGLE, *c),
        _ => tables::EMOJI_SEQUENCES
            .binary_search_by(|key| key.chars().cmp(s.iter().copied()))
            .is_ok(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn properties() {
        assert!(is_punct_symbol('،') && is_punct_symbol('؟') && is_punct_symbol('«'));
        assert!(is_punct_symbol('$') && is_punct_symbol('😀') && is_punct_symbol('©'));
        assert!(!is_punct_symbol('ا') && !is_punct_symbol('\u{064E}') && !is_punct_symbol('a'));
        assert!(!is_punct_symbol('\u{0640}') && !is_punct_symbol(' ')); // tatweel is Lm
        assert!(is_emoji('😀') && is_emoji('1') && is_emoji('#') && is_emoji('©'));
        assert!(!is_emoji('ا') && !is_emoji('\u{200D}') && !is_emoji('\u{FE0F}'));
        assert!(is_emoji_modifier('🏽') && !is_emoji_modifier('👍'));
        assert!(is_regional_indicator('🇸') && !is_regional_indicator('S'));
        assert!(is_extended_pictographic('😀') && !is_extended_pictographic('1'));
        assert!(is_python_space('\u{1C}') && is_python_space('\u{3000}'));
        assert!(!is_python_space('\u{200B}') && !is_python_space('a'));
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            assert_eq!(
                is_python_space(c),
                in_ranges(tables::WHITESPACE, c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn emoji_sequences() {
        // EMOJI_DATA lists keycaps with and without U+FE0F.
        for s in ["😀", "👍🏽", "🇸🇦", "1️⃣", "#️⃣", "1\u{20E3}", "👨‍👩‍👧", "🏴󠁧󠁢󠁳󠁣󠁴󠁿"]
        {
            let chars: Vec<char> = s.chars().collect();
            assert!(
                is_emoji_sequence(s) && is_emoji_sequence_chars(&chars),
                "{s}"
            );
        }
        for s in ["", "a", "1", "1\u{FE0F}", "🇸", "👍👍", "😀\u{200D}"] {
            let chars: Vec<char> = s.chars().collect();
            assert!(
                !is_emoji_sequence(s) && !is_emoji_sequence_chars(&chars),
                "{s}"
            );
        }
    }

    #[test]
    fn tables_are_sorted_and_disjoint() {
        for t in [
            tables::PUNCT_SYMBOL,
            tables::EMOJI,
            tables::EMOJI_MODIFIER,
            tables::REGIONAL_INDICATOR,
            tables::EXTENDED_PICTOGRAPHIC,
            tables::EMOJI_SINGLE,
            tables::WHITESPACE,
        ] {
            assert!(t.iter().all(|&(a, b)| a <= b));
            assert!(t.windows(2).all(|w| w[0].1 + 1 < w[1].0));
        }
        assert!(tables::EMOJI_SEQUENCES.windows(2).all(|w| w[0] < w[1]));
    }
}
