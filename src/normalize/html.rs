//! The `html` option: character references (`&quot;`, `&amp;`, `&#1575;`, `&#x627;`) decoded
//! before every other rule, exactly as Python's `html.unescape` decodes them (scraped text
//! carries them, and a tokenizer would make words of them: `quot`, `amp`).

use std::ops::Range;

use super::entities::ENTITIES;

/// What a character reference stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Reference {
    Named(&'static str),
    Char(char),
    /// A code point HTML forbids (controls, noncharacters): it decodes to nothing.
    Nothing,
}

impl Reference {
    pub fn chars(self) -> impl Iterator<Item = char> {
        let (named, one) = match self {
            Reference::Named(s) => (s, None),
            Reference::Char(c) => ("", Some(c)),
            Reference::Nothing => ("", None),
        };
        named.chars().chain(one)
    }
}

/// The character references of `chars`, in order, with the characters each one spans: where
/// `html.unescape`'s pattern `&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)` matches
/// and its replacement differs from the match.
pub(crate) fn references(chars: &[char]) -> Vec<(Range<usize>, Reference)> {
    let mut found = Vec::new();
    let mut at = 0;
    while let Some(i) = chars[at..].iter().position(|&c| c == '&') {
        let amp = at + i;
        match reference_at(chars, amp) {
            Some((end, reference)) => {
                found.push((amp..end, reference));
                at = end;
            }
            None => at = amp + 1,
        }
    }
    found
}

/// The reference starting with the `&` at `amp`: where it ends and what it stands for.
fn reference_at(chars: &[char], amp: usize) -> Option<(usize, Reference)> {
    let rest = &chars[amp + 1..];
    if rest.first() == Some(&'#') {
        let (radix, skip) = match rest.get(1) {
            Some('x' | 'X') => (16, 2),
            _ => (10, 1),
        };
        let digits: Vec<u32> = (rest[skip..].iter())
            .map_while(|c| c.is_ascii().then(|| c.to_digit(radix)).flatten())
            .collect();
        if digits.is_empty() {
            return None;
        }
        let mut end = amp + 1 + skip + digits.len();
        if chars.get(end) == Some(&';') {
            end += 1;
        }
        let code = (digits.iter()).fold(0u64, |n, &d| {
            n.saturating_mul(u64::from(radix))
                .saturating_add(u64::from(d))
        });
        return Some((end, numeric(code)));
    }
    let name_length = (rest.iter().take(32))
        .take_while(|c| !matches!(c, '\t' | '\n' | '\u{c}' | ' ' | '<' | '&' | '#' | ';'))
        .count();
    if name_length == 0 {
        return None;
    }
    let length = name_length + usize::from(rest.get(name_length) == Some(&';'));
    // Every name is ASCII: only the ASCII start of the match can be one, or start one.
    let mut name = [0u8; 33];
    let ascii = (rest[..length].iter())
        .take_while(|c| c.is_ascii())
        .zip(&mut name)
        .map(|(&c, byte)| *byte = c as u8)
        .count();
    if ascii == length {
        if let Some(value) = named(&name[..length]) {
            return Some((amp + 1 + length, Reference::Named(value)));
        }
    }
    // As `html.unescape`: the longest prefix of two or more characters that is a name (the
    // legacy names, such as `amp` and `lt`, need no semicolon); the rest stays as it is.
    (2..length.min(ascii + 1))
        .rev()
        .find_map(|n| named(&name[..n]).map(|value| (amp + 1 + n, Reference::Named(value))))
}

fn named(name: &[u8]) -> Option<&'static str> {
    (ENTITIES.binary_search_by(|(k, _)| k.as_bytes().cmp(name)))
        .ok()
        .map(|i| ENTITIES[i].1)
}

/// `html.unescape`'s numeric references: Windows-1252 for 0x80–0x9F, U+FFFD for NUL,
/// surrogates and beyond U+10FFFF, nothing for the code points HTML forbids.
fn numeric(code: u64) -> Reference {
    const WINDOWS_1252: [char; 32] = [
        '\u{20ac}', '\u{81}', '\u{201a}', '\u{192}', '\u{201e}', '\u{2026}', '\u{2020}',
        '\u{2021}', '\u{2c6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8d}', '\u{17d}',
        '\u{8f}', '\u{90}', '\u{2018}', '\u{2019}', '\u{201c}', '\u{201d}', '\u{2022}', '\u{2013}',
        '\u{2014}', '\u{2dc}', '\u{2122}', '\u{161}', '\u{203a}', '\u{153}', '\u{9d}', '\u{17e}',
        '\u{178}',
    ];
    match code {
        0 => Reference::Char('\u{fffd}'),
        0x0d => Reference::Char('\r'),
        0x80..=0x9f => Reference::Char(WINDOWS_1252[code as usize - 0x80]),
        0xd800..=0xdfff | 0x110000.. => Reference::Char('\u{fffd}'),
        0x01..=0x08 | 0x0b | 0x0e..=0x1f | 0x7f | 0xfdd0..=0xfdef => Reference::Nothing,
        c if c & 0xfffe == 0xfffe => Reference::Nothing,
        c => Reference::Char(char::from_u32(c as u32).expect("a scalar value")),
    }
}

/// `chars` with every reference decoded; `None` when it has none.
pub(crate) fn unescape(chars: &[char]) -> Option<Vec<char>> {
    let found = references(chars);
    if found.is_empty() {
        return None;
    }
    Some(super::splice(
        chars,
        found.into_iter().map(|(span, r)| (span, r.chars())),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(s: &str) -> String {
        let chars: Vec<char> = s.chars().collect();
        unescape(&chars).map_or_else(|| s.to_string(), |d| d.into_iter().collect())
    }

    #[test]
    fn as_python_unescapes() {
        assert_eq!(decode("قال &quot;نعم&quot;"), "قال \"نعم\"");
        assert_eq!(decode("H&amp;M &lt;b&gt;"), "H&M <b>");
        assert_eq!(decode("&#1575;&#x644;&#X644;&#1607"), "الله");
        assert_eq!(
            decode("&ampx &amp &ampfoo; &notin; &notit;"),
            "&x & &foo; ∉ ¬it;"
        );
        assert_eq!(decode("&nbsp;&laquo;&raquo;&hellip;"), "\u{a0}«»…");
        assert_eq!(
            decode("&#0;&#13;&#128;&#x9f;&#55296;&#1114112;&#x1;&#xfffe;"),
            "\u{fffd}\r€Ÿ\u{fffd}\u{fffd}"
        );
        assert_eq!(decode("&#99999999999999999999;"), "\u{fffd}");
        assert_eq!(
            decode("&; &# &#x; &#xg & a&b &bogus;"),
            "&; &# &#x; &#xg & a&b &bogus;"
        );
        assert_eq!(decode("&NotNestedGreaterGreater;"), "\u{2aa2}\u{338}");
    }
}
