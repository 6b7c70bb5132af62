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
fn titles_and_names_in_marks_are_not_quotes() {
    for t in [
        "Der Fernsehsender „Silverbird“ berichtete von der Bergung von 56 Leichen.",
        "Die „Kampagne für ein Freies Tibet“ berichtete über einen Marsch.",
        "Unter dem Motto „Cannabis - ein Problem?!“ trafen sich am Montag Ärzte.",
        "„Wikiasari“, so heißt ein geplantes Projekt des Gründers.",
        "Er sprach mit der „Financial Times“ über mögliche Nachfolger.",
        "The so-called “reform” failed in its first year.",
        "Die Wochenzeitung „Le Canard enchaîné“ berichtete zuerst darüber.",
    ] {
        assert_eq!(said(t), Vec::new(), "{t}");
    }
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
