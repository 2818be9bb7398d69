//! The Rust tokenizer alone, one thread: `cargo bench --bench bench_tokenize -- FILE`, where FILE
//! holds documents separated by NUL bytes (benches/bench_normalize.py writes one). Tokenizes
//! every document from code points, as the Python binding does; prints mode, MB and MB/s of
//! UTF-8 input (best of 5). Further arguments pick modes by name.

#[path = "corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

use _kalima::tokenize::{KindActions, Mode, Tokenizer};

fn main() {
    let (args, corpus) = corpus::read("bench_tokenize");
    let docs: Vec<Vec<u32>> = corpus
        .split('\0')
        .map(|d| d.chars().map(u32::from).collect())
        .collect();
    let mb = corpus.len() as f64 / 1e6;
    let chosen = |m: &Mode| args.len() < 2 || args[1..].iter().any(|a| a == m.name());
    for mode in Mode::ALL.into_iter().filter(chosen) {
        let tokenizer = Tokenizer::new(mode, KindActions::default(), None, false)
            .expect("default options suit every mode");
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let total: usize = docs.iter().map(|d| tokenizer.analyse(d).1.len()).sum();
            black_box(total);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{}\t{mb:.1}\t{:.1}", mode.name(), mb / best);
    }
}
