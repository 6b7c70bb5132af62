//! How good suggestions are against a layer, as the issue defines it:
//! - *exact*: a suggested quote counts when its set of fragments equals a gold quote's;
//! - *overlap*: precision is the share of suggested quotes that overlap some gold quote,
//!   recall the share of gold quotes overlapped by some suggestion;
//! - *token F1*: over the contract's tokens lying wholly inside quote fragments;
//! - *speaker right*: for a gold quote found (overlapped), the suggestion's speaker overlaps the
//!   gold speaker or ends in the same word.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;

use crate::model::tokens::tokenize;
use crate::model::{Annotation, Relation};

/// One document: its text, the suggestions and the gold layer (annotations, relations).
pub struct Compared<'a> {
    /// The text.
    pub text: &'a str,
    /// The suggested layer.
    pub suggested: (&'a [Annotation], &'a [Relation]),
    /// The layer measured against.
    pub gold: (&'a [Annotation], &'a [Relation]),
}

/// Precision, recall and F1 (`None` where undefined).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Share of suggestions that are right.
    pub precision: Option<f64>,
    /// Share of gold items found.
    pub recall: Option<f64>,
    /// Their harmonic mean.
    pub f1: Option<f64>,
    /// Suggestions counted.
    pub suggested: usize,
    /// Gold items counted.
    pub gold: usize,
}

impl Prf {
    fn from_counts(
        right_suggested: usize,
        suggested: usize,
        found_gold: usize,
        gold: usize,
    ) -> Prf {
        let ratio = |a: usize, b: usize| (b > 0).then(|| a as f64 / b as f64);
        let (precision, recall) = (ratio(right_suggested, suggested), ratio(found_gold, gold));
        let f1 = match (precision, recall) {
            (Some(p), Some(r)) if p + r > 0.0 => Some(2.0 * p * r / (p + r)),
            (Some(_), Some(_)) => Some(0.0),
            _ => None,
        };
        Prf {
            precision,
            recall,
            f1,
            suggested,
            gold,
        }
    }
}

/// The figures `suggest --evaluate` prints.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Evaluation {
    /// Documents compared.
    pub documents: usize,
    /// Per label (`quote`, `speaker`): exact matches.
    pub exact: BTreeMap<String, Prf>,
    /// Per label: overlap.
    pub overlap: BTreeMap<String, Prf>,
    /// Quote tokens.
    pub token: Prf,
    /// Per quote form (`direct`, `indirect`, `reported`): exact matches, the suggestions of
    /// that form against the gold quotes of that form.
    pub exact_by_form: BTreeMap<String, Prf>,
    /// Per quote form: overlap.
    pub overlap_by_form: BTreeMap<String, Prf>,
    /// Found gold quotes with a gold speaker whose suggested speaker is right, of those.
    pub speaker_right: Option<f64>,
    /// Found gold quotes with a gold speaker.
    pub speaker_compared: usize,
    /// Per form of the gold quote (`direct`, `indirect`, `reported`): speaker accuracy.
    pub speaker_by_form: BTreeMap<String, SpeakerAccuracy>,
}

/// How often the suggested speaker of a found gold quote is right.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerAccuracy {
    /// Share right (`None` when nothing was compared).
    pub right: Option<f64>,
    /// Found gold quotes with a gold speaker.
    pub compared: usize,
}

#[derive(Default)]
struct Tally {
    exact: [usize; 4],
    overlap: [usize; 4],
}

impl Tally {
    fn add(&mut self, s: &[&Annotation], g: &[&Annotation]) {
        let mut unmatched: Vec<&Annotation> = g.to_vec();
        for a in s {
            if let Some(i) = unmatched.iter().position(|b| b.fragments == a.fragments) {
                unmatched.remove(i);
                self.exact[0] += 1;
            }
        }
        self.exact[1] += s.len();
        self.exact[2] += g.len() - unmatched.len();
        self.exact[3] += g.len();
        self.overlap[0] += s
            .iter()
            .filter(|a| g.iter().any(|b| a.shared_len(b) > 0))
            .count();
        self.overlap[1] += s.len();
        self.overlap[2] += g
            .iter()
            .filter(|b| s.iter().any(|a| a.shared_len(b) > 0))
            .count();
        self.overlap[3] += g.len();
    }
}

fn of<'a>(anns: &'a [Annotation], label: &str, form: Option<&str>) -> Vec<&'a Annotation> {
    anns.iter()
        .filter(|a| a.label == label)
        .filter(|a| {
            form.is_none_or(|f| a.attributes.get("form").and_then(|v| v.as_str()) == Some(f))
        })
        .collect()
}

/// The speaker a quote is attributed to in its layer.
fn speaker_of<'a>(
    quote: &Annotation,
    (anns, rels): (&'a [Annotation], &'a [Relation]),
) -> Option<&'a Annotation> {
    let rel = rels
        .iter()
        .find(|r| r.kind == "attribution" && r.from == quote.id)?;
    anns.iter().find(|a| a.id == rel.to)
}

/// The last word a mention covers in `chars`, lowercase.
fn last_word(chars: &[char], mention: &Annotation) -> Option<String> {
    let covered: String = mention
        .fragments
        .iter()
        .flat_map(|f| {
            chars
                .get(f.start..f.end)
                .unwrap_or_default()
                .iter()
                .chain([&' '])
        })
        .collect();
    covered
        .split(|c: char| !c.is_alphanumeric())
        .rfind(|w| !w.is_empty())
        .map(str::to_lowercase)
}

impl Evaluation {
    /// The figures as a table: one row per measure with P, R, F1 and the counts, then the
    /// speaker accuracy (what `suggest --evaluate` and `cargo bench --bench suggest` print).
    pub fn table(&self) -> String {
        let f = |v: Option<f64>| v.map_or("    —".to_string(), |v| format!("{v:>5.3}"));
        let row = |name: &str, p: &Prf| {
            format!(
                "{name:<26} {}  {}  {}   {:>5} {:>5}\n",
                f(p.precision),
                f(p.recall),
                f(p.f1),
                p.suggested,
                p.gold
            )
        };
        let mut out = format!(
            "{:<26} {:>5}  {:>5}  {:>5}   {:>5} {:>5}\n",
            "", "P", "R", "F1", "sugg.", "gold"
        );
        let labelled = |kind: &str, rows: &BTreeMap<String, Prf>, out: &mut String| {
            for (name, p) in rows {
                out.push_str(&row(&format!("{name} {kind}"), p));
            }
        };
        labelled("exact", &self.exact, &mut out);
        labelled("overlap", &self.overlap, &mut out);
        for (form, p) in &self.exact_by_form {
            out.push_str(&row(&format!("quote exact, {form}"), p));
        }
        for (form, p) in &self.overlap_by_form {
            out.push_str(&row(&format!("quote overlap, {form}"), p));
        }
        out.push_str(&row("quote tokens", &self.token));
        out.push_str(&format!(
            "speaker right              {}   of {} found quotes with a speaker\n",
            f(self.speaker_right),
            self.speaker_compared
        ));
        for (form, a) in &self.speaker_by_form {
            out.push_str(&format!(
                "speaker right, {form:<11} {}   of {}\n",
                f(a.right),
                a.compared
            ));
        }
        out
    }
}

/// Quote tokens of a document: (in both, suggested, gold).
fn quote_tokens(d: &Compared<'_>) -> (usize, usize, usize) {
    let tokens = tokenize(d.text);
    let inside = |anns: &[&Annotation]| -> HashSet<usize> {
        tokens
            .iter()
            .enumerate()
            .filter(|(_, t)| {
                anns.iter().any(|a| {
                    a.fragments
                        .iter()
                        .any(|f| f.start <= t.start && t.end <= f.end)
                })
            })
            .map(|(i, _)| i)
            .collect()
    };
    let (ts, tg) = (
        inside(&of(d.suggested.0, "quote", None)),
        inside(&of(d.gold.0, "quote", None)),
    );
    (ts.intersection(&tg).count(), ts.len(), tg.len())
}

/// Gold quotes with a speaker that a suggestion found, per form of the gold quote (`""` for
/// none): (speaker right, found).
fn speakers_right<'a>(d: &'a Compared<'_>) -> BTreeMap<&'a str, (usize, usize)> {
    let chars: Vec<char> = d.text.chars().collect();
    let mut tally: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    let suggested = of(d.suggested.0, "quote", None);
    for g in of(d.gold.0, "quote", None) {
        let Some(gold_speaker) = speaker_of(g, d.gold) else {
            continue;
        };
        let Some(found) = suggested
            .iter()
            .copied()
            .max_by_key(|s| s.shared_len(g))
            .filter(|s| s.shared_len(g) > 0)
        else {
            continue;
        };
        let form = g.attributes.get("form").and_then(|v| v.as_str());
        let counts = tally.entry(form.unwrap_or_default()).or_default();
        counts.1 += 1;
        if let Some(sp) = speaker_of(found, d.suggested)
            && (sp.shared_len(gold_speaker) > 0
                || last_word(&chars, sp)
                    .is_some_and(|w| Some(w) == last_word(&chars, gold_speaker)))
        {
            counts.0 += 1;
        }
    }
    tally
}

/// Compares the suggestions of every document with the gold layer.
pub fn evaluate(docs: &[Compared<'_>]) -> Evaluation {
    let mut tallies: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut forms: BTreeMap<&str, Tally> = BTreeMap::new();
    let (mut tok_tp, mut tok_s, mut tok_g) = (0, 0, 0);
    let mut speakers: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for d in docs {
        for label in ["quote", "speaker"] {
            tallies
                .entry(label)
                .or_default()
                .add(&of(d.suggested.0, label, None), &of(d.gold.0, label, None));
        }
        for form in ["direct", "indirect", "reported"] {
            forms.entry(form).or_default().add(
                &of(d.suggested.0, "quote", Some(form)),
                &of(d.gold.0, "quote", Some(form)),
            );
        }
        let (tp, ns, ng) = quote_tokens(d);
        (tok_tp, tok_s, tok_g) = (tok_tp + tp, tok_s + ns, tok_g + ng);
        for (form, (r, c)) in speakers_right(d) {
            let counts = speakers.entry(form.to_string()).or_default();
            (counts.0, counts.1) = (counts.0 + r, counts.1 + c);
        }
    }
    let (right, compared) = speakers
        .values()
        .fold((0, 0), |(r, c), &(r2, c2)| (r + r2, c + c2));
    let accuracy = |(r, c): (usize, usize)| SpeakerAccuracy {
        right: (c > 0).then(|| r as f64 / c as f64),
        compared: c,
    };
    let prf = |c: [usize; 4]| Prf::from_counts(c[0], c[1], c[2], c[3]);
    Evaluation {
        documents: docs.len(),
        exact: tallies
            .iter()
            .map(|(l, t)| (l.to_string(), prf(t.exact)))
            .collect(),
        overlap: tallies
            .iter()
            .map(|(l, t)| (l.to_string(), prf(t.overlap)))
            .collect(),
        token: Prf::from_counts(tok_tp, tok_s, tok_tp, tok_g),
        exact_by_form: forms
            .iter()
            .map(|(f, t)| (f.to_string(), prf(t.exact)))
            .collect(),
        overlap_by_form: forms
            .iter()
            .map(|(f, t)| (f.to_string(), prf(t.overlap)))
            .collect(),
        speaker_right: accuracy((right, compared)).right,
        speaker_compared: compared,
        speaker_by_form: speakers
            .into_iter()
            .filter(|(form, _)| !form.is_empty())
            .map(|(form, counts)| (form, accuracy(counts)))
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fragment;

    fn ann(id: &str, label: &str, frags: &[(usize, usize)], form: Option<&str>) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: id.into(),
            annotator: "x".into(),
            label: label.into(),
            fragments: frags.iter().map(|&(s, e)| Fragment::new(s, e)).collect(),
            text: String::new(),
            attributes: form
                .map(|f| [("form".to_string(), serde_json::Value::from(f))].into())
                .unwrap_or_default(),
            note: String::new(),
        }
    }

    fn link(from: &str, to: &str) -> Relation {
        Relation {
            id: format!("r{from}"),
            annotator: "x".into(),
            kind: "attribution".into(),
            from: from.into(),
            to: to.into(),
        }
    }

    const TEXT: &str = "Anna sagte: „Wir gehen heute“ und „morgen auch“. Ben lachte.";

    /// Gold: a discontinuous direct quote (12..29 + 34..47) by Anna (0..4), and a nested
    /// quote 13..16 inside it attributed to Ben (49..52).
    fn gold() -> (Vec<Annotation>, Vec<Relation>) {
        (
            vec![
                ann("q1", "quote", &[(12, 29), (34, 47)], Some("direct")),
                ann("q2", "quote", &[(13, 16)], Some("direct")),
                ann("s1", "speaker", &[(0, 4)], None),
                ann("s2", "speaker", &[(49, 52)], None),
            ],
            vec![link("q1", "s1"), link("q2", "s2")],
        )
    }

    #[test]
    fn identical_layers_score_one_everywhere() {
        let (a, r) = gold();
        let e = evaluate(&[Compared {
            text: TEXT,
            suggested: (&a, &r),
            gold: (&a, &r),
        }]);
        for p in e.exact.values().chain(e.overlap.values()).chain([&e.token]) {
            assert_eq!(
                (p.precision, p.recall, p.f1),
                (Some(1.0), Some(1.0), Some(1.0)),
                "{p:?}"
            );
        }
        assert_eq!(e.speaker_right, Some(1.0));
        assert_eq!(e.speaker_compared, 2);
        // No reported quotes on either side: undefined, not zero.
        assert_eq!(e.overlap_by_form["reported"].f1, None);
    }

    #[test]
    fn figures_counted_by_hand() {
        let (g, gr) = gold();
        // One quote with only the first fragment (overlaps q1 and q2, equals neither), one
        // wrong quote in "Ben lachte", and the speaker "Anna" for the first.
        let s = vec![
            ann("a", "quote", &[(12, 29)], Some("direct")),
            ann("b", "quote", &[(49, 60)], Some("indirect")),
            ann("c", "speaker", &[(0, 4)], None),
        ];
        let sr = vec![link("a", "c")];
        let e = evaluate(&[Compared {
            text: TEXT,
            suggested: (&s, &sr),
            gold: (&g, &gr),
        }]);
        let q = &e.exact["quote"];
        assert_eq!((q.precision, q.recall), (Some(0.0), Some(0.0)));
        let q = &e.overlap["quote"];
        // Suggested: a overlaps, b does not (1/2); gold: q1 and q2 both overlapped by a (2/2).
        assert_eq!((q.precision, q.recall), (Some(0.5), Some(1.0)));
        assert!((q.f1.unwrap() - 2.0 / 3.0).abs() < 1e-12);
        // Tokens inside quotes: gold q1 covers „Wir gehen heute“ (5 tokens) and „morgen auch“
        // (4), q2 lies inside it; suggested: the same first 5 and "Ben lachte." (3).
        let t = &e.token;
        assert_eq!((t.suggested, t.gold), (8, 9));
        assert!((t.precision.unwrap() - 5.0 / 8.0).abs() < 1e-12);
        assert!((t.recall.unwrap() - 5.0 / 9.0).abs() < 1e-12);
        // Speakers: q1 found by a (speaker Anna: right); q2 found by a too (Anna, but Ben is
        // right: wrong).
        assert_eq!(e.speaker_compared, 2);
        assert_eq!(e.speaker_right, Some(0.5));
        // Both gold quotes are direct: the same figure for that form, none for the others.
        let direct = SpeakerAccuracy {
            right: Some(0.5),
            compared: 2,
        };
        assert_eq!(e.speaker_by_form, [("direct".to_string(), direct)].into());
    }

    #[test]
    fn empty_suggestions_have_no_precision_and_zero_recall() {
        let (g, gr) = gold();
        let e = evaluate(&[Compared {
            text: TEXT,
            suggested: (&[], &[]),
            gold: (&g, &gr),
        }]);
        let q = &e.overlap["quote"];
        assert_eq!((q.precision, q.recall, q.f1), (None, Some(0.0), None));
        assert_eq!(e.speaker_right, None);
    }
}
