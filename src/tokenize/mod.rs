//! Tokenization. Three modes share one [`Tokenizer`]: an optional normalizer runs first, then the
//! mode splits the normalized text into tokens.
//!
//! - `Arabic` (the default, [`arabic`]): words keep their marks, tatweel and ZWNJ; numbers, URLs,
//!   e-mail addresses, mentions, hashtags and emoji come out whole and typed, each kind kept,
//!   dropped or replaced by a placeholder; punctuation is kept on request.
//! - `Sklearn`: exactly the tokens scikit-learn's default `token_pattern`, `(?u)\b\w\w+\b`,
//!   finds under Python's `re`: the maximal runs of Python word characters (see
//!   [`python_word`]) that are at least two characters long.
//! - `Camel`: exactly the tokens of CAMeL Tools' `simple_word_tokenize` (see [`camel`]).
//!
//! The character tables are generated from Python's own data ([`python_word`], [`tables`]) and
//! read through [`props`].

pub mod arabic;
pub mod camel;
pub mod props;
pub mod python_word;
pub mod tables;

pub use arabic::{links, Kind};
pub use props::{
    in_ranges, is_emoji, is_emoji_modifier, is_emoji_sequence, is_extended_pictographic,
    is_punct_symbol, is_regional_indicator,
};

use crate::normalize::{Change, NormalizeOptions, Normalizer, Ucs4Output};
use std::sync::OnceLock;

/// The tokenizer modes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Arabic,
    Sklearn,
    /// CAMeL Tools' `simple_word_tokenize`, exactly: see [`camel`].
    Camel,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Arabic, Mode::Sklearn, Mode::Camel];

    pub fn name(self) -> &'static str {
        match self {
            Mode::Arabic => "arabic",
            Mode::Sklearn => "sklearn",
            Mode::Camel => "camel",
        }
    }
}

/// What the `Arabic` mode does with the tokens of one kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Action {
    #[default]
    Keep,
    Drop,
    /// The kind's placeholder (`<URL>`, `<NUM>`, ...) instead of the token.
    Placeholder,
    /// Hashtags only: the words of the tag (`#المحكمة_الدستورية` → المحكمة, الدستورية).
    Split,
}

impl Action {
    pub const ALL: [Action; 4] = [
        Action::Keep,
        Action::Drop,
        Action::Placeholder,
        Action::Split,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Action::Keep => "keep",
            Action::Drop => "drop",
            Action::Placeholder => "placeholder",
            Action::Split => "split",
        }
    }
}

/// Per-kind handling in the `Arabic` mode. Words are always kept; punctuation is kept or dropped.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct KindActions {
    pub urls: Action,
    pub emails: Action,
    pub mentions: Action,
    pub hashtags: Action,
    pub numbers: Action,
    pub emoji: Action,
    pub keep_punct: bool,
}

impl KindActions {
    fn action(&self, kind: Kind) -> Action {
        match kind {
            Kind::Word => Action::Keep,
            Kind::Number => self.numbers,
            Kind::Url => self.urls,
            Kind::Email => self.emails,
            Kind::Mention => self.mentions,
            Kind::Hashtag => self.hashtags,
            Kind::Emoji => self.emoji,
            Kind::Punct if self.keep_punct => Action::Keep,
            Kind::Punct => Action::Drop,
        }
    }
}

/// A token: character offsets into the analysed (normalized) text, and the placeholder that
/// stands for it, if any.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
    pub placeholder: Option<&'static str>,
}

/// A mode, its options and the normalizer that runs first. Immutable and `Sync`: one tokenizer
/// serves every thread.
#[derive(Clone, Debug)]
pub struct Tokenizer {
    mode: Mode,
    actions: KindActions,
    normalizer: Option<Normalizer>,
}

impl Tokenizer {
    /// `lowercase` adds the normalizer's lower-casing rule (so it is one rule, applied once,
    /// whatever else normalizes). Only the `Arabic` mode has per-kind actions.
    pub fn new(
        mode: Mode,
        actions: KindActions,
        normalize: Option<NormalizeOptions>,
        lowercase: bool,
    ) -> Result<Self, String> {
        if mode != Mode::Arabic && actions != KindActions::default() {
            return Err(format!(
                "the per-kind options (urls=, hashtags=, keep_punct=, ...) apply to mode 'arabic' only, not '{}'",
                mode.name()
            ));
        }
        for (name, action) in [
            ("urls", actions.urls),
            ("emails", actions.emails),
            ("mentions", actions.mentions),
            ("numbers", actions.numbers),
            ("emoji", actions.emoji),
        ] {
            if action == Action::Split {
                return Err(format!(
                    "{name}='split' is not possible: only hashtags split"
                ));
            }
        }
        let normalizer = match (normalize, lowercase) {
            (None, false) => None,
            (options, lowercase) => {
                let options = options.unwrap_or_default();
                Some(Normalizer::new(NormalizeOptions {
                    lowercase: options.lowercase || lowercase,
                    ..options
                }))
            }
        };
        Ok(Tokenizer {
            mode,
            actions,
            normalizer,
        })
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// Normalizes `units` (code points) and tokenizes the result: the analysed text and its
    /// tokens, with offsets into the analysed text.
    pub fn analyse(&self, units: &[u32]) -> (Ucs4Output, Vec<Token>) {
        let analysed = match &self.normalizer {
            Some(n) => n.normalize_ucs4(units),
            None => Ucs4Output::Unchanged,
        };
        let chars: Vec<char> = decode(analysed.as_slice(units)).collect();
        let tokens = self.tokens(&chars);
        (analysed, tokens)
    }

    /// The tokens of `text` with character offsets into `text` itself, also when a normalizer
    /// changed it: a token made from changed characters spans every original character behind
    /// it.
    pub fn tokens_with_offsets(&self, text: &str) -> Vec<(String, usize, usize)> {
        let (analysed, changes) = match &self.normalizer {
            Some(n) => n.explain(text),
            None => (text.to_string(), Vec::new()),
        };
        let chars: Vec<char> = analysed.chars().collect();
        let map = OffsetMap(&changes);
        self.tokens(&chars)
            .into_iter()
            .map(|t| {
                let text = match t.placeholder {
                    Some(p) => p.to_string(),
                    None => chars[t.start..t.end].iter().collect(),
                };
                (text, map.start(t.start), map.end(t.end))
            })
            .collect()
    }

    /// The token strings of `text`.
    pub fn tokenize(&self, text: &str) -> Vec<String> {
        let units: Vec<u32> = text.chars().map(u32::from).collect();
        let (analysed, tokens) = self.analyse(&units);
        let analysed = analysed.as_slice(&units);
        tokens
            .into_iter()
            .map(|t| match t.placeholder {
                Some(p) => p.to_string(),
                None => decode(&analysed[t.start..t.end]).collect(),
            })
            .collect()
    }

    fn tokens(&self, chars: &[char]) -> Vec<Token> {
        let spans = match self.mode {
            Mode::Arabic => return self.arabic_tokens(chars),
            Mode::Sklearn => word_runs(chars.iter().copied(), 2),
            Mode::Camel => camel::spans(chars.iter().copied()),
        };
        spans
            .into_iter()
            .map(|(start, end)| Token {
                start,
                end,
                placeholder: None,
            })
            .collect()
    }

    fn arabic_tokens(&self, chars: &[char]) -> Vec<Token> {
        let mut tokens = Vec::new();
        for found in arabic::scan(chars) {
            let action = self.actions.action(found.kind);
            let token = |start, end| Token {
                start,
                end,
                placeholder: (action == Action::Placeholder).then(|| found.kind.placeholder()),
            };
            match action {
                Action::Drop => {}
                Action::Keep | Action::Placeholder => tokens.push(token(found.start, found.end)),
                Action::Split => {
                    let body = found.start + 1; // after '#'
                    for (a, b) in arabic::hashtag_words(&chars[body..found.end]) {
                        tokens.push(token(body + a, body + b));
                    }
                }
            }
        }
        tokens
    }
}

/// Maps character offsets in a normalized text back to the original through the normalizer's
/// changes (sorted, non-overlapping).
struct OffsetMap<'a>(&'a [Change]);

impl OffsetMap<'_> {
    /// The change whose output holds character `j`, or the original offset of `j`.
    fn locate(&self, j: usize) -> Result<&Change, usize> {
        let before = self.0.partition_point(|c| c.norm.end <= j);
        match self.0.get(before) {
            Some(c) if c.norm.start <= j => Ok(c),
            _ => Err(match before.checked_sub(1).map(|i| &self.0[i]) {
                Some(c) => c.orig.end + (j - c.norm.end),
                None => j,
            }),
        }
    }

    fn start(&self, j: usize) -> usize {
        self.locate(j).map_or_else(|o| o, |c| c.orig.start)
    }

    /// The original end of a token ending (exclusively) at `j`. Characters deleted right after
    /// it (the marks or tatweel on its last letter) belong to it.
    fn end(&self, j: usize) -> usize {
        let mut end = self.locate(j - 1).map_or_else(|o| o + 1, |c| c.orig.end);
        let first = self.0.partition_point(|c| c.norm.end < j);
        for c in &self.0[first..] {
            if !(c.norm.is_empty() && c.norm.start == j && c.orig.start == end) {
                break;
            }
            end = c.orig.end;
        }
        end
    }
}

/// Code points as chars; a lone surrogate (let through only under `errors="replace"`) becomes
/// U+FFFD, one for one, so offsets are unchanged.
pub fn decode(units: &[u32]) -> impl Iterator<Item = char> + '_ {
    units
        .iter()
        .map(|&u| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER))
}

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
    use crate::Preset;

    fn tokenizer(mode: Mode, actions: KindActions, preset: Option<Preset>) -> Tokenizer {
        Tokenizer::new(mode, actions, preset.map(Preset::options), false).unwrap()
    }

    fn tokens(text: &str) -> Vec<String> {
        tokenizer(Mode::Sklearn, KindActions::default(), None).tokenize(text)
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

    const TWEET: &str = "شكراً @Ahmed_99 على #المحكمة_الدستورية 😂😂 https://t.co/x1 عام ٢٠٢٥!";

    #[test]
    fn kinds_kept_dropped_replaced_and_split() {
        let keep = tokenizer(Mode::Arabic, KindActions::default(), None);
        assert_eq!(
            keep.tokenize(TWEET),
            [
                "شكراً",
                "@Ahmed_99",
                "على",
                "#المحكمة_الدستورية",
                "😂",
                "😂",
                "https://t.co/x1",
                "عام",
                "٢٠٢٥"
            ]
        );
        let actions = KindActions {
            urls: Action::Placeholder,
            mentions: Action::Placeholder,
            hashtags: Action::Split,
            numbers: Action::Placeholder,
            emoji: Action::Drop,
            keep_punct: true,
            ..KindActions::default()
        };
        let social = tokenizer(Mode::Arabic, actions, None);
        assert_eq!(
            social.tokenize(TWEET),
            [
                "شكراً",
                "<USER>",
                "على",
                "المحكمة",
                "الدستورية",
                "<URL>",
                "عام",
                "<NUM>",
                "!"
            ]
        );
    }

    #[test]
    fn normalizer_runs_first_and_offsets_point_into_the_original() {
        let text = "قالَ الرئيـــسُ «إنّ» NASA";
        let search = tokenizer(Mode::Arabic, KindActions::default(), Some(Preset::Search));
        assert_eq!(search.tokenize(text), ["قال", "الرءيس", "ان", "nasa"]);
        let chars: Vec<char> = text.chars().collect();
        let with_offsets = search.tokens_with_offsets(text);
        let originals: Vec<String> = with_offsets
            .iter()
            .map(|(_, a, b)| chars[*a..*b].iter().collect())
            .collect();
        assert_eq!(originals, ["قالَ", "الرئيـــسُ", "إنّ", "NASA"]);
        let texts: Vec<&str> = with_offsets.iter().map(|(t, _, _)| t.as_str()).collect();
        assert_eq!(texts, search.tokenize(text));
        // Without a normalizer the offsets slice the text to the token itself.
        let plain = tokenizer(Mode::Arabic, KindActions::default(), None);
        for (token, a, b) in plain.tokens_with_offsets(text) {
            assert_eq!(chars[a..b].iter().collect::<String>(), token);
        }
    }

    #[test]
    fn lowercase_is_the_normalizer_rule() {
        let t = Tokenizer::new(Mode::Arabic, KindActions::default(), None, true).unwrap();
        assert_eq!(t.tokenize("BBC عربي"), ["bbc", "عربي"]);
    }

    #[test]
    fn options_that_do_not_apply_are_refused() {
        let split_urls = KindActions {
            urls: Action::Split,
            ..KindActions::default()
        };
        assert!(Tokenizer::new(Mode::Arabic, split_urls, None, false).is_err());
        let keep_punct = KindActions {
            keep_punct: true,
            ..KindActions::default()
        };
        assert!(Tokenizer::new(Mode::Sklearn, keep_punct, None, false).is_err());
    }
}
