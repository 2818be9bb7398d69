//! The vectorizer core on arbitrary documents: word and character analyzers, fitting, a fixed
//! vocabulary and hashing: no panic, canonical CSR, and fit and transform agree.
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use _kalima::tokenize::{KindActions, Mode, Tokenizer};
use _kalima::vectorize::{self, Analyzer, Unit, Vocabulary};
use _kalima::{Normalizer, Preset};
use libfuzzer_sys::fuzz_target;

/// One analyzer per unit (word features segmented, stop words, the search normalizer); built
/// once.
fn analyzers() -> &'static [Analyzer] {
    static ALL: OnceLock<Vec<Analyzer>> = OnceLock::new();
    ALL.get_or_init(|| Unit::ALL.into_iter().map(analyzer).collect())
}

fn analyzer(unit: Unit) -> Analyzer {
    Analyzer {
        unit,
        ngram_range: (1, 3),
        tokenizer: Tokenizer::new(
            Mode::Arabic,
            KindActions::default(),
            Some(Preset::Search.options()),
            true,
        )
        .expect("valid options"),
        normalizer: Some(Normalizer::from_preset(Preset::Search)),
        stop_words: HashSet::from(["في".to_string()]),
        stem: None,
        segment: (unit == Unit::Word).then_some(3),
    }
}

fuzz_target!(|text: &str| {
    let docs: Vec<Vec<u32>> = text
        .split('\n')
        .map(|d| d.chars().map(u32::from).collect())
        .collect();
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    for analyzer in analyzers() {
        let counts = vectorize::fit_counts(analyzer, &docs, None);
        assert_eq!(counts.indptr.len(), docs.len() + 1);
        for row in counts.indptr.windows(2) {
            let columns = &counts.indices[row[0]..row[1]];
            assert!(columns.windows(2).all(|w| w[0] < w[1]), "row not canonical");
        }
        assert!(
            counts.terms.windows(2).all(|w| w[0] < w[1]),
            "terms not sorted"
        );
        let vocabulary = Vocabulary::new(counts.terms.clone()).expect("terms are distinct");
        let again = vectorize::transform_counts(analyzer, &vocabulary, &docs, None);
        assert_eq!(
            (again.indices, again.values),
            (counts.indices, counts.values)
        );
        let hashed = vectorize::hash_documents(analyzer, &docs, 1 << 10, true, None);
        assert!(hashed.indices.iter().all(|&j| j < 1 << 10));
    }
});
