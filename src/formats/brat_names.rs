//! Names as brat holds them: brat splits `.ann` and `.conf` lines at spaces, so a label `direct
//! quote` or a value `very sure` is written `direct_quote` / `very_sure`, and read back into the
//! schema's spelling. Two names that brat would write alike are refused before anything is
//! written.

use std::collections::BTreeMap;

use serde_json::Value;

use super::brat::ends_line;
use crate::model::{DocumentRecord, Schema};

/// A name as brat can hold it: brat splits its lines at spaces, so every space (and every
/// other whitespace or line-ending character) becomes `_`. [`restore_names`] maps it back.
pub fn brat_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_whitespace() || ends_line(c) {
                '_'
            } else {
                c
            }
        })
        .collect()
}

/// Two names of a schema that brat would write alike.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "brat cannot tell the {what} '{first}' from '{second}': brat names have no spaces, and both become '{brat}'. Rename one of them in project.ron"
)]
pub struct NameClash {
    /// `label or relation type`, `attribute`, `value of attribute 'form'`.
    pub what: String,
    /// One name.
    pub first: String,
    /// The other.
    pub second: String,
    /// What both become.
    pub brat: String,
}

/// Every name of `schema` that brat holds differently, as `(name, brat name)`, in schema
/// order; or the first two names brat could not tell apart.
pub fn renamed(schema: &Schema) -> Result<Vec<(String, String)>, NameClash> {
    let mut out = Vec::new();
    let kinds = schema
        .labels
        .iter()
        .map(|l| l.name.as_str())
        .chain(schema.relations.iter().map(|r| r.name.as_str()));
    check_apart("label or relation type", kinds, &mut out)?;
    let attributes = schema.labels.iter().flat_map(|l| &l.attributes);
    check_apart(
        "attribute",
        attributes.clone().map(|a| a.name.as_str()),
        &mut out,
    )?;
    // brat's attribute names are global: the values of equal names are one list.
    let mut values: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for a in attributes {
        values
            .entry(&a.name)
            .or_default()
            .extend(a.values.iter().map(String::as_str));
    }
    for (name, list) in values {
        check_apart(
            &format!("value of attribute '{name}'"),
            list.into_iter(),
            &mut out,
        )?;
    }
    Ok(out)
}

/// Adds the names that brat holds differently to `out`; two that become one are a clash.
fn check_apart<'a>(
    what: &str,
    names: impl Iterator<Item = &'a str>,
    out: &mut Vec<(String, String)>,
) -> Result<(), NameClash> {
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for name in names {
        let brat = brat_name(name);
        match seen.get(&brat) {
            Some(first) if *first != name => {
                return Err(NameClash {
                    what: what.to_string(),
                    first: first.to_string(),
                    second: name.to_string(),
                    brat,
                });
            }
            Some(_) => {}
            None => {
                if brat != name {
                    out.push((name.to_string(), brat.clone()));
                }
                seen.insert(brat, name);
            }
        }
    }
    Ok(())
}

/// Gives names read from brat back the spelling `schema` has (`direct_quote` → `direct
/// quote`) where the schema lacks the brat spelling itself.
pub fn restore_names(record: &mut DocumentRecord, schema: &Schema) {
    let back = |name: &mut String, known: &mut dyn Iterator<Item = &String>| {
        let candidates: Vec<&String> = known.collect();
        if candidates.iter().any(|k| *k == name) {
            return;
        }
        if let Some(k) = candidates.into_iter().find(|k| brat_name(k) == *name) {
            *name = k.clone();
        }
    };
    for ann in &mut record.annotations {
        back(&mut ann.label, &mut schema.labels.iter().map(|l| &l.name));
        let Some(def) = schema.label(&ann.label) else {
            continue;
        };
        let attributes = std::mem::take(&mut ann.attributes);
        for (mut name, mut value) in attributes {
            back(&mut name, &mut def.attributes.iter().map(|a| &a.name));
            if let (Some(attr), Value::String(v)) =
                (def.attributes.iter().find(|a| a.name == name), &mut value)
            {
                back(v, &mut attr.values.iter());
            }
            ann.attributes.insert(name, value);
        }
    }
    for rel in &mut record.relations {
        back(&mut rel.kind, &mut schema.relations.iter().map(|r| &r.name));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::brat::{annotation_conf, read_ann, write_ann};
    use crate::model::schema::AttributeDef;
    use crate::model::{Annotation, Document, Fragment, Relation};

    /// The news schema with `quote` called `direct quote`, a value `very sure` and a relation
    /// type `said by`.
    fn spaced_schema() -> Schema {
        let mut schema = Schema::default_news();
        schema.labels[0].name = "direct quote".into();
        schema.labels[0].attributes.push(AttributeDef {
            name: "how sure".into(),
            values: vec!["very sure".into(), "unsure".into()],
        });
        schema.relations[0].name = "said by".into();
        schema.relations[0].from = vec!["direct quote".into()];
        schema
    }

    #[test]
    fn names_with_spaces_go_to_brat_and_come_back() {
        let schema = spaced_schema();
        assert_eq!(schema.problems(), Vec::<String>::new());
        let conf = annotation_conf(&schema);
        assert!(
            conf.contains("# spanbench name: direct_quote = \"direct quote\""),
            "{conf}"
        );
        assert!(conf.contains("\ndirect_quote\n"), "{conf}");
        assert!(
            conf.contains("said_by\tArg1:direct_quote, Arg2:speaker"),
            "{conf}"
        );
        assert!(
            conf.contains("how_sure\tArg:direct_quote, Value:very_sure|unsure"),
            "{conf}"
        );
        let text = "Ja, sagte Anna.";
        let quote = Annotation {
            origin: Default::default(),
            id: "a1".into(),
            annotator: "x".into(),
            label: "direct quote".into(),
            fragments: vec![Fragment::new(0, 2)],
            text: "Ja".into(),
            attributes: [("how sure".to_string(), Value::from("very sure"))].into(),
            note: String::new(),
        };
        let speaker = Annotation {
            id: "a2".into(),
            label: "speaker".into(),
            fragments: vec![Fragment::new(10, 14)],
            text: "Anna".into(),
            attributes: Default::default(),
            ..quote.clone()
        };
        let rel = Relation {
            id: "r1".into(),
            annotator: "x".into(),
            kind: "said by".into(),
            from: "a1".into(),
            to: "a2".into(),
        };
        let ann = write_ann(text, &[&quote, &speaker], &[&rel], &mut Default::default());
        assert!(ann.contains("T1\tdirect_quote 0 2\tJa"), "{ann}");
        assert!(ann.contains("A1\thow_sure T1 very_sure"), "{ann}");
        assert!(ann.contains("R1\tsaid_by Arg1:T1 Arg2:T2"), "{ann}");
        let read = read_ann(&ann, "x").expect("brat reads its own");
        let doc = Document::new("d".into(), "d".into(), text.into(), Default::default());
        let mut record = DocumentRecord::bare(doc, true);
        record.annotations = read.annotations;
        record.relations = read.relations;
        restore_names(&mut record, &schema);
        record
            .validate(&schema)
            .expect("valid in the spaced schema");
        assert_eq!(record.annotations[0].label, "direct quote");
        assert_eq!(record.annotations[0].attributes["how sure"], "very sure");
        assert_eq!(record.relations[0].kind, "said by");
    }

    #[test]
    fn names_brat_would_write_alike_are_refused() {
        let mut schema = spaced_schema();
        schema.labels[1].name = "direct_quote".into();
        let clash = renamed(&schema).unwrap_err();
        assert_eq!(
            clash.to_string(),
            "brat cannot tell the label or relation type 'direct quote' from 'direct_quote': brat names have no spaces, and both become 'direct_quote'. Rename one of them in project.ron"
        );
        let mut schema = spaced_schema();
        schema.labels[0].attributes[1]
            .values
            .push("very_sure".into());
        assert!(
            renamed(&schema)
                .unwrap_err()
                .what
                .contains("value of attribute 'how sure'")
        );
    }
}
