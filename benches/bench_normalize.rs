//! The Rust normalizer alone, one thread: `cargo bench --bench bench_normalize -- FILE`, where
//! FILE holds documents separated by NUL bytes (benches/bench_normalize.py writes one from
//! ../shared/corpora/ant_news). Prints one line per preset: name, MB/s (best of 5). Further
//! arguments pick presets by name.

use std::hint::black_box;
use std::time::Instant;

use _kalima::{Normalizer, Preset};

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench bench_normalize -- FILE (NUL-separated documents)");
        return;
    };
    let corpus = match std::fs::read_to_string(path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot read {path}: {e}");
            std::process::exit(2);
        }
    };
    let docs: Vec<&str> = corpus.split('\0').collect();
    let megabytes = corpus.len() as f64 / 1e6;
    let chosen = |p: &Preset| args.len() < 2 || args[1..].iter().any(|a| a == p.name());
    for preset in [
        Preset::Camel,
        Preset::Arclean,
        Preset::Light,
        Preset::Search,
    ]
    .into_iter()
    .filter(chosen)
    {
        let norm = Normalizer::from_preset(preset);
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let mut out_len = 0usize;
            for doc in &docs {
                out_len += black_box(norm.normalize(doc)).len();
            }
            black_box(out_len);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{preset}\t{:.0}", megabytes / best);
    }
    // The path the Python binding takes: code points in, code points out (MB of UTF-8 input).
    let units: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| d.chars().map(u32::from).collect())
        .collect();
    for preset in [
        Preset::Camel,
        Preset::Arclean,
        Preset::Light,
        Preset::Search,
    ]
    .into_iter()
    .filter(chosen)
    {
        let norm = Normalizer::from_preset(preset);
        let mut best = f64::INFINITY;
        for _ in 0..5 {
            let start = Instant::now();
            let mut out_len = 0usize;
            for doc in &units {
                out_len += black_box(norm.normalize_ucs4(doc)).as_slice(doc).len();
            }
            black_box(out_len);
            best = best.min(start.elapsed().as_secs_f64());
        }
        println!("{preset} (ucs4)\t{:.0}", megabytes / best);
    }
}
