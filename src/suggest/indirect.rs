//! Indirect speech where rules can see it: a sentence built on a German
//! Konjunktiv I form (`Das Amt habe davon gewusst.`), the clause after a reporting verb and a
//! comma (`Krause sagte, das Amt habe davon gewusst.`), and sentences that name their source
//! with `laut X`, `X zufolge` or `according to X`.

use super::lexicon;

/// A sentence of the text: its code-point span.
fn sentences(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    while i < chars.len() {
        let end_here = chars[i] == '\n'
            || (".!?".contains(chars[i]) && chars.get(i + 1).is_none_or(|c| c.is_whitespace()));
        if end_here {
            let end = if chars[i] == '\n' { i } else { i + 1 };
            push_trimmed(chars, &mut out, start, end);
            start = i + 1;
        }
        i += 1;
    }
    push_trimmed(chars, &mut out, start, chars.len());
    out
}

fn push_trimmed(chars: &[char], out: &mut Vec<(usize, usize)>, mut s: usize, mut e: usize) {
    while s < e && chars[s].is_whitespace() {
        s += 1;
    }
    while e > s && chars[e - 1].is_whitespace() {
        e -= 1;
    }
    if e > s {
        out.push((s, e));
    }
}

fn lower_words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// Reported or indirect speech: (span, form) for each sentence that has it and does not
/// overlap `taken` (the direct quotes).
pub fn find(chars: &[char], taken: &[(usize, usize)]) -> Vec<((usize, usize), &'static str)> {
    let mut out = Vec::new();
    for (s, e) in sentences(chars) {
        // A sentence that is mostly a direct quote is that quote; a short quoted phrase
        // inside reported speech leaves the sentence to this rule.
        let quoted: usize = taken
            .iter()
            .map(|&(a, b)| b.min(e).saturating_sub(a.max(s)))
            .sum();
        if quoted * 2 > e - s {
            continue;
        }
        let text: String = chars[s..e].iter().collect();
        let words = lower_words(&text);
        if words.len() < 4 {
            continue;
        }
        let sourced =
            words.iter().any(|w| w == "laut" || w == "zufolge") || text.contains("according to");
        let konjunktiv = words
            .iter()
            .skip(1)
            .any(|w| lexicon::KONJUNKTIV.contains(&w.as_str()));
        if !(sourced || konjunktiv) {
            continue;
        }
        // After a reporting verb and a comma, only the clause is the quote.
        let mut start = s;
        let verb_then_comma = words.iter().take(8).any(|w| lexicon::reports(w));
        if konjunktiv
            && verb_then_comma
            && let Some(comma) = (s..e).find(|&i| chars[i] == ',')
            && comma + 2 < e
        {
            start = comma + 1;
            while start < e && chars[start].is_whitespace() {
                start += 1;
            }
        }
        // `…, sagte Krause.` at the end: the reporting clause is not part of the quote.
        let mut end = e;
        if let Some(comma) = (start..e).rev().find(|&i| chars[i] == ',') {
            let tail: String = chars[comma + 1..e].iter().collect();
            let tail_words: Vec<&str> = tail.split_whitespace().collect();
            if tail_words.len() <= 8 && tail_words.first().is_some_and(|w| lexicon::reports(w)) {
                end = comma;
            }
        }
        // Sentences with a named source are mostly indirect speech in annotated news (the
        // WikiNews development articles mark them so), not reported speech.
        out.push(((start, end), "indirect"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, &'static str)> {
        let chars: Vec<char> = text.chars().collect();
        find(&chars, &[])
            .into_iter()
            .map(|((s, e), form)| (chars[s..e].iter().collect(), form))
            .collect()
    }

    #[test]
    fn konjunktiv_clauses_and_named_sources() {
        assert_eq!(
            found("Krause sagte, das Amt habe davon gewusst. Das Wetter war gut."),
            vec![("das Amt habe davon gewusst.".to_string(), "indirect")]
        );
        assert_eq!(
            found("Die Stadt sei nicht gewarnt worden."),
            vec![(
                "Die Stadt sei nicht gewarnt worden.".to_string(),
                "indirect"
            )]
        );
        assert_eq!(
            found("Laut Polizei gab es drei Verletzte."),
            vec![(
                "Laut Polizei gab es drei Verletzte.".to_string(),
                "indirect"
            )]
        );
        assert!(found("Das Amt war gewarnt worden.").is_empty());
    }
}
