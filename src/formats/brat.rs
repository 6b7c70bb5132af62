//! brat standoff: a `.txt` and an `.ann` per document, and `annotation.conf` / `visual.conf`
//! for the schema. Offsets in `.ann` are code points of the `.txt`, which is the text exactly.

use std::collections::BTreeMap;

use serde_json::Value;

use super::malformed::Malformed;
use crate::model::{Annotation, Relation, Schema};

pub use super::brat_names::{NameClash, brat_name, renamed, restore_names};

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
            brat_name(&ann.label),
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
                "A{a_n}\t{} T{t} {}\n",
                brat_name(name),
                brat_name(&one_line(&v))
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
            out.push_str(&format!(
                "R{}\t{} Arg1:T{a} Arg2:T{b}\t\n",
                n + 1,
                brat_name(&r.kind)
            ));
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

/// `annotation.conf`: entities, relations and attributes of the schema as brat declares them,
/// with a comment for every name brat spells differently.
pub fn annotation_conf(schema: &Schema) -> String {
    let mut out = String::from("# spanbench schema for brat\n");
    for (name, brat) in renamed(schema).unwrap_or_default() {
        out.push_str(&format!("# spanbench name: {brat} = {name:?}\n"));
    }
    out.push_str("[entities]\n");
    for l in &schema.labels {
        out.push_str(&format!("{}\n", brat_name(&l.name)));
    }
    out.push_str("\n[relations]\n");
    let names = |labels: &[String]| {
        labels
            .iter()
            .map(|l| brat_name(l))
            .collect::<Vec<_>>()
            .join("|")
    };
    for r in &schema.relations {
        out.push_str(&format!(
            "{}\tArg1:{}, Arg2:{}\n",
            brat_name(&r.name),
            names(&r.from),
            names(&r.to)
        ));
    }
    out.push_str(
        "<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
    );
    // brat attribute names are global: merge the labels and values of equal names.
    let mut attrs: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for l in &schema.labels {
        for a in &l.attributes {
            let entry = attrs.entry(brat_name(&a.name)).or_default();
            entry.0.push(brat_name(&l.name));
            for v in &a.values {
                let v = brat_name(v);
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
        out.push_str(&format!("{}\tbgColor:{}\n", brat_name(&l.name), l.colour));
    }
    out
}

/// A `T` line's annotation: `LABEL START END;START END` and the covered text.
fn text_bound(
    id: String,
    body: &str,
    covered: &str,
    annotator: &str,
) -> Result<Annotation, Malformed> {
    let (label, spans) = body
        .split_once(' ')
        .ok_or_else(|| Malformed::shape(body, "LABEL START END"))?;
    let mut fragments = Vec::new();
    for span in spans.split(';') {
        let mut nums = span.split_whitespace().map(str::parse::<usize>);
        match (nums.next(), nums.next(), nums.next()) {
            (Some(Ok(s)), Some(Ok(e)), None) => fragments.push(crate::model::Fragment::new(s, e)),
            _ => return Err(Malformed::shape(span, "START END")),
        }
    }
    Ok(Annotation {
        origin: Default::default(),
        id,
        annotator: annotator.to_string(),
        label: label.to_string(),
        fragments,
        text: covered.to_string(),
        attributes: Default::default(),
        note: String::new(),
    })
}

/// What a brat `.ann` holds, as spanbench keeps it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BratAnn {
    /// The `T` lines, with their attributes and notes.
    pub annotations: Vec<Annotation>,
    /// The `R` lines.
    pub relations: Vec<Relation>,
    /// What brat allows but spanbench cannot keep (attributes and notes on relations), one
    /// sentence each, for the import's report.
    pub not_kept: Vec<String>,
}

/// An `A`, `M` or `#` line, applied once every `T` and `R` line is read (brat allows them
/// before the line they belong to).
struct Addition<'a> {
    line: usize,
    id: String,
    body: &'a str,
    /// The text after the second tab (a note's text).
    rest: &'a str,
}

/// Reads a brat `.ann` for `text`: `T` (with `start end;start end` fragments), `A`/`M`
/// attributes (binary ones as `true`), `R` relations and `AnnotatorNotes` (several on one
/// annotation are kept one per line). Ids stay as brat gave them (`T1`, `R1`). An error names
/// the 1-based line.
pub fn read_ann(ann: &str, annotator: &str) -> Result<BratAnn, (usize, Malformed)> {
    let mut read = BratAnn::default();
    let mut additions = Vec::new();
    for (n, line) in ann.lines().enumerate() {
        let line_no = n + 1;
        let err = |m: Malformed| (line_no, m);
        if line.trim().is_empty() {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let id = cols.next().unwrap_or_default().to_string();
        let body = cols
            .next()
            .ok_or_else(|| err(Malformed::missing(format!("'{id}'"), "tab after its id")))?;
        let rest = cols.next();
        match id.chars().next() {
            Some('T') => {
                let covered = rest.ok_or_else(|| {
                    err(Malformed::missing(
                        format!("'{id}'"),
                        "covered text after a second tab",
                    ))
                })?;
                read.annotations
                    .push(text_bound(id, body, covered, annotator).map_err(err)?);
            }
            Some('R') => read
                .relations
                .push(relation(id, body, annotator).map_err(err)?),
            Some('A') | Some('M') | Some('#') => additions.push(Addition {
                line: line_no,
                id,
                body,
                rest: rest.unwrap_or_default(),
            }),
            Some('E') | Some('N') | Some('*') => return Err(err(Malformed::Unsupported(id))),
            _ => return Err(err(Malformed::UnknownKind(id))),
        }
    }
    for addition in additions {
        read.add(addition)?;
    }
    Ok(read)
}

/// An `R` line: `TYPE Arg1:ID Arg2:ID`.
fn relation(id: String, body: &str, annotator: &str) -> Result<Relation, Malformed> {
    let parts: Vec<&str> = body.split_whitespace().collect();
    let arg = |p: &str, name: &'static str| {
        p.split_once(':')
            .map(|(_, id)| id.to_string())
            .ok_or_else(|| Malformed::shape(p, name))
    };
    match parts.as_slice() {
        [kind, a, b] => Ok(Relation {
            id,
            annotator: annotator.to_string(),
            kind: kind.to_string(),
            from: arg(a, "Arg1:ID")?,
            to: arg(b, "Arg2:ID")?,
        }),
        _ => Err(Malformed::shape(body, "TYPE Arg1:ID Arg2:ID")),
    }
}

impl BratAnn {
    /// Applies an attribute or a note to the annotation it names.
    fn add(&mut self, a: Addition) -> Result<(), (usize, Malformed)> {
        let err = |m: Malformed| (a.line, m);
        let parts: Vec<&str> = a.body.split_whitespace().collect();
        let is_note = a.id.starts_with('#');
        let (name, target) = match parts.as_slice() {
            [name, target, ..] => (*name, *target),
            _ if is_note => return Err(err(Malformed::shape(a.body, "AnnotatorNotes ID"))),
            _ => return Err(err(Malformed::shape(a.body, "NAME ID [VALUE]"))),
        };
        if let Some(ann) = self.annotations.iter_mut().find(|x| x.id == target) {
            if !is_note {
                let value = parts
                    .get(2)
                    .map_or(Value::Bool(true), |v| Value::String(v.to_string()));
                ann.attributes.insert(name.to_string(), value);
            } else if !ann.note.is_empty() {
                ann.note = format!("{}\n{}", ann.note, a.rest);
            } else {
                ann.note = a.rest.to_string();
            }
            return Ok(());
        }
        if self.relations.iter().any(|r| r.id == target) {
            let what = if is_note { "note" } else { "attribute" };
            self.not_kept.push(format!(
                "line {}: the {what} {} on relation {target} was not kept (spanbench relations have no {what}s)",
                a.line, a.id
            ));
            return Ok(());
        }
        Err(err(Malformed::UnknownTarget {
            item: a.id.clone(),
            target: target.to_string(),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Fragment;

    #[test]
    fn discontinuous_spans_attributes_notes_relations() {
        let text = "„Wir“, sagte er, „können.“\nPutin";
        let mut quote = Annotation {
            origin: Default::default(),
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
            origin: Default::default(),
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
        let read = read_ann(&ann, "anna").unwrap();
        assert_eq!(read.annotations[0].fragments.len(), 4);
        assert_eq!(read.annotations[0].note, "eine Notiz");
    }

    /// Issue "exports and imports that the real tools accept", item 9: input brat itself
    /// accepts is read whole: an `A` line before its `T` line, a binary attribute, touching
    /// fragments, two notes on one annotation; attributes and notes on relations are reported
    /// as not kept rather than dropped in silence.
    #[test]
    fn valid_brat_that_brat_accepts_is_read_whole() {
        let ann = "A1\tform T1 direct\nA2\tNegated T1\n#1\tAnnotatorNotes T1\terste\n\
                   T1\tquote 0 5;5 9\tEins zwei\nT2\tspeaker 10 15\tPutin\n\
                   #2\tAnnotatorNotes T1\tzweite\nR1\tattribution Arg1:T1 Arg2:T2\t\n\
                   A3\tsure R1\n#3\tAnnotatorNotes R1\tgeprüft\n";
        let read = read_ann(ann, "anna").unwrap();
        assert_eq!(read.annotations.len(), 2);
        let quote = &read.annotations[0];
        assert_eq!(
            quote.fragments,
            vec![Fragment::new(0, 5), Fragment::new(5, 9)]
        );
        assert_eq!(quote.attributes["form"], serde_json::json!("direct"));
        assert_eq!(quote.attributes["Negated"], serde_json::json!(true));
        assert_eq!(quote.note, "erste\nzweite");
        assert_eq!(read.relations.len(), 1);
        assert_eq!(read.not_kept.len(), 2, "{:?}", read.not_kept);
        assert!(
            read.not_kept[0].contains("attribute A3 on relation R1"),
            "{:?}",
            read.not_kept
        );
        assert!(
            read.not_kept[1].contains("note #3 on relation R1"),
            "{:?}",
            read.not_kept
        );
    }

    #[test]
    fn an_attribute_of_nothing_names_its_line_and_target() {
        let (line, why) = read_ann("T1\tquote 0 3\tabc\nA1\tform T9 direct\n", "anna").unwrap_err();
        assert_eq!(line, 2);
        assert_eq!(why.to_string(), "A1 points to T9, which is not in the file");
    }
}
