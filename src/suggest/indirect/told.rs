//! Where a sentence names who told what it says: a reporting clause or `so X` after it
//! (`…, sagte Krause.`), or a source that opens it (`Laut der Polizei …`, `Demnach …`), which
//! is not what was said.

use super::super::lexicon;
use super::super::sentence::{self, Word, verb_after_phrase};

/// The first word of a reporting clause after a comma near a sentence's end (`…, sagte
/// Henderson weiter.`, `…, sagte Mark O’Keefe, der Sprecher …`, `…, so Krause.`): the
/// sentence is what that clause's subject said.
pub(super) fn told_after(ws: &[Word]) -> Option<usize> {
    let lowercase = |w: &Word| w.text.chars().next().is_some_and(char::is_lowercase);
    if let Some(k) = super::english::told_after(ws) {
        return Some(k);
    }
    (1..ws.len()).find(|&k| {
        let w = &ws[k];
        w.after_comma
            && lowercase(w)
            && lexicon::reports(&w.text)
            // `…, so Krause.`, `…, so die Polizei.`, `…, so bestätigt das Gericht.`, not the
            // adverb (`…, so schnell …`).
            && (w.text != "so"
                || ws.get(k + 1).is_some_and(|n| {
                    (!lowercase(n) || lexicon::reports(&n.text)) && !set_into(ws, k)
                        || so_the_source(ws, k)
                }))
            && ws.len() - k <= 16
            // `…, sagte am Montag ab.`: called off, said nothing.
            && ws.last().is_none_or(|l| l.text != "ab")
            // `Der frühere Bürgermeister, Henning Scherf (SPD), warnte die CDU vor …`: a
            // name before the comma says nothing.
            && (0..k).any(|j| sentence::may_be_a_verb(ws, j))
    })
}

/// Where a clause that starts at `start` says what it reports: after `wonach`, after `nach
/// denen`, and after a source it opens with (`…, nach neuesten Erkenntnissen habe …`), none
/// of which is what was said.
pub(super) fn past_opening_source(ws: &[Word], start: usize) -> usize {
    let Some(k) = ws.iter().position(|w| w.start == start) else {
        return start;
    };
    let lower = |j: usize| ws.get(j).map(|w| w.text.to_lowercase()).unwrap_or_default();
    let at = |j: usize| ws.get(j).map_or(start, |w| w.start);
    match lower(k).as_str() {
        "wonach" => at(k + 1),
        // (`der` and `dem` are articles more often: `nach dem Spiel hätten …`.)
        "nach" if ["denen", "welchen", "welcher", "welchem"].contains(&lower(k + 1).as_str()) => {
            at(k + 2)
        }
        "nach" | "laut" if (k + 1..k + 4).any(|j| lexicon::names_a_source(&lower(j))) => {
            verb_after_phrase(ws, k + 1, 8, &|w| w.text.starts_with(char::is_uppercase))
                .filter(|&v| ws[v].text.starts_with(char::is_lowercase))
                .map_or(start, |v| ws[v].start)
        }
        _ => start,
    }
}

/// Whether the source after `so` at `ws[k]` is set into the sentence early and the sentence
/// goes on after its comma (`Der Präsident sei, so Gamkrelids, schuld daran, …`, `Dennoch, so
/// Nacke, habe …`), not a source that ends what was said (`…, so Celebi, die auch angab …`).
fn set_into(ws: &[Word], k: usize) -> bool {
    k <= 8
        && ws[k + 1..].iter().find(|n| n.after_comma).is_some_and(|n| {
            !lexicon::ARTICLES.contains(&n.text.as_str())
                && !sentence::RELATIVE.contains(&n.text.as_str())
        })
}

/// Whether `so` at `ws[k]` opens a source with its article that ends the sentence (`…, so
/// die Polizei.`), not one set into it (`…, so die Sprecherin, schuld an …`).
fn so_the_source(ws: &[Word], k: usize) -> bool {
    let lowercase = |w: &Word| w.text.chars().next().is_some_and(char::is_lowercase);
    ws.get(k + 1)
        .is_some_and(|n| lexicon::ARTICLES.contains(&n.text.as_str()))
        && ws.get(k + 2).is_some_and(|m| !lowercase(m))
        && !ws[k + 1..]
            .iter()
            .any(|n| n.after_comma && lowercase(n) && !lexicon::ARTICLES.contains(&n.text.as_str()))
}

/// Where the quote begins in a sentence (its words `ws`) opened by its source: after
/// `Demnach`, after `According to X,`, after `… zufolge`, after `Wie die Polizei mitteilte,`,
/// and at the verb after `Laut der Polizei` or `Nach Angaben von n24` (the source's nouns and
/// what hangs on them skipped); `None` when no source opens it.
pub(super) fn source_opening(ws: &[Word]) -> Option<usize> {
    let lower = |k: usize| ws.get(k).map(|w| w.text.to_lowercase()).unwrap_or_default();
    let first = lower(0);
    if ["demnach", "demzufolge"].contains(&first.as_str()) {
        return ws.get(1).map(|w| w.start);
    }
    // `According to the finance office, the deficit …`: what follows the source's comma.
    if first == "according" && lower(1) == "to" {
        return (2..ws.len().min(12))
            .find(|&k| ws[k].after_comma)
            .map(|k| ws[k].start);
    }
    if first == "wie"
        && let Some(k) = (2..ws.len().min(12)).find(|&k| ws[k].after_comma)
        && ws[1..k].iter().any(|w| lexicon::introduces(&w.text))
    {
        return Some(ws[k].start);
    }
    // `Einem neuen Bericht der Zeitung zufolge …`: a noun phrase opens the sentence (not `Am
    // Samstag starben Berichten zufolge …`, where the source stands inside).
    let capital = |k: usize| lexicon::written_as_name(&ws[k].text);
    if let Some(k) = (1..ws.len().min(6)).find(|&k| lower(k) == "zufolge")
        && !lexicon::PREPOSITIONS.contains(&first.as_str())
        && (0..k).all(|j| {
            let w = lower(j);
            capital(j)
                || lexicon::ARTICLES.contains(&w.as_str())
                || lexicon::OBLIQUE.contains(&w.as_str())
                || w == "von"
                || w == "vom"
                || capital(j + 1)
        })
    {
        return ws.get(k + 1).map(|w| w.start);
    }
    let opens = first == "laut"
        || first == "nach"
            && (1..ws.len().min(4)).any(|k| {
                let w = lower(k);
                lexicon::names_a_source(&w)
            });
    if !opens {
        return None;
    }
    // A noun: capitalised, or a name written with digits (`n24`) or as a web address
    // (`Laut „tagesschau.de“ gehören …`).
    let noun = |w: &Word| {
        w.text.chars().next().is_some_and(char::is_uppercase)
            || w.text.chars().any(|c| c.is_ascii_digit())
            || w.text.contains('.')
    };
    verb_after_phrase(ws, 1, 13, &noun).map(|k| ws[k].start)
}
