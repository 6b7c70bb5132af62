//! Speakers named by a clause around a quote rather than next to it: the sentence after it
//! (`Das erklärte ein Sprecher.`), a `zitiert` clause's object, a reporting clause set into
//! the sentence (`…, sagte die Königin, …`), the subordinate clause before it (`…, zumal X
//! betont hatte, …`) or the clause `…, und` opens, an opening `wie` clause (`Wie
//! t-online.de berichtet, …`).

use super::super::lexicon;
use super::super::sentence::{CLOSING_MARKS, OPENING_MARKS, Word, may_be_a_verb, words};
use super::{
    article_and_name, capitalised, name_from, reporting_verb, sentence_end, sentence_start,
};

/// `…“, zitiert Welt-Online den Minister`: the one a `zitiert` clause quotes, an article and
/// a noun after the name at `ws[k]` that quotes.
pub(super) fn cited(ws: &[Word], verb: usize, k: usize) -> Option<(usize, usize)> {
    if !ws[verb].text.to_lowercase().starts_with("zitier") {
        return None;
    }
    let (_, end) = name_from(ws, k)?;
    let next = ws.iter().position(|w| w.start >= end)?;
    let article = ws.get(next)?.text.to_lowercase();
    if !["den", "die", "einen", "eine"].contains(&article.as_str()) {
        return None;
    }
    name_from(ws, next + 1).map(|(_, e)| (ws[next].start, e))
}

/// The speaker that the sentence after a quote ending at `end` names for it: `Das erklärte
/// gestern ein Sprecher des Ministeriums.`, `Dies sagte Krause der Zeitung.` (`Das` or `Dies`,
/// a reporting verb, then the name).
pub fn named_after(chars: &[char], end: usize) -> Option<(usize, usize)> {
    // The full stop of the quote's own sentence: the quote's last character, or further on.
    let stop = if end > 0 && ".!?".contains(chars[end - 1]) {
        end - 1
    } else {
        sentence_end(chars, end, 400)
    };
    if chars.get(stop).is_none_or(|&c| c == '\n') {
        return None;
    }
    let next = sentence_end(chars, stop + 1, 200);
    let ws = words(chars, stop + 1, next);
    let opener = ws.first()?.text.to_lowercase();
    if !["das", "dies", "dieses"].contains(&opener.as_str())
        || !ws.get(1).is_some_and(|w| lexicon::introduces(&w.text))
        || chars[stop..ws[0].start].contains(&'\n')
    {
        return None;
    }
    let k = (2..ws.len().min(8)).find(|&k| {
        let lower = ws[k].text.to_lowercase();
        capitalised(&ws[k].text) && !lexicon::BEFORE_NAME.contains(&lower.as_str())
            || lexicon::PRONOUNS.contains(&lower.as_str())
    })?;
    name_from(&ws, k)
}

/// The speaker a reporting clause set into a sentence names (`Sie sei „geschockt“, sagte
/// die britische Königin, …`, `…, hatte Koch-Mehrin damals gesagt.`): a clause after a comma
/// that opens with a reporting verb, or with `hat`/`hatte`/`habe` and has a reporting verb
/// within five words, and the name or pronoun right after its first word.
pub fn inserted_clause(ws: &[Word]) -> Option<(usize, usize)> {
    let lower = |k: usize| ws[k].text.to_lowercase();
    let k = (1..ws.len()).find(|&k| {
        ws[k].after_comma
            && (reporting_verb(&ws[k])
                || ["hat", "hatte", "habe", "hätte"].contains(&lower(k).as_str())
                    && ws[k + 1..].iter().take(5).any(reporting_verb))
    })?;
    // `Der frühere Bürgermeister, Henning Scherf (SPD), warnte die CDU vor …`: after a name
    // alone the verb is the sentence's own, and what follows it its object.
    if !(0..k).any(|j| may_be_a_verb(ws, j)) {
        return None;
    }
    // The name after the verb: articles and lowercase adjectives may come first.
    let name = (k + 1..(k + 4).min(ws.len())).find(|&j| {
        capitalised(&ws[j].text) && !lexicon::BEFORE_NAME.contains(&lower(j).as_str())
            || lexicon::PRONOUNS.contains(&lower(j).as_str())
    })?;
    let (_, end) = name_from(ws, name)?;
    let article = (k + 1..name).find(|&j| lexicon::ARTICLES.contains(&lower(j).as_str()));
    Some((article.map_or(ws[name].start, |j| ws[j].start), end))
}

/// The subject of the subordinate clause that ends right before a quote (`…, zumal Verteidiger
/// Wolfgang Dingfelder betont hatte, der Angeklagte sei …`, `…, weil die Polizei erklärte,
/// …`): the name or article and noun right after its conjunction, when a reporting verb ends
/// it.
pub(super) fn subordinate_subject(head: &[Word]) -> Option<(usize, usize)> {
    let k = head.iter().rposition(|w| w.after_comma)?;
    let conjunction = head[k].text.to_lowercase();
    if !(lexicon::SUBORDINATING.contains(&conjunction.as_str()) || conjunction == "zumal")
        || !head[k + 1..].iter().any(reporting_verb)
    {
        return None;
    }
    article_and_name(head, k + 1)
}

/// The relative pronoun that opens the clause right before a quote when a verb of saying or
/// asking ends that clause (`…, der alle Nichtmoslems aufforderte, nicht mehr …`, `Ägypten,
/// das vorschlug, …`): annotators mark the pronoun as the speaker, the word that stands for the
/// name in that clause.
pub(super) fn relative_subject(head: &[Word]) -> Option<(usize, usize)> {
    const RELATIVE: &[&str] = &["der", "die", "das", "welche", "welcher", "welches"];
    let k = head.iter().rposition(|w| w.after_comma)?;
    let says =
        |w: &Word| reporting_verb(w) || lexicon::ASKING.contains(&w.text.to_lowercase().as_str());
    (RELATIVE.contains(&head[k].text.as_str())
        && !head.get(k + 1).is_some_and(|w| capitalised(&w.text))
        && head[k + 1..].last().is_some_and(says))
    .then(|| (head[k].start, head[k].end))
}

/// The speaker a `wie` clause right after a quote that ends at `end` names (`…, wie die
/// Nachrichtenagentur ANSA gestern berichtete.`, `…, wie sein Anwalt mitteilte.`).
pub fn as_told_after(chars: &[char], end: usize) -> Option<(usize, usize)> {
    let ws = words(chars, end, sentence_end(chars, end, 200));
    // `words` marks a comma between `end` and the first word.
    if !ws.first()?.after_comma {
        return None;
    }
    as_told_by(chars, &ws)
}

/// The subject of a `wie` clause that opens a sentence (`Wie t-online.de berichtet, …`, `Wie
/// die Polizei am Montag mitteilte, …`): the words after `wie` up to the first lowercase word
/// that is no article and no `von`/`des` (and not joined to the word before: `t-online.de`),
/// when a reporting verb ends the clause (a passive's auxiliary may follow it).
pub(super) fn as_told_by(chars: &[char], head: &[Word]) -> Option<(usize, usize)> {
    if head.first()?.text.to_lowercase() != "wie" {
        return None;
    }
    let verb = head.iter().take(10).position(reporting_verb)?;
    // No modal after the verb (`wie der Sprecher das behaupten konnte` asks, it tells not).
    const MODALS: &[&str] = &[
        "kann", "konnte", "könne", "könnte", "will", "wollte", "wolle", "soll", "sollte", "solle",
        "muss", "musste", "müsse", "müsste", "darf", "durfte", "dürfe",
    ];
    if head
        .get(verb + 1)
        .is_some_and(|w| !w.after_comma && MODALS.contains(&w.text.as_str()))
    {
        return None;
    }
    let inside = |w: &Word| {
        let lower = w.text.to_lowercase();
        !w.text.starts_with(char::is_lowercase)
            || lexicon::ARTICLES.contains(&lower.as_str())
            || ["von", "des", "dem", "den"].contains(&lower.as_str())
    };
    let joined = |k: usize| {
        !chars[head[k - 1].end..head[k].start]
            .iter()
            .any(|c| c.is_whitespace())
    };
    let last = (2..verb)
        .find(|&k| !inside(&head[k]) && !joined(k))
        .unwrap_or(verb);
    (last > 1).then(|| (head[1].start, head[last - 1].end))
}

/// The last main clause of a sentence's words that `…, und`, `…, aber`, `…, doch` or
/// `…, sondern` opens (`Der Rat stufte das Gesetz als verfassungswidrig ein, und das
/// Kinderhilfswerk UNICEF rief Russland auf, …`): its own subject spoke.
/// A main clause set after a comma without a conjunction counts too, when its article, noun
/// and reporting verb follow each other (`…, die Organisation bezweifelt aber, dass …`).
pub(super) fn coordinated(ws: &[Word]) -> Option<&[Word]> {
    let k = ws.iter().rposition(|w| {
        w.after_comma && ["und", "aber", "doch", "sondern"].contains(&w.text.as_str())
    });
    let asyndetic = || {
        (1..ws.len().saturating_sub(2)).rfind(|&j| {
            ws[j].after_comma
                && lexicon::ARTICLES.contains(&ws[j].text.as_str())
                && capitalised(&ws[j + 1].text)
                && reporting_verb(&ws[j + 2])
        })
    };
    match k {
        Some(k) => Some(&ws[k + 1..]),
        None => asyndetic().map(|j| &ws[j..]),
    }
    .filter(|rest| rest.len() >= 2)
}

/// The speaker of a direct quote at `start` inside a `dass` clause whose own reporting verb
/// comes before it (`Der NDR will wissen, dass Mindermann das Mädchen gefragt habe, was sie
/// „anhabe“`): that clause's subject, right after `dass`.
pub fn dass_clause_speaker(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let ws = words(chars, super::sentence_start(chars, 0, start), start);
    let k = ws.iter().rposition(|w| w.text == "dass" && w.after_comma)?;
    // `gefragt habe`, `gewarnt hatte`: the participle of a verb of speech too.
    let participle = |w: &Word| {
        w.text == "gefragt"
            || w.text
                .strip_prefix("ge")
                .is_some_and(lexicon::weak_verb_of_speech)
    };
    if !ws[k + 1..]
        .iter()
        .any(|w| reporting_verb(w) || participle(w))
    {
        return None;
    }
    article_and_name(&ws, k + 1)
}

/// Where the clause of the words `ws` begins that a dash opens (`Konkreter wird Trump nicht –
/// dafür aber der Stabschef, Reince Priebus: „…“`): after the last dash, unless dashes come
/// in pairs around an insertion (`Aktuell lässt sie dort – offenbar durch ihre Anwälte –
/// Folgendes erklären: „…“`).
pub(super) fn after_last_dash(ws: &[Word]) -> usize {
    let dashes = ws.iter().filter(|w| w.after_dash).count();
    match ws.iter().rposition(|w| w.after_dash) {
        Some(k) if dashes % 2 == 1 => k,
        _ => 0,
    }
}

/// The words of the clause before `start` (from the sentence start or a semicolon), without
/// those of a quoted sentence in it, which say nothing of who speaks (`"Nein, nicht der Fall",
/// antwortete Putin und verwies darauf, dass …`): every double mark opens or closes a quote,
/// and one with punctuation inside is a sentence, not a name.
pub(super) fn clause_head(chars: &[char], start: usize) -> Vec<Word> {
    let from = clause_start(chars, start);
    let mut quoted = Vec::new();
    let mut inside = None;
    for (i, &c) in chars.iter().enumerate().take(start).skip(from) {
        if OPENING_MARKS.contains(c) || CLOSING_MARKS.contains(c) {
            match inside.take() {
                // (A name in marks may speak: `laut „BBC News“`, `der „Arbeitskreis …“`.)
                Some(open) if chars[open..i].iter().any(|c| ",.!?:".contains(*c)) => {
                    quoted.push((open, i));
                }
                Some(_) => {}
                None => inside = Some(i),
            }
        }
    }
    words(chars, from, start)
        .into_iter()
        .filter(|w| !quoted.iter().any(|&(a, b)| a < w.start && w.end <= b))
        .collect()
}

/// Where the main clause that holds `at` starts: its sentence's start, or after a semicolon
/// that joins two main clauses (`…; Die Nachrichtenseite berichtete, dass …`) or a colon.
pub(super) fn clause_start(chars: &[char], at: usize) -> usize {
    let start = sentence_start(chars, 0, at);
    // A colon opens a clause too, when words of that clause stand before `at` (`In Moskau
    // zeigte man sich überzeugter: Der Außenminister pochte darauf, dass …`).
    let words_between = |i: usize| {
        chars[i..at.min(chars.len())]
            .iter()
            .any(|c| c.is_alphabetic())
    };
    (start..at.min(chars.len()))
        .rev()
        .find(|&i| {
            chars[i] == ';'
                || chars[i] == ':'
                    && chars.get(i + 1).is_some_and(|c| c.is_whitespace())
                    && words_between(i)
        })
        .map_or(start, |i| i + 1)
}
