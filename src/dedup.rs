//! Near-duplicate documents: shingles, MinHash signatures and LSH banding.
//!
//! A document's shingles are cut from the analyzer's stream: word n-grams of its kept tokens
//! (or character n-grams of its preprocessed text), each hashed to 64 bits without building a
//! string. A document with fewer than `n` tokens (characters) but at least one has a single
//! shingle of all of them; one with none has no shingle and is no one's near-duplicate.
//!
//! Each document keeps its sorted, distinct shingle hashes (for the exact Jaccard) and a
//! MinHash signature of `num_perm` values, cut into `bands` bands of `rows` values; documents
//! that agree on a whole band share its bucket and become a candidate pair. Candidate pairs are
//! verified with the exact Jaccard of their shingle sets (or, without verification, the
//! fraction of signature values they share) and kept when it is at least the threshold. Work
//! is split over threads, and every result is sorted, so it is the same for any thread count.

use crate::vectorize::{in_pieces, Analyzer, Buffers, Unit};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// The splitmix64 finalizer: a bijection of 64-bit words that mixes every bit into every bit.
fn mix(mut x: u64) -> u64 {
    x = (x ^ (x >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    x = (x ^ (x >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    x ^ (x >> 31)
}

/// 64-bit FNV-1a of `bytes`, mixed: a token's hash, the same on every platform and release.
fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h = (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}

/// The hash of a sequence of token (or character) hashes, order-sensitive.
fn hash_sequence(items: impl Iterator<Item = u64>) -> u64 {
    items.fold(0x9e37_79b9_7f4a_7c15, |h, t| mix(h ^ t))
}

/// Cuts a document into hashed shingles.
#[derive(Clone, Debug)]
pub struct Shingler {
    /// Word shingles (`Unit::Word`: n-grams of its tokens) or character shingles (`Unit::Char`:
    /// n-grams of its preprocessed text).
    pub analyzer: Analyzer,
    /// Tokens (characters) per shingle, at least 1.
    pub n: usize,
}

impl Shingler {
    /// The sorted, distinct shingle hashes of `doc` into `out` (emptied first).
    pub fn shingles(&self, doc: &[u32], buffers: &mut Buffers, out: &mut Vec<u64>) {
        out.clear();
        let n = self.n.max(1);
        let analysed = self.analyzer.analysed(doc, buffers);
        let items: Vec<u64> = match self.analyzer.unit {
            Unit::Word => analysed
                .spans
                .iter()
                .map(|&(a, b)| hash_bytes(&analysed.text.as_bytes()[a..b]))
                .collect(),
            Unit::Char | Unit::CharWb => {
                if analysed.text.trim().is_empty() {
                    return;
                }
                analysed.text.chars().map(|c| mix(u64::from(c))).collect()
            }
        };
        if items.is_empty() {
            return;
        }
        if items.len() < n {
            out.push(hash_sequence(items.iter().copied()));
        } else {
            out.extend(items.windows(n).map(|w| hash_sequence(w.iter().copied())));
        }
        out.sort_unstable();
        out.dedup();
    }
}

/// The weight of false positives in [`optimal_bands`]: a candidate pair below the threshold
/// only costs its verification, while a missed pair is a copy left in the corpus.
pub const FALSE_POSITIVE_WEIGHT: f64 = 0.1;
/// The weight of false negatives in [`optimal_bands`].
pub const FALSE_NEGATIVE_WEIGHT: f64 = 0.9;

/// The weighted sum of the false-positive and false-negative probabilities of LSH with `bands`
/// bands of `rows` rows at Jaccard `threshold`, each integrated over the similarities on its side
/// of the threshold.
fn banding_error(threshold: f64, bands: usize, rows: usize) -> f64 {
    let p = |s: f64| 1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32);
    // Simpson's rule on 200 intervals: smooth integrands, error far below the differences
    // between neighbouring (bands, rows).
    let integrate = |a: f64, b: f64, f: &dyn Fn(f64) -> f64| {
        let steps = 200;
        let h = (b - a) / steps as f64;
        let mut sum = f(a) + f(b);
        for k in 1..steps {
            let x = a + h * k as f64;
            sum += f(x) * if k % 2 == 1 { 4.0 } else { 2.0 };
        }
        sum * h / 3.0
    };
    let false_positive = integrate(0.0, threshold, &|s| p(s));
    let false_negative = integrate(threshold, 1.0, &|s| 1.0 - p(s));
    FALSE_POSITIVE_WEIGHT * false_positive + FALSE_NEGATIVE_WEIGHT * false_negative
}

/// The bands and rows (bands × rows ≤ `num_perm`) that minimise the weighted sum of the
/// probabilities of a false positive (a pair below `threshold` sharing a bucket), integrated
/// over Jaccard 0 to `threshold`, and of a false negative (a pair at or above it sharing
/// none), integrated over `threshold` to 1: the integral method datasketch's `MinHashLSH`
/// documents, with false negatives weighted 0.9 and false positives 0.1 (datasketch weighs
/// them equally, which for 0.8 and 128 gives 9 bands of 13 rows and finds a pair at Jaccard
/// 0.8 with probability 0.40; these weights give 14 bands of 9 rows and 0.87, and every
/// candidate below the threshold costs only its exact Jaccard). Ties go to fewer bands, then
/// fewer rows.
pub fn optimal_bands(threshold: f64, num_perm: usize) -> (usize, usize) {
    let mut best = (1, num_perm.max(1));
    let mut best_error = f64::INFINITY;
    for bands in 1..=num_perm {
        for rows in 1..=num_perm / bands {
            let error = banding_error(threshold, bands, rows);
            if error < best_error {
                best_error = error;
                best = (bands, rows);
            }
        }
    }
    best
}

/// The probability that a pair of documents with Jaccard `s` shares at least one bucket.
pub fn candidate_probability(s: f64, bands: usize, rows: usize) -> f64 {
    1.0 - (1.0 - s.powi(rows as i32)).powi(bands as i32)
}

/// How an index finds and reports near-duplicates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Params {
    /// Pairs with a Jaccard at least this are near-duplicates; in (0, 1].
    pub threshold: f64,
    pub num_perm: usize,
    pub seed: u64,
    pub bands: usize,
    pub rows: usize,
    /// The exact Jaccard of every candidate pair decides (else the MinHash estimate does).
    pub verify: bool,
}

impl Params {
    /// `bands` and `rows` chosen by [`optimal_bands`]; `Err` names a parameter out of range.
    pub fn new(threshold: f64, num_perm: usize, seed: u64, verify: bool) -> Result<Self, String> {
        if !(threshold > 0.0 && threshold <= 1.0) {
            return Err(format!("threshold must be in (0, 1]; got {threshold}"));
        }
        if num_perm < 1 {
            return Err(format!("num_perm must be at least 1; got {num_perm}"));
        }
        let (bands, rows) = optimal_bands(threshold, num_perm);
        Ok(Params {
            threshold,
            num_perm,
            seed,
            bands,
            rows,
            verify,
        })
    }
}

/// A pair of near-duplicate documents, `i < j`, with their Jaccard (exact, or estimated
/// without verification).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pair {
    pub i: u32,
    pub j: u32,
    pub jaccard: f64,
}

/// A document's shingles and signature.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Sketch {
    pub shingles: Vec<u64>,
    pub signature: Vec<u32>,
}

/// The MinHash functions of an index: `h_k(x) = a_k x + b_k mod 2^32` on the 32-bit fold of a
/// shingle's (already mixed) 64-bit hash, with odd `a_k` and any `b_k` drawn from a splitmix64
/// stream seeded with `seed`. 32-bit arithmetic lets the compiler compute many functions in
/// one vector instruction.
#[derive(Clone, Debug)]
struct Hashes {
    a: Vec<u32>,
    b: Vec<u32>,
}

impl Hashes {
    fn new(num_perm: usize, seed: u64) -> Self {
        let mut state = seed;
        let mut next = || {
            state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
            mix(state)
        };
        let mut a = Vec::with_capacity(num_perm);
        let mut b = Vec::with_capacity(num_perm);
        for _ in 0..num_perm {
            a.push((next() >> 32) as u32 | 1);
            b.push((next() >> 32) as u32);
        }
        Hashes { a, b }
    }

    fn signature(&self, shingles: &[u64]) -> Vec<u32> {
        let mut sig = vec![u32::MAX; self.a.len()];
        for &x in shingles {
            let x = (x ^ (x >> 32)) as u32;
            for ((s, &a), &b) in sig.iter_mut().zip(&self.a).zip(&self.b) {
                *s = (*s).min(a.wrapping_mul(x).wrapping_add(b));
            }
        }
        sig
    }
}

/// The exact Jaccard of two sorted, distinct hash lists (0 when both are empty).
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut common) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - common;
    if union == 0 {
        0.0
    } else {
        common as f64 / union as f64
    }
}

/// The fraction of signature values two signatures share.
fn estimate(a: &[u32], b: &[u32]) -> f64 {
    let same = a.iter().zip(b).filter(|(x, y)| x == y).count();
    same as f64 / a.len().max(1) as f64
}

/// Near-duplicates among every document added so far, with the index to query new ones.
#[derive(Clone, Debug)]
pub struct Index {
    params: Params,
    hashes: Hashes,
    /// Every document's sorted shingle hashes, back to back; document d's are
    /// `shingles[indptr[d]..indptr[d + 1]]`.
    shingles: Vec<u64>,
    indptr: Vec<usize>,
    /// Every document's signature, `num_perm` values each.
    signatures: Vec<u32>,
    /// Per band: band key → documents (in order) with that key.
    buckets: Vec<FxHashMap<u64, Vec<u32>>>,
    /// Sorted by (i, j).
    pairs: Vec<Pair>,
}

impl Index {
    pub fn new(params: Params) -> Self {
        Index {
            hashes: Hashes::new(params.num_perm, params.seed),
            buckets: vec![FxHashMap::default(); params.bands],
            params,
            shingles: Vec::new(),
            indptr: vec![0],
            signatures: Vec::new(),
            pairs: Vec::new(),
        }
    }

    pub fn params(&self) -> &Params {
        &self.params
    }

    /// Documents added.
    pub fn len(&self) -> usize {
        self.indptr.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn pairs(&self) -> &[Pair] {
        &self.pairs
    }

    fn doc_shingles(&self, d: usize) -> &[u64] {
        &self.shingles[self.indptr[d]..self.indptr[d + 1]]
    }

    fn doc_signature(&self, d: usize) -> &[u32] {
        let k = self.params.num_perm;
        &self.signatures[d * k..(d + 1) * k]
    }

    /// The key of each band of `signature`.
    fn band_keys(&self, signature: &[u32]) -> Vec<u64> {
        let rows = self.params.rows;
        (0..self.params.bands)
            .map(|band| {
                let values = &signature[band * rows..(band + 1) * rows];
                hash_sequence(values.iter().map(|&v| u64::from(v)))
            })
            .collect()
    }

    /// The sketches of `docs` (code points), on `pool`.
    pub fn sketch(
        &self,
        shingler: &Shingler,
        docs: &[&[u32]],
        pool: Option<&rayon::ThreadPool>,
    ) -> Vec<Sketch> {
        let pieces = in_pieces(docs, pool, |docs| {
            let mut buffers = Buffers::default();
            docs.iter()
                .map(|doc| {
                    let mut shingles = Vec::new();
                    shingler.shingles(doc, &mut buffers, &mut shingles);
                    let signature = self.hashes.signature(&shingles);
                    Sketch {
                        shingles,
                        signature,
                    }
                })
                .collect::<Vec<_>>()
        });
        pieces.into_iter().flatten().collect()
    }

    /// The score of a candidate pair: exact Jaccard, or the signature estimate.
    fn score(&self, a: (&[u64], &[u32]), b: (&[u64], &[u32])) -> f64 {
        if self.params.verify {
            jaccard(a.0, b.0)
        } else {
            estimate(a.1, b.1)
        }
    }

    /// Adds documents (in order, after those already added); the pairs become those of every
    /// document added so far. `Err` when the index would exceed 2^32 documents.
    pub fn add(
        &mut self,
        sketches: Vec<Sketch>,
        pool: Option<&rayon::ThreadPool>,
    ) -> Result<(), &'static str> {
        let first = self.len();
        if first + sketches.len() > u32::MAX as usize {
            return Err("an index holds at most 2^32 - 1 documents");
        }
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for (k, sketch) in sketches.into_iter().enumerate() {
            let d = (first + k) as u32;
            if !sketch.shingles.is_empty() {
                let keys = self.band_keys(&sketch.signature);
                for (band, key) in keys.into_iter().enumerate() {
                    let bucket = self.buckets[band].entry(key).or_default();
                    candidates.extend(bucket.iter().map(|&e| (e, d)));
                    bucket.push(d);
                }
            }
            self.shingles.extend_from_slice(&sketch.shingles);
            self.indptr.push(self.shingles.len());
            self.signatures.extend_from_slice(&sketch.signature);
        }
        let found = self.verified(candidates, pool, |this, (i, j)| {
            let (i, j) = (i as usize, j as usize);
            this.score(
                (this.doc_shingles(i), this.doc_signature(i)),
                (this.doc_shingles(j), this.doc_signature(j)),
            )
        });
        self.pairs.extend(
            found
                .into_iter()
                .map(|((i, j), jaccard)| Pair { i, j, jaccard }),
        );
        self.pairs.sort_unstable_by_key(|p| (p.i, p.j));
        Ok(())
    }

    /// Candidate pairs sorted and made distinct, scored on `pool`, those at or above the
    /// threshold kept (in order).
    fn verified(
        &self,
        mut candidates: Vec<(u32, u32)>,
        pool: Option<&rayon::ThreadPool>,
        score: impl Fn(&Self, (u32, u32)) -> f64 + Sync,
    ) -> Vec<((u32, u32), f64)> {
        candidates.sort_unstable();
        candidates.dedup();
        let threshold = self.params.threshold;
        let keep = |&c: &(u32, u32)| {
            let s = score(self, c);
            (s >= threshold).then_some((c, s))
        };
        match pool {
            Some(pool) => pool.install(|| candidates.par_iter().filter_map(keep).collect()),
            None => candidates.iter().filter_map(keep).collect(),
        }
    }

    /// For each of `sketches` (new documents, not added), the added documents it nearly
    /// duplicates: `(query, document, jaccard)`, sorted.
    pub fn query(
        &self,
        sketches: &[Sketch],
        pool: Option<&rayon::ThreadPool>,
    ) -> Vec<(u32, u32, f64)> {
        let mut candidates: Vec<(u32, u32)> = Vec::new();
        for (q, sketch) in sketches.iter().enumerate() {
            if sketch.shingles.is_empty() {
                continue;
            }
            for (band, key) in self.band_keys(&sketch.signature).into_iter().enumerate() {
                if let Some(bucket) = self.buckets[band].get(&key) {
                    candidates.extend(bucket.iter().map(|&d| (q as u32, d)));
                }
            }
        }
        let found = self.verified(candidates, pool, |this, (q, d)| {
            let (q, d) = (&sketches[q as usize], d as usize);
            this.score(
                (&q.shingles, &q.signature),
                (this.doc_shingles(d), this.doc_signature(d)),
            )
        });
        found.into_iter().map(|((q, d), s)| (q, d, s)).collect()
    }

    /// One label per document: clusters are the connected components of the pairs, numbered
    /// from 0 in order of their first document; -1 for a document in no pair.
    pub fn labels(&self) -> Vec<i64> {
        let n = self.len();
        let mut parent: Vec<u32> = (0..n as u32).collect();
        fn root(parent: &mut [u32], mut x: u32) -> u32 {
            while parent[x as usize] != x {
                let up = parent[parent[x as usize] as usize];
                parent[x as usize] = up;
                x = up;
            }
            x
        }
        let mut paired = vec![false; n];
        for p in &self.pairs {
            paired[p.i as usize] = true;
            paired[p.j as usize] = true;
            let (a, b) = (root(&mut parent, p.i), root(&mut parent, p.j));
            // The smaller document is the root, so a root is its component's first document.
            let (low, high) = if a < b { (a, b) } else { (b, a) };
            parent[high as usize] = low;
        }
        let mut label_of_root = vec![-1i64; n];
        let mut next = 0;
        (0..n)
            .map(|d| {
                if !paired[d] {
                    return -1;
                }
                let r = root(&mut parent, d as u32) as usize;
                if label_of_root[r] < 0 {
                    label_of_root[r] = next;
                    next += 1;
                }
                label_of_root[r]
            })
            .collect()
    }

    /// True for every member of a cluster but its first document.
    pub fn duplicated(&self) -> Vec<bool> {
        let mut seen = Vec::new();
        self.labels()
            .into_iter()
            .map(|label| {
                if label < 0 {
                    return false;
                }
                let l = label as usize;
                if l < seen.len() {
                    return true;
                }
                seen.push(true);
                false
            })
            .collect()
    }

    /// The parts a copy is rebuilt from: shingles with their offsets, signatures, pairs.
    pub fn parts(&self) -> (&[u64], &[usize], &[u32], &[Pair]) {
        (&self.shingles, &self.indptr, &self.signatures, &self.pairs)
    }

    /// Rebuilt from `parts()` (unpickling): the buckets recomputed from the signatures; `Err`
    /// says which part is inconsistent.
    pub fn from_parts(
        params: Params,
        shingles: Vec<u64>,
        indptr: Vec<usize>,
        signatures: Vec<u32>,
        pairs: Vec<Pair>,
    ) -> Result<Self, &'static str> {
        if indptr.first() != Some(&0) || indptr.last() != Some(&shingles.len()) {
            return Err("shingle offsets do not span the shingles");
        }
        if indptr.windows(2).any(|w| w[0] > w[1]) {
            return Err("shingle offsets decrease");
        }
        let n = indptr.len() - 1;
        if n > u32::MAX as usize {
            return Err("too many documents");
        }
        if indptr
            .windows(2)
            .any(|w| shingles[w[0]..w[1]].windows(2).any(|s| s[0] >= s[1]))
        {
            return Err("a document's shingles are not sorted and distinct");
        }
        if signatures.len() != n * params.num_perm {
            return Err("signatures do not match the documents");
        }
        let in_order = pairs
            .windows(2)
            .all(|w| (w[0].i, w[0].j) < (w[1].i, w[1].j));
        let valid = pairs.iter().all(|p| {
            p.i < p.j && (p.j as usize) < n && p.jaccard >= params.threshold && p.jaccard <= 1.0
        });
        if !in_order || !valid {
            return Err("pairs out of range or out of order");
        }
        let mut index = Index::new(params);
        for d in 0..n {
            if indptr[d] == indptr[d + 1] {
                continue;
            }
            let signature = &signatures[d * params.num_perm..(d + 1) * params.num_perm];
            let keys = index.band_keys(signature);
            for (band, key) in keys.into_iter().enumerate() {
                index.buckets[band].entry(key).or_default().push(d as u32);
            }
        }
        index.shingles = shingles;
        index.indptr = indptr;
        index.signatures = signatures;
        index.pairs = pairs;
        Ok(index)
    }
}

#[cfg(test)]
mod tests;
