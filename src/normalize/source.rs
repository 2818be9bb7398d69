//! Where the normalizer's input comes from: characters with their positions, plus a fast scan
//! over runs of characters that no enabled rule touches.

use super::{Item, Normalizer, Tables, PLAIN, TABLE_SIZE};

pub(crate) trait Source: Clone {
    fn next_item(&mut self) -> Option<Item>;

    /// Advances over the longest run of characters whose table entry is `PLAIN` and returns its
    /// position range and last character; `None` when the next character is not plain (or the
    /// source cannot scan).
    fn skip_plain(&mut self, _tables: &Tables) -> Option<(usize, usize, char)> {
        None
    }
}

/// UTF-8 text; positions are byte offsets.
#[derive(Clone)]
pub(crate) struct Utf8<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Utf8<'a> {
    pub fn new(text: &'a str) -> Self {
        Utf8 { text, at: 0 }
    }

    /// `text` from byte `at` (a character boundary), positions still counted from its start.
    pub fn window(text: &'a str, at: usize) -> Self {
        Utf8 { text, at }
    }
}

impl Source for Utf8<'_> {
    #[inline(always)]
    fn next_item(&mut self) -> Option<Item> {
        let c = self.text[self.at..].chars().next()?;
        let pos = self.at;
        self.at += c.len_utf8();
        Some(Item {
            pos,
            c,
            exact: true,
        })
    }

    #[inline(always)]
    fn skip_plain(&mut self, tables: &Tables) -> Option<(usize, usize, char)> {
        let bytes = self.text.as_bytes();
        let start = self.at;
        let mut i = scan_utf8(bytes, start, &tables.stop_pair);
        // Stopped on the second byte of a two-byte character: stop at its first.
        if i < bytes.len() && bytes[i] & 0xC0 == 0x80 && i > start {
            i -= 1;
        }
        if i == start {
            return None;
        }
        self.at = i;
        let last = self.text[..i]
            .chars()
            .next_back()
            .unwrap_or(char::REPLACEMENT_CHARACTER);
        Some((start, i, last))
    }
}

/// The first byte at or after `start` where `stop` says a plain run ends (or the end).
#[inline(never)]
fn scan_utf8(bytes: &[u8], start: usize, stop: &[bool; 0x10000]) -> usize {
    let mut prev = if start > 0 { bytes[start - 1] } else { 0 };
    for (i, &b) in bytes[start..].iter().enumerate() {
        if stop[(usize::from(prev) << 8) | usize::from(b)] {
            return start + i;
        }
        prev = b;
    }
    bytes.len()
}

/// UCS-4 code units (a Python str); positions are indices. Lone surrogates come out as U+FFFD,
/// marked as not exact.
#[derive(Clone)]
pub(crate) struct Ucs4<'a> {
    units: &'a [u32],
    at: usize,
}

impl<'a> Ucs4<'a> {
    pub fn new(units: &'a [u32]) -> Self {
        Ucs4 { units, at: 0 }
    }

    /// `units` from `at`, positions still counted from their start.
    pub fn window(units: &'a [u32], at: usize) -> Self {
        Ucs4 { units, at }
    }
}

impl Source for Ucs4<'_> {
    #[inline(always)]
    fn next_item(&mut self) -> Option<Item> {
        let &u = self.units.get(self.at)?;
        let pos = self.at;
        self.at += 1;
        Some(match char::from_u32(u) {
            Some(c) => Item {
                pos,
                c,
                exact: true,
            },
            None => Item {
                pos,
                c: char::REPLACEMENT_CHARACTER,
                exact: false,
            },
        })
    }

    #[inline(always)]
    fn skip_plain(&mut self, tables: &Tables) -> Option<(usize, usize, char)> {
        let table = &tables.table;
        let start = self.at;
        let rest = &self.units[start..];
        let n = rest
            .iter()
            .position(|&u| (u as usize) >= TABLE_SIZE || table[u as usize] != PLAIN)
            .unwrap_or(rest.len());
        if n == 0 {
            return None;
        }
        self.at += n;
        let last = char::from_u32(rest[n - 1]).unwrap_or(char::REPLACEMENT_CHARACTER);
        Some((start, start + n, last))
    }
}

/// Any iterator of items (character offsets for `explain`, pieces after a Unicode form).
#[derive(Clone)]
pub(crate) struct Items<I>(pub I);

impl<I: Iterator<Item = Item> + Clone> Source for Items<I> {
    #[inline(always)]
    fn next_item(&mut self) -> Option<Item> {
        self.0.next()
    }
}

/// The items of `inner` in the normalizer's Unicode form, produced piece by piece so memory
/// stays bounded by the longest piece, and changes point at the characters they came from.
/// Pieces end around white space (which composes with nothing) and before every character the
/// form cannot join to what precedes it. Cloning (for look-ahead) copies one piece at most.
#[derive(Clone)]
pub(crate) struct Formed<'n, I> {
    normalizer: &'n Normalizer,
    inner: I,
    /// The current piece in form, and how much of it was handed out.
    piece: Vec<Item>,
    at: usize,
    /// The first item of the next piece, already read from `inner`.
    next: Option<Item>,
}

impl<'n, I: Source> Formed<'n, I> {
    pub fn new(normalizer: &'n Normalizer, inner: I) -> Self {
        Formed {
            normalizer,
            inner,
            piece: Vec::new(),
            at: 0,
            next: None,
        }
    }

    /// Reads the next piece; false when `inner` is exhausted.
    fn fill(&mut self) -> bool {
        let mut raw = Vec::new();
        let Some(first) = self.next.take().or_else(|| self.inner.next_item()) else {
            return false;
        };
        raw.push(first);
        if !first.c.is_whitespace() {
            while let Some(item) = self.inner.next_item() {
                if item.c.is_whitespace() || self.normalizer.boundary_before(item.c) {
                    self.next = Some(item);
                    break;
                }
                raw.push(item);
            }
        }
        self.normalizer.push_piece(&mut raw, &mut self.piece);
        true
    }
}

impl<I: Source> Source for Formed<'_, I> {
    fn next_item(&mut self) -> Option<Item> {
        while self.at == self.piece.len() {
            self.piece.clear();
            self.at = 0;
            if !self.fill() {
                return None;
            }
        }
        let item = self.piece[self.at];
        self.at += 1;
        Some(item)
    }
}
