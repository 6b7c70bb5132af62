//! What the learned suggester sees of each token: the word and its neighbours, its shape and
//! suffix, quotation marks and whether it stands between them, reporting verbs near it, where
//! the sentence begins, a comma before it and a source named in its sentence, and what the
//! rules suggested there.

use std::collections::{HashMap, HashSet};

use crfs::Attribute;

use super::super::{Suggestion, lexicon};
use crate::model::tokens::Token;

/// Every quotation mark the rules know, opening or closing.
const MARKS: &str = "„“”\"»«‚‘’'‹›";

/// What is known of every token before its attributes are written.
struct Context<'a> {
    chars: &'a [char],
    tokens: &'a [Token],
    words: Vec<String>,
    lower: Vec<String>,
    reporting: Vec<bool>,
    ruled: Vec<String>,
    sentence: Vec<usize>,
    /// Per sentence: its first and last reporting verb (token numbers).
    verbs: HashMap<usize, (usize, usize)>,
    /// The sentences with a Konjunktiv I form.
    konjunktiv: HashSet<usize>,
    /// Per token: whether it stands inside quotation marks (after an opening mark whose
    /// closing one has not come yet, within its paragraph).
    in_marks: Vec<bool>,
    /// Per token: whether a comma stands before it in its sentence.
    after_comma: Vec<bool>,
    /// The sentences that name a source (`laut`, `zufolge`, `Angaben`, `demnach`, `so`).
    sourced: HashSet<usize>,
}

/// The attributes of each token of `chars` (tokens `tokens`), given the rules' suggestions.
pub fn attributes(chars: &[char], tokens: &[Token], rules: &[Suggestion]) -> Vec<Vec<Attribute>> {
    let words: Vec<String> = tokens
        .iter()
        .map(|t| chars[t.start..t.end].iter().collect::<String>())
        .collect();
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let reporting: Vec<bool> = words.iter().map(|w| lexicon::reports(w)).collect();
    let sentence = sentence_ids(chars, tokens, &words);
    let mut verbs: HashMap<usize, (usize, usize)> = HashMap::new();
    for (i, _) in reporting.iter().enumerate().filter(|(_, r)| **r) {
        verbs.entry(sentence[i]).or_insert((i, i)).1 = i;
    }
    let konjunktiv = lower
        .iter()
        .enumerate()
        .filter(|(_, w)| lexicon::KONJUNKTIV.contains(&w.as_str()))
        .map(|(i, _)| sentence[i])
        .collect();
    let sourced = lower
        .iter()
        .enumerate()
        .filter(|(_, w)| ["laut", "zufolge", "angaben", "demnach", "so"].contains(&w.as_str()))
        .map(|(i, _)| sentence[i])
        .collect();
    let after_comma = (0..tokens.len())
        .scan((usize::MAX, false), |(s, seen), i| {
            if sentence[i] != *s {
                (*s, *seen) = (sentence[i], false);
            }
            let before = *seen;
            *seen |= words[i] == ",";
            Some(before)
        })
        .collect();
    let cx = Context {
        in_marks: marks_state(chars, tokens, &words),
        after_comma,
        sourced,
        chars,
        tokens,
        ruled: rule_tags(tokens, rules),
        words,
        lower,
        reporting,
        sentence,
        verbs,
        konjunktiv,
    };
    let mut out = Vec::with_capacity(tokens.len());
    for i in 0..tokens.len() {
        let mut names = cx.word_features(i);
        names.extend(cx.context_features(i));
        out.push(names.into_iter().map(|n| Attribute::new(n, 1.0)).collect());
    }
    out
}

impl Context<'_> {
    /// The token itself and its neighbours: words, shape, suffix, quotation marks.
    fn word_features(&self, i: usize) -> Vec<String> {
        let mut out = vec![format!("w={}", self.lower[i])];
        for d in [-2isize, -1, 1, 2] {
            let w = usize::try_from(i as isize + d)
                .ok()
                .and_then(|j| self.lower.get(j))
                .map_or("<none>", |w| w.as_str());
            out.push(format!("w{d:+}={w}"));
        }
        out.push(format!("shape={}", shape(&self.words[i])));
        let suffix: String = self.lower[i].chars().rev().take(3).collect();
        out.push(format!("suf={suffix}"));
        if self.words[i].chars().all(|c| MARKS.contains(c)) {
            out.push(format!("mark={}", self.words[i]));
        }
        out
    }

    /// Where the token stands: reporting verbs near it and in its sentence, the Konjunktiv,
    /// inside marks or not, after a comma, in a sentence naming a source, sentence and
    /// paragraph starts, and what the rules said of it and its neighbours.
    fn context_features(&self, i: usize) -> Vec<String> {
        let mut out = Vec::new();
        let mut flag = |on: bool, name: &str| {
            if on {
                out.push(name.to_string());
            }
        };
        let near = |from: isize, to: isize| {
            (from..=to).any(|d| {
                usize::try_from(i as isize + d)
                    .ok()
                    .is_some_and(|j| j != i && self.reporting.get(j) == Some(&true))
            })
        };
        flag(self.reporting[i], "reports");
        flag(near(-5, -1), "reports-before");
        flag(near(1, 5), "reports-after");
        let s = self.sentence[i];
        flag(i == 0 || self.sentence[i - 1] != s, "sentence-start");
        let verbs = self.verbs.get(&s);
        flag(verbs.is_some_and(|v| v.0 < i), "sentence-reports-before");
        flag(verbs.is_some_and(|v| v.1 > i), "sentence-reports-after");
        flag(
            lexicon::KONJUNKTIV.contains(&self.lower[i].as_str()),
            "konjunktiv",
        );
        flag(self.konjunktiv.contains(&s), "sentence-konjunktiv");
        flag(self.in_marks[i], "in-marks");
        flag(self.after_comma[i], "after-comma");
        flag(self.sourced.contains(&s), "sentence-source");
        let before = self.chars[..self.tokens[i].start]
            .iter()
            .rev()
            .find(|c| **c != ' ' && **c != '\t');
        flag(before.is_none_or(|c| *c == '\n'), "paragraph-start");
        out.push(format!("rule={}", self.ruled[i]));
        if i > 0 {
            out.push(format!("rule-1={}", self.ruled[i - 1]));
        }
        if let Some(next) = self.ruled.get(i + 1) {
            out.push(format!("rule+1={next}"));
        }
        out
    }
}

/// The number of the sentence each token lies in (a sentence ends after `.`, `!`, `?` or
/// at a line break).
fn sentence_ids(chars: &[char], tokens: &[Token], words: &[String]) -> Vec<usize> {
    let mut n = 0;
    let mut out = Vec::with_capacity(tokens.len());
    for (t, w) in tokens.iter().zip(words) {
        out.push(n);
        let line_break = chars[t.end..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .any(|c| *c == '\n');
        if matches!(w.as_str(), "." | "!" | "?") || line_break {
            n += 1;
        }
    }
    out
}

/// For each token, whether it stands between an opening quotation mark and its closing one
/// (a line break ends the state: a paragraph may open a quote anew).
fn marks_state(chars: &[char], tokens: &[Token], words: &[String]) -> Vec<bool> {
    let mut inside = false;
    let mut out = Vec::with_capacity(tokens.len());
    for (t, w) in tokens.iter().zip(words) {
        let opening = matches!(w.as_str(), "„" | "»" | "“" | "\"" | "«" | "‚")
            && chars.get(t.end).is_some_and(|c| !c.is_whitespace());
        let closing = matches!(w.as_str(), "“" | "”" | "«" | "\"" | "»" | "‘")
            && t.start > 0
            && !chars[t.start - 1].is_whitespace();
        if closing && inside {
            out.push(true);
            inside = false;
        } else {
            inside |= opening;
            out.push(inside);
        }
        if chars[t.end..]
            .iter()
            .take_while(|c| c.is_whitespace())
            .any(|c| *c == '\n')
        {
            inside = false;
        }
    }
    out
}

/// A word's shape: `Xx` for a capitalised word, `x` lower case, `X` all capitals, `d`
/// digits, the character itself for punctuation.
fn shape(word: &str) -> String {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    if first.is_numeric() {
        "d".into()
    } else if !first.is_alphanumeric() {
        word.to_string()
    } else if first.is_uppercase() {
        if word.chars().all(|c| !c.is_lowercase()) && word.chars().count() > 1 {
            "X".into()
        } else {
            "Xx".into()
        }
    } else {
        "x".into()
    }
}

/// For each token, what the rules said of it: `quote-direct`, `quote-indirect`, `speaker` or
/// `O`.
fn rule_tags(tokens: &[Token], rules: &[Suggestion]) -> Vec<String> {
    let mut tags = vec!["O".to_string(); tokens.len()];
    let mut mark = |s: usize, e: usize, tag: &str| {
        let from = tokens.partition_point(|t| t.end <= s);
        let to = tokens.partition_point(|t| t.start < e);
        for t in tags.iter_mut().take(to).skip(from) {
            *t = tag.to_string();
        }
    };
    for r in rules {
        for &(s, e) in &r.fragments {
            mark(s, e, &format!("quote-{}", r.form));
        }
        if let Some((s, e)) = r.speaker {
            mark(s, e, "speaker");
        }
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::tokens::tokenize;

    /// Each token of `text` with whether it stands inside quotation marks.
    fn inside(text: &str) -> Vec<(String, bool)> {
        let chars: Vec<char> = text.chars().collect();
        let tokens = tokenize(text);
        let words: Vec<String> = tokens
            .iter()
            .map(|t| chars[t.start..t.end].iter().collect())
            .collect();
        let state = marks_state(&chars, &tokens, &words);
        words.into_iter().zip(state).collect()
    }

    #[test]
    fn the_marks_state_covers_a_quote_and_its_marks_and_ends_with_its_paragraph() {
        let marked: Vec<String> = inside("Er sagte: „Ja, gut“ und ging. »Nie«, rief sie.")
            .into_iter()
            .filter(|(_, inside)| *inside)
            .map(|(w, _)| w)
            .collect();
        assert_eq!(marked, ["„", "Ja", ",", "gut", "“", "»", "Nie", "«"]);
        // A mark never closed opens nothing past its paragraph.
        let state = inside("Sie rief „Halt\n\nDann war Ruhe.");
        assert!(state.iter().any(|(w, i)| w == "Halt" && *i));
        assert!(state.iter().all(|(w, i)| w != "Ruhe" || !*i));
        // English marks open and close alike.
        let state = inside("He said \"no way\" and left.");
        assert!(state.iter().any(|(w, i)| w == "way" && *i));
        assert!(state.iter().all(|(w, i)| w != "left" || !*i));
    }
}
