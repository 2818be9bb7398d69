//! The Rust tokenizer alone, one thread: `cargo bench --bench bench_tokenize -- FILE`, where FILE
//! holds documents separated by NUL bytes (benches/bench_tokenize.py writes one). Prints mode,
//! token count and MB/s of UTF-8 input (best of 5); no Python strings are built.

use std::hint::black_box;
use std::time::Instant;

use _kalima::tokenize::Mode;

fn main() {
    let Some(path) = std::env::args().skip(1).find(|a| !a.starts_with("--")) else {
        eprintln!("usage: cargo bench --bench bench_tokenize -- FILE (NUL-separated documents)");
        return;
    };
    let corpus = match std::fs::read_to_string(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<&str> = corpus.split('\0').collect();
    let mb = docs.iter().map(|d| d.len()).sum::<usize>() as f64 / 1e6;
    for mode in Mode::ALL {
        let mut best = f64::INFINITY;
        let mut tokens = 0;
        for _ in 0..5 {
            let start = Instant::now();
            tokens = docs.iter().map(|d| mode.spans(d.chars()).len()).sum();
            black_box(tokens);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{}\t{}\t{:.0}", mode.name(), tokens, mb / best);
    }
}
