use super::*;
use crate::tokenize::{KindActions, Mode, Tokenizer};
use crate::Preset;
use std::collections::HashSet;

fn shingler(unit: Unit, n: usize) -> Shingler {
    let search = Preset::Search.options();
    Shingler {
        analyzer: Analyzer {
            unit,
            ngram_range: (1, 1),
            tokenizer: Tokenizer::new(Mode::Arabic, KindActions::default(), Some(search), true)
                .unwrap(),
            normalizer: Some(crate::Normalizer::new(search)),
            stop_words: HashSet::new(),
            stem: None,
            segment: None,
        },
        n,
    }
}

fn units(text: &str) -> Vec<u32> {
    text.chars().map(u32::from).collect()
}

fn shingles(s: &Shingler, text: &str) -> Vec<u64> {
    let mut out = Vec::new();
    s.shingles(&units(text), &mut Buffers::default(), &mut out);
    out
}

fn run(docs: &[&str], threshold: f64, threads: usize) -> Index {
    let s = shingler(Unit::Word, 3);
    let docs: Vec<Vec<u32>> = docs.iter().map(|d| units(d)).collect();
    let views: Vec<&[u32]> = docs.iter().map(|d| d.as_slice()).collect();
    let pool = crate::parallel::pool(threads);
    let mut index = Index::new(Params::new(threshold, 128, 0, true).unwrap());
    let sketches = index.sketch(&s, &views, pool.as_ref());
    index.add(sketches, pool.as_ref()).unwrap();
    index
}

#[test]
fn word_shingles_are_token_windows_after_normalizing() {
    let s = shingler(Unit::Word, 2);
    assert_eq!(shingles(&s, "قال الرئيس اليوم").len(), 2);
    // Diacritics, tatweel and alef forms folded by the search preset: the same shingles.
    assert_eq!(
        shingles(&s, "قالَ الرئيـــس اليوم"),
        shingles(&s, "قال الرئيس اليوم")
    );
    assert_eq!(shingles(&s, "أعلن"), shingles(&s, "اعلن"));
    // Fewer tokens than n: one shingle of them all; none: no shingle.
    assert_eq!(shingles(&s, "قال").len(), 1);
    assert_ne!(shingles(&s, "قال"), shingles(&s, "الرئيس"));
    assert!(shingles(&s, "").is_empty());
    assert!(shingles(&s, " ، . ! ").is_empty());
    // Order counts.
    assert_ne!(shingles(&s, "قال الرئيس"), shingles(&s, "الرئيس قال"));
}

#[test]
fn char_shingles() {
    let s = shingler(Unit::Char, 3);
    assert_eq!(shingles(&s, "abcd").len(), 2);
    assert_eq!(shingles(&s, "ab").len(), 1);
    assert!(shingles(&s, "   ").is_empty());
    assert_eq!(shingles(&s, "aaaa").len(), 1);
}

#[test]
fn jaccard_of_sorted_lists() {
    assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4]), 0.5);
    assert_eq!(jaccard(&[], &[]), 0.0);
    assert_eq!(jaccard(&[1], &[1]), 1.0);
    assert_eq!(jaccard(&[1, 5], &[2, 6]), 0.0);
}

#[test]
fn bands_balance_false_positives_and_negatives() {
    let (b, r) = optimal_bands(0.8, 128);
    assert!(b * r <= 128);
    // The curve turns at about the threshold: (1/b)^(1/r) near 0.8.
    let turn = (1.0 / b as f64).powf(1.0 / r as f64);
    assert!(
        (turn - 0.8).abs() < 0.1,
        "{b} bands of {r} rows turn at {turn}"
    );
    // No other split does better.
    let best = banding_error(0.8, b, r);
    for bands in 1..=128 {
        for rows in 1..=128 / bands {
            assert!(banding_error(0.8, bands, rows) >= best);
        }
    }
    // A lower threshold asks for more, shorter bands.
    let (b5, r5) = optimal_bands(0.5, 128);
    assert!(r5 < r && b5 > b);
    assert_eq!(optimal_bands(1.0, 1), (1, 1));
    assert_eq!((b, r), (14, 9));
    assert!((candidate_probability(0.8, b, r) - 0.867).abs() < 1e-3);
}

#[test]
fn bad_params_are_errors() {
    assert!(Params::new(0.0, 128, 0, true).is_err());
    assert!(Params::new(1.5, 128, 0, true).is_err());
    assert!(Params::new(f64::NAN, 128, 0, true).is_err());
    assert!(Params::new(0.5, 0, 0, true).is_err());
    assert!(Params::new(1.0, 1, 0, true).is_ok());
}

const ARTICLE: &str =
    "أعلنت وزارة الصحة اليوم عن افتتاح مستشفى جديد في مدينة الرياض يضم مئتي سرير \
    ويخدم سكان الأحياء الشمالية وقال الوزير إن المستشفى سيعمل بكامل طاقته مطلع العام المقبل";

#[test]
fn clusters_of_copies() {
    let copy = format!("{ARTICLE} ");
    let edited = ARTICLE.replace("مئتي", "ثلاثمئة");
    let other = "فاز المنتخب الوطني لكرة القدم على نظيره بثلاثة أهداف مقابل هدف في المباراة \
        التي جرت مساء أمس على الملعب الدولي";
    let docs = [ARTICLE, other, copy.as_str(), "", edited.as_str(), "قال"];
    let index = run(&docs, 0.6, 1);
    let pairs: Vec<(u32, u32)> = index.pairs().iter().map(|p| (p.i, p.j)).collect();
    assert_eq!(pairs, vec![(0, 2), (0, 4), (2, 4)]);
    assert_eq!(index.pairs()[0].jaccard, 1.0);
    assert_eq!(index.labels(), vec![0, -1, 0, -1, 0, -1]);
    assert_eq!(
        index.duplicated(),
        vec![false, false, true, false, true, false]
    );
    // Two empty documents are not each other's duplicates.
    let index = run(&["", "", "،"], 0.5, 1);
    assert!(index.pairs().is_empty());
    assert_eq!(index.labels(), vec![-1, -1, -1]);
}

#[test]
fn same_result_on_any_number_of_threads_and_in_parts() {
    let mut docs: Vec<String> = Vec::new();
    for k in 0..60 {
        let words: Vec<String> = (0..30)
            .map(|w| format!("w{}", (w * 7 + k / 3) % 40))
            .collect();
        docs.push(words.join(" "));
    }
    let views: Vec<&str> = docs.iter().map(String::as_str).collect();
    let one = run(&views, 0.5, 1);
    let two = run(&views, 0.5, 2);
    assert!(!one.pairs().is_empty());
    assert_eq!(one.pairs(), two.pairs());
    assert_eq!(one.labels(), two.labels());
    // Added in two parts: the pairs of one add.
    let s = shingler(Unit::Word, 3);
    let all: Vec<Vec<u32>> = views.iter().map(|d| units(d)).collect();
    let all: Vec<&[u32]> = all.iter().map(|d| d.as_slice()).collect();
    let mut parts = Index::new(Params::new(0.5, 128, 0, true).unwrap());
    for half in [&all[..25], &all[25..]] {
        let sketches = parts.sketch(&s, half, None);
        parts.add(sketches, None).unwrap();
    }
    assert_eq!(parts.pairs(), one.pairs());
    // Every reported pair is at or above the threshold, exactly.
    for p in one.pairs() {
        let a = shingles(&s, views[p.i as usize]);
        let b = shingles(&s, views[p.j as usize]);
        assert_eq!(p.jaccard, jaccard(&a, &b));
        assert!(p.jaccard >= 0.5);
    }
}

#[test]
fn query_and_rebuild_from_parts() {
    let edited = ARTICLE.replace("مئتي", "ثلاثمئة");
    let index = run(&[ARTICLE, "فاز المنتخب"], 0.6, 1);
    let s = shingler(Unit::Word, 3);
    let q: Vec<Vec<u32>> = [edited.as_str(), "خبر اخر تماما لا علاقة له", ""]
        .iter()
        .map(|d| units(d))
        .collect();
    let q: Vec<&[u32]> = q.iter().map(|d| d.as_slice()).collect();
    let sketches = index.sketch(&s, &q, None);
    let found = index.query(&sketches, None);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].0, found[0].1), (0, 0));
    let (sh, ip, sig, pairs) = index.parts();
    let copy = Index::from_parts(
        *index.params(),
        sh.to_vec(),
        ip.to_vec(),
        sig.to_vec(),
        pairs.to_vec(),
    )
    .unwrap();
    assert_eq!(copy.query(&sketches, None), found);
    assert!(Index::from_parts(
        *index.params(),
        vec![2, 1],
        vec![0, 2],
        vec![0; 128],
        vec![]
    )
    .is_err());
    assert!(Index::from_parts(*index.params(), vec![1], vec![0, 2], vec![0; 128], vec![]).is_err());
    assert!(Index::from_parts(*index.params(), vec![1], vec![0, 1], vec![0; 12], vec![]).is_err());
    let bad = vec![Pair {
        i: 0,
        j: 5,
        jaccard: 1.0,
    }];
    assert!(Index::from_parts(*index.params(), vec![1], vec![0, 1], vec![0; 128], bad).is_err());
}
