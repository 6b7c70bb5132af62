//! The speaker finders one by one, on sentences written for the purpose.

use super::*;

fn span(text: &str, s: Option<(usize, usize)>) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    s.map(|(a, b)| chars[a..b].iter().collect())
}

/// The code point where `needle` first stands in `t`.
fn at(t: &str, needle: &str) -> usize {
    t[..t.find(needle).unwrap()].chars().count()
}

/// A speaker finder that reads the text around one position.
type Finder = fn(&[char], usize) -> Option<(usize, usize)>;

/// What `finder` finds in `text` for the position `at`, as text.
fn found(text: &str, finder: Finder, at: usize) -> Option<String> {
    let chars: Vec<char> = text.chars().collect();
    span(text, finder(&chars, at))
}

#[test]
fn names_after_and_before_quotes() {
    for (t, who) in [
        (
            "„Wir wurden nicht gewarnt“, sagte Bürgermeisterin Petra Krause am Dienstag.",
            "Bürgermeisterin Petra Krause",
        ),
        (
            "„Das stimmt nicht“, so der Sprecher Tom Reilly.",
            "der Sprecher Tom Reilly",
        ),
        // An adjective between the article and the noun belongs to the mention.
        (
            "„Wir sind geschockt“, sagte die britische Königin am Abend.",
            "die britische Königin",
        ),
    ] {
        let end = t.chars().position(|c| c == '“').unwrap() + 1;
        assert_eq!(found(t, after, end).as_deref(), Some(who), "{t}");
    }
    // A verb between an article and a name is no adjective.
    let t = "Die Lage ist ernst. Das erklärte General Tom Rayo.";
    let end = at(t, " Das");
    assert_eq!(
        found(t, named_after, end).as_deref(),
        Some("General Tom Rayo")
    );
    // A quote in parentheses right after a name of two words or more.
    let t = "Viele gratulierten, so Mohammed ElBaradei („Mir fällt niemand ein.“), und andere.";
    assert_eq!(
        found(t, before_parenthesis, at(t, "„")).as_deref(),
        Some("Mohammed ElBaradei")
    );
    let t = "Die SPD will hohe Einkommen („ab 250.000 Euro“) stärker belasten.";
    assert_eq!(found(t, before_parenthesis, at(t, "„")), None);
    let t = "Maria Alvarez said: “We read every page.”";
    let start = t.chars().position(|c| c == '“').unwrap();
    assert_eq!(found(t, before, start).as_deref(), Some("Maria Alvarez"));
    let t = "“We read every page,” she said.";
    let end = t.chars().position(|c| c == '”').unwrap() + 1;
    assert_eq!(found(t, after, end).as_deref(), Some("she"));
}

#[test]
fn subjects_after_the_verb_before_a_colon_and_of_reported_speech() {
    // A sentence opened by an object has its subject after the verb.
    let t = "Der Zeitung sagte Filep Karma: „Ich bleibe.“";
    assert_eq!(found(t, before, at(t, "„")).as_deref(), Some("Filep Karma"));
    // A relative clause before the colon: the name after its pronoun, not the noun it
    // refers to.
    let t = "Die Zahl blieb unter der Marke, die Gerhard Schröder damals erklärt hatte: „Ich rechne damit.“";
    assert_eq!(
        found(t, before, at(t, "„")).as_deref(),
        Some("Gerhard Schröder")
    );
    // A possessive and its noun after the verb.
    let t = "Nach Gerüchten über eine Festnahme teilte dessen Stellvertreter mit: „Er ruft an.“";
    assert_eq!(
        found(t, before, at(t, "„")).as_deref(),
        Some("dessen Stellvertreter")
    );
    // Opened by the subject: the subject, not the object after the verb.
    let t = "Krause sagte Reportern: „Wir bleiben.“";
    assert_eq!(found(t, before, at(t, "„")).as_deref(), Some("Krause"));
    // No reporting verb the rules know: not a sign of a quote, but its speaker.
    let t = "Der Vorstand Enders schloss sich mit den Worten an: „Das stimmt.“";
    assert_eq!(found(t, before, at(t, "„")), None);
    assert_eq!(
        found(t, colon_subject, at(t, "„")).as_deref(),
        Some("Der Vorstand Enders")
    );
    // Reported speech: the subject opening its sentence, or the one after the verb when
    // an adverb opens it, or that of the sentence before.
    let t = "Der GdP-Vorsitzende verwies darauf, dass Stellen abgebaut worden seien.";
    assert_eq!(
        found(t, opening_subject, at(t, "dass")).as_deref(),
        Some("Der GdP-Vorsitzende")
    );
    let t = "Am Abend gab er bekannt, er wolle zurücktreten.";
    assert_eq!(
        found(t, opening_subject, at(t, "er wolle")).as_deref(),
        Some("er")
    );
    let t =
        "Greenpeace-Experte Mathias Edler sieht Parallelen. Die Ursache sei nie gefunden worden.";
    assert_eq!(
        found(t, earlier_subject, at(t, "Die Ursache")).as_deref(),
        Some("Greenpeace-Experte Mathias Edler")
    );
    // A `wie` clause names who told the sentence before.
    let t = "Die Chemikalie stand unter Druck, wie Burt Rutan, Chef der Firma Scaled Composites, mitteilte. Die Ursache sei unklar.";
    assert_eq!(
        found(t, previous_subject, at(t, "Die Ursache")).as_deref(),
        Some("Burt Rutan, Chef der Firma Scaled Composites")
    );
    // A new paragraph starts afresh.
    let t = "Edler sieht Parallelen.\nDie Ursache sei unklar.";
    assert_eq!(found(t, earlier_subject, at(t, "Die Ursache")), None);
}

#[test]
fn sources_and_subjects_of_reporting_sentences() {
    let t = "Nach Angaben von n24, einem Sender, sei die Lage ruhig.";
    assert_eq!(
        found(t, source_in, at(t, "sei")).as_deref(),
        Some("Angaben von n24")
    );
    // The text a sentence opens with, when it then says something (a passive, `heißt es`).
    let t = "In einem Bericht der Salzburger Nachrichten wurde vermutet, dass keiner überlebt hat.";
    assert_eq!(
        found(t, source_in, at(t, "dass")).as_deref(),
        Some("einem Bericht der Salzburger Nachrichten")
    );
    let t = "In einem Bericht über die Stadt ging es um Geld.";
    assert_eq!(found(t, source_in, at(t, "ging")), None);
    // The agent of a passive reporting sentence, not its grammatical subject.
    let t =
        "Die Forderungen wurden vom Verkehrsminister Manfred Stolpe als unrealistisch bezeichnet.";
    assert_eq!(
        found(t, subject_of, at(t, "als")).as_deref(),
        Some("Verkehrsminister Manfred Stolpe")
    );
    let t = "Laut der Polizei gab es drei Verletzte.";
    assert_eq!(found(t, source_in, 0).as_deref(), Some("der Polizei"));
    let t = "Die CCE bezeichnete die Berichte als „reine Spekulation“.";
    assert_eq!(found(t, subject_of, at(t, "„")).as_deref(), Some("Die CCE"));
    let t = "Gewerkschaftschef Konrad Freiberg kritisierte die Pläne. Bereits heute müssten Firmen helfen.";
    assert_eq!(
        found(t, previous_subject, at(t, "Bereits")).as_deref(),
        Some("Gewerkschaftschef Konrad Freiberg")
    );
    // No reporting verb: no subject is taken for a speaker.
    let t = "Die Stadt baute eine Brücke. Sie sei zu teuer.";
    assert_eq!(found(t, previous_subject, at(t, "Sie")), None);
}

#[test]
fn the_clause_before_an_indirect_quote_and_the_sentence_after_it() {
    // Any verb before the comma: its clause's subject, also after the verb.
    let t = "Im ersten Satz beruft sich die Bank darauf, dass die Freigabe erlaubt sei.";
    let chars: Vec<char> = t.chars().collect();
    let (s, e) = (at(t, "dass"), chars.len() - 1);
    assert_eq!(
        span(t, before_clause(&chars, s, e)).as_deref(),
        Some("die Bank")
    );
    // The sentence after names who said it.
    let t = "Die Enten waren infiziert. Das erklärte gestern ein Sprecher des Ministeriums.";
    let end = at(t, " Das");
    assert_eq!(found(t, named_after, end).as_deref(), Some("ein Sprecher"));
    // Not across a paragraph, and not without a reporting verb.
    let t = "Die Enten waren infiziert.\nDas erklärte ein Sprecher.";
    assert_eq!(found(t, named_after, at(t, "\n")), None);
    let t = "Die Enten waren infiziert. Das kostete die Bauern viel Geld.";
    assert_eq!(found(t, named_after, at(t, " Das")), None);
}

#[test]
fn a_source_phrase_ends_where_the_next_phrase_begins() {
    let cases = [
        (
            "Danach sei laut el-Hassan die Anlage abgeschaltet worden.",
            "el-Hassan",
        ),
        (
            "Die Preise seien laut tagesschau.de kräftig gestiegen.",
            "tagesschau.de",
        ),
        (
            "In der Region mussten laut Behördenangaben 5.000 Menschen fliehen.",
            "Behördenangaben",
        ),
        (
            "Viele Menschen fürchten laut Müller den sozialen Abstieg.",
            "Müller",
        ),
        (
            "Der Verein hatte laut seinem Vorsitzenden großen Zulauf.",
            "seinem Vorsitzenden",
        ),
        // `zufolge` takes the noun phrase right before it, not words further back.
        (
            "Der Grund für die Landung waren dem Bericht zufolge technische Probleme.",
            "dem Bericht",
        ),
        (
            "Der Einsturz dürfte ersten Annahmen zufolge am Schnee gelegen haben.",
            "ersten Annahmen",
        ),
        // An adjective after an article belongs to the phrase; an article alone never ends it.
        (
            "Nach Ermittlungen des ehemaligen Richters war er dort Wächter.",
            "Ermittlungen des ehemaligen Richters",
        ),
        // A genitive or `von` hangs on the noun before it.
        (
            "Die Frau wollte den Ermittlungen der Polizei zufolge gehen.",
            "den Ermittlungen der Polizei",
        ),
        (
            "Der Aufruhr sei einer Meldung von Xinhua zufolge geplant gewesen.",
            "einer Meldung von Xinhua",
        ),
        (
            "Der Website sportdaten.de zufolge ist der Schiedsrichter streng.",
            "Der Website sportdaten.de",
        ),
        (
            "Dem Sender al-Hurra zufolge wird das Schiff nach Aschdod gebracht.",
            "Dem Sender al-Hurra",
        ),
    ];
    for (t, source) in cases {
        assert_eq!(found(t, source_in, 0).as_deref(), Some(source), "{t}");
    }
}

#[test]
fn sources_a_few_words_after_nach_and_not_any_angaben() {
    let t = "Nach einer norwegischen Studie verdreifacht schon eine Zigarette das Risiko.";
    assert_eq!(found(t, source_in, 0).as_deref(), Some("Studie"));
    let t = "Nach Polizeiangaben kam der Wagen von der Fahrbahn ab.";
    assert_eq!(found(t, source_in, 0).as_deref(), Some("Polizeiangaben"));
    let t = "Clement geht davon aus, dass viele Empfänger falsche Angaben machen.";
    assert_eq!(found(t, source_in, 0), None);
    // `laut` before a participle is the adverb (`laut geworden`), no source.
    let t = "Früh war Kritik laut geworden, dass sie zu jung sei.";
    assert_eq!(found(t, source_in, at(t, "dass")), None);
    // So is `laut` at its clause's end (`Vorwürfe werden laut, dass …`).
    let t = "Vorwürfe werden laut, dass sich ATTAC nicht mit Fakten auseinandersetzt.";
    assert_eq!(found(t, source_in, at(t, "dass")), None);
    let t = "Laut gesicherten Erkenntnissen ist sie zu jung.";
    assert_eq!(
        found(t, source_in, 0).as_deref(),
        Some("gesicherten Erkenntnissen")
    );
    // `X zufolge` runs back to a comma at most, with its adjective; a relative pronoun alone
    // names no one.
    let t = "Die Lage ist, neuen Medienberichten zufolge, ernst.";
    assert_eq!(
        found(t, source_in, 0).as_deref(),
        Some("neuen Medienberichten")
    );
    let t = "Sie gilt als Umsetzung der Leitlinie „Ein Land - Zwei Systeme“, der zufolge Hongkong frei ist.";
    assert_eq!(found(t, source_in, at(t, "Hongkong")), None);
}

#[test]
fn a_colon_starts_the_clause_whose_subject_spoke() {
    let t = "Datenleck bei Krankenkasse: Vorstand spricht von „Einzelfall“";
    let at = t[..t.find('„').unwrap()].chars().count();
    assert_eq!(found(t, subject_of, at).as_deref(), Some("Vorstand"));
}

#[test]
fn the_impersonal_man_names_nobody() {
    let t = "„Wir sind Zeugen“, zitierte man Yolanda Alvarez vom Sender RTVE.";
    let end = t[..t.find('“').unwrap()].chars().count() + 1;
    assert_eq!(found(t, after, end).as_deref(), Some("Yolanda Alvarez"));
}

#[test]
fn the_subject_after_an_opening_adverb() {
    // An adverb, then the subject, then its verb (`Auch Feinstein argumentierte, …`); a
    // time after the adverb is no subject (`Erst gestern Abend sagte sie, …`).
    for (t, who) in [
        (
            "Auch Feinstein argumentierte, Clinton habe viele Stimmen.",
            "Feinstein",
        ),
        (
            "Aber Zeitungen berichteten, es sei ermittelt worden.",
            "Zeitungen",
        ),
        ("Erst gestern sagte sie, es sei ermittelt worden.", "sie"),
        // A time phrase opens as an adverb does: its noun is no subject.
        (
            "Erst vergangene Woche kündigte der Konzern an, alle Schalter zu schließen.",
            "der Konzern",
        ),
        (
            "Bereits vor zwei Wochen hatte die Gewerkschaft erklärt, dass die Zeit erreicht sei.",
            "die Gewerkschaft",
        ),
        ("Letzte Woche sagte er, alles sei gut.", "er"),
        (
            "Wenige Stunden nach dem Putsch erklärte der neue Rat, die Lage sei ruhig.",
            "der neue Rat",
        ),
        // An object pronoun between the verb and the subject.
        (
            "Als eine seiner wichtigsten Aufgaben sieht es der 53-jährige Uribe an, Frieden zu schließen.",
            "der 53-jährige Uribe",
        ),
    ] {
        let chars: Vec<char> = t.chars().collect();
        let s = at(t, ", ") + 2;
        assert_eq!(
            span(t, before_clause(&chars, s, chars.len() - 1)).as_deref(),
            Some(who),
            "{t}"
        );
    }
    // An article right after the adverb opens the subject, however long the name.
    let t = "Auch der US-amerikanische Außenminister Donald Rumsfeld attackierte den Iran als „Förderer“.";
    assert_eq!(
        found(t, opening_subject, at(t, "„")).as_deref(),
        Some("der US-amerikanische Außenminister Donald Rumsfeld")
    );
    // An adverb of time may stand between the verb and its subject.
    let t = "Nachdem es regnete, will heute Außenminister Straw bekannt geben, dass alles gut ist.";
    assert_eq!(
        found(t, opening_subject, at(t, "dass")).as_deref(),
        Some("Außenminister Straw")
    );
    // The dot of an ordinal before a comma ends no sentence.
    let t = "Die Staatschefin, Königin Elisabeth II., bat Premier Key, ihre „Anteilnahme“ zu übermitteln.";
    assert_eq!(
        found(t, opening_subject, at(t, "„")).as_deref(),
        Some("Die Staatschefin, Königin Elisabeth II")
    );
}

#[test]
fn words_that_begin_no_name_and_clauses_on_the_opening_phrase() {
    // Adverbs that point back (`Daraus`, `Darunter`) or tell time (`Schon`), and adjectives
    // used as adverbs (`Offiziell`), are no names.
    for (t, who) in [
        (
            "Daraus leitete das Gericht ein „erhebliches Schutzbedürfnis“ ab.",
            "das Gericht",
        ),
        (
            "Offiziell geht die Regierung Bush davon aus, dass Nordkorea wenig „Material“ besitzt.",
            "die Regierung Bush",
        ),
        // A relative clause on the opening phrase's noun runs to its comma; the verb follows.
        (
            "In einem Bericht, der nach dem Angriff veröffentlicht wurde, rechtfertigte das Ministerium die Aktion als „defensiv“.",
            "das Ministerium",
        ),
    ] {
        assert_eq!(
            found(t, opening_subject, at(t, "„")).as_deref(),
            Some(who),
            "{t}"
        );
    }
    // German `an` before an article opens a phrase, no subject (English `an official` does).
    let t = "Letztlich bestehen „begründete Zweifel“ an der Schuld Kachelmanns, das heißt am Tatvorwurf.";
    assert_eq!(found(t, subject_of, at(t, "„")), None);
    // `es` after `heißt`, `gab`, `habe` is the sentence's own subject: what follows is not.
    let t = "Seit dem Jahr 2015 gab es Hinweise, dass Jugendliche angeworben wurden.";
    assert_eq!(found(t, opening_subject, at(t, "dass")), None);
    // `Bis` opens a preposition's phrase, no name.
    let t = "Bis Mittwoch sagte sie eine Million Demonstranten voraus.";
    assert_eq!(
        found(t, opening_subject, at(t, "eine")).as_deref(),
        Some("sie")
    );
    let t = "Auch die Polizei sagte, es sei ruhig.";
    assert_eq!(
        found(t, opening_subject, at(t, ", es")).as_deref(),
        Some("die Polizei")
    );
}

#[test]
fn the_subject_of_a_clause_before_the_quote() {
    // The subject of a subordinate clause whose reporting verb ends right before the quote.
    let t = "Das Gericht zögerte, zumal Verteidiger Wolfgang Dingfelder betont hatte, der Angeklagte sei harmlos.";
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(
        span(
            t,
            before_clause(&chars, at(t, "der Angeklagte"), chars.len() - 1)
        )
        .as_deref(),
        Some("Verteidiger Wolfgang Dingfelder")
    );
    // A clause that `…, und` opens has its own subject.
    let t = "Der Rat stufte das Gesetz als verfassungswidrig ein, und das Kinderhilfswerk UNICEF rief Russland auf, das Verbot nicht durchzusetzen.";
    let chars: Vec<char> = t.chars().collect();
    assert_eq!(
        span(
            t,
            before_clause(&chars, at(t, "das Verbot"), chars.len() - 1)
        )
        .as_deref(),
        Some("das Kinderhilfswerk UNICEF")
    );
    // The subject of a `wie` clause before the quote, marks and all, up to the words after it.
    for (t, who) in [
        (
            "Wie t-online.de berichtet, ist der erste Trailer veröffentlicht worden.",
            "t-online.de",
        ),
        (
            "Wie die Polizei am Montag mitteilte, sei der Mann geflohen.",
            "die Polizei",
        ),
        (
            "Auch Winfried Hassemer, Papiers Stellvertreter, glaubt, dass ein Verbot möglich sei.",
            "Winfried Hassemer, Papiers Stellvertreter",
        ),
    ] {
        let chars: Vec<char> = t.chars().collect();
        let s = t[..t.rfind(", ").unwrap()].chars().count() + 2;
        assert_eq!(
            span(t, before_clause(&chars, s, chars.len() - 1)).as_deref(),
            Some(who),
            "{t}"
        );
    }
}

#[test]
fn a_decimal_comma_ends_no_clause() {
    // `3,5` is one number: the subordinate clause runs on to its verb, and its subject spoke.
    let t = "Obwohl Steinbrück aufgrund der Konjunktur mit 3,5 Milliarden Euro rechnet, sei man von einer „Entschuldung weit entfernt“.";
    assert_eq!(
        found(t, opening_subject, at(t, "sei man")).as_deref(),
        Some("Steinbrück")
    );
}
