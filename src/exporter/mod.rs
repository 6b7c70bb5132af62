//! `spanbench export`: datasets in every format, written to a temporary place and moved into
//! `--out` only when complete, with a data card (`README.md`) that says what is inside.
//!
//! Single-file formats write `--out` itself (and `<out>.README.md` beside it); brat, and any
//! export with `--split`, write a folder.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::formats::{brat, conll, csv as csv_rows, doccano, jsonl, label_studio, spacy};
use crate::model::{Annotation, DocStatus, DocumentRecord, OffsetUnit, Relation};
use crate::store::{LayerFilter, StoreError};
use crate::workspace::Workspace;

mod target;

/// A format `export` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExportFormat {
    /// Native JSONL.
    Jsonl,
    /// brat standoff (folder).
    Brat,
    /// CoNLL, IOB2, one column per label.
    Conll,
    /// doccano JSONL.
    Doccano,
    /// Label Studio tasks JSON.
    LabelStudio,
    /// One CSV row per annotation.
    Csv,
    /// spaCy DocBin (`.spacy`).
    Spacy,
}

impl ExportFormat {
    /// The name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            ExportFormat::Jsonl => "jsonl",
            ExportFormat::Brat => "brat",
            ExportFormat::Conll => "conll",
            ExportFormat::Doccano => "doccano",
            ExportFormat::LabelStudio => "label-studio",
            ExportFormat::Csv => "csv",
            ExportFormat::Spacy => "spacy",
        }
    }

    fn extension(self) -> &'static str {
        match self {
            ExportFormat::Jsonl | ExportFormat::Doccano => "jsonl",
            ExportFormat::Brat => "",
            ExportFormat::Conll => "conll",
            ExportFormat::LabelStudio => "json",
            ExportFormat::Csv => "csv",
            ExportFormat::Spacy => "spacy",
        }
    }

    /// The offset unit used when none is asked for: UTF-16 for Label Studio (JavaScript),
    /// code points elsewhere.
    pub fn default_unit(self) -> OffsetUnit {
        if self == ExportFormat::LabelStudio {
            OffsetUnit::Utf16
        } else {
            OffsetUnit::Codepoint
        }
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
    /// Only documents that a chosen layer has at this status.
    pub status: Option<DocStatus>,
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
    /// The options do not fit the project.
    #[error("{0}")]
    Invalid(String),
    /// Reading the project failed.
    #[error(transparent)]
    Store(#[from] StoreError),
}

fn werr(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the files of an export and keeps the SHA-256 of each for the data card, computed
/// from the bytes written rather than by reading the files back.
struct Files {
    staging: PathBuf,
    hashes: Vec<(String, String)>,
}

impl Files {
    fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        std::fs::write(path, bytes).map_err(werr(path))?;
        self.hashes.push(file_entry(&self.staging, path, bytes));
        Ok(())
    }

    /// Writes many files from several threads: creating thousands of small files is bound by
    /// the disk's latency, not by the processor.
    fn write_many(&mut self, files: Vec<(PathBuf, Vec<u8>)>) -> Result<(), ExportError> {
        const THREADS: usize = 4;
        let chunk = files.len().div_ceil(THREADS).max(1);
        let results: Vec<Result<Vec<(String, String)>, ExportError>> =
            std::thread::scope(|scope| {
                let handles: Vec<_> = files
                    .chunks(chunk)
                    .map(|part| {
                        let staging = &self.staging;
                        scope.spawn(move || {
                            let mut hashes = Vec::with_capacity(part.len());
                            for (path, bytes) in part {
                                std::fs::write(path, bytes).map_err(werr(path))?;
                                hashes.push(file_entry(staging, path, bytes));
                            }
                            Ok(hashes)
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| {
                        h.join().unwrap_or_else(|_| {
                            Err(ExportError::Invalid("a writer thread failed".into()))
                        })
                    })
                    .collect()
            });
        for r in results {
            self.hashes.extend(r?);
        }
        Ok(())
    }
}

/// A written file's path relative to the staging folder (with `/`) and its SHA-256.
fn file_entry(staging: &Path, path: &Path, bytes: &[u8]) -> (String, String) {
    let rel = path
        .strip_prefix(staging)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/");
    (rel, hex::encode(Sha256::digest(bytes)))
}

/// Parses `train=0.8,dev=0.1,test=0.1`.
pub fn parse_split(s: &str) -> Result<Vec<(String, f64)>, String> {
    let mut parts = Vec::new();
    for item in s.split(',') {
        let (name, share) = item
            .split_once('=')
            .ok_or_else(|| format!("'{item}' is not NAME=SHARE"))?;
        let share: f64 = share
            .trim()
            .parse()
            .map_err(|_| format!("'{share}' is not a number"))?;
        let name = safe_file_name(name.trim());
        if !(0.0..=1.0).contains(&share) {
            return Err(format!("the share of {name} must be between 0 and 1"));
        }
        parts.push((name, share));
    }
    let total: f64 = parts.iter().map(|p| p.1).sum();
    if (total - 1.0).abs() > 1e-6 {
        return Err(format!("the shares add up to {total}, not 1"));
    }
    Ok(parts)
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
                let list = if known.is_empty() {
                    "none yet".to_string()
                } else {
                    known.join(", ")
                };
                return Err(ExportError::Invalid(format!(
                    "the project has no layer '{name}' (layers: {list})"
                )));
            }
        }
    }
    let mut records = Vec::new();
    ws.store.for_each_record(&options.layers, |r| {
        let keep = options
            .status
            .is_none_or(|s| r.status.values().any(|&v| v == s));
        if keep {
            records.push(r);
        }
        Ok::<_, StoreError>(())
    })?;
    let layers: Vec<String> = known
        .into_iter()
        .filter(|l| options.layers.admits(l))
        .collect();
    let folder_output = options.format == ExportFormat::Brat || options.split.is_some();
    let name = out
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("export")
        .to_string();
    let card = (!folder_output).then(|| out.with_file_name(format!("{name}.README.md")));
    target::check_out(out, folder_output, card.as_deref(), options.force)
        .map_err(ExportError::Invalid)?;

    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(werr(parent))?;
    let staging = target::fresh_sibling(out, "partial");
    std::fs::create_dir(&staging).map_err(werr(&staging))?;
    let result = write_all(
        ws,
        &staging,
        &name,
        &records,
        &layers,
        options,
        folder_output,
    )
    .and_then(|report| {
        match &card {
            None => replace_folder(&staging, out)?,
            Some(card) => {
                std::fs::rename(staging.join(&name), out).map_err(werr(out))?;
                std::fs::rename(staging.join("README.md"), card).map_err(werr(card))?;
            }
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

/// Which part each record goes to: by a hash of seed and text, so the same project and seed
/// always give the same split, whatever order documents were imported in.
fn split_records<'a>(
    records: &'a [DocumentRecord],
    parts: &[(String, f64)],
    seed: u64,
) -> Vec<(String, Vec<&'a DocumentRecord>)> {
    let mut keyed: Vec<([u8; 32], &DocumentRecord)> = records
        .iter()
        .map(|r| {
            let mut h = Sha256::new();
            h.update(seed.to_le_bytes());
            h.update(r.document.sha256.as_bytes());
            (h.finalize().into(), r)
        })
        .collect();
    keyed.sort_by_key(|k| k.0);
    let n = keyed.len();
    let mut out = Vec::new();
    let mut taken = 0usize;
    let mut cumulative = 0.0;
    for (i, (name, share)) in parts.iter().enumerate() {
        cumulative += share;
        let until = if i + 1 == parts.len() {
            n
        } else {
            ((cumulative * n as f64).round() as usize).min(n)
        };
        let mut chosen: Vec<&DocumentRecord> = keyed[taken..until.max(taken)]
            .iter()
            .map(|(_, r)| *r)
            .collect();
        chosen.sort_by(|a, b| a.document.id.cmp(&b.document.id));
        taken = until.max(taken);
        out.push((name.clone(), chosen));
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn write_all(
    ws: &Workspace,
    staging: &Path,
    name: &str,
    records: &[DocumentRecord],
    layers: &[String],
    options: &ExportOptions,
    folder_output: bool,
) -> Result<ExportReport, ExportError> {
    let mut report = ExportReport::default();
    let unit = match options.format {
        ExportFormat::Brat | ExportFormat::Conll | ExportFormat::Spacy => OffsetUnit::Codepoint,
        f => options.offsets.unwrap_or(f.default_unit()),
    };
    let parts: Vec<(String, Vec<&DocumentRecord>)> = match &options.split {
        Some(parts) => split_records(records, parts, options.seed),
        None => vec![(String::new(), records.iter().collect())],
    };
    let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut files = Files {
        staging: staging.to_path_buf(),
        hashes: Vec::new(),
    };
    for (part, recs) in &parts {
        let target = if !folder_output {
            staging.join(name)
        } else if options.format == ExportFormat::Brat {
            if part.is_empty() {
                staging.to_path_buf()
            } else {
                staging.join(part)
            }
        } else {
            staging.join(format!("{part}.{}", options.format.extension()))
        };
        write_part(
            ws,
            &target,
            recs,
            layers,
            options.format,
            unit,
            &mut report,
            &mut files,
        )?;
        for r in recs.iter() {
            for a in &r.annotations {
                *counts
                    .entry((a.annotator.clone(), a.label.clone()))
                    .or_default() += 1;
            }
        }
    }
    if options.format == ExportFormat::Brat {
        let conf = [
            ("annotation.conf", brat::annotation_conf(ws.schema())),
            ("visual.conf", brat::visual_conf(ws.schema())),
        ];
        for (file, text) in conf {
            files.write(&staging.join(file), text.as_bytes())?;
        }
    }
    if options.format == ExportFormat::LabelStudio {
        let path = if folder_output {
            staging.join("labeling-config.xml")
        } else {
            staging.join(format!("{name}.labeling-config.xml"))
        };
        files.write(&path, label_studio::labeling_config(ws.schema()).as_bytes())?;
    }
    files.hashes.sort();
    report.files = files.hashes;
    let card = data_card(ws, records, layers, options, unit, &parts, &counts, &report);
    let path = staging.join("README.md");
    std::fs::write(&path, card).map_err(werr(&path))?;
    Ok(report)
}

fn layer_view<'a>(r: &'a DocumentRecord, layer: &str) -> (Vec<&'a Annotation>, Vec<&'a Relation>) {
    (
        r.annotations
            .iter()
            .filter(|a| a.annotator == layer)
            .collect(),
        r.relations
            .iter()
            .filter(|x| x.annotator == layer)
            .collect(),
    )
}

#[allow(clippy::too_many_arguments)]
fn write_part(
    ws: &Workspace,
    target: &Path,
    records: &[&DocumentRecord],
    layers: &[String],
    format: ExportFormat,
    unit: OffsetUnit,
    report: &mut ExportReport,
    files: &mut Files,
) -> Result<(), ExportError> {
    for r in records {
        report.documents += 1;
        report.annotations += r.annotations.len();
        report.relations += r.relations.len();
    }
    let mut write_text = |path: &Path, text: &str| files.write(path, text.as_bytes());
    match format {
        ExportFormat::Jsonl => {
            let text: String = records
                .iter()
                .map(|r| jsonl::write_line(r, unit) + "\n")
                .collect();
            write_text(target, &text)?;
        }
        ExportFormat::Doccano => {
            let mut text = String::new();
            let mut n = 0;
            for r in records {
                for layer in layers {
                    let (anns, rels) = layer_view(r, layer);
                    n += 1;
                    text.push_str(&doccano::write_line(r, layer, &anns, &rels, unit, n));
                    text.push('\n');
                }
            }
            let split = records
                .iter()
                .flat_map(|r| &r.annotations)
                .filter(|a| a.fragments.len() > 1)
                .count();
            if split > 0 {
                report.warnings.push(format!(
                    "doccano: {split} discontinuous annotations became one entity per fragment"
                ));
            }
            write_text(target, &text)?;
        }
        ExportFormat::LabelStudio => {
            let tasks: Vec<serde_json::Value> = records
                .iter()
                .enumerate()
                .map(|(n, r)| {
                    let per_layer: Vec<(String, Vec<&Annotation>, Vec<&Relation>)> = layers
                        .iter()
                        .map(|l| {
                            let (a, x) = layer_view(r, l);
                            (l.clone(), a, x)
                        })
                        .collect();
                    label_studio::write_task(r, &per_layer, unit, n + 1)
                })
                .collect();
            let text = serde_json::to_string_pretty(&tasks)
                .map_err(|e| ExportError::Invalid(e.to_string()))?;
            write_text(target, &(text + "\n"))?;
        }
        ExportFormat::Csv => {
            let mut w = csv::Writer::from_writer(Vec::new());
            let to_err = |e: csv::Error| ExportError::Write {
                path: target.to_path_buf(),
                source: std::io::Error::other(e.to_string()),
            };
            w.write_record(csv_rows::HEADER).map_err(to_err)?;
            for r in records {
                let anns: Vec<&Annotation> = r.annotations.iter().collect();
                csv_rows::write_rows(&mut w, r, &anns, unit).map_err(to_err)?;
            }
            let bytes = w.into_inner().map_err(|e| ExportError::Write {
                path: target.to_path_buf(),
                source: e.into_error(),
            })?;
            write_text(target, &String::from_utf8_lossy(&bytes))?;
        }
        ExportFormat::Conll => {
            let labels: Vec<String> = ws.schema().labels.iter().map(|l| l.name.clone()).collect();
            let mut text = String::new();
            let mut conll_report = conll::ConllReport::default();
            for r in records {
                for layer in layers {
                    let (anns, _) = layer_view(r, layer);
                    text.push_str(&conll::write_document(r, &anns, &labels, &mut conll_report));
                }
            }
            if conll_report.misaligned > 0 {
                report.warnings.push(format!(
                    "conll: {} fragments start or end inside a token; the whole token was tagged",
                    conll_report.misaligned
                ));
            }
            if conll_report.split > 0 {
                report.warnings.push(format!(
                    "conll: {} discontinuous annotations became one chunk per fragment",
                    conll_report.split
                ));
            }
            write_text(target, &text)?;
        }
        ExportFormat::Spacy => {
            let mut spacy_report = spacy::SpacyReport::default();
            let mut docs = Vec::new();
            for r in records {
                for layer in layers {
                    let (anns, _) = layer_view(r, layer);
                    let user_data = vec![
                        ("spanbench_id".to_string(), r.document.id.clone()),
                        ("annotator".to_string(), layer.clone()),
                    ];
                    docs.push(spacy::make_doc(
                        &r.document.text,
                        &anns,
                        user_data,
                        &mut spacy_report,
                    ));
                }
            }
            files.write(target, &spacy::doc_bin(&docs))?;
            if spacy_report.split > 0 {
                report.warnings.push(format!(
                    "spacy: {} discontinuous annotations became one span per fragment",
                    spacy_report.split
                ));
            }
            if spacy_report.no_ents > 0 {
                report.warnings.push(format!("spacy: {} documents have overlapping spans, so only doc.spans[\"sc\"] holds them, not doc.ents", spacy_report.no_ents));
            }
            if spacy_report.unaligned > 0 {
                report.warnings.push(format!(
                    "spacy: {} fragments start or end in white space and were left out",
                    spacy_report.unaligned
                ));
            }
        }
        ExportFormat::Brat => {
            let several = layers.len() > 1;
            let mut brat_report = brat::BratReport::default();
            let mut pending: Vec<(PathBuf, Vec<u8>)> = Vec::new();
            for layer in layers {
                let dir = if several {
                    target.join(safe_file_name(layer))
                } else {
                    target.to_path_buf()
                };
                std::fs::create_dir_all(&dir).map_err(werr(&dir))?;
                let mut used = std::collections::HashSet::new();
                for r in records {
                    let mut base = safe_file_name(&r.document.id);
                    while !used.insert(base.to_lowercase()) {
                        base.push('_');
                    }
                    let (anns, rels) = layer_view(r, layer);
                    let ann = brat::write_ann(&r.document.text, &anns, &rels, &mut brat_report);
                    pending.push((
                        dir.join(format!("{base}.txt")),
                        r.document.text.clone().into_bytes(),
                    ));
                    pending.push((dir.join(format!("{base}.ann")), ann.into_bytes()));
                }
            }
            files.write_many(pending)?;
            if brat_report.cut_at_line_breaks > 0 {
                report.warnings.push(format!(
                    "brat: {} annotations crossed a line break and were cut there",
                    brat_report.cut_at_line_breaks
                ));
            }
        }
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn data_card(
    ws: &Workspace,
    records: &[DocumentRecord],
    layers: &[String],
    options: &ExportOptions,
    unit: OffsetUnit,
    parts: &[(String, Vec<&DocumentRecord>)],
    counts: &BTreeMap<(String, String), usize>,
    report: &ExportReport,
) -> String {
    let schema = ws.schema();
    let mut s = format!(
        "# {} — {} export\n\n",
        ws.project.name,
        options.format.name()
    );
    s.push_str(&format!(
        "Written by spanbench {}.\n\n",
        env!("CARGO_PKG_VERSION")
    ));
    s.push_str(&format!(
        "- documents: {}\n- layers: {}\n",
        records.len(),
        if layers.is_empty() {
            "none".into()
        } else {
            layers.join(", ")
        }
    ));
    if let Some(st) = options.status {
        s.push_str(&format!("- only documents with status: {}\n", st.name()));
    }
    s.push_str(&format!(
        "- offsets: {} ({})\n",
        unit.name(),
        match unit {
            OffsetUnit::Codepoint => "Unicode code points, what Python's str indexes",
            OffsetUnit::Utf16 => "UTF-16 code units, what JavaScript strings index",
            OffsetUnit::Utf8 => "UTF-8 bytes",
        }
    ));
    if options.format == ExportFormat::Spacy {
        s.push_str("- spaCy: one Doc per document and layer (`doc.user_data` names both); tokens are the matches of `\\w+|[^\\w\\s]`, split further at span boundaries; every fragment is in `doc.spans[\"sc\"]`, and in `doc.ents` where spans do not overlap\n");
    }
    if options.format == ExportFormat::Conll {
        s.push_str("- tokens: the matches of the Unicode-aware regex `\\w+|[^\\w\\s]`; a line break in the text ends a sentence\n");
        s.push_str("- columns: the token, then one IOB2 tag column per label, in this order:");
        for l in &schema.labels {
            s.push_str(&format!(" {}", l.name));
        }
        s.push_str(
            "\n- one `-DOCSTART-` block per document and layer, in the order of the files above\n",
        );
    }
    if !parts.is_empty() && !parts[0].0.is_empty() {
        s.push_str(&format!("- split by document, seed {}:", options.seed));
        for (name, recs) in parts {
            s.push_str(&format!(" {name} {}", recs.len()));
        }
        s.push('\n');
    }
    s.push_str("\n## Annotations per label and annotator\n\n| annotator |");
    for l in &schema.labels {
        s.push_str(&format!(" {} |", l.name));
    }
    s.push_str("\n| --- |");
    for _ in &schema.labels {
        s.push_str(" --- |");
    }
    s.push('\n');
    for layer in layers {
        s.push_str(&format!("| {layer} |"));
        for l in &schema.labels {
            s.push_str(&format!(
                " {} |",
                counts
                    .get(&(layer.clone(), l.name.clone()))
                    .copied()
                    .unwrap_or(0)
            ));
        }
        s.push('\n');
    }
    s.push_str(&format!(
        "\n{} annotations and {} relations in all.\n",
        report.annotations, report.relations
    ));
    let compared: Vec<String> = layers
        .iter()
        .filter(|l| !crate::model::layer::is_reserved_layer(l))
        .cloned()
        .collect();
    if compared.len() >= 2 {
        let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
        let agreement = crate::agreement::agreement(records, &compared, &labels);
        let fmt = |v: Option<f64>| v.map_or("—".to_string(), |x| format!("{x:.3}"));
        s.push_str(&format!(
            "\n## Agreement\n\nOn the {} documents that {} all annotated (`spanbench agree` has the details):\n\n| pair | F1 exact | F1 overlap |\n| --- | --- | --- |\n",
            agreement.documents,
            compared.join(", ")
        ));
        for p in &agreement.pairs {
            s.push_str(&format!(
                "| {} / {} | {} | {} |\n",
                p.a,
                p.b,
                fmt(p.f1_exact.micro),
                fmt(p.f1_overlap.micro)
            ));
        }
        s.push_str(&format!(
            "\nKrippendorff's unitizing alpha over all labels: {}.\n",
            fmt(agreement.alpha_u.overall)
        ));
    }
    if !report.warnings.is_empty() {
        s.push_str("\n## What this format could not keep exactly\n\n");
        for w in &report.warnings {
            s.push_str(&format!("- {w}\n"));
        }
    }
    s.push_str("\n## Schema and guidelines\n\n");
    for l in &schema.labels {
        s.push_str(&format!(
            "- **{}** ({}): {}\n",
            l.name, l.colour, l.description
        ));
        for a in &l.attributes {
            s.push_str(&format!(
                "  - attribute `{}`: {}\n",
                a.name,
                if a.values.is_empty() {
                    "free text".into()
                } else {
                    a.values.join(", ")
                }
            ));
        }
    }
    for r in &schema.relations {
        s.push_str(&format!(
            "- relation **{}**: {} → {}. {}\n",
            r.name,
            r.from.join(", "),
            r.to.join(", "),
            r.description
        ));
    }
    s.push_str("\n## Files (SHA-256)\n\n");
    for (file, hash) in &report.files {
        s.push_str(&format!("- `{file}` {hash}\n"));
    }
    s
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
    fn splits_are_parsed_and_checked() {
        assert_eq!(parse_split("train=0.8,dev=0.1,test=0.1").unwrap().len(), 3);
        assert!(
            parse_split("train=0.8,dev=0.1")
                .unwrap_err()
                .contains("add up to")
        );
        assert!(parse_split("train").is_err());
    }
}
