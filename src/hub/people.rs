//! The hub's people: a PostgreSQL login role each, in the annotators' (or curators') group
//! role, so the database itself decides what each may write.

use postgres::Client;

use super::HubError;
use super::schema::{ANNOTATORS, CURATORS, check};

/// Creates the role `name` (an annotator, or a curator) with a new random password, which is
/// answered once and stored nowhere.
pub fn add_person(client: &mut Client, name: &str, curator: bool) -> Result<String, HubError> {
    check(client)?;
    crate::model::layer::validate_annotator_name(name)
        .map_err(|e| HubError::Refused(e.to_string()))?;
    if crate::model::layer::is_reserved_layer(name) {
        return Err(HubError::Refused(format!(
            "'{name}' is a layer of its own, not a person"
        )));
    }
    if name.contains('"') || name.len() > 63 {
        return Err(HubError::Refused(format!(
            "'{name}' cannot be a PostgreSQL role name (no double quotes, at most 63 bytes)"
        )));
    }
    let password = new_password();
    let group = if curator { CURATORS } else { ANNOTATORS };
    let mut tx = client.transaction()?;
    let exists: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1)",
            &[&name],
        )?
        .get(0);
    if exists {
        return Err(HubError::Refused(format!(
            "a PostgreSQL role '{name}' exists already; choose another name"
        )));
    }
    // Role names and passwords cannot be query parameters; the name is quoted, the password
    // is made of letters and digits only.
    tx.batch_execute(&format!(
        "CREATE ROLE \"{name}\" LOGIN PASSWORD '{password}' IN ROLE {group}"
    ))?;
    tx.execute(
        "INSERT INTO people (name, curator) VALUES ($1, $2)",
        &[&name, &curator],
    )?;
    tx.commit()?;
    Ok(password)
}

/// 24 random letters and digits.
fn new_password() -> String {
    use rand::RngExt;
    const ALPHABET: &[u8] = b"abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let mut rng = rand::rng();
    (0..24)
        .map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char)
        .collect()
}

/// Replaces the hub's schema by the one in `file` (a project.ron or a schema file), for
/// curators (the database refuses others); answers the project's name.
pub fn extend_schema(client: &mut Client, file: &std::path::Path) -> Result<String, HubError> {
    check(client)?;
    let schema =
        crate::project::load_schema_file(file).map_err(|e| HubError::Refused(e.to_string()))?;
    let mut tx = client.transaction()?;
    let row = tx
        .query_opt("SELECT project_ron FROM project", &[])?
        .ok_or_else(|| HubError::Refused("the hub holds no project yet".into()))?;
    let ron: String = row.get(0);
    let mut project = crate::project::ProjectFile::parse(&ron, file)
        .map_err(|e| HubError::Refused(format!("the hub's project file: {e}")))?;
    let dropped: Vec<&str> = project
        .schema
        .labels
        .iter()
        .filter(|l| schema.label(&l.name).is_none())
        .map(|l| l.name.as_str())
        .collect();
    if !dropped.is_empty() {
        return Err(HubError::Refused(format!(
            "the new schema leaves out labels the hub's layers may use: {}; a hub's schema only grows",
            dropped.join(", ")
        )));
    }
    project.schema = schema;
    tx.execute("UPDATE project SET project_ron = $1", &[&project.to_ron()])
        .map_err(|e| super::curators_only(e, "change the schema"))?;
    tx.commit()?;
    Ok(project.name)
}
