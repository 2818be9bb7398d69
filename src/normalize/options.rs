//! The flat option set and the named presets.

use std::fmt;

/// Which combining marks `diacritics` removes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Diacritics {
    #[default]
    Keep,
    /// U+064B–U+0652 and U+0670 only (CAMeL Tools' `dediac_ar`).
    Harakat,
    /// Harakat, U+0653–U+065F, U+0670, U+0610–U+061A and U+06D6–U+06ED.
    All,
}

/// Which alef variants `alef` folds onto bare alef ا.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Alef {
    #[default]
    Keep,
    /// أ إ آ ٱ (CAMeL Tools' `normalize_alef_ar`).
    Common,
    /// أ إ آ ٱ ٲ ٳ ٵ.
    All,
}

/// What `hamza` does with hamza on a waw or yeh seat.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Hamza {
    #[default]
    Keep,
    /// ؤ → و, ئ → ي.
    Carrier,
    /// ؤ ئ → ء.
    Bare,
}

/// Letter elongation (جمييييل).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Elongation {
    #[default]
    Keep,
    /// A run of three or more identical Arabic letters becomes one letter.
    Collapse,
    /// Runs of identical Arabic letters longer than N are cut to N (N ≥ 1).
    Max(u32),
}

/// A Unicode normalization form applied before the character rules.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum UnicodeForm {
    #[default]
    None,
    Nfc,
    Nfkc,
}

/// Every normalization rule, as flat fields. `Default` turns every rule off.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[allow(clippy::struct_excessive_bools)] // one flag per rule is the point: each is tunable on its own
pub struct NormalizeOptions {
    /// HTML character references decoded first, as Python's `html.unescape` does.
    pub html: bool,
    /// URLs and e-mail addresses (as the `arabic` tokenizer finds them) left as written.
    pub links: bool,
    /// CAMeL Tools' `arclean` whitelist map (applied after presentation forms, before letter rules).
    pub arclean: bool,
    pub diacritics: Diacritics,
    /// Remove tatweel U+0640.
    pub tatweel: bool,
    pub alef: Alef,
    /// ى → ي.
    pub alef_maksura: bool,
    /// ة → ه.
    pub teh_marbuta: bool,
    pub hamza: Hamza,
    /// Persian/Urdu letters → base Arabic letters.
    pub persian: bool,
    /// Arabic-Indic and Persian digits → 0–9; ٫ → `.` and ٬ → `,` between digits.
    pub latin_digits: bool,
    /// Presentation forms U+FB50–U+FDFF and U+FE70–U+FEFF → base letters (NFKC per character).
    pub presentation_forms: bool,
    /// ، ؛ ؟ ٪ ۔ → , ; ? % .; quotation marks → `"` and `'`.
    pub latin_punctuation: bool,
    /// Remove zero-width and bidi controls, BOM and soft hyphen.
    pub invisible: bool,
    /// Every Unicode space → ' ', runs collapsed, ends trimmed.
    pub whitespace: bool,
    /// With `whitespace`: a run of spaces that holds a line break becomes '\n'.
    pub keep_newlines: bool,
    pub elongation: Elongation,
    /// Lowercase cased letters (Latin, Greek, Cyrillic …).
    pub lowercase: bool,
    pub unicode_form: UnicodeForm,
}

/// The named option sets.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preset {
    Camel,
    Arclean,
    Light,
    Search,
    None,
}

impl Preset {
    pub const ALL: [Preset; 5] = [
        Preset::Camel,
        Preset::Arclean,
        Preset::Light,
        Preset::Search,
        Preset::None,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Preset::Camel => "camel",
            Preset::Arclean => "arclean",
            Preset::Light => "light",
            Preset::Search => "search",
            Preset::None => "none",
        }
    }

    pub fn options(self) -> NormalizeOptions {
        let off = NormalizeOptions::default();
        match self {
            // dediac_ar + normalize_alef_ar + normalize_alef_maksura_ar + normalize_teh_marbuta_ar.
            Preset::Camel => NormalizeOptions {
                diacritics: Diacritics::Harakat,
                alef: Alef::Common,
                alef_maksura: true,
                teh_marbuta: true,
                ..off
            },
            Preset::Arclean => NormalizeOptions {
                arclean: true,
                ..off
            },
            // Keeps every letter and mark: only what no reader sees or means changes.
            Preset::Light => NormalizeOptions {
                invisible: true,
                whitespace: true,
                tatweel: true,
                presentation_forms: true,
                ..off
            },
            // Everything that only varies by writer, outlet or keyboard is folded.
            Preset::Search => NormalizeOptions {
                html: true,
                links: true,
                diacritics: Diacritics::All,
                tatweel: true,
                alef: Alef::All,
                alef_maksura: true,
                teh_marbuta: true,
                hamza: Hamza::Bare,
                persian: true,
                latin_digits: true,
                presentation_forms: true,
                latin_punctuation: true,
                invisible: true,
                whitespace: true,
                elongation: Elongation::Collapse,
                lowercase: true,
                unicode_form: UnicodeForm::Nfkc,
                ..off
            },
            Preset::None => off,
        }
    }
}

impl fmt::Display for Preset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}
