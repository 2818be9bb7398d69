//! The Rust normalizer alone, one thread: `cargo bench --bench bench_normalize -- FILE`, where
//! FILE holds documents separated by NUL bytes (benches/bench_normalize.py writes one from
//! ../shared/corpora/ant_news). Prints one line per preset: name, MB/s (best of 5). Further
//! arguments pick presets by name.

#[path = "corpus.rs"]
mod corpus;

use std::hint::black_box;
use std::time::Instant;

use _kalima::{Normalizer, Preset};

fn main() {
    let (args, corpus) = corpus::read("bench_normalize");
    let docs: Vec<&str> = corpus.split('\0').collect();
    let megabytes = corpus.len() as f64 / 1e6;
    let chosen = |p: &Preset| args.len() < 2 || args[1..].iter().any(|a| a == p.name());
    let presets: Vec<Preset> = [
        Preset::Camel,
        Preset::Arclean,
        Preset::Light,
        Preset::Search,
    ]
    .into_iter()
    .filter(chosen)
    .collect();
    for &preset in &presets {
        let norm = Normalizer::from_preset(preset);
        let speed = best_speed(megabytes, || {
            docs.iter().map(|d| norm.normalize(d).len()).sum()
        });
        println!("{preset}\t{speed:.0}");
    }
    // The path the Python binding takes: code points in, code points out (MB of UTF-8 input).
    let units: Vec<Vec<u32>> = docs
        .iter()
        .map(|d| d.chars().map(u32::from).collect())
        .collect();
    for &preset in &presets {
        let norm = Normalizer::from_preset(preset);
        let speed = best_speed(megabytes, || {
            units
                .iter()
                .map(|u| norm.normalize_ucs4(u).as_slice(u).len())
                .sum()
        });
        println!("{preset} (ucs4)\t{speed:.0}");
    }
}

/// MB/s of the best of five runs of `work` (which returns an output size, so it is not elided).
fn best_speed(megabytes: f64, work: impl Fn() -> usize) -> f64 {
    let mut best = f64::INFINITY;
    for _ in 0..5 {
        let start = Instant::now();
        black_box(work());
        best = best.min(start.elapsed().as_secs_f64());
    }
    megabytes / best
}
