//! Vectorization, as scikit-learn's `CountVectorizer`, `TfidfVectorizer` (their counting part)
//! and `HashingVectorizer` do it: documents → features (word n-grams, or character n-grams) →
//! a sparse matrix in CSR form.
//!
//! Fitting counts every document on worker threads with a table of features per piece of
//! documents (word n-grams as token ids, character n-grams as slices of the text), then merges
//! the pieces into a vocabulary cut into shards by hash, each shard on its own thread; the
//! vocabulary is sorted at the end, so the output is the same whatever the number of threads.

pub mod murmur;

use crate::normalize::Normalizer;
use crate::segment;
use crate::stem::Method;
use crate::tokenize::props::is_python_space;
use crate::tokenize::{decode, Tokenizer};
use hashbrown::hash_table::Entry;
use hashbrown::HashTable;
use rayon::prelude::*;
use rustc_hash::{FxBuildHasher, FxHashMap};
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::ops::RangeInclusive;

/// What a feature is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    /// Word n-grams: tokens joined by one space.
    Word,
    /// Character n-grams over the text with white-space runs made one space.
    Char,
    /// Character n-grams inside each white-space-separated word padded with one space.
    CharWb,
}

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Word, Unit::Char, Unit::CharWb];

    pub fn name(self) -> &'static str {
        match self {
            Unit::Word => "word",
            Unit::Char => "char",
            Unit::CharWb => "char_wb",
        }
    }
}

/// Turns a document into its features, exactly as scikit-learn's analyzers do once the text is
/// preprocessed: `tokenizer` (with its normalizer) preprocesses and tokenizes word features;
/// `normalizer` preprocesses character features.
#[derive(Clone, Debug)]
pub struct Analyzer {
    pub unit: Unit,
    pub ngram_range: (usize, usize),
    pub tokenizer: Tokenizer,
    pub normalizer: Option<Normalizer>,
    /// Tokens dropped before stemming and n-grams (word features only).
    pub stop_words: HashSet<String>,
    pub stem: Option<Method>,
    /// Clitic segmentation with this minimum stem (word features only). The segmenter's rules
    /// read text as written, so with it the tokenizer must not normalize: each piece is
    /// normalized with `normalizer` instead.
    pub segment: Option<usize>,
}

impl Analyzer {
    /// Calls `emit` with every feature of `doc` (code points), in scikit-learn's order.
    pub fn features(&self, doc: &[u32], emit: &mut dyn FnMut(&str)) {
        let mut scratch = Scratch::default();
        self.each_feature(doc, &mut scratch, |f| emit(f));
    }

    /// `features` with buffers reused from one document to the next: every feature is a slice
    /// of `scratch`, so no feature costs an allocation.
    fn each_feature(&self, doc: &[u32], scratch: &mut Scratch, mut emit: impl FnMut(&str)) {
        self.analyse(doc, scratch);
        let Scratch {
            text,
            spans,
            bounds,
            ..
        } = scratch;
        let (min_n, max_n) = self.ngram_range;
        if self.unit == Unit::Word {
            // Tokens are separated by one space in `text`, so an n-gram is the slice from its
            // first token's start to its last token's end.
            for n in min_n..=max_n.min(spans.len()) {
                for w in spans.windows(n) {
                    emit(&text[w[0].0..w[n - 1].1]);
                }
            }
            return;
        }
        let whole_word = self.unit == Unit::CharWb;
        for &(a, b) in spans.iter() {
            let m = b - a;
            for n in min_n..=max_n {
                // scikit-learn's `_char_wb_ngrams` gives a padded word shorter than n once, and
                // then no longer n-grams; `_char_ngrams` gives nothing longer than the text.
                if n >= m {
                    if whole_word || n == m {
                        emit(&text[bounds[a]..bounds[b]]);
                    }
                    break;
                }
                for i in a..=b - n {
                    emit(&text[bounds[i]..bounds[i + n]]);
                }
            }
        }
    }

    /// Fills `scratch` with the text of `doc` that features are cut from.
    fn analyse(&self, doc: &[u32], scratch: &mut Scratch) {
        scratch.text.clear();
        scratch.spans.clear();
        scratch.bounds.clear();
        match self.unit {
            Unit::Word => self.analyse_words(doc, scratch),
            Unit::Char | Unit::CharWb => {
                let normalized;
                let text = match &self.normalizer {
                    Some(n) => {
                        normalized = n.normalize_ucs4(doc);
                        normalized.as_slice(doc)
                    }
                    None => doc,
                };
                if self.unit == Unit::Char {
                    collapse_white_space(decode(text), scratch);
                } else {
                    pad_words(decode(text), scratch);
                }
            }
        }
    }

    /// The kept tokens into `scratch.text`, one space apart, and their byte ranges into
    /// `scratch.spans`.
    fn analyse_words(&self, doc: &[u32], scratch: &mut Scratch) {
        let (analysed, tokens) = self.tokenizer.analyse(doc);
        let analysed = analysed.as_slice(doc);
        let Scratch {
            text, spans, chars, ..
        } = scratch;
        for t in tokens {
            match (t.placeholder, self.segment) {
                (Some(p), _) => self.keep_token(text, spans, self.stem, |text| text.push_str(p)),
                (None, None) => self.keep_token(text, spans, self.stem, |text| {
                    text.extend(decode(&analysed[t.start..t.end]))
                }),
                (None, Some(min_stem)) => {
                    chars.clear();
                    chars.extend(decode(&analysed[t.start..t.end]));
                    for piece in segment::segment(chars, min_stem) {
                        let rendered = segment::render(chars, piece);
                        let stem = (piece.kind == segment::Kind::Stem).then_some(self.stem);
                        self.keep_token(text, spans, stem.flatten(), |text| {
                            match &self.normalizer {
                                Some(n) => text.push_str(&n.normalize(&rendered)),
                                None => text.push_str(&rendered),
                            }
                        });
                    }
                }
            }
        }
    }

    /// The token that `write` appends to `text` (after a space): dropped if empty or a stop
    /// word, else stemmed with `stem` and its range recorded in `spans`.
    fn keep_token(
        &self,
        text: &mut String,
        spans: &mut Vec<(usize, usize)>,
        stem: Option<Method>,
        write: impl FnOnce(&mut String),
    ) {
        let before = text.len();
        if !spans.is_empty() {
            text.push(' ');
        }
        let start = text.len();
        write(text);
        if text.len() == start
            || (!self.stop_words.is_empty() && self.stop_words.contains(&text[start..]))
        {
            text.truncate(before);
            return;
        }
        if let Some(method) = stem {
            let stem = method.stem(&text[start..]);
            text.truncate(start);
            text.push_str(&stem);
        }
        spans.push((start, text.len()));
    }
}

/// Buffers an analysis reuses from one document to the next ([`Analyzer::analysed`]).
#[derive(Default)]
pub struct Buffers(Scratch);

/// A document as analysed, before features are cut from it ([`Analyzer::analysed`]).
pub struct Analysed<'b> {
    /// Word features: the kept tokens, one space apart. Character features: the preprocessed
    /// text with white-space runs made one space (`char`) or each word padded (`char_wb`).
    pub text: &'b str,
    /// Word features: each kept token's byte range in `text`. Character features: each run of
    /// characters n-grams are cut from, as a range of `bounds`.
    pub spans: &'b [(usize, usize)],
    /// Character features: the byte offset in `text` of every character, and of the end.
    pub bounds: &'b [usize],
}

impl Analyzer {
    /// `doc` analysed as for its features (normalized, tokenized, stop words dropped, stemmed),
    /// in `buffers`: for what cuts features of its own from the same stream (shingles).
    pub fn analysed<'b>(&self, doc: &[u32], buffers: &'b mut Buffers) -> Analysed<'b> {
        self.analyse(doc, &mut buffers.0);
        let Scratch {
            text,
            spans,
            bounds,
            ..
        } = &buffers.0;
        Analysed {
            text,
            spans,
            bounds,
        }
    }
}

/// Buffers of one thread's analysis, reused from one document to the next.
#[derive(Default)]
struct Scratch {
    /// Word features: the kept tokens, one space apart. Character features: the text, each
    /// word padded with one space each side for `char_wb`.
    text: String,
    /// Word features: each token's byte range in `text`. Character features: each run of
    /// characters n-grams are cut from (the text, or one padded word), as a range of `bounds`.
    spans: Vec<(usize, usize)>,
    /// Character features: the byte offset in `text` of every character, and of the end.
    bounds: Vec<usize>,
    /// A word being segmented.
    chars: Vec<char>,
}

impl Scratch {
    fn push_char(&mut self, c: char) {
        self.bounds.push(self.text.len());
        self.text.push(c);
    }

    /// Closes the run of characters that started at `bounds[start]`.
    fn end_run(&mut self, start: usize) {
        self.spans.push((start, self.bounds.len()));
    }
}

/// scikit-learn's `re.sub(r"\s\s+", " ", text)`: runs of two or more white-space characters
/// become one space; a single one stays as it is. The text is one run.
fn collapse_white_space(text: impl Iterator<Item = char>, out: &mut Scratch) {
    let mut text = text.peekable();
    while let Some(c) = text.next() {
        if is_python_space(c) && text.peek().is_some_and(|&d| is_python_space(d)) {
            while text.next_if(|&d| is_python_space(d)).is_some() {}
            out.push_char(' ');
        } else {
            out.push_char(c);
        }
    }
    out.end_run(0);
    out.bounds.push(out.text.len());
}

/// The words of scikit-learn's `text.split()`, each padded with one space each side, one run
/// each (`_char_wb_ngrams`).
fn pad_words(text: impl Iterator<Item = char>, out: &mut Scratch) {
    let mut start = None;
    for c in text {
        match (is_python_space(c), start) {
            (true, Some(s)) => {
                out.push_char(' ');
                out.end_run(s);
                start = None;
            }
            (true, None) => {}
            (false, Some(_)) => out.push_char(c),
            (false, None) => {
                start = Some(out.bounds.len());
                out.push_char(' ');
                out.push_char(c);
            }
        }
    }
    if let Some(s) = start {
        out.push_char(' ');
        out.end_run(s);
    }
    out.bounds.push(out.text.len());
}

/// A document-term count matrix in CSR form, with its columns' terms.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Counts {
    /// Column terms, sorted (code point order, as Python sorts str); empty for the counts of a
    /// transform, whose columns are its vocabulary's.
    pub terms: Vec<String>,
    pub indptr: Vec<usize>,
    /// Column of every stored value; sorted within each row.
    pub indices: Vec<u32>,
    pub values: Vec<u32>,
}

impl Counts {
    /// Documents containing each of the `n_columns` terms.
    pub fn document_frequencies(&self, n_columns: usize) -> Vec<u64> {
        let mut df = vec![0u64; n_columns];
        for &j in &self.indices {
            df[j as usize] += 1;
        }
        df
    }

    /// Occurrences of each of the `n_columns` terms in the whole corpus.
    pub fn term_frequencies(&self, n_columns: usize) -> Vec<u64> {
        let mut tf = vec![0u64; n_columns];
        for (&j, &v) in self.indices.iter().zip(&self.values) {
            tf[j as usize] += u64::from(v);
        }
        tf
    }

    /// Appends the rows of `other`, which has the same columns.
    pub fn append(&mut self, other: Counts) {
        let offset = self.indices.len();
        self.indptr
            .extend(other.indptr[1..].iter().map(|p| p + offset));
        self.indices.extend(other.indices);
        self.values.extend(other.values);
    }

    /// Every stored value set to 1 (scikit-learn's `binary=True`).
    pub fn binarize(&mut self) {
        self.values.fill(1);
    }

    /// Only the columns where `keep` is true, renumbered in order.
    pub fn keep_columns(&mut self, keep: &[bool]) {
        let mut new_index = Vec::with_capacity(keep.len());
        let mut next = 0u32;
        for &k in keep {
            new_index.push(if k { Some(next) } else { None });
            next += u32::from(k);
        }
        let mut kept = 0;
        let mut row_start = 0;
        for r in 1..self.indptr.len() {
            for k in row_start..self.indptr[r] {
                if let Some(j) = new_index[self.indices[k] as usize] {
                    self.indices[kept] = j;
                    self.values[kept] = self.values[k];
                    kept += 1;
                }
            }
            row_start = self.indptr[r];
            self.indptr[r] = kept;
        }
        self.indices.truncate(kept);
        self.values.truncate(kept);
        let terms = std::mem::take(&mut self.terms);
        self.terms = terms
            .into_iter()
            .zip(keep)
            .filter_map(|(t, &k)| k.then_some(t))
            .collect();
    }
}

/// Rows of (term id, count) pairs back to back, as CSR without sorting.
struct Rows {
    indptr: Vec<usize>,
    ids: Vec<u32>,
    counts: Vec<u32>,
}

impl Default for Rows {
    fn default() -> Self {
        Rows {
            indptr: vec![0],
            ids: Vec::new(),
            counts: Vec::new(),
        }
    }
}

/// Rows being counted, a document at a time, over feature ids numbered densely from 0; with
/// the documents containing each feature.
#[derive(Default)]
struct RowCounter {
    rows: Rows,
    /// Where each feature sits in the current row (u32::MAX: not in it), reset per document.
    slot: Vec<u32>,
    df: Vec<u32>,
}

impl RowCounter {
    /// One more occurrence of `id` in the current row; `id` is at most one past the largest yet.
    fn add(&mut self, id: u32) {
        let id = id as usize;
        if id == self.slot.len() {
            self.slot.push(u32::MAX);
            self.df.push(0);
        }
        let row_start = self.rows.indptr[self.rows.indptr.len() - 1];
        match self.slot[id] {
            u32::MAX => {
                self.slot[id] = (self.rows.ids.len() - row_start) as u32;
                self.rows.ids.push(id as u32);
                self.rows.counts.push(1);
                self.df[id] += 1;
            }
            at => self.rows.counts[row_start + at as usize] += 1,
        }
    }

    fn end_row(&mut self) {
        let row_start = self.rows.indptr[self.rows.indptr.len() - 1];
        for &id in &self.rows.ids[row_start..] {
            self.slot[id as usize] = u32::MAX;
        }
        self.rows.indptr.push(self.rows.ids.len());
    }
}

/// Strings back to back, numbered in order: one allocation for all of them.
#[derive(Default)]
struct Strings {
    text: String,
    ends: Vec<u32>,
}

impl Strings {
    #[inline]
    fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }

    fn push(&mut self, s: &str) -> u32 {
        self.text.push_str(s);
        let end = u32::try_from(self.text.len()).expect("the terms of one table exceed 4 GiB");
        self.ends.push(end);
        (self.ends.len() - 1) as u32
    }
}

/// A shard's terms: `Strings` found by their `hash_term`, which the caller computes once and
/// reuses. The table keeps no hashes (4 bytes an entry): it recomputes them when it grows,
/// which costs less than keeping 4 or 8 bytes more for each term of the vocabulary.
#[derive(Default)]
struct Interner {
    strings: Strings,
    table: HashTable<u32>,
}

impl Interner {
    /// The number of `s`, whose hash is `hash`, and whether `s` is new.
    fn intern(&mut self, hash: u64, s: &str) -> (u32, bool) {
        let strings = &mut self.strings;
        let entry = self.table.entry(
            hash,
            |&k| strings.get(k) == s,
            |&k| hash_term(strings.get(k)),
        );
        match entry {
            Entry::Occupied(e) => (*e.get(), false),
            Entry::Vacant(e) => {
                let id = strings.push(s);
                e.insert(id);
                (id, true)
            }
        }
    }
}

/// A piece's tokens or character n-grams, numbered in order of first sight, with their
/// `hash_term` for the merge. Unlike a shard's `Interner`, the table holds a string of up to
/// 15 bytes itself (`short_key`), so most lookups compare two integers and read no string; 32
/// bytes an entry is affordable for a table that lives for one piece.
#[derive(Default)]
struct PieceTerms {
    strings: Strings,
    hashes: Vec<u64>,
    table: HashTable<(u128, u32)>,
}

/// The bytes of `s` (the first 15 of a longer one) and, in the top byte, its length (at most
/// 255): a string of up to 15 bytes is equal to another exactly when their keys are.
fn short_key(s: &str) -> u128 {
    let bytes = s.as_bytes();
    let n = bytes.len().min(15);
    let mut key = [0u8; 16];
    key[..n].copy_from_slice(&bytes[..n]);
    key[15] = bytes.len().min(255) as u8;
    u128::from_le_bytes(key)
}

fn is_short(key: u128) -> bool {
    key >> 120 <= 15
}

impl PieceTerms {
    /// The number of `s`, numbered now if it is new.
    fn intern(&mut self, s: &str) -> u32 {
        let key = short_key(s);
        let hash = if is_short(key) {
            FxBuildHasher.hash_one(key)
        } else {
            hash_term(s)
        };
        let strings = &self.strings;
        let entry = self.table.entry(
            hash,
            |&(k, id)| k == key && (is_short(k) || strings.get(id) == s),
            |&(k, id)| match is_short(k) {
                true => FxBuildHasher.hash_one(k),
                false => hash_term(strings.get(id)),
            },
        );
        match entry {
            Entry::Occupied(e) => e.get().1,
            Entry::Vacant(e) => {
                let id = self.strings.push(s);
                self.hashes.push(match is_short(key) {
                    true => hash_term(s),
                    false => hash,
                });
                e.insert((key, id));
                id
            }
        }
    }
}

/// Word features as the token ids they are made of, numbered in order of first sight. An
/// n-gram of two or more tokens is found by its table; a unigram by its token (`unigram`).
#[derive(Default)]
struct Grams {
    ids: Vec<u32>,
    ends: Vec<u32>,
    table: HashTable<u32>,
    /// The feature of each token as a unigram (u32::MAX: none yet).
    unigram: Vec<u32>,
}

impl Grams {
    fn len(&self) -> usize {
        self.ends.len()
    }

    fn get(&self, k: u32) -> &[u32] {
        let k = k as usize;
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.ids[start..self.ends[k] as usize]
    }

    fn push(&mut self, tokens: &[u32]) -> u32 {
        self.ids.extend_from_slice(tokens);
        self.ends
            .push(u32::try_from(self.ids.len()).expect("too many n-grams in one piece"));
        (self.ends.len() - 1) as u32
    }

    /// The feature of the n-gram `tokens`, numbered now if it is new.
    fn feature(&mut self, tokens: &[u32]) -> u32 {
        if let [token] = tokens {
            let token = *token as usize;
            if token == self.unigram.len() {
                self.unigram.push(u32::MAX);
            }
            if self.unigram[token] == u32::MAX {
                self.unigram[token] = self.push(tokens);
            }
            return self.unigram[token];
        }
        let hash = FxBuildHasher.hash_one(tokens);
        let Grams {
            ids, ends, table, ..
        } = self;
        let gram = |k: u32| {
            let k = k as usize;
            let start = if k == 0 { 0 } else { ends[k - 1] as usize };
            &ids[start..ends[k] as usize]
        };
        match table.entry(
            hash,
            |&k| gram(k) == tokens,
            |&k| FxBuildHasher.hash_one(gram(k)),
        ) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                ids.extend_from_slice(tokens);
                ends.push(u32::try_from(ids.len()).expect("too many n-grams in one piece"));
                *e.insert((ends.len() - 1) as u32).get()
            }
        }
    }
}

/// One piece of documents counted against its own features (on a worker thread): every
/// feature's term and its hash, the piece's documents containing it, the rows.
struct PieceCounts {
    terms: Strings,
    hashes: Vec<u64>,
    df: Vec<u32>,
    rows: Rows,
}

fn count_piece(analyzer: &Analyzer, docs: &[&[u32]]) -> PieceCounts {
    let mut scratch = Scratch::default();
    let mut counter = RowCounter::default();
    if analyzer.unit != Unit::Word {
        // A character n-gram's term is stored once, when first seen.
        let mut features = PieceTerms::default();
        for doc in docs {
            analyzer.each_feature(doc, &mut scratch, |f| counter.add(features.intern(f)));
            counter.end_row();
        }
        return PieceCounts {
            terms: features.strings,
            hashes: features.hashes,
            df: counter.df,
            rows: counter.rows,
        };
    }
    // Word n-grams are counted as token ids; their terms are joined once each, at the end.
    let mut tokens = PieceTerms::default();
    let mut grams = Grams::default();
    let mut doc_tokens: Vec<u32> = Vec::new();
    let (min_n, max_n) = analyzer.ngram_range;
    for doc in docs {
        analyzer.analyse(doc, &mut scratch);
        doc_tokens.clear();
        doc_tokens.extend(
            scratch
                .spans
                .iter()
                .map(|&(a, b)| tokens.intern(&scratch.text[a..b])),
        );
        for n in min_n..=max_n.min(doc_tokens.len()) {
            for w in doc_tokens.windows(n) {
                counter.add(grams.feature(w));
            }
        }
        counter.end_row();
    }
    let mut terms = Strings::default();
    let mut hashes = Vec::with_capacity(grams.len());
    let mut joined = String::new();
    for k in 0..grams.len() as u32 {
        match grams.get(k) {
            &[token] => {
                terms.push(tokens.strings.get(token));
                hashes.push(tokens.hashes[token as usize]);
            }
            gram => {
                joined.clear();
                for (i, &token) in gram.iter().enumerate() {
                    if i > 0 {
                        joined.push(' ');
                    }
                    joined.push_str(tokens.strings.get(token));
                }
                terms.push(&joined);
                hashes.push(hash_term(&joined));
            }
        }
    }
    PieceCounts {
        terms,
        hashes,
        df: counter.df,
        rows: counter.rows,
    }
}

/// `work` on `docs` cut into one piece per thread of `pool` (all of `docs` at once without a
/// pool); the results in document order.
pub(crate) fn in_pieces<T: Send>(
    docs: &[&[u32]],
    pool: Option<&rayon::ThreadPool>,
    work: impl Fn(&[&[u32]]) -> T + Sync,
) -> Vec<T> {
    let Some(pool) = pool else {
        return vec![work(docs)];
    };
    // Pieces of about the same length rather than the same number of documents, so that no
    // thread waits long for another.
    let total: usize = docs.iter().map(|d| d.len()).sum();
    let size = total.div_ceil(pool.current_num_threads()).max(1);
    let mut pieces = Vec::with_capacity(pool.current_num_threads());
    let (mut start, mut length) = (0, 0);
    for (i, doc) in docs.iter().enumerate() {
        length += doc.len();
        if length >= size {
            pieces.push(&docs[start..=i]);
            (start, length) = (i + 1, 0);
        }
    }
    if start < docs.len() || pieces.is_empty() {
        pieces.push(&docs[start..]);
    }
    par_map(Some(pool), pieces, &work)
}

/// `f` on every item, on the threads of `pool` (on this one without a pool); the results in
/// order.
pub(crate) fn par_map<T: Send, R: Send>(
    pool: Option<&rayon::ThreadPool>,
    items: Vec<T>,
    f: impl Fn(T) -> R + Sync + Send,
) -> Vec<R> {
    match pool {
        Some(pool) => pool.install(|| items.into_par_iter().map(f).collect()),
        None => items.into_iter().map(f).collect(),
    }
}

/// The vocabulary of a fit is cut into shards by hash, each merged on its own thread.
const SHARD_BITS: u32 = 6;
const SHARDS: usize = 1 << SHARD_BITS;

/// The shard of a term: hash bits that hashbrown uses neither for the bucket (the low ones,
/// below 2^40 buckets) nor for the tag (the top 7), so each shard's table still sees spread-out
/// hashes.
fn shard_of(hash: u64) -> usize {
    (hash >> 40) as usize & (SHARDS - 1)
}

/// A term's id in a fit: its number in its shard, with the shard in the low bits.
fn term_id(local: u32, shard: usize) -> u32 {
    assert!(local < 1 << (32 - SHARD_BITS), "more than 2^32 terms");
    local << SHARD_BITS | shard as u32
}

/// One shard of a fit's vocabulary: its terms and their document frequencies.
#[derive(Default)]
struct Shard {
    terms: Interner,
    df: Vec<u32>,
}

/// The counts of a `fit`, gathered a list of documents at a time into one vocabulary;
/// `finish` sorts the vocabulary and renumbers the columns.
pub struct FitCounts {
    shards: Vec<Shard>,
    rows: Option<Rows>,
}

impl Default for FitCounts {
    fn default() -> Self {
        FitCounts {
            shards: (0..SHARDS).map(|_| Shard::default()).collect(),
            rows: None,
        }
    }
}

impl FitCounts {
    pub fn add(&mut self, analyzer: &Analyzer, docs: &[&[u32]], pool: Option<&rayon::ThreadPool>) {
        let pieces = in_pieces(docs, pool, |piece| count_piece(analyzer, piece));
        // Each piece's features by shard; then each shard takes its features of every piece,
        // in piece order, giving their ids in the fit.
        let by_shard: Vec<Vec<Vec<u32>>> = par_map(pool, pieces.iter().collect(), |piece| {
            let mut by_shard = vec![Vec::new(); SHARDS];
            for (k, &hash) in piece.hashes.iter().enumerate() {
                by_shard[shard_of(hash)].push(k as u32);
            }
            by_shard
        });
        let shards: Vec<(usize, &mut Shard)> = self.shards.iter_mut().enumerate().collect();
        let merged: Vec<Vec<Vec<u32>>> = par_map(pool, shards, |(s, shard)| {
            let pieces = pieces.iter().zip(&by_shard);
            pieces
                .map(|(piece, by_shard)| {
                    let features = by_shard[s].iter().map(|&k| {
                        let hash = piece.hashes[k as usize];
                        let (local, new) = shard.terms.intern(hash, piece.terms.get(k));
                        if new {
                            shard.df.push(0);
                        }
                        shard.df[local as usize] += piece.df[k as usize];
                        term_id(local, s)
                    });
                    features.collect()
                })
                .collect()
        });
        // Each piece's rows renumbered to the fit's ids, each piece into its own stretch.
        let rows = self.rows.get_or_insert_with(Rows::default);
        let mut offset = rows.ids.len();
        let added: usize = pieces.iter().map(|p| p.rows.ids.len()).sum();
        rows.ids.resize(offset + added, 0);
        let mut stretches = Vec::with_capacity(pieces.len());
        let mut rest = &mut rows.ids[offset..];
        for (p, piece) in pieces.iter().enumerate() {
            let (stretch, more) = rest.split_at_mut(piece.rows.ids.len());
            stretches.push((p, stretch));
            rest = more;
        }
        par_map(pool, stretches, |(p, stretch)| {
            let piece = &pieces[p];
            let mut global = vec![0u32; piece.hashes.len()];
            for (s, merged) in merged.iter().enumerate() {
                for (&k, &id) in by_shard[p][s].iter().zip(&merged[p]) {
                    global[k as usize] = id;
                }
            }
            for (out, &id) in stretch.iter_mut().zip(&piece.rows.ids) {
                *out = global[id as usize];
            }
        });
        for piece in pieces {
            rows.counts.extend(piece.rows.counts);
            rows.indptr
                .extend(piece.rows.indptr[1..].iter().map(|p| p + offset));
            offset += piece.rows.ids.len();
        }
    }

    /// Distinct terms seen so far.
    pub fn n_terms(&self) -> usize {
        self.shards.iter().map(|s| s.df.len()).sum()
    }

    /// The count matrix of every document added, with its terms sorted, keeping only the terms
    /// whose document frequency is within `doc_counts` (scikit-learn's `min_df` and `max_df`;
    /// pruning before sorting spares sorting the many terms that `min_df` drops).
    pub fn finish(
        self,
        doc_counts: RangeInclusive<u64>,
        pool: Option<&rayon::ThreadPool>,
    ) -> Counts {
        let Rows {
            indptr,
            mut ids,
            mut counts,
        } = self.rows.unwrap_or_default();
        let largest_shard = self.shards.iter().map(|s| s.df.len()).max();
        // Each shard's kept terms copied out and the shard freed at once, so that renumbering
        // the rows below runs beside the kept terms only.
        let shards: Vec<(usize, Shard)> = self.shards.into_iter().enumerate().collect();
        let kept = par_map(pool, shards, |(s, shard)| {
            let kept = (0..shard.df.len() as u32)
                .filter(|&l| doc_counts.contains(&u64::from(shard.df[l as usize])));
            kept.map(|l| (shard.terms.strings.get(l).to_string(), term_id(l, s)))
                .collect::<Vec<_>>()
        });
        let mut terms: Vec<(String, u32)> = kept.into_iter().flatten().collect();
        match pool {
            Some(pool) => pool.install(|| terms.par_sort_unstable_by(|a, b| a.0.cmp(&b.0))),
            None => terms.sort_unstable_by(|a, b| a.0.cmp(&b.0)),
        }
        let mut column = vec![DROPPED; largest_shard.unwrap_or(0) << SHARD_BITS];
        for (rank, &(_, id)) in terms.iter().enumerate() {
            column[id as usize] = rank as u32;
        }
        // Each row renumbered to columns, pruned and sorted, in parallel (each owns its stretch
        // of the arrays); then the rows moved together over the pruned terms' places.
        let mut rows: Vec<(&mut [u32], &mut [u32])> = Vec::with_capacity(indptr.len());
        let (mut ids_rest, mut counts_rest) = (&mut ids[..], &mut counts[..]);
        for w in indptr.windows(2) {
            let (row_ids, more_ids) = ids_rest.split_at_mut(w[1] - w[0]);
            let (row_counts, more_counts) = counts_rest.split_at_mut(w[1] - w[0]);
            rows.push((row_ids, row_counts));
            (ids_rest, counts_rest) = (more_ids, more_counts);
        }
        let kept = par_map(pool, rows, |(ids, counts)| {
            renumber_row(ids, counts, &column)
        });
        let mut new_indptr = Vec::with_capacity(indptr.len());
        new_indptr.push(0);
        let mut end = 0;
        for (&start, &len) in indptr.iter().zip(&kept) {
            ids.copy_within(start..start + len, end);
            counts.copy_within(start..start + len, end);
            end += len;
            new_indptr.push(end);
        }
        ids.truncate(end);
        counts.truncate(end);
        Counts {
            terms: terms.into_iter().map(|(t, _)| t).collect(),
            indptr: new_indptr,
            indices: ids,
            values: counts,
        }
    }
}

const DROPPED: u32 = u32::MAX;

/// Renumbers a row's terms to their columns, drops the pruned ones (`DROPPED`) and sorts the
/// rest by column at the row's start; how many it kept.
fn renumber_row(ids: &mut [u32], counts: &mut [u32], column: &[u32]) -> usize {
    // (column, count) as one u64, so the sort compares integers.
    let mut pairs: Vec<u64> = Vec::with_capacity(ids.len());
    pairs.extend(ids.iter().zip(counts.iter()).filter_map(|(&id, &n)| {
        let j = column[id as usize];
        (j != DROPPED).then_some(u64::from(j) << 32 | u64::from(n))
    }));
    pairs.sort_unstable();
    for (k, &pair) in pairs.iter().enumerate() {
        ids[k] = (pair >> 32) as u32;
        counts[k] = pair as u32;
    }
    pairs.len()
}

/// Counts the features of every document and learns the vocabulary (`fit` without pruning).
pub fn fit_counts(
    analyzer: &Analyzer,
    docs: &[&[u32]],
    pool: Option<&rayon::ThreadPool>,
) -> Counts {
    let mut fit = FitCounts::default();
    fit.add(analyzer, docs, pool);
    fit.finish(0..=u64::MAX, pool)
}

/// Document and term frequencies of every term seen so far, for an out-of-core fit
/// (`partial_fit`): counting lists of documents one after another gives the frequencies of one
/// count over all of them.
#[derive(Clone, Debug, Default)]
pub struct Frequencies {
    terms: FxHashMap<Box<str>, (u64, u64)>,
    documents: u64,
}

impl Frequencies {
    pub fn add(&mut self, analyzer: &Analyzer, docs: &[&[u32]], pool: Option<&rayon::ThreadPool>) {
        for piece in in_pieces(docs, pool, |piece| count_piece(analyzer, piece)) {
            let mut tf = vec![0u64; piece.df.len()];
            for (&id, &n) in piece.rows.ids.iter().zip(&piece.rows.counts) {
                tf[id as usize] += u64::from(n);
            }
            for (k, (&df, tf)) in piece.df.iter().zip(tf).enumerate() {
                let term = piece.terms.get(k as u32);
                match self.terms.get_mut(term) {
                    Some(entry) => {
                        entry.0 += u64::from(df);
                        entry.1 += tf;
                    }
                    None => {
                        self.terms.insert(term.into(), (u64::from(df), tf));
                    }
                }
            }
        }
        self.documents += docs.len() as u64;
    }

    pub fn documents(&self) -> u64 {
        self.documents
    }

    /// Adds `other`'s documents: the frequencies of both lists of documents together.
    pub fn merge(&mut self, other: &Frequencies) {
        for (term, &(df, tf)) in &other.terms {
            match self.terms.get_mut(term) {
                Some(entry) => {
                    entry.0 += df;
                    entry.1 += tf;
                }
                None => {
                    self.terms.insert(term.clone(), (df, tf));
                }
            }
        }
        self.documents += other.documents;
    }

    /// Rebuilt from `sorted()` and `documents()` (unpickling); `Err` when the parts disagree.
    pub fn from_parts(
        terms: Vec<String>,
        df: &[u64],
        tf: &[u64],
        documents: u64,
    ) -> Result<Self, &'static str> {
        if terms.len() != df.len() || terms.len() != tf.len() {
            return Err("terms and frequencies differ in length");
        }
        if df
            .iter()
            .zip(tf)
            .any(|(&d, &t)| d > documents || t < d || d == 0)
        {
            return Err("a frequency is out of range");
        }
        let n = terms.len();
        let map: FxHashMap<Box<str>, (u64, u64)> = terms
            .into_iter()
            .zip(df.iter().zip(tf))
            .map(|(t, (&d, &f))| (t.into_boxed_str(), (d, f)))
            .collect();
        if map.len() != n {
            return Err("a term appears twice");
        }
        Ok(Frequencies {
            terms: map,
            documents,
        })
    }

    /// Terms sorted, with their document and term frequencies.
    pub fn sorted(&self) -> (Vec<String>, Vec<u64>, Vec<u64>) {
        let mut entries: Vec<(&str, (u64, u64))> =
            self.terms.iter().map(|(t, &f)| (&**t, f)).collect();
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
        let terms = entries.iter().map(|(t, _)| t.to_string()).collect();
        let df = entries.iter().map(|(_, (d, _))| *d).collect();
        let tf = entries.iter().map(|(_, (_, t))| *t).collect();
        (terms, df, tf)
    }
}

/// A fixed vocabulary: terms in column order and a hash table of columns (4 bytes a term) for
/// lookups.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    terms: Vec<String>,
    table: HashTable<u32>,
}

impl PartialEq for Vocabulary {
    fn eq(&self, other: &Self) -> bool {
        self.terms == other.terms
    }
}

fn hash_term(term: &str) -> u64 {
    FxBuildHasher.hash_one(term)
}

impl Vocabulary {
    /// `Err(term)` for a term that appears twice.
    pub fn new(terms: Vec<String>) -> Result<Self, String> {
        let mut table = HashTable::with_capacity(terms.len());
        for (j, term) in terms.iter().enumerate() {
            let hash = hash_term(term);
            if table
                .find(hash, |&k: &u32| terms[k as usize] == *term)
                .is_some()
            {
                return Err(term.clone());
            }
            table.insert_unique(hash, j as u32, |&k: &u32| hash_term(&terms[k as usize]));
        }
        Ok(Vocabulary { terms, table })
    }

    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    pub fn len(&self) -> usize {
        self.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// The column of `term`.
    pub fn get(&self, term: &str) -> Option<u32> {
        self.table
            .find(hash_term(term), |&k| self.terms[k as usize] == term)
            .copied()
    }
}

/// Counts the features of every document that are in `vocabulary` (`transform`). The columns
/// are the vocabulary's, so the counts carry no terms.
pub fn transform_counts(
    analyzer: &Analyzer,
    vocabulary: &Vocabulary,
    docs: &[&[u32]],
    pool: Option<&rayon::ThreadPool>,
) -> Counts {
    let (indptr, indices, values) =
        sparse_rows(analyzer, docs, pool, |f| vocabulary.get(f).map(|j| (j, 1)));
    Counts {
        terms: Vec::new(),
        indptr,
        indices,
        values,
    }
}

/// CSR arrays of every document: each feature adds its value to its column (`column` maps a
/// feature to both, or drops it), and each row is sorted by column.
fn sparse_rows<V: Copy + Send + std::ops::AddAssign>(
    analyzer: &Analyzer,
    docs: &[&[u32]],
    pool: Option<&rayon::ThreadPool>,
    column: impl Fn(&str) -> Option<(u32, V)> + Sync,
) -> (Vec<usize>, Vec<u32>, Vec<V>) {
    let pieces = in_pieces(docs, pool, |docs| {
        let mut scratch = Scratch::default();
        let (mut indptr, mut indices, mut values) = (vec![0], Vec::new(), Vec::new());
        let mut row: Vec<(u32, V)> = Vec::new();
        for doc in docs {
            row.clear();
            analyzer.each_feature(doc, &mut scratch, |f| row.extend(column(f)));
            // Sorted by column, and the values of each column added up.
            row.sort_unstable_by_key(|&(j, _)| j);
            let row_start = indices.len();
            for &(j, v) in &row {
                match values.last_mut() {
                    Some(last) if indices.len() > row_start && indices.last() == Some(&j) => {
                        *last += v
                    }
                    _ => {
                        indices.push(j);
                        values.push(v);
                    }
                }
            }
            indptr.push(indices.len());
        }
        (indptr, indices, values)
    });
    let (mut indptr, mut indices, mut values) = (vec![0], Vec::new(), Vec::new());
    for (piece_indptr, piece_indices, piece_values) in pieces {
        let offset = indices.len();
        indptr.extend(piece_indptr[1..].iter().map(|p| p + offset));
        indices.extend(piece_indices);
        values.extend(piece_values);
    }
    (indptr, indices, values)
}

/// A hashed matrix in CSR form (scikit-learn's `HashingVectorizer` before normalization).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hashed {
    pub indptr: Vec<usize>,
    pub indices: Vec<u32>,
    pub values: Vec<f64>,
}

/// scikit-learn's `FeatureHasher` over the features of every document: each feature adds its
/// sign to its column; columns are sorted, and a column whose signs cancel out stays stored as
/// an explicit 0 (as scipy's `sum_duplicates` leaves it).
pub fn hash_documents(
    analyzer: &Analyzer,
    docs: &[&[u32]],
    n_features: u32,
    alternate_sign: bool,
    pool: Option<&rayon::ThreadPool>,
) -> Hashed {
    let (indptr, indices, values) = sparse_rows(analyzer, docs, pool, |f| {
        Some(murmur::column(f, n_features, alternate_sign))
    });
    Hashed {
        indptr,
        indices,
        values,
    }
}

impl Hashed {
    /// Appends the rows of `other`.
    pub fn append(&mut self, other: Hashed) {
        let offset = self.indices.len();
        self.indptr
            .extend(other.indptr[1..].iter().map(|p| p + offset));
        self.indices.extend(other.indices);
        self.values.extend(other.values);
    }
}

#[cfg(test)]
mod tests;
