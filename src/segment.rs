//! Light, rule-based clitic segmentation: a word's proclitics, stem and enclitic.
//!
//! Rules, applied once each, left to right, on the word's letters (diacritics and tatweel are
//! ignored when matching and stay in the piece of the letter they follow):
//!
//! 1. Conjunction: و, or ف before the article, a function word or the future prefix
//!    (فالحكومة، فقد، فسيكتبون): in news, most other words that begin with ف own it (فريق، فترة).
//! 2. Preposition: ب or ل, or ك before the article only (many more words begin with a ك of
//!    their own, كتاب كبير كلمة, than with the preposition ك on an indefinite noun). ب and ك
//!    take the article as a second piece (بال, كال → ب+ ال+); ل with the article is spelled
//!    لل and comes out as one piece `لل+`, since its alef is not written.
//! 3. Article: ال (also after a conjunction alone: وال → و+ ال+).
//! 4. Enclitic: one pronoun suffix, longest first: هما كما هم هن ها كم كن نا ه ك. Never after
//!    the article (a definite noun takes no possessive pronoun). Not ي: in news nearly every
//!    word-final ي is a nisba adjective, a root letter or a name (دولي، يأتي، خاشقجي), none of the
//!    ي-final words among the 3,000 most frequent of ANT news was "my".
//!
//! A proclitic is stripped only if what follows it still holds a stem of at least `min_stem`
//! letters once any pronoun suffix is taken off its end, or is one of the function words that
//! may follow a conjunction or preposition (هو، في، له، ذلك ...). A remainder that starts with ال
//! must take the article itself, so والد and بالغ are not split; one that starts with a bare alef
//! must look like a hamzat al-wasl word (باستخدام but not لاعبا); ب is not stripped before ي
//! (a preposition takes a noun, and imperfect verbs start with ي: بيانات، بيونغ). An enclitic is stripped only if
//! `min_stem` letters remain. Words of [`STEMS`] (content words that begin with a proclitic
//! letter or end in a pronoun's letters) keep those letters, and [`FUNCTION_WORDS`] stay whole.
//!
//! Words with a character that is not an Arabic letter (U+0621–U+063A, U+0641–U+064A), a
//! diacritic (U+064B–U+065F, U+0670) or tatweel come back whole, as do words without letters.

/// The default minimum stem length, in letters.
pub const DEFAULT_MIN_STEM: usize = 3;

/// What a piece of a word is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Proclitic,
    Stem,
    Enclitic,
}

/// A piece of a word: its kind and its character range in the word (marks included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Pronoun suffixes, longest first.
const ENCLITICS: [&str; 10] = ["هما", "كما", "هم", "هن", "ها", "كم", "كن", "نا", "ه", "ك"];

/// Short function words that may follow a proclitic (وهو، فقد، ولها، لذلك) and are never split
/// themselves, whatever their length.
#[rustfmt::skip]
pub const FUNCTION_WORDS: &[&str] = &[
    // pronouns
    "هو", "هي", "هم", "هما", "هن", "أنا", "نحن", "أنت", "أنتم",
    // particles and prepositions
    "ما", "من", "لا", "لم", "لن", "قد", "أن", "إن", "أو", "في", "عن", "مع", "كل", "كما", "لو",
    "إذا", "إذ", "ثم", "أي", "بل", "منذ", "عند", "لدى", "حتى", "على", "إلى", "مثل",
    // demonstratives
    "هذا", "هذه", "ذلك", "تلك", "هنا", "هناك", "هؤلاء", "أولئك",
    // prepositions with a pronoun, kept whole (the stem would be too short to stand alone)
    "له", "لها", "لهم", "لهما", "لنا", "لي", "لك", "لكم", "به", "بها", "بهم", "بي", "بنا",
    "فيه", "فيها", "فيهم", "منه", "منها", "منهم", "منا", "عنه", "عنها", "عنهم", "معه", "معها",
    "معهم", "أنه", "أنها", "أنهم", "إنه", "إنها", "إنهم", "لديه", "لديها", "لديهم", "لدينا",
    // the same, spelled without hamza as is common online (وانا، وان، والى)
    "انا", "انت", "انتم", "ان", "او", "اذا", "اذ", "اي", "الى", "انه", "انها", "انهم",
    // relative pronouns: their ال is not the article
    "الذي", "التي", "الذين", "اللذان", "اللتان", "اللذين", "اللتين", "اللواتي", "اللاتي",
    "اللائي",
    // compounds written as one word
    "فيما", "فقط", "بعدما", "كذلك", "لكن", "لكي", "كي", "بينما", "عندما", "حينما", "كلما",
    "أيضا", "الآن",
];

/// Content words (and a few function words) that begin with و ف ب ك ل or ال, or end in a
/// pronoun's letters, as part of their stem; common enough in news that the length rule alone
/// would split them wrongly. They may still take proclitics (ووزير) and, if they end in none,
/// an enclitic (وزيرها).
#[rustfmt::skip]
pub const STEMS: &[&str] = &[
    // و
    "وزير", "وزيرة", "وزراء", "وزارة", "ولاية", "ولايات", "وكالة", "وسائل", "واشنطن", "وطني",
    "وطنية", "واحد", "واحدة", "وجود", "وفق", "وفقا", "وسط", "وضع", "وقت", "ولي", "والد",
    "والدة", "وراء", "وصول", "وصل", "وصلت", "وقع", "وقعت", "وقوع", "وفاة", "وحدة", "وحدات",
    "وجهة",
    // ف
    "فريق", "فرنسا", "فرنسي", "فرنسية", "فلسطين", "فلسطيني", "فلسطينية", "فترة", "فيلم",
    "فيسبوك", "فوز", "فكرة",
    // ب
    "بين", "بعد", "بيان", "بلاد", "بلد", "بريطانيا", "برنامج", "بطولة", "برشلونة", "باريس",
    "بنك", "بغداد", "بوتين", "بشار", "بداية", "بدأ", "بدأت", "بناء", "بلغ", "بلغت", "بدلا",
    "بعيد", "بعيدا", "بلدة", "بعثة", "برامج", "برلين", "بكين", "بلجيكا", "بروكسل", "بومبيو",
    "بوابة",
    // ك
    "كان", "كانت", "كانوا", "كأس", "كرة", "كبير", "كبيرة", "كثير", "كثيرا", "كيم", "كوريا",
    "كلمة", "كيف", "كلية",
    // ل
    "لبنان", "لجنة", "لاعب", "لاعبي", "لاعبين", "لقاء", "لقب", "ليبيا", "لندن", "ليفربول",
    "ليس", "ليست", "لحظة",
    // ال that is not the article
    "الله", "اللهم", "ألف",
    // ending in a pronoun's letters
    "اتجاه", "تجاه", "مياه", "انتباه", "جنيه", "توجه", "توجيه", "يواجه", "تواجه", "واجه",
    "اتهم", "يشتبه", "عبدالله", "أحيانا", "بيانا", "يمكن", "يتمكن", "أماكن", "ملك", "مالك",
    "يملك", "شريك", "شارك", "يشارك", "تشارك", "مشترك", "معارك", "نيويورك", "آنذاك", "أوبك",
    "مايك", "مارك", "شباك", "مبارك",
];

fn is_mark(c: char) -> bool {
    matches!(c, '\u{0640}' | '\u{064B}'..='\u{065F}' | '\u{0670}')
}

fn is_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

fn eq(r: &[char], s: &str) -> bool {
    r.iter().copied().eq(s.chars())
}

fn starts(r: &[char], s: &str) -> bool {
    let n = s.chars().count();
    r.len() >= n && eq(&r[..n], s)
}

fn ends(r: &[char], s: &str) -> bool {
    let n = s.chars().count();
    r.len() >= n && eq(&r[r.len() - n..], s)
}

/// Length of the longest pronoun suffix `r` ends with (0 for none).
fn enclitic_len(r: &[char]) -> usize {
    ENCLITICS
        .iter()
        .find(|e| ends(r, e))
        .map_or(0, |e| e.chars().count())
}

/// How a listed word splits: `Some((stem letters, enclitic letters))` when `r` is a function
/// word (whole), a listed stem, or a listed stem plus one pronoun suffix.
fn listed(r: &[char]) -> Option<(usize, usize)> {
    if FUNCTION_WORDS.iter().any(|w| eq(r, w)) || STEMS.iter().any(|w| eq(r, w)) {
        return Some((r.len(), 0));
    }
    let e = enclitic_len(r);
    if e > 0 && STEMS.iter().any(|w| eq(&r[..r.len() - e], w)) {
        return Some((r.len() - e, e));
    }
    None
}

/// Can `r` (starting with ال) lose the article? Only if `min` letters remain.
fn article_ok(r: &[char], min: usize) -> bool {
    starts(r, "ال") && r.len() - 2 >= min && listed(r).is_none()
}

/// Can the letters `r` stand after a stripped proclitic?
fn rest_ok(r: &[char], min: usize) -> bool {
    if listed(r).is_some() {
        return true;
    }
    if starts(r, "ال") {
        return article_ok(r, min);
    }
    if r.first() == Some(&'ا') && !wasl(r) {
        return false;
    }
    r.len() - enclitic_len(r) >= min
}

/// Does `r` start with the future prefix س on an imperfect verb (سي ست سن سأ)?
fn future(r: &[char]) -> bool {
    r.first() == Some(&'س') && matches!(r.get(1), Some('ي' | 'ت' | 'ن' | 'أ'))
}

/// Does `r`, which starts with a bare alef, start like a word with hamzat al-wasl (the only
/// words that begin with a bare alef): verbal nouns and verbs of forms VII, VIII and X (انسحاب،
/// اتفاق، اجتماع، استخدام) and ابن، اسم، اثنان، امرأة?
fn wasl(r: &[char]) -> bool {
    r.get(1) == Some(&'ن')
        || r.get(1) == Some(&'ت')
        || r.get(2) == Some(&'ت')
        || ["ابن", "اسم", "اثن", "امر"].iter().any(|w| starts(r, w))
}

/// The pieces of `word`, in order, covering it exactly. `min_stem` below 1 counts as 1.
pub fn segment(word: &[char], min_stem: usize) -> Vec<Piece> {
    let whole = vec![Piece {
        kind: Kind::Stem,
        start: 0,
        end: word.len(),
    }];
    if word.iter().any(|&c| !is_letter(c) && !is_mark(c)) {
        return whole;
    }
    // Letters without marks, and where each letter's piece of the word starts.
    let mut letters = Vec::with_capacity(word.len());
    let mut starts_at = Vec::with_capacity(word.len() + 1);
    for (i, &c) in word.iter().enumerate() {
        if is_letter(c) {
            starts_at.push(if letters.is_empty() { 0 } else { i });
            letters.push(c);
        }
    }
    if letters.is_empty() {
        return whole;
    }
    starts_at.push(word.len());
    let min = min_stem.max(1);
    let l = &letters[..];
    let n = l.len();

    let mut clitics: Vec<(Kind, usize, usize)> = Vec::new(); // in letters
    let mut i = 0;
    let mut definite = false;
    let mut split = listed(l);
    let conj = match l[0] {
        'و' => rest_ok(&l[1..], min),
        'ف' => {
            listed(&l[1..]).is_some()
                || article_ok(&l[1..], min)
                || (future(&l[1..]) && rest_ok(&l[1..], min))
        }
        _ => false,
    };
    if split.is_none() && conj {
        clitics.push((Kind::Proclitic, 0, 1));
        i = 1;
        split = listed(&l[i..]);
    }
    if split.is_none() && i < n {
        let r = &l[i..];
        if starts(r, "لل") {
            if r.len() - 2 >= min && listed(&r[2..]).is_none() {
                clitics.push((Kind::Proclitic, i, i + 2));
                i += 2;
                definite = true;
            }
        } else if matches!(r[0], 'ب' | 'ك' | 'ل') {
            if article_ok(&r[1..], min) {
                clitics.push((Kind::Proclitic, i, i + 1));
                clitics.push((Kind::Proclitic, i + 1, i + 3));
                i += 3;
                definite = true;
            } else if (r[0] == 'ل' || (r[0] == 'ب' && r.get(1) != Some(&'ي')))
                && rest_ok(&r[1..], min)
            {
                clitics.push((Kind::Proclitic, i, i + 1));
                i += 1;
                split = listed(&l[i..]);
            }
        }
    }
    if split.is_none() && !definite && article_ok(&l[i..], min) {
        clitics.push((Kind::Proclitic, i, i + 2));
        i += 2;
        definite = true;
    }
    let (stem, enclitic) = match split {
        Some(s) => s,
        None if definite => (n - i, 0),
        None => {
            let e = enclitic_len(&l[i..]);
            if e > 0 && n - i - e >= min {
                (n - i - e, e)
            } else {
                (n - i, 0)
            }
        }
    };
    clitics.push((Kind::Stem, i, i + stem));
    if enclitic > 0 {
        clitics.push((Kind::Enclitic, i + stem, n));
    }
    clitics
        .into_iter()
        .map(|(kind, a, b)| Piece {
            kind,
            start: starts_at[a],
            end: starts_at[b],
        })
        .collect()
}

/// The pieces of `word` as strings, with `+` on the clitics' joining side (`و+`, `ال+`, `+ها`).
pub fn segment_str(word: &str, min_stem: usize) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    segment(&chars, min_stem)
        .into_iter()
        .map(|p| render(&chars, p))
        .collect()
}

/// A piece as text, with its `+` marker.
pub fn render(word: &[char], p: Piece) -> String {
    let text: String = word[p.start..p.end].iter().collect();
    match p.kind {
        Kind::Proclitic => text + "+",
        Kind::Stem => text,
        Kind::Enclitic => format!("+{text}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(word: &str) -> Vec<String> {
        segment_str(word, DEFAULT_MIN_STEM)
    }

    fn check(cases: &[(&str, &[&str])]) {
        for (word, pieces) in cases {
            assert_eq!(seg(word), *pieces, "{word}");
        }
    }

    #[test]
    fn proclitics_in_grammar_order() {
        check(&[
            ("وبالمدرسة", &["و+", "ب+", "ال+", "مدرسة"]),
            ("والمعلمون", &["و+", "ال+", "معلمون"]),
            ("فالحكومة", &["ف+", "ال+", "حكومة"]),
            ("كالمعتاد", &["ك+", "ال+", "معتاد"]),
            ("للمدرسة", &["لل+", "مدرسة"]),
            ("وللمرة", &["و+", "لل+", "مرة"]),
            ("بسبب", &["ب+", "سبب"]),
            ("لتحقيق", &["ل+", "تحقيق"]),
            ("وبحسب", &["و+", "ب+", "حسب"]),
            ("وقال", &["و+", "قال"]),
            ("باستخدام", &["ب+", "استخدام"]),
        ]);
    }

    #[test]
    fn enclitics_longest_first() {
        check(&[
            ("كتابها", &["كتاب", "+ها"]),
            ("كتابه", &["كتاب", "+ه"]),
            ("بلاده", &["بلاد", "+ه"]),
            ("بينهما", &["بين", "+هما"]),
            ("بعضهم", &["بعض", "+هم"]),
            ("يمكنكم", &["يمكن", "+كم"]),
            ("لكننا", &["لكن", "+نا"]),
            ("فسيكتبونها", &["ف+", "سيكتبون", "+ها"]),
            ("ولكنه", &["و+", "لكن", "+ه"]),
            ("وزيرها", &["وزير", "+ها"]),
        ]);
    }

    #[test]
    fn short_words_and_listed_words_stay_whole() {
        for word in [
            "وجه",
            "ولد",
            "بلد",
            "كلم",
            "فلان",
            "والد",
            "الله",
            "لله",
            "الذي",
            "التي",
            "بين",
            "بعد",
            "لكن",
            "كان",
            "وزير",
            "وقت",
            "ولاية",
            "فيه",
            "له",
            "منها",
            "هناك",
            "فقط",
            "كتاب",
            "كبير",
            "بالغ",
            "لاعبا",
            "واسعة",
            "فرنسا",
            "الآن",
            "عربي",
            "دوري",
            "بيانات",
        ] {
            assert_eq!(seg(word), [word], "{word}");
        }
    }

    #[test]
    fn function_words_after_a_conjunction() {
        check(&[
            ("وهو", &["و+", "هو"]),
            ("فقد", &["ف+", "قد"]),
            ("ولها", &["و+", "لها"]),
            ("لذلك", &["ل+", "ذلك"]),
            ("والتي", &["و+", "التي"]),
            ("والله", &["و+", "الله"]),
            ("ووزير", &["و+", "وزير"]),
        ]);
    }

    #[test]
    fn no_enclitic_on_a_definite_noun() {
        check(&[("الماضي", &["ال+", "ماضي"]), ("الجيشه", &["ال+", "جيشه"])]);
    }

    #[test]
    fn min_stem() {
        assert_eq!(segment_str("ولد", 2), ["و+", "لد"]);
        assert_eq!(segment_str("كتابه", 5), ["كتابه"]);
        assert_eq!(segment_str("والمدرسة", 5), ["و+", "ال+", "مدرسة"]);
        assert_eq!(segment_str("والمدرسة", 6), ["والمدرسة"]);
        assert_eq!(segment_str("به", 0), segment_str("به", 1));
    }

    #[test]
    fn diacritics_stay_with_their_letter() {
        check(&[
            ("وَبِالْمَدْرَسَةِ", &["وَ+", "بِ+", "الْ+", "مَدْرَسَةِ"]),
            ("كِتَابُهَا", &["كِتَابُ", "+هَا"]),
            ("ـوالمدرسة", &["ـو+", "ال+", "مدرسة"]),
            ("والـمدرسة", &["و+", "الـ+", "مدرسة"]),
        ]);
    }

    #[test]
    fn non_arabic_words_come_back_whole() {
        for word in ["", "BBC", "و2", "بالـ", "والكتابX", "ﻻ", "\u{064E}"] {
            assert_eq!(seg(word), [word], "{word}");
        }
    }

    #[test]
    fn pieces_cover_the_word() {
        for word in ["وبالمدرسة", "كِتَابُهَا", "فسيكتبونها", "للمدرسة", "x"]
        {
            let chars: Vec<char> = word.chars().collect();
            let pieces = segment(&chars, DEFAULT_MIN_STEM);
            assert_eq!(pieces[0].start, 0);
            assert_eq!(pieces.last().unwrap().end, chars.len());
            assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        }
    }
}
