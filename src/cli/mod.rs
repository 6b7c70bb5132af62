//! The subcommands: turns command-line words into calls of the library and reports results.
//!
//! Every failure prints one clear `error:` paragraph on stderr and exits with 1; a usage
//! mistake exits with 2 (clap's own).

use std::path::Path;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::workspace::Workspace;

mod agreement;
pub mod args;
mod data;
mod hub;
mod suggest;

use args::{
    AdjudicateArgs, AgreeArgs, CheckArgs, DisagreementsArgs, ExportArgs, GuiArgs, ImportArgs,
    MergeArgs, NewArgs, StatsArgs, SuggestArgs,
};

/// spanbench — annotate news articles: quotes, claims, rebuttals, speakers.
#[derive(Parser, Debug)]
#[command(
    name = "spanbench",
    version,
    about,
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
    #[command(flatten)]
    gui: GuiArgs,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Open the window (the default when no subcommand is given).
    Gui(GuiArgs),
    /// Create a project folder with the default news schema (or your own).
    New(NewArgs),
    /// Add documents (and their annotations, where the format has them). All or nothing.
    Import(ImportArgs),
    /// Write a dataset (and a data card, README.md, that says what is inside).
    Export(ExportArgs),
    /// Bring colleagues' layers into PROJECT; documents are matched by the hash of their text.
    Merge(MergeArgs),
    /// Where annotators disagree, document by document: boundary, label, missing, extra, link.
    Disagreements(DisagreementsArgs),
    /// Settle the gold layer: `--accept-agreed` copies what all annotators made identically.
    Adjudicate(AdjudicateArgs),
    /// Inter-annotator agreement: span F1, Cohen's kappa per label, unitizing alpha.
    Agree(AgreeArgs),
    /// Documents, annotations per label and annotator, progress.
    Stats(StatsArgs),
    /// Check the database and every stored span against its document's text.
    Check(CheckArgs),
    /// Suggest quotes, speakers and links (rules), or measure the suggestions against a layer.
    Suggest(SuggestArgs),
    /// A team hub on PostgreSQL: create it, add people, change its schema.
    Hub(hub::HubArgs),
    /// Put a project (schema, documents, layers) onto an empty hub.
    Publish(hub::PublishArgs),
    /// Make a local working copy of a hub for one annotator.
    Clone(hub::CloneArgs),
    /// Send your changed layers to the hub and bring in everyone else's.
    Sync(hub::SyncArgs),
    /// Assign documents to annotators, balanced (on the hub for a hub copy).
    Assign(hub::AssignArgs),
}

/// Runs the command line; the binary's whole `main`.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", crate::error_text::sentence(e.as_ref()));
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let ok = |()| ExitCode::SUCCESS;
    match cli.command {
        None => crate::ui::run(cli.gui.resolve()).map(ok),
        Some(Command::Gui(args)) => crate::ui::run(args.resolve()).map(ok),
        Some(Command::New(args)) => data::new(args),
        Some(Command::Import(args)) => data::import_command(args),
        Some(Command::Export(args)) => data::export_command(args),
        Some(Command::Merge(args)) => data::merge(args),
        Some(Command::Stats(args)) if args.hub => hub::stats(&args.project, args.json),
        Some(Command::Stats(args)) => data::stats(&args.project, args.json),
        Some(Command::Check(args)) => data::check(&args.project),
        Some(Command::Suggest(args)) => suggest::suggest(args),
        Some(Command::Hub(args)) => hub::hub(args),
        Some(Command::Publish(args)) => hub::publish(args),
        Some(Command::Clone(args)) => hub::clone(args),
        Some(Command::Sync(args)) => hub::sync(args),
        Some(Command::Assign(args)) => hub::assign(args),
        Some(Command::Agree(args)) => agreement::agree(
            &args.project,
            args.annotators.as_deref(),
            args.json,
            crate::agreement::AgreementOptions {
                gamma: args.gamma.then_some((args.gamma_samples, args.seed)),
                exclude_accepted: args.exclude_accepted,
            },
        ),
        Some(Command::Adjudicate(args)) => {
            agreement::adjudicate(&args.project, args.annotators.as_deref())
        }
        Some(Command::Disagreements(args)) => agreement::disagreements(
            &args.project,
            args.doc.as_deref(),
            args.annotators.as_deref(),
            args.json,
        ),
    }
}

fn open(dir: &Path) -> anyhow::Result<Workspace> {
    Ok(Workspace::open(dir)?)
}

/// For commands that only read: read-write where allowed (so an older database is upgraded
/// and backed up as usual), else read-only (a project on a read-only share).
fn open_to_read(dir: &Path) -> anyhow::Result<Workspace> {
    Ok(Workspace::open_for_reading(dir)?)
}
