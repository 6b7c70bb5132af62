//! English indirect speech: the clause a reporting verb takes, with or without `that` (`The
//! minister said that the budget was balanced.`, `She said the cuts would fall on roads.`).

use super::super::lexicon::ENGLISH_CLAUSE_VERBS;
use super::super::sentence::Word;

/// Words that open a clause's subject (`She said the cuts …`, `He said they …`).
const SUBJECT_OPENERS: &[&str] = &[
    "the", "a", "an", "he", "she", "they", "it", "we", "i", "there", "his", "her", "their", "its",
    "our", "some", "many", "most",
];

/// Finite verbs that show a clause without `that` has its own verb (`She said the cuts would
/// fall …`; not `He said this on Tuesday`).
const FINITE: &[&str] = &[
    "would", "will", "was", "were", "is", "are", "had", "has", "have", "could", "can", "should",
    "must", "may", "might", "did", "does",
];

/// The word that opens the clause a reporting verb (or a participle: `…, adding that …`)
/// takes in an English sentence (its words `ws`): `that` right after the verb or after its
/// object (`told reporters that …`), or, without `that`, the subject right after the verb
/// (after the one told, for `told`) when a finite verb follows it.
pub(super) fn clause(ws: &[Word]) -> Option<usize> {
    let verb = ws.iter().position(|w| {
        ENGLISH_CLAUSE_VERBS.contains(&w.text.as_str()) || PARTICIPLES.contains(&w.text.as_str())
    })?;
    let that = (verb + 1..(verb + 5).min(ws.len())).find(|&k| ws[k].text == "that");
    if let Some(k) = that
        && ws[verb + 1..=k].iter().all(|w| !w.after_comma)
    {
        return Some(k).filter(|&k| k + 2 < ws.len());
    }
    // `told the BBC the strike was …`, `told reporters the plan …`: the one told comes first.
    let told = ["told", "tells"].contains(&ws[verb].text.as_str());
    let first = if told { verb + 2 } else { verb + 1 };
    let last = if told { verb + 5 } else { verb + 1 };
    (first..=last.min(ws.len().saturating_sub(1))).find(|&k| {
        let subject = SUBJECT_OPENERS.contains(&ws[k].text.to_lowercase().as_str());
        let unbroken = !ws[verb + 1..=k].iter().any(|w| w.after_comma);
        let finite = ws[k + 1..]
            .iter()
            .take(6)
            .any(|w| FINITE.contains(&w.text.as_str()));
        subject && unbroken && finite
    })
}

/// Participles that add what was said after a comma (`…, adding that more pumps …`).
const PARTICIPLES: &[&str] = &[
    "adding",
    "saying",
    "noting",
    "stressing",
    "warning",
    "insisting",
    "arguing",
    "explaining",
    "claiming",
    "stating",
];

/// Where the clause that opens at `ws[k]` begins its speech: after a participle that reports
/// it (`adding that …`, `saying the pumps would …`), else at `k`.
pub(super) fn after_participle(ws: &[Word], k: usize) -> usize {
    let participle = ws
        .get(k)
        .is_some_and(|w| PARTICIPLES.contains(&w.text.as_str()));
    let next = ws.get(k + 1);
    let speech = next.is_some_and(|w| {
        w.text == "that" || SUBJECT_OPENERS.contains(&w.text.to_lowercase().as_str())
    });
    if participle && speech { k + 1 } else { k }
}

/// Conjunctions and relative pronouns that open a clause of its own after a comma (`…, and
/// the company said it would …`), not a reporting clause.
const CLAUSE_OPENERS: &[&str] = &["and", "but", "or", "which", "who", "while", "as", "so"];

/// Where an English reporting clause that ends the sentence starts (`The spacecraft rejected
/// two commands, engineers said.`, `…, the ministry said on Tuesday.`): the subject after the
/// last comma, a few words and a reporting verb, then at most four words.
pub(super) fn told_after(ws: &[Word]) -> Option<usize> {
    let k = (1..ws.len()).rfind(|&k| ws[k].after_comma)?;
    if CLAUSE_OPENERS.contains(&ws[k].text.to_lowercase().as_str()) {
        return None;
    }
    let verb = (k + 1..ws.len().min(k + 6))
        .find(|&j| ENGLISH_CLAUSE_VERBS.contains(&ws[j].text.as_str()))?;
    (ws.len() - verb <= 5
        && !ws[k + 1..verb]
            .iter()
            .any(|w| FINITE.contains(&w.text.as_str())))
    .then_some(k)
}

/// Whether the words from `ws[k]` on, an English reporting verb's clause after a comma, are
/// no speech: they have no verb of their own (`said Dr. Priya Nair, the study's lead
/// author.`: an apposition), open with an age or a relative pronoun, or with the main
/// clause's reporting verb (`One analyst, who asked not to be named, said: …`).
pub(super) fn no_speech_after_comma(ws: &[Word], k: usize) -> bool {
    let english = ws[..k]
        .iter()
        .any(|w| ENGLISH_CLAUSE_VERBS.contains(&w.text.as_str()));
    let verb = |w: &Word| ENGLISH_CLAUSE_VERBS.contains(&w.text.as_str());
    // `asked Margaret Elliot, 67, who had been due to fly …`: an age, a relative clause.
    english
        && (verb(&ws[k])
            || super::super::sentence::opens_an_insertion(&ws[k])
            || !ws[k..]
                .iter()
                .any(|w| FINITE.contains(&w.text.as_str()) || w.text.ends_with("ed") || verb(w)))
}
