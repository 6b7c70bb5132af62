//! Label Studio tasks: one task per document with one annotation per annotator, spans as
//! `labels` results and links as `relation` results. Label Studio's editor counts offsets in
//! code points (it indexes `[...text]`), which is the default here, both ways.

use serde_json::{Value, json};

use super::malformed::Malformed;

use crate::model::{Annotation, DocumentRecord, OffsetIndex, OffsetUnit, Relation};

/// One task for a document; `layers` gives each annotator's annotations and relations.
pub fn write_task(
    record: &DocumentRecord,
    layers: &[(String, Vec<&Annotation>, Vec<&Relation>)],
    unit: OffsetUnit,
    task_id: usize,
) -> Value {
    let index = OffsetIndex::new(&record.document.text);
    let at = |cp: usize| index.from_codepoint(cp, unit).unwrap_or(cp);
    let annotations: Vec<Value> = layers
        .iter()
        .enumerate()
        .map(|(n, (layer, anns, rels))| {
            let mut result = Vec::new();
            for a in anns {
                for (k, f) in a.fragments.iter().enumerate() {
                    let id = if k == 0 { a.id.clone() } else { format!("{}-{}", a.id, k + 1) };
                    let text: String = record.document.text.chars().skip(f.start).take(f.len()).collect();
                    let mut value = json!({"start": at(f.start), "end": at(f.end), "text": text, "labels": [a.label]});
                    for (key, v) in &a.attributes {
                        value[format!("spanbench_{key}")] = v.clone();
                    }
                    result.push(json!({"id": id, "from_name": "label", "to_name": "text", "type": "labels", "value": value}));
                }
            }
            for r in rels {
                result.push(json!({"from_id": r.from, "to_id": r.to, "type": "relation", "direction": "right", "labels": [r.kind]}));
            }
            json!({"id": n + 1, "result": result, "meta": {"annotator": layer}})
        })
        .collect();
    json!({
        "id": task_id,
        "data": {"text": record.document.text, "spanbench_id": record.document.id, "title": record.document.title, "offsets": unit.name()},
        "annotations": annotations,
    })
}

/// A labelling config for Label Studio that matches the schema.
pub fn labeling_config(schema: &crate::model::Schema) -> String {
    let mut out = String::from("<View>\n  <Relations>\n");
    for r in &schema.relations {
        out.push_str(&format!("    <Relation value=\"{}\"/>\n", r.name));
    }
    out.push_str("  </Relations>\n  <Labels name=\"label\" toName=\"text\">\n");
    for l in &schema.labels {
        out.push_str(&format!(
            "    <Label value=\"{}\" background=\"{}\"/>\n",
            l.name, l.colour
        ));
    }
    out.push_str("  </Labels>\n  <Text name=\"text\" value=\"$text\"/>\n</View>\n");
    out
}

/// Reads Label Studio tasks (a JSON array, or one task): the text of `data.text` (or the
/// first text field), `labels` results as annotations and `relation` results as relations,
/// one layer per annotation. Offsets are code points unless `data.offsets` (spanbench's own
/// key) says otherwise.
pub fn read_tasks(
    json: &str,
    fallback_id: &str,
    annotator: Option<&str>,
) -> Result<Vec<DocumentRecord>, Malformed> {
    let v: Value = serde_json::from_str(json).map_err(|e| Malformed::Json(e.to_string()))?;
    let tasks = match v {
        Value::Array(tasks) => tasks,
        task @ Value::Object(_) => vec![task],
        _ => return Err(Malformed::NotTasks),
    };
    tasks
        .iter()
        .enumerate()
        .map(|(t, task)| read_task(t, task, fallback_id, annotator))
        .collect()
}

/// The `t`th task (counting from 0) as a record, each of its annotations a layer.
fn read_task(
    t: usize,
    task: &Value,
    fallback_id: &str,
    annotator: Option<&str>,
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
    for (a, ann) in task["annotations"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let layer = layer_name(ann, a, annotator);
        for r in ann["result"]
            .as_array()
            .map(Vec::as_slice)
            .unwrap_or_default()
        {
            match r["type"].as_str() {
                Some("labels") => {
                    let n = record.annotations.len();
                    record.annotations.push(results.labels(r, &layer, n)?);
                }
                Some("relation") => record.relations.push(Relation {
                    id: String::new(),
                    annotator: layer.clone(),
                    kind: r["labels"][0].as_str().unwrap_or("attribution").to_string(),
                    from: r["from_id"]
                        .as_str()
                        .ok_or_else(|| {
                            Malformed::missing(format!("{where_}: a relation"), "from_id")
                        })?
                        .to_string(),
                    to: r["to_id"]
                        .as_str()
                        .ok_or_else(|| {
                            Malformed::missing(format!("{where_}: a relation"), "to_id")
                        })?
                        .to_string(),
                }),
                _ => {}
            }
        }
    }
    Ok(record)
}

/// The layer of the `a`th annotation of a task: `meta.annotator`, the annotator's e-mail,
/// `--annotator`, else a name made from Label Studio's user number.
fn layer_name(ann: &Value, a: usize, annotator: Option<&str>) -> String {
    ann["meta"]["annotator"]
        .as_str()
        .map(str::to_string)
        .or_else(|| ann["completed_by"]["email"].as_str().map(str::to_string))
        .or_else(|| annotator.map(str::to_string))
        .or_else(|| {
            ann["completed_by"]
                .as_u64()
                .map(|n| format!("label-studio-{n}"))
        })
        .unwrap_or_else(|| format!("label-studio-{}", a + 1))
}

/// A task's text, for reading the results on it.
struct TaskText<'a> {
    where_: &'a str,
    text: &'a str,
    index: &'a OffsetIndex,
    unit: OffsetUnit,
}

impl TaskText<'_> {
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
