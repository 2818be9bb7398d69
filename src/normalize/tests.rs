use super::*;

fn with(options: NormalizeOptions) -> Normalizer {
    Normalizer::new(options)
}

fn only(f: impl FnOnce(&mut NormalizeOptions)) -> Normalizer {
    let mut o = NormalizeOptions::default();
    f(&mut o);
    with(o)
}

fn norm(n: &Normalizer, s: &str) -> String {
    n.normalize(s).into_owned()
}

fn ucs4(n: &Normalizer, s: &str) -> String {
    let units: Vec<u32> = s.chars().map(u32::from).collect();
    let out = n.normalize_ucs4(&units);
    out.as_slice(&units)
        .iter()
        .map(|&u| char::from_u32(u).unwrap())
        .collect()
}

#[test]
fn nothing_applies_borrows() {
    let n = Normalizer::from_preset(Preset::Search);
    assert!(matches!(
        n.normalize("كتب الولد"),
        Cow::Borrowed("كتب الولد")
    ));
    let camel = Normalizer::from_preset(Preset::Camel);
    let s = "العالم اليوم";
    assert!(matches!(camel.normalize(s), Cow::Borrowed(b) if std::ptr::eq(b, s)));
    let units: Vec<u32> = s.chars().map(u32::from).collect();
    assert_eq!(camel.normalize_ucs4(&units), Ucs4Output::Unchanged);
}

#[test]
fn trimming_alone_still_borrows() {
    let n = only(|o| o.whitespace = true);
    assert!(matches!(n.normalize("  سلام  "), Cow::Borrowed("سلام")));
}

#[test]
fn diacritics_all_and_harakat() {
    let all = only(|o| o.diacritics = Diacritics::All);
    let harakat = only(|o| o.diacritics = Diacritics::Harakat);
    // fatha, shadda, sukun, tanween, superscript alef
    assert_eq!(norm(&all, "كَتَبَ الطُّلّابُ هٰذا كِتابًا"), "كتب الطلاب هذا كتابا");
    assert_eq!(norm(&harakat, "كَتَبَ الطُّلّابُ هٰذا كِتابًا"), "كتب الطلاب هذا كتابا");
    // hamza above U+0654 and Quranic marks: only `All` removes them
    assert_eq!(norm(&all, "ا\u{0654}لرَّحِيمِ\u{06DA}"), "الرحيم");
    assert_eq!(
        norm(&harakat, "ا\u{0654}لرَّحِيمِ\u{06DA}"),
        "ا\u{0654}لرحيم\u{06DA}"
    );
    assert_eq!(norm(&all, "صلى\u{0610}"), "صلى");
}

#[test]
fn tatweel() {
    let n = only(|o| o.tatweel = true);
    assert_eq!(norm(&n, "العـــربية جميـل"), "العربية جميل");
}

#[test]
fn alef_common_and_all() {
    let common = only(|o| o.alef = Alef::Common);
    let all = only(|o| o.alef = Alef::All);
    assert_eq!(
        norm(&common, "أحمد إبراهيم آمن ٱلله ٲ"),
        "احمد ابراهيم امن الله ٲ"
    );
    assert_eq!(
        norm(&all, "أحمد إبراهيم آمن ٱلله ٲٳٵ"),
        "احمد ابراهيم امن الله ااا"
    );
}

#[test]
fn maksura_teh_marbuta() {
    let n = only(|o| {
        o.alef_maksura = true;
        o.teh_marbuta = true;
    });
    assert_eq!(
        norm(&n, "مصطفى في المدرسة الكبرى"),
        "مصطفي في المدرسه الكبري"
    );
}

#[test]
fn hamza_carrier_and_bare() {
    let carrier = only(|o| o.hamza = Hamza::Carrier);
    let bare = only(|o| o.hamza = Hamza::Bare);
    assert_eq!(norm(&carrier, "مسؤول رئيس سؤال"), "مسوول رييس سوال");
    assert_eq!(norm(&bare, "مسؤول مسئول شيئ"), "مسءول مسءول شيء");
}

#[test]
fn persian_letters() {
    let n = only(|o| o.persian = true);
    assert_eq!(norm(&n, "پزشکیان گفت چه ژاله"), "بزشكيان كفت جه زاله");
    assert_eq!(norm(&n, "بیزشکیان"), "بيزشكيان");
}

#[test]
fn digits_and_separators() {
    let n = only(|o| o.latin_digits = true);
    assert_eq!(norm(&n, "عام ٢٠٢٥ و۱۴۰۳"), "عام 2025 و1403");
    assert_eq!(norm(&n, "نسبة ١٢٫٥ و ١٬٠٠٠"), "نسبة 12.5 و 1,000");
    // a separator not between digits is left alone
    assert_eq!(norm(&n, "٫ ١٫ ٫١"), "٫ 1٫ ٫1");
    // a mark the pass deletes does not hide the digit after the separator (found by fuzzing:
    // the second pass used to turn the ٫ into a point)
    let search = Normalizer::from_preset(Preset::Search);
    assert_eq!(norm(&search, "٥٫\u{06E2}٥٪"), "5.5%");
}

#[test]
fn presentation_forms() {
    let n = only(|o| o.presentation_forms = true);
    assert_eq!(norm(&n, "\u{FEFB}\u{FEF7}\u{FEF9}\u{FEF5}"), "لالألإلآ");
    assert_eq!(norm(&n, "\u{FE8D}\u{FEDF}\u{FEE0}\u{FEEA}"), "الله");
    assert_eq!(norm(&n, "\u{FDF2}"), "الله");
    assert_eq!(norm(&n, "\u{FDFC}"), "ريال");
    assert_eq!(norm(&n, "\u{FDFD}"), "بسم الله الرحمن الرحيم");
    // outside the blocks nothing changes, even when NFKC would
    assert_eq!(norm(&n, "ﬁ ²"), "ﬁ ²");
}

#[test]
fn presentation_forms_then_letters() {
    let n = only(|o| {
        o.presentation_forms = true;
        o.alef = Alef::All;
    });
    assert_eq!(norm(&n, "\u{FEF7}"), "لا");
}

#[test]
fn punctuation() {
    let n = only(|o| o.latin_punctuation = true);
    assert_eq!(
        norm(&n, "«نعم»، قال؛ لماذا؟ ١٥٪"),
        "\"نعم\", قال; لماذا? ١٥%"
    );
    assert_eq!(
        norm(&n, "“نعم” و„لا‟ و‘ربما’ و‹أبدا› و‚كلا‛"),
        "\"نعم\" و\"لا\" و'ربما' و'أبدا' و'كلا'"
    );
}

#[test]
fn invisible_controls() {
    let n = only(|o| o.invisible = true);
    assert_eq!(
        norm(
            &n,
            "\u{200F}مرحبا\u{200E} بالعالم\u{061C}\u{FEFF}\u{2067}x\u{2069}"
        ),
        "مرحبا بالعالمx"
    );
    assert_eq!(norm(&n, "می\u{200C}خواهم"), "میخواهم");
    assert_eq!(norm(&n, "soft\u{00AD}ware"), "software");
    // ZWJ joins emoji; elsewhere it goes
    assert_eq!(
        norm(&n, "👨\u{200D}👩\u{200D}👧 ك\u{200D}ت"),
        "👨\u{200D}👩\u{200D}👧 كت"
    );
}

#[test]
fn whitespace_and_newlines() {
    let n = only(|o| o.whitespace = true);
    assert_eq!(
        norm(&n, "  قال\u{00A0}\u{00A0}الوزير\t\n اليوم  "),
        "قال الوزير اليوم"
    );
    let nl = only(|o| {
        o.whitespace = true;
        o.keep_newlines = true;
    });
    assert_eq!(
        norm(&nl, "سطر أول \r\n\n سطر ثان\u{2003}هنا"),
        "سطر أول\nسطر ثان هنا"
    );
}

#[test]
fn elongation() {
    let collapse = only(|o| o.elongation = Elongation::Collapse);
    assert_eq!(
        norm(&collapse, "جمييييل جداااا الله اللغة"),
        "جميل جدا الله اللغة"
    );
    // digits and Latin letters are never cut
    assert_eq!(norm(&collapse, "1000 www cooool"), "1000 www cooool");
    let two = only(|o| o.elongation = Elongation::Max(2));
    assert_eq!(norm(&two, "جمييييل الله"), "جمييل الله");
}

#[test]
fn elongation_sees_through_removed_tatweel() {
    let n = only(|o| {
        o.elongation = Elongation::Collapse;
        o.tatweel = true;
    });
    assert_eq!(norm(&n, "يـيـيـا"), "يا");
}

#[test]
fn lowercase() {
    let n = only(|o| o.lowercase = true);
    assert_eq!(norm(&n, "BBC عربي ÉTÉ"), "bbc عربي été");
    // Title-case letters too, as Python's str.lower; ϒ has no lower-case form and stays.
    assert_eq!(norm(&n, "ǅungla ϒ"), "ǆungla ϒ");
}

#[test]
fn unicode_forms() {
    let nfc = only(|o| o.unicode_form = UnicodeForm::Nfc);
    // decomposed alef + hamza above composes to أ
    assert_eq!(norm(&nfc, "ا\u{0654}حمد"), "أحمد");
    let nfkc = only(|o| o.unicode_form = UnicodeForm::Nfkc);
    assert_eq!(norm(&nfkc, "ﬁ ²"), "fi 2");
}

#[test]
fn arclean_preset() {
    let n = Normalizer::from_preset(Preset::Arclean);
    assert_eq!(norm(&n, "ٱلْعَرَبِيَّة ی ک ٫ 😀 \u{200C}x"), "العربية ى ك ,   x");
}

#[test]
fn camel_preset() {
    let n = Normalizer::from_preset(Preset::Camel);
    assert_eq!(norm(&n, "إِلَى المَدْرَسَةِ العـربية ٰ"), "الي المدرسه العـربيه ");
}

#[test]
fn light_preset_keeps_letters() {
    let n = Normalizer::from_preset(Preset::Light);
    assert_eq!(
        norm(&n, " إِلى\u{200F}  المدرسـة \u{FEFB} "),
        "إِلى المدرسة لا"
    );
}

#[test]
fn search_preset() {
    let n = Normalizer::from_preset(Preset::Search);
    assert_eq!(
        norm(
            &n,
            "قالَ الرئيسُ  بزشكيان: «إنّ مسؤولية الحكومـــة كبيرة جداااا» عام ٢٠٢٥، BBC"
        ),
        "قال الرءيس بزشكيان: \"ان مسءوليه الحكومه كبيره جدا\" عام 2025, bbc"
    );
    assert_eq!(norm(&n, "بیزشکیان"), "بيزشكيان");
}

#[test]
fn ucs4_matches_utf8() {
    for preset in Preset::ALL {
        let n = Normalizer::from_preset(preset);
        for s in [
            "",
            "   ",
            "قالَ الرئيسُ  بزشكيان: «إنّ مسؤولية» ٢٠٢٥ \u{FEFB}",
            "جمييييل  \u{200F}x ﬁ ٫١",
            "e\u{200D}\u{0301}",
        ] {
            assert_eq!(ucs4(&n, s), norm(&n, s), "{preset} {s:?}");
        }
    }
}

#[test]
fn surrogates_become_replacement_chars() {
    let n = Normalizer::from_preset(Preset::Camel);
    let units = [0x0643, 0xD800, 0x0629];
    let out = n.normalize_ucs4(&units);
    assert_eq!(out.as_slice(&units), &[0x0643, 0xFFFD, 0x0647]);
    assert_eq!(first_surrogate(&units), Some(1));
    assert_eq!(first_surrogate(&[0x41]), None);
}

#[test]
fn presets_are_idempotent_on_tricky_text() {
    let texts = [
        "e\u{200D}\u{0301} ا\u{200C}\u{0654}",
        "ييي\u{064E}ي  ١٫٫٢ \u{FDFD}",
        "\u{FB8E}\u{06CC} ـــ ؤ\u{0654}",
    ];
    for preset in Preset::ALL {
        let n = Normalizer::from_preset(preset);
        for t in texts {
            let once = norm(&n, t);
            assert_eq!(norm(&n, &once), once, "{preset} {t:?}");
        }
    }
}

#[test]
fn explain_reports_offsets_and_rules() {
    let n = Normalizer::from_preset(Preset::Search);
    let (out, changes) = n.explain("إنّ  جميييل");
    assert_eq!(out, "ان جميل");
    let summary: Vec<_> = changes.iter().map(Change::as_tuple).collect();
    assert_eq!(
        summary,
        vec![
            (0, 1, 0, 1, vec!["alef"]),
            (2, 3, 2, 2, vec!["diacritics"]),
            (4, 5, 3, 3, vec!["whitespace"]), // after the space that stays
            // the run of three ي keeps its first: the second and third are cut after it
            (8, 9, 6, 6, vec!["elongation"]),
            (9, 10, 6, 6, vec!["elongation"]),
        ]
    );
}

#[test]
fn explain_under_a_unicode_form_points_at_each_rewritten_piece() {
    let n = Normalizer::from_preset(Preset::Search);
    // A decomposed hamza (NFKC composes ا + ٔ into أ, then the alef rule folds it) and a
    // presentation-form ligature: each change covers its own characters, not the whole word.
    let (out, changes) = n.explain("سا\u{0654}ل ﻻ");
    assert_eq!(out, "سال لا");
    let summary: Vec<_> = changes.iter().map(Change::as_tuple).collect();
    assert_eq!(
        summary,
        vec![
            (1, 3, 1, 2, vec!["unicode_form", "alef"]),
            (5, 6, 4, 6, vec!["unicode_form"]),
        ]
    );
}

#[test]
fn explain_settles_a_unicode_form_like_normalize() {
    // Removing U+202A leaves x + diaeresis, which NFKC composes only in a second pass.
    let n = Normalizer::from_preset(Preset::Search);
    let text = "X\u{202A}\u{0308} z";
    let (out, changes) = n.explain(text);
    assert_eq!(out, n.normalize(text));
    assert_eq!(out, "\u{1E8D} z");
    let summary: Vec<_> = changes.iter().map(Change::as_tuple).collect();
    assert_eq!(
        summary,
        vec![(0, 3, 0, 1, vec!["unicode_form", "invisible", "lowercase"])]
    );
}

#[test]
fn both_passes_agree_on_mixed_text() {
    // Pseudo-random text over the characters the rules care about: the UCS-4 path (branch-free
    // where the options allow it) must match the UTF-8 path (always the general pass).
    let alphabet: Vec<char> =
        "اأإآٱٲىيةهؤئءکیپ٠١٫٬۴ًٌَُِّْٰـ \u{00A0}\u{200D}\u{200C}\u{FEFB}\u{FDFC}😀👨–“AbZ1"
            .chars()
            .chain(['\u{0654}', '\u{06D6}', '\u{0301}', 'ß', 'İ'])
            .collect();
    let mut state = 0x2545_F491_u32;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        state as usize
    };
    let texts: Vec<String> = (0..400)
        .map(|_| {
            (0..next() % 40)
                .map(|_| alphabet[next() % alphabet.len()])
                .collect()
        })
        .collect();
    let option_sets = [
        Preset::Camel.options(),
        Preset::Arclean.options(),
        NormalizeOptions {
            alef: Alef::All,
            latin_digits: true,
            invisible: true,
            presentation_forms: true,
            lowercase: true,
            ..Preset::Camel.options()
        },
        NormalizeOptions {
            persian: true,
            hamza: Hamza::Carrier,
            latin_punctuation: true,
            ..NormalizeOptions::default()
        },
    ];
    for options in option_sets {
        let n = with(options);
        for t in &texts {
            assert_eq!(ucs4(&n, t), norm(&n, t), "{options:?} {t:?}");
        }
    }
}

/// The general pass alone (no single pass), as `Ucs4Output`, before any settling.
fn general_ucs4(n: &Normalizer, units: &[u32]) -> Ucs4Output {
    let mut sink = CopySink::new(units);
    n.run(Ucs4::new(units), &mut sink);
    Ucs4Output::from_sink(units.len(), sink.finish())
}

fn units(s: &str) -> Vec<u32> {
    s.chars().map(u32::from).collect()
}

/// `s` under `n` on both paths, which must agree.
fn both(n: &Normalizer, s: &str) -> String {
    let out = norm(n, s);
    assert_eq!(ucs4(n, s), out, "{s:?}");
    out
}

/// Where the single pass takes `s`, its output (down to `Unchanged` / `Slice` / `Owned`) is the
/// general pass's; and it takes `s` exactly when `expect_single` says so.
fn single_agrees(n: &Normalizer, s: &[u32], expect_single: bool) {
    let single = n.single_pass(s, PassUcs4::new(s));
    assert_eq!(single.is_some(), expect_single, "{s:x?}");
    if let Some((copied, _)) = single {
        assert_eq!(
            Ucs4Output::from_sink(s.len(), copied),
            general_ucs4(n, s),
            "{s:x?}"
        );
    }
}

#[test]
fn single_pass_takes_the_common_text_and_leaves_the_rest() {
    let search = Normalizer::from_preset(Preset::Search);
    let light = with(NormalizeOptions {
        unicode_form: UnicodeForm::Nfkc,
        ..Preset::Light.options()
    });
    let taken = [
        "  كتب\u{00A0}\u{00A0}الولدُ  الدرسَ\n",
        "جمييييل جداً",
        "ممم",
        "كممم",
        "مَمَمَ",
        "هل — “نعم” …؟",
        "كتب\u{200F} \u{200B}الولد",
        "ABC abc",
    ];
    // `…` (NFKC: `...`) goes to the general pass, between the white space around it.
    for s in taken {
        single_agrees(&search, &units(s), true);
        single_agrees(&light, &units(s), true);
    }
    // The form would change these (composition, compatibility, canonical order), or the rule
    // looks at neighbours (٫, ZWJ) or expands (lam-alef under `light`): with no white space
    // around, the whole text goes to the general pass.
    let left = [
        "ا\u{0654}",
        "و\u{0654}ل",
        "ك\u{0651}\u{064E}",
        "٣٫٥",
        "👨\u{200D}👩",
    ];
    for s in left {
        single_agrees(&search, &units(s), false);
        // `light` leaves digits and their separators alone.
        single_agrees(&light, &units(s), s == "٣٫٥");
    }
    // With white space, only the stretches around them do.
    single_agrees(&search, &units("\u{FEE1} \u{FEB3}"), true);
    single_agrees(&light, &units("\u{FEE1} \u{FEB3}"), true);
    // Without a Unicode form, normalizers with context rules take it too; those without, not.
    let plain = Normalizer::from_preset(Preset::Light);
    single_agrees(&plain, &units("كتب  الولد"), true);
    single_agrees(&plain, &units("لا\u{200D}"), false);
    let arclean = Normalizer::from_preset(Preset::Arclean);
    single_agrees(&arclean, &units("كتب"), false);
}

#[test]
fn single_pass_keeps_slices_of_the_input() {
    let search = Normalizer::from_preset(Preset::Search);
    assert_eq!(
        search.normalize_ucs4(&units("  كتب ")),
        Ucs4Output::Slice(2..5)
    );
    assert_eq!(
        search.normalize_ucs4(&units("كممم")),
        Ucs4Output::Slice(0..2)
    );
    assert_eq!(
        search.normalize_ucs4(&units("   ")),
        Ucs4Output::Slice(0..0)
    );
    assert_eq!(
        search.normalize_ucs4(&units("كتب الولد")),
        Ucs4Output::Unchanged
    );
    // A non-breaking space becomes ' ': written, not kept.
    assert_eq!(
        search.normalize_ucs4(&units("كتب\u{00A0}الولد")),
        Ucs4Output::Owned(units("كتب الولد"))
    );
    assert!(matches!(
        search.normalize("كتب\u{00A0}"),
        Cow::Borrowed("كتب")
    ));
}

#[test]
fn single_pass_boundaries() {
    let search = Normalizer::from_preset(Preset::Search);
    let light = Normalizer::from_preset(Preset::Light);
    // White-space runs of every kind collapse to one space, ends trimmed.
    assert_eq!(
        both(&search, "\u{3000} كتب\u{00A0}\u{2003}\tالولد \u{200B}\n"),
        "كتب الولد"
    );
    assert_eq!(both(&light, "\n\nكتب \u{202F} الولد  "), "كتب الولد");
    // Removed characters at the start do not count as text before a space.
    assert_eq!(both(&search, "\u{0640}\u{064E} كتب"), "كتب");
    // Elongation counts output letters: marks and tatweel between them are removed first.
    assert_eq!(both(&search, "جمييييل"), "جميل");
    assert_eq!(both(&search, "مَمَمَ"), "م");
    assert_eq!(both(&search, "مـمـم"), "م");
    assert_eq!(both(&search, "ممَ"), "مم");
    // Folds happen before counting: أ إ ا are one letter to elongation.
    assert_eq!(both(&search, "أإا"), "ا");
    // A space ends a run.
    assert_eq!(both(&search, "مم مم"), "مم مم");
    // Composition under NFKC: hamza above joins its seat, then the hamza rule applies.
    assert_eq!(both(&search, "ا\u{0654}"), "ا");
    assert_eq!(both(&search, "و\u{0654}ل"), "ءل");
    assert_eq!(both(&search, "ي\u{0654}"), "ء");
    // Presentation forms next to spaces.
    assert_eq!(both(&search, " \u{FEE1}\u{00A0}\u{FEB3} "), "م س");
    assert_eq!(both(&light, " \u{FEE1}\u{00A0}\u{FEB3} "), "م س");
    assert_eq!(both(&light, "\u{FEFB} "), "لا");
    // Marks out of canonical order: NFKC reorders them, then they are removed.
    assert_eq!(both(&search, "ك\u{0651}\u{064E}تب"), "كتب");
    assert_eq!(
        both(
            &only(|o| o.unicode_form = UnicodeForm::Nfc),
            "ك\u{0651}\u{064E}"
        ),
        "ك\u{064E}\u{0651}"
    );
    // Number separators and ZWJ depend on their neighbours.
    assert_eq!(both(&search, "٣٫٥ و٣٬٥"), "3.5 و3,5");
    assert_eq!(both(&search, "ك\u{200D}ت 👨\u{200D}👩"), "كت 👨\u{200D}👩");
    // Characters above U+0800 the table does not hold: kept, removed, or left to the form.
    assert_eq!(both(&search, "نعم — “لا”\u{200F}"), "نعم — \"لا\"");
    assert_eq!(both(&search, "قال…"), "قال...");
    assert_eq!(both(&search, "Ὀδυσσεύς"), "ὀδυσσεύς");
    // Lone surrogates become U+FFFD.
    let n = search.normalize_ucs4(&[0x0643, 0xD800, 0x0628]);
    assert_eq!(n, Ucs4Output::Owned(vec![0x0643, 0xFFFD, 0x0628]));
    // Newlines kept where asked.
    let lines = only(|o| {
        o.whitespace = true;
        o.keep_newlines = true;
    });
    assert_eq!(both(&lines, "سطر \n\n سطر\u{2028}"), "سطر\nسطر");
    assert_eq!(
        lines.normalize_ucs4(&units("سطر\nسطر")),
        Ucs4Output::Unchanged
    );
}

#[test]
fn run_scan_boundaries() {
    let search = Normalizer::from_preset(Preset::Search);
    let v = |s: &str| search.normalize_ucs4(&units(s));
    // A run of unchanged letters and single spaces right before and after changed letters.
    assert_eq!(both(&search, "مدرسة جميلة"), "مدرسه جميله");
    assert_eq!(both(&search, "أكل إبراهيم"), "اكل ابراهيم");
    assert_eq!(
        v("ذهب الى البيت"),
        Ucs4Output::Owned(units("ذهب الي البيت"))
    );
    // One space inside a run is kept as it is; two, or any other space, end the run.
    assert_eq!(v("في البيت الكبير"), Ucs4Output::Unchanged);
    assert_eq!(both(&search, "في  البيت"), "في البيت");
    assert_eq!(both(&search, "في \u{00A0}البيت"), "في البيت");
    assert_eq!(v(" في البيت"), Ucs4Output::Slice(1..9));
    assert_eq!(v("في البيت "), Ucs4Output::Slice(0..8));
    assert_eq!(v("في البيت \u{200B}"), Ucs4Output::Slice(0..8));
    // A space before a removed mark, then a letter.
    assert_eq!(both(&search, "في \u{064E}بيت"), "في بيت");
    // A doubled letter stops a run; a third one is elongation.
    assert_eq!(v("الله أكبر"), Ucs4Output::Owned(units("الله اكبر")));
    assert_eq!(v("قال الله"), Ucs4Output::Unchanged);
    assert_eq!(both(&search, "اللله"), "اله");
    assert_eq!(both(&search, "كتاب ممممتع"), "كتاب متع");
    // Elongation counts across a changed letter, a run, and removed marks.
    assert_eq!(both(&search, "كلمةهه"), "كلمه");
    assert_eq!(both(&search, "كلمةه"), "كلمهه");
    assert_eq!(both(&search, "قل\u{064E}ل\u{064E}ل"), "قل");
    assert_eq!(both(&search, "قل\u{064E}ل"), "قلل");
    // Digits and Latin letters in a run; doubled digits are not elongation.
    assert_eq!(v("عام 2000 م"), Ucs4Output::Unchanged);
    assert_eq!(both(&search, "عام ٢٠٠٠ م"), "عام 2000 م");
    assert_eq!(both(&search, "Book كتاب"), "book كتاب");
    // A run ends at the end of the text, also after a letter that repeats.
    assert_eq!(v("كتب"), Ucs4Output::Unchanged);
    assert_eq!(v("ممم"), Ucs4Output::Slice(0..1));
    assert_eq!(v("كمم"), Ucs4Output::Unchanged);
    // A run next to a character the general pass must take (the form composes it).
    assert_eq!(both(&search, "في البيت ا\u{0654}"), "في البيت ا");
}

#[test]
fn run_scan_boundaries_light() {
    let light = Normalizer::from_preset(Preset::Light);
    let v = |s: &str| light.normalize_ucs4(&units(s));
    // Letters and marks stay; only tatweel, invisibles and white space change.
    assert_eq!(v("مَدرسةٌ جميلة"), Ucs4Output::Unchanged);
    assert_eq!(v(" في البيت "), Ucs4Output::Slice(1..9));
    assert_eq!(both(&light, "كتـــاب  جميل"), "كتاب جميل");
    assert_eq!(both(&light, "في\u{200B} البيت"), "في البيت");
    assert_eq!(both(&light, "في \u{200B}\tالبيت"), "في البيت");
    // No elongation rule: repeated letters are copied.
    assert_eq!(v("اللله مممم"), Ucs4Output::Unchanged);
    // Presentation forms next to a run; the lam-alef ligature expands.
    assert_eq!(both(&light, "قال \u{FEE1}ن"), "قال من");
    assert_eq!(both(&light, "\u{FEFB} بأس"), "لا بأس");
}

/// A character only the general pass takes hands it the stretch between the white space around
/// it; the single pass goes on after. Elongation and doubled spaces on both sides.
#[test]
fn single_pass_hands_stretches_to_the_general_pass() {
    let search = Normalizer::from_preset(Preset::Search);
    let cases = [
        // ٫ between digits.
        (
            "جميييل  سعره  ٣٫٥  دينار  كبيييير",
            "جميل سعره 3.5 دينار كبير",
        ),
        // A ZWJ emoji sequence.
        (
            "رائعععع  جدا  👨\u{200D}👩  هنا  طويييل",
            "راءع جدا 👨\u{200D}👩 هنا طويل",
        ),
        // ا + ٔ, which the form composes.
        ("قاللل  سا\u{0654}ل  عنه  كثييير", "قال سال عنه كثير"),
        // Marks out of canonical order.
        (
            "مرحبااا  بك\u{0651}\u{064E}م  في  بيتتتت",
            "مرحبا بكم في بيت",
        ),
    ];
    for (s, expected) in cases {
        assert_eq!(both(&search, s), expected, "{s:?}");
        assert_eq!(
            search.normalize_ucs4(&units(s)),
            Ucs4Output::Owned(units(expected)),
            "{s:?}"
        );
        single_agrees(&search, &units(s), true);
    }
    // A stretch the general pass leaves alone stays a slice of the input.
    let s = "  كتب  👨\u{200D}👩  الولد  ";
    assert_eq!(both(&search, s), "كتب 👨\u{200D}👩 الولد");
    assert_eq!(
        search.normalize_ucs4(&units(s)),
        Ucs4Output::Owned(units("كتب 👨\u{200D}👩 الولد"))
    );
    let s = "  كتب 👨\u{200D}👩 ٣٫٥ الولد  ";
    assert_eq!(both(&search, s), "كتب 👨\u{200D}👩 3.5 الولد");
    let s = "  كتب 👨\u{200D}👩 الولد  ";
    assert_eq!(search.normalize_ucs4(&units(s)), Ucs4Output::Slice(2..15));
    assert!(matches!(search.normalize(s), Cow::Borrowed(_)));
    let s = "كتب 👨\u{200D}👩 الولد";
    assert_eq!(search.normalize_ucs4(&units(s)), Ucs4Output::Unchanged);
    single_agrees(&search, &units(s), true);
}

#[test]
fn leading_invisible_characters_go_on_both_paths() {
    // Three-byte invisible characters before the first letter (a BOM opening a scraped file, a
    // zero-width space) are removed on the UTF-8 path exactly as on the code point path.
    for preset in [Preset::Light, Preset::Search] {
        let n = Normalizer::from_preset(preset);
        for (text, expected) in [
            (
                "\u{FEFF}أصدرت المحكمة",
                if preset == Preset::Light {
                    "أصدرت المحكمة"
                } else {
                    "اصدرت المحكمه"
                },
            ),
            ("\u{FEFF}abc", "abc"),
            ("\u{200B}كتب", "كتب"),
            ("\u{FEFF}", ""),
            ("كتب\u{200B}", "كتب"),
        ] {
            assert_eq!(norm(&n, text), expected, "{preset} {text:?}");
            assert_eq!(ucs4(&n, text), expected, "{preset} {text:?} (ucs4)");
        }
    }
}

#[test]
fn links_are_left_as_written() {
    let search = Normalizer::from_preset(Preset::Search);
    // Lower-casing and folding stop at a URL or an e-mail address; the text around changes.
    assert_eq!(
        both(&search, "شاهدوا  الفيديو: https://t.co/hrBeHbkBNu عبر BBC"),
        "شاهدوا الفيديو: https://t.co/hrBeHbkBNu عبر bbc"
    );
    assert_eq!(
        both(
            &search,
            "المصدر www.Aljazeera.net/ar/مقالة، وراسلونا Info@Moe.Gov.eg"
        ),
        "المصدر www.Aljazeera.net/ar/مقالة, وراسلونا Info@Moe.Gov.eg"
    );
    // A mention is no link: it is normalized like any word.
    assert_eq!(both(&search, "@Mo_Salah قالَ"), "@mo_salah قال");
    // Without the option (or where no link is), as before.
    let fold_all = with(NormalizeOptions {
        links: false,
        ..Preset::Search.options()
    });
    assert_eq!(both(&fold_all, "https://t.co/AbC"), "https://t.co/abc");
    // A private-use character in the text is not taken for a link's stand-in.
    assert_eq!(
        both(&search, "\u{E000} https://t.co/AbC \u{E000}Ab"),
        "\u{E000} https://t.co/AbC \u{E000}ab"
    );
    // explain reports no change inside the link, and offsets after it still line up.
    let (out, changes) = search.explain("Https://X.co/Ab قالَ");
    assert_eq!(out, "Https://X.co/Ab قال");
    let spans: Vec<_> = changes
        .iter()
        .map(|c| (c.orig.clone(), c.norm.clone()))
        .collect();
    assert_eq!(spans, [(19..20, 19..19)]);
}

#[test]
fn links_and_references_together() {
    let search = Normalizer::from_preset(Preset::Search);
    // References are decoded first: a link's &amp; is a & in the link kept as written.
    assert_eq!(
        both(&search, "&quot;الرابط&quot; https://Ex.com/?a=1&amp;B=2"),
        "\"الرابط\" https://Ex.com/?a=1&B=2"
    );
    let (out, changes) = search.explain("&quot;Ab https://Ex.com/?a=1&amp;B=2");
    assert_eq!(out, "\"ab https://Ex.com/?a=1&B=2");
    let spans: Vec<_> = changes
        .iter()
        .map(|c| (c.orig.clone(), c.norm.clone()))
        .collect();
    // A reference inside a link shows as one change over the whole link, as it reads now.
    assert_eq!(spans, [(0..6, 0..1), (6..7, 1..2), (9..36, 4..27)]);
}
