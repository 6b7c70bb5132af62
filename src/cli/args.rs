//! What the user typed: one `clap` struct per subcommand, and the functions that turn the
//! typed words into the library's settings (`resolve`), checked once, before anything runs.

use std::path::PathBuf;

use clap::Args;

use crate::exporter::{ExportFormat, ExportOptions, parse_split};
use crate::formats::ImportFormat;
use crate::importer::ImportOptions;
use crate::model::{DocStatus, OffsetUnit};
use crate::store::LayerFilter;

/// Options of the window.
#[derive(Args, Debug, Default, Clone)]
pub struct GuiArgs {
    /// The project folder (default: the last one opened, else the bundled demo).
    pub project: Option<PathBuf>,
    /// Whose layer to annotate (default: the settings, else the system user name).
    #[arg(long)]
    pub annotator: Option<String>,
}

/// Create a project folder with the default news schema (or your own).
#[derive(Args, Debug)]
pub struct NewArgs {
    /// The folder to create (it may exist, but must not hold a project yet).
    pub dir: PathBuf,
    /// The project's name (default: the folder's name).
    #[arg(long)]
    pub name: Option<String>,
    /// A schema file in RON (`Schema(labels: [...], relations: [...])`) instead of the default.
    #[arg(long)]
    pub schema: Option<PathBuf>,
}

/// Add documents (and their annotations, where the format has them). All or nothing.
#[derive(Args, Debug)]
pub struct ImportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Files or folders (searched recursively for .txt, .md, .jsonl, brat .txt+.ann, doccano .jsonl, Label Studio .json).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// The input format; `auto` goes by file extension.
    #[arg(long, value_parser = import_format_parser(), default_value = "auto")]
    pub format: ImportFormat,
    /// Annotator for annotations that name none.
    #[arg(long)]
    pub annotator: Option<String>,
    /// Import the good files and report the bad ones, instead of importing nothing.
    #[arg(long)]
    pub skip_bad_files: bool,
    /// Print progress lines on stderr (`progress: writing 250/1000`).
    #[arg(long)]
    pub progress: bool,
    /// Rename a label on the way in, e.g. `--map-label person=speaker` (repeatable).
    #[arg(long, value_name = "OLD=NEW")]
    pub map_label: Vec<String>,
    /// Add labels, attributes, values and relation types the files use and the schema lacks
    /// to project.ron (the earlier file is kept in backups/), and say which.
    #[arg(long)]
    pub extend_schema: bool,
}

/// Write a dataset (and a data card, README.md, that says what is inside).
#[derive(Args, Debug)]
pub struct ExportArgs {
    /// The project folder.
    pub project: PathBuf,
    /// The output format.
    #[arg(long, value_parser = export_format_parser())]
    pub format: ExportFormat,
    /// Where to write: a file, or a folder for brat and for --split. Only an earlier spanbench
    /// export or an empty folder is replaced; never anything inside a project.
    #[arg(long)]
    pub out: PathBuf,
    /// Also replace a single existing file at --out that is not an earlier export (never a folder).
    #[arg(long)]
    pub force: bool,
    /// Layers to export: `all`, `gold`, `suggested`, an annotator, or several separated by commas.
    #[arg(long, default_value = "all")]
    pub layer: String,
    /// The unit of offsets (default: code points, as Label Studio, doccano and brat count; brat and conll always use code points).
    #[arg(long, value_parser = offsets_parser())]
    pub offsets: Option<OffsetUnit>,
    /// Split by document, e.g. `train=0.8,dev=0.1,test=0.1`.
    #[arg(long)]
    pub split: Option<String>,
    /// Seed of the split: the same project and seed give the same split.
    #[arg(long, default_value_t = 0)]
    pub seed: u64,
    /// Only documents that a chosen layer has at this status (new, "in progress", done,
    /// adjudicated), or `any`. Default: every document; for `--layer gold`, adjudicated ones.
    #[arg(long)]
    pub status: Option<String>,
}

/// Bring colleagues' layers into PROJECT; documents are matched by the hash of their text.
#[derive(Args, Debug)]
pub struct MergeArgs {
    /// The project to merge into.
    pub project: PathBuf,
    /// The colleagues' project folders.
    #[arg(required = true)]
    pub others: Vec<PathBuf>,
}

/// Where annotators disagree, document by document: boundary, label, missing, extra, link.
#[derive(Args, Debug)]
pub struct DisagreementsArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Only this document.
    #[arg(long)]
    pub doc: Option<String>,
    /// Annotators to compare, separated by commas; the first is the reference (default:
    /// every layer but gold and suggested).
    #[arg(long)]
    pub annotators: Option<String>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Settle the gold layer: `--accept-agreed` copies what all annotators made identically.
#[derive(Args, Debug)]
pub struct AdjudicateArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Copy into gold every annotation and link that all annotators made identically.
    #[arg(long, required = true)]
    pub accept_agreed: bool,
    /// Annotators to require agreement from, separated by commas (default: every layer but gold and suggested).
    #[arg(long)]
    pub annotators: Option<String>,
}

/// Inter-annotator agreement: span F1, Cohen's kappa per label, unitizing alpha.
#[derive(Args, Debug)]
pub struct AgreeArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Annotators to compare, separated by commas (default: every layer but gold and suggested).
    #[arg(long)]
    pub annotators: Option<String>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Also compute Mathet et al.'s gamma per pair (slower; seeded, reproducible).
    #[arg(long)]
    pub gamma: bool,
    /// Random continua per document for gamma's expected disorder.
    #[arg(long, default_value_t = 30)]
    pub gamma_samples: usize,
    /// Seed of gamma's random continua.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Leave out annotations accepted from suggestions (and their links).
    #[arg(long)]
    pub exclude_accepted: bool,
}

/// Documents, annotations per label and annotator, progress.
#[derive(Args, Debug)]
pub struct StatsArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
    /// Ask the project's hub for everyone's live progress (a hub copy).
    #[arg(long)]
    pub hub: bool,
}

/// Fill the `suggested` layer with quotes (and their form), speakers and attribution links
/// proposed by rules; or, with --evaluate, measure the suggestions against a layer.
#[derive(Args, Debug)]
pub struct SuggestArgs {
    /// The project folder.
    pub project: PathBuf,
    /// Only this document (default: every document).
    #[arg(long)]
    pub doc: Option<String>,
    /// Train the suggester on the documents these layers marked done (or adjudicated), store
    /// it in the project, then suggest with it.
    #[arg(long, value_name = "LAYER,...")]
    pub learn_from: Option<String>,
    /// Measure fresh suggestions against this layer instead of storing them (nothing is written).
    #[arg(long, value_name = "LAYER")]
    pub evaluate: Option<String>,
    /// Print one JSON object on stdout.
    #[arg(long)]
    pub json: bool,
}

/// Check the database and every stored span against its document's text.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The project folder.
    pub project: PathBuf,
}
/// `--format` of `import`: the names of the formats the importer knows.
pub(super) fn import_format_parser() -> impl clap::builder::TypedValueParser<Value = ImportFormat> {
    use clap::builder::TypedValueParser;
    let names: Vec<&'static str> = ImportFormat::ALL.iter().map(|f| f.name()).collect();
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| ImportFormat::named(&name).unwrap_or(ImportFormat::Auto))
}

/// `--format` of `export`: the names of the formats the exporter knows.
pub(super) fn export_format_parser() -> impl clap::builder::TypedValueParser<Value = ExportFormat> {
    use clap::builder::TypedValueParser;
    let names: Vec<&'static str> = ExportFormat::all().map(ExportFormat::name).collect();
    clap::builder::PossibleValuesParser::new(names)
        .map(|name| ExportFormat::named(&name).unwrap_or(ExportFormat::JSONL))
}

/// `--offsets` of `export`: the names of the offset units.
pub(super) fn offsets_parser() -> impl clap::builder::TypedValueParser<Value = OffsetUnit> {
    use clap::builder::TypedValueParser;
    let units = [OffsetUnit::Codepoint, OffsetUnit::Utf16, OffsetUnit::Utf8];
    clap::builder::PossibleValuesParser::new(units.map(OffsetUnit::name))
        .map(|name| OffsetUnit::parse(&name).unwrap_or_default())
}

impl GuiArgs {
    /// The window's options.
    pub fn resolve(self) -> crate::ui::GuiOptions {
        crate::ui::GuiOptions {
            project: self.project,
            annotator: self.annotator,
        }
    }
}

impl ImportArgs {
    /// The import's settings, with the typed words checked.
    pub fn resolve(&self) -> anyhow::Result<ImportOptions> {
        let format = self.format;
        let label_map = self
            .map_label
            .iter()
            .map(|m| {
                m.split_once('=')
                    .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
                    .ok_or_else(|| anyhow::anyhow!("--map-label '{m}' is not OLD=NEW"))
            })
            .collect::<anyhow::Result<Vec<_>>>()?;
        if let Some(name) = &self.annotator {
            crate::model::layer::validate_annotator_name(name).map_err(anyhow::Error::msg)?;
        }
        Ok(ImportOptions {
            format,
            annotator: self.annotator.clone(),
            skip_bad_files: self.skip_bad_files,
            label_map,
            extend_schema: self.extend_schema,
        })
    }
}

impl ExportArgs {
    /// The export's settings, with the typed words checked.
    pub fn resolve(&self) -> anyhow::Result<ExportOptions> {
        let mut options = ExportOptions::new(self.format);
        options.layers = LayerFilter::parse(&self.layer);
        options.offsets = self.offsets;
        options.split = self
            .split
            .as_deref()
            .map(parse_split)
            .transpose()
            .map_err(|e| anyhow::anyhow!("--split: {e}"))?;
        options.seed = self.seed;
        options.force = self.force;
        match self.status.as_deref() {
            None => {}
            Some("any") => options.any_status = true,
            Some(s) => {
                options.status = Some(DocStatus::parse(s).ok_or_else(|| {
                    anyhow::anyhow!(
                        "--status: '{s}' is not new, \"in progress\", done, adjudicated or any"
                    )
                })?)
            }
        }
        Ok(options)
    }
}
