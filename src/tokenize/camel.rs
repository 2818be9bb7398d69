//! The "camel" mode: the tokens of CAMeL Tools 1.6.0's `simple_word_tokenize(s)`
//! (`split_digits=False`), exactly.
//!
//! CAMeL splits the text with `str.split()`, then walks each word: at each position it matches
//! `_SYMBOLS_RE`, a `regex` pattern after UTS #51,
//!
//! ```text
//! M  := \p{Emoji} (\p{EMod} | \uFE0F \u20E3? | [\U000E0020-\U000E007E]+ \U000E007F)?
//! E  := \p{RI}\p{RI} | M
//! RE := \p{RI}\p{RI} | M (\u200D E)* | [0-9*#]\u20E3 | \p{S} | \p{P}
//! ```
//!
//! (In CAMeL's source the `(\u200D E)*` repetition belongs to the `\p{Emoji}` alternative only,
//! so a flag is never continued by a joiner, while `🇨\u200D⚕` is one match.)
//!
//! and splits the match off as a token when the matched string is punctuation or a symbol
//! (Python's `unicodedata`) or a key of `emoji.EMOJI_DATA`; otherwise it moves on by one
//! character. The rest of the word between such tokens is a token.
//!
//! The pattern is backtracking, not longest-match, so [`symbol_match`] takes the first
//! alternative that matches, each optional part greedily, and repeats `\u200D E` while the
//! next repetition matches. Two branches never decide a token, which scripts/tokenize_tables.py
//! checks for the installed versions: `[0-9*#]\u20E3` (its first character is `\p{Emoji}`, so
//! the first branch always wins) and `\p{S}|\p{P}` outside `PUNCT_SYMBOL` (newer characters
//! regex knows, which are neither punctuation for Python nor emoji keys).

use super::props::{
    in_ranges, is_emoji, is_emoji_modifier, is_emoji_sequence_chars, is_punct_symbol,
    is_python_space, is_regional_indicator,
};
use super::tables;
use std::sync::OnceLock;

const ZWJ: char = '\u{200D}';
const VS16: char = '\u{FE0F}';
const KEYCAP: char = '\u{20E3}';
const CANCEL_TAG: char = '\u{E007F}';

fn is_tag(c: char) -> bool {
    ('\u{E0020}'..='\u{E007E}').contains(&c)
}

/// Token spans `(start, end)` in character positions.
///
/// One pass: the pattern never matches whitespace (scripts/tokenize_tables.py checks it), so a
/// match cannot run past the end of its word and words need not be found first.
pub fn spans<I: IntoIterator<Item = char>>(chars: I) -> Vec<(usize, usize)> {
    let chars: Vec<char> = chars.into_iter().collect();
    let mut out = Vec::new();
    // The start of the word part not yet emitted, if any.
    let mut pending: Option<usize> = None;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let (space, may_start) = classify(c);
        if space {
            if let Some(s) = pending.take() {
                out.push((s, i));
            }
            i += 1;
            continue;
        }
        if may_start {
            if let Some(m) = symbol_match(&chars, i) {
                if is_symbol(&chars[i..m]) {
                    if let Some(s) = pending.take() {
                        out.push((s, i));
                    }
                    out.push((i, m));
                    i = m;
                    continue;
                }
            }
        }
        // No token here: CAMeL moves on by one character, which stays in the word.
        pending.get_or_insert(i);
        i += 1;
    }
    if let Some(s) = pending {
        out.push((s, chars.len()));
    }
    out
}

/// Whether `s` is in CAMeL's `_SYMBOLS_ALL`: punctuation or symbol, or an `EMOJI_DATA` key.
fn is_symbol(s: &[char]) -> bool {
    match s {
        [c] => is_punct_symbol(*c) || in_ranges(tables::EMOJI_SINGLE, *c),
        _ => is_emoji_sequence_chars(s),
    }
}

/// Where `_SYMBOLS_RE.match(word, pos=i)` ends, if it matches; `\p{S}|\p{P}` only counted for
/// `PUNCT_SYMBOL` (see the module docs).
fn symbol_match(word: &[char], i: usize) -> Option<usize> {
    if let Some(flag) = regional_pair(word, i) {
        return Some(flag);
    }
    match emoji_with_modifier(word, i) {
        Some(mut m) => {
            // Past the longest EMOJI_DATA key the match can no longer be a token, however far
            // the joiners go; stopping there keeps a long joiner chain linear.
            while m + 1 < word.len() && word[m] == ZWJ && m - i <= longest_sequence() {
                match emoji_element(word, m + 1) {
                    Some(next) => m = next,
                    None => break,
                }
            }
            Some(m)
        }
        None => is_punct_symbol(word[i]).then_some(i + 1),
    }
}

/// Length in characters of the longest emoji sequence in `EMOJI_DATA`.
fn longest_sequence() -> usize {
    static LONGEST: OnceLock<usize> = OnceLock::new();
    *LONGEST.get_or_init(|| {
        tables::EMOJI_SEQUENCES
            .iter()
            .map(|s| s.chars().count())
            .max()
            .unwrap_or(1)
    })
}

/// `E` at `word[i]`: `\p{RI}\p{RI} | M`.
fn emoji_element(word: &[char], i: usize) -> Option<usize> {
    regional_pair(word, i).or_else(|| emoji_with_modifier(word, i))
}

/// `\p{RI}\p{RI}` at `word[i]`.
fn regional_pair(word: &[char], i: usize) -> Option<usize> {
    let pair = word.get(i..i + 2)?;
    pair.iter()
        .all(|&c| is_regional_indicator(c))
        .then_some(i + 2)
}

/// `M` at `word[i]`: `\p{Emoji} (\p{EMod} | \uFE0F \u20E3? | TAG+ \U000E007F)?`.
fn emoji_with_modifier(word: &[char], i: usize) -> Option<usize> {
    let c = *word.get(i)?;
    if !is_emoji(c) {
        return None;
    }
    let j = i + 1;
    match word.get(j) {
        Some(&d) if is_emoji_modifier(d) => Some(j + 1),
        Some(&VS16) => Some(if word.get(j + 1) == Some(&KEYCAP) {
            j + 2
        } else {
            j + 1
        }),
        Some(&d) if is_tag(d) => {
            let mut k = j + 1;
            while word.get(k).is_some_and(|&t| is_tag(t)) {
                k += 1;
            }
            Some(if word.get(k) == Some(&CANCEL_TAG) {
                k + 1
            } else {
                j
            })
        }
        _ => Some(j),
    }
}

/// Whether `c` is Python whitespace, and whether it may start a token of its own (it is
/// `\p{Emoji}` or punctuation or a symbol); from bitsets below U+0800, where most text lives.
#[inline]
fn classify(c: char) -> (bool, bool) {
    let u = c as usize;
    if u < 0x800 {
        let bit = 1u64 << (u % 64);
        return (LOW_SPACE[u / 64] & bit != 0, LOW_START[u / 64] & bit != 0);
    }
    (is_python_space(c), is_emoji(c) || is_punct_symbol(c))
}

const LOW_SPACE: [u64; 32] = low_bits(&[tables::WHITESPACE]);
const LOW_START: [u64; 32] = low_bits(&[tables::EMOJI, tables::PUNCT_SYMBOL]);

/// The code points below U+0800 in any of `tables`, as a bitset.
const fn low_bits(tables: &[&[(u32, u32)]]) -> [u64; 32] {
    let mut bits = [0u64; 32];
    let mut t = 0;
    while t < tables.len() {
        let mut r = 0;
        while r < tables[t].len() {
            let (a, b) = tables[t][r];
            let mut u = a;
            while u <= b && u < 0x800 {
                bits[(u / 64) as usize] |= 1 << (u % 64);
                u += 1;
            }
            r += 1;
        }
        t += 1;
    }
    bits
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<String> {
        let chars: Vec<char> = text.chars().collect();
        spans(text.chars())
            .into_iter()
            .map(|(a, b)| chars[a..b].iter().collect())
            .collect()
    }

    #[test]
    fn news_sentence() {
        assert_eq!(
            tokens("قال الوزير: «إن النمو بلغ 3.14% عام ٢٠٢٥»، فهل يستمر؟"),
            [
                "قال",
                "الوزير",
                ":",
                "«",
                "إن",
                "النمو",
                "بلغ",
                "3",
                ".",
                "14",
                "%",
                "عام",
                "٢٠٢٥",
                "»",
                "،",
                "فهل",
                "يستمر",
                "؟"
            ]
        );
    }

    #[test]
    fn vocalized_tatweel_and_joiners() {
        assert_eq!(tokens("كَتَبَ الوَلَدُ الدرسَ"), ["كَتَبَ", "الوَلَدُ", "الدرسَ"]);
        assert_eq!(
            tokens("العـــربية بسم\u{200C}الله"),
            ["العـــربية", "بسم\u{200C}الله"]
        );
        assert_eq!(tokens("٣٫٥ 1,000"), ["٣", "٫", "٥", "1", ",", "000"]);
    }

    #[test]
    fn tweet_with_emoji() {
        assert_eq!(
            tokens("مبروك👨‍👩‍👧للعائلة 👍🏽👍🏽 🇸🇦🇪🇬 1️⃣ #️⃣ ❤️🔥"),
            [
                "مبروك",
                "👨‍👩‍👧",
                "للعائلة",
                "👍🏽",
                "👍🏽",
                "🇸🇦",
                "🇪🇬",
                "1️⃣",
                "#️⃣",
                "❤️",
                "🔥"
            ]
        );
        // A ZWJ sequence that EMOJI_DATA lacks is no token; CAMeL moves on by one character, and
        // the second emoji is a token, leaving "😀\u{200D}" before it.
        assert_eq!(tokens("😀\u{200D}😀"), ["😀\u{200D}", "😀"]);
        assert_eq!(tokens("❤️\u{200D}🔥!"), ["❤️\u{200D}🔥", "!"]);
        // Keycap without U+FE0F: the pattern matches only the digit, which is no symbol.
        assert_eq!(tokens("1\u{20E3}x"), ["1\u{20E3}x"]);
        // A lone regional indicator is a symbol (So); three make a flag and a letter.
        assert_eq!(tokens("🇸🇦🇪"), ["🇸🇦", "🇪"]);
        // A flag is never continued by a joiner; a single regional indicator is.
        assert_eq!(tokens("🇦🇨\u{200D}⚕"), ["🇦🇨", "\u{200D}", "⚕"]);
        assert_eq!(tokens("x🇨\u{200D}⚕"), ["x🇨\u{200D}", "⚕"]);
        // The Scotland flag, a tag sequence.
        assert_eq!(
            tokens("x🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"),
            [
                "x",
                "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"
            ]
        );
    }

    #[test]
    fn hashtags_mentions_urls() {
        assert_eq!(
            tokens("#المحكمة_الدستورية @user_1 https://x.org/a?b=1"),
            [
                "#",
                "المحكمة",
                "_",
                "الدستورية",
                "@",
                "user",
                "_",
                "1",
                "https",
                ":",
                "/",
                "/",
                "x",
                ".",
                "org",
                "/",
                "a",
                "?",
                "b",
                "=",
                "1"
            ]
        );
    }

    #[test]
    fn low_bitsets() {
        for c in (0..0x800).filter_map(char::from_u32) {
            let start = is_emoji(c) || is_punct_symbol(c);
            assert_eq!(classify(c), (is_python_space(c), start), "{c:?}");
        }
    }

    #[test]
    fn whitespace_is_pythons() {
        assert_eq!(
            tokens(" a\u{1C}b\u{3000}c\u{200B}d\t"),
            ["a", "b", "c\u{200B}d"]
        );
        assert_eq!(tokens(""), Vec::<String>::new());
        assert_eq!(tokens(" \n "), Vec::<String>::new());
    }
}
