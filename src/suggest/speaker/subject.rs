//! The subject that opens a sentence: the noun phrase or pronoun before its verb, or the one
//! right after the verb when an adverb, a preposition's phrase or a subordinate clause comes
//! first (`Am Abend gab er bekannt, …`).

use super::super::lexicon;
use super::super::sentence::{Word, verb_after_phrase, words};
use super::{capitalised, name_from, sentence_start};

/// The subject of the sentence that holds `at`, from the words before `at`: the noun phrase or
/// pronoun that opens it, or, after an adverb or preposition and the verb, the one that
/// follows the verb (`Bereits heute müssten …` has none; `Am Abend gab er bekannt, …` has
/// `er`). For reported speech without a reporting verb the rules know: `Der GdP-Vorsitzende
/// verwies darauf, dass …`.
pub fn opening_subject(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let ws = words(chars, sentence_start(chars, 0, at), at);
    english_subject(&ws).or_else(|| opening(&ws))
}

/// Whether a lowercase word is a preposition that opens a sentence's first phrase, also one
/// written as one word with its noun's genitive after it (`Aufgrund der Zerstörung rät das
/// Amt …`).
fn opens_a_phrase(lower: &str) -> bool {
    lexicon::PREPOSITIONS.contains(&lower) || lexicon::GENITIVE_PREPOSITIONS.contains(&lower)
}

/// The subject of a sentence from its words: see [`opening_subject`].
pub(super) fn opening(ws: &[Word]) -> Option<(usize, usize)> {
    let lower = |k: usize| ws.get(k).map(|w| w.text.to_lowercase()).unwrap_or_default();
    // `an der Schuld`, `An die Regierung appellierte sie …`, `An Bord …`: German `an` before
    // an article (or, opening the sentence, a noun) is a preposition; English `an` (`An
    // official said …`) is an article.
    let german_an = |k: usize| {
        lower(k) == "an"
            && (["der", "die", "das", "den", "dem"].contains(&lower(k + 1).as_str())
                || k == 0 && ws.get(1).is_some_and(|w| capitalised(&w.text)))
    };
    let is_subject = |k: usize| {
        let w = lower(k);
        lexicon::PRONOUNS.contains(&w.as_str()) && w != "man"
            || lexicon::ARTICLES.contains(&w.as_str()) && !german_an(k)
            || ws.get(k).is_some_and(|x| capitalised(&x.text))
                && !lexicon::OPENERS.contains(&w.as_str())
                && !lexicon::OBLIQUE.contains(&w.as_str())
                && !opens_a_phrase(&w)
                && (k > 0 || !adverbial_participle(&w))
    };
    let first = lower(0);
    let preposition_an = german_an(0);
    // `Das Landesamt wies …`: an article and a noun open with the subject, though `Das` alone
    // (`Das ist …`) opens without one.
    // Adjectives may stand between (`Das staatliche sudanesische Fernsehen berichtete …`).
    let adjective = |w: &Word| {
        w.text.chars().next().is_some_and(char::is_lowercase)
            && ["e", "en", "er", "es"].iter().any(|e| w.text.ends_with(e))
            && !lexicon::KONJUNKTIV.contains(&w.text.as_str())
    };
    // So may adverbs before the adjective (`Der erst kürzlich ernannte Weihbischof`).
    let article_and_noun = lexicon::ARTICLES.contains(&first.as_str())
        && (1..5.min(ws.len()))
            .find(|&j| !ws[j].text.starts_with(char::is_lowercase))
            .is_some_and(|j| capitalised(&ws[j].text) && (j == 1 || adjective(&ws[j - 1])));
    if let Some(er) = er_after_verb(ws) {
        return Some(er);
    }
    if let Some(k) = after_time_phrase(ws, &is_subject) {
        return article_and_name(ws, k);
    }
    let k = if is_subject(0)
        && !preposition_an
        && (article_and_noun || !lexicon::OPENERS.contains(&first.as_str()))
    {
        0
    } else {
        let verb = if lexicon::SUBORDINATING.contains(&first.as_str())
            && let Some(k) = main_verb_after_clause(ws)
        {
            // `Nachdem …, entgegnete Suttner`: the main clause's verb follows the comma.
            k
        } else if opens_a_phrase(&first)
            || preposition_an
            || lexicon::OBLIQUE.contains(&first.as_str())
            || first == "als"
        {
            // `In seiner wöchentlichen Radioansprache begründete …`, `Den Unmut der CDU
            // brachte …`: the phrase runs to the verb.
            verb_after_phrase(ws, 1, 18, &|w| w.text.starts_with(char::is_uppercase))?
        } else {
            // An adverb: the verb comes next (`Bereits heute müssten …`), or after the phrase
            // a preposition opens (`Passend zu den Gefahren warnte …`).
            let next = (1..5.min(ws.len())).find(|&k| {
                ws[k].text.chars().next().is_some_and(char::is_lowercase)
                    && !lexicon::OPENERS.contains(&lower(k).as_str())
                    && !lexicon::BEFORE_NAME.contains(&lower(k).as_str())
            });
            // `Auch Winfried Hassemer, Papiers Stellvertreter, glaubt …`: a long name runs
            // past the words looked at.
            match next {
                None if ws.len() > 5 && (1..5).all(is_subject) => 0,
                None => return None,
                Some(next) => verb_after_adverb(ws, next, &is_subject)?,
            }
        };
        Some(subject_after_verb(ws, verb)).filter(|&k| is_subject(k))?
    };
    article_and_name(ws, k)
}

/// Where the subject after `ws[verb]` would stand: right after it, or after a reflexive or
/// object pronoun (`zeigt sich der Bundestrainer …`, `sieht es der 53-jährige Uribe an`) and
/// after an adverb of time (`will heute Außenminister Straw bekannt geben, …`).
fn subject_after_verb(ws: &[Word], verb: usize) -> usize {
    let lower = |k: usize| ws.get(k).map(|w| w.text.to_lowercase()).unwrap_or_default();
    let pronoun = lower(verb + 1) == "sich" || lower(verb + 1) == "es" && !expletive(&lower(verb));
    let mut k = verb + 1 + usize::from(pronoun);
    while k < verb + 4 && TIME_ADVERBS.contains(&lower(k).as_str()) {
        k += 1;
    }
    k
}

/// Adverbs of time that may stand between a verb and its subject.
const TIME_ADVERBS: &[&str] = &[
    "heute",
    "gestern",
    "morgen",
    "nun",
    "jetzt",
    "bereits",
    "inzwischen",
    "damals",
    "zuvor",
    "später",
    "zuletzt",
    "erneut",
];

/// Whether `es` after the verb `lower` is its expletive subject (`hieß es, …`, `gab es
/// Hinweise`, `habe es eine Überprüfung gegeben`), not an object before the subject.
fn expletive(lower: &str) -> bool {
    [
        "heißt", "hieß", "gibt", "gab", "gebe", "habe", "hat", "hatte", "hätte", "sei", "ist",
        "war", "wäre", "wird", "wurde", "werde", "würde", "geht", "ging", "kam", "kommt", "bleibt",
        "blieb",
    ]
    .contains(&lower)
}

/// Nouns of a span of time (`vergangene Woche`, `vor zwei Wochen`), which open a sentence as
/// an adverb does, never as its subject.
const TIME_NOUNS: &[&str] = &[
    "woche",
    "wochen",
    "wochenende",
    "monat",
    "monate",
    "monaten",
    "jahr",
    "jahre",
    "jahren",
    "jahrzehnt",
    "tag",
    "tage",
    "tagen",
    "stunde",
    "stunden",
    "minuten",
    "nacht",
    "abend",
    "nachmittag",
    "vormittag",
    "mittag",
    "sommer",
    "winter",
    "herbst",
    "frühjahr",
    "quartal",
];

/// The subject after a time phrase that opens a sentence (`Erst vergangene Woche kündigte der
/// Konzern an`, `Bereits vor zwei Wochen hatte die Gewerkschaft erklärt`, `Letzte Woche
/// sagte er`): the time's noun within the first five words, only lowercase words between it
/// and the first, the verb right after it, and the subject after the verb.
fn after_time_phrase(ws: &[Word], is_subject: &dyn Fn(usize) -> bool) -> Option<usize> {
    let lowercase = |w: &Word| w.text.starts_with(char::is_lowercase);
    let time =
        (0..ws.len().min(5)).find(|&k| TIME_NOUNS.contains(&ws[k].text.to_lowercase().as_str()))?;
    // `Wenige Stunden nach dem Putsch erklärte …`: a preposition's phrase may follow the noun.
    let verb = if ws
        .get(time + 1)
        .is_some_and(|w| lexicon::PREPOSITIONS.contains(&w.text.as_str()))
    {
        verb_after_phrase(ws, time + 2, 10, &|w| {
            w.text.starts_with(char::is_uppercase)
        })?
    } else {
        time + 1
    };
    if !(1..time).all(|j| lowercase(&ws[j]))
        || !ws.get(verb).is_some_and(|w| lowercase(w) && !w.after_comma)
    {
        return None;
    }
    let subject = subject_after_verb(ws, verb);
    is_subject(subject).then_some(subject)
}

/// The mention that starts at `ws[k]`: an article with the name or noun up to three words
/// after it (`der US-amerikanische Außenminister Donald Rumsfeld`), else the name there.
pub(super) fn article_and_name(ws: &[Word], k: usize) -> Option<(usize, usize)> {
    if lexicon::ARTICLES.contains(&ws.get(k)?.text.to_lowercase().as_str()) {
        let noun = (k + 1..(k + 5).min(ws.len())).find(|&j| capitalised(&ws[j].text))?;
        return name_from(ws, noun).map(|(_, e)| (ws[k].start, e));
    }
    name_from(ws, k)
}

/// The verb of a sentence that an adverb opens, `next` being the first lowercase word after
/// it: that word (`Bereits heute müssten …`), or the verb after the phrase a preposition opens
/// (`Passend zu den Gefahren warnte …`); 0 when the subject follows the adverb right away.
fn verb_after_adverb(
    ws: &[Word],
    next: usize,
    is_subject: &dyn Fn(usize) -> bool,
) -> Option<usize> {
    let lower = ws[next].text.to_lowercase();
    if lexicon::PREPOSITIONS.contains(&lower.as_str()) {
        verb_after_phrase(ws, next + 1, 12, &|w| {
            w.text.starts_with(char::is_uppercase)
        })
    } else if next == 1 && lexicon::ARTICLES.contains(&lower.as_str())
        || next > 1 && (1..next).all(is_subject)
    {
        // `Auch der Außenminister Donald Rumsfeld attackierte …`, `Auch Feinstein
        // argumentierte, …`, `Aber Zeitungen berichteten, …`: the subject stands between the
        // adverb and its verb.
        Some(0)
    } else {
        Some(next)
    }
}

/// Whether a sentence's first word is a participle or adjective used as an adverb
/// (`Relativierend fügt Gall hinzu`, `Abschließend sagte …`, `Überraschenderweise sagte …`,
/// `Möglicherweise …`), not a noun.
fn adverbial_participle(lower: &str) -> bool {
    lower.chars().count() > 6
        && (lower.ends_with("end")
            || lower.ends_with("ernd")
            || lower.ends_with("weise")
            || lower.ends_with("lich"))
        && !["jugend", "tugend"].contains(&lower)
}

/// The main clause's verb after a subordinate clause that opens a sentence (`Da Brauereien …
/// angewiesen sind, warnte der Hauptgeschäftsführer …, Peter Hahn, …`): the first word after
/// a comma where the clause before ended on a verb (both lowercase); or after a dash that
/// ends it, past a word that points back to it (`Ob die Entscheidung … bedeutet – dazu äußert
/// sich der Republikaner nicht`); else after the last comma.
fn main_verb_after_clause(ws: &[Word]) -> Option<usize> {
    let lowercase = |w: &Word| w.text.chars().next().is_some_and(char::is_lowercase);
    let after_dash = || {
        let k = (1..ws.len()).find(|&k| ws[k].after_dash && lowercase(&ws[k - 1]))?;
        let lower = ws[k].text.to_lowercase();
        let points_back = lower.starts_with("da") || lexicon::OPENERS.contains(&lower.as_str());
        Some(if points_back { k + 1 } else { k }).filter(|&v| v < ws.len())
    };
    (1..ws.len())
        .find(|&k| ws[k].after_comma && lowercase(&ws[k]) && lowercase(&ws[k - 1]))
        .or_else(after_dash)
        .or_else(|| ws.iter().rposition(|w| w.after_comma))
}

/// `Die Äußerungen bezeichnete er als …`: `er` right after the verb, before any comma or with
/// the verb right after one (`Das Angebot, …, lehnt er ab`), is the subject, whatever opens
/// the sentence; not after a Konjunktiv I verb (`…, sei er „enttäuscht“` reports on him).
fn er_after_verb(ws: &[Word]) -> Option<(usize, usize)> {
    let k = (2..ws.len()).find(|&k| {
        ws[k].text == "er"
            && (!ws[..=k].iter().any(|w| w.after_comma)
                || ws[k - 1].after_comma && !lexicon::KONJUNKTIV.contains(&ws[k - 1].text.as_str()))
            && stands_before_subject(&ws[k - 1])
    })?;
    Some((ws[k].start, ws[k].end))
}

/// Whether `er` after `w` is the subject of a clause: `w` is lowercase, and no conjunction,
/// article, preposition or adverb that opens a clause (`dass er`, `als er`, `für er`). Unlike
/// [`super::opens_with_a_verb`], a relative pronoun may be `w` (`einen Zettel, in dem er
/// verlangte, …`: `er` is still the one who speaks, as annotators mark it).
fn stands_before_subject(w: &Word) -> bool {
    let lower = w.text.to_lowercase();
    w.text.starts_with(char::is_lowercase)
        && !lexicon::CLAUSE_OPENERS.contains(&lower.as_str())
        && !lexicon::SUBORDINATING.contains(&lower.as_str())
        && !lexicon::PREPOSITIONS.contains(&lower.as_str())
        && !lexicon::OPENERS.contains(&lower.as_str())
        && !lexicon::ARTICLES.contains(&lower.as_str())
}

/// The subject of an English clause that ends on a reporting verb taking a clause (`The
/// minister said that …`, `The company told reporters that …`, `Officials said the fire …`)
/// or on a verb that tells of speech (`Consumer groups welcomed the fine`):
/// the words from the clause's start to the verb, when they open with a capital.
pub(super) fn english_subject(head: &[Word]) -> Option<(usize, usize)> {
    let verb = head.iter().position(|w| {
        lexicon::ENGLISH_CLAUSE_VERBS.contains(&w.text.as_str())
            || lexicon::ENGLISH_SPEECH_ACTS.contains(&w.text.as_str())
    })?;
    // After a comma, or a dash (`WASHINGTON — Senator Maria Alvarez said …`: a dateline).
    let boundary = |k: usize| head[k].after_comma || head[k].after_dash;
    let (mut from, mut end) = ((0..verb).rfind(|&k| boundary(k)).unwrap_or(0), verb);
    // `Shop owner Raj Patel, whose bakery was flooded, said …`: a relative clause or an age
    // set off by commas belongs to the subject before it.
    for _ in 0..3 {
        if from == 0 || !super::super::sentence::opens_an_insertion(&head[from]) {
            break;
        }
        end = from;
        from = (0..end).rfind(|&k| boundary(k)).unwrap_or(0);
    }
    // `…, and analysts said …`: the subject after the conjunction, lowercase or not.
    let and = from + 1 < end && ["and", "but", "while"].contains(&head[from].text.as_str());
    let from = from + usize::from(and);
    let subject = super::english::subject_start(head, from, end);
    let opens = and || subject > from || capitalised(&head[subject].text);
    let from = subject;
    (from < end && opens && end - from <= 6).then(|| (head[from].start, head[end - 1].end))
}
