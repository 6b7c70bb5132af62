//! The subcommands that create, fill, empty out and check a project: `new`, `import`,
//! `export`, `merge`, `stats`, `check`.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};

use super::args::{ExportArgs, ImportArgs, MergeArgs, NewArgs};
use super::{open, open_to_read};
use crate::exporter::export;
use crate::importer::{ImportOptions, ImportProgress, import_paths};
use crate::model::Schema;
use crate::project::load_schema_file;
use crate::workspace::Workspace;

/// `spanbench new`.
pub(super) fn new(args: NewArgs) -> anyhow::Result<ExitCode> {
    new_project(&args.dir, args.name, args.schema.as_deref())
}

fn new_project(
    dir: &Path,
    name: Option<String>,
    schema: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let schema = match schema {
        Some(path) => load_schema_file(path)?,
        None => Schema::default_news(),
    };
    let name = name.unwrap_or_else(|| {
        dir.file_name()
            .and_then(|n| n.to_str())
            .map_or_else(|| "spanbench project".into(), str::to_string)
    });
    let ws = Workspace::create(dir, &name, schema)?;
    let labels: Vec<&str> = ws.schema().labels.iter().map(|l| l.name.as_str()).collect();
    eprintln!(
        "created project '{name}' in {} (labels: {})",
        dir.display(),
        labels.join(", ")
    );
    eprintln!("next: spanbench import {} ARTICLES...", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// `spanbench import`.
pub(super) fn import_command(args: ImportArgs) -> anyhow::Result<ExitCode> {
    let options = args.resolve()?;
    import(&args.project, &args.paths, &options, args.progress)
}

fn import(
    project: &Path,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: bool,
) -> anyhow::Result<ExitCode> {
    let mut ws = open(project)?;
    let tty = std::io::stderr().is_terminal();
    let mut report_progress = |p: ImportProgress| {
        let (what, done, total) = match p {
            ImportProgress::Reading { done, total } => ("reading", done, total),
            ImportProgress::Writing { done, total } => ("writing", done, total),
        };
        if progress {
            eprintln!("progress: {what} {done}/{total}");
        } else if tty {
            eprint!("\r{what} {done}/{total}   ");
            std::io::stderr().flush().ok();
        }
    };
    let outcome = import_paths(&mut ws, paths, options, &mut report_progress);
    if tty && !progress {
        eprint!("\r                                \r");
    }
    let outcome = outcome.context("nothing was imported")?;
    for note in &outcome.notes {
        eprintln!("note: {note}");
    }
    if !outcome.schema_added.is_empty() {
        eprintln!(
            "added to the schema in {}:",
            project.join(crate::project::PROJECT_FILE).display()
        );
        for line in &outcome.schema_added {
            eprintln!("  {line}");
        }
        if let Some(backup) = &outcome.schema_backup {
            eprintln!("the earlier project.ron is kept as {}", backup.display());
        }
    }
    let r = &outcome.report;
    for known in &r.documents_known {
        if known.imported_id == known.existing_id {
            eprintln!(
                "note: '{}' is already in the project (same text)",
                known.existing_id
            );
        } else {
            eprintln!(
                "note: '{}' has the same text as '{}', which is already in the project",
                known.imported_id, known.existing_id
            );
        }
    }
    eprintln!(
        "imported {} files: {} new documents, {} already present; {}",
        outcome.files,
        r.documents_added,
        r.documents_known.len(),
        r.changes()
    );
    Ok(ExitCode::SUCCESS)
}

/// `spanbench export`.
pub(super) fn export_command(args: ExportArgs) -> anyhow::Result<ExitCode> {
    let options = args.resolve()?;
    let ws = open_to_read(&args.project)?;
    let report = export(&ws, &args.out, &options)?;
    for w in &report.warnings {
        eprintln!("note: {w}");
    }
    if report.left_out > 0 {
        let why = if options.status.is_none() {
            "not adjudicated in gold (--status any exports them too)"
        } else {
            "without that status"
        };
        eprintln!("note: {} documents {why} were left out", report.left_out);
    }
    eprintln!(
        "exported {} documents, {} annotations, {} relations as {} to {} ({} files)",
        report.documents,
        report.annotations,
        report.relations,
        options.format.name(),
        args.out.display(),
        report.files.len()
    );
    Ok(ExitCode::SUCCESS)
}

/// `spanbench merge`.
pub(super) fn merge(args: MergeArgs) -> anyhow::Result<ExitCode> {
    let mut ws = open(&args.project)?;
    let outcome = crate::importer::merge_projects(&mut ws, &args.others)?;
    let r = &outcome.report;
    eprintln!(
        "merged {} projects: {} new documents, {} matched by text; {}",
        outcome.projects,
        r.documents_added,
        r.documents_known.len(),
        r.changes()
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn stats(project: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let ws = open_to_read(project)?;
    let stats = ws.store.stats()?;
    if json {
        println!("{}", serde_json::to_string(&stats)?);
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}: {} documents, {} annotations, {} relations",
        ws.project.name, stats.documents, stats.annotations, stats.relations
    )?;
    let labels: Vec<&str> = ws.schema().labels.iter().map(|l| l.name.as_str()).collect();
    if !stats.per_annotator.is_empty() {
        write!(out, "\n{:<16}", "annotator")?;
        for l in &labels {
            write!(out, "{l:>10}")?;
        }
        writeln!(out, "{:>10}", "done")?;
        for (name, counts) in &stats.per_annotator {
            write!(out, "{name:<16}")?;
            for l in &labels {
                write!(out, "{:>10}", counts.get(*l).copied().unwrap_or(0))?;
            }
            let done = stats.progress.get(name).map_or(0, |p| {
                p.get("done").copied().unwrap_or(0) + p.get("adjudicated").copied().unwrap_or(0)
            });
            writeln!(out, "{:>10}", format!("{done}/{}", stats.documents))?;
        }
    }
    for (name, counts) in &stats.from_suggestions {
        let get = |k: &str| counts.get(k).copied().unwrap_or(0);
        let total: usize = stats
            .per_annotator
            .get(name)
            .map_or(0, |c| c.values().sum());
        writeln!(
            out,
            "{name}: {} of {total} annotations accepted from suggestions ({} unchanged, {} edited)",
            get("suggestion") + get("edited-suggestion"),
            get("suggestion"),
            get("edited-suggestion")
        )?;
    }
    Ok(ExitCode::SUCCESS)
}

pub(super) fn check(project: &Path) -> anyhow::Result<ExitCode> {
    let ws = Workspace::open_for_check(project)?;
    let problems = ws.store.check(ws.schema())?;
    if problems.is_empty() {
        let s = ws.store.stats()?;
        println!(
            "ok: {} documents, {} annotations, {} relations checked",
            s.documents, s.annotations, s.relations
        );
        return Ok(ExitCode::SUCCESS);
    }
    for p in &problems {
        println!("{p}");
    }
    bail!("{} problems found", problems.len())
}
