//! Every stemmer on arbitrary words: no panic, and stemming a vocalized word never lengthens it
//! beyond its characters.
#![no_main]

use _kalima::stem::Method;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|word: &str| {
    for method in Method::ALL {
        let stem = method.stem(word);
        assert!(
            stem.chars().count() <= word.chars().count() + 2,
            "{method:?}: {word:?} -> {stem:?}"
        );
    }
});
