//! `assign`: documents to annotators (see `crate::assign`), on the hub for a hub copy (curators
//! may; the database refuses others), else in the project itself.

use super::{HubError, connect};
use crate::assign::plan;
use crate::workspace::Workspace;

/// Assigns every document of the project to `per_document` of `annotators`; answers how many
/// new assignments were made.
pub fn assign(
    ws: &Workspace,
    annotators: &[String],
    per_document: usize,
    seed: u64,
) -> Result<usize, HubError> {
    let docs = ws.store.document_ids()?;
    let refuse = |e: crate::assign::AssignError| HubError::Refused(e.to_string());
    let Some(url) = ws.store.sync_value("hub")? else {
        let existing = ws.store.assignments()?;
        let new = plan(&docs, annotators, per_document, seed, &existing).map_err(refuse)?;
        ws.store.set_assignments(&new, false)?;
        return Ok(new.len());
    };
    let mut client = connect(&url)?;
    super::schema::check(&mut client)?;
    let existing = hub_assignments(&mut client)?;
    let new = plan(&docs, annotators, per_document, seed, &existing).map_err(refuse)?;
    let mut tx = client.transaction()?;
    let stmt = tx.prepare(
        "INSERT INTO assignments (doc, annotator) VALUES ($1, $2) ON CONFLICT DO NOTHING",
    )?;
    for (doc, who) in &new {
        tx.execute(&stmt, &[doc, who])?;
    }
    tx.commit()?;
    ws.store
        .set_assignments(&hub_assignments(&mut client)?, true)?;
    Ok(new.len())
}

/// Assigns one document to one person (`on`) or takes the assignment back, by hand: on the
/// hub for a hub copy (curators only: the database refuses others), else in the project.
pub fn set_one(ws: &Workspace, doc: &str, who: &str, on: bool) -> Result<(), HubError> {
    let Some(url) = ws.store.sync_value("hub")? else {
        return Ok(ws.store.set_assignment(doc, who, on)?);
    };
    let mut client = connect(&url)?;
    super::schema::check(&mut client)?;
    let sql = if on {
        "INSERT INTO assignments (doc, annotator) VALUES ($1, $2) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM assignments WHERE doc = $1 AND annotator = $2"
    };
    client
        .execute(sql, &[&doc, &who])
        .map_err(|e| super::curators_only(e, "assign documents"))?;
    ws.store
        .set_assignments(&hub_assignments(&mut client)?, true)?;
    Ok(())
}

/// Every assignment on the hub.
pub(super) fn hub_assignments(
    client: &mut postgres::Client,
) -> Result<Vec<(String, String)>, HubError> {
    Ok(client
        .query(
            "SELECT doc, annotator FROM assignments ORDER BY doc, annotator",
            &[],
        )?
        .iter()
        .map(|r| (r.get(0), r.get(1)))
        .collect())
}
