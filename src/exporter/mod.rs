//! `spanbench export`: datasets in every format, written to a temporary place and moved into
//! `--out` only when complete, with a data card (`README.md`) that says what is inside.
//!
//! Single-file formats write `--out` itself (and `<out>.README.md` beside it); brat, and any
//! export with `--split`, write a folder. Each format is one type in `format/`, behind one
//! interface; this file resolves the options, gathers the records and places the result.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::model::{DocStatus, OffsetUnit};
use crate::store::{LayerFilter, StoreError};
use crate::workspace::Workspace;

mod card;
mod files;
mod format;
mod split;
mod target;

pub use split::{SplitError, parse_split};
pub use target::Refused;

use files::{Files, werr};
use format::{Exporter, Output, Part};

/// A format `export` writes: a handle on one of the formats in `format/`.
#[derive(Clone, Copy)]
pub struct ExportFormat(&'static dyn Exporter);

impl ExportFormat {
    /// Native JSONL.
    pub const JSONL: ExportFormat = ExportFormat(format::ALL[0]);
    /// spaCy DocBin (`.spacy`).
    pub const SPACY: ExportFormat = ExportFormat(format::ALL[1]);
    /// CoNLL, IOB2, one column per label.
    pub const CONLL: ExportFormat = ExportFormat(format::ALL[2]);
    /// brat standoff (a folder).
    pub const BRAT: ExportFormat = ExportFormat(format::ALL[3]);
    /// doccano JSONL.
    pub const DOCCANO: ExportFormat = ExportFormat(format::ALL[4]);
    /// Label Studio tasks JSON.
    pub const LABEL_STUDIO: ExportFormat = ExportFormat(format::ALL[5]);
    /// One CSV row per annotation.
    pub const CSV: ExportFormat = ExportFormat(format::ALL[6]);

    /// Every format, in the order menus list them.
    pub fn all() -> impl Iterator<Item = ExportFormat> {
        format::ALL.iter().map(|e| ExportFormat(*e))
    }

    /// The format with this command-line name.
    pub fn named(name: &str) -> Option<ExportFormat> {
        ExportFormat::all().find(|f| f.name() == name)
    }

    /// The name on the command line (`label-studio`).
    pub fn name(self) -> &'static str {
        self.0.name()
    }

    /// True when the format writes a folder (brat).
    pub fn writes_folder(self) -> bool {
        self.0.writes_folder()
    }

    /// The extension of its files (`jsonl`); empty for a folder format.
    pub fn extension(self) -> &'static str {
        self.0.extension()
    }

    /// The offset unit used when none is asked for: code points (what Python, Label Studio's
    /// editor, doccano and brat count).
    pub fn default_unit(self) -> OffsetUnit {
        self.0.default_unit()
    }

    /// The only unit the format can have, if it fixes one (brat, CoNLL and spaCy count code
    /// points whatever is asked).
    pub fn only_unit(self) -> Option<OffsetUnit> {
        self.0.only_unit()
    }

    /// The unit an export with `asked` uses: the format's only one, else what was asked,
    /// else its default.
    pub fn unit(self, asked: Option<OffsetUnit>) -> OffsetUnit {
        self.0
            .only_unit()
            .unwrap_or_else(|| asked.unwrap_or(self.0.default_unit()))
    }
}

impl PartialEq for ExportFormat {
    fn eq(&self, other: &Self) -> bool {
        self.name() == other.name()
    }
}

impl Eq for ExportFormat {}

impl std::fmt::Debug for ExportFormat {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// How to export.
#[derive(Clone, Debug, PartialEq)]
pub struct ExportOptions {
    /// The format.
    pub format: ExportFormat,
    /// The layers.
    pub layers: LayerFilter,
    /// The offset unit (`None`: the format's default). brat and CoNLL always use code points.
    pub offsets: Option<OffsetUnit>,
    /// Parts and their shares, e.g. train 0.8, dev 0.1, test 0.1.
    pub split: Option<Vec<(String, f64)>>,
    /// Seed of the split.
    pub seed: u64,
    /// Only documents that a chosen layer has at this status. `None`: every document, except
    /// that an export of the `gold` layer alone holds the adjudicated ones.
    pub status: Option<DocStatus>,
    /// Every document whatever its status, also for `gold` (`--status any`).
    pub any_status: bool,
    /// Replace a single existing file at `--out` that is not an earlier export (never a folder).
    pub force: bool,
}

impl ExportOptions {
    /// All layers of `format`, default unit, no split, every document.
    pub fn new(format: ExportFormat) -> ExportOptions {
        ExportOptions {
            format,
            layers: LayerFilter::All,
            offsets: None,
            split: None,
            seed: 0,
            status: None,
            any_status: false,
            force: false,
        }
    }
}

/// What an export wrote.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Documents written.
    pub documents: usize,
    /// Annotations written.
    pub annotations: usize,
    /// Relations written.
    pub relations: usize,
    /// Files written, relative to the output, with their SHA-256.
    pub files: Vec<(String, String)>,
    /// What the format could not keep exactly.
    pub warnings: Vec<String>,
    /// Documents left out because of their status.
    pub left_out: usize,
    /// Per layer: the annotations written that were accepted from suggestions.
    pub from_suggestions: BTreeMap<String, usize>,
}

/// Why an export wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// The output could not be written.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `--layer` names a layer the project does not have.
    #[error("the project has no layer '{name}' (layers: {})", if known.is_empty() { "none yet".to_string() } else { known.join(", ") })]
    NoLayer {
        /// The name asked for.
        name: String,
        /// The project's layers.
        known: Vec<String>,
    },
    /// A writer thread died before it finished its file.
    #[error("a writer thread failed")]
    WriterFailed,
    /// A task could not be written as JSON.
    #[error("cannot write a task as JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// `--out` is taken by something spanbench may not replace.
    #[error(transparent)]
    Refused(#[from] target::Refused),
    /// `--split` is not a list of shares.
    #[error(transparent)]
    Split(#[from] split::SplitError),
    /// The format cannot write the schema's names faithfully.
    #[error(transparent)]
    Names(#[from] crate::formats::brat::NameClash),
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A file name made from a document id: no path separators, no leading dots, no reserved
/// device names, nothing but letters, digits, `-`, `_` and `.`; never empty.
pub fn safe_file_name(id: &str) -> String {
    let mut name = crate::formats::text::replace_unsafe_chars(id, '_');
    name = name.trim_start_matches('.').to_string();
    if name.is_empty() {
        name = "document".into();
    }
    let stem = name.split('.').next().unwrap_or("").to_ascii_uppercase();
    const RESERVED: [&str; 22] = [
        "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
        "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];
    if RESERVED.contains(&stem.as_str()) {
        name.insert(0, '_');
    }
    name.chars().take(120).collect()
}

/// Writes the project's documents as `options` says to `out`.
pub fn export(
    ws: &Workspace,
    out: &Path,
    options: &ExportOptions,
) -> Result<ExportReport, ExportError> {
    let known = ws.store.annotators()?;
    if let LayerFilter::Only(names) = &options.layers {
        for name in names {
            if !known.contains(name) {
                return Err(ExportError::NoLayer {
                    name: name.clone(),
                    known: known.clone(),
                });
            }
        }
    }
    options.format.0.check_schema(ws.schema())?;
    let (plan, left_out) = plan(ws, options)?;
    let layers: Vec<String> = known
        .into_iter()
        .filter(|l| options.layers.admits(l))
        .collect();
    let folder_output = options.format.writes_folder() || options.split.is_some();
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export")
        .to_string();
    let card = (!folder_output).then(|| out.with_file_name(format!("{name}.README.md")));
    target::check_out(out, folder_output, card.as_deref(), options.force)?;

    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(werr(parent))?;
    let staging = target::fresh_sibling(out, "partial");
    std::fs::create_dir(&staging).map_err(werr(&staging))?;
    let result =
        write_all(ws, &staging, &name, &plan, &layers, options, left_out).and_then(|report| {
            match &card {
                None => replace_folder(&staging, out)?,
                Some(card) => place_single_file(&staging, &name, out, card)?,
            }
            Ok(report)
        });
    // The staging folder is ours (a fresh name); whatever is left of it goes, on success and
    // on failure alike. Failing to remove it changes nothing the user has.
    if staging.exists() {
        std::fs::remove_dir_all(&staging).ok();
    }
    result
}

/// Moves a finished single-file export out of `staging`: the file to `out`, the data card to
/// `card`, and the files that go with it (Label Studio's labelling config) beside `out`. A
/// file already there is replaced only when the earlier data card vouches for it.
fn place_single_file(
    staging: &Path,
    name: &str,
    out: &Path,
    card: &Path,
) -> Result<(), ExportError> {
    let beside = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut extras = Vec::new();
    for entry in std::fs::read_dir(staging).map_err(werr(staging))? {
        let file = entry.map_err(werr(staging))?.file_name();
        if file != name && file != "README.md" {
            extras.push((staging.join(&file), beside.join(&file)));
        }
    }
    for (_, to) in &extras {
        target::check_beside(to, card)?;
    }
    std::fs::rename(staging.join(name), out).map_err(werr(out))?;
    for (from, to) in &extras {
        std::fs::rename(from, to).map_err(werr(to))?;
    }
    std::fs::rename(staging.join("README.md"), card).map_err(werr(card))
}

/// Moves the finished folder `staging` to `out`, replacing what [`target::check_out`] allowed
/// there (an earlier export, an empty folder, a file named with `--force`). When the move
/// fails, the earlier content is put back.
fn replace_folder(staging: &Path, out: &Path) -> Result<(), ExportError> {
    if std::fs::symlink_metadata(out).is_err() {
        return std::fs::rename(staging, out).map_err(werr(out));
    }
    let old = target::fresh_sibling(out, "old");
    std::fs::rename(out, &old).map_err(werr(out))?;
    if let Err(e) = std::fs::rename(staging, out) {
        std::fs::rename(&old, out).ok();
        return Err(werr(out)(e));
    }
    let removed = if old.is_dir() {
        std::fs::remove_dir_all(&old)
    } else {
        std::fs::remove_file(&old)
    };
    removed.map_err(werr(&old))
}

/// The status documents must have to be exported: the one asked for; for the `gold` layer
/// alone, `adjudicated` unless `--status any`; else any.
pub fn effective_status(options: &ExportOptions) -> Option<DocStatus> {
    if options.any_status {
        return None;
    }
    let gold_only = matches!(&options.layers, LayerFilter::Only(l)
        if l.len() == 1 && l[0] == crate::model::layer::GOLD);
    options
        .status
        .or(gold_only.then_some(DocStatus::Adjudicated))
}

/// Where a part goes inside `staging`: the output file itself, the folder (brat), or one
/// file or folder per part of a split.
fn part_target(
    staging: &Path,
    name: &str,
    part: &str,
    exporter: &dyn Exporter,
    folder_output: bool,
) -> PathBuf {
    if !folder_output {
        staging.join(name)
    } else if exporter.writes_folder() {
        if part.is_empty() {
            staging.to_path_buf()
        } else {
            staging.join(part)
        }
    } else {
        staging.join(format!("{part}.{}", exporter.extension()))
    }
}

/// Counts a written record in the report and in the per-layer, per-label table.
fn tally(
    report: &mut ExportReport,
    counts: &mut BTreeMap<(String, String), usize>,
    r: &crate::model::DocumentRecord,
) {
    report.documents += 1;
    report.annotations += r.annotations.len();
    report.relations += r.relations.len();
    for a in &r.annotations {
        *counts
            .entry((a.annotator.clone(), a.label.clone()))
            .or_default() += 1;
        if a.origin.is_accepted() {
            *report
                .from_suggestions
                .entry(a.annotator.clone())
                .or_default() += 1;
        }
    }
}

/// Each part's name and its documents' ids, in the order they are written.
type Plan = Vec<(String, Vec<String>)>;

/// The documents of each part (one unnamed part without a split), and how many documents
/// the status left out. Only ids and hashes are read here; the records come one at a time
/// while writing.
fn plan(ws: &Workspace, options: &ExportOptions) -> Result<(Plan, usize), ExportError> {
    let status = effective_status(options);
    let mut entries = Vec::new();
    let mut left_out = 0;
    for (id, sha256) in ws.store.document_digests()? {
        let admitted = match status {
            None => true,
            Some(wanted) => ws
                .store
                .statuses(&id)?
                .iter()
                .any(|(layer, s)| options.layers.admits(layer) && *s == wanted),
        };
        if admitted {
            entries.push(split::Entry { id, sha256 });
        } else {
            left_out += 1;
        }
    }
    let parts = match &options.split {
        Some(parts) => split::split_entries(entries, parts, options.seed),
        None => vec![(String::new(), entries.into_iter().map(|e| e.id).collect())],
    };
    Ok((parts, left_out))
}

/// Writes every part, the format's extra files and the data card into `staging`, reading
/// one document at a time.
fn write_all(
    ws: &Workspace,
    staging: &Path,
    name: &str,
    plan: &[(String, Vec<String>)],
    layers: &[String],
    options: &ExportOptions,
    left_out: usize,
) -> Result<ExportReport, ExportError> {
    let exporter = options.format.0;
    let folder_output = exporter.writes_folder() || options.split.is_some();
    let unit = options.format.unit(options.offsets);
    let mut report = ExportReport {
        left_out,
        ..ExportReport::default()
    };
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let compared = card::compared_layers(layers);
    let labels: Vec<String> = ws.schema().labels.iter().map(|l| l.name.clone()).collect();
    let mut agreement = crate::agreement::Summary::new(&compared, &labels);
    let mut out = Output {
        files: Files {
            staging: staging.to_path_buf(),
            hashes: Vec::new(),
        },
        warnings: Vec::new(),
    };
    for (part, ids) in plan {
        let target = part_target(staging, name, part, exporter, folder_output);
        let part = Part {
            target: &target,
            layers,
            unit,
            schema: ws.schema(),
        };
        let mut writer = exporter.start_part(&part, &mut out)?;
        for id in ids {
            let r = ws.store.record(id, &options.layers)?;
            tally(&mut report, &mut counts, &r);
            if compared.len() >= 2 {
                agreement.add(&r);
            }
            writer.record(&r, &mut out)?;
        }
        writer.finish(&mut out)?;
    }
    exporter.write_extras(ws.schema(), staging, name, folder_output, &mut out)?;
    out.files.hashes.sort();
    report.files = out.files.hashes;
    report.warnings = out.warnings;
    let parts: Vec<(String, usize)> = plan.iter().map(|(n, ids)| (n.clone(), ids.len())).collect();
    let card = card::Card {
        project: &ws.project.name,
        schema: ws.schema(),
        exporter,
        layers,
        options,
        unit,
        parts: &parts,
        counts: &counts,
        agreement: (compared.len() >= 2).then(|| (compared.as_slice(), agreement.finish())),
        report: &report,
    }
    .write();
    let path = staging.join("README.md");
    std::fs::write(&path, card).map_err(werr(&path))?;
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostile_ids_make_safe_names() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("/abs/path"), "_abs_path");
        assert_eq!(safe_file_name(".hidden"), "hidden");
        assert_eq!(safe_file_name("CON"), "_CON");
        assert_eq!(safe_file_name("nul.txt"), "_nul.txt");
        assert_eq!(safe_file_name(""), "document");
        assert_eq!(safe_file_name("Über uns"), "Über_uns");
    }

    #[test]
    fn every_format_has_a_unique_name() {
        let names: Vec<&str> = ExportFormat::all().map(ExportFormat::name).collect();
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len(), "{names:?}");
        assert_eq!(
            ExportFormat::named("label-studio"),
            Some(ExportFormat::LABEL_STUDIO)
        );
    }
}
