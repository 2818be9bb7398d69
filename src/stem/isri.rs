//! The ISRI Arabic root stemmer (Taghva, Elkhoury & Coombs, "Arabic stemming without a root
//! dictionary", ITCC 2005), exactly as NLTK's `ISRIStemmer` implements it, so that results match
//! NLTK character for character. Lengths and positions count code points, as Python's do.
//!
//! The stop-word list below is NLTK's (Apache License 2.0, © NLTK Project): ISRI returns these
//! words unchanged, so reproducing NLTK's output needs exactly this list.

use std::sync::OnceLock;

const STOP_WORDS: [&str; 49] = [
    "يكون",
    "وليس",
    "وكان",
    "كذلك",
    "التي",
    "وبين",
    "عليها",
    "مساء",
    "الذي",
    "وكانت",
    "ولكن",
    "والتي",
    "تكون",
    "اليوم",
    "اللذين",
    "عليه",
    "كانت",
    "لذلك",
    "أمام",
    "هناك",
    "منها",
    "مازال",
    "لازال",
    "لايزال",
    "مايزال",
    "اصبح",
    "أصبح",
    "أمسى",
    "امسى",
    "أضحى",
    "اضحى",
    "مابرح",
    "مافتئ",
    "ماانفك",
    "لاسيما",
    "ولايزال",
    "الحالي",
    "اليها",
    "الذين",
    "فانه",
    "والذي",
    "وهذا",
    "لهذا",
    "فكان",
    "ستكون",
    "اليه",
    "يمكن",
    "بهذا",
    "الذى",
];

/// Three- and two-letter prefixes (كال بال ولل وال; ال لل), tried in this order.
const P3: [[char; 3]; 4] = [
    ['ك', 'ا', 'ل'],
    ['ب', 'ا', 'ل'],
    ['و', 'ل', 'ل'],
    ['و', 'ا', 'ل'],
];
const P2: [[char; 2]; 2] = [['ا', 'ل'], ['ل', 'ل']];
/// One-letter prefixes.
const P1: [char; 9] = ['ل', 'ب', 'ف', 'س', 'و', 'ي', 'ت', 'ن', 'ا'];
/// Three-, two- and one-letter suffixes, tried in this order.
const S3: [[char; 3]; 5] = [
    ['ت', 'م', 'ل'],
    ['ه', 'م', 'ل'],
    ['ت', 'ا', 'ن'],
    ['ت', 'ي', 'ن'],
    ['ك', 'م', 'ل'],
];
const S2: [[char; 2]; 16] = [
    ['و', 'ن'],
    ['ا', 'ت'],
    ['ا', 'ن'],
    ['ي', 'ن'],
    ['ت', 'ن'],
    ['ك', 'م'],
    ['ه', 'ن'],
    ['ن', 'ا'],
    ['ي', 'ا'],
    ['ه', 'ا'],
    ['ت', 'م'],
    ['ك', 'ن'],
    ['ن', 'ي'],
    ['و', 'ا'],
    ['م', 'ا'],
    ['ه', 'م'],
];
const S1: [char; 7] = ['ة', 'ه', 'ي', 'ك', 'ت', 'ا', 'ن'];

/// The ISRI stem (usually the root) of a word's characters, rewritten in place (no allocation).
pub fn stem_in_place(w: &mut Vec<char>) {
    // Short vowels (U+064B–U+0652) go first; stop words then stay as they are.
    w.retain(|c| !('\u{064B}'..='\u{0652}').contains(c));
    if stop_words().iter().any(|s| s.as_slice() == w.as_slice()) {
        return;
    }
    pre32(w);
    suf32(w);
    // A connective و before a word that starts with و.
    if w.len() >= 4 && w[0] == 'و' && w[1] == 'و' {
        w.remove(0);
    }
    // An initial alef with hamza or madda becomes a bare alef.
    if matches!(w.first(), Some('آ' | 'أ' | 'إ')) {
        w[0] = 'ا';
    }
    match w.len() {
        4 => pro_w4(w),
        5 => {
            pro_w53(w);
            end_w5(w);
        }
        6 => {
            pro_w6(w);
            end_w6(w);
        }
        7 => {
            suf1(w);
            if w.len() == 7 {
                pre1(w);
            }
            if w.len() == 6 {
                pro_w6(w);
                end_w6(w);
            }
        }
        _ => {}
    }
}

/// The stop words as characters, built once.
fn stop_words() -> &'static [Vec<char>] {
    static WORDS: OnceLock<Vec<Vec<char>>> = OnceLock::new();
    WORDS.get_or_init(|| STOP_WORDS.iter().map(|w| w.chars().collect()).collect())
}

/// Keeps the letters at the given positions, in order.
fn pick(w: &mut Vec<char>, at: &[usize]) {
    let mut kept = ['\0'; 4];
    for (k, &i) in kept.iter_mut().zip(at) {
        *k = w[i];
    }
    w.clear();
    w.extend_from_slice(&kept[..at.len()]);
}

fn strip_prefix(w: &mut Vec<char>, n: usize) {
    w.drain(..n);
}

fn strip_suffix(w: &mut Vec<char>, n: usize) {
    w.truncate(w.len() - n);
}

fn pre32(w: &mut Vec<char>) {
    if w.len() >= 6 && P3.iter().any(|p| w.starts_with(p)) {
        strip_prefix(w, 3);
    } else if w.len() >= 5 && P2.iter().any(|p| w.starts_with(p)) {
        strip_prefix(w, 2);
    }
}

fn suf32(w: &mut Vec<char>) {
    if w.len() >= 6 && S3.iter().any(|s| w.ends_with(s)) {
        strip_suffix(w, 3);
    } else if w.len() >= 5 && S2.iter().any(|s| w.ends_with(s)) {
        strip_suffix(w, 2);
    }
}

fn suf1(w: &mut Vec<char>) {
    if w.last().is_some_and(|c| S1.contains(c)) {
        strip_suffix(w, 1);
    }
}

fn pre1(w: &mut Vec<char>) {
    if w.first().is_some_and(|c| P1.contains(c)) {
        strip_prefix(w, 1);
    }
}

/// Length-four patterns → three-letter roots.
fn pro_w4(w: &mut Vec<char>) {
    if w[0] == 'م' {
        pick(w, &[1, 2, 3]); // مفعل
    } else if w[1] == 'ا' {
        pick(w, &[0, 2, 3]); // فاعل
    } else if matches!(w[2], 'ا' | 'و' | 'ي') {
        pick(w, &[0, 1, 3]); // فعال فعول فعيل
    } else if w[3] == 'ة' {
        pick(w, &[0, 1, 2]); // فعلة
    } else {
        suf1(w);
        if w.len() == 4 {
            pre1(w);
        }
    }
}

/// Length-five patterns → three-letter roots.
fn pro_w53(w: &mut Vec<char>) {
    let is = |i: usize, set: &[char]| set.contains(&w[i]);
    let at: &[usize] = if is(2, &['ا', 'ت']) && w[0] == 'ا' {
        &[1, 3, 4] // افتعل افاعل
    } else if is(3, &['ا', 'ي', 'و']) && w[0] == 'م' {
        &[1, 2, 4] // مفعول مفعال مفعيل
    } else if is(0, &['ا', 'ت', 'م']) && w[4] == 'ة' {
        &[1, 2, 3] // مفعلة تفعلة افعلة
    } else if (is(0, &['م', 'ي', 'ت']) && w[2] == 'ت') || (is(0, &['م', 'ت']) && w[2] == 'ا')
    {
        &[1, 3, 4] // مفتعل يفتعل تفتعل; مفاعل تفاعل
    } else if is(2, &['ا', 'و']) && w[4] == 'ة' {
        &[0, 1, 3] // فعولة فعالة
    } else if is(0, &['ا', 'م']) && w[1] == 'ن' {
        &[2, 3, 4] // انفعل منفعل
    } else if w[3] == 'ا' && w[0] == 'ا' {
        &[1, 2, 4] // افعال
    } else if w[4] == 'ن' && w[3] == 'ا' {
        &[0, 1, 2] // فعلان
    } else if w[3] == 'ي' && w[0] == 'ت' {
        &[1, 2, 4] // تفعيل
    } else if w[3] == 'و' && w[1] == 'ا' {
        &[0, 2, 4] // فاعول
    } else if w[2] == 'ا' && w[1] == 'و' {
        &[0, 3, 4] // فواعل
    } else if w[3] == 'ئ' && w[2] == 'ا' {
        &[0, 1, 4] // فعائل
    } else if w[4] == 'ة' && w[1] == 'ا' {
        &[0, 2, 3] // فاعلة
    } else if w[4] == 'ي' && w[2] == 'ا' {
        &[0, 1, 3] // فعالي
    } else {
        suf1(w);
        if w.len() == 5 {
            pre1(w);
        }
        return;
    };
    pick(w, at);
}

/// Length-five patterns → four-letter roots.
fn pro_w54(w: &mut Vec<char>) {
    if matches!(w[0], 'ا' | 'ت' | 'م') {
        strip_prefix(w, 1); // تفعلل افعلل مفعلل
    } else if w[4] == 'ة' {
        strip_suffix(w, 1); // فعللة
    } else if w[2] == 'ا' {
        pick(w, &[0, 1, 3, 4]); // فعالل
    }
}

fn end_w5(w: &mut Vec<char>) {
    match w.len() {
        4 => pro_w4(w),
        5 => pro_w54(w),
        _ => {}
    }
}

/// Length-six patterns → three-letter roots.
fn pro_w6(w: &mut Vec<char>) {
    if w.starts_with(&['ا', 'س', 'ت']) || w.starts_with(&['م', 'س', 'ت']) {
        strip_prefix(w, 3); // مستفعل استفعل
    } else if w[0] == 'م' && w[3] == 'ا' && w[5] == 'ة' {
        pick(w, &[1, 2, 4]); // مفعالة
    } else if w[0] == 'ا' && w[2] == 'ت' && w[4] == 'ا' {
        pick(w, &[1, 3, 5]); // افتعال
    } else if w[0] == 'ا' && w[3] == 'و' && w[2] == w[4] {
        pick(w, &[1, 4, 5]); // افعوعل
    } else if w[0] == 'ت' && w[2] == 'ا' && w[4] == 'ي' {
        pick(w, &[1, 3, 5]); // تفاعيل
    } else {
        suf1(w);
        if w.len() == 6 {
            pre1(w);
        }
    }
}

/// Length-six patterns → four-letter roots.
fn pro_w64(w: &mut Vec<char>) {
    if w[0] == 'ا' && w[4] == 'ا' {
        pick(w, &[1, 2, 3, 5]); // افعلال
    } else if w.starts_with(&['م', 'ت']) {
        strip_prefix(w, 2); // متفعلل
    }
}

fn end_w6(w: &mut Vec<char>) {
    match w.len() {
        5 => {
            pro_w53(w);
            end_w5(w);
        }
        6 => pro_w64(w),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::stem::Method;

    fn stem(word: &str) -> String {
        Method::Isri.stem(word)
    }

    #[test]
    fn roots_of_common_patterns() {
        for (word, root) in [
            ("مكتبة", "كتب"),     // مفعلة
            ("كاتب", "كتب"),      // فاعل
            ("مكتوب", "كتب"),     // مفعول
            ("استخدام", "خدم"),   // seven letters: ا, س and ت come off, then فعال
            ("المدرسة", "درس"),   // ال + مفعلة
            ("والمعلمون", "علم"), // وال + ون + مفعل
            ("يكتبون", "كتب"),    // ون, then prefix ي
            ("انتخابات", "نخب"),  // ات, then افتعال
        ] {
            assert_eq!(stem(word), root, "{word}");
        }
    }

    #[test]
    fn diacritics_go_and_stop_words_stay() {
        assert_eq!(stem("كَتَبَ"), "كتب");
        assert_eq!(stem("الَّذِي"), "الذي");
        assert_eq!(stem("أصبح"), "أصبح");
        assert_eq!(stem(""), "");
        assert_eq!(stem("BBC"), "BBC");
    }

    #[test]
    fn initial_hamza_becomes_alef() {
        assert_eq!(stem("أكل"), "اكل");
        assert_eq!(stem("إسلام"), "سلم");
    }
}
