//! What imported records use that the schema lacks — labels, attributes, attribute values and
//! relation types — found all at once, so that an import can name every one of them in one
//! message, or add them to the schema (`import --extend-schema`).

use serde_json::Value;

use super::DocumentRecord;
use super::schema::{AttributeDef, LabelDef, RelationDef, Schema};

/// A new attribute with more distinct values than this is made free text, not a value list.
pub const MAX_LISTED_VALUES: usize = 20;

/// Colours for new labels, in order: the Okabe–Ito colours the default schema leaves free,
/// then others that stay apart from them.
const NEW_LABEL_COLOURS: [&str; 8] = [
    "#0072B2", "#CC79A7", "#F0E442", "#999999", "#882255", "#44AA99", "#117733", "#AA4499",
];

/// An attribute seen on imported annotations, with the values it had there.
#[derive(Clone, Debug, Default, PartialEq)]
struct SeenAttribute {
    name: String,
    /// Distinct string values, in order of first appearance.
    values: Vec<String>,
    /// Some value was not a string (a number, a list): the attribute must be free text.
    other_values: bool,
}

impl SeenAttribute {
    fn new(name: &str) -> SeenAttribute {
        SeenAttribute {
            name: name.to_string(),
            ..SeenAttribute::default()
        }
    }

    fn see(&mut self, value: &Value) {
        match value.as_str() {
            Some(v) if !self.values.iter().any(|known| known == v) => {
                self.values.push(v.to_string())
            }
            Some(_) => {}
            None => self.other_values = true,
        }
    }

    /// The definition to add: the values seen, or free text when there are too many or some
    /// are not text.
    fn definition(&self) -> AttributeDef {
        let free = self.other_values || self.values.len() > MAX_LISTED_VALUES;
        AttributeDef {
            name: self.name.clone(),
            values: if free {
                Vec::new()
            } else {
                self.values.clone()
            },
        }
    }

    fn describe(&self) -> String {
        let def = self.definition();
        if def.values.is_empty() {
            format!("'{}' (free text)", self.name)
        } else {
            format!("'{}' (values: {})", self.name, def.values.join(", "))
        }
    }
}

/// Everything imported records use that a schema lacks, in order of first appearance.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SchemaGaps {
    /// Labels the schema does not have, with the attributes seen on them.
    labels: Vec<(String, Vec<SeenAttribute>)>,
    /// Attributes a known label does not have: (label, attribute).
    attributes: Vec<(String, SeenAttribute)>,
    /// Text values an attribute's value list lacks: (label, attribute, values).
    values: Vec<(String, String, Vec<String>)>,
    /// Relation types the schema does not have, with the labels seen at their ends.
    relations: Vec<RelationDef>,
}

impl SchemaGaps {
    /// Nothing is missing.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
            && self.attributes.is_empty()
            && self.values.is_empty()
            && self.relations.is_empty()
    }

    /// Notes what `record` uses that `schema` lacks.
    pub fn add_record(&mut self, schema: &Schema, record: &DocumentRecord) {
        for ann in &record.annotations {
            match schema.label(&ann.label) {
                None => {
                    let seen = self.new_label(&ann.label);
                    for (name, value) in &ann.attributes {
                        entry(seen, |a| a.name == *name, || SeenAttribute::new(name)).see(value);
                    }
                }
                Some(def) => {
                    for (name, value) in &ann.attributes {
                        self.add_attribute(def, name, value);
                    }
                }
            }
        }
        for rel in &record.relations {
            if schema.relation(&rel.kind).is_some() {
                continue;
            }
            let label_of = |id: &str| {
                record
                    .annotations
                    .iter()
                    .find(|a| a.id == id && a.annotator == rel.annotator)
                    .map(|a| a.label.clone())
            };
            let def = entry(
                &mut self.relations,
                |r| r.name == rel.kind,
                || RelationDef {
                    name: rel.kind.clone(),
                    from: Vec::new(),
                    to: Vec::new(),
                    description: String::new(),
                },
            );
            push_new(&mut def.from, label_of(&rel.from));
            push_new(&mut def.to, label_of(&rel.to));
        }
    }

    fn new_label(&mut self, label: &str) -> &mut Vec<SeenAttribute> {
        &mut entry(
            &mut self.labels,
            |(l, _)| l == label,
            || (label.to_string(), Vec::new()),
        )
        .1
    }

    /// Notes an attribute of a known label that the label lacks, or a text value its value
    /// list lacks. A value that is not text on a listed attribute is left to validation.
    fn add_attribute(&mut self, def: &LabelDef, name: &str, value: &Value) {
        let Some(known) = def.attributes.iter().find(|a| a.name == name) else {
            entry(
                &mut self.attributes,
                |(l, a)| *l == def.name && a.name == name,
                || (def.name.clone(), SeenAttribute::new(name)),
            )
            .1
            .see(value);
            return;
        };
        let Some(text) = value.as_str() else { return };
        if known.values.is_empty() || known.values.iter().any(|v| v == text) {
            return;
        }
        let (_, _, values) = entry(
            &mut self.values,
            |(l, a, _)| *l == def.name && a == name,
            || (def.name.clone(), name.to_string(), Vec::new()),
        );
        push_new(values, Some(text.to_string()));
    }

    /// One line per addition, as the import prints them.
    pub fn describe(&self) -> Vec<String> {
        let mut out = Vec::new();
        for (label, attributes) in &self.labels {
            let attrs: Vec<String> = attributes.iter().map(SeenAttribute::describe).collect();
            out.push(if attrs.is_empty() {
                format!("label '{label}'")
            } else {
                format!("label '{label}' with attributes {}", attrs.join(", "))
            });
        }
        for (label, attribute) in &self.attributes {
            out.push(format!(
                "attribute {} of label '{label}'",
                attribute.describe()
            ));
        }
        for (label, attribute, values) in &self.values {
            let values: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
            out.push(format!(
                "{} {} of attribute '{attribute}' of label '{label}'",
                if values.len() == 1 { "value" } else { "values" },
                values.join(", ")
            ));
        }
        for rel in &self.relations {
            out.push(format!(
                "relation type '{}' from {} to {}",
                rel.name,
                or_any(&rel.from),
                or_any(&rel.to)
            ));
        }
        out
    }

    /// `schema` with everything added: new labels get a colour of their own and no hotkeys,
    /// new attributes the values seen (free text beyond [`MAX_LISTED_VALUES`]).
    pub fn extend(&self, schema: &Schema) -> Schema {
        let mut out = schema.clone();
        for (label, attributes) in &self.labels {
            let colour = next_colour(&out);
            out.labels.push(LabelDef {
                name: label.clone(),
                colour,
                hotkeys: Vec::new(),
                description: String::new(),
                attributes: attributes.iter().map(SeenAttribute::definition).collect(),
            });
        }
        for (label, attribute) in &self.attributes {
            if let Some(def) = out.labels.iter_mut().find(|l| l.name == *label) {
                def.attributes.push(attribute.definition());
            }
        }
        for (label, attribute, values) in &self.values {
            let def = out
                .labels
                .iter_mut()
                .find(|l| l.name == *label)
                .and_then(|l| l.attributes.iter_mut().find(|a| a.name == *attribute));
            if let Some(def) = def {
                def.values.extend(values.iter().cloned());
            }
        }
        for rel in &self.relations {
            // A relation type needs a label at each end; one seen only dangling allows any.
            let all: Vec<String> = out.labels.iter().map(|l| l.name.clone()).collect();
            let ends = |seen: &Vec<String>| {
                if seen.is_empty() {
                    all.clone()
                } else {
                    seen.clone()
                }
            };
            out.relations.push(RelationDef {
                from: ends(&rel.from),
                to: ends(&rel.to),
                ..rel.clone()
            });
        }
        out
    }
}

/// The item of `list` that `matches`, added with `make` when there is none (first-seen order
/// is kept).
fn entry<T>(list: &mut Vec<T>, matches: impl Fn(&T) -> bool, make: impl FnOnce() -> T) -> &mut T {
    let index = match list.iter().position(matches) {
        Some(i) => i,
        None => {
            list.push(make());
            list.len() - 1
        }
    };
    &mut list[index]
}

fn push_new(list: &mut Vec<String>, item: Option<String>) {
    if let Some(item) = item
        && !list.contains(&item)
    {
        list.push(item);
    }
}

fn or_any(labels: &[String]) -> String {
    if labels.is_empty() {
        "any label".to_string()
    } else {
        labels.join("/")
    }
}

/// The first colour of [`NEW_LABEL_COLOURS`] no label has yet (the first one again when all
/// are taken).
fn next_colour(schema: &Schema) -> String {
    NEW_LABEL_COLOURS
        .iter()
        .find(|c| {
            !schema
                .labels
                .iter()
                .any(|l| l.colour.eq_ignore_ascii_case(c))
        })
        .unwrap_or(&NEW_LABEL_COLOURS[0])
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Document, Fragment, Relation};

    fn ann(id: &str, label: &str, attrs: &[(&str, Value)]) -> Annotation {
        Annotation {
            origin: Default::default(),
            id: id.into(),
            annotator: "ann".into(),
            label: label.into(),
            fragments: vec![Fragment::new(0, 1)],
            text: "x".into(),
            attributes: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.clone()))
                .collect(),
            note: String::new(),
        }
    }

    fn record(annotations: Vec<Annotation>, relations: Vec<Relation>) -> DocumentRecord {
        let doc = Document::new("d".into(), "d".into(), "x".into(), Default::default());
        let mut r = DocumentRecord::bare(doc, true);
        r.annotations = annotations;
        r.relations = relations;
        r
    }

    #[test]
    fn a_known_schema_has_no_gaps() {
        let schema = Schema::default_news();
        let mut gaps = SchemaGaps::default();
        let r = record(
            vec![ann("a1", "quote", &[("form", "direct".into())])],
            vec![],
        );
        gaps.add_record(&schema, &r);
        assert!(gaps.is_empty());
        assert_eq!(gaps.extend(&schema), schema);
    }

    #[test]
    fn every_gap_is_named_and_added() {
        let schema = Schema::default_news();
        let mut gaps = SchemaGaps::default();
        let r = record(
            vec![
                ann("a1", "person", &[("role", "mayor".into())]),
                ann(
                    "a2",
                    "person",
                    &[("role", "judge".into()), ("age", 52.into())],
                ),
                ann(
                    "a3",
                    "quote",
                    &[("form", "sung".into()), ("sure", "yes".into())],
                ),
                ann("a4", "quote", &[("form", "hummed".into())]),
            ],
            vec![Relation {
                id: "r1".into(),
                annotator: "ann".into(),
                kind: "said-by".into(),
                from: "a3".into(),
                to: "a1".into(),
            }],
        );
        gaps.add_record(&schema, &r);
        assert_eq!(
            gaps.describe(),
            [
                "label 'person' with attributes 'role' (values: mayor, judge), 'age' (free text)",
                "attribute 'sure' (values: yes) of label 'quote'",
                "values 'sung', 'hummed' of attribute 'form' of label 'quote'",
                "relation type 'said-by' from quote to person",
            ]
        );
        let extended = gaps.extend(&schema);
        assert_eq!(extended.problems(), Vec::<String>::new());
        let mut again = SchemaGaps::default();
        again.add_record(&extended, &r);
        assert!(again.is_empty(), "{:?}", again.describe());
        let person = extended.label("person").expect("person added");
        assert!(person.hotkeys.is_empty());
        assert_ne!(person.colour, schema.labels[0].colour);
        assert!(
            extended
                .check_relation("said-by", "quote", "person")
                .is_ok()
        );
    }

    #[test]
    fn many_values_make_free_text() {
        let schema = Schema::default_news();
        let mut gaps = SchemaGaps::default();
        let anns = (0..=MAX_LISTED_VALUES)
            .map(|n| {
                ann(
                    &format!("a{n}"),
                    "speaker",
                    &[("name", format!("p{n}").into())],
                )
            })
            .collect();
        gaps.add_record(&schema, &record(anns, vec![]));
        let extended = gaps.extend(&schema);
        let speaker = extended.label("speaker").expect("speaker");
        assert_eq!(speaker.attributes[0].values, Vec::<String>::new());
    }
}
