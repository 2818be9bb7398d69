use super::*;
use crate::tokenize::{KindActions, Mode};
use crate::Preset;

fn analyzer(unit: Unit, ngram_range: (usize, usize)) -> Analyzer {
    Analyzer {
        unit,
        ngram_range,
        tokenizer: Tokenizer::new(Mode::Sklearn, KindActions::default(), None, true).unwrap(),
        normalizer: None,
        stop_words: HashSet::new(),
        stem: None,
        segment: None,
    }
}

fn features(a: &Analyzer, text: &str) -> Vec<String> {
    let units: Vec<u32> = text.chars().map(u32::from).collect();
    let mut out = Vec::new();
    a.features(&units, &mut |f| out.push(f.to_string()));
    out
}

fn units(docs: &[&str]) -> Vec<Vec<u32>> {
    docs.iter()
        .map(|d| d.chars().map(u32::from).collect())
        .collect()
}

#[test]
fn scikit_learn_documented_analyzers() {
    // The examples of scikit-learn's CountVectorizer documentation.
    assert_eq!(
        features(&analyzer(Unit::CharWb, (5, 5)), "jumpy fox"),
        [" jump", "jumpy", "umpy ", " fox "]
    );
    assert_eq!(
        features(&analyzer(Unit::Char, (5, 5)), "jumpy fox"),
        ["jumpy", "umpy ", "mpy f", "py fo", "y fox"]
    );
    assert_eq!(
        features(&analyzer(Unit::Word, (1, 2)), "Bi-grams are cool!"),
        [
            "bi",
            "grams",
            "are",
            "cool",
            "bi grams",
            "grams are",
            "are cool"
        ]
    );
}

#[test]
fn char_features_see_white_space_as_python_does() {
    // Two or more white-space characters become one space; one stays as it is.
    assert_eq!(
        features(&analyzer(Unit::Char, (2, 2)), "ab\n\t c\nd"),
        ["ab", "b ", " c", "c\n", "\nd"]
    );
    // A short word (padded) is one n-gram, and stops the longer ones.
    assert_eq!(
        features(&analyzer(Unit::CharWb, (2, 5)), "في"),
        [" ف", "في", "ي ", " في", "في ", " في "]
    );
    assert_eq!(features(&analyzer(Unit::CharWb, (3, 6)), "و"), [" و "]);
}

#[test]
fn word_features_drop_stop_words_then_stem() {
    let mut a = analyzer(Unit::Word, (1, 2));
    a.tokenizer = Tokenizer::new(
        Mode::Arabic,
        KindActions::default(),
        Some(Preset::Search.options()),
        false,
    )
    .unwrap();
    a.stop_words = ["في".to_string()].into();
    a.stem = Some(Method::Light10);
    assert_eq!(
        features(&a, "المعلمون في المدرسة"),
        ["معلم", "مدرس", "معلم مدرس"]
    );
}

#[test]
fn fit_counts_sorts_the_vocabulary_whatever_the_threads() {
    let a = analyzer(Unit::Word, (1, 1));
    let docs = units(&["كتب الولد الدرس", "", "الدرس الدرس كتب"]);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    let counts = fit_counts(&a, &docs, None);
    assert_eq!(counts.terms, ["الدرس", "الولد", "كتب"]);
    assert_eq!(counts.indptr, [0, 3, 3, 5]);
    assert_eq!(counts.indices, [0, 1, 2, 0, 2]);
    assert_eq!(counts.values, [1, 1, 1, 2, 1]);
    assert_eq!(counts.document_frequencies(3), [2, 1, 2]);
    assert_eq!(counts.term_frequencies(3), [3, 1, 2]);
    let pool = crate::parallel::pool(3).unwrap();
    let many: Vec<&[u32]> = docs.iter().cycle().take(3000).copied().collect();
    assert_eq!(
        fit_counts(&a, &many, Some(&pool)),
        fit_counts(&a, &many, None)
    );

    let mut fit = FitCounts::default();
    fit.add(&a, &docs, None);
    assert_eq!(fit.n_terms(), 3);
    let kept = fit.finish(2..=2, None);
    assert_eq!(kept.terms, ["الدرس", "كتب"]);
    assert_eq!(
        (kept.indptr, kept.indices),
        (vec![0, 2, 2, 4], vec![0, 1, 0, 1])
    );

    let mut pruned = counts.clone();
    pruned.keep_columns(&[true, false, true]);
    assert_eq!(pruned.terms, ["الدرس", "كتب"]);
    assert_eq!(
        (pruned.indptr, pruned.indices, pruned.values),
        (vec![0, 2, 2, 4], vec![0, 1, 0, 1], vec![1, 1, 2, 1])
    );
}

#[test]
fn transform_counts_only_vocabulary_terms() {
    let a = analyzer(Unit::Word, (1, 1));
    let vocabulary = Vocabulary::new(vec!["كتب".into(), "الدرس".into()]).unwrap();
    assert_eq!(vocabulary.get("الدرس"), Some(1));
    assert_eq!(vocabulary.get("الولد"), None);
    let docs = units(&["الدرس كتب الدرس الولد"]);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    let counts = transform_counts(&a, &vocabulary, &docs, None);
    assert_eq!((counts.indices, counts.values), (vec![0, 1], vec![1, 2]));
    assert_eq!(
        Vocabulary::new(vec!["a".into(), "b".into(), "a".into()]),
        Err("a".to_string())
    );
}

#[test]
fn hashing_adds_signs_per_column() {
    let a = analyzer(Unit::Word, (1, 1));
    let docs = units(&["الدرس كتب الدرس"]);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    let hashed = hash_documents(&a, &docs, 1, false, None);
    assert_eq!((hashed.indices, hashed.values), (vec![0], vec![3.0]));
    let (_, sign_a) = murmur::column("الدرس", 1, true);
    let (_, sign_b) = murmur::column("كتب", 1, true);
    let expected = 2.0 * sign_a + sign_b;
    let hashed = hash_documents(&a, &docs, 1, true, None);
    assert_eq!(hashed.values, [expected]);
}

#[test]
fn frequencies_add_up_over_lists_of_documents() {
    let a = analyzer(Unit::Word, (1, 1));
    let docs = units(&["كتب الولد الدرس", "", "الدرس الدرس كتب"]);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    let mut freq = Frequencies::default();
    freq.add(&a, &docs[..1], None);
    freq.add(&a, &docs[1..], None);
    let (terms, df, tf) = freq.sorted();
    let counts = fit_counts(&a, &docs, None);
    assert_eq!(terms, counts.terms);
    assert_eq!(df, counts.document_frequencies(3));
    assert_eq!(tf, counts.term_frequencies(3));
    assert_eq!(freq.documents(), 3);
    let mut first = Frequencies::default();
    first.add(&a, &docs[..2], None);
    let mut rest = Frequencies::default();
    rest.add(&a, &docs[2..], None);
    first.merge(&rest);
    assert_eq!(first.sorted(), freq.sorted());
    assert_eq!(first.documents(), 3);
}

#[test]
fn segmented_pieces_are_normalized_then_stemmed() {
    let mut a = analyzer(Unit::Word, (1, 1));
    a.tokenizer = Tokenizer::new(Mode::Arabic, KindActions::default(), None, false).unwrap();
    a.normalizer = Some(Normalizer::from_preset(Preset::Search));
    a.segment = Some(3);
    a.stop_words = ["و+".to_string()].into();
    // The rules read ة as written (مدرسة is not مدرس + ه); the pieces are normalized after.
    assert_eq!(
        features(&a, "وبالمدرسة كتابها"),
        ["ب+", "ال+", "مدرسه", "كتاب", "+ها"]
    );
    a.stem = Some(Method::Light10);
    assert_eq!(features(&a, "والمعلمون"), ["ال+", "معلم"]);
}

#[test]
fn word_ngrams_are_slices_whatever_tokens_are_dropped() {
    let mut a = analyzer(Unit::Word, (1, 2));
    a.stop_words = ["في".to_string()].into();
    // A stop word first, between and last: no n-gram starts, ends or doubles a space.
    assert_eq!(
        features(&a, "في البيت في الكبير في"),
        ["البيت", "الكبير", "البيت الكبير"]
    );
    assert_eq!(features(&a, "في في"), Vec::<String>::new());
}

#[test]
fn word_ngram_ids_give_the_joined_terms() {
    let a = analyzer(Unit::Word, (1, 3));
    let docs = units(&["قال الولد قال الولد", "الولد قال"]);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    let counts = fit_counts(&a, &docs, None);
    assert_eq!(
        counts.terms,
        [
            "الولد",
            "الولد قال",
            "الولد قال الولد",
            "قال",
            "قال الولد",
            "قال الولد قال"
        ]
    );
    assert_eq!(counts.indptr, [0, 6, 9]);
    assert_eq!(counts.indices, [0, 1, 2, 3, 4, 5, 0, 1, 3]);
    assert_eq!(counts.values, [2, 1, 1, 2, 2, 1, 1, 1, 1]);
    // Only bigrams: the unigrams are counted as tokens but are no features.
    let b = analyzer(Unit::Word, (2, 2));
    let counts = fit_counts(&b, &docs, None);
    assert_eq!(counts.terms, ["الولد قال", "قال الولد"]);
    assert_eq!(counts.values, [1, 2, 1]);

    let mut grams = Grams::default();
    assert_eq!(grams.feature(&[4, 7]), 0);
    assert_eq!(grams.feature(&[0]), 1);
    assert_eq!(grams.feature(&[4, 7]), 0);
    assert_eq!(grams.feature(&[7, 4]), 2);
    assert_eq!(grams.feature(&[0]), 1);
    assert_eq!(
        (grams.get(0), grams.get(1), grams.get(2)),
        (&[4, 7][..], &[0][..], &[7, 4][..])
    );
}

#[test]
fn char_ngrams_at_word_and_document_boundaries() {
    // White space at both ends of the document, a run inside it, a one-letter word.
    let text = "  كتب و\tقرأ\n";
    assert_eq!(
        features(&analyzer(Unit::Char, (3, 3)), text),
        [" كت", "كتب", "تب ", "ب و", " و\t", "و\tق", "\tقر", "قرأ", "رأ\n"]
    );
    assert_eq!(
        features(&analyzer(Unit::CharWb, (2, 3)), text),
        [
            " ك", "كت", "تب", "ب ", " كت", "كتب", "تب ", " و", "و ", " و ", " ق", "قر", "رأ", "أ ",
            " قر", "قرأ", "رأ "
        ]
    );
    // Nothing longer than the whole text, and it once when it is exactly n long.
    assert_eq!(
        features(&analyzer(Unit::Char, (2, 5)), "قرأ"),
        ["قر", "رأ", "قرأ"]
    );
    assert_eq!(
        features(&analyzer(Unit::Char, (1, 2)), ""),
        Vec::<String>::new()
    );
    assert_eq!(
        features(&analyzer(Unit::CharWb, (1, 2)), " \n "),
        Vec::<String>::new()
    );
}

#[test]
fn fit_is_the_same_whatever_the_threads_and_chunks() {
    let words = [
        "كتب",
        "الولد",
        "الدرس",
        "قرأ",
        "البنت",
        "الكتاب",
        "في",
        "البيت",
    ];
    // Documents of pseudo-random words, many distinct bigrams and char n-grams.
    let mut state = 7u32;
    let docs: Vec<String> = (0..500)
        .map(|_| {
            let len = (state % 13) as usize;
            (0..len)
                .map(|_| {
                    state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                    words[(state >> 16) as usize % words.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let docs: Vec<&str> = docs.iter().map(String::as_str).collect();
    let docs = units(&docs);
    let docs: Vec<&[u32]> = docs.iter().map(Vec::as_slice).collect();
    for a in [
        analyzer(Unit::Word, (1, 3)),
        analyzer(Unit::CharWb, (2, 4)),
        analyzer(Unit::Char, (1, 3)),
    ] {
        let one = {
            let mut fit = FitCounts::default();
            fit.add(&a, &docs, None);
            fit.finish(2..=400, None)
        };
        assert!(one.terms.windows(2).all(|w| w[0] < w[1]));
        assert!(one
            .document_frequencies(one.terms.len())
            .iter()
            .all(|d| (2..=400).contains(d)));
        for threads in [2, 3, 7] {
            let pool = crate::parallel::pool(threads).unwrap();
            let mut fit = FitCounts::default();
            for chunk in docs.chunks(61) {
                fit.add(&a, chunk, Some(&pool));
            }
            assert_eq!(fit.finish(2..=400, Some(&pool)), one, "{threads} threads");
        }
    }
}
