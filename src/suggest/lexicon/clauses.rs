//! Words that shape a sentence's clauses and name its sources: conjunctions that open a
//! clause, nouns of a source (`Nach Angaben …`), verbs of thinking and their `dass` clause,
//! verb particles before `, dass`, and verbs that tell that someone spoke (reported speech).

/// Conjunctions that open a subordinate clause before the main one (`Nachdem …, entgegnete
/// Suttner`).
pub const SUBORDINATING: &[&str] = &[
    "nachdem", "als", "da", "weil", "wenn", "obwohl", "während", "bevor", "sobald", "seit",
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

/// Particles of verbs that end a clause before `, dass` (`gab an`, `teilte mit`, `legte fest`,
/// `räumte ein`, `wies darauf hin`): the `dass` clause is what was said.
pub const PARTICLES: &[&str] = &[
    "an", "mit", "fest", "ein", "hin", "zu", "bekannt", "voraus", "vor",
];

/// Verbs that accuse, ask, demand or promise before a comma and an infinitive with `zu`
/// (`Ihm wird vorgeworfen, … veruntreut zu haben`, `wurde aufgefordert, … zu öffnen`): the
/// infinitive is what was said. Measured on the annotated news: 42 of 44 such clauses are
/// marked as indirect speech.
pub const ASKING: &[&str] = &[
    "vorgeworfen",
    "aufgefordert",
    "aufgerufen",
    "angekündigt",
    "beschuldigt",
    "gefordert",
    "fordert",
    "forderte",
    "beschlossen",
    "nachgesagt",
    "gebeten",
    "versprochen",
    "versprach",
    "zugesagt",
    "zugesichert",
    "angeboten",
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
