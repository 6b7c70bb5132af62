//! Where an export may write: `--out` is checked before anything is written, so that an export
//! only ever replaces an earlier export of spanbench (recognised by its data card and the
//! SHA-256 of every file the card lists) or an empty folder, `--force` replaces one single file
//! the user named, and nothing inside a project folder is ever touched.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::project::PROJECT_FILE;

/// The line every data card carries; it is how an earlier export is recognised.
pub(crate) const CARD_MARK: &str = "\nWritten by spanbench ";

/// What is at `--out` now, once it passed the checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Existing {
    /// Nothing: the export creates it.
    Nothing,
    /// An empty folder, or an earlier export (folder or file) of spanbench, or a file the user
    /// named with `--force`: the export replaces it.
    Replaceable,
}

/// Why an export may not write where it was asked to. Nothing has been written when one of
/// these is answered.
#[derive(Debug, thiserror::Error)]
pub enum Refused {
    /// `--out` ends in `..` or is empty.
    #[error("--out {} names no file or folder of its own; give a new name, e.g. --out export", .0.display())]
    NoName(PathBuf),
    /// `--out` lies inside a project folder.
    #[error("{} lies inside the project folder {}; spanbench never writes exports into a project. Choose a place outside it", out.display(), project.display())]
    InsideProject {
        /// The output.
        out: PathBuf,
        /// The project folder around it.
        project: PathBuf,
    },
    /// A file beside the export (data card, configuration) that spanbench did not write.
    #[error("{} already exists and was not written by spanbench; the export would replace it. Move it, or choose another --out", .0.display())]
    ForeignBeside(PathBuf),
    /// The output cannot be looked at or listed.
    #[error("cannot look at {}: {source}", path.display())]
    Unreadable {
        /// The path.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The output is a symbolic link.
    #[error("{} is a symbolic link; spanbench does not replace links. Choose another --out", .0.display())]
    Link(PathBuf),
    /// A single-file export asked to write over a folder.
    #[error("{} is a folder; this format writes a single file. Name a file, e.g. {}", .0.display(), .0.join("export").display())]
    FolderForFile(PathBuf),
    /// Neither file nor folder (a device, a socket).
    #[error("{} is not a regular file; choose another --out", .0.display())]
    NotRegular(PathBuf),
    /// A folder export asked to write over a file, without `--force`.
    #[error("{} is a file, and this export writes a folder; it would be replaced. Choose another --out, or pass --force to replace that file", .0.display())]
    FileForFolder(PathBuf),
    /// A file that is not an unchanged earlier export, without `--force`.
    #[error("{} already exists and is not an unchanged earlier export of spanbench (its data card {} does not list it with this content); nothing was written. Choose another --out, or pass --force to replace this one file", out.display(), card.as_ref().map_or_else(String::new, |c| c.display().to_string()))]
    NotAnExport {
        /// The output.
        out: PathBuf,
        /// The data card that would vouch for it.
        card: Option<PathBuf>,
    },
    /// A folder with files but no data card.
    #[error("{} is a folder that holds files spanbench did not write (no spanbench data card in it); nothing was written. Choose a new or empty folder for --out", .0.display())]
    ForeignFolder(PathBuf),
    /// A folder with a data card and a file the card does not list.
    #[error("{} holds {file}, which spanbench did not write; nothing was written. Move it out, or choose another --out", out.display())]
    Unlisted {
        /// The folder.
        out: PathBuf,
        /// The file, relative to it.
        file: String,
    },
    /// A file the card lists, changed since.
    #[error("{file} in {} was changed after spanbench wrote it; nothing was written. Move the folder, or choose another --out", out.display())]
    Changed {
        /// The folder.
        out: PathBuf,
        /// The file, relative to it.
        file: String,
    },
}

/// Checks that an export may write to `out`; answers a sentence naming what is in the way
/// otherwise. `folder` says whether the export writes a folder; `card` is the data card's path
/// beside a single-file export.
pub(crate) fn check_out(
    out: &Path,
    folder: bool,
    card: Option<&Path>,
    force: bool,
) -> Result<Existing, Refused> {
    if out.as_os_str().is_empty() || out.file_name().is_none() {
        return Err(Refused::NoName(out.to_path_buf()));
    }
    if let Some(project) = inside_project(out) {
        return Err(Refused::InsideProject {
            out: out.to_path_buf(),
            project,
        });
    }
    if let Some(card) = card
        && card.exists()
        && !is_card(card)
    {
        return Err(Refused::ForeignBeside(card.to_path_buf()));
    }
    let meta = match std::fs::symlink_metadata(out) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Existing::Nothing),
        Err(source) => {
            return Err(Refused::Unreadable {
                path: out.to_path_buf(),
                source,
            });
        }
    };
    if meta.file_type().is_symlink() {
        return Err(Refused::Link(out.to_path_buf()));
    }
    if meta.is_dir() {
        if !folder {
            return Err(Refused::FolderForFile(out.to_path_buf()));
        }
        return check_folder(out);
    }
    if !meta.is_file() {
        return Err(Refused::NotRegular(out.to_path_buf()));
    }
    if folder {
        return if force {
            Ok(Existing::Replaceable)
        } else {
            Err(Refused::FileForFolder(out.to_path_buf()))
        };
    }
    if force || card.is_some_and(|c| card_vouches_for(c, out)) {
        return Ok(Existing::Replaceable);
    }
    Err(Refused::NotAnExport {
        out: out.to_path_buf(),
        card: card.map(Path::to_path_buf),
    })
}

/// An existing folder may be replaced when it is empty, or when its `README.md` is a spanbench
/// data card that lists every other file in it with the SHA-256 it has now.
fn check_folder(out: &Path) -> Result<Existing, Refused> {
    let mut files = Vec::new();
    list_files(out, out, &mut files).map_err(|source| Refused::Unreadable {
        path: out.to_path_buf(),
        source,
    })?;
    if files.is_empty() {
        return Ok(Existing::Replaceable);
    }
    let Some(listed) = read_card(&out.join("README.md")) else {
        return Err(Refused::ForeignFolder(out.to_path_buf()));
    };
    for rel in files.iter().filter(|f| f.as_str() != "README.md") {
        match listed.iter().find(|(name, _)| name == rel) {
            None => {
                return Err(Refused::Unlisted {
                    out: out.to_path_buf(),
                    file: rel.clone(),
                });
            }
            Some((_, hash)) if sha256_file(&out.join(rel)).as_deref() != Some(hash) => {
                return Err(Refused::Changed {
                    out: out.to_path_buf(),
                    file: rel.clone(),
                });
            }
            Some(_) => {}
        }
    }
    Ok(Existing::Replaceable)
}

fn list_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        let kind = entry.file_type()?;
        if kind.is_dir() {
            list_files(root, &path, out)?;
        } else {
            let rel = path.strip_prefix(root).unwrap_or(&path);
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The nearest folder at or above `path` that holds a `project.ron`.
fn inside_project(path: &Path) -> Option<PathBuf> {
    let absolute = std::path::absolute(path).ok()?;
    let mut existing = absolute.as_path();
    // Resolve links in the part that exists, so a link into a project is seen for what it is.
    let mut rest = Vec::new();
    while !existing.exists() {
        rest.push(existing.file_name()?.to_owned());
        existing = existing.parent()?;
    }
    let mut resolved = existing.canonicalize().ok()?;
    for part in rest.into_iter().rev() {
        resolved.push(part);
    }
    resolved
        .ancestors()
        .find(|dir| dir.join(PROJECT_FILE).is_file())
        .map(Path::to_path_buf)
}

fn is_card(path: &Path) -> bool {
    read_card(path).is_some()
}

/// The files a spanbench data card lists, with their SHA-256 (lines `` - `name` hash ``);
/// `None` when `path` is not a spanbench data card.
fn read_card(path: &Path) -> Option<Vec<(String, String)>> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() >= 16 * 1024 * 1024 {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    if !text.contains(CARD_MARK) {
        return None;
    }
    let files = text
        .rsplit_once("\n## Files (SHA-256)\n")
        .map_or("", |(_, files)| files);
    Some(
        files
            .lines()
            .filter_map(|l| {
                let rest = l.strip_prefix("- `")?;
                let (name, hash) = rest.rsplit_once("` ")?;
                Some((name.to_string(), hash.trim().to_string()))
            })
            .collect(),
    )
}

/// True when `card` is a spanbench data card that lists `file` with its current SHA-256.
/// Checks that a file going beside a single-file export (a configuration) may be written at
/// `path`: nothing is there, or the earlier export's data card `card` lists it unchanged.
pub(crate) fn check_beside(path: &Path, card: &Path) -> Result<(), Refused> {
    if std::fs::symlink_metadata(path).is_err() || card_vouches_for(card, path) {
        return Ok(());
    }
    Err(Refused::ForeignBeside(path.to_path_buf()))
}

fn card_vouches_for(card: &Path, file: &Path) -> bool {
    let (Some(listed), Some(name)) = (read_card(card), file.file_name().and_then(|n| n.to_str()))
    else {
        return false;
    };
    let Some(hash) = sha256_file(file) else {
        return false;
    };
    listed.iter().any(|(l, h)| l == name && *h == hash)
}

fn sha256_file(path: &Path) -> Option<String> {
    let mut file = std::fs::File::open(path).ok()?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).ok()?;
    Some(hex::encode(hasher.finalize()))
}

/// A fresh, unused name beside `out` for a temporary folder of this export (`tag`: what it is
/// for). Never an existing path, so cleaning it up can only remove what this export made.
pub(crate) fn fresh_sibling(out: &Path, tag: &str) -> PathBuf {
    let parent = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = out.file_name().and_then(|n| n.to_str()).unwrap_or("export");
    let pid = std::process::id();
    (0u32..)
        .map(|n| parent.join(format!(".{name}.spanbench-{tag}-{pid}-{n}")))
        .find(|p| std::fs::symlink_metadata(p).is_err())
        .unwrap_or_else(|| parent.join(format!(".{name}.spanbench-{tag}-{pid}")))
}
