//! `publish`: a project onto an empty hub; `clone`: a local working copy from a hub.

use std::path::Path;

use postgres::Client;

use super::content::{from_json, to_json};
use super::schema::check;
use super::{HubError, connect};
use crate::model::layer::rejection_layer;
use crate::model::{DocStatus, Document, DocumentRecord};
use crate::project::ProjectFile;
use crate::store::{HubLayer, LayerFilter};
use crate::suggest::SUGGESTED;
use crate::workspace::Workspace;

/// What `publish` put on the hub.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Published {
    /// Documents.
    pub documents: usize,
    /// (document, layer) rows.
    pub layers: usize,
}

/// Puts the project — schema, documents, every layer but `suggested` — onto the empty hub at
/// `url`, in one transaction.
pub fn publish(ws: &Workspace, url: &str) -> Result<Published, HubError> {
    let mut client = connect(url)?;
    check(&mut client)?;
    let mut tx = client.transaction()?;
    // Rows take their versions under the hub's one version lock, held to the commit: a
    // publisher that vanishes mid-way (its network gone, no FIN) must not hold it for as long
    // as TCP takes to notice.
    tx.batch_execute("SET LOCAL idle_in_transaction_session_timeout = '60s'")?;
    if let Some(row) = tx.query_opt("SELECT name FROM project", &[])? {
        let name: String = row.get(0);
        return Err(HubError::Refused(format!(
            "the hub holds the project '{name}' already; make a working copy with `spanbench clone`"
        )));
    }
    tx.execute(
        "INSERT INTO project (id, name, project_ron) VALUES (1, $1, $2)",
        &[&ws.project.name, &ws.project.to_ron()],
    )?;
    let doc_stmt = tx.prepare(
        "INSERT INTO documents (id, title, text, sha256, meta) VALUES ($1, $2, $3, $4, $5)",
    )?;
    let layer_stmt =
        tx.prepare("INSERT INTO layers (doc, annotator, content) VALUES ($1, $2, $3)")?;
    let mut done = Published::default();
    let mut failure = None;
    ws.store.for_each_record(&LayerFilter::All, |r| {
        let d = &r.document;
        let meta = serde_json::to_value(&d.meta).unwrap_or_default();
        let rejected = ws.store.rejections(&d.id)?;
        let result = tx
            .execute(&doc_stmt, &[&d.id, &d.title, &d.text, &d.sha256, &meta])
            .and_then(|_| {
                for (annotator, content) in layers_of(&r, &rejected) {
                    tx.execute(&layer_stmt, &[&d.id, &annotator, &content])?;
                    done.layers += 1;
                }
                Ok(())
            });
        done.documents += 1;
        if let Err(e) = result {
            failure.get_or_insert(e);
        }
        Ok::<_, crate::store::StoreError>(())
    })?;
    if let Some(e) = failure {
        return Err(e.into());
    }
    tx.commit()?;
    Ok(done)
}

/// Each layer of a record but `suggested`, as the hub keeps it, with the rejection rows it
/// owns (`rejected`: the document's).
fn layers_of(
    r: &DocumentRecord,
    rejected: &std::collections::BTreeSet<String>,
) -> Vec<(String, serde_json::Value)> {
    let owners: Vec<String> = rejected
        .iter()
        .map(|i| rejection_layer(i).to_string())
        .collect();
    let mut names: Vec<&String> = r
        .annotations
        .iter()
        .map(|a| &a.annotator)
        .chain(r.status.keys())
        .chain(&owners)
        .filter(|n| n.as_str() != SUGGESTED)
        .collect();
    names.sort();
    names.dedup();
    names
        .into_iter()
        .map(|name| {
            let anns: Vec<_> = r
                .annotations
                .iter()
                .filter(|a| &a.annotator == name)
                .cloned()
                .collect();
            let rels: Vec<_> = r
                .relations
                .iter()
                .filter(|x| &x.annotator == name)
                .cloned()
                .collect();
            let status = r.status.get(name).copied().filter(|s| *s != DocStatus::New);
            let own: Vec<String> = rejected
                .iter()
                .filter(|i| rejection_layer(i) == name.as_str())
                .cloned()
                .collect();
            (name.clone(), to_json(&anns, &rels, status, &own))
        })
        .collect()
}

/// Makes a working copy of the hub at `url` in `dir` for `annotator`.
pub fn clone(url: &str, dir: &Path, annotator: &str) -> Result<Workspace, HubError> {
    crate::model::layer::validate_annotator_name(annotator)
        .map_err(|e| HubError::Refused(e.to_string()))?;
    let mut client = connect(url)?;
    check(&mut client)?;
    let row = client
        .query_opt("SELECT name, project_ron FROM project", &[])?
        .ok_or_else(|| HubError::Refused("the hub holds no project yet (publish one)".into()))?;
    let (name, ron): (String, String) = (row.get(0), row.get(1));
    let project = ProjectFile::parse(&ron, &dir.join(crate::project::PROJECT_FILE))
        .map_err(|e| HubError::Refused(format!("the hub's project file: {e}")))?;
    let mut ws = Workspace::create(dir, &name, project.schema.clone())?;
    ws.project = project;
    ws.project
        .save(dir)
        .map_err(crate::workspace::WorkspaceError::from)?;
    let pulled = bring_in(&mut client, &mut ws, 0, annotator)?;
    ws.store.set_sync_value("annotator", annotator)?;
    let curator: bool = client
        .query_opt("SELECT curator FROM people WHERE name = $1", &[&annotator])?
        .is_some_and(|r| r.get(0));
    ws.store
        .set_sync_value("curator", if curator { "yes" } else { "no" })?;
    ws.store
        .set_sync_value("pulled", &pulled.version.to_string())?;
    ws.store.become_hub_copy(url)?;
    Ok(ws)
}

/// What a sync brought in.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BroughtIn {
    /// New documents.
    pub documents: usize,
    /// Layers replaced by the hub's.
    pub layers: usize,
    /// The highest hub version seen.
    pub version: i64,
    /// Own layers changed both here and on the hub: left as they are here, not overwritten
    /// (the next sync sends and merges them).
    pub left_for_merge: Vec<String>,
}

/// Takes in the documents and layers changed on the hub since `since`: others' layers
/// replace the local ones; one's own (`me`) only where not changed here since.
pub(super) fn bring_in(
    client: &mut Client,
    ws: &mut Workspace,
    since: i64,
    me: &str,
) -> Result<BroughtIn, HubError> {
    let mut out = BroughtIn {
        version: since,
        ..BroughtIn::default()
    };
    let mut documents = Vec::new();
    for row in client.query(
        "SELECT id, title, text, meta, version FROM documents WHERE version > $1 ORDER BY version",
        &[&since],
    )? {
        let meta: serde_json::Value = row.get(3);
        let meta = serde_json::from_value(meta).unwrap_or_default();
        let doc = Document::new(row.get(0), row.get(1), row.get(2), meta);
        out.version = out.version.max(row.get(4));
        documents.push(DocumentRecord::bare(doc, true));
    }
    out.documents = documents.len();
    if !documents.is_empty() {
        ws.store.import_records(&documents, &mut |_, _| {})?;
    }
    let dirty = ws.store.dirty_layers(me)?;
    let mut layers = Vec::new();
    for row in client.query(
        "SELECT doc, annotator, content, version FROM layers WHERE version > $1 ORDER BY version",
        &[&since],
    )? {
        let (doc, annotator, content, version): (String, String, serde_json::Value, i64) =
            (row.get(0), row.get(1), row.get(2), row.get(3));
        out.version = out.version.max(version);
        if annotator == me {
            if ws.store.base_version(&doc, me)? == Some(version) {
                continue; // what this copy sent
            }
            if dirty.contains(&doc) {
                out.left_for_merge.push(doc);
                continue;
            }
        }
        layers.push(checked_layer(ws, doc, annotator, &content, version)?);
    }
    out.layers = layers.len();
    if !layers.is_empty() {
        ws.store.take_from_hub(&layers)?;
    }
    Ok(out)
}

/// A hub row read back and checked against its document, as an import is.
pub(super) fn checked_layer(
    ws: &Workspace,
    doc: String,
    annotator: String,
    content: &serde_json::Value,
    version: i64,
) -> Result<HubLayer, HubError> {
    let bad = |why: String| {
        HubError::Refused(format!(
            "the hub's layer {annotator} of document '{doc}': {why}"
        ))
    };
    let layer = from_json(content, &annotator).ok_or_else(|| bad("not a layer".into()))?;
    if let Some(other) = layer
        .rejected
        .iter()
        .find(|i| rejection_layer(i) != annotator)
    {
        return Err(bad(format!("it holds another layer's rejection '{other}'")));
    }
    let mut record = DocumentRecord {
        document: ws.store.document(&doc)?,
        id_given: true,
        annotations: layer.annotations,
        relations: layer.relations,
        status: layer
            .status
            .map(|s| (annotator.clone(), s))
            .into_iter()
            .collect(),
    };
    record
        .validate(ws.schema())
        .map_err(|e| bad(e.to_string()))?;
    Ok(HubLayer {
        status: record.status.get(&annotator).copied(),
        annotations: record.annotations,
        relations: record.relations,
        rejected: layer.rejected,
        doc,
        annotator,
        version,
        content: content.to_string(),
    })
}
