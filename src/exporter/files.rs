//! Writing an export's files into its staging folder, with the SHA-256 of each for the data card.

use std::io::Write;
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

    /// Opens a file to be written piece by piece; [`Files::close`] records it.
    pub(crate) fn create(&self, path: &Path) -> Result<StreamedFile, ExportError> {
        let file = std::fs::File::create(path).map_err(werr(path))?;
        Ok(StreamedFile {
            path: path.to_path_buf(),
            writer: std::io::BufWriter::with_capacity(1 << 16, file),
            hasher: Sha256::new(),
        })
    }

    /// Flushes a streamed file to disk and records its hash.
    pub(crate) fn close(&mut self, file: StreamedFile) -> Result<(), ExportError> {
        let StreamedFile {
            path,
            writer,
            hasher,
        } = file;
        let file = writer
            .into_inner()
            .map_err(|e| werr(&path)(e.into_error()))?;
        file.sync_all().map_err(werr(&path))?;
        self.hashes.push((
            relative(&self.staging, &path),
            hex::encode(hasher.finalize()),
        ));
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
                    .map(|h| h.join().unwrap_or(Err(ExportError::WriterFailed)))
                    .collect()
            });
        for r in results {
            self.hashes.extend(r?);
        }
        Ok(())
    }
}

/// A file being written in pieces, hashed as it goes: memory stays bounded however large the
/// export.
pub(crate) struct StreamedFile {
    path: PathBuf,
    writer: std::io::BufWriter<std::fs::File>,
    hasher: Sha256,
}

impl StreamedFile {
    /// Appends `bytes`.
    pub(crate) fn append(&mut self, bytes: &[u8]) -> Result<(), ExportError> {
        self.write_all(bytes).map_err(werr(&self.path))
    }

    /// The file's path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Write for StreamedFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.writer.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.writer.flush()
    }
}

/// A written file's path relative to the staging folder (with `/`) and its SHA-256.
fn file_entry(staging: &Path, path: &Path, bytes: &[u8]) -> (String, String) {
    (relative(staging, path), hex::encode(Sha256::digest(bytes)))
}

/// A path relative to the staging folder, with `/`.
fn relative(staging: &Path, path: &Path) -> String {
    path.strip_prefix(staging)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
