//! Tokenization. Two modes: `Sklearn`, exactly the tokens scikit-learn's default
//! `token_pattern`, `(?u)\b\w\w+\b`, finds under Python's `re` (the maximal runs of Python word
//! characters, see [`python_word`], at least two characters long); and `Camel`, exactly the
//! tokens of CAMeL Tools' `simple_word_tokenize` (see [`camel`]). The character tables both use
//! are generated from Python's own data ([`python_word`], [`tables`]) and read through [`props`].

pub mod camel;
pub mod props;
pub mod python_word;
pub mod tables;

pub use props::{
    in_ranges, is_emoji, is_emoji_modifier, is_emoji_sequence, is_extended_pictographic,
    is_punct_symbol, is_regional_indicator,
};

use std::sync::OnceLock;

/// The tokenizer modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    /// scikit-learn's default `token_pattern` under Python's `re` semantics.
    Sklearn,
    /// CAMeL Tools' `simple_word_tokenize`, exactly: see [`camel`].
    Camel,
}

impl Mode {
    pub const ALL: [Mode; 2] = [Mode::Sklearn, Mode::Camel];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Sklearn => "sklearn",
            Mode::Camel => "camel",
        }
    }

    /// Token spans `(start, end)`, in positions of the characters given.
    pub fn spans<I: IntoIterator<Item = char>>(self, chars: I) -> Vec<(usize, usize)> {
        match self {
            Mode::Sklearn => word_runs(chars, 2),
            Mode::Camel => camel::spans(chars),
        }
    }
}

/// Maximal runs of Python word characters at least `min_len` long.
fn word_runs<I: IntoIterator<Item = char>>(chars: I, min_len: usize) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = None;
    let mut len = 0;
    for (i, c) in chars.into_iter().enumerate() {
        len = i + 1;
        match (is_python_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                if i - s >= min_len {
                    spans.push((s, i));
                }
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        if len - s >= min_len {
            spans.push((s, len));
        }
    }
    spans
}

/// Whether Python's `re` matches `c` with `\w` (str patterns): `c.isalnum()` or `_`.
pub fn is_python_word(c: char) -> bool {
    let u = c as u32;
    if let Some(bits) = low_table().get((u / 64) as usize) {
        return bits & (1 << (u % 64)) != 0;
    }
    in_ranges(python_word::RANGES, c)
}

/// A bitset of the word characters below U+0800, where most text lives.
fn low_table() -> &'static [u64; 32] {
    static TABLE: OnceLock<[u64; 32]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut bits = [0u64; 32];
        for &(a, b) in python_word::RANGES {
            for u in a..=b.min(0x7FF) {
                bits[(u / 64) as usize] |= 1 << (u % 64);
            }
        }
        bits
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        Mode::Sklearn
            .spans(text.chars())
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn python_word_characters() {
        assert!(is_python_word('a') && is_python_word('_') && is_python_word('٣'));
        assert!(is_python_word('ك') && is_python_word('\u{0640}')); // tatweel is Lm
        assert!(!is_python_word('\u{064E}')); // fatha is Mn
        assert!(!is_python_word('\u{200C}') && !is_python_word('-') && !is_python_word(' '));
        assert!(is_python_word('中') && !is_python_word('😀'));
    }

    #[test]
    fn sklearn_tokens() {
        assert_eq!(
            tokens("قال الوزير إن 3.14 و 15% x y_z"),
            ["قال", "الوزير", "إن", "14", "15", "y_z"]
        );
        // scikit-learn splits vocalized words at every mark and drops one-letter pieces.
        assert_eq!(tokens("كَتَبَ الوَلَدُ"), ["الو"]);
        assert_eq!(
            tokens("بسم\u{200C}الله العـــربية"),
            ["بسم", "الله", "العـــربية"]
        );
        assert_eq!(tokens(""), Vec::<String>::new());
        assert_eq!(tokens("ab"), ["ab"]);
    }
}
