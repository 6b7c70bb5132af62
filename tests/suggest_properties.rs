//! Property test: the rules meet any text — marks opened and never closed, reporting clauses
//! without names, sources without nouns, lists of marks, emoji — and every suggestion they
//! make lies inside the text, with fragments in order and a speaker inside it too.

use proptest::prelude::*;
use spanbench::suggest::suggest;

/// The words and marks the rules react to, mixed with text that breaks naive offsets.
fn rule_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "„",
        "“",
        "”",
        "\"",
        "«",
        "»",
        "‚",
        "‘",
        "'",
        ",",
        ".",
        ":",
        " ",
        " ",
        "\n",
        "(",
        ")",
        "–",
        "?",
        "sagte",
        "Nach",
        "Angaben",
        "wie",
        "mitteilte",
        "dass",
        "soll",
        "sein",
        "Der",
        "die",
        "Krause",
        "er",
        "sei",
        "habe",
        "und",
        "oder",
        "zitiert",
        "mit",
        "den",
        "Worten",
        "laut",
        "so",
        "zufolge",
        "Demnach",
        "Von",
        "wird",
        "sich",
        "als",
        "nannte",
        "eine",
        "Organisation",
        "Wir",
        "ab",
        "heißt",
        "es",
        "in",
        "😀",
        "漢字",
        "e\u{301}",
        "(AB)",
    ]);
    prop::collection::vec(pieces, 1..160).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn every_suggestion_lies_inside_the_text_in_order(text in rule_text()) {
        let len = text.chars().count();
        for s in suggest(&text) {
            prop_assert!(!s.fragments.is_empty(), "{text:?}: {s:?}");
            for pair in s.fragments.windows(2) {
                prop_assert!(pair[0].1 <= pair[1].0, "{text:?}: {s:?}");
            }
            for &(a, b) in &s.fragments {
                prop_assert!(a < b && b <= len, "{text:?}: {s:?}");
            }
            if let Some((a, b)) = s.speaker {
                prop_assert!(a < b && b <= len, "{text:?}: {s:?}");
            }
        }
    }
}
