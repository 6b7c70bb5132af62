//! The source a sentence names for what it reports, in place of a speaker next to a quote:
//! `laut X`, `nach Angaben X`, `X zufolge`, `Seiner Ansicht nach`, `Demnach`, the agent of a
//! passive.

use super::super::lexicon;
use super::super::sentence::{Word, adjective_before, words};
use super::{capitalised, name_from, sentence_end, sentence_start};

/// The source named inside the quote `start..end` with `laut`, `according to` or `so` (`Die
/// Zahlen sind laut Donald Terry kein Grund zum Feiern.`).
pub fn named_inside(chars: &[char], start: usize, end: usize) -> Option<(usize, usize)> {
    let inside = words(chars, start, end);
    // `so` names a source only set off by a comma (`…, so Krause`), not as an adverb (`und so
    // Katz-und-Maus spielen`).
    let at = inside.iter().position(|w| {
        let lower = w.text.to_lowercase();
        ["laut", "according"].contains(&lower.as_str()) || lower == "so" && w.after_comma
    })?;
    // A source set into the sentence ends at its comma (`Der Präsident sei, so Gamkrelids,
    // schuld daran, …`).
    let stop = match inside[at].text.as_str() {
        "so" => (at + 2..inside.len())
            .find(|&j| inside[j].after_comma)
            .unwrap_or(inside.len()),
        _ => inside.len(),
    };
    let k = (at + 1..stop.min(at + 4)).find(|&k| capitalised(&inside[k].text))?;
    name_from(&inside[..stop], k)
}

/// The source a sentence names for what it reports: `laut der Polizei`, `nach Angaben von
/// n24`, `nach Auffassung des Ministers`, `Medienberichten zufolge`, in the sentence around
/// `at`.
pub fn source_in(chars: &[char], at: usize) -> Option<(usize, usize)> {
    let start = sentence_start(chars, 0, at);
    let end = sentence_end(chars, at, 600);
    let ws = words(chars, start, end);
    let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
    let run = |from: usize, n: usize| source_phrase(chars, &ws, &lower, from, n);
    if let Some(k) = (0..lower.len()).find(|&k| lower[k] == "laut" && !laut_is_adverb(&ws, k)) {
        return run(k + 1, 4);
    }
    // `according to the city's finance office`: the phrase to its comma or the sentence's end.
    if let Some(k) = (0..lower.len().saturating_sub(2))
        .find(|&k| lower[k] == "according" && lower[k + 1] == "to")
    {
        let last = (k + 3..lower.len().min(k + 8))
            .find(|&j| ws[j].after_comma)
            .unwrap_or(lower.len().min(k + 8));
        return Some((ws[k + 2].start, ws[last - 1].end));
    }
    // `Seiner Ansicht nach …`, `ihrer Meinung nach`: the phrase, as annotators mark it.
    if let Some(k) = (1..lower.len().saturating_sub(1)).find(|&k| {
        lexicon::names_a_source(&lower[k])
            && lower[k + 1] == "nach"
            && ["seiner", "ihrer", "dessen", "deren"].contains(&lower[k - 1].as_str())
    }) {
        return Some((ws[k - 1].start, ws[k].end));
    }
    // `Von den Behörden wird angenommen, dass …`: the agent of a passive; `In einem Bericht
    // der Salzburger Nachrichten wurde vermutet, dass …`: the text it stands in.
    if let Some(n) = opening_agent(&lower).or_else(|| text_it_stands_in(&lower)) {
        return run(1, n);
    }
    // `Demnach ist …`: the word that points back to the source is what annotators mark.
    if ["demnach", "demzufolge"].contains(&lower.first()?.as_str()) {
        return Some((ws[0].start, ws[0].end));
    }
    // `nach Auffassung des Fraktionschefs X`, `nach den Worten des …`, `Nach einer
    // norwegischen Studie`, `gemäß seiner Aussage`; `Angaben` only so (`falsche Angaben
    // machen` names no source).
    if let Some(k) = (1..lower.len()).find(|&k| {
        lexicon::names_a_source(&lower[k])
            && lower[k.saturating_sub(3)..k]
                .iter()
                .any(|w| w == "nach" || w == "gemäß")
    }) {
        return run(k, 6);
    }
    if let Some(k) = lower.iter().position(|w| w == "zufolge") {
        return before_zufolge(&ws, &lower, k);
    }
    None
}

/// The noun phrase of a source from `ws[from]` up to the next comma, at most `n` words
/// (`lower`: the words in lowercase).
fn source_phrase(
    chars: &[char],
    ws: &[Word],
    lower: &[String],
    from: usize,
    n: usize,
) -> Option<(usize, usize)> {
    // A noun phrase: names, articles, `von`/`des`, words with digits (`n24`).
    let nominal = |w: &Word| {
        let lower = w.text.to_lowercase();
        capitalised(&w.text)
            || lexicon::ARTICLES.contains(&lower.as_str()) && lower != "an"
            || ["von", "des", "dem", "den", "der"].contains(&lower.as_str())
            || w.text.chars().any(|c| c.is_ascii_digit()) && w.text.chars().any(char::is_alphabetic)
    };
    let first = ws.get(from)?;
    let mut last = from;
    // `die`, `das`, `ein` after the phrase's first word open the next one (`laut
    // el-Baradei die Bearbeitung …`), and so do `den` and `dem` after a noun (`laut
    // Müller den sozialen Abstieg`); `der`, `des`, `von` hang on it (`Angaben der
    // Polizei`).
    let opens_another = |w: &Word, before: &Word| {
        ["die", "das", "ein", "eine"].contains(&w.text.as_str())
            || ["den", "dem", "einen", "einem"].contains(&w.text.as_str())
                && capitalised(&before.text)
    };
    // An adjective after an article belongs to the phrase (`Ermittlungen des ehemaligen
    // Richters`).
    let adjective = |k: usize| {
        k > 0
            && ["der", "des", "dem", "den"].contains(&lower[k - 1].as_str())
            && ws
                .get(k + 1)
                .is_some_and(|w| adjective_before(&lower[k], &w.text))
    };
    while last + 1 < ws.len()
        && last + 1 - from < n
        && (nominal(&ws[last + 1]) || adjective(last + 1))
        && !opens_another(&ws[last + 1], &ws[last])
        && !chars[ws[last].end..ws[last + 1].start].contains(&',')
    {
        last += 1;
    }
    // A phrase cut off by the word limit ends on its noun, not on an article (`Ermittlungen
    // des`).
    while last > from && !capitalised(&ws[last].text) && !ws[last].text.contains(char::is_numeric) {
        last -= 1;
    }
    Some((first.start, ws[last].end))
}

/// The source named before `zufolge` at `ws[k]` (`lower`: the words in lowercase).
fn before_zufolge(ws: &[Word], lower: &[String], k: usize) -> Option<(usize, usize)> {
    // The noun phrase right before it, back to its article or first adjective, and to a
    // comma at most (`…, Medienberichten zufolge`); a genitive or `von` hangs on the noun
    // before it (`den Ermittlungen der Polizei zufolge`).
    let article = |j: usize| {
        lexicon::ARTICLES.contains(&lower[j].as_str())
            || ["einem", "einer", "dem", "den", "des", "von", "vom"].contains(&lower[j].as_str())
    };
    let hangs_on = |j: usize| {
        ["der", "des", "von", "vom"].contains(&lower[j].as_str())
            && j > 0
            && capitalised(&ws[j - 1].text)
    };
    let in_phrase = |j: usize| {
        !ws[j + 1].after_comma
            && (capitalised(&ws[j].text)
                || article(j)
                || adjective_before(&lower[j], &ws[j + 1].text))
    };
    let mut from = k;
    while from > k.saturating_sub(5) && in_phrase(from - 1) {
        from -= 1;
        if article(from) && !hangs_on(from) {
            break;
        }
    }
    if from == k {
        return None;
    }
    // `…, der zufolge …`: a relative pronoun points back; it names no one.
    if from + 1 == k && !capitalised(&ws[from].text) {
        return None;
    }
    Some((ws[from].start, ws[k - 1].end))
}

/// A source whose name runs right up to a quote's opening mark at `start` (`… laut
/// Klinikdirektor Prof. Dr. Matthias W. Beckmann „jetzt …“`): it speaks the quote, whatever
/// clause follows.
pub fn source_right_before(chars: &[char], start: usize) -> Option<(usize, usize)> {
    let (from, _) = source_in(chars, start)?;
    let ws = words(chars, from, start);
    if ws.len() > 8 || !ws.iter().all(|w| capitalised(&w.text)) {
        return None;
    }
    Some((from, ws.last()?.end))
}

/// Whether `laut` at `ws[k]` is the adverb, not the preposition: before a participle or
/// `werden` (`laut geworden war`, `laut werden`) that no noun follows, or ending its clause
/// (`Vorwürfe werden laut, dass …`).
fn laut_is_adverb(ws: &[Word], k: usize) -> bool {
    let Some(next) = ws.get(k + 1) else {
        return true;
    };
    let lower = next.text.to_lowercase();
    next.after_comma
        || (lower.starts_with("ge")
            || ["werden", "wurde", "wurden", "wird"].contains(&lower.as_str()))
            && !ws.get(k + 2).is_some_and(|w| capitalised(&w.text))
}

/// The auxiliaries of a German passive (`wurde vermutet`).
const PASSIVE: [&str; 4] = ["wird", "wurde", "werden", "wurden"];

/// The agent of a passive sentence that reports (`Die Forderungen wurden von
/// Bundesverkehrsminister Manfred Stolpe als unrealistisch bezeichnet`, `Die Entscheidung wurde
/// vom Bundesverband Erneuerbare Energie kritisiert`): the names after `von`/`vom` that follows
/// the auxiliary.
pub(super) fn passive_agent(ws: &[Word]) -> Option<(usize, usize)> {
    let lower = |k: usize| ws[k].text.to_lowercase();
    let aux = (1..ws.len().min(8)).find(|&k| PASSIVE.contains(&lower(k).as_str()))?;
    let by =
        (aux + 1..ws.len().min(aux + 6)).find(|&k| ["von", "vom"].contains(&lower(k).as_str()))?;
    let mut first = by
        + 1
        + usize::from(
            ws.get(by + 1)
                .is_some_and(|w| lexicon::ARTICLES.contains(&w.text.to_lowercase().as_str())),
        );
    // Adjectives before the noun (`von israelischen Behörden angewiesen`).
    while first + 1 < ws.len()
        && first < by + 4
        && ws[first].text.starts_with(char::is_lowercase)
        && adjective_before(&ws[first].text, &ws[first + 1].text)
    {
        first += 1;
    }
    let mut last = first;
    while last + 1 < ws.len() && capitalised(&ws[last + 1].text) && last - first < 4 {
        last += 1;
    }
    capitalised(&ws.get(first)?.text).then(|| (ws[by + 1].start, ws[last].end))
}

/// How many words the agent may have when a passive opens with it (`Von den Behörden wird
/// angenommen, …`).
fn opening_agent(lower: &[String]) -> Option<usize> {
    (["von", "vom"].contains(&lower.first()?.as_str())
        && lower[1..]
            .iter()
            .take(8)
            .any(|w| PASSIVE.contains(&w.as_str())))
    .then_some(6)
}

/// How many words the text may have that a sentence opens with, `In`/`Im` and a text's noun
/// (`Bericht`, `Mitteilung`, `Jahresbericht`), when it then says something: a passive
/// (`wurde vermutet`), `heißt es`, `steht`.
fn text_it_stands_in(lower: &[String]) -> Option<usize> {
    const TEXTS: [&str; 8] = [
        "bericht",
        "erklärung",
        "mitteilung",
        "stellungnahme",
        "schreiben",
        "brief",
        "interview",
        "studie",
    ];
    if !["in", "im"].contains(&lower.first()?.as_str()) {
        return None;
    }
    let k = (1..lower.len().min(4)).find(|&k| TEXTS.iter().any(|t| lower[k].ends_with(t)))?;
    let says = |w: &String| {
        PASSIVE.contains(&w.as_str()) || ["heißt", "hieß", "steht", "stand"].contains(&w.as_str())
    };
    lower[k + 1..].iter().take(8).any(says).then_some(k + 4)
}
