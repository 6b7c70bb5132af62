//! `sync`: sends this copy's changed layers (its annotator's own; gold too for a curator) and
//! takes in what changed on the hub. Incremental (only what changed since the last sync),
//! idempotent, and safe to kill at any point: each step is one transaction on either side, and
//! a layer sent but not yet marked sent is recognised as already there.

use std::collections::BTreeMap;

use postgres::Client;

use super::content::to_json;
use super::merge::{Keep, three_way};
use super::publish::{bring_in, checked_layer};
use super::schema::check;
use super::{HubError, connect};
use crate::model::DocStatus;
use crate::model::layer::GOLD;
use crate::store::{LayerFilter, SyncConflict};
use crate::workspace::Workspace;

/// What a sync did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Synced {
    /// Layers sent.
    pub sent: usize,
    /// New documents taken in.
    pub documents: usize,
    /// Layers taken in.
    pub received: usize,
    /// Own layers changed both here and on the hub (another machine) and merged.
    pub merged: usize,
    /// Own layers where both machines changed an item differently: neither is overwritten
    /// until the annotator chooses a version; the document ids.
    pub conflicts: Vec<String>,
    /// The hub's schema version when an older spanbench made it (`hub init` brings it up to
    /// date: before hub version 2, a copy syncing while two others sent could miss a change).
    pub hub_behind: Option<usize>,
}

/// Syncs the working copy `ws` with its hub.
pub fn sync(ws: &mut Workspace) -> Result<Synced, HubError> {
    let not_a_copy = || {
        HubError::Refused(
            "this project is not a working copy of a hub (make one with `spanbench clone`)".into(),
        )
    };
    let url = ws.store.sync_value("hub")?.ok_or_else(not_a_copy)?;
    let me = ws.store.sync_value("annotator")?.ok_or_else(not_a_copy)?;
    let mut client = connect(&url)?;
    let hub_version = check(&mut client)?;
    let curator: bool = client
        .query_opt("SELECT curator FROM people WHERE name = $1", &[&me])?
        .is_some_and(|r| r.get(0));
    if ws.store.sync_value("curator")?.as_deref() != Some(if curator { "yes" } else { "no" }) {
        ws.store
            .set_sync_value("curator", if curator { "yes" } else { "no" })?;
    }
    let mut out = Synced {
        hub_behind: (hub_version < super::schema::latest()).then_some(hub_version),
        ..Synced::default()
    };
    take_schema(&mut client, ws)?;
    let mut own = vec![me.clone()];
    if curator {
        own.push(GOLD.to_string());
    }
    for layer in &own {
        for doc in ws.store.dirty_layers(layer)? {
            match send(&mut client, ws, &doc, layer)? {
                Outcome::Sent => out.sent += 1,
                Outcome::Merged => {
                    out.sent += 1;
                    out.merged += 1;
                }
                Outcome::Clashed => out.conflicts.push(doc),
                Outcome::Later => {}
            }
        }
    }
    let since: i64 = ws
        .store
        .sync_value("pulled")?
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let got = bring_in(&mut client, ws, since, &me)?;
    let assigned = super::assign::hub_assignments(&mut client)?;
    if assigned != ws.store.assignments()? {
        ws.store.set_assignments(&assigned, true)?;
    }
    // A sync with nothing to do writes nothing (an open window would see a change each time).
    if got.version != since {
        ws.store
            .set_sync_value("pulled", &got.version.to_string())?;
    }
    out.documents = got.documents;
    out.received = got.layers;
    // An own layer bring_in left alone (changed here meanwhile) is sent and merged by the
    // next sync; only what `send` could not merge is a conflict to show.
    out.conflicts.sort();
    out.conflicts.dedup();
    Ok(out)
}

/// What sending one layer came to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outcome {
    /// The hub holds it.
    Sent,
    /// The hub's row had changed (another machine of the same annotator): the two were
    /// merged, and the merge is here and on the hub.
    Merged,
    /// Both machines changed some item differently and no version is chosen yet: nothing
    /// sent, nothing here overwritten.
    Clashed,
    /// The layer changed here while it was being merged: the next sync tries again.
    Later,
}

/// Sends one layer. When the hub's row changed since this copy last saw it, the two are
/// merged item by item against the base both started from ([`three_way`]); the merge is
/// taken here first and then sent, so a kill between the two merges the same way again.
fn send(
    client: &mut Client,
    ws: &mut Workspace,
    doc: &str,
    layer: &str,
) -> Result<Outcome, HubError> {
    let mut clock = ws.store.clock_now()?;
    let (anns, rels) = ws
        .store
        .layer(doc, &LayerFilter::Only(vec![layer.into()]))?;
    let status = Some(ws.store.status(doc, layer)?).filter(|s| *s != DocStatus::New);
    let rejected: Vec<String> = ws
        .store
        .rejections(doc)?
        .into_iter()
        .filter(|i| crate::model::layer::rejection_layer(i) == layer)
        .collect();
    let mut content = to_json(&anns, &rels, status, &rejected);
    // What a send killed before it was marked sent may have left on the hub.
    let mut earlier: Option<serde_json::Value> = ws
        .store
        .pending_send(doc, layer)?
        .and_then(|s| serde_json::from_str(&s).ok());
    ws.store
        .set_pending_send(doc, layer, &content.to_string())?;
    let mut base = ws.store.base_version(doc, layer)?;
    let mut merged = false;
    for _ in 0..4 {
        let done = |ws: &Workspace, version: i64, content: &serde_json::Value| {
            ws.store
                .mark_sent(doc, layer, version, clock, &content.to_string())?;
            Ok(if merged {
                Outcome::Merged
            } else {
                Outcome::Sent
            })
        };
        if let Some(version) = write(client, doc, layer, &content, base)? {
            return done(ws, version, &content);
        }
        let row = client.query_opt(
            "SELECT content, version FROM layers WHERE doc = $1 AND annotator = $2",
            &[&doc, &layer],
        )?;
        let Some(row) = row else {
            return Ok(Outcome::Clashed);
        };
        let (there, version): (serde_json::Value, i64) = (row.get(0), row.get(1));
        if there == content {
            return done(ws, version, &content); // sent before a kill: it is there already
        }
        base = Some(version);
        if earlier.take().as_ref() == Some(&there) {
            continue; // the hub holds this copy's own earlier send: build on it
        }
        let Some(common) = ws
            .store
            .base_content(doc, layer)?
            .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok())
        else {
            return Ok(Outcome::Clashed); // a copy made before bases were kept: cannot merge
        };
        let result = three_way(&common, &content, &there, &choices(ws, doc, layer)?);
        if !result.clashes.is_empty() {
            record_clashes(ws, doc, layer, result.clashes)?;
            return Ok(Outcome::Clashed);
        }
        let mut taken = checked_layer(ws, doc.into(), layer.into(), &result.content, version)?;
        taken.content = result.content.to_string();
        if !ws.store.take_merged(&taken, clock)? {
            return Ok(Outcome::Later);
        }
        clock = ws.store.clock_now()?;
        content = result.content;
        ws.store
            .set_pending_send(doc, layer, &content.to_string())?;
        merged = true;
    }
    Ok(Outcome::Later)
}

/// Keeps the clashes a merge found, for the annotator to choose a version.
fn record_clashes(
    ws: &Workspace,
    doc: &str,
    layer: &str,
    clashes: Vec<super::merge::Clash>,
) -> Result<(), HubError> {
    let rows: Vec<SyncConflict> = clashes
        .into_iter()
        .map(|c| SyncConflict {
            doc: doc.into(),
            annotator: layer.into(),
            item: c.item,
            mine: c.mine.map(|v| v.to_string()),
            hub: c.hub.map(|v| v.to_string()),
            keep: None,
        })
        .collect();
    Ok(ws.store.set_sync_conflicts(doc, layer, &rows)?)
}

/// The versions chosen so far for the clashing items of one layer.
fn choices(ws: &Workspace, doc: &str, layer: &str) -> Result<BTreeMap<String, Keep>, HubError> {
    Ok(ws
        .store
        .sync_conflicts(layer)?
        .into_iter()
        .filter(|c| c.doc == doc)
        .filter_map(|c| Some((c.item, Keep::parse(c.keep.as_deref()?)?)))
        .collect())
}

/// Writes a layer when the hub's row is still at `base` (or absent, without a base); answers
/// the new version, or `None` when the row is not as this copy last saw it.
fn write(
    client: &mut Client,
    doc: &str,
    layer: &str,
    content: &serde_json::Value,
    base: Option<i64>,
) -> Result<Option<i64>, HubError> {
    let row = match base {
        Some(b) => client.query_opt(
            "UPDATE layers SET content = $1 WHERE doc = $2 AND annotator = $3 AND version = $4
             RETURNING version",
            &[content, &doc, &layer, &b],
        )?,
        None => client.query_opt(
            "INSERT INTO layers (doc, annotator, content) VALUES ($2, $3, $1)
             ON CONFLICT (doc, annotator) DO NOTHING RETURNING version",
            &[content, &doc, &layer],
        )?,
    };
    Ok(row.map(|r| r.get(0)))
}

/// Takes the hub's schema when it changed (a curator extended it).
fn take_schema(client: &mut Client, ws: &mut Workspace) -> Result<(), HubError> {
    let Some(row) = client.query_opt("SELECT project_ron FROM project", &[])? else {
        return Ok(());
    };
    let ron: String = row.get(0);
    let path = ws.dir.join(crate::project::PROJECT_FILE);
    let hub = crate::project::ProjectFile::parse(&ron, &path)
        .map_err(|e| HubError::Refused(format!("the hub's project file: {e}")))?;
    if hub.schema != ws.project.schema {
        ws.project.schema = hub.schema;
        ws.project
            .save(&ws.dir)
            .map_err(crate::workspace::WorkspaceError::from)?;
    }
    Ok(())
}
