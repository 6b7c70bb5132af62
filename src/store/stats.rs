//! `spanbench stats`: documents, annotations per label and annotator, progress.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{Store, StoreResult};

/// Counts over the whole project.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Number of documents.
    pub documents: usize,
    /// Number of annotations in all layers.
    pub annotations: usize,
    /// Number of relations in all layers.
    pub relations: usize,
    /// Per annotator: annotations per label.
    pub per_annotator: BTreeMap<String, BTreeMap<String, usize>>,
    /// Per label, over all layers.
    pub per_label: BTreeMap<String, usize>,
    /// Per annotator: how many of their annotations were accepted from suggestions, by origin
    /// (`suggestion`, `edited-suggestion`); annotators with none are left out.
    pub from_suggestions: BTreeMap<String, BTreeMap<String, usize>>,
    /// Per annotator: how many documents they have at each status (documents without a
    /// recorded status count as `new`).
    pub progress: BTreeMap<String, BTreeMap<String, usize>>,
}

impl Store {
    /// Counts documents, annotations and relations, and everyone's progress.
    pub fn stats(&self) -> StoreResult<Stats> {
        let count = |sql: &str| -> StoreResult<usize> {
            Ok(self.conn.query_row(sql, [], |r| r.get::<_, i64>(0))? as usize)
        };
        let documents = count("SELECT COUNT(*) FROM documents")?;
        let annotations = count("SELECT COUNT(*) FROM annotations")?;
        let relations = count("SELECT COUNT(*) FROM relations")?;
        let per_annotator = self.counts(
            "SELECT n.name, a.label, COUNT(*) FROM annotations a JOIN annotators n ON n.pk = a.annotator GROUP BY n.name, a.label",
        )?;
        let mut per_label: BTreeMap<String, usize> = BTreeMap::new();
        for (label, n) in per_annotator.values().flatten() {
            *per_label.entry(label.clone()).or_default() += n;
        }
        let from_suggestions = self.counts(
            "SELECT n.name, a.origin, COUNT(*) FROM annotations a JOIN annotators n ON n.pk = a.annotator
             WHERE a.origin != 'hand' GROUP BY n.name, a.origin",
        )?;
        let mut progress: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        for name in self.annotators()? {
            progress.entry(name).or_default();
        }
        let started = self.counts(
            "SELECT n.name, s.status, COUNT(*) FROM status s JOIN annotators n ON n.pk = s.annotator
             WHERE s.status != 'new' GROUP BY n.name, s.status",
        )?;
        for (annotator, counts) in started {
            progress.entry(annotator).or_default().extend(counts);
        }
        for counts in progress.values_mut() {
            let started: usize = counts.values().sum();
            counts.insert("new".into(), documents.saturating_sub(started));
        }
        Ok(Stats {
            documents,
            annotations,
            relations,
            per_annotator,
            from_suggestions,
            per_label,
            progress,
        })
    }

    /// Rows of (name, key, count) gathered as name → key → count.
    fn counts(&self, sql: &str) -> StoreResult<BTreeMap<String, BTreeMap<String, usize>>> {
        let mut out: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
        let mut stmt = self.conn.prepare(sql)?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)? as usize,
            ))
        })?;
        for row in rows {
            let (name, key, n) = row?;
            out.entry(name).or_default().insert(key, n);
        }
        Ok(out)
    }
}
