//! `stats --hub`: everyone's live progress, as the hub has it.

use std::collections::BTreeMap;

use serde::Serialize;

use super::{HubError, connect};

/// One person's progress on the hub.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Documents assigned to them.
    pub assigned: usize,
    /// Documents their layer marks done (or adjudicated, for gold).
    pub done: usize,
    /// Documents their layer marks in progress.
    pub in_progress: usize,
    /// Documents where their layer exists at all.
    pub layers: usize,
}

/// The hub's documents and each layer's progress.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct HubProgress {
    /// Documents on the hub.
    pub documents: usize,
    /// Per layer.
    pub people: BTreeMap<String, Progress>,
}

/// The same figures for a project of one's own (no hub): its layers' statuses and its
/// assignments.
pub fn of_project(ws: &crate::workspace::Workspace) -> Result<HubProgress, HubError> {
    let stats = ws.store.stats()?;
    let mut out = HubProgress {
        documents: stats.documents,
        people: BTreeMap::new(),
    };
    for (who, counts) in &stats.progress {
        let p = out.people.entry(who.clone()).or_default();
        let n = |status: &str| counts.get(status).copied().unwrap_or(0);
        p.done = n("done") + n("adjudicated");
        p.in_progress = n("in progress");
        p.layers = counts
            .iter()
            .filter(|(s, _)| *s != "new")
            .map(|(_, n)| n)
            .sum();
    }
    for (_, who) in ws.store.assignments()? {
        out.people.entry(who).or_default().assigned += 1;
    }
    Ok(out)
}

/// Reads the progress from the hub at `url`.
pub fn progress(url: &str) -> Result<HubProgress, HubError> {
    let mut client = connect(url)?;
    super::schema::check(&mut client)?;
    let documents: i64 = client
        .query_one("SELECT count(*) FROM documents", &[])?
        .get(0);
    let mut out = HubProgress {
        documents: documents as usize,
        people: BTreeMap::new(),
    };
    for row in client.query("SELECT name FROM people", &[])? {
        out.people.entry(row.get(0)).or_default();
    }
    for row in client.query(
        "SELECT annotator, content->>'status', count(*) FROM layers GROUP BY 1, 2",
        &[],
    )? {
        let (who, status, n): (String, Option<String>, i64) = (row.get(0), row.get(1), row.get(2));
        let p = out.people.entry(who).or_default();
        p.layers += n as usize;
        match status.as_deref() {
            Some("done" | "adjudicated") => p.done += n as usize,
            Some("in progress") => p.in_progress += n as usize,
            _ => {}
        }
    }
    for row in client.query(
        "SELECT annotator, count(*) FROM assignments GROUP BY 1",
        &[],
    )? {
        let (who, n): (String, i64) = (row.get(0), row.get(1));
        out.people.entry(who).or_default().assigned = n as usize;
    }
    Ok(out)
}
