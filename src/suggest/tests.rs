//! The rules as a whole, on small German and English texts written for the purpose: what is
//! a quote (a headline's, a post's, a nested one, a word something is called), what is not
//! (titles, names in marks, scare quotes), and who said it.

use super::*;

/// Each suggestion as (its text, its speaker's text).
fn said(text: &str) -> Vec<(String, Option<String>)> {
    let chars: Vec<char> = text.chars().collect();
    let cut = |(a, b): (usize, usize)| chars[a..b].iter().collect::<String>();
    suggest(text)
        .into_iter()
        .map(|s| {
            let parts: Vec<String> = s.fragments.iter().map(|&f| cut(f)).collect();
            (parts.join(" "), s.speaker.map(cut))
        })
        .collect()
}

/// Like [`said`], the quotes in German marks or straight double ones only (a sentence around
/// one may be indirect speech too).
fn said_in_marks(text: &str) -> Vec<(String, Option<String>)> {
    said(text)
        .into_iter()
        .filter(|(q, _)| q.starts_with(['„', '"']))
        .collect()
}

fn one(text: &str) -> (String, Option<String>) {
    let found = said(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap_or_default()
}

#[test]
fn a_headline_quote_takes_the_speaker_of_the_same_words_in_the_body() {
    let t = "„Wir wurden nicht gewarnt“ – Stadtwerke unter Druck\n\n„Wir wurden nicht gewarnt“, sagte Bürgermeisterin Petra Krause am Dienstag.";
    let found = said(t);
    assert_eq!(found.len(), 2, "{found:?}");
    for (quote, who) in found {
        assert_eq!(quote, "„Wir wurden nicht gewarnt“");
        assert_eq!(who.as_deref(), Some("Bürgermeisterin Petra Krause"));
    }
}

#[test]
fn a_post_is_quoted_and_attributed_to_who_announced_it() {
    let t = "Auf der Plattform X schrieb Oppositionsführer Jonas Berger:\n\n@JonasBerger_LDN: Die Stadtwerke waren drei Tage offline. Wer trägt dafür die Verantwortung? #Lindenau";
    let (quote, who) = one(t);
    assert!(quote.starts_with("Die Stadtwerke waren") && quote.ends_with("#Lindenau"));
    assert_eq!(who.as_deref(), Some("Oppositionsführer Jonas Berger"));
    let (_, who) = one("@maria_alvarez: We read all 212 pages of it.");
    assert_eq!(who.as_deref(), Some("@maria_alvarez"));
}

#[test]
fn a_nested_quote_is_part_of_the_quote_around_it() {
    let (quote, who) = one("„Er rief ‚Halt!‘ und ging einfach weiter“, sagte die Zeugin.");
    assert_eq!(quote, "„Er rief ‚Halt!‘ und ging einfach weiter“");
    assert_eq!(who.as_deref(), Some("die Zeugin"));
    let (quote, _) = one("“He shouted ‘stop!’ and walked on,” the witness said.");
    assert_eq!(quote, "“He shouted ‘stop!’ and walked on,”");
}

#[test]
fn english_marks_that_hold_the_comma_are_a_quote_before_its_reporting_verb() {
    for t in [
        "\"This budget is bad,\" said Ray Ortiz.",
        "“This budget is bad,” said Ray Ortiz.",
    ] {
        let (quote, who) = one(t);
        assert!(
            quote.ends_with(",\"") || quote.ends_with(",”"),
            "{t}: {quote}"
        );
        assert_eq!(who.as_deref(), Some("Ray Ortiz"), "{t}");
    }
}

#[test]
fn titles_and_names_in_marks_are_not_quotes() {
    for t in [
        "Der Fernsehsender „Silverbird“ berichtete von der Bergung von 56 Leichen.",
        "Die „Kampagne für ein Freies Tibet“ berichtete über einen Marsch.",
        "Unter dem Motto „Cannabis - ein Problem?!“ trafen sich am Montag Ärzte.",
        "„Wikiasari“, so heißt ein geplantes Projekt des Gründers.",
        "Er sprach mit der „Financial Times“ über mögliche Nachfolger.",
        "The so-called “reform” failed in its first year.",
        "Die Wochenzeitung „Le Canard enchaîné“ berichtete zuerst darüber.",
        "Der Laden verkauft den „iPod nano“ seit dem Jahr 2005.",
        "Die Ausstellung „documenta 12“ beginnt im Juni.",
    ] {
        assert_eq!(said(t), Vec::new(), "{t}");
    }
}

#[test]
fn a_law_a_prize_or_a_body_named_by_its_kind_in_marks_is_no_quote() {
    for t in [
        "Im ersten Satz beruft sich die Bank darauf, dass die Freigabe rechtens sei. In Großbritannien sind die Banken nach einem „Gesetz zur Bekämpfung der Geldwäsche“ zur Meldung verpflichtet.",
        "Wie die „Aktion Deutschland hilft“ heute mitteilte, werde die Hilfe ausgeweitet.",
    ] {
        let marked = said(t).into_iter().filter(|(q, _)| q.starts_with('„'));
        assert_eq!(marked.count(), 0, "{t}");
    }
}

#[test]
fn names_terms_lists_and_glosses_in_marks_are_not_quotes() {
    for t in [
        // A word for a kind of body or work before the marks, also in the genitive.
        "Die Organisation „Journalisten ohne Grenzen“ erklärte, die Lage sei ernst.",
        "Laut einem Test des Magazins „rad, motor und reise“ gibt es 90 Modelle.",
        "Er erhielt den Titel mit dem Prädikat „magna cum laude“ im Jahr 2004.",
        // A name with its abbreviation; a term someone calls so.
        "Das Bündnis nennt sich „Allianz für die Freiheit der Presse“ (AFP) und sagte ab.",
        "Die „Front für die Freiheit der Presse“ (FFP) kündigte am Montag Proteste an.",
        "Erklärt wurde das mit der so genannten „kleinen Lösung“ für die Stadt.",
        "Ein sogenanntes „schnelles Verfahren“ wurde eröffnet, sagte sie.",
        "The so-called \"fiscal rule\" was introduced in 2019, she told parliament.",
        "Die Junta, die sich selbst „Rat für die Rettung der Nation“ nennt, sagte ab.",
        // Items of a list; a translation of a marked term.
        "Es gab Vorträge wie „Bahnen in Dresden“, „Die Post im Wandel“ oder „Häfen an der Elbe“, sagte sie.",
        "Die Angriffe der Operation „Cast Lead“ („gegossenes Blei“) gingen weiter, sagte er.",
        "Es gab Vorträge wie „Der Einsatz der Bahnen zur Räumung der Stadt in den Jahren 1946 bis 1958“, „Die Post“ oder „Häfen“, sagte sie.",
        // Capitalised marked words in the genitive of a noun.
        "Ein Sprecher der „Polizei von Deland“, Randy Henderson, sagte, das Flugzeug sei abgestürzt.",
        // What something calls itself, or what its title reads.
        "Die Schule, die sich als „Schule ohne Rassismus und mit Courage“ präsentiert, sagte ab.",
        "Dann nennt sie sich „Messe der Zukunft“ und findet im Juni statt, sagte er.",
        "„Gewalt gegen Kinder in Familien“, so lautet der Titel einer Studie.",
    ] {
        assert_eq!(said_in_marks(t), Vec::new(), "{t}");
    }
}

#[test]
fn a_word_something_is_called_with_an_article_or_rejected_as_is_quoted() {
    for (t, quote) in [
        (
            "SPD-Innenexperte Wiefelspütz nannte den Bericht eine „Zeitungsente“.",
            "„Zeitungsente“",
        ),
        (
            "Die Regierung hatte den Bericht umgehend als „falsch“ zurückgewiesen.",
            "„falsch“",
        ),
        (
            "Der Verband sieht die Maßnahme als „Kapitulation“ vor den Randalierern.",
            "„Kapitulation“",
        ),
    ] {
        let found = said_in_marks(t);
        assert_eq!(found.len(), 1, "{t}: {found:?}");
        assert_eq!(found[0].0, quote);
    }
}

#[test]
fn marked_words_in_the_first_or_second_person_are_said() {
    let t = "Die Gruppe zog mit der Parole „Wir erwarten euch“ durch die Stadt.";
    let found = said_in_marks(t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "„Wir erwarten euch“");
}

#[test]
fn a_phrase_in_marks_that_begins_in_lowercase_is_someones_wording() {
    let t = "Die Opposition hat „gravierende rechtliche Bedenken“ gegen den Plan.";
    let found = said(t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "„gravierende rechtliche Bedenken“");
}

#[test]
fn words_something_is_called_and_short_quotes_with_a_clause_are_quotes() {
    let (quote, who) =
        one("In einem Gespräch wies der Geschäftsführer alle Vorwürfe als „haltlos“ zurück.");
    assert_eq!(quote, "„haltlos“");
    assert_eq!(who.as_deref(), Some("der Geschäftsführer"));
    let (quote, who) = one("„Gesindel“, sagte Innenminister Nicolas Sarkozy über die Randalierer.");
    assert_eq!(quote, "„Gesindel“");
    assert_eq!(who.as_deref(), Some("Innenminister Nicolas Sarkozy"));
    let (quote, who) = one(
        "Regierungssprecher Steffen Seibert versuchte mit den Worten zu beruhigen: „Der IWF ist funktionstüchtig“.",
    );
    assert_eq!(quote, "„Der IWF ist funktionstüchtig“");
    assert_eq!(who.as_deref(), Some("Regierungssprecher Steffen Seibert"));
    // Said to a newspaper: the newspaper's name before the colon is no title.
    let (quote, who) = one("Krause sagte der Zeitung: „Wir sehen das kritisch.“");
    assert_eq!(quote, "„Wir sehen das kritisch.“");
    assert_eq!(who.as_deref(), Some("Krause"));
}

/// The speaker of each quote in `text`, in order.
fn speakers(text: &str) -> Vec<Option<String>> {
    said(text).into_iter().map(|(_, who)| who).collect()
}

#[test]
fn the_subject_after_the_verb_when_something_else_opens_the_sentence() {
    for (t, who) in [
        (
            "In ihrer Rede vor dem Landtag begründete die Ministerin Eva Lang den Plan: „Wir haben keine Wahl mehr.“",
            "die Ministerin Eva Lang",
        ),
        (
            "Den Vorschlag der Kommission über die Gebühren kommentierte Verbandschef Jens Ohm knapp: „Das geht an der Sache vorbei.“",
            "Verbandschef Jens Ohm",
        ),
        (
            "Als Antwort auf die Kritik schrieb ein Sprecher des Senats: „Die Zahlen sind vollständig.“",
            "ein Sprecher",
        ),
        (
            "Nachdem sie nach den Plänen gefragt worden war, entgegnete Berg gelassen: „Wir warten ab.“",
            "Berg",
        ),
        (
            "Die Lokalzeitung zitiert einen Anwohner mit den Worten: „Das Wasser stand bis zur Tür.“",
            "einen Anwohner",
        ),
        (
            "„Es klang wie ein Güterzug vor der Tür“, beschreibt eine Anwohnerin aus Emden den Lärm.",
            "eine Anwohnerin",
        ),
        (
            "Gegenüber dem Kurier sagte der Grünenpolitiker: „Wir stimmen nicht zu.“",
            "der Grünenpolitiker",
        ),
        (
            "Im Radio zeigt sich der Bundestrainer zufrieden: „Wir haben besser gespielt.“",
            "der Bundestrainer",
        ),
        (
            "Vor der Sitzung 2019 warnte die Richterin Anna Kolb: „Das Gesetz hält nicht.“",
            "die Richterin Anna Kolb",
        ),
        (
            "Passend zu den Gefahren des Eises warnte die Moderatorin: „Es ist glatt.“",
            "die Moderatorin",
        ),
        (
            "Relativierend fügt Gall hinzu: „Das gilt nicht für alle.“",
            "Gall",
        ),
        // A dateline before a dash is not part of the name.
        (
            "WASHINGTON — Senator Maria Alvarez said the deal \"puts millions of users at risk\".",
            "Senator Maria Alvarez",
        ),
        (
            // The clause before the colon is longer than 200 characters.
            "Da Bäcker und Brauer auf die sichere Versorgung mit sauberem und gesundem Wasser aus den Brunnen der Region notwendigerweise angewiesen sind, warnte der Verbandschef, Paul Hahn, die Politik in einem langen Brief an sechs Ministerien des Bundes: „Das Wasser ist in Gefahr.“",
            "der Verbandschef, Paul Hahn",
        ),
    ] {
        assert_eq!(speakers(t), [Some(who.to_string())], "{t}");
    }
}

#[test]
fn the_sentence_after_a_quote_does_not_name_its_speaker() {
    // The quote ends its sentence: the next one's subject said the quote after it, not this.
    let t = "Der Gouverneur Paul Rode sagte: „Wir kämpfen gegen ein Monster.“ Anna Berg beklagte dagegen: „Es kommt zu wenig Hilfe.“";
    assert_eq!(
        speakers(t),
        [
            Some("Der Gouverneur Paul Rode".to_string()),
            Some("Anna Berg".to_string())
        ]
    );
    // A subject that begins with digits (`Der 58-Jährige`) is a subject all the same.
    let t = "Der 58-Jährige habe dann gesagt, er sei „am Ende“.";
    let direct = said_in_marks(t);
    assert_eq!(
        direct,
        [("„am Ende“".to_string(), Some("Der 58-Jährige".to_string()))]
    );
    // A second verb of the same subject: `und kündigte an` names nobody.
    let t = "Er nannte das Schreiben „eine Zumutung“ und kündigte an, ein Vertreter werde kommen.";
    assert_eq!(said(t)[0].1.as_deref(), Some("Er"));
}

#[test]
fn a_sentence_in_the_konjunktiv_carries_on_the_speaker_before() {
    // Its own subject (`die Regierung`) did not say the quoted words: the speaker before did.
    let t =
        "„Wir treten zurück“, sagte Stoiber. Erstmals sei die Regierung „nicht mehr berechenbar“.";
    let direct: Vec<_> = said_in_marks(t).into_iter().map(|(_, who)| who).collect();
    assert_eq!(
        direct,
        [Some("Stoiber".to_string()), Some("Stoiber".to_string())]
    );
    // A Konjunktiv after the reporting clause's comma leaves the subject the speaker.
    let t = "Die Passagiere berichteten, das Flugzeug sei mit einem „großen Ruck“ gelandet.";
    let direct = said_in_marks(t);
    assert_eq!(
        direct,
        [(
            "„großen Ruck“".to_string(),
            Some("Die Passagiere".to_string())
        )]
    );
}

#[test]
fn indirect_speech_that_goes_on_keeps_its_source() {
    // A source in the middle of a sentence makes it indirect speech, in two fragments
    // around the source (joined by a space here).
    let t = "Der Chef hat sich nach Angaben der Kommission an die Regierung gewandt.";
    assert_eq!(
        said(t),
        [(
            "Der Chef hat sich an die Regierung gewandt".to_string(),
            Some("Angaben der Kommission".to_string())
        )]
    );
    // The next sentence goes on in the Konjunktiv: the same source said it (`so` inside it
    // is an adverb, not `…, so X`).
    let t = "Nach Angaben von n24 sind die Gruppen mobil. Sie würden sich per Telefon verständigen und so Katz-und-Maus spielen.";
    let who: Vec<_> = said(t).into_iter().map(|(_, who)| who).collect();
    let n24 = Some("Angaben von n24".to_string());
    assert_eq!(who, [n24.clone(), n24]);
}

#[test]
fn indirect_speech_over_whole_sentences_is_one_quote() {
    let t = "Der Sprecher sagte, die Lage sei ruhig. Es gebe keine Verletzten. Die Straßen seien wieder frei. Die Stadt baute eine Brücke.";
    let sprecher = Some("Der Sprecher".to_string());
    assert_eq!(
        said(t),
        [
            ("die Lage sei ruhig".to_string(), sprecher.clone()),
            (
                "Es gebe keine Verletzten. Die Straßen seien wieder frei.".to_string(),
                sprecher
            )
        ]
    );
}

#[test]
fn a_sentence_in_the_konjunktiv_around_a_quote_is_indirect_speech_too() {
    let t = "Er habe „nicht den Eindruck, dass sie es kann“.";
    let found = suggest(t);
    let forms: Vec<&str> = found.iter().map(|s| s.form).collect();
    assert_eq!(forms, ["indirect", "direct"], "{found:?}");
    // The indirect quote is the whole sentence, the direct one inside it.
    assert_eq!(found[0].fragments, [(0, t.chars().count())]);
    // Without the Konjunktiv, a sentence that is mostly a quote is that quote alone.
    let t = "Er hatte „nicht den Eindruck, dass sie es kann“.";
    let forms: Vec<&str> = suggest(t).iter().map(|s| s.form).collect();
    assert_eq!(forms, ["direct"]);
}

#[test]
fn indirect_speech_never_cuts_through_a_direct_quote() {
    let t = "Gegenüber dem Kurier sagte der Grünenpolitiker: „Es ist so, wie Sarkozy das sagt.“";
    let chars: Vec<char> = t.chars().collect();
    let found = suggest(t);
    let direct = found
        .iter()
        .find(|s| s.form == "direct")
        .map(|s| s.fragments[0]);
    let Some((a, b)) = direct else {
        panic!("no direct quote in {found:?}")
    };
    for s in found.iter().filter(|s| s.form != "direct") {
        for &(x, y) in &s.fragments {
            let inside = a <= x && y <= b;
            let apart = y <= a || b <= x;
            let whole = x <= a && b <= y;
            let text: String = chars[x..y].iter().collect();
            assert!(inside || apart || whole, "{text:?} cuts through the quote");
        }
    }
}

#[test]
fn reported_speech_names_its_speaker_inside_it() {
    // `Das` opens a subject with its noun, though alone (`Das ist …`) it opens none.
    let (_, who) = one("Das Landesamt wies die Darstellung zurück.");
    assert_eq!(who.as_deref(), Some("Das Landesamt"));
    let t = "Die Opposition wies die geforderten Änderungen strikt zurück.";
    let found = suggest(t);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].form, "reported");
    let mut n = 0;
    let (anns, rels) = as_layer(t, &found, &mut |p| {
        n += 1;
        format!("{p}{n}")
    });
    let speaker = anns
        .iter()
        .find(|a| a.label == "speaker")
        .expect("a speaker");
    assert_eq!(speaker.text, "Die Opposition");
    assert_eq!(
        rels.len(),
        1,
        "the reported sentence is linked to who spoke in it"
    );
}

/// The words and marks the rules react to, mixed with text that breaks naive offsets: the
/// pieces of [`any_text_gives_suggestions_inside_it`].
const RULE_PIECES: &[&str] = &[
    "„",
    "“",
    "\"",
    "«",
    "»",
    ",",
    ".",
    ":",
    " ",
    "\n",
    "sagte",
    "Nach",
    "Angaben",
    "wie",
    "mitteilte",
    "dass",
    "soll",
    "sein",
    "Der",
    "Das",
    "58-Jährige",
    "Wie",
    "zufolge",
    "Demnach",
    "(",
    ")",
    "Krause",
    "er",
    "und",
    "zitiert",
    "mit",
    "Worten",
    "laut",
    "so",
    "–",
    "?",
    "sei",
    "wurde",
    "an",
    "gab",
    "😀",
    "‚",
    "‘",
    "1",
    "n24",
    "wies",
    "zurück",
    "”",
    "'",
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
    "漢字",
    "e\u{301}",
    "(AB)",
    "zumal",
    "vom",
    "Auch",
    "die",
    "t-online.de",
    "el-Baradei",
    ";",
    "wonach",
    "denen",
    "vorgeworfen",
    "erkannte",
    "weigerte",
    "tagesschau.de",
    "al-Hurra",
    "seinem",
    "ersten",
    "II.",
    "Ergebnis",
    "zu",
    "haben",
    "hätte",
    "Behördenangaben",
    "Ermittlungen",
    "des",
    "beschloss",
    "abzureißen",
    "auf",
    "um",
    "Aufforderung",
    "aufforderte",
    "der",
    "erst",
    "ernannte",
    "von",
    "israelischen",
    "wurden",
    "angewiesen",
    "Als",
    "beurteilte",
    "wurden.Das",
    "Aufgrund",
    "Monatelang",
    "einem",
    "„Interfax“",
    "Gerichtes",
    "beschloss am Montag,",
    ", so Gamkrelids,",
    "Markt.“",
    "„tagesschau.de“",
    "Laut",
    "funktioniere",
    "handele",
    " - ",
    "Ob",
    "Ihm",
    ": ",
    "Todesopfer gefordert",
    "„Gesetz",
    "\"Nein, das",
    "bestehe",
    "said",
    "that",
    "According to",
    "told reporters",
    "would",
    "the",
    "a spokesman",
    "adding",
    "whose",
    "Earlier",
    "workers'",
    ",'",
    "Baker's",
    "Its",
    "said.",
    ", engineers said",
    "and",
    "said Dr. Nair, the",
    "called off",
    "criticised",
];

#[test]
fn any_text_gives_suggestions_inside_it() {
    // Random runs of the words and marks the rules look at (seeded): no panic, every fragment
    // and speaker lies inside the text and is not empty, and fragments come in order.
    let mut seed: u64 = 42;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..3000 {
        let n = (next() % 160) as usize;
        let text: String = (0..n)
            .map(|_| RULE_PIECES[(next() % RULE_PIECES.len() as u64) as usize])
            .collect::<Vec<_>>()
            .join(if next() % 2 == 0 { " " } else { "" });
        let len = text.chars().count();
        for s in suggest(&text) {
            assert!(!s.fragments.is_empty(), "{text:?}: {s:?}");
            for pair in s.fragments.windows(2) {
                assert!(pair[0].1 <= pair[1].0, "{text:?}: {s:?}");
            }
            for &(a, b) in s.fragments.iter().chain(s.speaker.as_ref()) {
                assert!(a < b && b <= len, "{a}..{b} in {text:?}");
            }
        }
    }
}

mod english;
mod speakers;
