//! The Rust vectorizer alone: `cargo bench --bench bench_vectorize -- FILE [NAME...]`, where FILE
//! holds documents separated by NUL bytes (benches/common.py's `cargo_bench` writes one). Fits
//! (hashes, for "hashing") every document from code points in chunks of 2^21 code points, as the
//! Python binding does, on 1 and 2 threads; prints analyzer, configuration, threads, MB/s of
//! UTF-8 input (best of 3) and a digest of the output. Further arguments pick the runs whose
//! "analyzer configuration Nt" contains one of them ("default unigrams 1t").

#[path = "corpus.rs"]
mod corpus;

use std::collections::HashSet;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

use _kalima::tokenize::{KindActions, Mode, Tokenizer};
use _kalima::vectorize::{self, Analyzer, FitCounts, Unit};
use _kalima::{NormalizeOptions, Normalizer, Preset};

/// The Python binding's chunk of documents, in code points.
const CHUNK: usize = 1 << 21;

fn main() {
    let (args, corpus) = corpus::read("bench_vectorize");
    let docs: Vec<Vec<u32>> = corpus
        .split('\0')
        .map(|d| d.chars().map(u32::from).collect())
        .collect();
    let mut chunks: Vec<Vec<&[u32]>> = vec![Vec::new()];
    let mut size = 0;
    for d in &docs {
        if size >= CHUNK {
            chunks.push(Vec::new());
            size = 0;
        }
        size += d.len();
        chunks.last_mut().unwrap().push(d);
    }
    let mb = corpus.len() as f64 / 1e6;
    let search = Preset::Search.options();
    let lower = NormalizeOptions {
        lowercase: true,
        ..NormalizeOptions::default()
    };
    // kalima's defaults, and normalize=None with token_mode="sklearn".
    let setups = [
        ("default", Mode::Arabic, Some(search), search),
        ("sklearn", Mode::Sklearn, None, lower),
    ];
    let configs = [
        ("unigrams", Unit::Word, (1, 1), 1),
        ("1-2-grams min_df=2", Unit::Word, (1, 2), 2),
        ("char_wb 2-4", Unit::CharWb, (2, 4), 1),
        ("hashing", Unit::Word, (1, 1), 0),
    ];
    let chosen = |name: &str| args.len() < 2 || args[1..].iter().any(|a| name.contains(a.as_str()));
    for (setup, mode, tokenizer_options, char_options) in setups {
        for (name, unit, ngram_range, min_df) in configs {
            let analyzer = Analyzer {
                unit,
                ngram_range,
                tokenizer: Tokenizer::new(mode, KindActions::default(), tokenizer_options, true)
                    .expect("default options suit every mode"),
                normalizer: Some(Normalizer::new(char_options)),
                stop_words: HashSet::new(),
                stem: None,
                segment: None,
            };
            for threads in [1, 2] {
                if !chosen(&format!("{setup} {name} {threads}t")) {
                    continue;
                }
                let pool = _kalima::parallel::pool(threads);
                let mut best = f64::INFINITY;
                let mut check = 0;
                for _ in 0..3 {
                    let start = Instant::now();
                    let mut unhashed = 0.0;
                    let mut digest = DefaultHasher::new();
                    if min_df == 0 {
                        for c in &chunks {
                            let h = vectorize::hash_documents(
                                &analyzer,
                                c,
                                1 << 20,
                                true,
                                pool.as_ref(),
                            );
                            let hashing = Instant::now();
                            (h.indptr, h.indices).hash(&mut digest);
                            h.values.iter().for_each(|v| v.to_bits().hash(&mut digest));
                            unhashed += hashing.elapsed().as_secs_f64();
                        }
                    } else {
                        let mut fit = FitCounts::default();
                        for c in &chunks {
                            fit.add(&analyzer, c, pool.as_ref());
                        }
                        let counts = fit.finish(min_df..=u64::MAX, pool.as_ref());
                        let hashing = Instant::now();
                        (counts.terms, counts.indptr, counts.indices, counts.values)
                            .hash(&mut digest);
                        unhashed += hashing.elapsed().as_secs_f64();
                    }
                    check = digest.finish();
                    best = best.min(start.elapsed().as_secs_f64() - unhashed);
                }
                // The output's digest: the same before and after a change that keeps the output.
                println!("{setup}\t{name}\t{threads}\t{:.1}\t{check:016x}", mb / best);
            }
        }
    }
}
