//! Finding and reading the files of an import without hanging or eating the machine: only
//! regular files are read (a named pipe would block, `/dev/zero` never ends), each real folder
//! is walked once (links to `.` loop), sizes are checked before reading and every read stops
//! at the limit, whatever the file claims.

use std::collections::HashSet;
use std::io::{BufRead, Read};
use std::path::{Path, PathBuf};

use super::{ImportError, file_error};
use crate::formats::ImportFormat;

/// Files that hold many documents (JSONL, doccano, Label Studio) may be this many times the
/// per-document limit.
const COLLECTION_FACTOR: u64 = 100;

/// Why a pipe, device or socket is not read.
const NOT_REGULAR: &str =
    "it is not a regular file (a pipe, device or socket); spanbench imports files only";

/// Every importable file under `paths`, sorted within each folder, with its format.
pub(super) fn collect_files(
    paths: &[PathBuf],
    format: ImportFormat,
    notes: &mut Vec<String>,
) -> Result<Vec<(PathBuf, ImportFormat)>, ImportError> {
    let mut out = Vec::new();
    let mut ignored = Vec::new();
    let mut walk = Walk {
        format,
        visited: HashSet::new(),
        out: &mut out,
        ignored: &mut ignored,
    };
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|e| file_error(path, None, format!("cannot read it: {e}")))?;
        if meta.is_dir() {
            walk.dir(path)?;
        } else if !meta.is_file() {
            return Err(file_error(path, None, NOT_REGULAR));
        } else {
            let detected = match format {
                ImportFormat::Auto => detect(path).ok_or_else(|| {
                    file_error(path, None, "cannot tell its format from the extension; name it .txt, .md or .jsonl, or pass --format")
                })?,
                other => other,
            };
            walk.out.push((path.clone(), detected));
        }
    }
    if !ignored.is_empty() {
        let shown: Vec<String> = ignored
            .iter()
            .take(5)
            .map(|p: &PathBuf| p.display().to_string())
            .collect();
        let more = if ignored.len() > 5 {
            format!(" and {} more", ignored.len() - 5)
        } else {
            String::new()
        };
        notes.push(format!(
            "left out {} files of other types: {}{more}",
            ignored.len(),
            shown.join(", ")
        ));
    }
    if out.is_empty() {
        return Err(ImportError::NothingToImport(
            "found no .txt, .md or .jsonl files to import; nothing was changed".into(),
        ));
    }
    Ok(out)
}

/// A walk through folders that enters each real folder once.
struct Walk<'a> {
    format: ImportFormat,
    visited: HashSet<PathBuf>,
    out: &'a mut Vec<(PathBuf, ImportFormat)>,
    ignored: &'a mut Vec<PathBuf>,
}

impl Walk<'_> {
    fn dir(&mut self, dir: &Path) -> Result<(), ImportError> {
        let real = dir
            .canonicalize()
            .map_err(|e| file_error(dir, None, format!("cannot list the folder: {e}")))?;
        if !self.visited.insert(real) {
            // Reached again through a link: already read.
            return Ok(());
        }
        let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(|e| file_error(dir, None, format!("cannot list the folder: {e}")))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for path in entries {
            let hidden = path
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with('.'));
            if hidden {
                continue;
            }
            // Follows links; a dangling link or a special file is left out with a note.
            let Ok(meta) = std::fs::metadata(&path) else {
                self.ignored.push(path);
                continue;
            };
            if meta.is_dir() {
                self.dir(&path)?;
            } else if !meta.is_file() || is_data_card(&path) {
                self.ignored.push(path);
            } else if path.extension().is_some_and(|e| e == "ann")
                && path.with_extension("txt").is_file()
            {
                // Read together with its .txt.
            } else if let Some(f) = detect(&path).filter(|f| {
                self.format == ImportFormat::Auto
                    || *f == self.format
                    || (self.format == ImportFormat::Brat && *f == ImportFormat::Txt)
            }) {
                let f = if self.format == ImportFormat::Brat {
                    ImportFormat::Brat
                } else {
                    f
                };
                self.out.push((path, f));
            } else {
                self.ignored.push(path);
            }
        }
        Ok(())
    }
}

/// The format of a file, from its extension and, for `.txt` and `.jsonl`, a look at it: a
/// `.txt` with an `.ann` beside it is brat; JSON lines with `entities` or `label` are doccano.
fn detect(path: &Path) -> Option<ImportFormat> {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(ImportFormat::from_extension)?;
    Some(match by_name {
        ImportFormat::Txt if path.with_extension("ann").is_file() => ImportFormat::Brat,
        ImportFormat::Jsonl if looks_like_doccano(path) => ImportFormat::Doccano,
        other => other,
    })
}

/// A data card spanbench wrote beside an export (`README.md`, `x.jsonl.README.md`): not an
/// article, so a folder import leaves it out.
fn is_data_card(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.ends_with("README.md"))
        && read_limited(path, 16 * 1024 * 1024)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .is_some_and(|t| t.contains("\nWritten by spanbench "))
}

/// Looks at the first non-empty line only (read through a limit).
fn looks_like_doccano(path: &Path) -> bool {
    let Ok(file) = std::fs::File::open(path) else {
        return false;
    };
    let mut reader = std::io::BufReader::new(file.take(64 * 1024 * 1024));
    let mut line = String::new();
    loop {
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return false,
            Ok(_) if line.trim().is_empty() => continue,
            Ok(_) => break,
        }
    }
    serde_json::from_str::<serde_json::Value>(&line).is_ok_and(|v| {
        v.get("annotations").is_none() && (v.get("entities").is_some() || v.get("label").is_some())
    })
}

/// The most bytes a file of `format` may have, given the project's per-document limit.
pub(super) fn file_limit(format: ImportFormat, document_limit: u64) -> u64 {
    match format {
        ImportFormat::Jsonl
        | ImportFormat::Doccano
        | ImportFormat::LabelStudio
        | ImportFormat::Auto => document_limit.saturating_mul(COLLECTION_FACTOR),
        ImportFormat::Txt | ImportFormat::Md | ImportFormat::Brat => document_limit,
    }
}

/// Reads a regular file of at most `limit` bytes. The size is checked before reading, and the
/// read itself stops after `limit` bytes, so a file that grows or lies about its size (a link
/// to a device) cannot fill the memory.
pub(super) fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, ImportError> {
    let cannot = |e: std::io::Error| file_error(path, None, format!("cannot read it: {e}"));
    let meta = std::fs::metadata(path).map_err(cannot)?;
    if !meta.is_file() {
        return Err(file_error(path, None, NOT_REGULAR));
    }
    let too_large = |size: u64| {
        file_error(
            path,
            None,
            format!(
                "the file has {size} bytes, more than this project's limit of {limit}; raise max_import_bytes in project.ron to import it"
            ),
        )
    };
    if meta.len() > limit {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .map_err(cannot)?
        .take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}
