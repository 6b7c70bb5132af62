//! Reading Label Studio tasks — spanbench's own export and Label Studio's: each annotation of
//! a task becomes a layer (its user's, or `--annotator`'s; a second one by the same user
//! `USER-2`), regions are joined again where spanbench's export split a discontinuous span
//! (`a5`, `a5-2`), and per-region `choices` and `textarea` results become attributes and notes.

use std::collections::HashMap;

use serde_json::Value;

use super::malformed::Malformed;
use crate::model::{Annotation, DocumentRecord, Fragment, OffsetIndex, OffsetUnit, Relation};

/// What a Label Studio file held.
#[derive(Clone, Debug, Default)]
pub struct LabelStudioTasks {
    /// One record per task.
    pub records: Vec<DocumentRecord>,
    /// Things worth telling (layers renamed, results not kept), a sentence each.
    pub notes: Vec<String>,
}

/// Reads Label Studio tasks (a JSON array, or one task): the text of `data.text` (or the
/// first text field), `labels` results as annotations and `relation` results as relations,
/// one layer per annotation. Offsets are code points unless `data.offsets` (spanbench's own
/// key) says otherwise. `annotator`, when given, names the layer of every annotation.
pub fn read_tasks(
    json: &str,
    fallback_id: &str,
    annotator: Option<&str>,
) -> Result<LabelStudioTasks, Malformed> {
    let v: Value = serde_json::from_str(json).map_err(|e| {
        if looks_like_json_lines(json) {
            Malformed::NotLabelStudio("it holds one JSON object per line (JSON lines); rename it to .jsonl, or import it with --format jsonl or --format doccano".into())
        } else {
            Malformed::Json(e.to_string())
        }
    })?;
    let tasks = match v {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        other => return Err(Malformed::NotLabelStudio(describe_json(&other))),
    };
    if let Some(odd) = tasks.iter().find(|t| !t["data"].is_object()) {
        let what = if tasks.len() == 1 {
            describe_json(odd)
        } else {
            format!(
                "a list of {} items, one of them {}",
                tasks.len(),
                describe_json(odd)
            )
        };
        return Err(Malformed::NotLabelStudio(what));
    }
    let mut out = LabelStudioTasks::default();
    for (t, task) in tasks.iter().enumerate() {
        let record = read_task(t, task, fallback_id, annotator, &mut out.notes)?;
        out.records.push(record);
    }
    Ok(out)
}

/// True when the first two non-empty lines each parse as a JSON object on their own.
fn looks_like_json_lines(json: &str) -> bool {
    let mut lines = json.lines().filter(|l| !l.trim().is_empty());
    let object = |l: Option<&str>| {
        l.and_then(|l| serde_json::from_str::<Value>(l).ok())
            .is_some_and(|v| v.is_object())
    };
    object(lines.next()) && object(lines.next())
}

/// What a piece of JSON is, in a few words: `an object with keys "a", "b"`, `a number`.
fn describe_json(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(_) => "a true/false value".into(),
        Value::Number(_) => "a number".into(),
        Value::String(_) => "a string".into(),
        Value::Array(items) => format!("a list of {} items", items.len()),
        Value::Object(map) if map.is_empty() => "an empty object".into(),
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().take(6).map(|k| format!("{k:?}")).collect();
            let more = if map.len() > 6 { ", …" } else { "" };
            format!(
                "an object with keys {}{more} and no \"data\" object",
                keys.join(", ")
            )
        }
    }
}

/// The `t`th task (counting from 0) as a record, each of its annotations a layer.
fn read_task(
    t: usize,
    task: &Value,
    fallback_id: &str,
    annotator: Option<&str>,
    notes: &mut Vec<String>,
) -> Result<DocumentRecord, Malformed> {
    let where_ = format!("task {}", t + 1);
    let data = &task["data"];
    let text = data["text"]
        .as_str()
        .or_else(|| data.as_object()?.values().find_map(Value::as_str))
        .ok_or_else(|| Malformed::missing(&where_, "text in \"data\""))?
        .to_string();
    let unit = data["offsets"]
        .as_str()
        .and_then(OffsetUnit::parse)
        .unwrap_or(OffsetUnit::Codepoint);
    let index = OffsetIndex::new(&text);
    let id = data["spanbench_id"]
        .as_str()
        .map(str::to_string)
        .or_else(|| task["id"].as_u64().map(|n| format!("task-{n}")))
        .unwrap_or_else(|| format!("{fallback_id}-{}", t + 1));
    let given = data["spanbench_id"].is_string() || task["id"].is_u64();
    let mut record = DocumentRecord::bare(
        crate::model::Document::new(
            id.clone(),
            data["title"].as_str().unwrap_or(&id).to_string(),
            text.clone(),
            Default::default(),
        ),
        given,
    );
    let results = TaskText {
        where_: &where_,
        text: &text,
        index: &index,
        unit,
    };
    let mut per_user: HashMap<String, usize> = HashMap::new();
    let annotations = task["annotations"].as_array().map(Vec::as_slice);
    for (a, ann) in annotations.unwrap_or_default().iter().enumerate() {
        if ann["was_cancelled"].as_bool() == Some(true) {
            notes.push(format!("{where_}: annotation {} was skipped in Label Studio (cancelled) and is not imported", a + 1));
            continue;
        }
        let user = layer_name(ann, a, annotator);
        let count = per_user.entry(user.clone()).or_insert(0);
        *count += 1;
        let layer = if *count == 1 {
            user.clone()
        } else {
            format!("{user}-{count}")
        };
        if *count == 2 {
            notes.push(format!("{where_} ('{id}'): {user} has several annotations of it; they become the layers {user}, {user}-2, …"));
        }
        let (anns, rels) = results.annotation(ann, &layer, notes)?;
        record.annotations.extend(anns);
        record.relations.extend(rels);
    }
    Ok(record)
}

/// The layer of the `a`th annotation of a task: `--annotator`, else `meta.annotator`
/// (spanbench's export), the user's e-mail, a name made from Label Studio's user number.
fn layer_name(ann: &Value, a: usize, annotator: Option<&str>) -> String {
    annotator
        .map(str::to_string)
        .or_else(|| ann["meta"]["annotator"].as_str().map(str::to_string))
        .or_else(|| ann["completed_by"]["email"].as_str().map(str::to_string))
        .or_else(|| {
            let user = &ann["completed_by"];
            user.as_u64()
                .or_else(|| user["id"].as_u64())
                .map(|n| format!("label-studio-{n}"))
        })
        .unwrap_or_else(|| format!("label-studio-{}", a + 1))
}

/// A region id as text: Label Studio writes strings, some tools numbers.
fn region_id(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `a5-2` → `("a5", 2)`: a later part of a span spanbench's export split into regions.
fn split_part(id: &str) -> Option<(&str, usize)> {
    let (base, n) = id.rsplit_once('-')?;
    let n: usize = n.parse().ok()?;
    (n >= 2 && !base.is_empty()).then_some((base, n))
}

/// A task's text, for reading the results on it.
struct TaskText<'a> {
    where_: &'a str,
    text: &'a str,
    index: &'a OffsetIndex,
    unit: OffsetUnit,
}

impl TaskText<'_> {
    /// One Label Studio annotation as `layer`: its regions (split parts joined, `choices`
    /// and `textarea` of a region as its attributes and note) and its relations.
    fn annotation(
        &self,
        ann: &Value,
        layer: &str,
        notes: &mut Vec<String>,
    ) -> Result<(Vec<Annotation>, Vec<Relation>), Malformed> {
        let results = ann["result"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default();
        let mut regions: Vec<Annotation> = Vec::new();
        // Label Studio's region id → index in `regions`.
        let mut by_region: HashMap<String, usize> = HashMap::new();
        for r in results.iter().filter(|r| r["type"] == "labels") {
            let mut region = self.labels(r, layer, regions.len())?;
            let rid = region_id(&r["id"]);
            let part_of = rid
                .as_deref()
                .and_then(split_part)
                .and_then(|(base, _)| by_region.get(base).copied())
                .filter(|&i| regions[i].label == region.label);
            if let Some(i) = part_of {
                regions[i].fragments.append(&mut region.fragments);
                continue;
            }
            // Ids stay as given while they are unique in the layer; others get a fresh one.
            if rid.is_none() || regions.iter().any(|x| x.id == region.id) {
                region.id = format!("ls-{}", regions.len() + 1);
            }
            if let Some(rid) = rid {
                by_region.entry(rid).or_insert(regions.len());
            }
            regions.push(region);
        }
        for region in &mut regions {
            self.join_fragments(region);
        }
        let mut relations = Vec::new();
        for r in results {
            let target = region_id(&r["id"]).and_then(|id| by_region.get(&id).copied());
            match (r["type"].as_str(), target) {
                (Some("labels"), _) => {}
                (Some("relation"), _) => relations.push(self.relation(r, layer, &by_region, &regions)?),
                (Some("choices"), Some(i)) => {
                    let name = r["from_name"].as_str().unwrap_or("choice").to_string();
                    let choices = &r["value"]["choices"];
                    let value = match choices.as_array().map(Vec::as_slice) {
                        Some([one]) => one.clone(),
                        _ => choices.clone(),
                    };
                    regions[i].attributes.insert(name, value);
                }
                (Some("textarea"), Some(i)) => {
                    let lines: Vec<&str> = r["value"]["text"].as_array().map(Vec::as_slice).unwrap_or_default().iter().filter_map(Value::as_str).collect();
                    let note = &mut regions[i].note;
                    if !note.is_empty() {
                        note.push('\n');
                    }
                    note.push_str(&lines.join("\n"));
                }
                (kind, _) => notes.push(format!(
                    "{}: a {} result of {layer} was not kept (spanbench keeps labelled spans, their choices and notes, and relations)",
                    self.where_,
                    kind.unwrap_or("untyped")
                )),
            }
        }
        Ok((regions, relations))
    }

    /// Sorts a joined region's fragments and makes its text theirs, joined by a space.
    fn join_fragments(&self, region: &mut Annotation) {
        if region.fragments.len() < 2 {
            return;
        }
        region.fragments.sort_by_key(|f| f.start);
        let pieces: Vec<String> = region
            .fragments
            .iter()
            .map(|f: &Fragment| self.text.chars().skip(f.start).take(f.len()).collect())
            .collect();
        region.text = pieces.join(" ");
    }

    /// A `relation` result, its ends turned into the ids the regions were given.
    fn relation(
        &self,
        r: &Value,
        layer: &str,
        by_region: &HashMap<String, usize>,
        regions: &[Annotation],
    ) -> Result<Relation, Malformed> {
        let end = |key: &str| {
            let given = region_id(&r[key])
                .ok_or_else(|| Malformed::missing(format!("{}: a relation", self.where_), key))?;
            Ok(by_region
                .get(&given)
                .map_or(given, |&i| regions[i].id.clone()))
        };
        Ok(Relation {
            id: String::new(),
            annotator: layer.to_string(),
            kind: r["labels"][0].as_str().unwrap_or("attribution").to_string(),
            from: end("from_id")?,
            to: end("to_id")?,
        })
    }

    /// A `labels` result as an annotation of `layer` (the `n`th of the record).
    fn labels(&self, r: &Value, layer: &str, n: usize) -> Result<Annotation, Malformed> {
        let item = format!("{}: result {}", self.where_, r["id"]);
        let value = &r["value"];
        let conv = |k: &str| -> Result<usize, Malformed> {
            let o = value[k]
                .as_u64()
                .ok_or_else(|| Malformed::missing(&item, k))? as usize;
            self.index
                .to_codepoint(o, self.unit)
                .ok_or_else(|| Malformed::Offset {
                    item: format!("{item}: {k}"),
                    offset: o,
                    unit: self.unit,
                })
        };
        let (s, e) = (conv("start")?, conv("end")?);
        let label = value["labels"][0]
            .as_str()
            .ok_or_else(|| Malformed::missing(&item, "label"))?;
        let covered = match value["text"].as_str() {
            Some(t) => t.to_string(),
            None => self
                .text
                .chars()
                .skip(s)
                .take(e.saturating_sub(s))
                .collect(),
        };
        let mut attributes = crate::model::Attributes::new();
        if let Some(obj) = value.as_object() {
            for (k, v) in obj {
                if let Some(name) = k.strip_prefix("spanbench_") {
                    attributes.insert(name.to_string(), v.clone());
                }
            }
        }
        Ok(Annotation {
            origin: Default::default(),
            id: r["id"]
                .as_str()
                .map_or_else(|| format!("r{}", n + 1), str::to_string),
            annotator: layer.to_string(),
            label: label.to_string(),
            fragments: vec![crate::model::Fragment::new(s, e)],
            text: covered,
            attributes,
            note: String::new(),
        })
    }
}
