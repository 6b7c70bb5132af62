//! Indirect and reported speech, on sentences written for the purpose.

use super::*;

mod english;

fn found(text: &str) -> Vec<(String, &'static str)> {
    let chars: Vec<char> = text.chars().collect();
    find(&chars, &[])
        .into_iter()
        .map(|(fragments, form)| {
            let parts: Vec<String> = fragments
                .iter()
                .map(|&(s, e)| chars[s..e].iter().collect())
                .collect();
            (parts.join(" | "), form)
        })
        .collect()
}

/// Asserts that `t` holds one indirect quote, `quote`.
fn one(t: &str, quote: &str) {
    assert_eq!(found(t), vec![(quote.to_string(), "indirect")], "{t}");
}

#[test]
fn konjunktiv_clauses_and_the_clause_after_a_verb() {
    // A clause cut from its sentence ends before the full stop; a whole sentence keeps it.
    one(
        "Krause sagte, das Amt habe davon gewusst. Das Wetter war gut.",
        "das Amt habe davon gewusst",
    );
    one(
        "Die Stadt sei nicht gewarnt worden.",
        "Die Stadt sei nicht gewarnt worden.",
    );
    // The clause right after the reporting verb is the quote, though a `dass` clause comes
    // later in it.
    one(
        "Die Veranstalter erklären dagegen, sie hätten Hinweise darauf, dass die Gewalt eine Reaktion gewesen sei.",
        "sie hätten Hinweise darauf, dass die Gewalt eine Reaktion gewesen sei",
    );
    // `…, so` and a verb of saying is a reporting clause at the end, cut off.
    one(
        "Der Flug käme einer Folter gleich, so bestätigt das Gericht.",
        "Der Flug käme einer Folter gleich",
    );
    // Abbreviations, initials and a day's number end no sentence.
    one(
        "Die Klinik sei laut Prof. Dr. Matthias W. Beckmann seit dem 24. April voll. Das Wetter war gut.",
        "Die Klinik sei | seit dem 24. April voll",
    );
    // A colon opens the Konjunktiv clause as a comma does.
    one(
        "Müller bezweifelte offen die Eignung der Ministerin: Sie habe keine Erfahrung.",
        "Sie habe keine Erfahrung",
    );
    // The comma may come a few words after the verb; a `dass` clause after a verb of
    // saying or thinking is said whatever its mood.
    one(
        "Bei ihrem Besuch im Rathaus der Stadt Emden am frühen Morgen sagte die Ministerin am Montag, die Stadt sei an die Regeln gebunden.",
        "die Stadt sei an die Regeln gebunden",
    );
    one(
        "Experten schätzen, dass im Sommer mehr Flaschen verkauft werden.",
        "dass im Sommer mehr Flaschen verkauft werden",
    );
}

#[test]
fn infinitives_with_zu_after_a_verb_of_speech() {
    // After a verb of speech or its particle: what was said.
    one(
        "Die Ministerin kündigte an, an neuen Gesetzen mitwirken zu wollen.",
        "an neuen Gesetzen mitwirken zu wollen",
    );
    one(
        "Vertreter der Armee warfen den Rebellen vor, Zivilisten als Schutzschilde zu missbrauchen.",
        "Zivilisten als Schutzschilde zu missbrauchen",
    );
    // After a participle or verb that accuses, asks or promises: what was said.
    one(
        "Dem Manager wird vorgeworfen, Gelder der Firma veruntreut zu haben.",
        "Gelder der Firma veruntreut zu haben",
    );
    one(
        "Die Regierung wurde aufgefordert, die Grenzen sofort zu öffnen.",
        "die Grenzen sofort zu öffnen",
    );
    // A `dass` clause after any verb, but not `so, dass`.
    one(
        "Die Eltern bemängeln seit Wochen, dass die Schule zu spät informiert hat.",
        "dass die Schule zu spät informiert hat",
    );
    assert_eq!(
        found("Der Regen fiel so, dass die Keller im Hafen voll Wasser liefen."),
        vec![]
    );
    // Not after any verb: `versuchte, … zu` says what someone did.
    assert_eq!(
        found("Die Feuerwehr versuchte stundenlang, das Feuer im Hafen zu löschen."),
        vec![]
    );
}

#[test]
fn infinitives_written_as_one_word_and_after_verbs_that_decide_or_ask() {
    // A separable verb's infinitive with `zu` in one word, after a verb that decides.
    one(
        "Der Stadtrat beschloss, die alte Brücke über den Fluss abzureißen.",
        "die alte Brücke über den Fluss abzureißen",
    );
    // After the particle `auf` (`fordern … auf`); a clause of purpose after the infinitive
    // belongs to it.
    one(
        "Die Lehrer forderten die Schüler und ihre Eltern auf, das Gebäude nicht zu verlassen.",
        "das Gebäude nicht zu verlassen",
    );
    one(
        "Der Stadtrat beschloss, die Brücke abzureißen, um Platz für eine neue zu schaffen.",
        "die Brücke abzureißen, um Platz für eine neue zu schaffen",
    );
    // A few words may stand between such a verb and the comma.
    one(
        "Der Stadtrat beschloss am Montag, die Brücke abzureißen.",
        "die Brücke abzureißen",
    );
    // After a noun that asks.
    one(
        "An die Anwohner erging die Aufforderung, die Fenster geschlossen zu halten.",
        "die Fenster geschlossen zu halten",
    );
    // A clause of purpose after a comma is what someone did, not what was said.
    assert_eq!(
        found("Die Helfer fuhren am Morgen ab, um die Dörfer im Tal zu erreichen."),
        vec![]
    );
    // A word that merely holds `zu` is no infinitive.
    assert!(!lexicon::particle_zu_infinitive("anzug"));
    assert!(lexicon::particle_zu_infinitive("zurückzutreten"));
}

/// The first fragments of the indirect quotes in `t`, given the direct quote `direct` in it.
fn found_around(t: &str, direct: &str) -> Vec<String> {
    let chars: Vec<char> = t.chars().collect();
    let start = t
        .find(direct)
        .map(|b| t[..b].chars().count())
        .unwrap_or_default();
    find(&chars, &[(start, start + direct.chars().count())])
        .into_iter()
        .map(|(f, _)| chars[f[0].0..f[0].1].iter().collect())
        .collect()
}

#[test]
fn a_direct_quote_before_lends_its_mood_to_no_clause_after_it() {
    // `habe` inside the direct quote does not make the sentence after it reported speech.
    let t = "Der Trainer erklärte: „Ich habe so etwas noch nie gesehen.“ Der Verein hat nun versprochen, gegen die Täter vorzugehen.";
    assert_eq!(
        found_around(t, "„Ich habe so etwas noch nie gesehen.“"),
        vec!["gegen die Täter vorzugehen".to_string()]
    );
}

#[test]
fn a_reporting_clause_before_a_direct_quote_tells_of_no_speech_before_it() {
    let t = "Auch die Delegationsleiterin beim Gipfel, Sharon Hayes, äußerte sich zufrieden über den Bericht: „Wir haben eine ausgewogene Position erreicht.“";
    assert_eq!(
        found_around(t, "„Wir haben eine ausgewogene Position erreicht.“"),
        Vec::<String>::new()
    );
}

#[test]
fn a_clause_in_the_konjunktiv_after_a_verb_is_no_name_set_off_by_commas() {
    let got = found(
        "Der Bürgermeister sagte am Abend, Krause sei unschuldig, doch die Polizei erklärte, den Vorwurf nicht prüfen zu können.",
    );
    assert_eq!(
        got[0].0,
        "Krause sei unschuldig, doch die Polizei erklärte, den Vorwurf nicht prüfen zu können",
        "{got:?}"
    );
}

#[test]
fn only_the_clause_in_the_konjunktiv_when_the_main_clause_is_not() {
    one(
        "Der Bericht prangert Morde an, die von mehreren Konfliktparteien verübt würden.",
        "die von mehreren Konfliktparteien verübt würden",
    );
    one(
        "Die Staatsanwaltschaft gibt an, der Fahrer werde durch einen Zeugen belastet.",
        "der Fahrer werde durch einen Zeugen belastet",
    );
    // A main clause in the Konjunktiv before a `dass` clause is said too, also when its verb
    // is its second word.
    one(
        "Er habe immer erklärt, dass die Kosten steigen würden.",
        "Er habe immer erklärt, dass die Kosten steigen würden.",
    );
    one(
        "Die Behörde gehe davon aus, dass alle Brennstäbe umgewandelt worden seien.",
        "Die Behörde gehe davon aus, dass alle Brennstäbe umgewandelt worden seien.",
    );
    // Only the main clause before the first comma counts: a Konjunktiv further on belongs to
    // another clause (`…, er habe …, jedoch stets beteuert, … zu haben`).
    one(
        "Der Minister hatte Fehler eingeräumt und angegeben, er habe ungenau gearbeitet, jedoch stets beteuert, nicht absichtlich abgeschrieben zu haben.",
        "nicht absichtlich abgeschrieben zu haben",
    );
    // A regular verb's Konjunktiv I that no indicative shares (`funktioniere`, `handele`).
    one(
        "Der Zugriff über die Seite funktioniere weiterhin.",
        "Der Zugriff über die Seite funktioniere weiterhin.",
    );
    one(
        "Vielmehr handele es sich um einen tragischen Einzelfall.",
        "Vielmehr handele es sich um einen tragischen Einzelfall.",
    );
    assert!(found("Die Passagiere der Maschine warteten auf die Premiere.").is_empty());
    // After a verb of belief or fear, the clause is what its subject holds.
    one(
        "Die Tierschützer befürchten, viele Halter könnten sich die Hunde nicht mehr leisten.",
        "viele Halter könnten sich die Hunde nicht mehr leisten",
    );
    // More verbs' Konjunktiv I, and Konjunktiv II forms that are no past indicative.
    for t in [
        "Eine unmittelbare Gefahr für den Menschen bestehe jedoch nicht.",
        "Dazu gehöre unter anderem die Auswertung der Daten.",
        "Außerdem halte die Fraktion den Schritt für überfällig.",
        "Gegen die beiden Personen läge jedoch nichts vor.",
    ] {
        one(t, t);
    }
    // A comma right before the Konjunktiv verb closes what was set into its clause: the
    // clause runs back to a semicolon, or the whole sentence is said.
    one(
        "Die Opfer, vor allem Kinder, seien in den Trümmern gefunden worden.",
        "Die Opfer, vor allem Kinder, seien in den Trümmern gefunden worden.",
    );
    // Words before a relative clause with no verb of their own are no main clause.
    one(
        "Riskante Geschäfte der Banken, die zur Krise geführt hätten, seien nicht verboten worden.",
        "Riskante Geschäfte der Banken, die zur Krise geführt hätten, seien nicht verboten worden.",
    );
    one(
        "Bis die Arbeiten beginnen könnten, würden noch Monate vergehen.",
        "Bis die Arbeiten beginnen könnten, würden noch Monate vergehen.",
    );
    one(
        "Er nannte das Spiel schwer; die Art, wie der Gegner spielte, habe ihn überrascht.",
        "die Art, wie der Gegner spielte, habe ihn überrascht",
    );
    // A source that opens the sentence, with a date in it, is not in the middle.
    one(
        "Ersten Angaben vom gestrigen Montag zufolge gehörte das Flugzeug dem Institut.",
        "gehörte das Flugzeug dem Institut",
    );
}

#[test]
fn a_source_in_the_middle_is_cut_out() {
    // Two fragments around it, without the full stop.
    one(
        "Die Zahlen sind laut Donald Terry kein Grund zum Feiern.",
        "Die Zahlen sind | kein Grund zum Feiern",
    );
    one(
        "Heute demonstrierten nach Angaben der Veranstalter rund 7.000 Menschen.",
        "Heute demonstrierten | rund 7.000 Menschen",
    );
    one(
        "Am Samstag starben Berichten zufolge beim Absturz alle Insassen.",
        "Am Samstag starben | beim Absturz alle Insassen",
    );
    // An adjective belongs to the source.
    one(
        "Am Sonntag wurde nach Angaben libanesischer Sicherheitskreise ein Mann verletzt.",
        "Am Sonntag wurde | ein Mann verletzt",
    );
}

#[test]
fn sources_with_lowercase_names_pronouns_numbers_and_so_are_cut_out() {
    // `so X` set off by commas, as `laut X` is.
    one(
        "Der Präsident sei, so die Sprecherin der Opposition, schuld an der Krise.",
        "Der Präsident sei | schuld an der Krise",
    );
    one(
        "Der Präsident sei, so Gamkrelids, Schuld an der Krise.",
        "Der Präsident sei | Schuld an der Krise",
    );
    one(
        "Dennoch, so Nacke, habe der Minister seine Pflicht verletzt.",
        "Dennoch | habe der Minister seine Pflicht verletzt",
    );
    // A `so` that ends its sentence names no source (and reads no word past the sentence).
    let t = "Die Lage sei ernst ,' so. Mehr Text.";
    assert_eq!(found(t).len(), 1, "{t}");
    // Names with a lowercase particle, and web sites.
    one(
        "Danach sei laut el-Hassan die Anlage abgeschaltet worden.",
        "Danach sei | die Anlage abgeschaltet worden",
    );
    one(
        "Die Preise seien laut tagesschau.de kräftig gestiegen.",
        "Die Preise seien | kräftig gestiegen",
    );
    // A web address in marks opening the sentence is its source, not what was said.
    one(
        "Laut „tagesschau.de“ gehören auch politische Posten zu den Forderungen der Rebellen.",
        "gehören auch politische Posten zu den Forderungen der Rebellen",
    );
    // The source phrase after `laut` ends before a number or an article that opens the next
    // phrase, and may open with a possessive.
    one(
        "In der Region mussten laut Behördenangaben 5.000 Menschen fliehen.",
        "In der Region mussten | 5.000 Menschen fliehen",
    );
    one(
        "Viele Menschen fürchten laut Müller den sozialen Abstieg.",
        "Viele Menschen fürchten | den sozialen Abstieg",
    );
    one(
        "Der Verein hatte laut seinem Vorsitzenden großen Zulauf.",
        "Der Verein hatte | großen Zulauf",
    );
    // … or with an indefinite article; it takes in a name in marks, but not marked words of
    // the quote, nor the article before them.
    one(
        "Das Video wurde laut einem Sprecher der Firma sofort gelöscht.",
        "Das Video wurde | sofort gelöscht",
    );
    one(
        "Im Zug ist laut der Agentur „Interfax“ eine Bombe explodiert.",
        "Im Zug ist | eine Bombe explodiert",
    );
    one(
        "Er sei nach Auffassung eines Gerichtes des „Aufrufs zur Gewalt“ schuldig.",
        "Er sei | des „Aufrufs zur Gewalt“ schuldig",
    );
    // A source with such a name that opens the sentence is left out whole.
    one(
        "Dem Sender al-Hurra zufolge wird das Schiff nach Aschdod gebracht.",
        "wird das Schiff nach Aschdod gebracht",
    );
    one(
        "Der Website sportdaten.de zufolge ist der Schiedsrichter streng.",
        "ist der Schiedsrichter streng",
    );
}

#[test]
fn a_clause_says_what_it_reports_after_wonach_or_a_source_it_opens_with() {
    one(
        "Das Ministerium hat Meldungen der Zeitung zurückgewiesen, wonach Inspektoren Zutritt zu den Anlagen verlangt hätten.",
        "Inspektoren Zutritt zu den Anlagen verlangt hätten",
    );
    one(
        "Er verwies auf Studien der Charité, nach denen Homöopathie der Schulmedizin oft ebenbürtig sei.",
        "Homöopathie der Schulmedizin oft ebenbürtig sei",
    );
    one(
        "Ein Sprecher sagte heute, nach neuesten Erkenntnissen habe ein Unbekannter den Namen verwendet.",
        "habe ein Unbekannter den Namen verwendet",
    );
}

#[test]
fn the_narrator_takes_over_at_a_verb_in_the_past_indicative() {
    one(
        "Der Angeklagte sagte, er sei unschuldig, erkannte das Gericht nicht an und weigerte sich, seinen Namen zu nennen.",
        "er sei unschuldig",
    );
    one(
        "Er sagte, Europa brauche die Engländer, und fügte hinzu, dass er sie schätze.",
        "Europa brauche die Engländer",
    );
    // A word in `-te`/`-ten` that ends its clause is rather a participle or adjective.
    one(
        "Die Polizei teilte mit, der Mann sei in Freiheit und wohlbehalten.",
        "der Mann sei in Freiheit und wohlbehalten",
    );
}

#[test]
fn named_sources_and_reported_speech() {
    // A source that opens the sentence is not part of what it says.
    one(
        "Laut Polizei gab es drei Verletzte.",
        "gab es drei Verletzte",
    );
    one(
        "Nach Angaben der Feuerwehr von Emden sind drei Häuser beschädigt.",
        "sind drei Häuser beschädigt",
    );
    one(
        "Nach einem Bericht von n24 hat der Fahrer die Ampel übersehen.",
        "hat der Fahrer die Ampel übersehen",
    );
    one(
        "Demnach hat der Fahrer die Ampel übersehen.",
        "hat der Fahrer die Ampel übersehen",
    );
    one(
        "Medienberichten zufolge hat der Fahrer die Ampel übersehen.",
        "hat der Fahrer die Ampel übersehen",
    );
    // A sentence whose next one says who said it (`Das erklärte …`) is indirect speech;
    // that next one is no speech of its own.
    one(
        "Die Enten waren mit dem Virus infiziert, das als gefährlich gilt. Das erklärte gestern ein Sprecher.",
        "Die Enten waren mit dem Virus infiziert, das als gefährlich gilt.",
    );
    // `Wie X mitteilte,` before or after, `Nach Polizeiangaben`, `soll … sein`, and a verb's
    // particle before `, dass`.
    one(
        "Wie die Feuerwehr mitteilte, sind drei Häuser beschädigt.",
        "sind drei Häuser beschädigt",
    );
    one(
        "Drei Häuser sind beschädigt, wie die Feuerwehr am Abend mitteilte.",
        "Drei Häuser sind beschädigt",
    );
    one(
        "Nach Polizeiangaben sind drei Häuser beschädigt.",
        "sind drei Häuser beschädigt",
    );
    one(
        "Der Fahrer soll die Ampel übersehen haben.",
        "Der Fahrer soll die Ampel übersehen haben.",
    );
    one(
        "Die Firma gab am Montag an, dass drei Häuser beschädigt sind.",
        "dass drei Häuser beschädigt sind",
    );
    assert!(found("Das Amt war gewarnt worden.").is_empty());
    assert!(found("Der Fahrer soll die Ampel künftig beachten.").is_empty());
    // That someone spoke, without what: reported speech, the whole sentence.
    assert_eq!(
        found("Die Opposition wies die Änderungen strikt zurück."),
        vec![(
            "Die Opposition wies die Änderungen strikt zurück.".to_string(),
            "reported"
        )]
    );
    // Not: a passive, a note in parentheses, speaking with someone.
    for t in [
        "Die Bodenoffensive wurde von einer Sprecherin bestätigt.",
        "Im April gab es die ersten Verletzten (Wikinews berichtete).",
        "Der Kommandant sprach mit seiner Frau und seinem Sohn.",
    ] {
        assert!(found(t).is_empty(), "{t}");
    }
    assert!(
        found("Er kam an, als es dunkel wurde, und dass es regnete, störte ihn nicht.").is_empty()
    );
    assert!(found("Nach dem Unfall war die Straße gesperrt.").is_empty());
}

#[test]
fn a_main_clause_after_a_reporting_verb_is_said_in_any_mood() {
    one(
        "An die Gewerkschaften gewandt sagte Köhler, sie müssten ihre Zurückhaltung aufgeben.",
        "sie müssten ihre Zurückhaltung aufgeben",
    );
    one(
        "Die Zeitung hatte gestern berichtet, 200 Mitarbeiter sollen entlassen werden.",
        "200 Mitarbeiter sollen entlassen werden",
    );
    // A clause that a conjunction or a relative pronoun opens is no such clause.
    for t in [
        "Er sagte nichts mehr, weil er sehr müde war.",
        "Das berichtete der Minister, der seit Jahren im Amt ist, am Montag.",
    ] {
        assert!(
            found(t).iter().all(|(_, form)| *form != "indirect"),
            "{t}: {:?}",
            found(t)
        );
    }
}

#[test]
fn a_reporting_clause_near_the_end_makes_a_sentence_indirect_speech_and_is_cut_off() {
    one(
        "Es sah so aus, als ob der Flügel stark belastet worden wäre, sagte Henderson weiter.",
        "Es sah so aus, als ob der Flügel stark belastet worden wäre",
    );
    one(
        "Sie seien außer Lebensgefahr, sagte Mark O’Keefe, der Sprecher der Klinik.",
        "Sie seien außer Lebensgefahr",
    );
    // A long one too, with a title set off by commas and where it was said.
    one(
        "Die Ursache sei noch unklar, verlautbarte Peter Sharp, der geschäftsführende Direktor der Reederei Rabaul Shipping Company, gestern in einer Pressemitteilung.",
        "Die Ursache sei noch unklar",
    );
    // `so` and a source with its article.
    one(
        "Zwei Drittel aller Methoden sind unwirksam, so das Ergebnis einer Studie.",
        "Zwei Drittel aller Methoden sind unwirksam",
    );
    one(
        "Die Lage in der Stadt ist ernst, so die Polizei.",
        "Die Lage in der Stadt ist ernst",
    );
    // A `wie` clause with a name set off by commas inside it is cut off whole.
    one(
        "Die Chemikalie stand unter Druck, wie Burt Rutan, Chef der Firma, mitteilte.",
        "Die Chemikalie stand unter Druck",
    );
    // `sagte … ab` calls something off.
    let t = "Die Schule, die neu ist, sagte das Fest am Montag ab.";
    assert!(found(t).iter().all(|(_, form)| *form != "indirect"), "{t}");
}

#[test]
fn a_direct_quote_that_ends_its_sentence_ends_the_sentence_before_the_next() {
    // The sentence after `.“` is read for itself: its source opens it.
    let t = "Er sagte: „Es gibt keinen Markt.“ Laut der Website „icelandreview.com“ wird das Schiff bald bereit sein, Walfang zu betreiben.";
    assert!(
        found(t).contains(&(
            "wird das Schiff bald bereit sein, Walfang zu betreiben".to_string(),
            "indirect"
        )),
        "{:?}",
        found(t)
    );
    // Each sentence in the Konjunktiv after a direct quote is a quote of its own.
    let t = "Sie sei „froh über die Lösung.“ Das Amt werde im Mai eröffnet.";
    assert_eq!(
        found(t),
        vec![
            ("Sie sei „froh über die Lösung.“".to_string(), "indirect"),
            ("Das Amt werde im Mai eröffnet.".to_string(), "indirect"),
        ]
    );
    // Not before a lowercase word: the quote is inside its sentence (`„…!“ rief er`).
    let t = "Er rief „Weg hier!“ und lief davon, das Haus sei eingestürzt.";
    assert_eq!(found(t).len(), 1, "{:?}", found(t));
}

#[test]
fn lives_claimed_and_a_language_spoken_are_no_reported_speech() {
    for t in [
        "Die Überschwemmungen haben bisher mindestens 35 Todesopfer gefordert.",
        "In Vietnam forderte die Naturkatastrophe 92 Menschenleben.",
        "Dort lebt eine Gemeinde, die mehrheitlich Kantonesisch spricht.",
    ] {
        assert!(found(t).is_empty(), "{t}: {:?}", found(t));
    }
    // A demand still is.
    assert_eq!(
        found("Die Gewerkschaft forderte höhere Löhne für die Beschäftigten."),
        vec![(
            "Die Gewerkschaft forderte höhere Löhne für die Beschäftigten.".to_string(),
            "reported"
        )]
    );
}

#[test]
fn a_relative_clause_after_the_reporting_clause_that_ends_the_sentence_is_no_quote() {
    for (t, direct) in [
        (
            "„Das ist falsch“, sagte Krause, der seit Jahren dagegen kämpft.",
            "„Das ist falsch“",
        ),
        (
            "\"This budget is bad,\" said Ray Ortiz, who has opposed the plan for months.",
            "\"This budget is bad,\"",
        ),
    ] {
        assert_eq!(found_around(t, direct), Vec::<String>::new(), "{t}");
    }
}
