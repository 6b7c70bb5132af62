//! English mentions that open with a determiner and go on in lowercase (`the minister`, `a
//! spokesman for the club`, `Baker's assistant`), which the German rules, looking for
//! capitalised nouns, do not see.

use super::super::lexicon;
use super::super::sentence::Word;

/// The words that open an English noun phrase.
const DETERMINERS: &[&str] = &["the", "a", "an", "his", "her", "their", "its", "our", "one"];

/// The words that end an English mention: prepositions that start an adverbial, conjunctions,
/// relative pronouns.
const ENDS: &[&str] = &[
    "on",
    "in",
    "at",
    "to",
    "during",
    "after",
    "before",
    "when",
    "while",
    "as",
    "who",
    "which",
    "that",
    "and",
    "but",
    "adding",
    "according",
    "yesterday",
    "today",
    "earlier",
    "later",
    "outside",
    "inside",
    "near",
    "about",
    "over",
    "by",
    "via",
    "through",
];

/// Words that open an adverbial before a sentence's subject (`Earlier this year the firm's
/// founder told …`, `In a statement the company said …`).
const ADVERBIAL_OPENERS: &[&str] = &[
    "earlier",
    "later",
    "last",
    "this",
    "yesterday",
    "today",
    "on",
    "in",
    "at",
    "after",
    "before",
    "during",
    "meanwhile",
    "also",
    "however",
    "separately",
    "since",
    "then",
    "when",
    "while",
];

/// Where the subject starts in the words `ws[from..end]` before a reporting verb: after an
/// adverbial that opens them, at the last determiner (`Earlier this year the firm's founder`),
/// else at `from`.
pub(super) fn subject_start(ws: &[Word], from: usize, end: usize) -> usize {
    let adverbial = ws
        .get(from)
        .is_some_and(|w| ADVERBIAL_OPENERS.contains(&w.text.to_lowercase().as_str()));
    if !adverbial {
        return from;
    }
    (from + 1..end)
        .rfind(|&k| opens_phrase(&ws[k]))
        .unwrap_or(from)
}

/// The longest English mention, in words.
const LONGEST: usize = 7;

/// Whether `w` opens an English noun phrase: a determiner, or a name with a possessive
/// (`Baker's`).
fn opens_phrase(w: &Word) -> bool {
    let lower = w.text.to_lowercase();
    DETERMINERS.contains(&lower.as_str())
        || (w.text.ends_with("'s") || w.text.ends_with("’s"))
            && w.text.starts_with(char::is_uppercase)
}

/// The English mention that opens at `ws[k]` and runs up to `ws[end]` (not included) at the
/// most: `the minister`, `a spokesman for the club`; cut at a comma, a preposition that opens
/// an adverbial or a conjunction.
pub(super) fn mention(ws: &[Word], k: usize, end: usize) -> Option<(usize, usize)> {
    let last = mention_words(ws, k, end)?;
    Some((ws[k].start, ws[last].end))
}

/// The mention that opens a clause right after a quote when a reporting verb follows it
/// (`," a spokesman for the club said on Monday`), with a name set off by commas after it
/// (`," the chairwoman, Elena Rossi, said`).
pub(super) fn before_verb(ws: &[Word]) -> Option<(usize, usize)> {
    let mut last = mention_words(ws, 0, ws.len())?;
    let name = ws[last + 1..]
        .iter()
        .take(4)
        .take_while(|w| w.text.starts_with(char::is_uppercase))
        .count();
    let apposition = name > 0
        && ws.get(last + 1).is_some_and(|w| w.after_comma)
        && ws.get(last + name + 1).is_some_and(|w| w.after_comma);
    if apposition {
        last += name;
    }
    ws.get(last + 1)
        .is_some_and(|w| lexicon::introduces(&w.text))
        .then(|| (ws[0].start, ws[last].end))
}

/// The English speaker of a reporting verb `ws[verb]` right after a quote: the mention after
/// it (`," said a spokesman for the club`), or the words before an English verb (`," engineers
/// said`).
pub(super) fn at_verb(ws: &[Word], verb: usize) -> Option<(usize, usize)> {
    if verb == 0 {
        return mention(ws, 1, ws.len());
    }
    (lexicon::ENGLISH_CLAUSE_VERBS.contains(&ws[verb].text.as_str())
        && !ws[1..=verb].iter().any(|w| w.after_comma))
    .then(|| (ws[0].start, ws[verb - 1].end))
}

/// The index of the last word of [`mention`].
fn mention_words(ws: &[Word], k: usize, end: usize) -> Option<usize> {
    if !opens_phrase(ws.get(k)?) {
        return None;
    }
    let mut last = k;
    while last + 1 < end.min(ws.len()) && last + 1 - k < LONGEST {
        let next = &ws[last + 1];
        let lower = next.text.to_lowercase();
        if next.after_comma
            || next.after_dash
            || ENDS.contains(&lower.as_str())
            || lexicon::introduces(&next.text)
        {
            break;
        }
        last += 1;
    }
    // A determiner alone names nobody.
    (last > k || !DETERMINERS.contains(&ws[k].text.to_lowercase().as_str())).then_some(last)
}

#[cfg(test)]
mod tests {
    use super::super::super::sentence::words;
    use super::*;

    fn said(text: &str, k: usize) -> Option<String> {
        let chars: Vec<char> = text.chars().collect();
        let ws = words(&chars, 0, chars.len());
        mention(&ws, k, ws.len()).map(|(a, b)| chars[a..b].iter().collect())
    }

    #[test]
    fn a_mention_runs_from_its_determiner_to_a_comma_preposition_or_conjunction() {
        assert_eq!(said("the coach", 0).as_deref(), Some("the coach"));
        assert_eq!(
            said("a spokesman for the club on Monday", 0).as_deref(),
            Some("a spokesman for the club")
        );
        assert_eq!(
            said("Baker's assistant, who left", 0).as_deref(),
            Some("Baker's assistant")
        );
        assert_eq!(
            said("the prime minister and his aide", 0).as_deref(),
            Some("the prime minister")
        );
        assert_eq!(said("the", 0), None, "a determiner alone");
        assert_eq!(
            said("Tom Baker", 0),
            None,
            "a name is the German rules' to find"
        );
        assert_eq!(said("the coach said", 0).as_deref(), Some("the coach"));
    }

    #[test]
    fn an_adverbial_before_the_subject_is_left_out() {
        let text = "Earlier this year the firm's founder told investors";
        let chars: Vec<char> = text.chars().collect();
        let ws = words(&chars, 0, chars.len());
        assert_eq!(ws[subject_start(&ws, 0, 6)].text, "the");
        let text = "Minister of the Interior John Smith said";
        let chars: Vec<char> = text.chars().collect();
        let ws = words(&chars, 0, chars.len());
        assert_eq!(subject_start(&ws, 0, 6), 0, "a name with `the` inside");
    }
}
