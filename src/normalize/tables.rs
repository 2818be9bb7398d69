//! Character classes and fixed maps used by the normalizer.
//!
//! Every table here is written from the published behaviour of the tool it mirrors
//! (see the mapping tables in docs/normalization.md); the parity tests check them code point by code point.

/// Harakat U+064B–U+0652 plus superscript alef U+0670: exactly what CAMeL Tools' `dediac_ar` removes.
pub fn is_harakat(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}')
}

/// Every Arabic combining mark kalima removes with `diacritics=True`: harakat, U+0653–U+065F,
/// superscript alef and the Quranic annotation marks U+0610–U+061A and U+06D6–U+06ED.
/// U+06DD (end of ayah) and U+06DE (rub el hizb) are enclosing/symbol characters inside that
/// block; they are removed too because they never belong to a word.
pub fn is_arabic_diacritic(c: char) -> bool {
    matches!(c, '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{06D6}'..='\u{06ED}')
}

/// Arabic letters (base and extended) — the characters elongation collapsing applies to.
pub fn is_arabic_letter(c: char) -> bool {
    matches!(c,
        '\u{0620}'..='\u{063F}' | '\u{0641}'..='\u{064A}' | '\u{066E}'..='\u{066F}'
        | '\u{0671}'..='\u{06D3}' | '\u{06D5}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}'
        | '\u{06FF}')
}

/// Invisible format and bidi controls removed by `invisible=True`: ZWSP, ZWNJ, ZWJ, LRM, RLM,
/// ALM, LRE–RLO, word joiner and invisible operators, isolates, BOM and the soft hyphen.
pub fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{00AD}')
}

/// Characters that can be part of an emoji sequence; a ZWJ between two of them is kept.
pub fn is_emoji_part(c: char) -> bool {
    matches!(c,
        '\u{1F000}'..='\u{1FAFF}' | '\u{2600}'..='\u{27BF}' | '\u{2B00}'..='\u{2BFF}'
        | '\u{FE0F}' | '\u{20E3}' | '\u{E0020}'..='\u{E007F}' | '\u{2190}'..='\u{21FF}'
        | '\u{2300}'..='\u{23FF}' | '\u{00A9}' | '\u{00AE}' | '\u{203C}' | '\u{2049}'
        | '\u{2122}' | '\u{2139}' | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}')
}

/// Value of an Arabic-Indic (U+0660–U+0669) or Extended Arabic-Indic (U+06F0–U+06F9) digit.
pub fn eastern_digit(c: char) -> Option<char> {
    match c {
        '\u{0660}'..='\u{0669}' => char::from_u32(c as u32 - 0x0660 + u32::from(b'0')),
        '\u{06F0}'..='\u{06F9}' => char::from_u32(c as u32 - 0x06F0 + u32::from(b'0')),
        _ => None,
    }
}

/// Any decimal digit kalima reads inside a number: ASCII, Arabic-Indic or Persian.
pub fn is_any_digit(c: char) -> bool {
    c.is_ascii_digit() || eastern_digit(c).is_some()
}

/// Arabic punctuation, and the quotation marks Arabic text is written with, with an ASCII
/// counterpart (`punctuation="latin"`).
pub fn latin_punctuation(c: char) -> Option<char> {
    Some(match c {
        '\u{060C}' => ',', // ، Arabic comma
        '\u{061B}' => ';', // ؛ Arabic semicolon
        '\u{061F}' => '?', // ؟ Arabic question mark
        '\u{066A}' => '%', // ٪ Arabic percent sign
        '\u{06D4}' => '.', // ۔ Arabic full stop
        // « » “ ” „ ‟
        '\u{00AB}' | '\u{00BB}' | '\u{201C}'..='\u{201F}' => '"',
        // ‘ ’ ‚ ‛ ‹ ›
        '\u{2018}'..='\u{201B}' | '\u{2039}' | '\u{203A}' => '\'',
        _ => return None,
    })
}

/// Persian, Urdu and other extended Arabic-script letters folded onto the 28 base letters
/// (`persian=True`). The table follows CAMeL Tools' `arclean` letter folds, with one deliberate
/// difference: Farsi yeh ی and its variants become yeh ي rather than alef maksura ى, because
/// Persian writes ی in every position of the word (بیزشکیان), where Arabic writes ي.
pub fn persian_fold(c: char) -> Option<char> {
    Some(match c {
        '\u{06CC}'..='\u{06CE}' | '\u{063D}'..='\u{063F}' => '\u{064A}',
        _ => match arclean(c) {
            Arclean::To(s) if is_extended_letter(c) => {
                let mut it = s.chars();
                match (it.next(), it.next()) {
                    (Some(x), None) => x,
                    _ => return None,
                }
            }
            _ => return None,
        },
    })
}

/// Extended Arabic-script letters outside the base alphabet (U+0621–U+064A).
fn is_extended_letter(c: char) -> bool {
    matches!(c,
        '\u{063B}'..='\u{063F}' | '\u{066E}'..='\u{066F}' | '\u{0671}'..='\u{0673}'
        | '\u{0675}'..='\u{06D3}' | '\u{06EE}'..='\u{06EF}' | '\u{06FA}'..='\u{06FC}' | '\u{06FF}')
}

/// What CAMeL Tools' `arclean` character map does with one character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Arclean {
    Keep,
    Delete,
    To(&'static str),
}

/// CAMeL Tools' `arclean` map: a whitelist, so every character not listed is deleted.
/// Arms are ordered so that the later (overriding) entries of the original map come first.
#[allow(clippy::match_same_arms, clippy::too_many_lines)]
pub fn arclean(c: char) -> Arclean {
    use Arclean::{Delete, Keep, To};
    match c {
        // Kept as they are.
        '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}' | '\u{0021}'..='\u{007E}' => Keep,
        '\u{00C0}'..='\u{00FF}' | '\t' | '\r' | '\n' | '\u{2424}' => Keep,
        // Spaces and invisible separators become a plain space.
        ' ' | '\u{00A0}' | '\u{1680}' | '\u{180E}' | '\u{2000}'..='\u{200F}' => To(" "),
        '\u{2028}'..='\u{202F}' | '\u{205F}'..='\u{2060}' | '\u{3000}' | '\u{FEFF}' => To(" "),
        '\u{2420}' | '\u{2422}' | '\u{2423}' => To(" "),
        '\u{0600}'..='\u{0605}' | '\u{0608}' | '\u{060B}' | '\u{060E}'..='\u{060F}' => To(" "),
        // Deleted marks and controls.
        '\u{0640}'
        | '\u{064B}'..='\u{0652}'
        | '\u{0653}'..='\u{065E}'
        | '\u{0610}'..='\u{061A}' => Delete,
        '\u{0670}' | '\u{0674}' | '\u{06D5}' | '\u{061E}' | '\u{2061}'..='\u{206F}' => Delete,
        '\u{06DD}'..='\u{06DE}' | '\u{06E9}' => To("*"),
        '\u{06D6}'..='\u{06ED}' => Delete,
        // General punctuation.
        '\u{2010}'..='\u{2015}' | '\u{203E}' | '\u{2043}' => To("-"),
        '\u{2016}' => To("|"),
        '\u{2017}' | '\u{2054}' => To("_"),
        '\u{2018}'..='\u{201B}' | '\u{2032}' => To("'"),
        '\u{201C}'..='\u{201F}' | '\u{00AB}' | '\u{00BB}' => To("\""),
        '\u{2020}'..='\u{2021}' => To("+"),
        '\u{2023}' | '\u{204C}'..='\u{204E}' | '\u{2055}' | '\u{066D}' => To("*"),
        '\u{2024}' | '\u{2027}' | '\u{06D4}' => To("."),
        '\u{2025}' => To(".."),
        '\u{2026}' | '\u{2056}' => To("..."),
        '\u{2030}' | '\u{0609}' => To("%0"),
        '\u{2031}' | '\u{060A}' => To("%00"),
        '\u{2033}' => To("''"),
        '\u{2034}' => To("'''"),
        '\u{2057}' => To("''''"),
        '\u{2035}' => To("`"),
        '\u{2036}' => To("``"),
        '\u{2037}' => To("```"),
        '\u{2038}' => To("^"),
        '\u{2039}' => To("<"),
        '\u{203A}' => To(">"),
        '\u{203B}' | '\u{205C}' => To("X"),
        '\u{203C}' => To("!!"),
        '\u{203D}' | '\u{2049}' => To("!?"),
        '\u{203F}' => To(")"),
        '\u{2040}' => To("("),
        '\u{2041}' => To("l"),
        '\u{2042}' => To("***"),
        '\u{2044}' => To("/"),
        '\u{2045}'..='\u{2046}' => To("E"),
        '\u{2047}' => To("??"),
        '\u{2048}' => To("?!"),
        '\u{204A}' => To("&"),
        '\u{204B}' => To("\u{00B6}"),
        '\u{204F}' | '\u{061B}' => To(";"),
        '\u{2050}' => To("()"),
        '\u{2051}' => To("**"),
        '\u{2052}' | '\u{066A}' => To("%"),
        '\u{2053}' => To("~"),
        '\u{2058}' | '\u{205B}' => To("::"),
        '\u{2059}' => To(":.:"),
        '\u{205A}' | '\u{205D}'..='\u{205E}' => To(":"),
        // Arabic punctuation and number signs.
        '\u{0606}' => To("/3"),
        '\u{0607}' => To("/4"),
        '\u{060C}' | '\u{060D}' | '\u{066B}' => To(","),
        '\u{061F}' => To("?"),
        '\u{066C}' => To("'"),
        // Digits.
        '\u{0660}'..='\u{0669}' | '\u{06F0}'..='\u{06F9}' => DIGITS[digit_value(c)],
        // Extended letters folded onto the base letters.
        '\u{063B}'..='\u{063C}' | '\u{06A9}'..='\u{06B4}' => To("\u{0643}"),
        '\u{063D}'..='\u{063F}' | '\u{06CC}'..='\u{06CE}' => To("\u{0649}"),
        '\u{066E}' | '\u{067B}' | '\u{067E}' | '\u{0680}' => To("\u{0628}"),
        '\u{066F}' | '\u{06A7}'..='\u{06A8}' => To("\u{0642}"),
        '\u{0671}'..='\u{0673}' | '\u{0675}' => To("\u{0627}"),
        '\u{0676}'..='\u{0677}' | '\u{06C4}'..='\u{06CB}' | '\u{06CF}' => To("\u{0648}"),
        '\u{0678}' | '\u{06D3}' => To("\u{0626}"),
        '\u{0679}'..='\u{067A}' | '\u{067C}' | '\u{067F}' => To("\u{062A}"),
        '\u{067D}' => To("\u{062B}"),
        '\u{0681}'..='\u{0682}' | '\u{0685}' => To("\u{062E}"),
        '\u{0683}'..='\u{0684}' | '\u{0686}'..='\u{0687}' | '\u{06BF}' => To("\u{062C}"),
        '\u{0688}'..='\u{0690}' | '\u{06EE}' => To("\u{062F}"),
        '\u{0691}'..='\u{0696}' | '\u{06EF}' => To("\u{0631}"),
        '\u{0697}'..='\u{0699}' => To("\u{0632}"),
        '\u{069A}'..='\u{069B}' => To("\u{0633}"),
        '\u{069C}' | '\u{06FA}' => To("\u{0634}"),
        '\u{069D}' | '\u{06FB}' => To("\u{0635}"),
        '\u{069E}' | '\u{06FC}' => To("\u{0636}"),
        '\u{069F}' => To("\u{0638}"),
        '\u{06A0}' => To("\u{063A}"),
        '\u{06A1}'..='\u{06A6}' => To("\u{0641}"),
        '\u{06B5}'..='\u{06B8}' => To("\u{0644}"),
        '\u{06B9}'..='\u{06BD}' => To("\u{0646}"),
        '\u{06BE}' | '\u{06C0}'..='\u{06C2}' | '\u{06FF}' => To("\u{0647}"),
        '\u{06C3}' => To("\u{0629}"),
        '\u{06D0}'..='\u{06D2}' => To("\u{064A}"),
        '\u{06FD}' => To("\u{0621}"),
        '\u{06FE}' => To("\u{0645}"),
        // Presentation forms.
        '\u{FE80}' => To("\u{0621}"),
        '\u{FE81}'..='\u{FE82}' => To("\u{0622}"),
        '\u{FE83}'..='\u{FE84}' => To("\u{0623}"),
        '\u{FE85}'..='\u{FE86}' => To("\u{0624}"),
        '\u{FE87}'..='\u{FE88}' => To("\u{0625}"),
        '\u{FE89}'..='\u{FE8C}' => To("\u{0626}"),
        '\u{FE8D}'..='\u{FE8E}' => To("\u{0627}"),
        '\u{FE8F}'..='\u{FE92}' | '\u{FB56}'..='\u{FB59}' => To("\u{0628}"),
        '\u{FE93}'..='\u{FE94}' => To("\u{0629}"),
        '\u{FE95}'..='\u{FE98}' | '\u{FB66}'..='\u{FB69}' => To("\u{062A}"),
        '\u{FE99}'..='\u{FE9C}' => To("\u{062B}"),
        '\u{FE9D}'..='\u{FEA0}' | '\u{FB7A}'..='\u{FB7D}' => To("\u{062C}"),
        '\u{FEA1}'..='\u{FEA4}' => To("\u{062D}"),
        '\u{FEA5}'..='\u{FEA8}' => To("\u{062E}"),
        '\u{FEA9}'..='\u{FEAA}' | '\u{FB88}'..='\u{FB89}' => To("\u{062F}"),
        '\u{FEAB}'..='\u{FEAC}' => To("\u{0630}"),
        '\u{FEAD}'..='\u{FEAE}' | '\u{FB8C}'..='\u{FB8D}' => To("\u{0631}"),
        '\u{FEAF}'..='\u{FEB0}' | '\u{FB8A}'..='\u{FB8B}' => To("\u{0632}"),
        '\u{FEB1}'..='\u{FEB4}' => To("\u{0633}"),
        '\u{FEB5}'..='\u{FEB8}' => To("\u{0634}"),
        '\u{FEB9}'..='\u{FEBC}' => To("\u{0635}"),
        '\u{FEBD}'..='\u{FEC0}' => To("\u{0636}"),
        '\u{FEC1}'..='\u{FEC4}' => To("\u{0637}"),
        '\u{FEC5}'..='\u{FEC8}' => To("\u{0638}"),
        '\u{FEC9}'..='\u{FECC}' => To("\u{0639}"),
        '\u{FECD}'..='\u{FED0}' => To("\u{063A}"),
        '\u{FED1}'..='\u{FED4}' => To("\u{0641}"),
        '\u{FED5}'..='\u{FED8}' => To("\u{0642}"),
        '\u{FED9}'..='\u{FEDC}' | '\u{FB8E}'..='\u{FB95}' => To("\u{0643}"),
        '\u{FEDD}'..='\u{FEE0}' => To("\u{0644}"),
        '\u{FEE1}'..='\u{FEE4}' => To("\u{0645}"),
        '\u{FEE5}'..='\u{FEE8}' | '\u{FB9E}'..='\u{FB9F}' => To("\u{0646}"),
        '\u{FEE9}'..='\u{FEEC}' | '\u{FBA6}'..='\u{FBAD}' => To("\u{0647}"),
        '\u{FEED}'..='\u{FEEE}' => To("\u{0648}"),
        '\u{FEEF}'..='\u{FEF0}' | '\u{FBAE}'..='\u{FBAF}' => To("\u{0649}"),
        '\u{FEF1}'..='\u{FEF4}' | '\u{FBFC}'..='\u{FBFF}' => To("\u{064A}"),
        '\u{FBB0}'..='\u{FBB1}' => To("\u{0626}"),
        '\u{FEF5}'..='\u{FEF6}' => To("\u{0644}\u{0622}"),
        '\u{FEF7}'..='\u{FEF8}' => To("\u{0644}\u{0623}"),
        '\u{FEF9}'..='\u{FEFA}' => To("\u{0644}\u{0625}"),
        '\u{FEFB}'..='\u{FEFC}' => To("\u{0644}\u{0627}"),
        '\u{FDF2}' => To("\u{0627}\u{0644}\u{0644}\u{0647}"),
        _ => Delete,
    }
}

const DIGITS: [Arclean; 10] = [
    Arclean::To("0"),
    Arclean::To("1"),
    Arclean::To("2"),
    Arclean::To("3"),
    Arclean::To("4"),
    Arclean::To("5"),
    Arclean::To("6"),
    Arclean::To("7"),
    Arclean::To("8"),
    Arclean::To("9"),
];

fn digit_value(c: char) -> usize {
    eastern_digit(c).map_or(0, |d| d as usize - '0' as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diacritic_sets_nest() {
        for c in '\u{0600}'..='\u{06FF}' {
            if is_harakat(c) {
                assert!(is_arabic_diacritic(c), "{c:?}");
            }
        }
        assert!(is_arabic_diacritic('\u{0654}') && !is_harakat('\u{0654}'));
    }

    #[test]
    fn arclean_examples() {
        assert_eq!(arclean('ك'), Arclean::Keep);
        assert_eq!(arclean('ک'), Arclean::To("ك"));
        assert_eq!(arclean('ی'), Arclean::To("ى"));
        assert_eq!(arclean('٫'), Arclean::To(","));
        assert_eq!(arclean('۷'), Arclean::To("7"));
        assert_eq!(arclean('\u{FEF7}'), Arclean::To("لأ"));
        assert_eq!(arclean('\u{06DD}'), Arclean::To("*"));
        assert_eq!(arclean('\u{06DC}'), Arclean::Delete);
        assert_eq!(arclean('😀'), Arclean::Delete);
        assert_eq!(arclean('\u{200C}'), Arclean::To(" "));
        assert_eq!(arclean('é'), Arclean::Keep);
    }

    #[test]
    fn persian_fold_examples() {
        assert_eq!(persian_fold('ک'), Some('ك'));
        assert_eq!(persian_fold('گ'), Some('ك'));
        assert_eq!(persian_fold('پ'), Some('ب'));
        assert_eq!(persian_fold('چ'), Some('ج'));
        assert_eq!(persian_fold('ژ'), Some('ز'));
        assert_eq!(persian_fold('ی'), Some('ي'));
        assert_eq!(persian_fold('ە'), None);
        assert_eq!(persian_fold('ك'), None);
        assert_eq!(persian_fold('۷'), None);
        assert_eq!(persian_fold('\u{FB8E}'), None);
    }

    #[test]
    fn digits() {
        assert_eq!(eastern_digit('٠'), Some('0'));
        assert_eq!(eastern_digit('۹'), Some('9'));
        assert_eq!(eastern_digit('9'), None);
        assert!(is_any_digit('٥') && is_any_digit('5') && !is_any_digit('a'));
    }
}
