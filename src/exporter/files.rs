//! Writing an export's files into its staging folder, with the SHA-256 of each for the data card.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::ExportError;

/// Turns an I/O error on `path` into an [`ExportError`].
pub(crate) fn werr(path: &Path) -> impl Fn(std::io::Error) -> ExportError + '_ {
    move |source| ExportError::Write {
        path: path.to_path_buf(),
        source,
    }
}

/// Writes the files of an export and keeps the SHA-256 of each for the data card, computed
/// from the bytes written rather than by reading the files back.
pub(crate) struct Files {
    pub(super) staging: PathBuf,
    pub(super) hashes: Vec<(String, String)>,
}

impl Files {
    /// Writes one file.
    pub(crate) fn write(&mut self, path: &Path, bytes: &[u8]) -> Result<(), ExportError> {
        std::fs::write(path, bytes).map_err(werr(path))?;
        self.hashes.push(file_entry(&self.staging, path, bytes));
        Ok(())
    }

    /// Writes many files from several threads: creating thousands of small files is bound by
    /// the disk's latency, not by the processor.
    pub(crate) fn write_many(&mut self, files: Vec<(PathBuf, Vec<u8>)>) -> Result<(), ExportError> {
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
