//! The data card: `README.md` of an export, saying what is inside — counts, offsets unit,
//! tokenization, layers, an agreement summary, the schema, what the format could not keep, and
//! the SHA-256 of every file (by which a later export recognises this one).

use std::collections::BTreeMap;

use super::format::Exporter;
use super::{ExportOptions, ExportReport};
use crate::agreement::SummaryReport;
use crate::model::{OffsetUnit, Schema};

/// Everything the data card tells about.
pub(super) struct Card<'a> {
    /// The project's name.
    pub project: &'a str,
    /// The project's schema.
    pub schema: &'a Schema,
    /// The format.
    pub exporter: &'a dyn Exporter,
    /// The exported layers.
    pub layers: &'a [String],
    /// The options as given.
    pub options: &'a ExportOptions,
    /// The offset unit used.
    pub unit: OffsetUnit,
    /// The parts of a split (one unnamed part without a split).
    pub parts: &'a [(String, usize)],
    /// Annotations per (layer, label).
    pub counts: &'a BTreeMap<(String, String), usize>,
    /// The compared layers and their agreement, when two or more are compared.
    pub agreement: Option<(&'a [String], SummaryReport)>,
    /// What was written.
    pub report: &'a ExportReport,
}

impl Card<'_> {
    /// The card's Markdown.
    pub(super) fn write(&self) -> String {
        let mut s = self.summary();
        self.counts_table(&mut s);
        self.agreement(&mut s);
        self.warnings(&mut s);
        self.schema_and_guidelines(&mut s);
        self.files(&mut s);
        s
    }

    fn summary(&self) -> String {
        let Card {
            layers,
            options,
            unit,
            parts,
            ..
        } = *self;
        let c = self;
        let mut s = format!("# {} — {} export\n\n", c.project, c.exporter.name());
        s.push_str(&format!(
            "Written by spanbench {}.\n\n",
            env!("CARGO_PKG_VERSION")
        ));
        s.push_str(&format!(
            "- documents: {}\n- layers: {}\n",
            c.report.documents,
            if layers.is_empty() {
                "none".into()
            } else {
                layers.join(", ")
            }
        ));
        if let Some(st) = super::effective_status(options) {
            s.push_str(&format!("- only documents with status: {}\n", st.name()));
        }
        let left_out = c.report.left_out;
        if left_out > 0 {
            s.push_str(&if options.status.is_none() {
                format!("- {left_out} documents not adjudicated in gold were left out (`--status any` exports them too)\n")
            } else {
                format!("- {left_out} documents without that status were left out\n")
            });
        }
        s.push_str(&format!(
            "- offsets: {} ({})\n",
            unit.name(),
            match unit {
                OffsetUnit::Codepoint => "Unicode code points, what Python's str indexes",
                OffsetUnit::Utf16 => "UTF-16 code units, what JavaScript strings index",
                OffsetUnit::Utf8 => "UTF-8 bytes",
            }
        ));
        s.push_str(&c.exporter.card_lines(c.schema));
        if !parts.is_empty() && !parts[0].0.is_empty() {
            s.push_str(&format!("- split by document, seed {}:", options.seed));
            for (name, n) in parts {
                s.push_str(&format!(" {name} {n}"));
            }
            s.push('\n');
        }
        s
    }

    fn counts_table(&self, s: &mut String) {
        let Card {
            schema,
            layers,
            counts,
            report,
            ..
        } = *self;
        s.push_str("\n## Annotations per label and annotator\n\n| annotator |");
        for l in &schema.labels {
            s.push_str(&format!(" {} |", l.name));
        }
        s.push_str("\n| --- |");
        for _ in &schema.labels {
            s.push_str(" --- |");
        }
        s.push('\n');
        for layer in layers {
            s.push_str(&format!("| {layer} |"));
            for l in &schema.labels {
                s.push_str(&format!(
                    " {} |",
                    counts
                        .get(&(layer.clone(), l.name.clone()))
                        .copied()
                        .unwrap_or(0)
                ));
            }
            s.push('\n');
        }
        s.push_str(&format!(
            "\n{} annotations and {} relations in all.\n",
            report.annotations, report.relations
        ));
        let accepted: Vec<String> = layers
            .iter()
            .map(|l| {
                let n = report.from_suggestions.get(l).copied().unwrap_or(0);
                format!("{l} {n}")
            })
            .collect();
        s.push_str(&format!(
            "\nAccepted from machine suggestions (not drawn by hand; `origin` in spanbench's JSONL): {}.\n",
            accepted.join(", ")
        ));
    }

    fn agreement(&self, s: &mut String) {
        let Some((compared, agreement)) = &self.agreement else {
            return;
        };
        let fmt = crate::agreement::figure;
        s.push_str(&format!(
            "\n## Agreement\n\nOn the {} documents that {} all annotated (`spanbench agree` has the details):\n\n| pair | F1 exact | F1 overlap |\n| --- | --- | --- |\n",
            agreement.documents,
            compared.join(", ")
        ));
        for p in &agreement.pairs {
            s.push_str(&format!(
                "| {} / {} | {} | {} |\n",
                p.a,
                p.b,
                fmt(p.f1_exact),
                fmt(p.f1_overlap)
            ));
        }
        s.push_str(&format!(
            "\nKrippendorff's unitizing alpha over all labels: {}.\n",
            fmt(agreement.alpha_u.overall)
        ));
    }

    fn warnings(&self, s: &mut String) {
        let Card { report, .. } = *self;
        if !report.warnings.is_empty() {
            s.push_str("\n## What this format could not keep exactly\n\n");
            for w in &report.warnings {
                s.push_str(&format!("- {w}\n"));
            }
        }
    }

    fn schema_and_guidelines(&self, s: &mut String) {
        let Card { schema, .. } = *self;
        s.push_str("\n## Schema and guidelines\n\n");
        for l in &schema.labels {
            s.push_str(&format!(
                "- **{}** ({}): {}\n",
                l.name, l.colour, l.description
            ));
            for a in &l.attributes {
                s.push_str(&format!(
                    "  - attribute `{}`: {}\n",
                    a.name,
                    if a.values.is_empty() {
                        "free text".into()
                    } else {
                        a.values.join(", ")
                    }
                ));
            }
        }
        for r in &schema.relations {
            s.push_str(&format!(
                "- relation **{}**: {} → {}. {}\n",
                r.name,
                r.from.join(", "),
                r.to.join(", "),
                r.description
            ));
        }
    }

    fn files(&self, s: &mut String) {
        let Card { report, .. } = *self;
        s.push_str("\n## Files (SHA-256)\n\n");
        for (file, hash) in &report.files {
            s.push_str(&format!("- `{file}` {hash}\n"));
        }
    }
}

/// The layers whose agreement the card states: every exported layer but the reserved ones
/// (`gold`, `suggested`).
pub(super) fn compared_layers(layers: &[String]) -> Vec<String> {
    layers
        .iter()
        .filter(|l| !crate::model::layer::is_reserved_layer(l))
        .cloned()
        .collect()
}
