//! Tokens: the matches of the Unicode-aware regex `\w+|[^\w\s]`, as the contract (`docs/contract.md`) fixes them for
//! agreement; CoNLL and spaCy exports use the same tokens.

use std::sync::OnceLock;

use regex::Regex;

/// One token as a code point range of the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First code point.
    pub start: usize,
    /// First code point after it.
    pub end: usize,
}

fn pattern() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    // The pattern is a constant known to compile; a failure would be a build defect.
    RE.get_or_init(|| Regex::new(r"\w+|[^\w\s]").expect("the token pattern compiles"))
}

/// The tokens of `text`, in order, with code point offsets.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut cp = 0usize;
    let mut byte = 0usize;
    for m in pattern().find_iter(text) {
        cp += text[byte..m.start()].chars().count();
        let len = m.as_str().chars().count();
        out.push(Token {
            start: cp,
            end: cp + len,
        });
        cp += len;
        byte = m.end();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_punctuation_with_code_point_offsets() {
        let text = "„Wir“, sagte Rene\u{301} 😀.";
        let toks: Vec<&str> = tokenize(text)
            .iter()
            .map(|t| {
                let s: String = text.chars().skip(t.start).take(t.end - t.start).collect();
                Box::leak(s.into_boxed_str()) as &str
            })
            .collect();
        assert_eq!(
            toks,
            ["„", "Wir", "“", ",", "sagte", "Rene\u{301}", "😀", "."]
        );
    }
}
