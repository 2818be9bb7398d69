//! Vectorization, as scikit-learn's `CountVectorizer`, `TfidfVectorizer` (their counting part)
//! and `HashingVectorizer` do it: documents → features (word n-grams, or character n-grams) →
//! a sparse matrix in CSR form.
//!
//! Fitting counts every document on worker threads with a vocabulary per chunk of documents,
//! then merges the chunks into one sorted vocabulary, so the output is the same whatever the
//! number of threads.

pub mod murmur;

use crate::normalize::{Normalizer, Ucs4Output};
use crate::segment;
use crate::stem::Method;
use crate::tokenize::props::is_python_space;
use crate::tokenize::{decode, Tokenizer};
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
        match self.unit {
            Unit::Word => self.word_features(doc, emit),
            Unit::Char | Unit::CharWb => {
                let text: Vec<char> = match &self.normalizer {
                    Some(n) => match n.normalize_ucs4(doc) {
                        Ucs4Output::Unchanged => decode(doc).collect(),
                        out => decode(out.as_slice(doc)).collect(),
                    },
                    None => decode(doc).collect(),
                };
                if self.unit == Unit::Char {
                    char_ngrams(&collapse_white_space(&text), self.ngram_range, emit);
                } else {
                    char_wb_ngrams(&text, self.ngram_range, emit);
                }
            }
        }
    }

    fn word_features(&self, doc: &[u32], emit: &mut dyn FnMut(&str)) {
        let (analysed, spans) = self.tokenizer.analyse(doc);
        let analysed = analysed.as_slice(doc);
        // The kept tokens back to back in one buffer, and their byte ranges: no allocation per
        // token.
        let mut text = String::new();
        let mut tokens: Vec<(usize, usize)> = Vec::with_capacity(spans.len());
        let mut word: Vec<char> = Vec::new();
        for t in spans {
            let start = text.len();
            match (t.placeholder, self.segment) {
                (Some(p), _) => text.push_str(p),
                (None, None) => text.extend(decode(&analysed[t.start..t.end])),
                (None, Some(min_stem)) => {
                    word.clear();
                    word.extend(decode(&analysed[t.start..t.end]));
                    for piece in segment::segment(&word, min_stem) {
                        let piece_start = text.len();
                        let rendered = segment::render(&word, piece);
                        match &self.normalizer {
                            Some(n) => text.push_str(&n.normalize(&rendered)),
                            None => text.push_str(&rendered),
                        }
                        let stem = (piece.kind == segment::Kind::Stem).then_some(self.stem);
                        self.keep_token(&mut text, piece_start, stem.flatten(), &mut tokens);
                    }
                    continue;
                }
            }
            self.keep_token(&mut text, start, self.stem, &mut tokens);
        }
        let (min_n, max_n) = self.ngram_range;
        let mut gram = String::new();
        for n in min_n..=max_n.min(tokens.len()) {
            for window in tokens.windows(n) {
                if n == 1 {
                    emit(&text[window[0].0..window[0].1]);
                    continue;
                }
                gram.clear();
                for (i, &(a, b)) in window.iter().enumerate() {
                    if i > 0 {
                        gram.push(' ');
                    }
                    gram.push_str(&text[a..b]);
                }
                emit(&gram);
            }
        }
    }
}

impl Analyzer {
    /// The token written at `text[start..]`: dropped if empty or a stop word, else stemmed with
    /// `stem` and recorded in `tokens`.
    fn keep_token(
        &self,
        text: &mut String,
        start: usize,
        stem: Option<Method>,
        tokens: &mut Vec<(usize, usize)>,
    ) {
        if text.len() == start
            || (!self.stop_words.is_empty() && self.stop_words.contains(&text[start..]))
        {
            text.truncate(start);
            return;
        }
        if let Some(method) = stem {
            let stem = method.stem(&text[start..]);
            text.truncate(start);
            text.push_str(&stem);
        }
        tokens.push((start, text.len()));
    }
}

/// scikit-learn's `re.sub(r"\s\s+", " ", text)`: runs of two or more white-space characters
/// become one space; a single one stays as it is.
fn collapse_white_space(text: &[char]) -> Vec<char> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if is_python_space(text[i]) {
            let run = text[i..]
                .iter()
                .take_while(|&&c| is_python_space(c))
                .count();
            out.push(if run >= 2 { ' ' } else { text[i] });
            i += run;
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

fn char_ngrams(text: &[char], (min_n, max_n): (usize, usize), emit: &mut dyn FnMut(&str)) {
    let mut gram = String::new();
    for n in min_n..=max_n.min(text.len()) {
        for window in text.windows(n) {
            gram.clear();
            gram.extend(window);
            emit(&gram);
        }
    }
}

/// scikit-learn's `_char_wb_ngrams`: each word of `text.split()`, padded with one space each
/// side; a word shorter than n (padded) gives itself once, and then no longer n-grams.
fn char_wb_ngrams(text: &[char], (min_n, max_n): (usize, usize), emit: &mut dyn FnMut(&str)) {
    let mut gram = String::new();
    let mut padded: Vec<char> = Vec::new();
    for word in text
        .split(|&c| is_python_space(c))
        .filter(|w| !w.is_empty())
    {
        padded.clear();
        padded.push(' ');
        padded.extend_from_slice(word);
        padded.push(' ');
        for n in min_n..=max_n {
            let windows = padded.len().saturating_sub(n) + 1;
            for offset in 0..windows {
                gram.clear();
                gram.extend(&padded[offset..(offset + n).min(padded.len())]);
                emit(&gram);
            }
            if windows == 1 {
                break;
            }
        }
    }
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

/// One piece of documents counted against its own vocabulary (on a worker thread).
struct PieceCounts {
    terms: FxHashMap<Box<str>, u32>,
    rows: Rows,
}

fn count_piece(analyzer: &Analyzer, docs: &[&[u32]]) -> PieceCounts {
    let mut terms: FxHashMap<Box<str>, u32> = FxHashMap::default();
    let mut rows = Rows::default();
    // Where each term sits in the current row (u32::MAX: not in it), reset per document.
    let mut slot: Vec<u32> = Vec::new();
    for doc in docs {
        let row_start = rows.ids.len();
        analyzer.features(doc, &mut |feature| {
            let id = match terms.get(feature) {
                Some(&id) => id,
                None => {
                    let id = terms.len() as u32;
                    terms.insert(feature.into(), id);
                    slot.push(u32::MAX);
                    id
                }
            };
            match slot[id as usize] {
                u32::MAX => {
                    slot[id as usize] = (rows.ids.len() - row_start) as u32;
                    rows.ids.push(id);
                    rows.counts.push(1);
                }
                at => rows.counts[row_start + at as usize] += 1,
            }
        });
        for &id in &rows.ids[row_start..] {
            slot[id as usize] = u32::MAX;
        }
        rows.indptr.push(rows.ids.len());
    }
    PieceCounts { terms, rows }
}

/// `work` on `docs` cut into one piece per thread of `pool` (all of `docs` at once without a
/// pool); the results in document order.
fn in_pieces<T: Send>(
    docs: &[&[u32]],
    pool: Option<&rayon::ThreadPool>,
    work: impl Fn(&[&[u32]]) -> T + Sync,
) -> Vec<T> {
    match pool {
        Some(pool) => pool.install(|| {
            let size = docs.len().div_ceil(pool.current_num_threads()).max(1);
            docs.par_chunks(size).map(&work).collect()
        }),
        None => vec![work(docs)],
    }
}

/// The counts of a `fit`, gathered a list of documents at a time into one vocabulary (term ids
/// in order of first appearance); `finish` sorts the vocabulary and renumbers the columns.
#[derive(Default)]
pub struct FitCounts {
    terms: FxHashMap<Box<str>, u32>,
    rows: Option<Rows>,
}

impl FitCounts {
    pub fn add(&mut self, analyzer: &Analyzer, docs: &[&[u32]], pool: Option<&rayon::ThreadPool>) {
        let rows = self.rows.get_or_insert_with(Rows::default);
        for piece in in_pieces(docs, pool, |piece| count_piece(analyzer, piece)) {
            let mut global = vec![0u32; piece.terms.len()];
            for (term, local) in piece.terms {
                let next = self.terms.len() as u32;
                global[local as usize] = *self.terms.entry(term).or_insert(next);
            }
            let offset = rows.ids.len();
            rows.ids
                .extend(piece.rows.ids.iter().map(|&id| global[id as usize]));
            rows.counts.extend(piece.rows.counts);
            rows.indptr
                .extend(piece.rows.indptr[1..].iter().map(|p| p + offset));
        }
    }

    /// Distinct terms seen so far.
    pub fn n_terms(&self) -> usize {
        self.terms.len()
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
        let mut df = vec![0u64; self.terms.len()];
        for &id in &ids {
            df[id as usize] += 1;
        }
        let mut terms: Vec<(Box<str>, u32)> = self
            .terms
            .into_iter()
            .filter(|&(_, id)| doc_counts.contains(&df[id as usize]))
            .collect();
        terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        const DROPPED: u32 = u32::MAX;
        let mut column = vec![DROPPED; df.len()];
        for (rank, (_, id)) in terms.iter().enumerate() {
            column[*id as usize] = rank as u32;
        }
        // Renumber to columns and drop pruned terms, row by row, in place.
        let mut kept = 0;
        let mut new_indptr = Vec::with_capacity(indptr.len());
        new_indptr.push(0);
        for w in indptr.windows(2) {
            for k in w[0]..w[1] {
                let j = column[ids[k] as usize];
                if j != DROPPED {
                    ids[kept] = j;
                    counts[kept] = counts[k];
                    kept += 1;
                }
            }
            new_indptr.push(kept);
        }
        ids.truncate(kept);
        counts.truncate(kept);
        // Each row sorted by column, rows in parallel (each owns its stretch of the arrays).
        let mut rows: Vec<(&mut [u32], &mut [u32])> = Vec::with_capacity(new_indptr.len());
        let (mut ids_rest, mut counts_rest) = (&mut ids[..], &mut counts[..]);
        for w in new_indptr.windows(2) {
            let (row_ids, more_ids) = ids_rest.split_at_mut(w[1] - w[0]);
            let (row_counts, more_counts) = counts_rest.split_at_mut(w[1] - w[0]);
            rows.push((row_ids, row_counts));
            (ids_rest, counts_rest) = (more_ids, more_counts);
        }
        let sort = |(ids, counts): &mut (&mut [u32], &mut [u32])| sort_row(ids, counts);
        match pool {
            Some(pool) => pool.install(|| rows.par_iter_mut().for_each(sort)),
            None => rows.iter_mut().for_each(sort),
        }
        drop(rows);
        Counts {
            terms: terms.into_iter().map(|(t, _)| t.into_string()).collect(),
            indptr: new_indptr,
            indices: ids,
            values: counts,
        }
    }
}

/// Sorts one row's (column, count) pairs by column.
fn sort_row(ids: &mut [u32], counts: &mut [u32]) {
    let mut pairs: Vec<(u32, u32)> = ids.iter().copied().zip(counts.iter().copied()).collect();
    pairs.sort_unstable_by_key(|&(j, _)| j);
    for (k, (j, n)) in pairs.into_iter().enumerate() {
        ids[k] = j;
        counts[k] = n;
    }
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
            let mut freq = vec![(0u64, 0u64); piece.terms.len()];
            for (&id, &n) in piece.rows.ids.iter().zip(&piece.rows.counts) {
                freq[id as usize].0 += 1;
                freq[id as usize].1 += u64::from(n);
            }
            for (term, id) in piece.terms {
                let (df, tf) = freq[id as usize];
                let entry = self.terms.entry(term).or_insert((0, 0));
                entry.0 += df;
                entry.1 += tf;
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
        let (mut indptr, mut indices, mut values) = (vec![0], Vec::new(), Vec::new());
        let mut row: Vec<(u32, V)> = Vec::new();
        for doc in docs {
            row.clear();
            analyzer.features(doc, &mut |f| row.extend(column(f)));
            for (j, v) in merge_sorted(&mut row) {
                indices.push(j);
                values.push(v);
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

/// Sorts (column, value) pairs by column and adds up the values of each column.
fn merge_sorted<V: Copy + std::ops::AddAssign>(row: &mut [(u32, V)]) -> Vec<(u32, V)> {
    row.sort_unstable_by_key(|&(j, _)| j);
    let mut out: Vec<(u32, V)> = Vec::with_capacity(row.len());
    for &(j, v) in row.iter() {
        match out.last_mut() {
            Some(last) if last.0 == j => last.1 += v,
            _ => out.push((j, v)),
        }
    }
    out
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
