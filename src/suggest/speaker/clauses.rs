//! Speakers named by a clause around a quote rather than next to it: the sentence after it
//! (`Das erklärte ein Sprecher.`), a `zitiert` clause's object, a reporting clause set into
//! the sentence (`…, sagte die Königin, …`).

use super::super::lexicon;
use super::super::sentence::{Word, may_be_a_verb, words};
use super::{capitalised, name_from, reporting_verb, sentence_end};

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
