//! The subcommands: turns command-line words into calls of the library and reports results.
//!
//! Every failure prints one clear `error:` paragraph on stderr and exits with 1; a usage
//! mistake exits with 2 (clap's own).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::exporter::{ExportFormat, ExportOptions, export, parse_split};
use crate::formats::ImportFormat;
use crate::importer::{ImportOptions, ImportProgress, import_paths};
use crate::model::{DocStatus, OffsetUnit, Schema};
use crate::project::load_schema_file;
use crate::store::LayerFilter;
use crate::workspace::Workspace;

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
    New {
        /// The folder to create (it may exist, but must not hold a project yet).
        dir: PathBuf,
        /// The project's name (default: the folder's name).
        #[arg(long)]
        name: Option<String>,
        /// A schema file in RON (`Schema(labels: [...], relations: [...])`) instead of the default.
        #[arg(long)]
        schema: Option<PathBuf>,
    },
    /// Add documents (and their annotations, where the format has them). All or nothing.
    Import {
        /// The project folder.
        project: PathBuf,
        /// Files or folders (searched recursively for .txt, .md, .jsonl, brat .txt+.ann, doccano .jsonl, Label Studio .json).
        #[arg(required = true)]
        paths: Vec<PathBuf>,
        /// The input format; `auto` goes by file extension.
        #[arg(long, value_enum, default_value_t = ImportFormatArg::Auto)]
        format: ImportFormatArg,
        /// Annotator for annotations that name none.
        #[arg(long)]
        annotator: Option<String>,
        /// Import the good files and report the bad ones, instead of importing nothing.
        #[arg(long)]
        skip_bad_files: bool,
        /// Print progress lines on stderr (`progress: writing 250/1000`).
        #[arg(long)]
        progress: bool,
        /// Rename a label on the way in, e.g. `--map-label person=speaker` (repeatable).
        #[arg(long, value_name = "OLD=NEW")]
        map_label: Vec<String>,
    },
    /// Write a dataset (and a data card, README.md, that says what is inside).
    Export {
        /// The project folder.
        project: PathBuf,
        /// The output format.
        #[arg(long, value_parser = export_format_parser())]
        format: ExportFormat,
        /// Where to write: a file, or a folder for brat and for --split. Only an earlier spanbench
        /// export or an empty folder is replaced; never anything inside a project.
        #[arg(long)]
        out: PathBuf,
        /// Also replace a single existing file at --out that is not an earlier export (never a folder).
        #[arg(long)]
        force: bool,
        /// Layers to export: `all`, `gold`, `suggested`, an annotator, or several separated by commas.
        #[arg(long, default_value = "all")]
        layer: String,
        /// The unit of offsets (default: code points; UTF-16 for label-studio; brat and conll always use code points).
        #[arg(long, value_enum)]
        offsets: Option<OffsetsArg>,
        /// Split by document, e.g. `train=0.8,dev=0.1,test=0.1`.
        #[arg(long)]
        split: Option<String>,
        /// Seed of the split: the same project and seed give the same split.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Only documents that a chosen layer has at this status (new, "in progress", done, adjudicated).
        #[arg(long)]
        status: Option<String>,
    },
    /// Bring colleagues' layers into PROJECT; documents are matched by the hash of their text.
    Merge {
        /// The project to merge into.
        project: PathBuf,
        /// The colleagues' project folders.
        #[arg(required = true)]
        others: Vec<PathBuf>,
    },
    /// Where annotators disagree, document by document: boundary, label, missing, extra, link.
    Disagreements {
        /// The project folder.
        project: PathBuf,
        /// Only this document.
        #[arg(long)]
        doc: Option<String>,
        /// Annotators to compare, separated by commas; the first is the reference (default:
        /// every layer but gold and suggested).
        #[arg(long)]
        annotators: Option<String>,
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Settle the gold layer: `--accept-agreed` copies what all annotators made identically.
    Adjudicate {
        /// The project folder.
        project: PathBuf,
        /// Copy into gold every annotation and link that all annotators made identically.
        #[arg(long, required = true)]
        accept_agreed: bool,
        /// Annotators to require agreement from, separated by commas (default: every layer but gold and suggested).
        #[arg(long)]
        annotators: Option<String>,
    },
    /// Inter-annotator agreement: span F1, Cohen's kappa per label, unitizing alpha.
    Agree {
        /// The project folder.
        project: PathBuf,
        /// Annotators to compare, separated by commas (default: every layer but gold and suggested).
        #[arg(long)]
        annotators: Option<String>,
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
        /// Also compute Mathet et al.'s gamma per pair (slower; seeded, reproducible).
        #[arg(long)]
        gamma: bool,
        /// Random continua per document for gamma's expected disorder.
        #[arg(long, default_value_t = 30)]
        gamma_samples: usize,
        /// Seed of gamma's random continua.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// Documents, annotations per label and annotator, progress.
    Stats {
        /// The project folder.
        project: PathBuf,
        /// Print one JSON object on stdout.
        #[arg(long)]
        json: bool,
    },
    /// Check the database and every stored span against its document's text.
    Check {
        /// The project folder.
        project: PathBuf,
    },
}

/// Options of the window.
#[derive(Args, Debug, Default, Clone)]
pub struct GuiArgs {
    /// The project folder (default: the last one opened, else the bundled demo).
    pub project: Option<PathBuf>,
    /// Whose layer to annotate (default: the settings, else the system user name).
    #[arg(long)]
    pub annotator: Option<String>,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ImportFormatArg {
    Auto,
    Txt,
    Md,
    Jsonl,
    Brat,
    Doccano,
    LabelStudio,
}

/// `--format` of `export`: the names of the formats the exporter knows.
fn export_format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser;
    let names: Vec<&'static str> = ExportFormat::all().map(ExportFormat::name).collect();
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| ExportFormat::named(&name).unwrap_or(ExportFormat::JSONL))
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum OffsetsArg {
    Codepoint,
    Utf16,
    Utf8,
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
    match cli.command {
        None => crate::ui::run(cli.gui).map(|()| ExitCode::SUCCESS),
        Some(Command::Gui(args)) => crate::ui::run(args).map(|()| ExitCode::SUCCESS),
        Some(Command::New { dir, name, schema }) => new_project(&dir, name, schema.as_deref()),
        Some(Command::Import {
            project,
            paths,
            format,
            annotator,
            skip_bad_files,
            progress,
            map_label,
        }) => {
            let format = match format {
                ImportFormatArg::Auto => ImportFormat::Auto,
                ImportFormatArg::Txt => ImportFormat::Txt,
                ImportFormatArg::Md => ImportFormat::Md,
                ImportFormatArg::Jsonl => ImportFormat::Jsonl,
                ImportFormatArg::Brat => ImportFormat::Brat,
                ImportFormatArg::Doccano => ImportFormat::Doccano,
                ImportFormatArg::LabelStudio => ImportFormat::LabelStudio,
            };
            let label_map = map_label
                .iter()
                .map(|m| {
                    m.split_once('=')
                        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                        .ok_or_else(|| anyhow::anyhow!("--map-label '{m}' is not OLD=NEW"))
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            if let Some(name) = &annotator {
                crate::model::layer::validate_annotator_name(name).map_err(anyhow::Error::msg)?;
            }
            let options = ImportOptions {
                format,
                annotator,
                skip_bad_files,
                label_map,
            };
            import(&project, &paths, &options, progress)
        }
        Some(Command::Export {
            project,
            format,
            out,
            layer,
            offsets,
            split,
            seed,
            status,
            force,
        }) => {
            let ws = open_to_read(&project)?;
            let mut options = ExportOptions::new(format);
            options.layers = LayerFilter::parse(&layer);
            options.offsets = offsets.map(|o| match o {
                OffsetsArg::Codepoint => OffsetUnit::Codepoint,
                OffsetsArg::Utf16 => OffsetUnit::Utf16,
                OffsetsArg::Utf8 => OffsetUnit::Utf8,
            });
            options.split = split
                .as_deref()
                .map(parse_split)
                .transpose()
                .map_err(|e| anyhow::anyhow!("--split: {e}"))?;
            options.seed = seed;
            options.force = force;
            options.status = status
                .as_deref()
                .map(|s| {
                    DocStatus::parse(s).ok_or_else(|| {
                        anyhow::anyhow!(
                            "--status: '{s}' is not new, \"in progress\", done or adjudicated"
                        )
                    })
                })
                .transpose()?;
            let report = export(&ws, &out, &options)?;
            for w in &report.warnings {
                eprintln!("note: {w}");
            }
            eprintln!(
                "exported {} documents, {} annotations, {} relations as {} to {} ({} files)",
                report.documents,
                report.annotations,
                report.relations,
                format.name(),
                out.display(),
                report.files.len()
            );
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Stats { project, json }) => stats(&project, json),
        Some(Command::Check { project }) => check(&project),
        Some(Command::Merge { project, others }) => {
            let mut ws = open(&project)?;
            let outcome = crate::importer::merge_projects(&mut ws, &others)?;
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
        Some(Command::Agree {
            project,
            annotators,
            json,
            gamma,
            gamma_samples,
            seed,
        }) => agree(
            &project,
            annotators.as_deref(),
            json,
            gamma.then_some((gamma_samples, seed)),
        ),
        Some(Command::Adjudicate {
            project,
            accept_agreed: _,
            annotators,
        }) => adjudicate(&project, annotators.as_deref()),
        Some(Command::Disagreements {
            project,
            doc,
            annotators,
            json,
        }) => disagreements(&project, doc.as_deref(), annotators.as_deref(), json),
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

fn stats(project: &Path, json: bool) -> anyhow::Result<ExitCode> {
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
    Ok(ExitCode::SUCCESS)
}

/// The annotators named on the command line, or every layer but gold and suggested; at least two.
fn compared_annotators(ws: &Workspace, annotators: Option<&str>) -> anyhow::Result<Vec<String>> {
    let known = ws.store.annotators()?;
    let chosen: Vec<String> = match annotators {
        Some(list) => list
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => ws.comparable_annotators()?,
    };
    for name in &chosen {
        if !known.contains(name) {
            bail!(
                "the project has no annotator '{name}' (layers: {})",
                known.join(", ")
            );
        }
    }
    if chosen.len() < 2 {
        bail!(
            "agreement needs at least two annotators; the project has {}",
            if chosen.is_empty() {
                "none".into()
            } else {
                chosen.join(", ")
            }
        );
    }
    Ok(chosen)
}

fn disagreements(
    project: &Path,
    doc: Option<&str>,
    annotators: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    use crate::review::{Version, compare};
    let ws = open_to_read(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let ids = match doc {
        Some(id) => vec![ws.store.document(id)?.id],
        None => ws.store.document_ids()?,
    };
    let version_json = |v: &Version| {
        let links: Vec<serde_json::Value> = v
            .links
            .iter()
            .map(|(kind, t)| serde_json::json!({"type": kind, "label": t.label, "text": t.text}))
            .collect();
        match &v.annotation {
            Some(a) => serde_json::json!({"annotator": v.annotator, "label": a.label,
                "fragments": a.fragments.iter().map(|f| [f.start, f.end]).collect::<Vec<_>>(),
                "text": a.text, "links": links}),
            None => serde_json::json!({"annotator": v.annotator, "label": null}),
        }
    };
    let mut documents = Vec::new();
    let mut out = std::io::stdout().lock();
    for id in ids {
        let record = ws.store.record(&id, &crate::store::LayerFilter::All)?;
        if !chosen
            .iter()
            .all(|a| crate::agreement::has_annotated(&record, a))
        {
            continue;
        }
        let c = compare(&record, &chosen);
        if json {
            let list: Vec<serde_json::Value> = c
                .disagreements
                .iter()
                .map(|d| {
                    serde_json::json!({"kind": d.kind.name(), "start": d.start, "end": d.end,
                        "versions": d.versions.iter().map(version_json).collect::<Vec<_>>()})
                })
                .collect();
            documents
                .push(serde_json::json!({"id": id, "agreed": c.agreed, "disagreements": list}));
            continue;
        }
        writeln!(
            out,
            "{id}: {} agreed, {} disagreements",
            c.agreed,
            c.disagreements.len()
        )?;
        for d in &c.disagreements {
            let versions: Vec<String> = d
                .versions
                .iter()
                .map(|v| {
                    let mut line = format!(
                        "{}: {}",
                        v.annotator,
                        v.annotation.as_ref().map_or("nothing".to_string(), |a| {
                            format!("{} «{}»", a.label, a.text)
                        })
                    );
                    if matches!(d.kind, crate::review::Kind::Link(_)) {
                        for (_, t) in &v.links {
                            line.push_str(&format!(" → {} «{}»", t.label, t.text));
                        }
                    }
                    line
                })
                .collect();
            writeln!(
                out,
                "  {:>6}–{:<6} {:<17} {}",
                d.start,
                d.end,
                d.kind.name(),
                versions.join(" | ")
            )?;
        }
    }
    if json {
        let report = serde_json::json!({"annotators": chosen, "documents": documents});
        writeln!(out, "{report}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn adjudicate(project: &Path, annotators: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut ws = open(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let crate::workspace::AgreedAdded {
        documents,
        annotations,
        links,
    } = ws.accept_agreed_everywhere(&chosen)?;
    eprintln!(
        "gold: added {annotations} annotations and {links} links that {} all agree on, in {documents} documents",
        chosen.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

fn agree(
    project: &Path,
    annotators: Option<&str>,
    json: bool,
    gamma: Option<(usize, u64)>,
) -> anyhow::Result<ExitCode> {
    let ws = open_to_read(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let labels: Vec<String> = ws.schema().labels.iter().map(|l| l.name.clone()).collect();
    if gamma.is_some_and(|(samples, _)| samples == 0) {
        bail!("--gamma-samples must be at least 1");
    }
    let report = ws.agreement_with_gamma(&chosen, gamma)?;
    if json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    let fmt = |v: Option<f64>| v.map_or("—".to_string(), |x| format!("{x:.3}"));
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} annotators, {} documents annotated by all of them\n",
        report.annotators.len(),
        report.documents
    )?;
    write!(out, "{:<28}{:>10}", "", "micro")?;
    for l in &labels {
        write!(out, "{l:>10}")?;
    }
    writeln!(out)?;
    for p in &report.pairs {
        for (name, f) in [("F1 exact", &p.f1_exact), ("F1 overlap", &p.f1_overlap)] {
            write!(
                out,
                "{:<28}{:>10}",
                format!("{}/{} {name}", p.a, p.b),
                fmt(f.micro)
            )?;
            for l in &labels {
                write!(out, "{:>10}", fmt(f.per_label.get(l).copied().flatten()))?;
            }
            writeln!(out)?;
        }
        for (kind, v) in &p.relations {
            writeln!(
                out,
                "{:<28}{:>10}",
                format!("{}/{} {kind} links", p.a, p.b),
                fmt(*v)
            )?;
        }
        if let Some(g) = &p.gamma {
            writeln!(
                out,
                "{:<28}{:>10}   (mean over {} documents; {} samples, seed {})",
                format!("{}/{} gamma", p.a, p.b),
                fmt(g.mean),
                g.documents.iter().filter(|d| d.gamma.is_some()).count(),
                g.samples,
                g.seed
            )?;
        }
        write!(out, "{:<28}{:>10}", format!("{}/{} kappa", p.a, p.b), "")?;
        for l in &labels {
            write!(out, "{:>10}", fmt(p.kappa.get(l).copied().flatten()))?;
        }
        writeln!(out)?;
    }
    write!(
        out,
        "{:<28}{:>10}",
        "alpha_u (all)",
        fmt(report.alpha_u.overall)
    )?;
    for l in &labels {
        write!(
            out,
            "{:>10}",
            fmt(report.alpha_u.per_label.get(l).copied().flatten())
        )?;
    }
    writeln!(out)?;
    if !report.per_document.is_empty() {
        writeln!(
            out,
            "\nlowest agreement first (F1 overlap, F1 exact, alpha_u, disagreements):"
        )?;
        for d in report.per_document.iter().take(10) {
            writeln!(
                out,
                "  {:>7} {:>7} {:>7} {:>4}  {} ({})",
                fmt(d.f1_overlap),
                fmt(d.f1_exact),
                fmt(d.alpha_u),
                d.disagreements,
                d.title,
                d.id
            )?;
        }
    }
    for n in &report.notes {
        writeln!(out, "note: {n}")?;
    }
    Ok(ExitCode::SUCCESS)
}

fn check(project: &Path) -> anyhow::Result<ExitCode> {
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
