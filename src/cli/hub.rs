//! The team hub's commands: `hub init|add-annotator|add-curator|extend-schema`, `publish`,
//! `clone`, `sync`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Subcommand};

use super::open;
use crate::hub;

/// `spanbench hub …`: make a PostgreSQL database a hub and give people roles on it.
#[derive(Args, Debug)]
pub struct HubArgs {
    #[command(subcommand)]
    command: HubCommand,
}

#[derive(Subcommand, Debug)]
enum HubCommand {
    /// Create the hub's tables (numbered migrations) in the database at URL, or bring an older
    /// hub up to date.
    Init {
        /// `postgres://USER@HOST:PORT/DATABASE` of a role allowed to create tables and roles;
        /// the password comes from PGPASSFILE or ~/.pgpass.
        url: String,
    },
    /// Create a PostgreSQL login role for an annotator (prints the new password once).
    AddAnnotator {
        /// The hub.
        url: String,
        /// The annotator's name (their layer's name).
        name: String,
    },
    /// Create a PostgreSQL login role for a curator, who also writes gold (prints the new
    /// password once).
    AddCurator {
        /// The hub.
        url: String,
        /// The curator's name.
        name: String,
    },
    /// Replace the hub's schema by the one in FILE.ron (curators).
    ExtendSchema {
        /// The hub.
        url: String,
        /// A project.ron or schema file.
        file: PathBuf,
    },
}

/// `spanbench publish PROJECT --hub URL`.
#[derive(Args, Debug)]
pub struct PublishArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The hub's URL.
    #[arg(long)]
    pub hub: String,
}

/// `spanbench clone URL DIR --annotator NAME`.
#[derive(Args, Debug)]
pub struct CloneArgs {
    /// The hub's URL (the annotator's own role).
    pub url: String,
    /// The folder of the new working copy.
    pub dir: PathBuf,
    /// Whose working copy it is.
    #[arg(long)]
    pub annotator: String,
}

/// `spanbench assign PROJECT --annotators A,B,... --per-document N [--seed S]`.
#[derive(Args, Debug)]
pub struct AssignArgs {
    /// The project (a hub copy: the assignments go to the hub).
    pub project: PathBuf,
    /// Who gets documents, separated by commas.
    #[arg(long)]
    pub annotators: String,
    /// How many annotators each document gets.
    #[arg(long)]
    pub per_document: usize,
    /// The seed of the (balanced, reproducible) choice.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `spanbench sync PROJECT`.
#[derive(Args, Debug)]
pub struct SyncArgs {
    /// The working copy.
    pub project: PathBuf,
    /// Settles conflicts (an item your two machines changed differently): keep this
    /// machine's version (`mine`) or the hub's (`hub`).
    #[arg(long, value_parser = ["mine", "hub"])]
    pub keep: Option<String>,
    /// With `--keep`: only the conflicts of this document.
    #[arg(long, requires = "keep")]
    pub doc: Option<String>,
}

/// `spanbench hub …`.
pub(super) fn hub(args: HubArgs) -> anyhow::Result<ExitCode> {
    match args.command {
        HubCommand::Init { url } => {
            let mut client = hub::connect(&url)?;
            let (before, after) = hub::schema::init(&mut client)?;
            if before == after {
                println!("the hub is up to date (hub version {after})");
            } else {
                println!("hub ready (hub version {before} → {after})");
            }
        }
        HubCommand::AddAnnotator { url, name } => add_person(&url, &name, false)?,
        HubCommand::AddCurator { url, name } => add_person(&url, &name, true)?,
        HubCommand::ExtendSchema { url, file } => {
            let mut client = hub::connect(&url)?;
            let name = hub::people::extend_schema(&mut client, &file)?;
            println!(
                "the hub's schema is now the one in {} ({name})",
                file.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// Creates a person's role and prints their password once.
fn add_person(url: &str, name: &str, curator: bool) -> anyhow::Result<()> {
    let mut client = hub::connect(url)?;
    let password = hub::people::add_person(&mut client, name, curator)?;
    let (_, place) = hub::place(url)?;
    println!("{password}");
    eprintln!(
        "{} '{name}' can log in now with the password above (shown this once). Their PGPASSFILE line:\n  {}:{}:{}:{name}:PASSWORD\nand their working copy: spanbench clone postgres://{name}@{}:{}/{} DIR --annotator {name}",
        if curator { "curator" } else { "annotator" },
        place.host,
        place.port,
        place.database,
        place.host,
        place.port,
        place.database
    );
    Ok(())
}

/// `spanbench publish`.
pub(super) fn publish(args: PublishArgs) -> anyhow::Result<ExitCode> {
    let ws = open(&args.project)?;
    let started = std::time::Instant::now();
    let done = hub::publish::publish(&ws, &args.hub)?;
    eprintln!(
        "published {} documents and {} layers in {:.1} s; annotators make their working copy with `spanbench clone {} DIR --annotator NAME`",
        done.documents,
        done.layers,
        started.elapsed().as_secs_f64(),
        args.hub
    );
    Ok(ExitCode::SUCCESS)
}

/// `spanbench clone`.
pub(super) fn clone(args: CloneArgs) -> anyhow::Result<ExitCode> {
    let ws = hub::publish::clone(&args.url, &args.dir, &args.annotator)?;
    let docs = ws.store.document_ids()?.len();
    eprintln!(
        "made a working copy of the hub for {} in {} ({docs} documents); `spanbench sync {}` sends your work and brings in everyone else's",
        args.annotator,
        args.dir.display(),
        args.dir.display()
    );
    Ok(ExitCode::SUCCESS)
}

/// `spanbench sync`.
pub(super) fn sync(args: SyncArgs) -> anyhow::Result<ExitCode> {
    let mut ws = open(&args.project)?;
    if let Some(keep) = &args.keep {
        let me = ws.store.sync_value("annotator")?.unwrap_or_default();
        let chosen = ws
            .store
            .keep_version(&me, args.doc.as_deref(), None, keep)?;
        eprintln!("keeping the {keep} version of {chosen} conflicting items");
    }
    let s = hub::sync::sync(&mut ws)?;
    let merged = match s.merged {
        0 => String::new(),
        n => format!("; merged {n} with what your other machine sent"),
    };
    eprintln!(
        "sent {} layers; brought in {} documents and {} layers{merged}",
        s.sent, s.documents, s.received
    );
    if let Some(v) = s.hub_behind {
        eprintln!(
            "note: an older spanbench made this hub (hub version {v}, this one writes {}); its owner brings it up to date with `spanbench hub init URL`",
            hub::schema::latest()
        );
    }
    let me = ws.store.sync_value("annotator")?.unwrap_or_default();
    let clashes = ws.store.sync_conflicts(&me)?;
    for doc in &s.conflicts {
        eprintln!(
            "conflict: your layer of document '{doc}' changed here and on another machine; this copy keeps its version and did not send it:"
        );
        for c in clashes.iter().filter(|c| &c.doc == doc) {
            eprintln!(
                "  {}: here {}; on the hub {}",
                c.item,
                hub::merge::describe(c.mine.as_deref()),
                hub::merge::describe(c.hub.as_deref())
            );
        }
    }
    if !s.conflicts.is_empty() {
        eprintln!(
            "choose with `spanbench sync {} --keep mine` or `--keep hub` (add `--doc ID` for one document), or in the window",
            args.project.display()
        );
    }
    Ok(if s.conflicts.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(3)
    })
}

/// `spanbench assign`.
pub(super) fn assign(args: AssignArgs) -> anyhow::Result<ExitCode> {
    let ws = open(&args.project)?;
    let people: Vec<String> = args
        .annotators
        .split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect();
    for p in &people {
        crate::model::layer::validate_annotator_name(p)?;
    }
    let n = hub::assign::assign(&ws, &people, args.per_document, args.seed)?;
    let all = ws.store.assignments()?;
    let mut counts: std::collections::BTreeMap<&str, usize> =
        people.iter().map(|p| (p.as_str(), 0)).collect();
    for (_, who) in &all {
        if let Some(c) = counts.get_mut(who.as_str()) {
            *c += 1;
        }
    }
    let each: Vec<String> = counts.iter().map(|(p, c)| format!("{p} {c}")).collect();
    eprintln!(
        "{n} new assignments; documents per annotator now: {}",
        each.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

/// `spanbench stats PROJECT --hub`.
pub(super) fn stats(project: &std::path::Path, json: bool) -> anyhow::Result<ExitCode> {
    let ws = super::open_to_read(project)?;
    let Some(url) = ws.store.sync_value("hub")? else {
        anyhow::bail!(
            "{} is not a working copy of a hub; `stats` without --hub counts what it holds",
            project.display()
        );
    };
    let p = hub::progress::progress(&url)?;
    if json {
        println!("{}", serde_json::to_string(&p)?);
        return Ok(ExitCode::SUCCESS);
    }
    println!("hub {url}: {} documents\n", p.documents);
    println!(
        "{:<20}{:>10}{:>10}{:>14}{:>10}",
        "layer", "assigned", "done", "in progress", "started"
    );
    for (who, x) in &p.people {
        println!(
            "{who:<20}{:>10}{:>10}{:>14}{:>10}",
            x.assigned, x.done, x.in_progress, x.layers
        );
    }
    Ok(ExitCode::SUCCESS)
}
