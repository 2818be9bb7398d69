//! Stemmers: functions from one word to its stem.

pub mod isri;
pub mod light10;
pub mod snowball;

/// The stemming algorithms kalima implements.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Method {
    /// NLTK's ISRI root stemmer, exactly.
    Isri,
    /// Larkey et al.'s light10, as Lucene's Arabic normalizer and stemmer apply it.
    Light10,
    /// The Snowball project's Arabic stemmer, exactly as the `snowballstemmer` package 3.1.1.
    Snowball,
}

impl Method {
    pub const ALL: [Method; 3] = [Method::Isri, Method::Light10, Method::Snowball];

    pub fn name(self) -> &'static str {
        match self {
            Method::Isri => "isri",
            Method::Light10 => "light10",
            Method::Snowball => "snowball",
        }
    }

    pub fn stem(self, word: &str) -> String {
        let mut chars: Vec<char> = word.chars().collect();
        self.stem_in_place(&mut chars);
        chars.into_iter().collect()
    }

    /// Stems a word given as characters, rewriting them in place.
    pub fn stem_in_place(self, word: &mut Vec<char>) {
        match self {
            Method::Isri => isri::stem_in_place(word),
            Method::Light10 => light10::stem_in_place(word),
            Method::Snowball => snowball::stem_in_place(word),
        }
    }
}
