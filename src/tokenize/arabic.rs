//! The default `"arabic"` mode. Words keep their marks, tatweel and ZWNJ; numbers, URLs, e-mail
//! addresses, @mentions, #hashtags and emoji come out whole and typed; everything else follows
//! Unicode word boundaries (UAX #29, from `unicode-segmentation`), so Latin text splits the way
//! every other Unicode-aware tool splits it.

use super::{is_extended_pictographic, is_punct_symbol, is_regional_indicator};
use crate::normalize::tables::is_invisible;
use std::ops::Range;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Word,
    Number,
    Url,
    Email,
    Mention,
    Hashtag,
    Emoji,
    Punct,
}

impl Kind {
    pub const ALL: [Kind; 8] = [
        Kind::Word,
        Kind::Number,
        Kind::Url,
        Kind::Email,
        Kind::Mention,
        Kind::Hashtag,
        Kind::Emoji,
        Kind::Punct,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Word => "word",
            Kind::Number => "number",
            Kind::Url => "url",
            Kind::Email => "email",
            Kind::Mention => "mention",
            Kind::Hashtag => "hashtag",
            Kind::Emoji => "emoji",
            Kind::Punct => "punct",
        }
    }

    /// The token that stands for every token of this kind under `Action::Placeholder`.
    pub fn placeholder(self) -> &'static str {
        match self {
            Kind::Word => "<WORD>",
            Kind::Number => "<NUM>",
            Kind::Url => "<URL>",
            Kind::Email => "<EMAIL>",
            Kind::Mention => "<USER>",
            Kind::Hashtag => "<HASHTAG>",
            Kind::Emoji => "<EMOJI>",
            Kind::Punct => "<PUNCT>",
        }
    }
}

/// A token found in a text: its kind and character span.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Found {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Every token of `text` in order, with character offsets. White space, control and format
/// characters and marks with no letter to sit on are not tokens.
///
/// Arabic words and numbers are scanned directly: a word is a run of letters, marks, digits
/// and joiners (ZWNJ, ZWJ) that starts with an Arabic letter or a digit, a digit run may hold
/// `. , ٫ ٬` between digits, and nothing else joins, so `قال:نعم` or `انتهى.وبدأ` (a missing
/// space, common in scraped text) are two words. Other text follows UAX #29.
pub fn scan(text: &[char]) -> Vec<Found> {
    // About one token per six characters in news text: room for most documents at once.
    let mut found = Vec::with_capacity(text.len() / 6);
    let mut i = 0;
    while i < text.len() {
        let c = text[i];
        // An Arabic letter never starts a URL, an e-mail address, a tag or an emoji: the most
        // common token start skips those checks.
        let arabic = is_arabic_letter(c);
        if !arabic && c.is_whitespace() {
            i += 1;
        } else if let Some(t) = (!arabic).then(|| special(text, i)).flatten() {
            i = t.end;
            found.push(t);
        } else if arabic || is_digit(c) {
            let (end, letters) = run_end(text, i);
            let kind = if letters { Kind::Word } else { Kind::Number };
            i = push_plain(&mut found, text, kind, i, end);
        } else {
            i = scan_uax29(&mut found, text, i);
        }
    }
    found
}

/// The URLs and e-mail addresses of `text` as [`scan`] finds them (character spans, without
/// invisible characters at their end): what the normalizer's `links` option leaves as written.
pub fn links(text: &[char]) -> Vec<Range<usize>> {
    // Most texts hold no link at all: a scan for the signs of one spares them the tokenizer.
    let www = |w: &[char]| {
        w.iter()
            .zip("www.".chars())
            .all(|(a, b)| a.to_ascii_lowercase() == b)
    };
    let maybe = text.windows(3).any(|w| w == [':', '/', '/'])
        || text.windows(4).any(www)
        || (text.windows(2))
            .any(|w| w[1] == '@' && (w[0].is_ascii_alphanumeric() || "._%+-".contains(w[0])));
    if !maybe {
        return Vec::new();
    }
    let links = scan(text).into_iter();
    links
        .filter(|f| matches!(f.kind, Kind::Url | Kind::Email))
        .map(|f| {
            let end = (f.start + 1..=f.end)
                .rev()
                .find(|&e| !invisible(text[e - 1]))
                .unwrap_or(f.end);
            f.start..end
        })
        .collect()
}

/// The end of an Arabic word or a number starting at `start`, and whether it holds a letter.
fn run_end(text: &[char], start: usize) -> (usize, bool) {
    let classes = low_classes();
    let mut letters = false;
    let mut i = start;
    while i < text.len() {
        let c = text[i];
        let class = match classes.get(c as usize) {
            Some(&class) => class,
            None => {
                (u8::from(is_letter(c)) * LETTER)
                    | (u8::from(is_digit(c)) * DIGIT)
                    | (u8::from(is_mark(c) || c == '\u{200C}' || c == '\u{200D}') * MARK)
            }
        };
        // A link glued to the word ends it (`العالمhttps://…`, `راسلوناinfo@…`; an address
        // is looked for only where ASCII starts): Arabic text pays one bit test per character.
        if i > start && class & (URL_START | ASCII_ALNUM) != 0 {
            let url = class & URL_START != 0 && starts_url(text, i);
            let email = !text[i - 1].is_ascii_alphanumeric() && email(&text[i..]).is_some();
            if url || email {
                break;
            }
        }
        letters |= class & LETTER != 0;
        let joins = class & (LETTER | DIGIT | MARK) != 0
            || (matches!(c, '.' | ',' | '٫' | '٬')
                && i > start
                && is_digit(text[i - 1])
                && text.get(i + 1).is_some_and(|&d| is_digit(d)));
        if !joins {
            break;
        }
        i += 1;
    }
    (i, letters)
}

/// Pushes a plain token; a number takes a following percent sign. Invisible characters at the
/// end (a bidi mark or ZWNJ after a word, which UAX #29 attaches to it) stay out of the token.
/// Returns where scanning goes on.
fn push_plain(
    found: &mut Vec<Found>,
    text: &[char],
    kind: Kind,
    start: usize,
    mut end: usize,
) -> usize {
    while end > start + 1 && invisible(text[end - 1]) {
        end -= 1;
    }
    let end = match text.get(end) {
        Some('%' | '٪' | '‰' | '؉') if kind == Kind::Number => end + 1,
        _ => end,
    };
    found.push(Found { kind, start, end });
    end
}

/// Text that is neither Arabic nor a number nor a special token, split by UAX #29 up to the
/// next white space or the next character the direct scan handles; returns where scanning
/// goes on. Every segment is checked for URLs and e-mail addresses, which reach past the
/// stretch.
fn scan_uax29(found: &mut Vec<Found>, text: &[char], start: usize) -> usize {
    let stretch_end = (start + 1..text.len())
        .find(|&j| {
            let c = text[j];
            c.is_whitespace()
                || c == '#'
                || c == '@'
                || is_arabic_letter(c)
                || starts_emoji(text, j)
                || starts_url(text, j)
        })
        .unwrap_or(text.len());
    let stretch: String = text[start..stretch_end].iter().collect();
    let mut at = start; // character offset of the current segment
    let mut next = start; // where the next token may start
    for segment in stretch.split_word_bounds() {
        let len = segment.chars().count();
        let seg_start = at;
        at += len;
        if seg_start < next {
            continue;
        }
        if let Some(t) = special(text, seg_start) {
            next = t.end;
            found.push(t);
            if next > stretch_end {
                return next;
            }
            continue;
        }
        let kind = if segment.chars().any(is_letter) {
            Some(Kind::Word)
        } else if segment.chars().any(char::is_numeric) {
            Some(Kind::Number)
        } else if segment.chars().any(is_punct_symbol) {
            Some(Kind::Punct)
        } else {
            None
        };
        next = match kind {
            Some(kind) => push_plain(found, text, kind, seg_start, at),
            None => at,
        };
        if next > stretch_end {
            return next;
        }
    }
    next.max(stretch_end)
}

/// A URL, e-mail address, mention, hashtag or emoji starting at `i`.
fn special(text: &[char], i: usize) -> Option<Found> {
    let rest = &text[i..];
    let (kind, len) = match rest[0] {
        _ if starts_emoji(text, i) => (Kind::Emoji, emoji(rest)),
        '#' => (Kind::Hashtag, hashtag(rest)?),
        '@' => (Kind::Mention, mention(rest)?),
        'h' | 'H' | 'w' | 'W' | 'f' | 'F' if url(rest).is_some() => (Kind::Url, url(rest)?),
        c if c.is_ascii_alphanumeric() && email(rest).is_some() => (Kind::Email, email(rest)?),
        _ => return None,
    };
    Some(Found {
        kind,
        start: i,
        end: i + len,
    })
}

/// An emoji starts at `i`: a pictographic character, a regional indicator (flags) or a keycap
/// (`1️⃣`, `#️⃣`).
fn starts_emoji(text: &[char], i: usize) -> bool {
    let c = text[i];
    if matches!(c, '0'..='9' | '#' | '*') {
        return matches!(
            (text.get(i + 1), text.get(i + 2)),
            (Some('\u{20E3}'), _) | (Some('\u{FE0F}'), Some('\u{20E3}'))
        );
    }
    match low_classes().get(c as usize) {
        Some(&class) => class & PICTOGRAPHIC != 0,
        None => is_extended_pictographic(c) || is_regional_indicator(c),
    }
}

/// The length of the emoji at the start of `rest`: its extended grapheme cluster, which holds
/// ZWJ joins, skin-tone modifiers, variation selectors, tag sequences and flag pairs.
fn emoji(rest: &[char]) -> usize {
    // No emoji sequence in Unicode is near this long; the cap keeps a run of joiners linear.
    const LONGEST: usize = 64;
    let window: String = rest.iter().take(LONGEST).collect();
    window
        .graphemes(true)
        .next()
        .map_or(1, |g| g.chars().count())
}

/// A letter: alphabetic but not a combining mark (Arabic harakat are alphabetic too).
fn is_letter(c: char) -> bool {
    match low_classes().get(c as usize) {
        Some(&class) => class & LETTER != 0,
        None => c.is_alphabetic() && !is_combining_mark(c),
    }
}

fn is_digit(c: char) -> bool {
    match low_classes().get(c as usize) {
        Some(&class) => class & DIGIT != 0,
        None => c.is_numeric(),
    }
}

fn is_mark(c: char) -> bool {
    match low_classes().get(c as usize) {
        Some(&class) => class & MARK != 0,
        None => is_combining_mark(c),
    }
}

/// A URL starts at `i` (see [`url`]).
fn starts_url(text: &[char], i: usize) -> bool {
    matches!(text[i], 'h' | 'H' | 'w' | 'W' | 'f' | 'F') && url(&text[i..]).is_some()
}

/// A letter of the Arabic script (its main, supplement, extended and presentation blocks).
fn is_arabic_letter(c: char) -> bool {
    matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{0870}'..='\u{08FF}'
        | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
        && is_letter(c)
}

const LETTER: u8 = 1;
const DIGIT: u8 = 2;
const MARK: u8 = 4;
/// Extended_Pictographic (© and ® down here) or a regional indicator (none down here).
const PICTOGRAPHIC: u8 = 8;
/// The normalizer's invisible characters (the soft hyphen and ALM down here).
const INVISIBLE: u8 = 16;
/// An ASCII letter or digit: where an e-mail address may start.
const ASCII_ALNUM: u8 = 32;
/// The first letter of `http`, `ftp` or `www`, either case.
const URL_START: u8 = 64;

fn invisible(c: char) -> bool {
    match low_classes().get(c as usize) {
        Some(&class) => class & INVISIBLE != 0,
        None => is_invisible(c),
    }
}

/// Letter, digit, mark and pictograph bits for every code point below U+0800 (Latin, Arabic
/// and their neighbours), so the common case skips the general Unicode lookups.
fn low_classes() -> &'static [u8; 0x800] {
    static TABLE: OnceLock<[u8; 0x800]> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = [0; 0x800];
        for (u, class) in table.iter_mut().enumerate() {
            let c = char::from_u32(u as u32).unwrap_or('\0');
            let letter = c.is_alphabetic() && !is_combining_mark(c);
            let pictographic = is_extended_pictographic(c) || is_regional_indicator(c);
            let bits = [
                (letter, LETTER),
                (!letter && c.is_numeric(), DIGIT),
                (is_combining_mark(c), MARK),
                (pictographic, PICTOGRAPHIC),
                (is_invisible(c), INVISIBLE),
                (c.is_ascii_alphanumeric(), ASCII_ALNUM),
                ("hHfFwW".contains(c), URL_START),
            ];
            *class = bits
                .iter()
                .filter(|(on, _)| *on)
                .fold(0, |all, (_, bit)| all | bit);
        }
        table
    })
}

/// Characters of a hashtag body: letters, digits, marks, `_` and the joiners.
fn is_tag_char(c: char) -> bool {
    is_letter(c) || is_digit(c) || c == '_' || c == '\u{200C}' || c == '\u{200D}' || is_mark(c)
}

/// `#` and a body with at least one letter (`#1` is a sign and a number). The body ends where
/// a URL starts (`#سورياhttps://…`; `#https://…` is a sign and a URL).
fn hashtag(rest: &[char]) -> Option<usize> {
    let body = &rest[1..];
    let end = (0..body.len())
        .find(|&j| !is_tag_char(body[j]) || starts_url(body, j))
        .unwrap_or(body.len());
    body[..end].iter().any(|&c| is_letter(c)).then_some(1 + end)
}

/// A character of a handle: an ASCII letter or digit or `_`.
fn is_handle_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `@` and a handle: ASCII letters, digits and `_`, with dots only between them (as Instagram
/// allows), at least one letter or digit. The handle ends at the first other character, so a
/// word glued to it stays out (`@news_deskحد`), and where a URL starts.
fn mention(rest: &[char]) -> Option<usize> {
    let body = &rest[1..];
    let mut end = 0;
    while end < body.len() && !(end > 0 && starts_url(body, end)) {
        let inner_dot = body[end] == '.'
            && end > 0
            && body.get(end + 1).is_some_and(|&c| is_handle_char(c))
            && !starts_url(body, end + 1);
        if !(is_handle_char(body[end]) || inner_dot) {
            break;
        }
        end += 1;
    }
    body[..end]
        .iter()
        .any(char::is_ascii_alphanumeric)
        .then_some(1 + end)
}

/// `http://`, `https://`, `ftp://` or `www.` (any case) at the start of `rest`: its length.
fn url_prefix(rest: &[char]) -> Option<usize> {
    ["https://", "http://", "ftp://", "www."]
        .into_iter()
        .find(|p| {
            p.len() <= rest.len() && p.chars().zip(rest).all(|(a, b)| a.eq_ignore_ascii_case(b))
        })
        .map(str::len)
}

/// A URL: `http://`, `https://`, `ftp://` or `www.` and what follows, up to the first
/// - white space or an invisible character (a bidi mark: tweets carry them);
/// - character no URL holds: ASCII `" < > \\ ^ ` { | }`, and outside ASCII every symbol,
///   punctuation mark and emoji (an ellipsis `…` where a tweet was cut short, `،`, `😂`);
///   `..` in the host;
/// - start of another `http://` or `https://` (two links glued together);
/// - `@` that starts a handle, unless it follows `/` (`medium.com/@user`);
/// - `#` that starts a hashtag (`…/Ab12Cd#Syria`; a fragment that reads as a hashtag goes too:
///   tweets glue hashtags to links far more often than links carry such fragments);
/// - the end of a `t.co` code, ten letters and digits (`t.co/Ab12Cd34Ef2014`);
/// - Arabic letter or digit glued to the URL's Latin part (`…/Ab12Cdالعالم`); one after
///   `/ - _ = ? & # % +`, after `.` in the host, or after Arabic belongs to an
///   internationalized URL (`ar.wikipedia.org/wiki/مصر`, `www.الجزيرة.نت`);
///
/// less trailing punctuation (a closing bracket stays when the URL opened it).
fn url(rest: &[char]) -> Option<usize> {
    let prefix = url_prefix(rest)?;
    let mut end = prefix;
    let mut in_host = true;
    let short_code = t_co_code_end(rest, prefix);
    while end < rest.len() && Some(end) != short_code {
        let (c, before) = (rest[end], rest[end - 1]);
        let stop = match c {
            c if c.is_whitespace() || invisible(c) => true,
            // No label of a host is empty: `...` is an ellipsis (as NFKC writes `…`).
            '.' => in_host && before == '.',
            'h' | 'H' => url_prefix(&rest[end..]).is_some_and(|p| p > "www.".len()),
            '@' => before != '/' && rest.get(end + 1).is_some_and(|&c| is_handle_char(c)),
            '#' => {
                let mut body = rest[end + 1..].iter().take_while(|&&c| is_tag_char(c));
                body.any(|&c| is_letter(c))
            }
            '"' | '<' | '>' | '\\' | '^' | '`' | '{' | '|' | '}' => true, // never in a URL
            c if c.is_ascii() => false,
            // An internationalized URL's Arabic goes on after a separator, in the host after
            // `.`, and after Arabic; glued to the Latin part, it is the next word.
            c if is_arabic_letter(c) || ('٠'..='٩').contains(&c) || ('۰'..='۹').contains(&c) => {
                !(matches!(before, '/' | '-' | '_' | '=' | '?' | '&' | '#' | '%' | '+')
                    || (before == '.' && in_host)
                    || !before.is_ascii()
                        && (is_letter(before) || is_mark(before) || is_digit(before)))
            }
            // Other letters, marks and digits may be a URL's; symbols, punctuation and emoji not.
            c => !(is_letter(c) || is_mark(c) || is_digit(c)),
        };
        if stop {
            break;
        }
        in_host &= c != '/';
        end += 1;
    }
    // Trimming never removes a bracket that opens, so these hold for every `end` below.
    let opens_paren = rest[..end].contains(&'(');
    let opens_bracket = rest[..end].contains(&'[');
    while end > prefix {
        let last = rest[end - 1];
        let unbalanced_close = match last {
            ')' => !opens_paren,
            ']' => !opens_bracket,
            _ => false,
        };
        // The loop stopped at every other punctuation mark already.
        if unbalanced_close || ".,;:!?'".contains(last) {
            end -= 1;
        } else {
            break;
        }
    }
    rest[prefix..end]
        .iter()
        .any(|c| c.is_alphanumeric())
        .then_some(end)
}

/// Where the code of a `t.co` link ends (Twitter's short links: `t.co/` and ten letters and
/// digits), when ten are there.
fn t_co_code_end(rest: &[char], prefix: usize) -> Option<usize> {
    const CODE: usize = 10;
    let host = "t.co/".chars().zip(&rest[prefix..]);
    let after_host = prefix + "t.co/".len();
    let is_t_co =
        prefix > "www.".len() && host.filter(|(a, b)| a.eq_ignore_ascii_case(b)).count() == 5;
    let code = rest.get(after_host..after_host + CODE)?;
    (is_t_co && code.iter().all(char::is_ascii_alphanumeric)).then_some(after_host + CODE)
}

/// `local@domain.tld` in ASCII: a local part of letters, digits and `._%+-`, and at least two
/// dot-separated domain labels, the last alphabetic and two letters or more. The parts are at
/// most as long as RFC 5321 allows (64 and 255), which also bounds the look-ahead from each
/// of the many places an address might start (`a-a-a-…` would otherwise take quadratic time).
fn email(rest: &[char]) -> Option<usize> {
    const MAX_LOCAL: usize = 64;
    const MAX_DOMAIN: usize = 255;
    let local = rest
        .iter()
        .take(MAX_LOCAL + 1)
        .position(|&c| !(c.is_ascii_alphanumeric() || "._%+-".contains(c)))?;
    if rest.get(local) != Some(&'@') {
        return None;
    }
    let domain = &rest[local + 1..];
    let mut end = domain
        .iter()
        .take(MAX_DOMAIN + 1)
        .position(|&c| !(c.is_ascii_alphanumeric() || c == '-' || c == '.'))
        .unwrap_or(domain.len());
    if end > MAX_DOMAIN {
        return None;
    }
    while end > 0 && matches!(domain[end - 1], '.' | '-') {
        end -= 1;
    }
    let labels: Vec<&[char]> = domain[..end].split(|&c| c == '.').collect();
    let tld = labels.last()?;
    let valid = labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty())
        && tld.len() >= 2
        && tld.iter().all(char::is_ascii_alphabetic);
    valid.then_some(local + 1 + end)
}

/// The words of a hashtag body (without `#`): split at `_` and where a lower-case letter meets
/// an upper-case one (`#RamadanKareem`). Spans relative to the body.
pub fn hashtag_words(body: &[char]) -> Vec<(usize, usize)> {
    let mut words = Vec::new();
    let mut start = 0;
    for (i, &c) in body.iter().enumerate() {
        let camel = i > 0 && body[i - 1].is_lowercase() && c.is_uppercase();
        if c == '_' || camel {
            if i > start {
                words.push((start, i));
            }
            start = if c == '_' { i + 1 } else { i };
        }
    }
    if body.len() > start {
        words.push((start, body.len()));
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (token, kind) pairs; the token strings are leaked so tests compare them with literals.
    fn tokens(text: &str) -> Vec<(&'static str, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        scan(&chars)
            .into_iter()
            .map(|f| {
                let token: String = chars[f.start..f.end].iter().collect();
                (&*token.leak(), f.kind.name())
            })
            .collect()
    }

    fn words(text: &str) -> Vec<&'static str> {
        tokens(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn news_sentence() {
        assert_eq!(
            tokens("قالَ الرئيسُ: «إنّ الحكومـــة مسؤولة»، وأضاف."),
            [
                ("قالَ", "word"),
                ("الرئيسُ", "word"),
                (":", "punct"),
                ("«", "punct"),
                ("إنّ", "word"),
                ("الحكومـــة", "word"),
                ("مسؤولة", "word"),
                ("»", "punct"),
                ("،", "punct"),
                ("وأضاف", "word"),
                (".", "punct"),
            ]
        );
    }

    #[test]
    fn marks_tatweel_and_zwnj_stay_inside_words() {
        assert_eq!(words("كَتَبَ الوَلَدُ"), ["كَتَبَ", "الوَلَدُ"]);
        assert_eq!(words("العـــربية"), ["العـــربية"]);
        assert_eq!(words("می\u{200C}خواهم"), ["می\u{200C}خواهم"]);
        // A mark with no letter under it is not a token.
        assert_eq!(words("كتب \u{064E} قرأ"), ["كتب", "قرأ"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            tokens("3.14 و1,000 و١٢٫٥ عام ٢٠٢٥ بنسبة 15% أو ١٥٪"),
            [
                ("3.14", "number"),
                ("و1,000", "word"),
                ("و١٢٫٥", "word"),
                ("عام", "word"),
                ("٢٠٢٥", "number"),
                ("بنسبة", "word"),
                ("15%", "number"),
                ("أو", "word"),
                ("١٥٪", "number"),
            ]
        );
        assert_eq!(
            words("1,000 ١٢٫٥ ١٬٠٠٠ 2025."),
            ["1,000", "١٢٫٥", "١٬٠٠٠", "2025", "."]
        );
        assert_eq!(
            tokens("كورونا19 G20"),
            [("كورونا19", "word"), ("G20", "word")]
        );
    }

    #[test]
    fn social_tokens_stay_whole() {
        assert_eq!(
            tokens(
                "تابعوا @user_1 و#المحكمة_الدستورية على https://t.co/AbC12 (www.bbc.com/arabic)."
            ),
            [
                ("تابعوا", "word"),
                ("@user_1", "mention"),
                ("و", "word"),
                ("#المحكمة_الدستورية", "hashtag"),
                ("على", "word"),
                ("https://t.co/AbC12", "url"),
                ("(", "punct"),
                ("www.bbc.com/arabic", "url"),
                (")", "punct"),
                (".", "punct"),
            ]
        );
        assert_eq!(
            tokens("راسلونا news.desk@example.co.uk، أو @"),
            [
                ("راسلونا", "word"),
                ("news.desk@example.co.uk", "email"),
                ("،", "punct"),
                ("أو", "word"),
                ("@", "punct"),
            ]
        );
        assert_eq!(
            words("https://ar.wikipedia.org/wiki/Foo_(bar)، #1"),
            ["https://ar.wikipedia.org/wiki/Foo_(bar)", "،", "#", "1"]
        );
    }

    #[test]
    fn links_and_handles_glued_to_words_come_apart() {
        let url = "https://t.co/Ab12Cd";
        for (text, expected) in [
            // A word, a digit, a hashtag or punctuation just before a URL.
            ("العالمhttps://t.co/Ab12Cd", vec!["العالم", url]),
            ("Readhttps://t.co/Ab12Cd", vec!["Read", url]),
            ("عام2025https://t.co/Ab12Cd", vec!["عام2025", url]),
            ("#سورياhttps://t.co/Ab12Cd", vec!["#سوريا", url]),
            ("@news_deskhttps://t.co/Ab12Cd", vec!["@news_desk", url]),
            ("الخبر:https://t.co/Ab12Cd", vec!["الخبر", ":", url]),
            (
                "شاهدوا:www.bbc.com/arabic",
                vec!["شاهدوا", ":", "www.bbc.com/arabic"],
            ),
            // A hashtag, a handle, Arabic letters or an ellipsis just after one.
            (
                "https://t.co/Ab12Cd#التحالف_العربي",
                vec![url, "#التحالف_العربي"],
            ),
            ("https://t.co/Ab12Cd#Syria", vec![url, "#Syria"]),
            ("www.bbc.com/arabic#مصر", vec!["www.bbc.com/arabic", "#مصر"]),
            ("#https://t.co/Ab12Cd", vec!["#", url]),
            (
                "https://t.co/Ab12Cd34Ef2014",
                vec!["https://t.co/Ab12Cd34Ef", "2014"],
            ),
            ("https://t.co/Ab12Cd@news_desk", vec![url, "@news_desk"]),
            ("https://t.co/Ab12Cdالعالم", vec![url, "العالم"]),
            ("https://t.co/Ab12Cd،وقال", vec![url, "،", "وقال"]),
            ("https://t.co/Ab12Cd…", vec![url, "…"]),
            (
                "https://t.co/Ab…العالم",
                vec!["https://t.co/Ab", "…", "العالم"],
            ),
            (
                "https://t.co/Ab12Cdhttps://t.co/Zz99",
                vec![url, "https://t.co/Zz99"],
            ),
            ("https://t.co/Ab12Cd\u{200F}العالم", vec![url, "العالم"]),
            ("…https://t.co/Ab12Cd", vec!["…", url]),
            ("https://t.co/Ab12Cd😂😂", vec![url, "😂", "😂"]),
            ("https://t.co/Ab12Cd١٧ يونيو", vec![url, "١٧", "يونيو"]),
            ("https://t.co/Ab12Cd|#مصر", vec![url, "|", "#مصر"]),
            // A handle ends at the first character that is not its own.
            ("@news_deskحد", vec!["@news_desk", "حد"]),
            ("@ali.hassan.", vec!["@ali.hassan", "."]),
            ("@ali..hassan", vec!["@ali", ".", ".", "hassan"]),
            ("@محمد", vec!["@", "محمد"]),
            // An e-mail address glued to the word before it.
            ("راسلوناinfo@kalima.org", vec!["راسلونا", "info@kalima.org"]),
            ("info@kalima.orgوشكرا", vec!["info@kalima.org", "وشكرا"]),
        ] {
            assert_eq!(words(text), expected, "{text}");
        }
    }

    #[test]
    fn urls_keep_what_belongs_to_them() {
        for url in [
            "https://ar.wikipedia.org/wiki/مصر",
            "https://example.com/page#!/section",
            "http://www.shorouknews.com/news/view.aspx?cdate=2013#.UoW5fZ",
            "https://medium.com/@kalima/arabic-nlp",
            "www.الجزيرة.نت",
            "http://example.com/search?q=مصر&page=2",
        ] {
            assert_eq!(words(&format!("انظر {url} اليوم")), ["انظر", url, "اليوم"]);
        }
    }

    #[test]
    fn emoji_sequences_stay_whole() {
        assert_eq!(
            tokens("مبروك👨‍👩‍👧👍🏽🇸🇦1️⃣2️⃣#️⃣😂😂"),
            [
                ("مبروك", "word"),
                ("👨‍👩‍👧", "emoji"),
                ("👍🏽", "emoji"),
                ("🇸🇦", "emoji"),
                ("1️⃣", "emoji"),
                ("2️⃣", "emoji"),
                ("#️⃣", "emoji"),
                ("😂", "emoji"),
                ("😂", "emoji"),
            ]
        );
    }

    #[test]
    fn latin_follows_word_boundaries() {
        assert_eq!(
            words("Don't stop-me now, e.g. U.S.A"),
            ["Don't", "stop", "-", "me", "now", ",", "e.g", ".", "U.S.A"]
        );
    }

    #[test]
    fn nothing_to_tokenize() {
        assert!(tokens("").is_empty());
        assert!(tokens(" \t\n\u{200F}\u{200E} ").is_empty());
    }

    #[test]
    fn hashtag_words_split_at_underscores_and_case() {
        let split = |body: &str| -> Vec<String> {
            let body: Vec<char> = body.chars().collect();
            hashtag_words(&body)
                .into_iter()
                .map(|(a, b)| body[a..b].iter().collect())
                .collect()
        };
        assert_eq!(split("المحكمة_الدستورية"), ["المحكمة", "الدستورية"]);
        assert_eq!(split("RamadanKareem_2025"), ["Ramadan", "Kareem", "2025"]);
        assert_eq!(split("__"), Vec::<String>::new());
    }
}
