//! CoNLL with IOB2 tags: one token per line, one tag column per label so that nested and
//! overlapping spans are all kept, `-DOCSTART-` before each document, a blank line after each
//! line of the text (the text's own line breaks end "sentences").

use crate::model::tokens::{Token, tokenize};
use crate::model::{Annotation, DocumentRecord};

/// What writing CoNLL could not keep exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConllReport {
    /// Fragments whose ends fall inside a token: the whole token was tagged.
    pub misaligned: usize,
    /// Discontinuous annotations: each fragment became its own chunk.
    pub split: usize,
    /// Fragments inside (or across) another of the same label in the same layer: one column
    /// holds one chunk per token, so they were left out rather than cutting the outer chunk.
    pub dropped_nested: usize,
}

/// Writes one document's annotations (one layer) as CoNLL lines for the `labels` columns.
pub fn write_document(
    record: &DocumentRecord,
    annotations: &[&Annotation],
    labels: &[String],
    report: &mut ConllReport,
) -> String {
    let text = &record.document.text;
    let chars: Vec<char> = text.chars().collect();
    let tokens = tokenize(text);
    // tags[t][l]
    let mut tags = vec![vec!["O".to_string(); labels.len()]; tokens.len()];
    // Every fragment by column, the outer (earlier, then longer) first: a span nested in one of
    // the same label is left out instead of cutting the outer chunk in two.
    let mut fragments: Vec<(usize, usize, std::cmp::Reverse<usize>, &str)> = Vec::new();
    for a in annotations {
        let Some(col) = labels.iter().position(|l| *l == a.label) else {
            continue;
        };
        if a.fragments.len() > 1 {
            report.split += 1;
        }
        for f in &a.fragments {
            fragments.push((col, f.start, std::cmp::Reverse(f.end), a.label.as_str()));
        }
    }
    fragments.sort();
    for (col, start, std::cmp::Reverse(end), label) in fragments {
        let hit: Vec<usize> = (0..tokens.len())
            .filter(|&t| tokens[t].start < end && start < tokens[t].end)
            .collect();
        if hit.iter().any(|&t| tags[t][col] != "O") {
            report.dropped_nested += 1;
            continue;
        }
        if hit.first().is_some_and(|&t| tokens[t].start != start)
            || hit.last().is_some_and(|&t| tokens[t].end != end)
        {
            report.misaligned += 1;
        }
        for (n, &t) in hit.iter().enumerate() {
            tags[t][col] = format!("{}-{label}", if n == 0 { "B" } else { "I" });
        }
    }
    let mut out = String::from("-DOCSTART-");
    for _ in labels {
        out.push_str(" O");
    }
    out.push_str("\n\n");
    let mut previous: Option<&Token> = None;
    for (t, tok) in tokens.iter().enumerate() {
        if let Some(p) = previous
            && chars[p.end..tok.start].contains(&'\n')
        {
            out.push('\n');
        }
        let word: String = chars[tok.start..tok.end].iter().collect();
        out.push_str(&word);
        for tag in &tags[t] {
            out.push(' ');
            out.push_str(tag);
        }
        out.push('\n');
        previous = Some(tok);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Document, Fragment};

    #[test]
    fn nested_spans_get_their_own_columns() {
        let text = "„Nein“, sagte Putin.\nNeue Zeile";
        let rec = DocumentRecord::bare(
            Document::new("d".into(), "t".into(), text.into(), Default::default()),
            true,
        );
        let ann = |label: &str, s, e| Annotation {
            origin: Default::default(),
            id: String::new(),
            annotator: "a".into(),
            label: label.into(),
            fragments: vec![Fragment::new(s, e)],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        };
        let quote = ann("quote", 0, 19);
        let speaker = ann("speaker", 14, 19);
        let labels = vec!["quote".to_string(), "speaker".to_string()];
        let mut report = ConllReport::default();
        let out = write_document(&rec, &[&quote, &speaker], &labels, &mut report);
        let expected = "-DOCSTART- O O\n\n„ B-quote O\nNein I-quote O\n“ I-quote O\n, I-quote O\nsagte I-quote O\nPutin I-quote B-speaker\n. O O\n\nNeue O O\nZeile O O\n\n";
        assert_eq!(out, expected);
        assert_eq!(report, ConllReport::default());
    }

    /// Issue "exports and imports that the real tools accept", item 3: a quote inside a quote
    /// used to cut the outer chunk at the inner one; now the inner one is left out and counted.
    #[test]
    fn a_span_nested_in_one_of_the_same_label_is_left_out_not_cutting_it() {
        let text = "Er sagte: „Sie rief ‚Halt‘ und ging.“";
        let rec = DocumentRecord::bare(
            Document::new("d".into(), "t".into(), text.into(), Default::default()),
            true,
        );
        let span = |needle: &str| {
            let b = text.find(needle).unwrap();
            let s = text[..b].chars().count();
            Fragment::new(s, s + needle.chars().count())
        };
        let ann = |f: Fragment| Annotation {
            origin: Default::default(),
            id: String::new(),
            annotator: "a".into(),
            label: "quote".into(),
            fragments: vec![f],
            text: String::new(),
            attributes: Default::default(),
            note: String::new(),
        };
        let (inner, outer) = (
            ann(span("‚Halt‘")),
            ann(span("„Sie rief ‚Halt‘ und ging.“")),
        );
        let labels = vec!["quote".to_string()];
        for order in [[&inner, &outer], [&outer, &inner]] {
            let mut report = ConllReport::default();
            let out = write_document(&rec, &order, &labels, &mut report);
            let tags: Vec<&str> = out
                .lines()
                .skip(2)
                .filter_map(|l| l.split(' ').nth(1))
                .collect();
            assert_eq!(
                tags.iter().filter(|t| t.starts_with("B-")).count(),
                1,
                "{out}"
            );
            // „ Sie rief ‚ Halt ‘ und ging . “
            assert_eq!(tags.iter().filter(|t| **t != "O").count(), 10, "{out}");
            assert_eq!(report.dropped_nested, 1);
        }
    }
}
