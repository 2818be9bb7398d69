//! Normalizer options between Python keywords and [`NormalizeOptions`].
//!
//! Public values: booleans for on/off rules; `diacritics` and `alef` also take a narrower named
//! set ("harakat", "common"); the others take None or a name, and `elongation` an int.

use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyInt, PyString};

use crate::normalize::{
    Alef, Diacritics, Elongation, Hamza, NormalizeOptions, Preset, UnicodeForm,
};

pub fn preset(name: &str) -> PyResult<Preset> {
    super::choose("preset", name, &Preset::ALL, Preset::name)
}

/// The preset's options with `overrides` (a dict of keyword → value) applied.
pub fn resolve(preset_name: &str, overrides: &Bound<'_, PyDict>) -> PyResult<NormalizeOptions> {
    let mut o = preset(preset_name)?.options();
    for (key, value) in overrides.iter() {
        let key: String = key.extract()?;
        set(&mut o, &key, &value)?;
    }
    if o.keep_newlines && !o.whitespace {
        return Err(PyValueError::new_err(
            "keep_newlines=True needs whitespace=True",
        ));
    }
    Ok(o)
}

fn set(o: &mut NormalizeOptions, key: &str, v: &Bound<'_, PyAny>) -> PyResult<()> {
    match key {
        "arclean" => o.arclean = flag(key, v)?,
        "tatweel" => o.tatweel = flag(key, v)?,
        "alef_maksura" => o.alef_maksura = flag(key, v)?,
        "teh_marbuta" => o.teh_marbuta = flag(key, v)?,
        "persian" => o.persian = flag(key, v)?,
        "html" => o.html = flag(key, v)?,
        "links" => o.links = flag(key, v)?,
        "presentation_forms" => o.presentation_forms = flag(key, v)?,
        "invisible" => o.invisible = flag(key, v)?,
        "whitespace" => o.whitespace = flag(key, v)?,
        "keep_newlines" => o.keep_newlines = flag(key, v)?,
        "lowercase" => o.lowercase = flag(key, v)?,
        "diacritics" => {
            o.diacritics = match choice(key, v, &["harakat"], true)? {
                Choice::Off => Diacritics::Keep,
                Choice::On => Diacritics::All,
                Choice::Named(_) => Diacritics::Harakat,
            }
        }
        "alef" => {
            o.alef = match choice(key, v, &["common"], true)? {
                Choice::Off => Alef::Keep,
                Choice::On => Alef::All,
                Choice::Named(_) => Alef::Common,
            }
        }
        "hamza" => {
            o.hamza = match choice(key, v, &["carrier", "bare"], false)? {
                Choice::Named("carrier") => Hamza::Carrier,
                Choice::Named(_) => Hamza::Bare,
                _ => Hamza::Keep,
            }
        }
        "digits" => o.latin_digits = choice(key, v, &["latin"], false)? != Choice::Off,
        "punctuation" => o.latin_punctuation = choice(key, v, &["latin"], false)? != Choice::Off,
        "unicode_form" => {
            o.unicode_form = match choice(key, v, &["NFC", "NFKC"], false)? {
                Choice::Named("NFC") => UnicodeForm::Nfc,
                Choice::Named(_) => UnicodeForm::Nfkc,
                _ => UnicodeForm::None,
            }
        }
        "elongation" => {
            o.elongation = if v.is_instance_of::<PyInt>() && !v.is_instance_of::<PyBool>() {
                let n: i64 = v.extract()?;
                match u32::try_from(n) {
                    Ok(n) if n >= 1 => Elongation::Max(n),
                    _ => {
                        return Err(PyValueError::new_err(format!(
                            "elongation must be None, 'collapse' or an int >= 1; got {n}"
                        )))
                    }
                }
            } else {
                match choice(key, v, &["collapse"], false)? {
                    Choice::Off => Elongation::Keep,
                    _ => Elongation::Collapse,
                }
            }
        }
        _ => {
            return Err(PyTypeError::new_err(format!(
                "unknown normalizer option '{key}'; the options are {}",
                NAMES.join(", ")
            )))
        }
    }
    Ok(())
}

/// Every option name, in the order of the options table in docs/normalization.md.
pub const NAMES: [&str; 19] = [
    "html",
    "links",
    "diacritics",
    "tatweel",
    "alef",
    "alef_maksura",
    "teh_marbuta",
    "hamza",
    "persian",
    "digits",
    "presentation_forms",
    "punctuation",
    "invisible",
    "whitespace",
    "keep_newlines",
    "elongation",
    "lowercase",
    "unicode_form",
    "arclean",
];

fn flag(key: &str, v: &Bound<'_, PyAny>) -> PyResult<bool> {
    if let Ok(b) = v.cast::<PyBool>() {
        return Ok(b.is_true());
    }
    if v.is_none() {
        return Ok(false);
    }
    Err(PyTypeError::new_err(format!(
        "{key} must be True or False; got {}",
        v.repr()?
    )))
}

#[derive(PartialEq, Eq)]
enum Choice {
    Off,
    On,
    Named(&'static str),
}

/// None/False → Off; True → On when `bool_on` (else an error); or one of `names`.
fn choice(
    key: &str,
    v: &Bound<'_, PyAny>,
    names: &[&'static str],
    bool_on: bool,
) -> PyResult<Choice> {
    if v.is_none() {
        return Ok(Choice::Off);
    }
    if let Ok(b) = v.cast::<PyBool>() {
        if !b.is_true() {
            return Ok(Choice::Off);
        }
        if bool_on {
            return Ok(Choice::On);
        }
    } else if let Ok(s) = v.cast::<PyString>() {
        let s = s.to_cow()?;
        if let Some(name) = names.iter().find(|n| **n == s) {
            return Ok(Choice::Named(name));
        }
    }
    let allowed = if bool_on { "True, False" } else { "None" };
    let names: Vec<String> = names.iter().map(|n| format!("'{n}'")).collect();
    Err(PyValueError::new_err(format!(
        "{key} must be {allowed} or one of {}; got {}",
        names.join(", "),
        v.repr()?
    )))
}

pub fn to_dict<'py>(py: Python<'py>, o: &NormalizeOptions) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    let none = py.None();
    let named = |s: Option<&str>| -> Py<PyAny> {
        s.map_or_else(
            || none.clone_ref(py),
            |s| PyString::new(py, s).into_any().unbind(),
        )
    };
    for key in NAMES {
        let value: Py<PyAny> = match key {
            "diacritics" => match o.diacritics {
                Diacritics::Keep => false.into_pyobject(py)?.to_owned().into_any().unbind(),
                Diacritics::All => true.into_pyobject(py)?.to_owned().into_any().unbind(),
                Diacritics::Harakat => named(Some("harakat")),
            },
            "alef" => match o.alef {
                Alef::Keep => false.into_pyobject(py)?.to_owned().into_any().unbind(),
                Alef::All => true.into_pyobject(py)?.to_owned().into_any().unbind(),
                Alef::Common => named(Some("common")),
            },
            "hamza" => named(match o.hamza {
                Hamza::Keep => None,
                Hamza::Carrier => Some("carrier"),
                Hamza::Bare => Some("bare"),
            }),
            "digits" => named(o.latin_digits.then_some("latin")),
            "punctuation" => named(o.latin_punctuation.then_some("latin")),
            "unicode_form" => named(match o.unicode_form {
                UnicodeForm::None => None,
                UnicodeForm::Nfc => Some("NFC"),
                UnicodeForm::Nfkc => Some("NFKC"),
            }),
            "elongation" => match o.elongation {
                Elongation::Keep => none.clone_ref(py),
                Elongation::Collapse => named(Some("collapse")),
                Elongation::Max(n) => n.into_pyobject(py)?.into_any().unbind(),
            },
            _ => {
                let b = match key {
                    "tatweel" => o.tatweel,
                    "alef_maksura" => o.alef_maksura,
                    "teh_marbuta" => o.teh_marbuta,
                    "persian" => o.persian,
                    "presentation_forms" => o.presentation_forms,
                    "invisible" => o.invisible,
                    "whitespace" => o.whitespace,
                    "keep_newlines" => o.keep_newlines,
                    "lowercase" => o.lowercase,
                    "html" => o.html,
                    "links" => o.links,
                    _ => o.arclean,
                };
                b.into_pyobject(py)?.to_owned().into_any().unbind()
            }
        };
        d.set_item(key, value)?;
    }
    Ok(d)
}
