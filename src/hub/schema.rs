//! The hub's tables, made by numbered migrations (a hub written by a newer spanbench is
//! refused, as for a project's SQLite database), and the two group roles its people belong to.

use postgres::Client;

use super::HubError;

/// The group role every annotator's role is in.
pub const ANNOTATORS: &str = "spanbench_annotator";
/// The group role of curators (who are annotators too, and write gold).
pub const CURATORS: &str = "spanbench_curator";

/// Who may write a layer: its owner, and curators gold.
const OWNER: &str = "annotator = current_user OR (annotator = 'gold' AND pg_has_role(current_user, 'spanbench_curator', 'MEMBER'))";

/// Migration 1: the project, documents, layers (one row per document and annotator, row-level
/// security by owner), people and assignments.
fn v1() -> String {
    format!(
        r#"
CREATE TABLE hub_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE project (
    id          INTEGER PRIMARY KEY CHECK (id = 1),
    name        TEXT NOT NULL,
    project_ron TEXT NOT NULL
);
CREATE SEQUENCE changes;
CREATE TABLE documents (
    id      TEXT PRIMARY KEY,
    title   TEXT NOT NULL,
    text    TEXT NOT NULL,
    sha256  TEXT NOT NULL UNIQUE,
    meta    JSONB NOT NULL DEFAULT '{{}}',
    version BIGINT NOT NULL DEFAULT nextval('changes')
);
CREATE INDEX documents_by_version ON documents (version);
CREATE TABLE layers (
    doc       TEXT NOT NULL REFERENCES documents(id),
    annotator TEXT NOT NULL CHECK (annotator <> 'suggested'),
    content   JSONB NOT NULL,
    version   BIGINT NOT NULL DEFAULT nextval('changes'),
    PRIMARY KEY (doc, annotator)
);
CREATE INDEX layers_by_version ON layers (version);
CREATE TABLE people (name TEXT PRIMARY KEY, curator BOOLEAN NOT NULL);
CREATE TABLE assignments (
    doc       TEXT NOT NULL REFERENCES documents(id),
    annotator TEXT NOT NULL,
    PRIMARY KEY (doc, annotator)
);
CREATE FUNCTION spanbench_bump_version() RETURNS trigger AS $$
BEGIN NEW.version := nextval('changes'); RETURN NEW; END
$$ LANGUAGE plpgsql;
CREATE TRIGGER layers_version BEFORE UPDATE ON layers
    FOR EACH ROW EXECUTE FUNCTION spanbench_bump_version();
ALTER TABLE layers ENABLE ROW LEVEL SECURITY;
CREATE POLICY layers_read ON layers FOR SELECT USING (true);
CREATE POLICY layers_insert ON layers FOR INSERT WITH CHECK ({OWNER});
CREATE POLICY layers_update ON layers FOR UPDATE USING ({OWNER}) WITH CHECK ({OWNER});
CREATE POLICY layers_delete ON layers FOR DELETE USING ({OWNER});
GRANT SELECT ON hub_meta, project, documents, people, assignments TO {ANNOTATORS};
GRANT SELECT, INSERT, UPDATE, DELETE ON layers TO {ANNOTATORS};
GRANT USAGE ON SEQUENCE changes TO {ANNOTATORS};
GRANT INSERT, UPDATE, DELETE ON project, documents, assignments TO {CURATORS};
"#
    )
}

/// The advisory lock that orders the hub's versions (any fixed number; "spanbench" in hex).
pub const VERSION_LOCK: i64 = 0x7370_616e_6265_6e63;

/// Migration 2: versions are handed out in commit order. A copy takes the rows whose version
/// is above the last one it saw; with numbers drawn freely, a transaction that drew 100 and
/// committed after another drew and committed 101 would be skipped by a copy syncing in
/// between. Every transaction that takes a version now holds one advisory lock until it ends,
/// so the next number is drawn only once the one before is committed (or rolled back). Taken
/// by the trigger in the database, it holds for every writer, spanbench or not.
fn v2() -> String {
    format!(
        r#"
CREATE OR REPLACE FUNCTION spanbench_bump_version() RETURNS trigger AS $$
BEGIN
    PERFORM pg_advisory_xact_lock({VERSION_LOCK});
    NEW.version := nextval('changes');
    RETURN NEW;
END
$$ LANGUAGE plpgsql;
DROP TRIGGER layers_version ON layers;
CREATE TRIGGER layers_version BEFORE INSERT OR UPDATE ON layers
    FOR EACH ROW EXECUTE FUNCTION spanbench_bump_version();
CREATE TRIGGER documents_version BEFORE INSERT OR UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION spanbench_bump_version();
"#
    )
}

/// Every migration, oldest first; the hub's `schema_version` counts those applied.
fn migrations() -> Vec<String> {
    vec![v1(), v2()]
}

/// The hub schema version this build writes.
pub fn latest() -> usize {
    migrations().len()
}

/// The hub's schema version (0: not a hub yet).
pub fn version(client: &mut Client) -> Result<usize, HubError> {
    let exists: bool = client
        .query_one("SELECT to_regclass('hub_meta') IS NOT NULL", &[])?
        .get(0);
    if !exists {
        return Ok(0);
    }
    let row = client.query_opt(
        "SELECT value FROM hub_meta WHERE key = 'schema_version'",
        &[],
    )?;
    row.map_or(Ok(0), |r| {
        r.get::<_, String>(0)
            .parse()
            .map_err(|_| HubError::Refused("the hub's schema version is not a number".into()))
    })
}

/// Refuses a hub that is missing or written by a newer spanbench; answers its version.
pub fn check(client: &mut Client) -> Result<usize, HubError> {
    match version(client)? {
        0 => Err(HubError::Refused(
            "this database is not a spanbench hub (run `spanbench hub init URL` first)".into(),
        )),
        v if v > latest() => Err(HubError::Refused(format!(
            "this hub was written by a newer spanbench (hub version {v}, this one knows {}); update spanbench",
            latest()
        ))),
        v => Ok(v),
    }
}

/// Makes the database a hub, or brings an older hub up to date, in one transaction; answers
/// (version before, version after).
pub fn init(client: &mut Client) -> Result<(usize, usize), HubError> {
    let before = version(client)?;
    if before > latest() {
        check(client)?;
    }
    let mut tx = client.transaction()?;
    // Roles belong to the whole cluster: another hub's init may be making them right now, so
    // a role that exists (or appears meanwhile) is fine.
    for sql in [
        format!("CREATE ROLE {ANNOTATORS} NOLOGIN"),
        format!("CREATE ROLE {CURATORS} NOLOGIN"),
        format!("GRANT {ANNOTATORS} TO {CURATORS}"),
    ] {
        tx.batch_execute(&format!(
            "DO $$ BEGIN {sql}; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$;"
        ))?;
    }
    for sql in &migrations()[before..] {
        tx.batch_execute(sql)?;
    }
    tx.execute(
        "INSERT INTO hub_meta (key, value) VALUES ('schema_version', $1)
         ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
        &[&latest().to_string()],
    )?;
    tx.commit()?;
    Ok((before, latest()))
}
