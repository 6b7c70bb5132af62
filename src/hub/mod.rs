//! The team hub: an ordinary PostgreSQL database that working copies sync with. The hub holds
//! the project file, the documents, and every layer of every document as one row (its
//! annotations, relations and status as JSON, with a version from one sequence); PostgreSQL's
//! row-level security lets each annotator's role write its own layer only, and curators gold.
//! The `suggested` layer never goes there.
//!
//! The local SQLite project stays the working copy: [`sync`] sends the layers changed since the
//! last sync and takes in what changed on the hub.

pub mod assign;
pub mod content;
pub mod merge;
pub mod people;
pub mod pgpass;
pub mod progress;
pub mod publish;
pub mod schema;
pub mod sync;
pub mod tls;

use std::str::FromStr;

use postgres::{Client, Config};

/// Why the hub could not be reached or refused.
#[derive(Debug, thiserror::Error)]
pub enum HubError {
    /// The URL is not a `postgres://` connection string.
    #[error("not a PostgreSQL connection string ({0}); write postgres://USER@HOST:PORT/DATABASE")]
    Url(String),
    /// The URL carries a password.
    #[error(
        "the hub URL carries a password; leave it out and put it in your PostgreSQL password file (PGPASSFILE or ~/.pgpass), which spanbench reads"
    )]
    PasswordInUrl,
    /// PostgreSQL refused or the connection broke (its own words).
    #[error("the hub: {0}")]
    Postgres(String),
    /// The hub is not what this spanbench can work with.
    #[error("{0}")]
    Refused(String),
    /// The local project refused.
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
    /// The local project could not be made or read.
    #[error(transparent)]
    Workspace(#[from] crate::workspace::WorkspaceError),
}

impl From<postgres::Error> for HubError {
    fn from(e: postgres::Error) -> HubError {
        HubError::Postgres(describe(&e))
    }
}

/// A refusal by the database's permissions said in words (`only the hub's curators …`), any
/// other error as PostgreSQL gave it.
pub fn curators_only(e: postgres::Error, what: &str) -> HubError {
    if e.code() == Some(&postgres::error::SqlState::INSUFFICIENT_PRIVILEGE) {
        HubError::Refused(format!(
            "only the hub's curators {what} (ask one, or `spanbench hub add-curator`)"
        ))
    } else {
        HubError::from(e)
    }
}

/// PostgreSQL's own message (and detail), not only "db error".
pub fn describe(e: &postgres::Error) -> String {
    match e.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => {
            let source = std::error::Error::source(e)
                .map(|s| format!(": {s}"))
                .unwrap_or_default();
            format!("{e}{source}")
        }
    }
}

/// A connection string's parts that name a place (no password), for messages and for the
/// password file.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// Host name or address.
    pub host: String,
    /// Port.
    pub port: u16,
    /// Database.
    pub database: String,
    /// Role.
    pub user: String,
    /// How the server's certificate is checked (`sslmode`).
    pub tls: tls::Check,
}

/// Parses `url`; refuses one that carries a password.
pub fn place(url: &str) -> Result<(Config, Place), HubError> {
    let (url, tls) = tls::Check::from_url(url);
    let config = Config::from_str(&url).map_err(|e| HubError::Url(e.to_string()))?;
    if config.get_password().is_some() {
        return Err(HubError::PasswordInUrl);
    }
    let host = match config.get_hosts().first() {
        Some(postgres::config::Host::Tcp(h)) => h.clone(),
        _ => return Err(HubError::Url("no host".into())),
    };
    let place = Place {
        host,
        port: config.get_ports().first().copied().unwrap_or(5432),
        database: config.get_dbname().unwrap_or("postgres").to_string(),
        user: config
            .get_user()
            .ok_or_else(|| HubError::Url("no user: write postgres://USER@HOST/DATABASE".into()))?
            .to_string(),
        tls,
    };
    Ok((config, place))
}

/// Connects to the hub at `url` with the password from the password file.
pub fn connect(url: &str) -> Result<Client, HubError> {
    let (mut config, place) = place(url)?;
    if let Some(text) = pgpass::file().and_then(|f| std::fs::read_to_string(f).ok())
        && let Some(password) =
            pgpass::lookup(&text, &place.host, place.port, &place.database, &place.user)
    {
        config.password(password);
    }
    config.connect_timeout(std::time::Duration::from_secs(5));
    Ok(config.connect(tls::connector(&place.tls)?)?)
}
