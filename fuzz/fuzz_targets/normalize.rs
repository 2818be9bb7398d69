//! Every preset on arbitrary text, through both entry points (UTF-8 and code points): no panic,
//! the two agree, and normalizing again changes nothing.
#![no_main]

use std::sync::OnceLock;

use _kalima::{Normalizer, Preset};
use libfuzzer_sys::fuzz_target;

/// Built once: building a normalizer costs far more than running it on a short input.
fn normalizers() -> &'static [(Preset, Normalizer)] {
    static ALL: OnceLock<Vec<(Preset, Normalizer)>> = OnceLock::new();
    ALL.get_or_init(|| {
        Preset::ALL
            .into_iter()
            .map(|p| (p, Normalizer::from_preset(p)))
            .collect()
    })
}

fuzz_target!(|text: &str| {
    let units: Vec<u32> = text.chars().map(u32::from).collect();
    for (preset, n) in normalizers() {
        let once = n.normalize(text);
        let ucs4 = n.normalize_ucs4(&units);
        let ucs4: String = ucs4
            .as_slice(&units)
            .iter()
            .map(|&u| char::from_u32(u).expect("the normalizer writes only scalar values"))
            .collect();
        assert_eq!(once, ucs4, "{preset}: UTF-8 and code-point paths differ");
        // arclean is CAMeL Tools' map exactly, and that map is not idempotent (⁋ → ¶ → nothing);
        // html decodes one level, as html.unescape does: `&amp;quot;` gives `&quot;`, which a
        // second pass decodes again, so an output with an `&` may change.
        let escaped = n.options().html && once.contains('&');
        if *preset != Preset::Arclean && !escaped {
            assert_eq!(n.normalize(&once), once, "{preset}: not idempotent");
        }
        let (explained, changes) = n.explain(text);
        assert_eq!(explained, once, "{preset}: explain differs from normalize");
        // The changes alone turn the text into the output: what lies between them is unchanged.
        let chars: Vec<char> = text.chars().collect();
        let out: Vec<char> = explained.chars().collect();
        let (mut at, mut at_out) = (0, 0);
        for c in &changes {
            assert!(at <= c.orig.start && c.orig.start < c.orig.end, "{preset}: {c:?}");
            assert_eq!(c.orig.start - at, c.norm.start - at_out, "{preset}: {c:?}");
            assert_eq!(chars[at..c.orig.start], out[at_out..c.norm.start], "{preset}");
            (at, at_out) = (c.orig.end, c.norm.end);
        }
        assert_eq!(chars[at..], out[at_out..], "{preset}: after the last change");
    }
});
