//! Every pair of rows of a sparse matrix whose dot product reaches a threshold: an all-pairs
//! similarity search (Bayardo, Ma and Srikant's All-Pairs) by an inverted index with a prefix
//! filter.
//!
//! Each row's features are ordered by decreasing document frequency. A row's prefix is its
//! longest run of first features whose products with the largest value of their column add up
//! to less than the threshold; only the features after it are indexed. Two rows whose dot
//! product reaches the threshold must share a feature indexed for the later one (the prefix
//! alone cannot reach it), so scanning the index with every feature of a row finds every such
//! pair, and the common, long posting lists are the ones left out. Each candidate's dot product
//! is then computed exactly from the two rows. Rows are searched in parallel, each one's
//! results kept in order, so the output is the same for any number of threads, and memory is
//! the matrix, the index and the output.

use rayon::prelude::*;

/// A CSR matrix, borrowed: row `r` holds `indices[indptr[r]..indptr[r + 1]]` (sorted, distinct)
/// and their `data`.
#[derive(Clone, Copy, Debug)]
pub struct Csr<'a> {
    pub indptr: &'a [i64],
    pub indices: &'a [i64],
    pub data: &'a [f64],
    pub n_cols: usize,
}

impl Csr<'_> {
    /// `Err` says what is inconsistent (offsets, columns out of range or unsorted).
    pub fn check(&self) -> Result<(), String> {
        let nnz = self.indices.len();
        if self.data.len() != nnz {
            return Err("data and indices differ in length".into());
        }
        if self.indptr.first() != Some(&0) || self.indptr.last() != Some(&(nnz as i64)) {
            return Err("indptr does not span the stored values".into());
        }
        if self.indptr.windows(2).any(|w| w[0] > w[1]) {
            return Err("indptr decreases".into());
        }
        for w in self.indptr.windows(2) {
            let row = &self.indices[w[0] as usize..w[1] as usize];
            if row.iter().any(|&c| c < 0 || c as usize >= self.n_cols) {
                return Err("a column index is out of range".into());
            }
            if row.windows(2).any(|p| p[0] >= p[1]) {
                return Err("a row's column indices are not sorted and distinct".into());
            }
        }
        Ok(())
    }

    fn rows(&self) -> usize {
        self.indptr.len().saturating_sub(1)
    }

    fn row(&self, r: usize) -> (&[i64], &[f64]) {
        let (a, b) = (self.indptr[r] as usize, self.indptr[r + 1] as usize);
        (&self.indices[a..b], &self.data[a..b])
    }
}

/// The dot product of rows `x` and `y`, their common columns multiplied in column order.
fn dot(x: (&[i64], &[f64]), y: (&[i64], &[f64])) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0);
    while i < x.0.len() && j < y.0.len() {
        match x.0[i].cmp(&y.0[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += x.1[i] * y.1[j];
                i += 1;
                j += 1;
            }
        }
    }
    sum
}

/// Every pair `(i, j, x_i · x_j)` with `i < j` and a dot product at least `threshold` (> 0),
/// sorted; with `top_k`, only the pairs among each row's `top_k` most similar other rows (ties
/// to the lower row), each pair once. `x` must pass [`Csr::check`].
pub fn similar_pairs(
    x: Csr<'_>,
    threshold: f64,
    top_k: Option<usize>,
    pool: Option<&rayon::ThreadPool>,
) -> Vec<(u32, u32, f64)> {
    let n = x.rows();
    let mut df = vec![0u32; x.n_cols];
    let mut max_weight = vec![0f64; x.n_cols];
    let mut filter = true;
    for (&c, &v) in x.indices.iter().zip(x.data) {
        df[c as usize] += 1;
        max_weight[c as usize] = max_weight[c as usize].max(v);
        // The bound needs non-negative values; with a negative one, every feature is indexed.
        filter &= v >= 0.0;
    }
    // A margin so that rounding in the bounds never drops a pair at the threshold.
    let bound = threshold * (1.0 - 1e-9);
    let norm = |vals: &[f64]| vals.iter().map(|v| v * v).sum::<f64>().sqrt();
    let max_norm = (0..n).map(|r| norm(x.row(r).1)).fold(0.0, f64::max);
    // Each row's indexed features, and two bounds on the dot product of any row with its
    // prefix: the sum of the prefix's values times their columns' largest, and (Cauchy-Schwarz)
    // the largest row norm times the prefix's norm.
    let mut starts = vec![0usize; x.n_cols + 1];
    let mut indexed: Vec<Vec<usize>> = Vec::with_capacity(n);
    let mut prefix_score = vec![0f64; n];
    let mut prefix_norm = vec![0f64; n];
    // The global order of columns: most frequent first, then by column.
    let key = |c: i64| (std::cmp::Reverse(df[c as usize]), c);
    // Each row's first indexed column: its prefix is its columns before that one.
    let mut split_column = vec![i64::MAX; n];
    for r in 0..n {
        let (cols, vals) = x.row(r);
        let mut order: Vec<usize> = (0..cols.len()).filter(|&k| vals[k] != 0.0).collect();
        if filter {
            order.sort_unstable_by_key(|&k| (std::cmp::Reverse(df[cols[k] as usize]), cols[k]));
            let (mut sum, mut squares) = (0.0, 0.0);
            let mut split = order.len();
            for (p, &k) in order.iter().enumerate() {
                let (next_sum, next_squares) = (
                    sum + vals[k] * max_weight[cols[k] as usize],
                    squares + vals[k] * vals[k],
                );
                if next_sum.min(max_norm * next_squares.sqrt()) >= bound {
                    split = p;
                    break;
                }
                (sum, squares) = (next_sum, next_squares);
            }
            prefix_score[r] = sum;
            prefix_norm[r] = squares.sqrt();
            if let Some(&k) = order.get(split) {
                split_column[r] = cols[k];
            }
            order.drain(..split);
        }
        for &k in &order {
            starts[cols[k] as usize + 1] += 1;
        }
        indexed.push(order);
    }
    for c in 0..x.n_cols {
        starts[c + 1] += starts[c];
    }
    let mut fill = starts.clone();
    let mut postings = vec![(0u32, 0f64); starts[x.n_cols]];
    for (r, order) in indexed.iter().enumerate() {
        let (cols, vals) = x.row(r);
        for &k in order {
            let c = cols[k] as usize;
            postings[fill[c]] = (r as u32, vals[k]);
            fill[c] += 1;
        }
    }
    drop(indexed);
    // Per thread: each row's score over its indexed features so far, and the rows touched.
    type Scratch = (Vec<f64>, Vec<bool>, Vec<u32>);
    let search = |(score, seen, found): &mut Scratch, r: usize| -> Vec<(u32, f64)> {
        let (cols, vals) = x.row(r);
        let x_norm = norm(vals);
        // The row's features rarest first (the global order reversed), and for each position
        // bounds on what the features from there on can add to a dot product. A row first met
        // at position p shares no feature before p (those rarer than an indexed feature of it
        // would be indexed too), so once the bounds fall below the threshold, no new row can
        // reach it: the rows met so far are only scored.
        let mut order: Vec<usize> = (0..cols.len()).filter(|&k| vals[k] != 0.0).collect();
        order.sort_unstable_by_key(|&k| (df[cols[k] as usize], std::cmp::Reverse(cols[k])));
        let mut admit = order.len();
        if filter {
            let (mut sum, mut squares) = (0.0, 0.0);
            for (p, &k) in order.iter().enumerate().rev() {
                sum += vals[k] * max_weight[cols[k] as usize];
                squares += vals[k] * vals[k];
                if sum.min(max_norm * squares.sqrt()) >= bound {
                    admit = p + 1;
                    break;
                }
                admit = p;
            }
        }
        // The norm of the row's most frequent features: from each position to the end.
        let mut common_norm = vec![0f64; order.len() + 1];
        for (p, &k) in order.iter().enumerate().rev() {
            common_norm[p] = common_norm[p + 1] + vals[k] * vals[k];
        }
        for (p, &k) in order.iter().enumerate() {
            let (c, v) = (cols[k], vals[k]);
            let list = &postings[starts[c as usize]..starts[c as usize + 1]];
            let from = match top_k {
                None => list.partition_point(|&(y, _)| y as usize <= r),
                Some(_) => 0,
            };
            let new_rows = p < admit;
            for &(y, w) in &list[from..] {
                let yi = y as usize;
                if yi == r {
                    continue;
                }
                if !seen[yi] {
                    if !new_rows {
                        continue;
                    }
                    seen[yi] = true;
                    found.push(y);
                }
                score[yi] += v * w;
            }
        }
        found.sort_unstable();
        let mut out = Vec::new();
        for &y in found.iter() {
            let yi = y as usize;
            // The indexed part is known; the prefix's part is bounded, by Cauchy-Schwarz over
            // the features of this row that can be in the other's prefix (those before its
            // first indexed column in the global order) among other bounds.
            let in_prefix = if filter && split_column[yi] != i64::MAX {
                let split = key(split_column[yi]);
                let p = order.partition_point(|&k| key(cols[k]) >= split);
                common_norm[p].sqrt()
            } else {
                x_norm
            };
            let most = score[yi] + prefix_score[yi].min(in_prefix * prefix_norm[yi]);
            score[yi] = 0.0;
            seen[yi] = false;
            if most < bound {
                continue;
            }
            let s = dot(x.row(r), x.row(yi));
            if s >= threshold {
                out.push((y, s));
            }
        }
        found.clear();
        if let Some(k) = top_k {
            out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            out.truncate(k);
        }
        out
    };
    let scratch = || -> Scratch { (vec![0.0; n], vec![false; n], Vec::new()) };
    let per_row: Vec<Vec<(u32, f64)>> = match pool {
        Some(pool) => pool.install(|| (0..n).into_par_iter().map_init(scratch, search).collect()),
        None => {
            let mut scratch = scratch();
            (0..n).map(|r| search(&mut scratch, r)).collect()
        }
    };
    let mut pairs: Vec<(u32, u32, f64)> = per_row
        .into_iter()
        .enumerate()
        .flat_map(|(r, row)| {
            row.into_iter().map(move |(y, s)| {
                let r = r as u32;
                (r.min(y), r.max(y), s)
            })
        })
        .collect();
    if top_k.is_some() {
        pairs.sort_unstable_by_key(|p| (p.0, p.1));
        pairs.dedup_by_key(|p| (p.0, p.1));
    }
    pairs
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Owned {
        indptr: Vec<i64>,
        indices: Vec<i64>,
        data: Vec<f64>,
        n_cols: usize,
    }

    impl Owned {
        fn from_dense(rows: &[&[f64]]) -> Self {
            let mut m = Owned {
                indptr: vec![0],
                indices: vec![],
                data: vec![],
                n_cols: rows.first().map_or(0, |r| r.len()),
            };
            for row in rows {
                for (c, &v) in row.iter().enumerate() {
                    if v != 0.0 {
                        m.indices.push(c as i64);
                        m.data.push(v);
                    }
                }
                m.indptr.push(m.indices.len() as i64);
            }
            m
        }

        fn csr(&self) -> Csr<'_> {
            Csr {
                indptr: &self.indptr,
                indices: &self.indices,
                data: &self.data,
                n_cols: self.n_cols,
            }
        }
    }

    fn brute(rows: &[&[f64]], t: f64) -> Vec<(u32, u32)> {
        let mut out = vec![];
        for i in 0..rows.len() {
            for j in i + 1..rows.len() {
                let s: f64 = rows[i].iter().zip(rows[j]).map(|(a, b)| a * b).sum();
                if s >= t {
                    out.push((i as u32, j as u32));
                }
            }
        }
        out
    }

    #[test]
    fn pairs_match_brute_force() {
        let s = 0.5f64.sqrt();
        let half = [s, s, 0.0, 0.0];
        let rows: Vec<&[f64]> = vec![
            &[1.0, 0.0, 0.0, 0.0],
            &half,
            &[0.0, 1.0, 0.0, 0.0],
            &[0.0, 0.0, 0.6, 0.8],
            &[0.0, 0.0, 0.8, 0.6],
            &[0.0, 0.0, 0.0, 0.0],
        ];
        let m = Owned::from_dense(&rows);
        m.csr().check().unwrap();
        for t in [0.1, 0.5, 0.7, 0.96, 1.0] {
            let got: Vec<(u32, u32)> = similar_pairs(m.csr(), t, None, None)
                .iter()
                .map(|p| (p.0, p.1))
                .collect();
            assert_eq!(got, brute(&rows, t), "threshold {t}");
        }
        let pool = crate::parallel::pool(2);
        assert_eq!(
            similar_pairs(m.csr(), 0.5, None, pool.as_ref()),
            similar_pairs(m.csr(), 0.5, None, None)
        );
        // Each row's best neighbour only.
        let top: Vec<(u32, u32)> = similar_pairs(m.csr(), 0.5, Some(1), None)
            .iter()
            .map(|p| (p.0, p.1))
            .collect();
        assert_eq!(top, vec![(0, 1), (1, 2), (3, 4)]);
    }

    #[test]
    fn bad_matrices_are_errors() {
        let mut m = Owned::from_dense(&[&[1.0, 2.0], &[0.0, 1.0]]);
        assert!(m.csr().check().is_ok());
        m.indices[0] = 5;
        assert!(m.csr().check().is_err());
        m.indices[0] = 1;
        assert!(m.csr().check().is_err()); // unsorted
        m.indptr[1] = 4;
        assert!(m.csr().check().is_err());
        m.indptr = vec![1, 3];
        assert!(m.csr().check().is_err());
    }
}
