//! Words that shape a sentence's clauses and name its sources: conjunctions that open a
//! clause, nouns of a source (`Nach Angaben …`), verbs of thinking and their `dass` clause,
//! verb particles before `, dass`, and verbs that tell that someone spoke (reported speech).

/// Conjunctions that open a subordinate clause before the main one (`Nachdem …, entgegnete
/// Suttner`).
pub const SUBORDINATING: &[&str] = &[
    "nachdem", "als", "da", "weil", "wenn", "obwohl", "während", "bevor", "sobald", "seit", "ob",
    "falls", "sofern", "dass",
];

/// Lowercase words that open a clause without being its verb: conjunctions, relative and
/// interrogative pronouns (`„…“, weil …`, `„…“, den die Mehrheit …`).
pub const CLAUSE_OPENERS: &[&str] = &[
    "und", "aber", "oder", "denn", "weil", "dass", "da", "wenn", "als", "ob", "deren", "dessen",
    "was", "wie", "wo", "welche", "welcher", "welches", "welchen", "sondern", "doch", "wobei",
    "womit", "worauf", "wonach", "bis", "sowie", "so", "nachdem", "obwohl", "während", "damit",
    "sodass", "ohne", "statt", "also", "jedoch", "zumal", "falls", "sofern", "indem", "nicht",
    "auch", "nur", "sogar", "and", "but", "or", "which", "who", "that", "because", "while", "if",
    "when", "as",
];

/// Nouns of a source that opens a sentence after `Nach` (`Nach Angaben der Polizei`, `Nach
/// einem Bericht der Zeitung`): the rest of the sentence is what it says.
pub const SOURCE_NOUNS: &[&str] = &[
    "angaben",
    "bericht",
    "berichten",
    "studie",
    "untersuchungen",
    "erkenntnissen",
    "informationen",
    "schätzungen",
    "auffassung",
    "ansicht",
    "meinung",
    "einschätzung",
    "worten",
    "aussage",
    "aussagen",
    "darstellung",
    "darstellungen",
    "bewertung",
    "überzeugung",
    "berechnungen",
    "ermittlungen",
    "stellungnahme",
];

/// Whether a lowercase noun names a source after `nach`: one of [`SOURCE_NOUNS`] or a
/// compound of `Angaben`, `Berichten`, `Meinung` or `Informationen` (`Polizeiangaben`,
/// `Medienberichten`, `Expertenmeinung`).
pub fn names_a_source(lower: &str) -> bool {
    SOURCE_NOUNS.contains(&lower)
        || ["angaben", "berichten", "meinung", "informationen"]
            .iter()
            .any(|noun| lower.ends_with(noun))
}

/// Verbs of thinking and expecting: the `dass` clause after them is what someone holds
/// (`Experten schätzen, dass …`).
pub const THINKING: &[&str] = &[
    "schätzen",
    "schätzt",
    "schätzte",
    "hofft",
    "hoffte",
    "hoffen",
    "glaubt",
    "glaubte",
    "glauben",
    "vermutet",
    "vermutete",
    "vermuten",
    "angenommen",
    "erwartet",
    "erwartete",
    "erwarten",
    "befürchtet",
    "befürchtete",
    "befürchten",
    "fürchtet",
    "geht",
    "gehen",
    "meinen",
    "erklären",
    "bestreitet",
    "bestritt",
    "bestreiten",
];

/// Particles of verbs that end a clause before `, dass` or an infinitive with `zu` (`gab
/// an`, `teilte mit`, `legte fest`, `räumte ein`, `wies darauf hin`, `forderte … auf`): the
/// clause is what was said (before an infinitive, counted on the annotated news: 68 of 77).
pub const PARTICLES: &[&str] = &[
    "an", "mit", "fest", "ein", "hin", "zu", "bekannt", "voraus", "vor", "auf", "ab", "aus",
];

/// Verbs and nouns that accuse, ask, demand, decide, promise or claim before a comma and an
/// infinitive with `zu` (`Ihm wird vorgeworfen, … veruntreut zu haben`, `wurde aufgefordert,
/// … zu öffnen`, `Die Regierung hat entschieden, … zu entziehen`, `die Aufforderung, … zu
/// verlassen`): the infinitive is what was said. Counted on the 850 annotated news articles:
/// of 113 infinitive clauses right after these words, 110 are marked as indirect speech (of
/// those after verbs of trying or being able, `versucht`, `Möglichkeit`, fewer than half).
pub const ASKING: &[&str] = &[
    "vorgeworfen",
    "vorwarf",
    "vorwirft",
    "vorwerfen",
    "aufgefordert",
    "aufforderte",
    "auffordert",
    "auffordern",
    "aufzufordern",
    "aufgerufen",
    "angekündigt",
    "ankündigte",
    "beschuldigt",
    "verdächtigt",
    "gefordert",
    "fordert",
    "forderte",
    "verlangt",
    "verlangte",
    "beschlossen",
    "beschloss",
    "entschieden",
    "entschied",
    "entschlossen",
    "nachgesagt",
    "gebeten",
    "bitten",
    "bat",
    "versprochen",
    "versprach",
    "zugesagt",
    "zugesichert",
    "angeboten",
    "angewiesen",
    "beauftragt",
    "geraten",
    "empfahl",
    "empfohlen",
    "vorgeschlagen",
    "vorschlug",
    "drängten",
    "gedrängt",
    "erklärt",
    "erklärte",
    "sagte",
    "sagten",
    "gesagt",
    "behauptet",
    "behauptete",
    "beteuert",
    "beteuerte",
    "betonte",
    "verkündete",
    "geäußert",
    "hofft",
    "hofften",
    "zuversichtlich",
    "aufforderung",
    "forderung",
    "forderungen",
    "appell",
    "aufruf",
    "aufrufe",
    "befehl",
    "vorschlag",
    "beschluss",
    "ankündigung",
    "vorwurf",
];

/// Verbs that tell that someone spoke, announced, criticised or demanded: a sentence built on
/// one, without what was said, is reported speech.
pub const SPEECH_ACTS: &[&str] = &[
    "sagte",
    "sprach",
    "spricht",
    "berichtete",
    "berichtet",
    "kritisierte",
    "kritisiert",
    "forderte",
    "fordert",
    "forderten",
    "bezeichnete",
    "bezeichnet",
    "angekündigt",
    "kündigte",
    "bekanntgegeben",
    "bekanntgab",
    "bestätigte",
    "bestätigt",
    "lehnte",
    "wies",
    "warnte",
    "warnt",
    "drohte",
    "verlangte",
    "verlangt",
    "appellierte",
    "räumte",
    "betonte",
    "erklärte",
    "nannte",
    "nennt",
    "lobte",
    "beklagte",
    "widersprach",
    "dementierte",
    "schlossen",
    "schloss",
    "zurückgewiesen",
    "abgelehnt",
    "gefordert",
    "kritisiert",
];

/// Particles of separable verbs that take `zu` inside the infinitive (`zurückzutreten`,
/// `einzurichten`, `aufzugeben`).
const SEPARABLE: &[&str] = &[
    "zusammen",
    "gegenüber",
    "entgegen",
    "zurück",
    "wieder",
    "heraus",
    "herbei",
    "hervor",
    "hinaus",
    "herein",
    "hinzu",
    "voran",
    "weiter",
    "nieder",
    "bereit",
    "statt",
    "teil",
    "fort",
    "fest",
    "frei",
    "fern",
    "hoch",
    "offen",
    "kund",
    "dar",
    "durch",
    "über",
    "unter",
    "nach",
    "weg",
    "mit",
    "los",
    "hin",
    "her",
    "ein",
    "bei",
    "aus",
    "auf",
    "an",
    "ab",
    "vor",
    "um",
    "zu",
];

/// Whether a lowercase word is an infinitive with `zu` written as one word: a separable
/// verb's particle, `zu` and a verb ending in `n` (`zurückzutreten`, `anzuerkennen`,
/// `einzumischen`), not a word that merely holds `zu` (`anzuzweifeln` is one, `Anzug` none).
pub fn particle_zu_infinitive(word: &str) -> bool {
    word.starts_with(char::is_lowercase)
        && word.ends_with('n')
        && SEPARABLE.iter().any(|p| {
            word.strip_prefix(p)
                .and_then(|rest| rest.strip_prefix("zu"))
                .is_some_and(|verb| {
                    verb.chars().count() >= 4 && verb.chars().all(char::is_alphabetic)
                })
        })
}
