//! A source named inside indirect speech (`Die Zahlen sind laut Donald Terry kein Grund zum
//! Feiern.`, `…, so der OSZE-Bericht, …`): not what was said, so cut out of the quote.

use super::super::lexicon;
use super::super::sentence::{CLOSING_MARKS, OPENING_MARKS, Word};

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
    let Some((a, b)) = source_inside(chars, ws, start, end) else {
        return vec![(start, end)];
    };
    let mut first_end = a;
    while first_end > start && (chars[first_end - 1].is_whitespace() || chars[first_end - 1] == ',')
    {
        first_end -= 1;
    }
    // (The closing mark of a marked name ends the source: `laut der Agentur „Interfax“`.)
    let mut second = b;
    while second < end
        && (chars[second].is_whitespace()
            || ",‘".contains(chars[second])
            || CLOSING_MARKS.contains(chars[second]))
    {
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

/// Possessives and indefinite articles that may open a source's noun phrase (`laut seinem
/// Vorsitzenden`, `laut einem Sprecher der Firma`).
const POSSESSIVES: &[&str] = &[
    "seinem", "seiner", "seinen", "ihrem", "ihrer", "ihren", "unserem", "unserer", "einem",
    "einer", "eines",
];

/// The words of a sentence read as noun phrases of a source.
struct Phrases<'a> {
    chars: &'a [char],
    ws: &'a [Word],
}

impl Phrases<'_> {
    fn lower(&self, k: usize) -> String {
        self.ws[k].text.to_lowercase()
    }

    fn capital(&self, k: usize) -> bool {
        lexicon::written_as_name(&self.ws[k].text)
    }

    /// Whether `ws[k]` opens marked words that are not a name: quoted, no part of a source
    /// (`nach Auffassung eines Gerichtes des „Aufrufs zu Subversion“`, though `laut der
    /// Agentur „Interfax“`).
    fn quoted(&self, k: usize) -> bool {
        let (chars, ws) = (self.chars, self.ws);
        let opens = ws[k].start > 0 && {
            let c = chars[ws[k].start - 1];
            OPENING_MARKS.contains(c) || c == '‚'
        };
        opens
            && ws[k..]
                .iter()
                .take(8)
                .take_while(|w| {
                    !chars
                        .get(w.end)
                        .is_some_and(|&c| CLOSING_MARKS.contains(c) || c == '‘')
                })
                .chain(ws.get(k))
                .any(|w| w.text.starts_with(char::is_lowercase))
    }

    /// Whether `ws[k]` is a noun phrase's word; `die`, `das`, `den` and `dem` after a noun open
    /// the next phrase (`laut Müller den sozialen Abstieg`), `der` and `des` hang on it.
    fn nominal(&self, k: usize) -> bool {
        let w = self.lower(k);
        !self.ws[k].after_comma
            && (self.capital(k)
                || ["der", "des", "von", "vom"].contains(&w.as_str())
                || ["die", "das", "dem", "den"].contains(&w.as_str())
                    && !(k > 0 && self.capital(k - 1)))
    }

    /// Whether `ws[k]` is an adjective before a noun (`libanesischer Sicherheitskreise`,
    /// `ersten Angaben`).
    fn adjective(&self, k: usize) -> bool {
        let w = self.lower(k);
        !self.ws[k].after_comma
            && !["die", "das", "den", "dem", "eine", "einen", "einem"].contains(&w.as_str())
            && ["e", "en", "er", "em", "es"]
                .iter()
                .any(|end| w.ends_with(end))
            && k + 1 < self.ws.len()
            && self.capital(k + 1)
    }

    /// The end of the noun phrase from `from`: as far as it runs, and words after it left for
    /// the quote (before `end`); it may open with a possessive or an indefinite article
    /// (`laut seinem Vorsitzenden`).
    fn phrase_end(&self, from: usize, end: usize) -> Option<usize> {
        let ws = self.ws;
        let mut j = from;
        if j < ws.len() && POSSESSIVES.contains(&self.lower(j).as_str()) {
            j += 1;
        }
        // An adjective after a noun opens the next phrase (`laut seinem Vorsitzenden großen
        // Zulauf`) unless it is a genitive's (`nach Angaben libanesischer Sicherheitskreise`).
        let hangs_on =
            |j: usize| j == from || !self.capital(j - 1) || self.lower(j).ends_with("er");
        while j < ws.len()
            && !self.quoted(j)
            && (self.nominal(j) || self.adjective(j) && hangs_on(j))
        {
            j += 1;
        }
        // It never ends on an article or `von` (`… des „Aufrufs“`: the quote's words).
        while j > from + 1
            && ["der", "des", "von", "vom", "dem", "den"].contains(&self.lower(j - 1).as_str())
        {
            j -= 1;
        }
        Some(j).filter(|&j| j > from && j < ws.len() && ws[j].start < end)
    }

    /// Where the source before `zufolge` at `ws[k]` begins: the noun phrase right before it,
    /// with an adjective, but not a verb after the sentence's first noun (`Am Samstag starben
    /// Berichten zufolge`).
    fn before_zufolge(&self, first: usize, k: usize) -> usize {
        let mut b = k;
        while b > first + 1
            && (self.nominal(b - 1) || self.adjective(b - 1) && !self.capital(b - 2))
        {
            b -= 1;
        }
        b
    }
}

/// The span of a source phrase that stands inside `start..end`, neither first nor last: `laut`
/// or `nach` and a source noun with the noun phrase after it, or a noun phrase and `zufolge`.
fn source_inside(chars: &[char], ws: &[Word], start: usize, end: usize) -> Option<(usize, usize)> {
    let p = Phrases { chars, ws };
    let first = ws.iter().position(|w| w.start >= start)?;
    for k in first + 1..ws.len() {
        if ws[k].end > end {
            break;
        }
        let after = match p.lower(k).as_str() {
            "laut" => p.phrase_end(k + 1, end),
            "nach" => (k + 1..(k + 4).min(ws.len()))
                .find(|&n| lexicon::names_a_source(&p.lower(n)))
                .and_then(|n| {
                    p.phrase_end(n + 1, end)
                        .or(Some(n + 1))
                        .filter(|&j| j < ws.len() && ws[j].start < end)
                }),
            // `…, so die Sprecherin der Opposition, …`: the phrase to the next comma.
            "so" if ws[k].after_comma
                && k + 1 < ws.len()
                && (p.nominal(k + 1) || p.capital(k + 1)) =>
            {
                (k + 2..ws.len())
                    .find(|&j| ws[j].after_comma)
                    .filter(|&j| ws[j].start < end)
            }
            "zufolge" => {
                let b = p.before_zufolge(first, k);
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
