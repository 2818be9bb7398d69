//! Arabic text normalization: one pass over the characters, driven by [`NormalizeOptions`].
//!
//! Design notes
//! - Every character-local rule (letter folds, mark removal, presentation forms, `arclean`) is
//!   composed once, when the [`Normalizer`] is built, into one action per code point below
//!   U+0800 (Latin, Greek, Cyrillic, Hebrew, Arabic); the few characters above that any rule
//!   touches are resolved on the spot.
//! - Most characters are *plain*: no rule touches them and no context rule looks at them. The
//!   sources scan runs of plain characters without decoding (UTF-8: a table over byte pairs) and
//!   hand each run to the sink at once.
//! - The rules that need context (white-space runs, letter elongation, ٫ between digits, ZWJ
//!   inside emoji) live in `Emitter`, between the rules and the output.
//! - Output goes through a `Sink`. The copying sink keeps runs of unchanged input as slices, so an
//!   input that nothing applies to comes back borrowed, without an allocation.
//! - Normalizers without context rules that rewrite base letters (like `camel`) get a
//!   branch-free pass on UCS-4 instead, because there changes are too frequent for run scanning.
//! - Normalizers with context rules or a Unicode form (like `light`, `search`) first try one
//!   loop over the text with the form, every character rule and the context rules folded into a
//!   table (`Step`). The form
//!   leaves most text alone, but proving that in the general pass (pieces, quick checks,
//!   settling) cost more than everything else; the loop hands the text to the general pass when a
//!   character might change under the form or needs a rule the loop does not know. Runs that
//!   the loop copies as they are (`RUN_*`) are scanned without the per-character state.

mod entities;
mod html;
mod options;
mod sink;
mod source;
pub mod tables;

use std::borrow::Cow;

use unicode_normalization::{is_nfc_quick, is_nfkc_quick, IsNormalized, UnicodeNormalization};

pub use options::{Alef, Diacritics, Elongation, Hamza, NormalizeOptions, Preset, UnicodeForm};
pub use sink::{Change, Ucs4Output};
use sink::{Copied, CopySink, ExplainSink, Sink, Trace, Unit};
use source::{Formed, Items, Source, Ucs4, Utf8};
use tables::{
    arclean, eastern_digit, is_any_digit, is_arabic_diacritic, is_arabic_letter, is_emoji_part,
    is_harakat, is_invisible, latin_punctuation, persian_fold, Arclean,
};

/// A set of rules, as bits; used to say which rules changed a character.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Rules(u32);

impl Rules {
    pub const ARCLEAN: Rules = Rules(1);
    pub const DIACRITICS: Rules = Rules(1 << 1);
    pub const TATWEEL: Rules = Rules(1 << 2);
    pub const ALEF: Rules = Rules(1 << 3);
    pub const ALEF_MAKSURA: Rules = Rules(1 << 4);
    pub const TEH_MARBUTA: Rules = Rules(1 << 5);
    pub const HAMZA: Rules = Rules(1 << 6);
    pub const PERSIAN: Rules = Rules(1 << 7);
    pub const DIGITS: Rules = Rules(1 << 8);
    pub const PRESENTATION_FORMS: Rules = Rules(1 << 9);
    pub const PUNCTUATION: Rules = Rules(1 << 10);
    pub const INVISIBLE: Rules = Rules(1 << 11);
    pub const WHITESPACE: Rules = Rules(1 << 12);
    pub const ELONGATION: Rules = Rules(1 << 13);
    pub const LOWERCASE: Rules = Rules(1 << 14);
    pub const UNICODE_FORM: Rules = Rules(1 << 15);
    pub const HTML: Rules = Rules(1 << 16);

    const NAMES: [(Rules, &'static str); 17] = [
        (Rules::HTML, "html"),
        (Rules::UNICODE_FORM, "unicode_form"),
        (Rules::PRESENTATION_FORMS, "presentation_forms"),
        (Rules::ARCLEAN, "arclean"),
        (Rules::PERSIAN, "persian"),
        (Rules::DIACRITICS, "diacritics"),
        (Rules::TATWEEL, "tatweel"),
        (Rules::ALEF, "alef"),
        (Rules::ALEF_MAKSURA, "alef_maksura"),
        (Rules::TEH_MARBUTA, "teh_marbuta"),
        (Rules::HAMZA, "hamza"),
        (Rules::DIGITS, "digits"),
        (Rules::PUNCTUATION, "punctuation"),
        (Rules::INVISIBLE, "invisible"),
        (Rules::LOWERCASE, "lowercase"),
        (Rules::WHITESPACE, "whitespace"),
        (Rules::ELONGATION, "elongation"),
    ];

    #[must_use]
    pub fn union(self, other: Rules) -> Rules {
        Rules(self.0 | other.0)
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// Option names of the rules in the set, in the order the pass applies them.
    pub fn names(self) -> Vec<&'static str> {
        Rules::NAMES
            .iter()
            .filter(|(r, _)| self.0 & r.0 != 0)
            .map(|&(_, n)| n)
            .collect()
    }
}

/// What the pass does with one input character, after every character-local rule.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Action {
    Keep,
    Drop(Rules),
    Map(char, Rules),
    Expand(Box<str>, Rules),
    /// ٫ or ٬ under `digits="latin"`: `sep` between two digits, `other` elsewhere.
    NumberSeparator {
        sep: char,
        other: Box<Action>,
    },
    /// ZWJ under `invisible`: kept between two emoji, dropped elsewhere.
    Zwj,
}

static KEEP: Action = Action::Keep;
static DROP_INVISIBLE: Action = Action::Drop(Rules::INVISIBLE);

const PLAIN: u16 = 0;
const KEPT: u16 = 1;

/// Code points below this (ASCII, Latin, Greek, Cyrillic, Hebrew, Arabic) have their action in
/// a table; every rule but a few (see `Normalizer::action`) only touches characters down here.
const TABLE_SIZE: usize = 0x800;

/// Lookup tables for the fast path.
#[derive(Clone, Debug)]
pub(crate) struct Tables {
    /// Index into `Normalizer::actions` for every code point below `TABLE_SIZE`.
    table: [u16; TABLE_SIZE],
    /// For a UTF-8 byte and the byte before it (`prev << 8 | byte`): whether a scan over plain
    /// characters must stop there. An ASCII byte stops when its character is not plain, the
    /// second byte of a two-byte character when that character is not plain, and a lead byte
    /// of a longer character always. No decoding, so each byte is tested independently.
    stop_pair: Box<[bool; 0x10000]>,
    /// Canonical combining class and quick-check answer under the Unicode form, per character.
    form: Vec<(u8, QuickCheck)>,
    /// For normalizers without context rules: the one code point each character becomes, or
    /// `SIMPLE_DROP`, or `SIMPLE_NONE` when it needs the general pass. Empty otherwise.
    simple: Vec<u32>,
    /// For normalizers with context rules or a Unicode form: what the single pass does with
    /// every character below `TABLE_SIZE`. Empty otherwise.
    steps: Vec<Step>,
    /// For the single pass: which characters below `TABLE_SIZE` a run scan copies as they are
    /// (`RUN_*`), from `steps`; all zero when `steps` is empty.
    runs: Box<[u8; TABLE_SIZE]>,
}

/// Written unchanged, and no context rule looks at it.
const RUN_PLAIN: u8 = 1;
/// An Arabic letter written unchanged, which elongation counts: inside a run only when it
/// differs from the character before it.
const RUN_LETTER: u8 = 2;
/// U+0020 under `whitespace`: inside a run when a character of the run precedes it and a plain
/// character or letter follows (a white-space run of one, written as it is).
const RUN_SPACE: u8 = 4;

/// What the single pass (`Normalizer::single_pass`) does with one input character: the Unicode
/// form and every character-local rule folded into the character written, plus what the context
/// rules need to know about it.
#[derive(Clone, Copy, Debug)]
struct Step {
    /// The character written (unless `DROP` or `BAIL`).
    out: char,
    /// Canonical combining class under the Unicode form (0 without one), so the pass can check
    /// that marks after a starter are already in canonical order.
    class: u8,
    flags: u8,
}

/// `out` is the input character itself: the sink keeps it as a slice of the source.
const EXACT: u8 = 1;
/// `out` is white space under `whitespace`: runs collapse, ends are trimmed.
const SPACE: u8 = 1 << 1;
/// A white-space `out` that breaks lines (for `keep_newlines`).
const LINE_BREAK: u8 = 1 << 2;
/// `out` is an Arabic letter that elongation counts.
const LETTER: u8 = 1 << 3;
/// The character is removed.
const DROP: u8 = 1 << 4;
/// Only the general pass handles this character: the form may change it or join it to its
/// neighbours, or its rule expands it or depends on its neighbours (٫ ٬, ZWJ).
const BAIL: u8 = 1 << 5;
/// `out` is a starter the Unicode form leaves alone (combining class 0, quick check Yes), so
/// text made only of such characters needs no check that it is in form.
const FORMED: u8 = 1 << 6;
/// The input character is white space the single pass can hand the general pass a stretch at:
/// the form starts a piece there and no rule looks across it.
const CUT: u8 = 1 << 7;

/// The single pass's state between stretches: as `Emitter`, plus whether all written so far
/// is `FORMED`.
#[derive(Clone, Copy)]
struct PassState {
    last: Option<char>,
    run: u32,
    pending: Option<(usize, char, bool, bool)>,
    formed: u8,
}

const SIMPLE_DROP: u32 = u32::MAX;
const SIMPLE_NONE: u32 = u32::MAX - 1;

/// A quick-check answer (`IsNormalized`, which is not `Copy`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum QuickCheck {
    Yes,
    Maybe,
    No,
}

/// A character's canonical combining class and its quick-check answer under `form`.
fn form_properties(c: char, form: UnicodeForm) -> (u8, QuickCheck) {
    let class = unicode_normalization::char::canonical_combining_class(c);
    let answer = match form {
        UnicodeForm::Nfc => is_nfc_quick(std::iter::once(c)),
        UnicodeForm::Nfkc => is_nfkc_quick(std::iter::once(c)),
        UnicodeForm::None => IsNormalized::Yes,
    };
    let answer = match answer {
        IsNormalized::Yes => QuickCheck::Yes,
        IsNormalized::Maybe => QuickCheck::Maybe,
        IsNormalized::No => QuickCheck::No,
    };
    (class, answer)
}

/// A compiled set of options. Cheap to share between threads; build it once and reuse it.
#[derive(Clone, Debug)]
pub struct Normalizer {
    options: NormalizeOptions,
    tables: Box<Tables>,
    /// The distinct actions. `actions[PLAIN]` is `Keep` for characters no context rule looks at
    /// either (the fast path); `actions[KEPT]` is `Keep` for the others (spaces, letters that
    /// elongation counts).
    actions: Vec<Action>,
}

/// One input character: where it is, what it is, and whether it is exactly the source character
/// there (false when a Unicode normalization form or surrogate replacement produced it).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Item {
    pos: usize,
    c: char,
    exact: bool,
}

impl Normalizer {
    pub fn new(options: NormalizeOptions) -> Self {
        let mut actions = vec![Action::Keep, Action::Keep];
        let mut tables = Box::new(Tables {
            table: [PLAIN; TABLE_SIZE],
            stop_pair: Box::new([false; 0x10000]),
            form: Vec::new(),
            simple: Vec::new(),
            steps: Vec::new(),
            runs: Box::new([0; TABLE_SIZE]),
        });
        if options.unicode_form != UnicodeForm::None {
            tables.form = (0..TABLE_SIZE as u32)
                .map(|u| {
                    char::from_u32(u).map_or((0, QuickCheck::Yes), |c| {
                        form_properties(c, options.unicode_form)
                    })
                })
                .collect();
        }
        for u in 0..TABLE_SIZE {
            let c = char::from_u32(u as u32).unwrap_or(char::REPLACEMENT_CHARACTER);
            let action = options.resolve(c);
            let in_context = (options.whitespace && c.is_whitespace())
                || (options.elongation != Elongation::Keep && is_arabic_letter(c));
            let index = match actions.iter().position(|a| *a == action) {
                Some(0) if in_context => usize::from(KEPT),
                Some(i) => i,
                None => {
                    actions.push(action);
                    actions.len() - 1
                }
            };
            // At most TABLE_SIZE distinct actions, so the index fits.
            tables.table[u] = u16::try_from(index).unwrap_or(PLAIN);
        }
        let not_plain = |u: usize| tables.table[u] != PLAIN;
        for key in 0..0x10000usize {
            let (prev, byte) = (key >> 8, key & 0xFF);
            tables.stop_pair[key] = match byte {
                0x00..=0x7F => not_plain(byte),
                0x80..=0xBF if (0xC2..=0xDF).contains(&prev) => {
                    not_plain(((prev & 0x1F) << 6) | (byte & 0x3F))
                }
                0xC2..=0xDF => false,
                _ => true,
            };
        }
        // The branch-free pass costs the same for every character; the scan over plain runs is
        // cheaper when changes are rare. Rewriting base letters (alef variants, ة, ى: the most
        // frequent changes in Arabic text) makes changes common, so only then is it worth it.
        let context_free = !options.whitespace
            && options.elongation == Elongation::Keep
            && options.unicode_form == UnicodeForm::None;
        let rewrites_letters = ('\u{0621}'..='\u{063A}')
            .chain('\u{0641}'..='\u{064A}')
            .any(|c| tables.table[c as usize] != PLAIN);
        if context_free && rewrites_letters {
            tables.simple = (0..TABLE_SIZE)
                .map(|u| match &actions[usize::from(tables.table[u])] {
                    Action::Keep => u as u32,
                    Action::Map(c, _) => u32::from(*c),
                    Action::Drop(_) => SIMPLE_DROP,
                    _ => SIMPLE_NONE,
                })
                .collect();
        }
        let mut normalizer = Normalizer {
            options,
            tables,
            actions,
        };
        // With context rules (white space, elongation) or a Unicode form, the single pass
        // costs fewer instructions than the general one; without, the general pass's scan over
        // plain runs is as cheap (callgrind, `light` and `arclean` on ant_news).
        if !context_free {
            normalizer.tables.steps = (0..TABLE_SIZE as u32).map(|u| normalizer.step(u)).collect();
            for (u, step) in normalizer.tables.steps.iter().enumerate() {
                let formed = options.unicode_form == UnicodeForm::None || step.flags & FORMED != 0;
                let copied = step.flags & EXACT != 0 && formed && step.class == 0;
                normalizer.tables.runs[u] = match step.flags & !(EXACT | FORMED | CUT) {
                    _ if !copied => 0,
                    0 => RUN_PLAIN,
                    LETTER => RUN_LETTER,
                    SPACE if u == 0x20 => RUN_SPACE,
                    _ => 0,
                };
            }
        }
        normalizer
    }

    pub fn from_preset(preset: Preset) -> Self {
        Normalizer::new(preset.options())
    }

    pub fn options(&self) -> &NormalizeOptions {
        &self.options
    }

    /// Normalize `text`. Returns the input itself, borrowed, when no rule changes it.
    pub fn normalize<'a>(&self, text: &'a str) -> Cow<'a, str> {
        if self.may_decode_or_keep(text.as_bytes()) {
            let chars: Vec<char> = text.chars().collect();
            if let Some(out) = self.normalize_around(&chars) {
                return Cow::Owned(out.into_iter().collect());
            }
        }
        self.normalize_rules(text)
    }

    /// Whether the `html` or `links` option may apply to `units` (UTF-8 bytes or code points:
    /// an ASCII value stands only for itself in either): an `&`, or the signs of a URL or an
    /// e-mail address (`@`, `://`, `www.`). One pass the compiler vectorizes decides for most
    /// texts; the signs' order is checked only when all their characters are there.
    fn may_decode_or_keep<T: Copy + Into<u32>>(&self, units: &[T]) -> bool {
        if !self.options.html && !self.options.links {
            return false;
        }
        // & @ : / . w, each seen or not; a flag per sign and per chunk is what vectorizes.
        let seen = units.chunks(64).fold(0u32, |seen, chunk| {
            let mut signs = [false; 6];
            for &u in chunk {
                let u: u32 = u.into();
                signs[0] |= u == 0x26;
                signs[1] |= u == 0x40;
                signs[2] |= u == 0x3A;
                signs[3] |= u == 0x2F;
                signs[4] |= u == 0x2E;
                signs[5] |= u | 0x20 == 0x77;
            }
            (signs.iter().enumerate()).fold(seen, |seen, (i, &s)| seen | u32::from(s) << i)
        });
        let has = |bits: u32| seen & bits == bits;
        let at = |i: usize, ascii: &[u8]| {
            let found = units.get(i..i + ascii.len()).unwrap_or(&[]);
            found.len() == ascii.len()
                && (found.iter().zip(ascii)).all(|(&u, &a)| {
                    let u: u32 = u.into();
                    u == u32::from(a) || (a == b'w' && u == 0x57)
                })
        };
        let link = has(0b10)
            || (has(0b1100) && (0..units.len()).any(|i| at(i, b"://")))
            || (has(0b11_0000) && (0..units.len()).any(|i| at(i, b"www.")));
        (self.options.html && has(1)) || (self.options.links && link)
    }

    /// The `html` and `links` options, which act around the rules: references decoded first,
    /// then every link kept out of the rules' way (one private-use character each while they
    /// run) and put back as written. `None` when neither finds anything.
    fn normalize_around(&self, chars: &[char]) -> Option<Vec<char>> {
        let decoded = self.options.html.then(|| html::unescape(chars)).flatten();
        let text = decoded.as_deref().unwrap_or(chars);
        let links = self.options.links.then(|| Links::find(text)).flatten();
        if decoded.is_none() && links.is_none() {
            return None;
        }
        let rules = |chars: &[char]| -> Vec<char> {
            let s: String = chars.iter().collect();
            self.normalize_rules(&s).chars().collect()
        };
        Some(match links {
            None => rules(text),
            Some(links) => links
                .unmask(text, &rules(&links.mask(text)))
                .unwrap_or_else(|| rules(text)),
        })
    }

    fn normalize_rules<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match self.normalize_once(text) {
            (out, true) => out,
            (out, false) => self.settle(out),
        }
    }

    /// Normalize UCS-4 code units (a Python `str`'s code points). Lone surrogates become U+FFFD;
    /// callers that must refuse them check with [`first_surrogate`] first.
    pub fn normalize_ucs4(&self, text: &[u32]) -> Ucs4Output {
        let as_char = |&u: &u32| char::from_u32(u).unwrap_or(char::REPLACEMENT_CHARACTER);
        if self.may_decode_or_keep(text) {
            let chars: Vec<char> = text.iter().map(as_char).collect();
            if let Some(out) = self.normalize_around(&chars) {
                return Ucs4Output::Owned(out.into_iter().map(u32::from).collect());
            }
        }
        self.normalize_ucs4_rules(text)
    }

    fn normalize_ucs4_rules(&self, text: &[u32]) -> Ucs4Output {
        if let Some(out) = self.normalize_ucs4_simple(text) {
            return out;
        }
        let (copied, formed) = self
            .single_pass(text, PassUcs4::new(text))
            .unwrap_or_else(|| {
                let mut sink = CopySink::new(text);
                self.run(Ucs4::new(text), &mut sink);
                (sink.finish(), false)
            });
        let out = Ucs4Output::from_sink(text.len(), copied);
        let chars = out.as_slice(text).iter().filter_map(|&u| char::from_u32(u));
        if formed || self.chars_in_form(chars.clone()) {
            return out;
        }
        // Rare path (see `settle`): go through a String to reach the fixed point.
        let as_string: String = chars.collect();
        match self.settle(Cow::Borrowed(&as_string)) {
            Cow::Borrowed(_) => out,
            Cow::Owned(s) => Ucs4Output::Owned(s.chars().map(u32::from).collect()),
        }
    }

    /// The pass for normalizers without context rules, where each character maps on its own:
    /// every character is written and the length only advances when it is not dropped, so
    /// the loop has no data-dependent branch. `None` when a character needs the general pass.
    fn normalize_ucs4_simple(&self, text: &[u32]) -> Option<Ucs4Output> {
        let simple = &self.tables.simple;
        if simple.is_empty() {
            return None;
        }
        let mut out = vec![0u32; text.len()];
        let mut len = 0;
        let mut changed = false;
        let mut owned = None;
        for (i, &u) in text.iter().enumerate() {
            let m = simple.get(u as usize).copied().unwrap_or(SIMPLE_NONE);
            if m != SIMPLE_NONE {
                // `out` always has room for the rest of the input, so the index is in bounds.
                out[len] = m;
                len += usize::from(m != SIMPLE_DROP);
                changed |= m != u;
                continue;
            }
            // Characters above the table, expansions, and those that need context.
            let c = char::from_u32(u)?;
            match self.action(c, &mut owned) {
                Action::Keep => {
                    out[len] = u;
                    len += 1;
                }
                Action::Map(m, _) => {
                    out[len] = u32::from(*m);
                    len += 1;
                    changed = true;
                }
                Action::Drop(_) => changed = true,
                Action::Expand(s, _) => {
                    let rest = text.len() - i - 1;
                    out.resize(len + s.chars().count() + rest, 0);
                    for c in s.chars() {
                        out[len] = u32::from(c);
                        len += 1;
                    }
                    changed = true;
                }
                Action::NumberSeparator { .. } | Action::Zwj => return None,
            }
        }
        if !changed {
            return Some(Ucs4Output::Unchanged);
        }
        out.truncate(len);
        Some(Ucs4Output::Owned(out))
    }

    /// The `Step` for code unit `u` (a lone surrogate reads as U+FFFD, as in `Ucs4`).
    #[inline(never)]
    fn step(&self, u: u32) -> Step {
        let bail = Step {
            out: '\0',
            class: 0,
            flags: BAIL,
        };
        let (c, exact) = match char::from_u32(u) {
            Some(c) => (c, true),
            None => (char::REPLACEMENT_CHARACTER, false),
        };
        // The item the general pass sees after the form (`Formed`). White space is a piece of
        // its own there; any other character is left alone only inside a piece the quick check
        // passes, which `single_pass` checks with `class`.
        let mut class = 0;
        let (c, exact) = match self.options.unicode_form {
            UnicodeForm::None => (c, exact),
            _ if c.is_whitespace() => {
                let formed: Vec<char> = match self.options.unicode_form {
                    UnicodeForm::Nfkc => std::iter::once(c).nfkc().collect(),
                    _ => std::iter::once(c).nfc().collect(),
                };
                match formed[..] {
                    [f] => (f, exact && f == c),
                    _ => return bail,
                }
            }
            _ => match self.form_properties(c) {
                (k, QuickCheck::Yes) => {
                    class = k;
                    (c, exact)
                }
                _ => return bail,
            },
        };
        let mut owned = None;
        let (out, exact) = match self.action(c, &mut owned) {
            Action::Keep => (c, exact),
            Action::Map(m, _) => (*m, false),
            Action::Drop(_) => {
                return Step {
                    out: '\0',
                    class,
                    flags: DROP,
                }
            }
            Action::Expand(..) | Action::NumberSeparator { .. } | Action::Zwj => return bail,
        };
        let o = &self.options;
        let mut flags = if exact { EXACT } else { 0 };
        if o.whitespace && out.is_whitespace() {
            flags |= SPACE;
            if is_line_break(out) {
                flags |= LINE_BREAK;
            }
            if c.is_whitespace() && char::from_u32(u).is_some_and(char::is_whitespace) {
                flags |= CUT;
            }
        } else if o.elongation != Elongation::Keep && is_arabic_letter(out) {
            flags |= LETTER;
        }
        if self.form_properties(out) == (0, QuickCheck::Yes) {
            flags |= FORMED;
        }
        Step { out, class, flags }
    }

    /// The whole normalization pass in one loop over `chars` (position, code unit), with the
    /// context rules (white space, elongation) as state. A character without a `Step` (see
    /// `BAIL`) hands the stretch between the white space around it to the general pass (`run`),
    /// carrying the state in and out: the form's pieces and the rules' look-arounds (٫ ٬, ZWJ)
    /// stop at white space. `None` when that stretch would be the whole text.
    /// Also says whether the output is known to be in the Unicode form (all of it `FORMED`).
    fn single_pass<T: Unit, C: PassText>(&self, src: &[T], chars: C) -> Option<(Copied<T>, bool)> {
        if self.tables.steps.is_empty() {
            return None;
        }
        let mut sink = CopySink::new(src);
        let mut state = PassState {
            last: None,
            run: 0,
            pending: None,
            formed: FORMED,
        };
        let mut seg = chars.at();
        let len = chars.len();
        loop {
            let mark = (sink.mark(), state);
            let Err(bad) = self.single_stretch(&mut sink, chars.window(seg, len), &mut state)
            else {
                break;
            };
            let steps = &self.tables.steps[..];
            let from = chars.cut_before(steps, seg, bad).unwrap_or(seg);
            let to = chars.cut_after(steps, bad).unwrap_or(len);
            if from == 0 && to == len {
                return None;
            }
            sink.rewind(mark.0);
            state = mark.1;
            if from > seg {
                // Took it a moment ago, so takes it again.
                self.single_stretch(&mut sink, chars.window(seg, from), &mut state)
                    .ok()?;
            }
            let mut emitter = Emitter::new(&self.options, &mut sink);
            emitter.last = state.last;
            emitter.run = state.run;
            emitter.pending_space = state
                .pending
                .map(|(pos, c, exact, line_break)| PendingSpace {
                    pos,
                    c,
                    exact,
                    rules: Rules::default(),
                    line_break,
                });
            self.run_with(chars.source(from, to), &mut emitter);
            state = PassState {
                last: emitter.last,
                run: emitter.run,
                pending: emitter
                    .pending_space
                    .map(|p| (p.pos, p.c, p.exact, p.line_break)),
                formed: 0,
            };
            seg = to;
        }
        // The spaces written (' ', '\n') are `FORMED` too.
        Some((sink.finish(), state.formed != 0))
    }

    /// The single pass over `chars` from `state`, to their end (`Ok`) or to the position of the
    /// first character that has no `Step` (`Err`), where `sink` and `state` are left half-way.
    #[inline(never)]
    fn single_stretch<T: Unit, C: PassText>(
        &self,
        sink: &mut CopySink<T>,
        mut chars: C,
        state: &mut PassState,
    ) -> Result<(), usize> {
        let steps = &self.tables.steps[..];
        let o = &self.options;
        let write = |sink: &mut CopySink<T>, pos: usize, c: char, exact: bool| {
            if exact {
                sink.keep(pos, c);
            } else {
                sink.put(pos, c, Rules::default());
            }
        };
        // As `Emitter`: the last character written, the length of its run, and the first
        // character of a pending white-space run (position, character, exact, line break seen).
        let PassState {
            mut last,
            mut run,
            mut pending,
            mut formed,
        } = *state;
        let mut last_class = 0u8;
        let runs = &*self.tables.runs;
        let result = loop {
            if pending.is_none() {
                let prev = last.map_or(u32::MAX, u32::from);
                if let Some((start, end, l)) = chars.scan(runs, prev) {
                    sink.keep_run(start, end);
                    // Every character of the run differs from the one before it.
                    run = u32::from(runs[l as usize] == RUN_LETTER);
                    last_class = 0;
                    last = char::from_u32(l);
                }
            }
            let Some((pos, u)) = chars.next() else {
                break Ok(());
            };
            let step = match steps.get(u as usize) {
                Some(&step) => step,
                None => self.step(u),
            };
            // The quick check over a piece: marks must follow in canonical order.
            if step.flags & BAIL != 0 || (step.class != 0 && last_class > step.class) {
                break Err(pos);
            }
            last_class = step.class;
            if step.flags & DROP != 0 {
                continue;
            }
            let c = step.out;
            if step.flags & SPACE != 0 {
                let line_break = step.flags & LINE_BREAK != 0;
                match &mut pending {
                    Some(p) => p.3 |= line_break,
                    None if last.is_none() => {}
                    None => pending = Some((pos, c, step.flags & EXACT != 0, line_break)),
                }
                continue;
            }
            if let Some((p, first, exact, line_break)) = pending.take() {
                let space = if o.keep_newlines && line_break {
                    '\n'
                } else {
                    ' '
                };
                write(sink, p, space, exact && first == space);
                last = Some(space);
            }
            if step.flags & LETTER != 0 {
                run = if last == Some(c) { run + 1 } else { 1 };
                let cut = match o.elongation {
                    Elongation::Collapse if run == 3 => {
                        sink.unput(c, Rules::default());
                        true
                    }
                    Elongation::Collapse => run > 3,
                    Elongation::Max(n) => run > n,
                    Elongation::Keep => false,
                };
                if cut {
                    continue;
                }
            } else {
                run = 0;
            }
            write(sink, pos, c, step.flags & EXACT != 0);
            formed &= step.flags;
            last = Some(c);
        };
        *state = PassState {
            last,
            run,
            pending,
            formed,
        };
        result
    }

    /// Every change the pass makes, with character offsets into `text` and into the output.
    /// Like [`Normalizer::normalize`], it settles a Unicode form with further passes, and
    /// composes their changes.
    pub fn explain(&self, text: &str) -> (String, Vec<Change>) {
        let chars: Vec<char> = text.chars().collect();
        self.explain_around(&chars, self.options.links).finish()
    }

    /// `explain`'s trace, with `html` and, when `keep_links`, `links` acting around the rules
    /// as in `normalize_around`.
    fn explain_around(&self, chars: &[char], keep_links: bool) -> Trace {
        let mut before: Option<Trace> = None;
        if self.options.html {
            let found = html::references(chars);
            if !found.is_empty() {
                let decoded = found.into_iter().map(|(r, x)| (r, x.chars().collect()));
                before = Some(Trace::replaced(chars, decoded.collect(), Rules::HTML));
            }
        }
        let decoded: Vec<char> = before
            .as_ref()
            .map_or_else(|| chars.to_vec(), |t| t.text().collect());
        let links = keep_links.then(|| Links::find(&decoded)).flatten();
        if let Some(links) = &links {
            let masked = Trace::replaced(&decoded, links.marks(), Rules::default());
            before = Some(match before {
                Some(t) => t.then(masked),
                None => masked,
            });
        }
        let text: Vec<char> = match &before {
            Some(t) => t.text().collect(),
            None => decoded.clone(),
        };
        let mut trace = self.settled_trace(&text);
        if let Some(links) = &links {
            let out: Vec<char> = trace.text().collect();
            match links.restored(&decoded, &out) {
                Some(spans) => trace = trace.then(Trace::replaced(&out, spans, Rules::default())),
                // A rule removed a mark (arclean removes what it does not know): no links kept.
                None => return self.explain_around(chars, false),
            }
        }
        match before {
            Some(t) => t.then(trace),
            None => trace,
        }
    }

    /// The trace of the rules over `chars`, settled to the Unicode form as `normalize` does.
    fn settled_trace(&self, chars: &[char]) -> Trace {
        let mut trace = self.trace(chars);
        for _ in 0..4 {
            let out: Vec<char> = trace.text().collect();
            if self.chars_in_form(out.iter().copied()) {
                break;
            }
            let again = self.trace(&out);
            if again.text().eq(out.iter().copied()) {
                break;
            }
            trace = trace.then(again);
        }
        trace
    }

    fn trace(&self, chars: &[char]) -> Trace {
        let mut sink = ExplainSink::default();
        self.run(
            Items(chars.iter().copied().enumerate().map(exact)),
            &mut sink,
        );
        sink.into_trace(chars.len())
    }

    /// With a Unicode form, removing a character can leave a pair that the form composes
    /// (e → ZWJ → U+0301); normalizing again until nothing changes keeps the result idempotent.
    fn settle<'a>(&self, mut out: Cow<'a, str>) -> Cow<'a, str> {
        for _ in 0..4 {
            if self.chars_in_form(out.chars()) {
                break;
            }
            let again = self.normalize_once(&out).0.into_owned();
            if again == *out {
                break;
            }
            out = Cow::Owned(again);
        }
        out
    }

    /// One pass, and whether its output is known to be in the Unicode form already.
    fn normalize_once<'a>(&self, text: &'a str) -> (Cow<'a, str>, bool) {
        let chars = PassUtf8::new(text);
        let (copied, formed) = self.single_pass(text.as_bytes(), chars).unwrap_or_else(|| {
            let mut sink = CopySink::new(text.as_bytes());
            self.run(Utf8::new(text), &mut sink);
            (sink.finish(), false)
        });
        let out = match copied {
            // Ranges always fall on character boundaries: the sink only copies whole characters.
            Copied::Range(r) => Cow::Borrowed(&text[r]),
            // SAFETY: the sink copies whole characters of `text` (valid UTF-8) and pushes UTF-8
            // encodings of `char`s, so the bytes are valid UTF-8.
            Copied::Owned(v) => Cow::Owned(unsafe { String::from_utf8_unchecked(v) }),
        };
        (out, formed)
    }

    fn chars_in_form<I: Iterator<Item = char> + Clone>(&self, chars: I) -> bool {
        if self.options.unicode_form == UnicodeForm::None {
            return true;
        }
        match self.quick_check(chars.clone()) {
            QuickCheck::Yes => true,
            QuickCheck::No => false,
            QuickCheck::Maybe if self.options.unicode_form == UnicodeForm::Nfc => {
                chars.clone().eq(chars.nfc())
            }
            QuickCheck::Maybe => chars.clone().eq(chars.nfkc()),
        }
    }

    #[inline]
    fn form_properties(&self, c: char) -> (u8, QuickCheck) {
        match self.tables.form.get(c as usize) {
            Some(&properties) => properties,
            None => form_properties(c, self.options.unicode_form),
        }
    }

    /// The Unicode quick-check algorithm (UAX #15), with the answers for characters below
    /// U+0800 read from a table.
    fn quick_check<I: Iterator<Item = char>>(&self, chars: I) -> QuickCheck {
        let mut last_class = 0u8;
        let mut result = QuickCheck::Yes;
        for c in chars {
            let (class, answer) = self.form_properties(c);
            if class != 0 && last_class > class {
                return QuickCheck::No;
            }
            match answer {
                QuickCheck::No => return QuickCheck::No,
                QuickCheck::Maybe => result = QuickCheck::Maybe,
                QuickCheck::Yes => {}
            }
            last_class = class;
        }
        result
    }

    /// Applies the Unicode form (if any) to the items, then the character pass.
    fn run<I, S>(&self, items: I, sink: &mut S)
    where
        I: Source,
        S: Sink,
    {
        let mut emitter = Emitter::new(&self.options, sink);
        self.run_with(items, &mut emitter);
        emitter.finish();
    }

    /// `run` from (and to) the context rules' state in `emitter`.
    fn run_with<I: Source, S: Sink>(&self, items: I, emitter: &mut Emitter<S>) {
        if self.options.unicode_form == UnicodeForm::None || self.source_in_form(items.clone()) {
            self.pass(items, emitter);
        } else {
            self.pass(Formed::new(self, items), emitter);
        }
    }

    fn source_in_form<I: Source>(&self, mut items: I) -> bool {
        self.chars_in_form(std::iter::from_fn(move || items.next_item().map(|i| i.c)))
    }

    /// Whether the form leaves the text before `c` alone, as ICU's `hasCompBoundaryBefore`:
    /// `c` decomposes to a starter (combining class 0, so no mark reorders across it) that
    /// never composes with a preceding character (quick check Yes, not Maybe).
    fn boundary_before(&self, c: char) -> bool {
        match self.form_properties(c) {
            (0, QuickCheck::Yes) => true,
            (0, QuickCheck::No) => {
                let first = match self.options.unicode_form {
                    UnicodeForm::Nfkc => std::iter::once(c).nfkd().next(),
                    _ => std::iter::once(c).nfd().next(),
                };
                first.is_some_and(|f| self.form_properties(f) == (0, QuickCheck::Yes))
            }
            _ => false,
        }
    }

    /// Appends `piece` to `out` in the Unicode form. A piece already in form keeps its exact
    /// positions; the characters of a changed piece all point at the piece's first character.
    fn push_piece(&self, piece: &mut Vec<Item>, out: &mut Vec<Item>) {
        let Some(first) = piece.first().copied() else {
            return;
        };
        if self.quick_check(piece.iter().map(|i| i.c)) == QuickCheck::Yes {
            out.append(piece);
            return;
        }
        let chars = piece.iter().map(|i| i.c);
        let normalized: Vec<char> = match self.options.unicode_form {
            UnicodeForm::Nfkc => chars.nfkc().collect(),
            _ => chars.nfc().collect(),
        };
        if normalized.iter().copied().eq(piece.iter().map(|i| i.c)) {
            out.append(piece);
        } else {
            out.extend(normalized.into_iter().map(|c| Item {
                pos: first.pos,
                c,
                exact: false,
            }));
            piece.clear();
        }
    }

    /// The action for `c`: from the table below U+0800, otherwise resolved on the spot, but
    /// only for the few characters up there that some enabled rule can touch.
    #[inline(always)]
    fn action<'s>(&'s self, c: char, owned: &'s mut Option<Action>) -> &'s Action {
        let u = c as usize;
        if u < TABLE_SIZE {
            return &self.actions[usize::from(self.tables.table[u])];
        }
        let o = &self.options;
        let touched = o.arclean
            || (o.presentation_forms
                && matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
            || (o.invisible && is_invisible(c))
            || (o.latin_punctuation
                && matches!(c, '\u{2018}'..='\u{201F}' | '\u{2039}'..='\u{203A}'))
            || (o.lowercase && has_lowercase(c));
        if touched {
            owned.insert(self.options.resolve(c))
        } else {
            &KEEP
        }
    }

    /// The next character of `items` after ٫ that this pass keeps or changes (not one it
    /// deletes, such as a mark), so the separator rule sees what the output will hold. A ZWJ
    /// there is deleted too: it is kept only between two emoji, and ٫ is none.
    fn next_kept<I: Source>(&self, mut items: I) -> Option<char> {
        let mut owned = None;
        loop {
            let item = items.next_item()?;
            if !matches!(
                self.action(item.c, &mut owned),
                Action::Drop(_) | Action::Zwj
            ) {
                return Some(item.c);
            }
        }
    }

    /// The character pass proper.
    fn pass<I: Source, S: Sink>(&self, mut items: I, emitter: &mut Emitter<S>) {
        let mut owned = None;
        loop {
            if emitter.pending_space.is_none() {
                if let Some((start, end, last)) = items.skip_plain(&self.tables) {
                    emitter.sink.keep_run(start, end);
                    emitter.last = Some(last);
                }
            }
            let Some(item) = items.next_item() else {
                break;
            };
            let u = item.c as usize;
            if u < TABLE_SIZE
                && self.tables.table[u] == PLAIN
                && item.exact
                && emitter.pending_space.is_none()
            {
                emitter.write(item.pos, item.c, Rules::default(), true);
                continue;
            }
            let action = match self.action(item.c, &mut owned) {
                Action::NumberSeparator { sep, other } => {
                    let between_digits =
                        emitter.last_adjacent().is_some_and(|l| l.is_ascii_digit())
                            && self.next_kept(items.clone()).is_some_and(is_any_digit);
                    if between_digits {
                        emitter.emit(item.pos, *sep, Rules::DIGITS, false);
                        continue;
                    }
                    other
                }
                Action::Zwj => {
                    let in_emoji = emitter.last_adjacent().is_some_and(is_emoji_part)
                        && items
                            .clone()
                            .next_item()
                            .is_some_and(|n| is_emoji_part(n.c));
                    if in_emoji {
                        &KEEP
                    } else {
                        &DROP_INVISIBLE
                    }
                }
                other => other,
            };
            let marked = if item.exact {
                Rules::default()
            } else {
                Rules::UNICODE_FORM
            };
            match action {
                Action::Keep => emitter.emit(item.pos, item.c, marked, item.exact),
                Action::Map(c, rules) => emitter.emit(item.pos, *c, rules.union(marked), false),
                Action::Expand(s, rules) => {
                    for c in s.chars() {
                        emitter.emit(item.pos, c, rules.union(marked), false);
                    }
                }
                Action::Drop(rules) => emitter.sink.remove(item.pos, item.c, rules.union(marked)),
                Action::NumberSeparator { .. } | Action::Zwj => {}
            }
        }
    }
}

/// The character-local rules. They depend on the options only, so the tables are built from
/// them and characters beyond the tables are resolved the same way.
impl NormalizeOptions {
    /// Composes every character-local rule for `c`.
    fn resolve(&self, c: char) -> Action {
        let o = self;
        if o.latin_digits && matches!(c, '\u{066B}' | '\u{066C}') {
            let other = NormalizeOptions {
                latin_digits: false,
                ..*o
            }
            .resolve(c);
            let sep = if c == '\u{066B}' { '.' } else { ',' };
            return Action::NumberSeparator {
                sep,
                other: Box::new(other),
            };
        }
        if o.invisible && !o.arclean && c == '\u{200D}' {
            return Action::Zwj;
        }
        let mut rules = Rules::default();
        let mut out = String::new();
        for d in self.presentation_form(c, &mut rules).chars() {
            for e in self.arclean_stage(d, &mut rules).chars() {
                self.letter_rules(e, &mut rules, &mut out);
            }
        }
        let mut chars = out.chars();
        match (chars.next(), chars.next()) {
            _ if rules.is_empty() => Action::Keep,
            (None, _) => Action::Drop(rules),
            (Some(x), None) => Action::Map(x, rules),
            _ => Action::Expand(out.into_boxed_str(), rules),
        }
    }

    fn presentation_form(&self, c: char, rules: &mut Rules) -> Cow<'static, str> {
        let in_block = matches!(c, '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}');
        if !self.presentation_forms || !in_block {
            return Cow::Owned(c.to_string());
        }
        // As CAMeL Tools' `normalize_unicode`: the rial sign spelled with Arabic yeh (NFKC would
        // give Farsi yeh), and the basmala ligature, which NFKC leaves alone, spelled out.
        let expanded: Cow<'static, str> = match c {
            '\u{FDFC}' => Cow::Borrowed("\u{0631}\u{064A}\u{0627}\u{0644}"),
            '\u{FDFD}' => Cow::Borrowed("بسم الله الرحمن الرحيم"),
            _ => Cow::Owned(std::iter::once(c).nfkc().collect()),
        };
        if expanded.chars().ne(std::iter::once(c)) {
            *rules = rules.union(Rules::PRESENTATION_FORMS);
        }
        expanded
    }

    fn arclean_stage(&self, c: char, rules: &mut Rules) -> Cow<'static, str> {
        if !self.arclean {
            return Cow::Owned(c.to_string());
        }
        match arclean(c) {
            Arclean::Keep => Cow::Owned(c.to_string()),
            Arclean::Delete => {
                *rules = rules.union(Rules::ARCLEAN);
                Cow::Borrowed("")
            }
            Arclean::To(s) => {
                if s.chars().ne(std::iter::once(c)) {
                    *rules = rules.union(Rules::ARCLEAN);
                }
                Cow::Borrowed(s)
            }
        }
    }

    /// The single-character rules, in order; appends the result (zero or more chars) to `out`.
    fn letter_rules(&self, c: char, rules: &mut Rules, out: &mut String) {
        let o = self;
        let mut c = c;
        let mut apply = |cond: bool, to: Option<char>, rule: Rules, c: &mut char| -> bool {
            // Returns false when the character is removed.
            if !cond {
                return true;
            }
            *rules = rules.union(rule);
            match to {
                Some(t) => {
                    *c = t;
                    true
                }
                None => false,
            }
        };
        if o.persian {
            if let Some(t) = persian_fold(c) {
                apply(true, Some(t), Rules::PERSIAN, &mut c);
            }
        }
        let is_mark = match o.diacritics {
            Diacritics::Keep => false,
            Diacritics::Harakat => is_harakat(c),
            Diacritics::All => is_arabic_diacritic(c),
        };
        if !apply(is_mark, None, Rules::DIACRITICS, &mut c)
            || !apply(o.tatweel && c == '\u{0640}', None, Rules::TATWEEL, &mut c)
        {
            return;
        }
        let alef = match o.alef {
            Alef::Keep => false,
            Alef::Common => matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ'),
            Alef::All => matches!(c, 'أ' | 'إ' | 'آ' | 'ٱ' | 'ٲ' | 'ٳ' | 'ٵ'),
        };
        apply(alef, Some('ا'), Rules::ALEF, &mut c);
        apply(
            o.alef_maksura && c == 'ى',
            Some('ي'),
            Rules::ALEF_MAKSURA,
            &mut c,
        );
        apply(
            o.teh_marbuta && c == 'ة',
            Some('ه'),
            Rules::TEH_MARBUTA,
            &mut c,
        );
        let hamza = match (o.hamza, c) {
            (Hamza::Carrier, 'ؤ') => Some('و'),
            (Hamza::Carrier, 'ئ') => Some('ي'),
            (Hamza::Bare, 'ؤ' | 'ئ') => Some('ء'),
            _ => None,
        };
        apply(hamza.is_some(), hamza, Rules::HAMZA, &mut c);
        let digit = if o.latin_digits {
            eastern_digit(c)
        } else {
            None
        };
        apply(digit.is_some(), digit, Rules::DIGITS, &mut c);
        let punct = if o.latin_punctuation {
            latin_punctuation(c)
        } else {
            None
        };
        apply(punct.is_some(), punct, Rules::PUNCTUATION, &mut c);
        if !apply(
            o.invisible && is_invisible(c),
            None,
            Rules::INVISIBLE,
            &mut c,
        ) {
            return;
        }
        if o.lowercase && has_lowercase(c) {
            *rules = rules.union(Rules::LOWERCASE);
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
}

/// The text the single pass reads: code points with their positions (in the text's units), and
/// a scan over runs it copies unchanged.
trait PassText {
    type Source: Source;

    fn next(&mut self) -> Option<(usize, u32)>;

    /// Advances over the longest run of characters the single pass copies as they are (see
    /// `RUN_*`), after a written character `prev` (`u32::MAX`: none) with no white space
    /// pending; returns the run's position range and its last character, or `None` when empty.
    fn scan(&mut self, runs: &[u8; TABLE_SIZE], prev: u32) -> Option<(usize, usize, u32)>;

    /// Where the text starts and ends.
    fn at(&self) -> usize;
    fn len(&self) -> usize;
    /// The text from `from` to `to`, positions unchanged.
    fn window(&self, from: usize, to: usize) -> Self;
    /// The same for the general pass.
    fn source(&self, from: usize, to: usize) -> Self::Source;
    /// The position of the last `CUT` character in `from..to`.
    fn cut_before(&self, steps: &[Step], from: usize, to: usize) -> Option<usize>;
    /// The position of the first `CUT` character after the one at `at`.
    fn cut_after(&self, steps: &[Step], at: usize) -> Option<usize>;
}

#[inline]
fn is_cut(steps: &[Step], u: u32) -> bool {
    steps.get(u as usize).is_some_and(|s| s.flags & CUT != 0)
}

/// The run scan over any text: `decode(i)` is the code point at `i` and its length, or `None`
/// past the end or for a character the tables do not cover.
#[inline(always)]
fn scan_runs(
    runs: &[u8; TABLE_SIZE],
    mut prev: u32,
    start: usize,
    decode: impl Fn(usize) -> Option<(u32, usize)>,
) -> usize {
    let mut i = start;
    while let Some((u, len)) = decode(i) {
        let inside = match runs[u as usize] {
            RUN_PLAIN => true,
            RUN_LETTER => u != prev,
            RUN_SPACE => {
                prev != u32::MAX
                    && decode(i + len)
                        .is_some_and(|(v, _)| runs[v as usize] & (RUN_PLAIN | RUN_LETTER) != 0)
            }
            _ => false,
        };
        if !inside {
            break;
        }
        prev = u;
        i += len;
    }
    i
}

struct PassUcs4<'a> {
    /// The whole text, and the end of this window on it.
    full: &'a [u32],
    units: &'a [u32],
    at: usize,
}

impl<'a> PassUcs4<'a> {
    fn new(units: &'a [u32]) -> Self {
        PassUcs4 {
            full: units,
            units,
            at: 0,
        }
    }
}

impl<'a> PassText for PassUcs4<'a> {
    type Source = Ucs4<'a>;

    fn at(&self) -> usize {
        self.at
    }

    fn len(&self) -> usize {
        self.units.len()
    }

    fn window(&self, from: usize, to: usize) -> Self {
        PassUcs4 {
            full: self.full,
            units: &self.full[..to],
            at: from,
        }
    }

    fn source(&self, from: usize, to: usize) -> Ucs4<'a> {
        Ucs4::window(&self.full[..to], from)
    }

    fn cut_before(&self, steps: &[Step], from: usize, to: usize) -> Option<usize> {
        (from..to).rev().find(|&i| is_cut(steps, self.full[i]))
    }

    fn cut_after(&self, steps: &[Step], at: usize) -> Option<usize> {
        (at + 1..self.units.len()).find(|&i| is_cut(steps, self.full[i]))
    }

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, u32)> {
        let &u = self.units.get(self.at)?;
        self.at += 1;
        Some((self.at - 1, u))
    }

    #[inline(always)]
    fn scan(&mut self, runs: &[u8; TABLE_SIZE], prev: u32) -> Option<(usize, usize, u32)> {
        let units = self.units;
        let start = self.at;
        let end = scan_runs(runs, prev, start, |i| {
            let &u = units.get(i)?;
            ((u as usize) < TABLE_SIZE).then_some((u, 1))
        });
        if end == start {
            return None;
        }
        self.at = end;
        Some((start, end, units[end - 1]))
    }
}

struct PassUtf8<'a> {
    /// The whole text, and the end of this window on it.
    full: &'a str,
    text: &'a str,
    at: usize,
}

impl<'a> PassUtf8<'a> {
    fn new(text: &'a str) -> Self {
        PassUtf8 {
            full: text,
            text,
            at: 0,
        }
    }

    /// Whether a `CUT` character starts at byte `i`.
    fn cut_at(&self, steps: &[Step], i: usize) -> bool {
        let bytes = self.full.as_bytes();
        bytes[i] & 0xC0 != 0x80 && decode_short(bytes, i).is_some_and(|(u, _)| is_cut(steps, u))
    }
}

/// The code point at `i` of valid UTF-8 and its length, when it has one or two bytes.
#[inline(always)]
fn decode_short(bytes: &[u8], i: usize) -> Option<(u32, usize)> {
    let &b = bytes.get(i)?;
    if b < 0x80 {
        return Some((u32::from(b), 1));
    }
    if b & 0xE0 != 0xC0 {
        return None;
    }
    let &c = bytes.get(i + 1)?;
    Some(((u32::from(b & 0x1F) << 6) | u32::from(c & 0x3F), 2))
}

impl<'a> PassText for PassUtf8<'a> {
    type Source = Utf8<'a>;

    fn at(&self) -> usize {
        self.at
    }

    fn len(&self) -> usize {
        self.text.len()
    }

    fn window(&self, from: usize, to: usize) -> Self {
        PassUtf8 {
            full: self.full,
            text: &self.full[..to],
            at: from,
        }
    }

    fn source(&self, from: usize, to: usize) -> Utf8<'a> {
        Utf8::window(&self.full[..to], from)
    }

    fn cut_before(&self, steps: &[Step], from: usize, to: usize) -> Option<usize> {
        (from..to).rev().find(|&i| self.cut_at(steps, i))
    }

    fn cut_after(&self, steps: &[Step], at: usize) -> Option<usize> {
        (at + 1..self.text.len()).find(|&i| self.cut_at(steps, i))
    }

    #[inline(always)]
    fn next(&mut self) -> Option<(usize, u32)> {
        let pos = self.at;
        let (u, len) = match decode_short(self.text.as_bytes(), pos) {
            Some(d) => d,
            None => {
                let c = self.text[pos..].chars().next()?;
                (u32::from(c), c.len_utf8())
            }
        };
        self.at += len;
        Some((pos, u))
    }

    #[inline(always)]
    fn scan(&mut self, runs: &[u8; TABLE_SIZE], prev: u32) -> Option<(usize, usize, u32)> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let end = scan_runs(runs, prev, start, |i| decode_short(bytes, i));
        if end == start {
            return None;
        }
        self.at = end;
        // The run ends after a whole character of one or two bytes.
        let last = if bytes[end - 1] < 0x80 {
            u32::from(bytes[end - 1])
        } else {
            decode_short(bytes, end - 2).map_or(0, |d| d.0)
        };
        Some((start, end, last))
    }
}

#[inline(always)]
fn exact((pos, c): (usize, char)) -> Item {
    Item {
        pos,
        c,
        exact: true,
    }
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Position of the first lone surrogate in UCS-4 code units, if any.
pub fn first_surrogate(text: &[u32]) -> Option<usize> {
    text.iter().position(|&u| char::from_u32(u).is_none())
}

/// The context-dependent rules (white space, elongation) between the pass and the sink.
struct Emitter<'o, 's, S: Sink> {
    options: &'o NormalizeOptions,
    sink: &'s mut S,
    /// The last character written to the sink.
    last: Option<char>,
    /// Length of the current run of `last`, when `last` is an Arabic letter.
    run: u32,
    pending_space: Option<PendingSpace>,
}

/// The first character of a white-space run, held back until a non-space follows.
struct PendingSpace {
    pos: usize,
    c: char,
    exact: bool,
    rules: Rules,
    line_break: bool,
}

impl<'o, 's, S: Sink> Emitter<'o, 's, S> {
    fn new(options: &'o NormalizeOptions, sink: &'s mut S) -> Self {
        Emitter {
            options,
            sink,
            last: None,
            run: 0,
            pending_space: None,
        }
    }

    /// Write `c` for the input character at `pos`; `exact` says `c` is that character unchanged.
    #[inline(always)]
    fn emit(&mut self, pos: usize, c: char, rules: Rules, exact: bool) {
        if self.options.whitespace && c.is_whitespace() {
            let line_break = is_line_break(c);
            match &mut self.pending_space {
                Some(p) => {
                    p.line_break |= line_break;
                    self.sink.remove(pos, c, rules.union(Rules::WHITESPACE));
                }
                None if self.last.is_none() => {
                    self.sink.remove(pos, c, rules.union(Rules::WHITESPACE));
                }
                None => {
                    self.pending_space = Some(PendingSpace {
                        pos,
                        c,
                        exact,
                        rules,
                        line_break,
                    });
                }
            }
            return;
        }
        if let Some(p) = self.pending_space.take() {
            let space = if self.options.keep_newlines && p.line_break {
                '\n'
            } else {
                ' '
            };
            self.write(
                p.pos,
                space,
                p.rules.union(Rules::WHITESPACE),
                p.exact && p.c == space,
            );
        }
        if self.options.elongation != Elongation::Keep && is_arabic_letter(c) {
            self.run = if self.last == Some(c) {
                self.run + 1
            } else {
                1
            };
            let cut = match self.options.elongation {
                Elongation::Collapse if self.run == 3 => {
                    self.sink.unput(c, Rules::ELONGATION);
                    true
                }
                Elongation::Collapse => self.run > 3,
                Elongation::Max(n) => self.run > n,
                Elongation::Keep => false,
            };
            if cut {
                self.sink.remove(pos, c, rules.union(Rules::ELONGATION));
                return;
            }
        } else {
            self.run = 0;
        }
        self.write(pos, c, rules, exact);
    }

    #[inline(always)]
    fn write(&mut self, pos: usize, c: char, rules: Rules, exact: bool) {
        if exact {
            self.sink.keep(pos, c);
        } else {
            self.sink.put(pos, c, rules);
        }
        self.last = Some(c);
    }

    /// The last character written, unless white space is pending after it.
    fn last_adjacent(&self) -> Option<char> {
        if self.pending_space.is_some() {
            None
        } else {
            self.last
        }
    }

    fn finish(mut self) {
        if let Some(p) = self.pending_space.take() {
            self.sink
                .remove(p.pos, p.c, p.rules.union(Rules::WHITESPACE));
        }
    }
}

/// The `links` option's spans: every URL and e-mail address of a text, and the private-use
/// character that stands for each of them while the rules run (one the text does not hold).
struct Links {
    spans: Vec<std::ops::Range<usize>>,
    mark: char,
}

impl Links {
    fn find(chars: &[char]) -> Option<Links> {
        let spans = crate::tokenize::links(chars);
        if spans.is_empty() {
            return None;
        }
        let private_use = ('\u{E000}'..='\u{F8FF}').chain('\u{F0000}'..='\u{FFFFD}');
        let mark = private_use.into_iter().find(|m| !chars.contains(m))?;
        Some(Links { spans, mark })
    }

    /// Each link's span and the mark that replaces it.
    fn marks(&self) -> Vec<(std::ops::Range<usize>, Vec<char>)> {
        self.spans
            .iter()
            .map(|s| (s.clone(), vec![self.mark]))
            .collect()
    }

    /// `chars` with each link replaced by the mark.
    fn mask(&self, chars: &[char]) -> Vec<char> {
        splice(chars, self.spans.iter().map(|s| (s.clone(), [self.mark])))
    }

    /// Where each mark sits in `out` (the rules' output) and the link of `chars` it stands for;
    /// `None` when a rule removed or repeated a mark.
    fn restored(
        &self,
        chars: &[char],
        out: &[char],
    ) -> Option<Vec<(std::ops::Range<usize>, Vec<char>)>> {
        let at: Vec<usize> = (0..out.len()).filter(|&i| out[i] == self.mark).collect();
        (at.len() == self.spans.len()).then(|| {
            at.into_iter()
                .zip(&self.spans)
                .map(|(i, span)| (i..i + 1, chars[span.clone()].to_vec()))
                .collect()
        })
    }

    /// `out` (the rules' output over the masked text) with every link of `chars` back.
    fn unmask(&self, chars: &[char], out: &[char]) -> Option<Vec<char>> {
        Some(splice(out, self.restored(chars, out)?))
    }
}

/// `chars` with each of `replacements` (a span, in order, and what replaces it) written in.
fn splice<R: IntoIterator<Item = char>>(
    chars: &[char],
    replacements: impl IntoIterator<Item = (std::ops::Range<usize>, R)>,
) -> Vec<char> {
    let mut out = Vec::with_capacity(chars.len());
    let mut at = 0;
    for (span, replacement) in replacements {
        out.extend_from_slice(&chars[at..span.start]);
        out.extend(replacement);
        at = span.end;
    }
    out.extend_from_slice(&chars[at..]);
    out
}

/// `c` lower-cases to something else, as Python's `str.lower` lower-cases it: upper-case and
/// title-case letters (`ǅ` → `ǆ`), not upper-case ones without a lower-case form (`ϒ`).
fn has_lowercase(c: char) -> bool {
    let mut lower = c.to_lowercase();
    !(lower.len() == 1 && lower.next() == Some(c))
}

#[cfg(test)]
mod tests;
