//! brat standoff: a `.txt` and an `.ann` per document, and `annotation.conf` / `visual.conf`
//! for the schema. Offsets in `.ann` are code points of the `.txt`, which is the text exactly.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::model::{Annotation, Relation, Schema};

/// What writing brat changed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BratReport {
    /// Fragments that crossed a line break and were cut there (brat spans cannot).
    pub cut_at_line_breaks: usize,
}

/// The `.ann` text for one document's annotations and relations of one layer.
pub fn write_ann(
    text: &str,
    annotations: &[&Annotation],
    relations: &[&Relation],
    report: &mut BratReport,
) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut t_of: BTreeMap<&str, usize> = BTreeMap::new();
    let (mut a_n, mut note_n) = (0, 0);
    for (n, ann) in annotations.iter().enumerate() {
        let t = n + 1;
        t_of.insert(&ann.id, t);
        // brat spans may not cross a line end: cut fragments there.
        let mut pieces = Vec::new();
        for f in &ann.fragments {
            let mut start = f.start;
            for (offset, c) in chars[f.start..f.end].iter().enumerate() {
                if ends_line(*c) {
                    let p = f.start + offset;
                    if p > start {
                        pieces.push((start, p));
                    }
                    start = p + 1;
                }
            }
            if start < f.end {
                pieces.push((start, f.end));
            }
        }
        if pieces.len() != ann.fragments.len() {
            report.cut_at_line_breaks += 1;
        }
        let spans: Vec<String> = pieces.iter().map(|(s, e)| format!("{s} {e}")).collect();
        let covered: Vec<String> = pieces
            .iter()
            .map(|&(s, e)| chars[s..e].iter().collect())
            .collect();
        out.push_str(&format!(
            "T{t}\t{} {}\t{}\n",
            ann.label,
            spans.join(";"),
            covered.join(" ")
        ));
        for (name, value) in &ann.attributes {
            a_n += 1;
            let v = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            out.push_str(&format!(
                "A{a_n}\t{name} T{t} {}\n",
                one_line(&v).replace(' ', "_")
            ));
        }
        if !ann.note.is_empty() {
            note_n += 1;
            out.push_str(&format!(
                "#{note_n}\tAnnotatorNotes T{t}\t{}\n",
                one_line(&ann.note)
            ));
        }
    }
    for (n, r) in relations.iter().enumerate() {
        if let (Some(a), Some(b)) = (t_of.get(r.from.as_str()), t_of.get(r.to.as_str())) {
            out.push_str(&format!("R{}\t{} Arg1:T{a} Arg2:T{b}\t\n", n + 1, r.kind));
        }
    }
    out
}

fn one_line(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || ends_line(c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True for every character at which brat's reader ends a line: Python's `str.splitlines`
/// (which its codecs reader uses) splits at these, not only at `\n` and `\r`.
pub fn ends_line(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r'
            | '\u{0b}'
            | '\u{0c}'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// `annotation.conf`: entities, relations and attributes of the schema as brat declares them.
pub fn annotation_conf(schema: &Schema) -> String {
    let mut out = String::from("# spanbench schema for brat\n[entities]\n");
    for l in &schema.labels {
        out.push_str(&format!("{}\n", l.name));
    }
    out.push_str("\n[relations]\n");
    for r in &schema.relations {
        out.push_str(&format!(
            "{}\tArg1:{}, Arg2:{}\n",
            r.name,
            r.from.join("|"),
            r.to.join("|")
        ));
    }
    out.push_str(
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
    );
    // brat attribute names are global: merge the labels and values of equal names.
    let mut attrs: BTreeMap<&str, (Vec<&str>, Vec<String>)> = BTreeMap::new();
    for l in &schema.labels {
        for a in &l.attributes {
            let entry = attrs.entry(&a.name).or_default();
            entry.0.push(&l.name);
            for v in &a.values {
                let v = v.replace(' ', "_");
                if !entry.1.contains(&v) {
                    entry.1.push(v);
                }
            }
        }
    }
    for (name, (labels, values)) in attrs {
        out.push_str(&format!(
            "{name}\tArg:{}, Value:{}\n",
            labels.join("|"),
            values.join("|")
        ));
    }
    out
}

/// `visual.conf`: the schema's colours.
pub fn visual_conf(schema: &Schema) -> String {
    let mut out = String::from("[labels]\n\n[drawing]\n");
    for l in &schema.labels {
        out.push_str(&format!("{}\tbgColor:{}\n", l.name, l.colour));
    }
    out
}

/// A `T` line's annotation: `LABEL START END;START END` and the covered text.
fn text_bound(
    id: String,
    body: &str,
    covered: &str,
    annotator: &str,
) -> Result<Annotation, String> {
    let (label, spans) = body
        .split_once(' ')
        .ok_or_else(|| format!("cannot read '{body}' as LABEL START END"))?;
    let mut fragments = Vec::new();
    for span in spans.split(';') {
        let mut nums = span.split_whitespace().map(str::parse::<usize>);
        match (nums.next(), nums.next(), nums.next()) {
            (Some(Ok(s)), Some(Ok(e)), None) => fragments.push(crate::model::Fragment::new(s, e)),
            _ => return Err(format!("'{span}' is not START END")),
        }
    }
    Ok(Annotation {
        id,
        annotator: annotator.to_string(),
        label: label.to_string(),
        fragments,
        text: covered.to_string(),
        attributes: Default::default(),
        note: String::new(),
    })
}

/// Reads a brat `.ann` for `text`: `T` (with `start end;start end` fragments), `A`
/// attributes, `R` relations and `AnnotatorNotes`. Ids stay as brat gave them (`T1`, `R1`).
/// An error names the 1-based line.
pub fn read_ann(
    ann: &str,
    annotator: &str,
) -> Result<(Vec<Annotation>, Vec<Relation>), (usize, String)> {
    let mut annotations: Vec<Annotation> = Vec::new();
    let mut relations = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        let err = |m: String| (line_no, m);
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.split('\t');
        let id = cols.next().unwrap_or_default().to_string();
        let body = cols
            .next()
            .ok_or_else(|| err("expected a tab after the id".into()))?;
        match id.chars().next() {
            Some('T') => {
                let covered = cols.next().ok_or_else(|| {
                    err("a T line needs the covered text after a second tab".into())
                })?;
                annotations.push(text_bound(id, body, covered, annotator).map_err(err)?);
            }
            Some('A') | Some('M') => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                let (name, target) = match parts.as_slice() {
                    [name, target, ..] => (*name, *target),
                    _ => return Err(err(format!("cannot read the attribute '{body}'"))),
                };
                let value = parts
                    .get(2)
                    .map_or(Value::Bool(true), |v| Value::String(v.to_string()));
                let ann = annotations
                    .iter_mut()
                    .find(|a| a.id == target)
                    .ok_or_else(|| err(format!("attribute of unknown annotation {target}")))?;
                ann.attributes.insert(name.to_string(), value);
            }
            Some('R') => {
                let parts: Vec<&str> = body.split_whitespace().collect();
                let arg = |p: &str| p.split_once(':').map(|(_, id)| id.to_string());
                match parts.as_slice() {
                    [kind, a, b] => relations.push(Relation {
                        id,
                        annotator: annotator.to_string(),
                        kind: kind.to_string(),
                        from: arg(a).ok_or_else(|| err(format!("'{a}' is not Arg1:ID")))?,
                        to: arg(b).ok_or_else(|| err(format!("'{b}' is not Arg2:ID")))?,
                    }),
                    _ => return Err(err(format!("cannot read the relation '{body}'"))),
                }
            }
            Some('#') => {
                let note = cols.next().unwrap_or_default();
                if let Some(target) = body.split_whitespace().nth(1)
                    && let Some(ann) = annotations.iter_mut().find(|a| a.id == target)
                {
                    ann.note = note.to_string();
                }
            }
            Some('E') | Some('N') | Some('*') => {
                return Err(err(format!(
                    "{id}: brat events, normalizations and equivalences are not supported; remove the line or convert it"
                )));
            }
            _ => {
                return Err(err(format!(
                    "'{id}' is not a brat annotation id (T, R, A, M, #)"
                )));
            }
        }
    }
    Ok((annotations, relations))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fragment;

    #[test]
    fn discontinuous_spans_attributes_notes_relations() {
        let text = "„Wir“, sagte er, „können.“\nPutin";
        let mut quote = Annotation {
            id: "a1".into(),
            annotator: "anna".into(),
            label: "quote".into(),
            fragments: vec![Fragment::new(0, 5), Fragment::new(17, 26)],
            text: String::new(),
            attributes: Default::default(),
            note: "zwei\nTeile".into(),
        };
        quote
            .attributes
            .insert("form".into(), serde_json::json!("direct"));
        let speaker = Annotation {
            id: "a2".into(),
            label: "speaker".into(),
            fragments: vec![Fragment::new(27, 32)],
            note: String::new(),
            attributes: Default::default(),
            ..quote.clone()
        };
        let rel = Relation {
            id: "r1".into(),
            annotator: "anna".into(),
            kind: "attribution".into(),
            from: "a1".into(),
            to: "a2".into(),
        };
        let mut report = BratReport::default();
        let ann = write_ann(text, &[&quote, &speaker], &[&rel], &mut report);
        assert_eq!(
            ann,
            "T1\tquote 0 5;17 26\t„Wir“ „können.“\nA1\tform T1 direct\n#1\tAnnotatorNotes T1\tzwei Teile\nT2\tspeaker 27 32\tPutin\nR1\tattribution Arg1:T1 Arg2:T2\t\n"
        );
        let conf = annotation_conf(&Schema::default_news());
        assert!(
            conf.contains("attribution\tArg1:quote|claim|rebuttal, Arg2:speaker\n"),
            "{conf}"
        );
        assert!(conf.contains("stance\tArg:claim|rebuttal, Value:asserted|reported|questioned|denies|disputes|corrects\n"), "{conf}");
    }

    /// Issue "exports and imports that the real tools accept", item 5: brat's reader ends a
    /// line at U+2028, U+0085, form feed and the others `splitlines` knows, so a span is cut
    /// there and no `.ann` line holds one.
    #[test]
    fn spans_are_cut_at_every_character_brat_ends_a_line_at() {
        let text = "„Eins\u{2028}zwei\u{85}drei\u{0c}vier“ sagte sie.";
        let end = text.chars().position(|c| c == '“').unwrap() + 1;
        let quote = Annotation {
            id: "a1".into(),
            annotator: "anna".into(),
            label: "quote".into(),
            fragments: vec![Fragment::new(0, end)],
            text: String::new(),
            attributes: Default::default(),
            note: "eine\u{2029}Notiz".into(),
        };
        let mut report = BratReport::default();
        let ann = write_ann(text, &[&quote], &[], &mut report);
        assert_eq!(report.cut_at_line_breaks, 1);
        let lines: Vec<&str> = ann.split('\n').filter(|l| !l.is_empty()).collect();
        for line in &lines {
            assert!(!line.chars().any(ends_line), "{line:?}");
        }
        assert!(
            lines[0].starts_with("T1\tquote 0 5;6 10;11 15;16 21\t"),
            "{}",
            lines[0]
        );
        let (anns, _) = read_ann(&ann, "anna").unwrap();
        assert_eq!(anns[0].fragments.len(), 4);
        assert_eq!(anns[0].note, "eine Notiz");
    }
}
