//! A source named inside indirect speech (`Die Zahlen sind laut Donald Terry kein Grund zum
//! Feiern.`, `…, so der OSZE-Bericht, …`): not what was said, so cut out of the quote.

use super::super::lexicon;
use super::super::sentence::Word;

/// The fragments of an indirect quote `start..end` (its sentence's words `ws`): two, around a
/// source named in its middle (`Die Zahlen sind laut Donald Terry kein Grund zum Feiern.`,
/// `Heute demonstrierten nach Angaben der Veranstalter rund 7.000 Menschen.`, `…
/// behördlichen Angaben zufolge …`), which is not what was said, each without the spaces and
/// the full stop at its ends; else one.
pub(super) fn around_source(
    chars: &[char],
    ws: &[Word],
    start: usize,
    end: usize,
) -> Vec<(usize, usize)> {
    let Some((a, b)) = source_inside(ws, start, end) else {
        return vec![(start, end)];
    };
    let mut first_end = a;
    while first_end > start && (chars[first_end - 1].is_whitespace() || chars[first_end - 1] == ',')
    {
        first_end -= 1;
    }
    let mut second = b;
    while second < end && (chars[second].is_whitespace() || chars[second] == ',') {
        second += 1;
    }
    let mut last_end = end;
    while last_end > second
        && (chars[last_end - 1].is_whitespace() || ".!?".contains(chars[last_end - 1]))
    {
        last_end -= 1;
    }
    if first_end <= start || last_end <= second {
        return vec![(start, end)];
    }
    vec![(start, first_end), (second, last_end)]
}

/// Possessives that may open a source's noun phrase.
const POSSESSIVES: &[&str] = &[
    "seinem", "seiner", "seinen", "ihrem", "ihrer", "ihren", "unserem", "unserer",
];

/// The span of a source phrase that stands inside `start..end`, neither first nor last: `laut`
/// or `nach` and a source noun with the noun phrase after it, or a noun phrase and `zufolge`.
fn source_inside(ws: &[Word], start: usize, end: usize) -> Option<(usize, usize)> {
    let lower = |k: usize| ws[k].text.to_lowercase();
    let capital = |k: usize| lexicon::written_as_name(&ws[k].text);
    // A noun phrase's words; `die`, `das`, `den` and `dem` after a noun open the next phrase
    // (`laut Müller den sozialen Abstieg`), `der` and `des` hang on it.
    let nominal = |k: usize| {
        let w = lower(k);
        !ws[k].after_comma
            && (capital(k)
                || ["der", "des", "von", "vom"].contains(&w.as_str())
                || ["die", "das", "dem", "den"].contains(&w.as_str()) && !(k > 0 && capital(k - 1)))
    };
    // An adjective before a noun (`libanesischer Sicherheitskreise`, `ersten Angaben`).
    let adjective = |k: usize| {
        let w = lower(k);
        !ws[k].after_comma
            && !["die", "das", "den", "dem", "eine", "einen", "einem"].contains(&w.as_str())
            && ["e", "en", "er", "em", "es"]
                .iter()
                .any(|end| w.ends_with(end))
            && k + 1 < ws.len()
            && capital(k + 1)
    };
    // The noun phrase from `from`: as far as it runs, and words after it left for the quote;
    // it may open with a possessive (`laut seinem Vorsitzenden`).
    let phrase_end = |from: usize| {
        let mut j = from;
        if j < ws.len() && POSSESSIVES.contains(&lower(j).as_str()) {
            j += 1;
        }
        // An adjective after a noun opens the next phrase (`laut seinem Vorsitzenden großen
        // Zulauf`) unless it is a genitive's (`nach Angaben libanesischer Sicherheitskreise`).
        let hangs_on = |j: usize| j == from || !capital(j - 1) || lower(j).ends_with("er");
        while j < ws.len() && (nominal(j) || adjective(j) && hangs_on(j)) {
            j += 1;
        }
        Some(j).filter(|&j| j > from && j < ws.len() && ws[j].start < end)
    };
    let first = ws.iter().position(|w| w.start >= start)?;
    for k in first + 1..ws.len() {
        if ws[k].end > end {
            break;
        }
        let w = lower(k);
        let after = match w.as_str() {
            "laut" => phrase_end(k + 1),
            "nach" => (k + 1..(k + 4).min(ws.len()))
                .find(|&n| lexicon::names_a_source(&lower(n)))
                .and_then(|n| {
                    phrase_end(n + 1)
                        .or(Some(n + 1))
                        .filter(|&j| j < ws.len() && ws[j].start < end)
                }),
            // `…, so die Sprecherin der Opposition, …`: the phrase to the next comma.
            "so" if ws[k].after_comma && k + 1 < ws.len() && (nominal(k + 1) || capital(k + 1)) => {
                (k + 2..ws.len())
                    .find(|&j| ws[j].after_comma)
                    .filter(|&j| ws[j].start < end)
            }
            "zufolge" => {
                let mut b = k;
                // An adjective, but not a verb after the sentence's first noun (`Am Samstag
                // starben Berichten zufolge`).
                while b > first + 1 && (nominal(b - 1) || adjective(b - 1) && !capital(b - 2)) {
                    b -= 1;
                }
                if b < k && k + 1 < ws.len() && ws[k + 1].start < end {
                    return Some((ws[b].start, ws[k].end));
                }
                None
            }
            _ => None,
        };
        if let Some(j) = after {
            return Some((ws[k].start, ws[j - 1].end));
        }
    }
    None
}
