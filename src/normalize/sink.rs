//! Where the normalizer's output goes.

use std::ops::Range;

use super::Rules;

/// Receives the pass's output, one decision per character.
pub(crate) trait Sink {
    /// The input character at `pos` passes through unchanged.
    fn keep(&mut self, pos: usize, c: char);
    /// The input at positions `start..end` passes through unchanged (sources that scan runs
    /// give positions in their own units).
    fn keep_run(&mut self, start: usize, end: usize);
    /// `c` is written for the input character at `pos` because of `rules`.
    fn put(&mut self, pos: usize, c: char, rules: Rules);
    /// The input character at `pos` is removed by `rules`.
    fn remove(&mut self, pos: usize, c: char, rules: Rules);
    /// The last character written (`c`) is taken back by `rules`.
    fn unput(&mut self, c: char, rules: Rules);
}

/// A code unit of the text being normalized: `u8` for UTF-8, `u32` for UCS-4.
pub(crate) trait Unit: Copy {
    fn len_of(c: char) -> usize;
    fn push(c: char, out: &mut Vec<Self>);
}

impl Unit for u8 {
    #[inline(always)]
    fn len_of(c: char) -> usize {
        c.len_utf8()
    }
    fn push(c: char, out: &mut Vec<u8>) {
        let mut buf = [0u8; 4];
        out.extend_from_slice(c.encode_utf8(&mut buf).as_bytes());
    }
}

impl Unit for u32 {
    #[inline(always)]
    fn len_of(_: char) -> usize {
        1
    }
    fn push(c: char, out: &mut Vec<u32>) {
        out.push(u32::from(c));
    }
}

/// Builds the output as slices of the source wherever characters pass unchanged; allocates only
/// once something changes.
pub(crate) struct CopySink<'a, T: Unit> {
    src: &'a [T],
    buf: Option<Vec<T>>,
    /// Unchanged source not yet copied into `buf`.
    run: Range<usize>,
}

impl<'a, T: Unit> CopySink<'a, T> {
    pub fn new(src: &'a [T]) -> Self {
        CopySink {
            src,
            buf: None,
            run: 0..0,
        }
    }

    #[inline(always)]
    fn flush(&mut self) -> &mut Vec<T> {
        let buf = self
            .buf
            .get_or_insert_with(|| Vec::with_capacity(self.src.len()));
        if !self.run.is_empty() {
            buf.extend_from_slice(&self.src[self.run.clone()]);
        }
        self.run = 0..0;
        buf
    }

    /// Where the output is, for `rewind`.
    pub fn mark(&self) -> (Option<usize>, Range<usize>) {
        (self.buf.as_ref().map(Vec::len), self.run.clone())
    }

    /// Takes back everything written since `mark` gave `at`.
    pub fn rewind(&mut self, at: (Option<usize>, Range<usize>)) {
        match at.0 {
            None => self.buf = None,
            Some(len) => {
                if let Some(buf) = &mut self.buf {
                    buf.truncate(len);
                }
            }
        }
        self.run = at.1;
    }

    /// The output: a range of the source when it is one unchanged stretch of it.
    pub fn finish(mut self) -> Copied<T> {
        match self.buf {
            None => Copied::Range(self.run),
            Some(_) => Copied::Owned(std::mem::take(self.flush())),
        }
    }
}

impl<T: Unit> Sink for CopySink<'_, T> {
    #[inline(always)]
    fn keep(&mut self, pos: usize, c: char) {
        self.keep_run(pos, pos + T::len_of(c));
    }

    #[inline(always)]
    fn keep_run(&mut self, pos: usize, end: usize) {
        if !self.run.is_empty() && self.run.end == pos {
            self.run.end = end;
        } else {
            // While nothing has been written the output is still one stretch of the source.
            if !self.run.is_empty() || self.buf.is_some() {
                self.flush();
            }
            self.run = pos..end;
        }
    }

    #[inline(always)]
    fn put(&mut self, _pos: usize, c: char, _rules: Rules) {
        T::push(c, self.flush());
    }

    #[inline(always)]
    fn remove(&mut self, _pos: usize, _c: char, _rules: Rules) {}

    fn unput(&mut self, c: char, _rules: Rules) {
        if self.run.is_empty() {
            if let Some(buf) = &mut self.buf {
                buf.truncate(buf.len().saturating_sub(T::len_of(c)));
            }
        } else {
            self.run.end -= T::len_of(c);
        }
    }
}

/// What a [`CopySink`] produced.
pub(crate) enum Copied<T> {
    Range(Range<usize>),
    Owned(Vec<T>),
}

/// The result of normalizing UCS-4 text.
#[derive(Debug, PartialEq, Eq)]
pub enum Ucs4Output {
    /// No rule applied: the input is the output.
    Unchanged,
    /// The output is this stretch of the input.
    Slice(Range<usize>),
    Owned(Vec<u32>),
}

impl Ucs4Output {
    pub(crate) fn from_sink(len: usize, out: Copied<u32>) -> Self {
        match out {
            Copied::Range(r) if r == (0..len) => Ucs4Output::Unchanged,
            Copied::Range(r) => Ucs4Output::Slice(r),
            Copied::Owned(v) => Ucs4Output::Owned(v),
        }
    }

    /// The output code units, given the input they came from.
    pub fn as_slice<'a>(&'a self, input: &'a [u32]) -> &'a [u32] {
        match self {
            Ucs4Output::Unchanged => input,
            Ucs4Output::Slice(r) => &input[r.clone()],
            Ucs4Output::Owned(v) => v,
        }
    }
}

/// One change made by the normalizer: `original[orig]` became `normalized[norm]` (character
/// offsets), because of `rules`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Change {
    pub orig: Range<usize>,
    pub norm: Range<usize>,
    pub rules: Rules,
}

impl Change {
    /// `(orig_start, orig_end, norm_start, norm_end, rule names)`.
    pub fn as_tuple(&self) -> (usize, usize, usize, usize, Vec<&'static str>) {
        (
            self.orig.start,
            self.orig.end,
            self.norm.start,
            self.norm.end,
            self.rules.names(),
        )
    }
}

/// Records where every output character came from, to report changes. Positions are character
/// indices into the pass's input.
#[derive(Default)]
pub(crate) struct ExplainSink {
    /// Output characters with their source position and the rules that produced them (empty
    /// rules: unchanged).
    out: Vec<(char, usize, Rules)>,
    /// Source positions removed, with the rules.
    removed: Vec<(usize, Rules)>,
}

impl Sink for ExplainSink {
    fn keep(&mut self, pos: usize, c: char) {
        self.out.push((c, pos, Rules::default()));
    }
    fn keep_run(&mut self, _start: usize, _end: usize) {
        // `Items` sources never scan runs, and explain reads from one.
        debug_assert!(false, "explain reads characters one by one");
    }
    fn put(&mut self, pos: usize, c: char, rules: Rules) {
        self.out.push((c, pos, rules));
    }
    fn remove(&mut self, pos: usize, _c: char, rules: Rules) {
        self.removed.push((pos, rules));
    }
    fn unput(&mut self, _c: char, rules: Rules) {
        if let Some((_, pos, r)) = self.out.pop() {
            self.removed.push((pos, r.union(rules)));
        }
    }
}

impl ExplainSink {
    /// The pass over `len` input characters as a [`Trace`]. Every input position reaches the
    /// sink, except inside a stretch a Unicode form rewrote, whose output all points at the
    /// stretch's first character: such a stretch reaches up to the next position seen.
    pub fn into_trace(self, len: usize) -> Trace {
        let mut seen: Vec<usize> = self.out.iter().map(|e| e.1).collect();
        seen.extend(self.removed.iter().map(|e| e.0));
        seen.sort_unstable();
        seen.dedup();
        let span = |pos: usize| {
            let next = seen.partition_point(|&p| p <= pos);
            pos..seen.get(next).copied().unwrap_or(len)
        };
        Trace {
            out: self.out.iter().map(|&(c, p, r)| (c, span(p), r)).collect(),
            removed: self.removed.iter().map(|&(p, r)| (span(p), r)).collect(),
        }
    }
}

/// Where every output character of one or more passes came from.
pub(crate) struct Trace {
    /// Output characters, in order, with the source characters they came from and the rules
    /// that changed them (empty: unchanged).
    out: Vec<(char, Range<usize>, Rules)>,
    /// Source characters removed.
    removed: Vec<(Range<usize>, Rules)>,
}

impl Trace {
    /// The pass that writes each of `replacements` (a span of `chars` and what replaces it)
    /// with `rules`, keeping every other character.
    pub fn replaced(
        chars: &[char],
        replacements: Vec<(Range<usize>, Vec<char>)>,
        rules: Rules,
    ) -> Trace {
        let mut trace = Trace {
            out: Vec::with_capacity(chars.len()),
            removed: Vec::new(),
        };
        let mut at = 0;
        for (span, replacement) in replacements {
            let kept = (at..span.start).map(|i| (chars[i], i..i + 1, Rules::default()));
            trace.out.extend(kept);
            if replacement.is_empty() {
                trace.removed.push((span.clone(), rules));
            }
            trace
                .out
                .extend(replacement.into_iter().map(|c| (c, span.clone(), rules)));
            at = span.end;
        }
        let rest = (at..chars.len()).map(|i| (chars[i], i..i + 1, Rules::default()));
        trace.out.extend(rest);
        trace
    }

    pub fn text(&self) -> impl Iterator<Item = char> + '_ {
        self.out.iter().map(|e| e.0)
    }

    /// This trace followed by `next`, a pass over this trace's output.
    pub fn then(self, next: Trace) -> Trace {
        let origin = |mid: &Range<usize>, rules: Rules| {
            let from = &self.out[mid.clone()];
            let rules = from.iter().fold(rules, |r, e| r.union(e.2));
            (from[0].1.start..from[from.len() - 1].1.end, rules)
        };
        let out = next
            .out
            .iter()
            .map(|(c, mid, r)| {
                let (orig, rules) = origin(mid, *r);
                (*c, orig, rules)
            })
            .collect();
        let mut removed: Vec<_> = next
            .removed
            .iter()
            .map(|(mid, r)| origin(mid, *r))
            .collect();
        removed.extend(self.removed);
        Trace { out, removed }
    }

    /// The normalized text and its changes, in source order. Consecutive output characters
    /// written for the same source characters form one change.
    pub fn finish(self) -> (String, Vec<Change>) {
        let normalized: String = self.text().collect();
        let mut changes: Vec<Change> = Vec::new();
        for (i, (_, orig, rules)) in self.out.iter().enumerate() {
            if rules.is_empty() {
                continue;
            }
            match changes.last_mut() {
                Some(last) if last.orig == *orig && last.norm.end == i => {
                    last.norm.end = i + 1;
                    last.rules = last.rules.union(*rules);
                }
                _ => changes.push(Change {
                    orig: orig.clone(),
                    norm: i..i + 1,
                    rules: *rules,
                }),
            }
        }
        // A removed character shows as an empty stretch of the output where it would have been:
        // after the output of everything before it (the output follows the source in order).
        for (orig, rules) in self.removed {
            let at = self.out.partition_point(|e| e.1.start < orig.start);
            changes.push(Change {
                orig,
                norm: at..at,
                rules,
            });
        }
        changes.sort_by_key(|c| (c.orig.start, c.norm.start));
        // Changes whose sources overlap (a removal inside a stretch a Unicode form rewrote, or
        // passes that settle a form) fold into one.
        let mut merged: Vec<Change> = Vec::new();
        for ch in changes {
            match merged.last_mut() {
                Some(last) if ch.orig.start < last.orig.end => {
                    last.orig.end = last.orig.end.max(ch.orig.end);
                    last.norm = last.norm.start.min(ch.norm.start)..last.norm.end.max(ch.norm.end);
                    last.rules = last.rules.union(ch.rules);
                }
                _ => merged.push(ch),
            }
        }
        (normalized, merged)
    }
}
