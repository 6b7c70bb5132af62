//! Regular (weak) German verbs of speech, matched in any of their third-person forms, so the
//! speaker finders know `fordern`, `beteuerten` and `kommentiert` without a list of each form.

/// Stems of weak verbs that introduce a speaker (`erklär-` for `erklärt`, `erklärte`,
/// `erklären`, `erklärten`). Left out: stems that are also other words (`mein-`, `lob-` ).
const STEMS: &[&str] = &[
    "sag",
    "erklär",
    "beton",
    "ergänz",
    "kritisier",
    "warn",
    "forder",
    "bestätig",
    "erläuter",
    "versicher",
    "antwort",
    "zitier",
    "äußer",
    "verkünd",
    "behaupt",
    "mahn",
    "bezeichn",
    "appellier",
    "beklag",
    "entgegn",
    "erwider",
    "kommentier",
    "schilder",
    "bekräftig",
    "resümier",
    "bemerk",
    "twitter",
    "meld",
    "bericht",
    "verlang",
    "beteuer",
    "präzisier",
    "argumentier",
    "bilanzier",
    "konstatier",
    "protestier",
    "unterstell",
    "verdeutlich",
    "wiederhol",
    "mitteil",
    "feststell",
    "darleg",
    "klarstell",
    "hinzufüg",
    "einräum",
    "ankündig",
    "verlautbar",
    "begründ",
];

/// Endings of the third person, present and past, singular and plural (`-t`, `-et`, `-en`,
/// `-n`, `-te`, `-ete`, `-ten`, `-eten`).
const ENDINGS: &[&str] = &["eten", "ete", "ten", "te", "et", "en", "t", "n"];

/// Whether a lowercase word is a third-person form of one of the weak verbs of speech
/// (`fordern`, `beteuerte`, `bezeichnete`). Capitalised words are nouns (`Fragen`, `Klagen`).
pub fn weak_verb_of_speech(word: &str) -> bool {
    if !word.starts_with(char::is_lowercase) {
        return false;
    }
    ENDINGS.iter().any(|ending| {
        word.strip_suffix(ending)
            .is_some_and(|stem| STEMS.contains(&stem))
    })
}

#[cfg(test)]
mod tests {
    use super::weak_verb_of_speech;

    #[test]
    fn third_person_forms_of_weak_verbs_of_speech_are_known() {
        for form in [
            "fordern",
            "fordert",
            "forderte",
            "forderten",
            "bezeichnete",
            "sagt",
        ] {
            assert!(weak_verb_of_speech(form), "{form}");
        }
    }

    #[test]
    fn nouns_and_other_words_are_not() {
        for word in ["Fragen", "Antworten", "sagenhaft", "forde", "meinen", "Sag"] {
            assert!(!weak_verb_of_speech(word), "{word}");
        }
    }
}
