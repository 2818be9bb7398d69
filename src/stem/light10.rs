//! light10 (Larkey, Ballesteros & Connell, "Light Stemming for Arabic Information Retrieval",
//! 2007), as Lucene's `ArabicNormalizer` followed by `ArabicStemmer` applies it:
//!
//! 1. Normalize: آ أ إ → ا, ى → ي, ة → ه; remove tatweel and the harakat U+064B–U+0652.
//! 2. Remove at most one prefix, the first of ال وال بال كال فال لل و that the word starts with,
//!    if at least two letters remain (three for و).
//! 3. Go through the suffixes ها ان ات ون ين يه ية ه ة ي once, in this order, removing each one
//!    the word ends with, as long as at least two letters remain.

const PREFIXES: [&[char]; 7] = [
    &['ا', 'ل'],
    &['و', 'ا', 'ل'],
    &['ب', 'ا', 'ل'],
    &['ك', 'ا', 'ل'],
    &['ف', 'ا', 'ل'],
    &['ل', 'ل'],
    &['و'],
];

const SUFFIXES: [&[char]; 10] = [
    &['ه', 'ا'],
    &['ا', 'ن'],
    &['ا', 'ت'],
    &['و', 'ن'],
    &['ي', 'ن'],
    &['ي', 'ه'],
    &['ي', 'ة'],
    &['ه'],
    &['ة'],
    &['ي'],
];

/// The light10 stem of a word's characters, rewritten in place.
pub fn stem_in_place(w: &mut Vec<char>) {
    w.retain(|&c| c != '\u{0640}' && !('\u{064B}'..='\u{0652}').contains(&c));
    for c in w.iter_mut() {
        *c = match *c {
            'آ' | 'أ' | 'إ' => 'ا',
            'ى' => 'ي',
            'ة' => 'ه',
            other => other,
        };
    }
    if let Some(prefix) = PREFIXES.iter().find(|p| {
        let keep = if p.len() == 1 { 3 } else { 2 };
        w.len() >= p.len() + keep && w.starts_with(p)
    }) {
        w.drain(..prefix.len());
    }
    for suffix in SUFFIXES {
        if w.len() >= suffix.len() + 2 && w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::stem::Method;

    fn stem(word: &str) -> String {
        Method::Light10.stem(word)
    }

    #[test]
    fn normalization() {
        assert_eq!(stem("أَحْمَد"), "احمد");
        assert_eq!(stem("إسلام"), "اسلام");
        assert_eq!(stem("آمن"), "امن");
        assert_eq!(stem("مستشفى"), "مستشف"); // ى → ي, then the suffix ي
        assert_eq!(stem("جميـــل"), "جميل");
    }

    #[test]
    fn each_prefix() {
        assert_eq!(stem("الكتاب"), "كتاب");
        assert_eq!(stem("والكتاب"), "كتاب");
        assert_eq!(stem("بالقلم"), "قلم");
        assert_eq!(stem("كالبحر"), "بحر");
        assert_eq!(stem("فالعلم"), "علم");
        assert_eq!(stem("للطلاب"), "طلاب");
        assert_eq!(stem("وكتب"), "كتب");
    }

    #[test]
    fn only_one_prefix_and_the_first_that_matches() {
        // وال, though later in the list than ال and و...
        assert_eq!(stem("والبيت"), "بيت");
        // ...and once و is removed nothing else is.
        assert_eq!(stem("ولكتاب"), "لكتاب");
    }

    #[test]
    fn prefix_length_conditions() {
        assert_eq!(stem("الم"), "الم"); // ال would leave one letter
        assert_eq!(stem("الشم"), "شم"); // two letters remain
        assert_eq!(stem("ولد"), "ولد"); // و needs three letters to remain
        assert_eq!(stem("وقلم"), "قلم");
    }

    #[test]
    fn each_suffix() {
        assert_eq!(stem("كتابها"), "كتاب");
        assert_eq!(stem("معلمان"), "معلم");
        assert_eq!(stem("معلمات"), "معلم");
        assert_eq!(stem("معلمون"), "معلم");
        assert_eq!(stem("معلمين"), "معلم");
        assert_eq!(stem("كتابيه"), "كتاب"); // يه
        assert_eq!(stem("كتابه"), "كتاب"); // ه
        assert_eq!(stem("مدرسة"), "مدرس"); // ة → ه, then ه
        assert_eq!(stem("كتابي"), "كتاب");
    }

    #[test]
    fn suffixes_chain_in_list_order() {
        // ها comes off, then ي, later in the list.
        assert_eq!(stem("اخباريها"), "اخبار");
        // ي comes before ها would: it is tried only once, and ها is earlier in the list.
        assert_eq!(stem("كتبهاي"), "كتبها");
        // A prefix and a suffix together.
        assert_eq!(stem("والمعلمين"), "معلم");
    }

    #[test]
    fn suffix_length_conditions() {
        assert_eq!(stem("فيه"), "في"); // ه leaves two letters
        assert_eq!(stem("به"), "به"); // would leave one
        assert_eq!(stem("هما"), "هما");
        assert_eq!(stem(""), "");
        assert_eq!(stem("BBC"), "BBC");
    }
}
