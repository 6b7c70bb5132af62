//! `spanbench import`: files and folders into a project, all or nothing.
//!
//! First every file is read, decoded, parsed and checked against the schema; only when all of
//! them pass is anything written, in one transaction.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::formats::ImportFormat;
use crate::formats::{jsonl, text};
use crate::model::{DocumentRecord, Schema, SchemaGaps};
use crate::store::{ImportReport, StoreError};
use crate::workspace::Workspace;

mod files;

use files::{collect_files, read_limited};

/// How to import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ImportOptions {
    /// The format, or `Auto` to go by extension.
    pub format: ImportFormat,
    /// The annotator for annotations that name none.
    pub annotator: Option<String>,
    /// Import the good files and report the bad ones, instead of importing nothing.
    pub skip_bad_files: bool,
    /// Labels to rename on the way in (`person` → `speaker`).
    pub label_map: Vec<(String, String)>,
    /// Add labels, attributes, values and relation types the schema lacks to `project.ron`,
    /// instead of refusing the import.
    pub extend_schema: bool,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions {
            format: ImportFormat::Auto,
            annotator: None,
            skip_bad_files: false,
            label_map: Vec::new(),
            extend_schema: false,
        }
    }
}

/// What an import did, for the report.
#[derive(Clone, Debug, Default)]
pub struct ImportOutcome {
    /// Files read.
    pub files: usize,
    /// What the store changed.
    pub report: ImportReport,
    /// Things worth telling: encodings guessed, files skipped.
    pub notes: Vec<String>,
    /// What `--extend-schema` added to the schema, a line each.
    pub schema_added: Vec<String>,
    /// Where the `project.ron` from before the additions was kept.
    pub schema_backup: Option<PathBuf>,
}

/// Progress of an import, for a progress bar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ImportProgress {
    /// Reading and checking file `done` of `total`.
    Reading {
        /// Files read.
        done: usize,
        /// Files in all.
        total: usize,
    },
    /// Writing document `done` of `total`.
    Writing {
        /// Documents written.
        done: usize,
        /// Documents in all.
        total: usize,
    },
}

/// Why an import imported nothing.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// A file, or a line of it, is bad.
    #[error("{}{}: {message}", path.display(), line.map(|l| format!(":{l}")).unwrap_or_default())]
    File {
        /// The file.
        path: PathBuf,
        /// 1-based line, for line formats.
        line: Option<usize>,
        /// What is wrong, and what to do.
        message: String,
    },
    /// A colleague's project to merge cannot be opened (the message names the folder).
    #[error("{0}")]
    Colleague(String),
    /// Nothing importable was found.
    #[error("{0}")]
    NothingToImport(String),
    /// The files use labels, attributes, values or relation types the schema lacks (a line
    /// each).
    #[error(
        "the files use what this project's schema does not have:\n  {}\nadd them to project.ron with --extend-schema, or rename labels with --map-label OLD=NEW",
        .0.join("\n  ")
    )]
    NotInSchema(Vec<String>),
    /// `project.ron` could not be written or restored.
    #[error(transparent)]
    Project(#[from] crate::project::ProjectError),
    /// The store refused the records.
    #[error("{0}")]
    Store(#[from] StoreError),
}

fn file_error(path: &Path, line: Option<usize>, message: impl Into<String>) -> ImportError {
    ImportError::File {
        path: path.to_path_buf(),
        line,
        message: message.into(),
    }
}

/// Imports `paths` (files or folders, searched recursively) into the workspace.
pub fn import_paths(
    ws: &mut Workspace,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
) -> Result<ImportOutcome, ImportError> {
    import_paths_cancellable(ws, paths, options, progress, &|| false)
}

/// As [`import_paths`]; stops, having imported nothing, once `cancelled` says so (asked
/// between files and while writing).
pub fn import_paths_cancellable(
    ws: &mut Workspace,
    paths: &[PathBuf],
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancelled: &dyn Fn() -> bool,
) -> Result<ImportOutcome, ImportError> {
    let mut outcome = ImportOutcome::default();
    let files = collect_files(paths, options.format, &mut outcome.notes)?;
    let (records, read) = read_all(ws, &files, options, progress, cancelled, &mut outcome.notes)?;
    let gaps = schema_gaps(ws.schema(), &records, options)?;
    let schema = gaps.extend(ws.schema());
    let limit = ws.project.settings.max_import_bytes;
    let mut good = Vec::with_capacity(records.len());
    let mut records = records.into_iter();
    for (path, format, count) in read {
        let mut chunk: Vec<_> = records.by_ref().take(count).collect();
        match validate_from(&mut chunk, path, format, &schema, limit) {
            Ok(()) => {
                outcome.files += 1;
                good.extend(chunk.into_iter().map(|(r, _)| r));
            }
            Err(e) if options.skip_bad_files => outcome.notes.push(format!("skipped {e}")),
            Err(e) => return Err(e),
        }
    }
    if good.is_empty() {
        return Err(ImportError::NothingToImport(
            "no document could be imported; nothing was changed".into(),
        ));
    }
    if !gaps.is_empty()
        && let Ok(Some(hub)) = ws.store.sync_value("hub")
    {
        return Err(ImportError::NothingToImport(format!(
            "this project is a working copy of a hub, whose schema belongs to the hub; a curator extends it with `spanbench hub extend-schema {hub} FILE.ron` and the next sync brings it here; nothing was imported"
        )));
    }
    let earlier = (!gaps.is_empty())
        .then(|| ws.extend_schema(schema))
        .transpose()?;
    let written = ws.store.import_records_cancellable(
        &good,
        &mut |done, total| progress(ImportProgress::Writing { done, total }),
        cancelled,
    );
    match (written, earlier) {
        (Ok(report), earlier) => {
            outcome.report = report;
            outcome.schema_added = gaps.describe();
            outcome.schema_backup = earlier.map(|e| e.backup);
        }
        (Err(e), Some(earlier)) => {
            // The database is as it was: so is the schema.
            let backup = earlier.backup.clone();
            if let Err(r) = ws.restore_schema(earlier) {
                return Err(ImportError::NothingToImport(format!(
                    "{e}; nothing was imported, but project.ron could not be put back as it was ({r}); the earlier file is {}",
                    backup.display()
                )));
            }
            return Err(e.into());
        }
        (Err(e), None) => return Err(e.into()),
    }
    ws.forget_history();
    Ok(outcome)
}

/// Records read from every file (each with its line), labels renamed and brat names
/// restored; and each file read, with its format and how many records it gave.
type ReadFiles<'a> = (
    Vec<(DocumentRecord, usize)>,
    Vec<(&'a Path, ImportFormat, usize)>,
);

/// Reads every file (a bad one skipped with a note when `skip_bad_files` asks for it).
fn read_all<'a>(
    ws: &Workspace,
    files: &'a [(PathBuf, ImportFormat)],
    options: &ImportOptions,
    progress: &mut dyn FnMut(ImportProgress),
    cancelled: &dyn Fn() -> bool,
    notes: &mut Vec<String>,
) -> Result<ReadFiles<'a>, ImportError> {
    let (mut records, mut read) = (Vec::new(), Vec::new());
    // brat documents by (text, layer): two files of one text cannot fill one layer.
    let mut brat_layers: HashMap<(String, String), &Path> = HashMap::new();
    let limit = ws.project.settings.max_import_bytes;
    for (n, (path, format)) in files.iter().enumerate() {
        if cancelled() {
            return Err(ImportError::Store(StoreError::Cancelled));
        }
        let total = files.len();
        progress(ImportProgress::Reading { done: n, total });
        let before = records.len();
        match read_file(path, *format, limit, options, &mut records, notes) {
            Ok(()) => {
                rename_labels(&mut records[before..], &options.label_map);
                if *format == ImportFormat::Brat {
                    for (record, _) in &mut records[before..] {
                        crate::formats::brat::restore_names(record, ws.schema());
                        check_brat_layer(record, path, &mut brat_layers)?;
                    }
                }
                read.push((path.as_path(), *format, records.len() - before));
            }
            Err(e) if options.skip_bad_files => {
                records.truncate(before);
                notes.push(format!("skipped {e}"));
            }
            Err(e) => return Err(e),
        }
    }
    progress(ImportProgress::Reading {
        done: files.len(),
        total: files.len(),
    });
    Ok((records, read))
}

/// Refuses a second brat file with the same text for the same layer (a multi-layer export
/// imported with `--annotator`), naming both files and the way out.
fn check_brat_layer<'a>(
    record: &DocumentRecord,
    path: &'a Path,
    seen: &mut HashMap<(String, String), &'a Path>,
) -> Result<(), ImportError> {
    let Some(layer) = record.annotations.first().map(|a| a.annotator.clone()) else {
        return Ok(());
    };
    match seen.insert((record.document.sha256.clone(), layer.clone()), path) {
        Some(first) => Err(file_error(
            path,
            None,
            format!(
                "it holds the same text as {} and both would fill the layer '{layer}'; import a multi-layer brat export without --annotator (each layer folder becomes its layer), or one folder at a time",
                first.display()
            ),
        )),
        None => Ok(()),
    }
}

/// Renames labels as `--map-label` asks.
fn rename_labels(records: &mut [(DocumentRecord, usize)], label_map: &[(String, String)]) {
    for (record, _) in records {
        for ann in &mut record.annotations {
            if let Some((_, new)) = label_map.iter().find(|(old, _)| *old == ann.label) {
                ann.label = new.clone();
            }
        }
    }
}

/// What the records use that `schema` lacks: to be added with `--extend-schema`, else one
/// error naming all of it (unless bad files are skipped, one by one, instead).
fn schema_gaps(
    schema: &Schema,
    records: &[(DocumentRecord, usize)],
    options: &ImportOptions,
) -> Result<SchemaGaps, ImportError> {
    let mut gaps = SchemaGaps::default();
    for (record, _) in records {
        gaps.add_record(schema, record);
    }
    if gaps.is_empty() || options.extend_schema {
        return Ok(gaps);
    }
    if options.skip_bad_files {
        return Ok(SchemaGaps::default());
    }
    Err(ImportError::NotInSchema(gaps.describe()))
}

fn validate_from(
    records: &mut [(DocumentRecord, usize)],
    path: &Path,
    format: ImportFormat,
    schema: &Schema,
    limit: u64,
) -> Result<(), ImportError> {
    for (record, line) in records.iter_mut() {
        let line = matches!(format, ImportFormat::Jsonl | ImportFormat::Doccano).then_some(*line);
        // The per-document limit holds for documents inside JSONL and JSON files too.
        let size = record.document.text.len() as u64;
        if size > limit {
            return Err(file_error(
                path,
                line,
                format!(
                    "document '{}' has {size} bytes of text, more than this project's limit of {limit}; raise max_import_bytes in project.ron to import it",
                    record.document.id
                ),
            ));
        }
        record
            .validate(schema)
            .map_err(|m| file_error(path, line, m.to_string()))?;
    }
    Ok(())
}

/// Reads one file into records, each with its line number (1 for whole-file formats).
fn read_file(
    path: &Path,
    format: ImportFormat,
    limit: u64,
    options: &ImportOptions,
    records: &mut Vec<(DocumentRecord, usize)>,
    notes: &mut Vec<String>,
) -> Result<(), ImportError> {
    let bytes = read_limited(path, files::file_limit(format, limit))?;
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("document");
    let source = path.file_name().and_then(|s| s.to_str()).unwrap_or(stem);
    match format {
        ImportFormat::Txt | ImportFormat::Md => {
            let record = read_text(path, &bytes, format, limit, (stem, source), notes)?;
            records.push((record, 1));
        }
        ImportFormat::Brat => {
            records.push((read_brat(path, limit, options, (stem, source), notes)?, 1));
        }
        ImportFormat::LabelStudio => {
            let json = String::from_utf8(bytes)
                .map_err(|_| file_error(path, None, "the file is not UTF-8 JSON"))?;
            let tasks = crate::formats::label_studio::read_tasks(
                &json,
                &text::id_from_file_name(stem),
                options.annotator.as_deref(),
            )
            .map_err(|m| file_error(path, None, m.to_string()))?;
            notes.extend(
                tasks
                    .notes
                    .iter()
                    .map(|n| format!("{}: {n}", path.display())),
            );
            records.extend(tasks.records.into_iter().map(|r| (r, 1)));
        }
        ImportFormat::Doccano | ImportFormat::Jsonl | ImportFormat::Auto => {
            read_lines(path, &bytes, format, stem, options, records)?;
        }
    }
    Ok(())
}

/// A plain text or Markdown file as one document (decoded from a guessed encoding when it is
/// not UTF-8, with a note saying so), named after the file's stem and name.
fn read_text(
    path: &Path,
    bytes: &[u8],
    format: ImportFormat,
    limit: u64,
    (stem, source): (&str, &str),
    notes: &mut Vec<String>,
) -> Result<DocumentRecord, ImportError> {
    let decoded = text::decode(bytes, limit).map_err(|e| file_error(path, None, e.to_string()))?;
    if decoded.guessed {
        notes.push(format!(
            "{}: not UTF-8; decoded as {} (guessed)",
            path.display(),
            decoded.encoding
        ));
    }
    let name = if format == ImportFormat::Md {
        "md"
    } else {
        "txt"
    };
    Ok(text::record_from_text(
        &text::id_from_file_name(stem),
        source,
        name,
        decoded,
    ))
}

/// A brat `.txt` with its `.ann` beside it, as one document.
fn read_brat(
    path: &Path,
    limit: u64,
    options: &ImportOptions,
    (stem, source): (&str, &str),
    notes: &mut Vec<String>,
) -> Result<DocumentRecord, ImportError> {
    let txt_path = path.with_extension("txt");
    let ann_path = path.with_extension("ann");
    let txt = read_limited(&txt_path, limit)?;
    let text = String::from_utf8(txt)
        .map_err(|_| file_error(&txt_path, None, "a brat .txt must be UTF-8"))?;
    let ann = read_limited(&ann_path, files::file_limit(ImportFormat::Jsonl, limit))
        .and_then(|b| {
            String::from_utf8(b)
                .map_err(|_| file_error(&ann_path, None, "a brat .ann must be UTF-8"))
        })
        .map_err(|e| match e {
            ImportError::File { message, .. } if message.starts_with("cannot read") => file_error(
                &ann_path,
                None,
                format!("{message} (brat needs the .ann beside the .txt)"),
            ),
            other => other,
        })?;
    let layer = options
        .annotator
        .clone()
        .or_else(|| layer_folder(path))
        .unwrap_or_else(|| "brat".into());
    let read = crate::formats::brat::read_ann(&ann, &layer)
        .map_err(|(line, m)| file_error(&ann_path, Some(line), m.to_string()))?;
    notes.extend(
        read.not_kept
            .iter()
            .map(|n| format!("{}: {n}", ann_path.display())),
    );
    let title = crate::model::document::title_from_text(&text).unwrap_or_else(|| stem.to_string());
    let mut meta = serde_json::Map::new();
    meta.insert(
        "source".into(),
        serde_json::Value::String(source.to_string()),
    );
    meta.insert("format".into(), serde_json::Value::String("brat".into()));
    let doc = crate::model::Document::new(text::id_from_file_name(stem), title, text, meta);
    let mut record = DocumentRecord::bare(doc, false);
    record.annotations = read.annotations;
    record.relations = read.relations;
    Ok(record)
}

/// The layer a brat file belongs to when it lies in a layer folder of a spanbench brat export
/// (a folder without `annotation.conf` inside one with it, as `export --format brat` writes
/// several layers): the folder's name.
fn layer_folder(path: &Path) -> Option<String> {
    let folder = path.parent()?;
    let root = folder.parent()?;
    let conf = "annotation.conf";
    if folder.join(conf).is_file() || !root.join(conf).is_file() {
        return None;
    }
    let name = folder.file_name()?.to_str()?;
    crate::model::layer::validate_annotator_name(name).ok()?;
    Some(name.to_string())
}

/// A native or doccano JSONL file: one record per non-empty line, numbered from 1.
fn read_lines(
    path: &Path,
    bytes: &[u8],
    format: ImportFormat,
    stem: &str,
    options: &ImportOptions,
    records: &mut Vec<(DocumentRecord, usize)>,
) -> Result<(), ImportError> {
    if bytes.contains(&0) {
        return Err(file_error(
            path,
            None,
            "the file looks binary (it has NUL bytes), not like JSON lines",
        ));
    }
    let base = text::id_from_file_name(stem);
    let mut count = 0;
    for (n, line) in bytes.split(|&b| b == b'\n').enumerate() {
        let number = n + 1;
        let line = std::str::from_utf8(line).map_err(|e| {
            file_error(
                path,
                Some(number),
                format!(
                    "the line is not UTF-8 (byte {} of the line)",
                    e.valid_up_to()
                ),
            )
        })?;
        if line.trim().is_empty() {
            continue;
        }
        let fallback = format!("{base}-{number}");
        let record = if format == ImportFormat::Doccano {
            crate::formats::doccano::read_line(line, &fallback, options.annotator.as_deref())
        } else {
            jsonl::parse_line(line, &fallback, options.annotator.as_deref())
        }
        .map_err(|m| file_error(path, Some(number), m.to_string()))?;
        records.push((record, number));
        count += 1;
    }
    if count == 0 {
        return Err(file_error(
            path,
            None,
            "the file has no records (it is empty)",
        ));
    }
    Ok(())
}

/// What `merge` brought in.
#[derive(Clone, Debug, Default)]
pub struct MergeOutcome {
    /// Projects read.
    pub projects: usize,
    /// What the store changed.
    pub report: ImportReport,
}

/// Brings every layer of the projects in `others` into `ws`, documents matched by the SHA-256
/// of their text. All or nothing: a layer that exists in both with different content for the
/// same annotation stops the merge with a sentence naming the document and annotation.
pub fn merge_projects(ws: &mut Workspace, others: &[PathBuf]) -> Result<MergeOutcome, ImportError> {
    let mut records = Vec::new();
    for dir in others {
        // A colleague's project is only read, never written (not even upgraded).
        let other =
            Workspace::open_read_only(dir).map_err(|e| ImportError::Colleague(e.to_string()))?;
        other
            .store
            .for_each_record(&crate::store::LayerFilter::All, |mut r| {
                r.validate(ws.schema()).map_err(|m| {
                    StoreError::Rejected(format!("document '{}': {m}", r.document.id))
                })?;
                // Same text is matched by hash; another text under a taken id gets a suffix.
                r.id_given = false;
                records.push(r);
                Ok::<_, StoreError>(())
            })
            .map_err(|e| file_error(dir, None, e.to_string()))?;
    }
    let report = ws
        .store
        .import_records(&records, &mut |_, _| {})
        .map_err(|e| match e {
            StoreError::Rejected(m) => {
                ImportError::NothingToImport(format!("{m}; nothing was merged"))
            }
            other => ImportError::Store(other),
        })?;
    ws.forget_history();
    Ok(MergeOutcome {
        projects: others.len(),
        report,
    })
}
