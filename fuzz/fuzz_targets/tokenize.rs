//! Every tokenizer mode, with and without a normalizer and the per-kind actions, on arbitrary
//! text: no panic, spans inside the text and in order, offsets into the original that grow.
#![no_main]

use std::sync::OnceLock;

use _kalima::tokenize::{Action, KindActions, Mode, Tokenizer};
use _kalima::Preset;
use libfuzzer_sys::fuzz_target;

/// Every mode with no normalizer, `light` and `search`; built once.
fn tokenizers() -> &'static [(Mode, Tokenizer)] {
    static ALL: OnceLock<Vec<(Mode, Tokenizer)>> = OnceLock::new();
    ALL.get_or_init(|| {
        let social = KindActions {
            urls: Action::Placeholder,
            mentions: Action::Drop,
            hashtags: Action::Split,
            numbers: Action::Placeholder,
            keep_punct: true,
            ..KindActions::default()
        };
        let mut all = Vec::new();
        for mode in Mode::ALL {
            let actions = if mode == Mode::Arabic {
                social
            } else {
                KindActions::default()
            };
            for preset in [None, Some(Preset::Light), Some(Preset::Search)] {
                let t = Tokenizer::new(mode, actions, preset.map(Preset::options), true)
                    .expect("valid options");
                all.push((mode, t));
            }
        }
        all
    })
}

fuzz_target!(|text: &str| {
    let units: Vec<u32> = text.chars().map(u32::from).collect();
    for (mode, t) in tokenizers() {
        let (analysed, tokens) = t.analyse(&units);
        let len = analysed.as_slice(&units).len();
        let mut last = 0;
        for token in &tokens {
            assert!(
                token.start < token.end && token.end <= len,
                "{mode:?}: span outside"
            );
            assert!(token.start >= last, "{mode:?}: tokens out of order");
            last = token.end;
        }
        let with_offsets = t.tokens_with_offsets(text);
        let texts: Vec<&String> = with_offsets.iter().map(|(t, _, _)| t).collect();
        assert_eq!(
            texts,
            t.tokenize(text).iter().collect::<Vec<_>>(),
            "{mode:?}"
        );
        let n = units.len();
        let mut previous = 0;
        for (_, start, end) in with_offsets {
            assert!(
                start < end && end <= n && start >= previous,
                "{mode:?}: bad offsets"
            );
            previous = start;
        }
    }
});
