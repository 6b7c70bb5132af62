//! The schema: labels and relation types, written in RON inside `project.ron`.

use serde::{Deserialize, Serialize};

use super::invalid::Invalid;

/// The default news schema (quote, claim, rebuttal, speaker; attribution, rebuts).
pub const DEFAULT_SCHEMA_RON: &str = include_str!("../../assets/default_schema.ron");

/// Labels and relation types of a project.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Schema {
    /// The labels annotators can give spans.
    pub labels: Vec<LabelDef>,
    /// The relation types annotators can draw between annotations.
    #[serde(default)]
    pub relations: Vec<RelationDef>,
}

/// One label.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Label", deny_unknown_fields)]
pub struct LabelDef {
    /// Name, as it appears in data files (`quote`).
    pub name: String,
    /// Colour as `#RRGGBB`.
    pub colour: String,
    /// Keys that tag a selection with this label (`"1"`, `"Q"`).
    #[serde(default)]
    pub hotkeys: Vec<String>,
    /// The guideline text shown beside the annotation.
    #[serde(default)]
    pub description: String,
    /// Attributes annotations of this label may carry.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
}

/// One attribute of a label, with its allowed values (empty: any text).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Attribute", deny_unknown_fields)]
pub struct AttributeDef {
    /// Name (`form`).
    pub name: String,
    /// Allowed values; empty means free text.
    #[serde(default)]
    pub values: Vec<String>,
}

/// One relation type, with the labels allowed at each end.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "RelationType", deny_unknown_fields)]
pub struct RelationDef {
    /// Name (`attribution`).
    pub name: String,
    /// Labels allowed as source.
    pub from: Vec<String>,
    /// Labels allowed as target.
    pub to: Vec<String>,
    /// What the relation means, for the guidelines.
    #[serde(default)]
    pub description: String,
}

impl Schema {
    /// The default news schema.
    pub fn default_news() -> Schema {
        // The bundled file is checked by a test; failing here would be a build defect.
        ron::from_str(DEFAULT_SCHEMA_RON).expect("the bundled default schema parses")
    }

    /// The label called `name`.
    pub fn label(&self, name: &str) -> Option<&LabelDef> {
        self.labels.iter().find(|l| l.name == name)
    }

    /// The relation type called `name`.
    pub fn relation(&self, name: &str) -> Option<&RelationDef> {
        self.relations.iter().find(|r| r.name == name)
    }

    /// The label a key tags with (case-insensitive for letters).
    pub fn label_for_key(&self, key: &str) -> Option<&LabelDef> {
        self.labels
            .iter()
            .find(|l| l.hotkeys.iter().any(|h| h.eq_ignore_ascii_case(key)))
    }

    /// Checks that a relation of type `kind` may go from a `from_label` to a `to_label`.
    pub fn check_relation(
        &self,
        kind: &str,
        from_label: &str,
        to_label: &str,
    ) -> Result<(), Invalid> {
        let def = self
            .relation(kind)
            .ok_or_else(|| Invalid::UnknownRelation(kind.into()))?;
        for (end, label, allowed) in [("start", from_label, &def.from), ("end", to_label, &def.to)]
        {
            if !allowed.iter().any(|l| l == label) {
                return Err(Invalid::RelationEnd {
                    kind: kind.into(),
                    end,
                    label: label.into(),
                    allowed: allowed.join(", "),
                });
            }
        }
        Ok(())
    }

    /// Checks an attribute against the label's definitions.
    pub fn check_attribute(
        &self,
        label: &str,
        name: &str,
        value: &serde_json::Value,
    ) -> Result<(), Invalid> {
        let def = self
            .label(label)
            .ok_or_else(|| Invalid::UnknownLabel(label.into()))?;
        let attr = def
            .attributes
            .iter()
            .find(|a| a.name == name)
            .ok_or_else(|| Invalid::UnknownAttribute {
                label: label.into(),
                name: name.into(),
                known: def
                    .attributes
                    .iter()
                    .map(|a| a.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })?;
        if attr.values.is_empty() {
            return Ok(());
        }
        match value.as_str() {
            Some(v) if attr.values.iter().any(|a| a == v) => Ok(()),
            _ => Err(Invalid::AttributeValue {
                label: label.into(),
                name: name.into(),
                value: value.to_string(),
                allowed: attr.values.join(", "),
            }),
        }
    }

    /// Every problem with the schema itself, as sentences; empty when it is sound.
    pub fn problems(&self) -> Vec<String> {
        let mut out = Vec::new();
        if self.labels.is_empty() {
            out.push("the schema has no labels".to_string());
        }
        let mut seen_keys: Vec<(String, &str)> = Vec::new();
        for (i, label) in self.labels.iter().enumerate() {
            if label.name.trim().is_empty() || label.name.trim() != label.name {
                out.push(format!(
                    "label {}: the name {:?} is empty or has spaces around it",
                    i + 1,
                    label.name
                ));
            }
            if self.labels[..i].iter().any(|l| l.name == label.name) {
                out.push(format!("label '{}' is defined twice", label.name));
            }
            if parse_hex_colour(&label.colour).is_none() {
                out.push(format!(
                    "label '{}': colour {:?} is not of the form \"#RRGGBB\"",
                    label.name, label.colour
                ));
            }
            for key in &label.hotkeys {
                if key.chars().count() != 1 || !key.chars().all(|c| c.is_ascii_alphanumeric()) {
                    out.push(format!(
                        "label '{}': hotkey {:?} must be one letter or digit",
                        label.name, key
                    ));
                    continue;
                }
                let upper = key.to_ascii_uppercase();
                if let Some((_, other)) = seen_keys.iter().find(|(k, _)| *k == upper) {
                    out.push(format!(
                        "hotkey {key:?} is given to both '{other}' and '{}'",
                        label.name
                    ));
                }
                seen_keys.push((upper, &label.name));
            }
            for (j, attr) in label.attributes.iter().enumerate() {
                if label.attributes[..j].iter().any(|a| a.name == attr.name) {
                    out.push(format!(
                        "label '{}': attribute '{}' is defined twice",
                        label.name, attr.name
                    ));
                }
            }
        }
        for (i, rel) in self.relations.iter().enumerate() {
            if rel.name.trim().is_empty() {
                out.push(format!("relation type {} has no name", i + 1));
            }
            if self.relations[..i].iter().any(|r| r.name == rel.name) {
                out.push(format!("relation type '{}' is defined twice", rel.name));
            }
            for end in rel.from.iter().chain(&rel.to) {
                if self.label(end).is_none() {
                    out.push(format!(
                        "relation type '{}' names an unknown label '{end}'",
                        rel.name
                    ));
                }
            }
            if rel.from.is_empty() || rel.to.is_empty() {
                out.push(format!(
                    "relation type '{}' needs at least one label at each end",
                    rel.name
                ));
            }
        }
        out
    }
}

/// Parses `#RRGGBB` into its three channels.
pub fn parse_hex_colour(s: &str) -> Option<[u8; 3]> {
    let hex = s.strip_prefix('#')?;
    if hex.len() != 6 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
        return None;
    }
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
    Some([channel(0)?, channel(2)?, channel(4)?])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_schema_is_sound() {
        let schema = Schema::default_news();
        assert_eq!(schema.problems(), Vec::<String>::new());
        let names: Vec<&str> = schema.labels.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["quote", "claim", "rebuttal", "speaker"]);
        assert_eq!(
            schema.label_for_key("q").map(|l| l.name.as_str()),
            Some("quote")
        );
        assert_eq!(
            schema.label_for_key("4").map(|l| l.name.as_str()),
            Some("speaker")
        );
        assert!(
            schema
                .check_relation("attribution", "quote", "speaker")
                .is_ok()
        );
        assert!(schema.check_relation("rebuts", "rebuttal", "claim").is_ok());
        assert!(schema.check_relation("rebuts", "quote", "claim").is_err());
        assert!(
            schema
                .check_relation("attribution", "quote", "claim")
                .is_err()
        );
        assert!(schema.check_relation("likes", "quote", "speaker").is_err());
    }

    #[test]
    fn attributes_are_checked_against_the_label() {
        let schema = Schema::default_news();
        let direct = serde_json::json!("direct");
        assert!(schema.check_attribute("quote", "form", &direct).is_ok());
        let err = schema
            .check_attribute("quote", "form", &serde_json::json!("sung"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("allowed: direct, indirect, reported"), "{err}");
        assert!(schema.check_attribute("speaker", "form", &direct).is_err());
    }

    #[test]
    fn schema_problems_are_named() {
        let mut schema = Schema::default_news();
        schema.labels[1].colour = "blue".into();
        schema.labels[2].hotkeys = vec!["q".into()];
        schema.relations[0].to = vec!["person".into()];
        let problems = schema.problems().join("\n");
        assert!(
            problems.contains("label 'claim': colour \"blue\""),
            "{problems}"
        );
        assert!(
            problems.contains("hotkey \"q\" is given to both 'quote' and 'rebuttal'"),
            "{problems}"
        );
        assert!(problems.contains("unknown label 'person'"), "{problems}");
    }

    #[test]
    fn colours_parse() {
        assert_eq!(parse_hex_colour("#E69F00"), Some([0xE6, 0x9F, 0x00]));
        assert_eq!(parse_hex_colour("E69F00"), None);
        assert_eq!(parse_hex_colour("#E69F0"), None);
        assert_eq!(parse_hex_colour("#GG9F00"), None);
    }
}
