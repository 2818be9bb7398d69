//! The Rust stemmers alone, one thread: `cargo bench --bench bench_stem -- FILE`, where FILE
//! holds documents separated by NUL bytes (benches/bench_normalize.py writes one). Stems every
//! distinct whitespace token; prints method, word count and words/s (best of 5).

use std::collections::BTreeSet;
#[path = "corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

use _kalima::stem::Method;

fn main() {
    let (_, corpus) = corpus::read("bench_stem");
    let words: Vec<&str> = corpus
        .split(|c: char| c == '\0' || c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    for method in Method::ALL {
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let total: usize = words.iter().map(|w| method.stem(w).len()).sum();
            black_box(total);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!(
            "{}\t{}\t{:.0}",
            method.name(),
            words.len(),
            words.len() as f64 / best
        );
    }
}
