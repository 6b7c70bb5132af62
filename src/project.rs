//! A project on disk: a folder with `project.ron` (name, schema, settings) and the database.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::model::Schema;

/// File name of the project description inside a project folder.
pub const PROJECT_FILE: &str = "project.ron";
/// File name of the SQLite database inside a project folder.
pub const DATABASE_FILE: &str = "spanbench.db";

/// The contents of `project.ron`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Project", deny_unknown_fields)]
pub struct ProjectFile {
    /// The project's human name.
    pub name: String,
    /// Labels and relation types.
    pub schema: Schema,
    /// Project-wide settings.
    #[serde(default)]
    pub settings: ProjectSettings,
}

/// Settings that belong to the project (shared by everyone who works on it).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename = "Settings", deny_unknown_fields, default)]
pub struct ProjectSettings {
    /// Text files larger than this many bytes are refused on import.
    pub max_import_bytes: u64,
    /// The window offers suggestions (pre-annotation) on opening a document.
    pub suggestions: bool,
    /// Annotators who are never offered suggestions (for double annotation free of their
    /// bias), even when `suggestions` is on.
    pub no_suggestions_for: Vec<String>,
    /// The layers the window's suggester learns from (their documents marked done); empty:
    /// the layers the stored model learned from, else every annotator's and gold.
    pub learn_from: Vec<String>,
}

impl ProjectSettings {
    /// True when `annotator` is offered suggestions in this project.
    pub fn offers_suggestions_to(&self, annotator: &str) -> bool {
        self.suggestions && !self.no_suggestions_for.iter().any(|a| a == annotator)
    }
}

impl Default for ProjectSettings {
    fn default() -> Self {
        ProjectSettings {
            max_import_bytes: 10 * 1024 * 1024,
            suggestions: true,
            no_suggestions_for: Vec::new(),
            learn_from: Vec::new(),
        }
    }
}

/// Why a project could not be opened or created.
#[derive(Debug, thiserror::Error)]
pub enum ProjectError {
    /// The folder has no `project.ron`.
    #[error("{} is not a spanbench project: it has no {PROJECT_FILE} (create one with `spanbench new {}`)", .0.display(), .0.display())]
    NotAProject(PathBuf),
    /// `project.ron` or a schema file could not be read.
    #[error("cannot read {}: {source}", path.display())]
    Read {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// `project.ron` or a schema file is not valid RON of the expected shape.
    #[error("{}:{line}:{column}: {message}", path.display())]
    Syntax {
        /// The file.
        path: PathBuf,
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What was wrong or expected.
        message: String,
    },
    /// The schema parsed but is not sound.
    #[error("{}: the schema has problems:\n  - {}", path.display(), problems.join("\n  - "))]
    BadSchema {
        /// The file.
        path: PathBuf,
        /// Every problem found.
        problems: Vec<String>,
    },
    /// `new` was pointed at a folder that already holds a project.
    #[error("{} already holds a spanbench project", .0.display())]
    AlreadyExists(PathBuf),
    /// Writing the project failed.
    #[error("cannot write {}: {source}", path.display())]
    Write {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

impl ProjectFile {
    /// A new project description with the default news schema.
    pub fn new(name: &str, schema: Schema) -> ProjectFile {
        ProjectFile {
            name: name.to_string(),
            schema,
            settings: ProjectSettings::default(),
        }
    }

    /// Parses `project.ron` text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<ProjectFile, ProjectError> {
        let file: ProjectFile = parse_ron(text, path)?;
        let problems = file.schema.problems();
        if !problems.is_empty() {
            return Err(ProjectError::BadSchema {
                path: path.to_path_buf(),
                problems,
            });
        }
        Ok(file)
    }

    /// Reads `project.ron` from a project folder.
    pub fn load(dir: &Path) -> Result<ProjectFile, ProjectError> {
        let path = dir.join(PROJECT_FILE);
        if !path.is_file() {
            return Err(ProjectError::NotAProject(dir.to_path_buf()));
        }
        let text = read_text(&path)?;
        ProjectFile::parse(&text, &path)
    }

    /// The RON text of this description, as written to `project.ron`.
    pub fn to_ron(&self) -> String {
        let config = ron::ser::PrettyConfig::new()
            .struct_names(true)
            .indentor("    ".to_string());
        let body = ron::ser::to_string_pretty(self, config)
            .unwrap_or_else(|e| format!("// could not write the project: {e}\n"));
        format!(
            "// spanbench project: the name, the schema (labels, relation types) and settings.\n{body}\n"
        )
    }

    /// Writes `project.ron` into `dir` atomically (a temporary file, then a rename).
    pub fn save(&self, dir: &Path) -> Result<(), ProjectError> {
        let path = dir.join(PROJECT_FILE);
        let tmp = dir.join(format!(".{PROJECT_FILE}.tmp"));
        let write = |p: &Path| std::fs::write(p, self.to_ron());
        write(&tmp)
            .and_then(|_| std::fs::rename(&tmp, &path))
            .map_err(|source| ProjectError::Write { path, source })
    }
}

/// Reads a schema file (a bare `Schema(...)` in RON) and checks it.
pub fn load_schema_file(path: &Path) -> Result<Schema, ProjectError> {
    let text = read_text(path)?;
    let schema: Schema = parse_ron(&text, path)?;
    let problems = schema.problems();
    if !problems.is_empty() {
        return Err(ProjectError::BadSchema {
            path: path.to_path_buf(),
            problems,
        });
    }
    Ok(schema)
}

fn read_text(path: &Path) -> Result<String, ProjectError> {
    let bytes = std::fs::read(path).map_err(|source| ProjectError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| ProjectError::Read {
        path: path.to_path_buf(),
        source: std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
        ),
    })
}

fn parse_ron<T: serde::de::DeserializeOwned>(text: &str, path: &Path) -> Result<T, ProjectError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    ron::from_str(text).map_err(|e| ProjectError::Syntax {
        path: path.to_path_buf(),
        line: e.position.line,
        column: e.position.col,
        message: e.code.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_project_reads_back() {
        let file = ProjectFile::new("Cyber", Schema::default_news());
        let again = ProjectFile::parse(&file.to_ron(), Path::new("project.ron")).unwrap();
        assert_eq!(again, file);
    }

    #[test]
    fn syntax_errors_name_line_and_column() {
        let text = "Project(\n    name: \"x\",\n    schema: Schema(labels: [Label(name: \"q\", colour: \"#000000\",, )]),\n)";
        let err = ProjectFile::parse(text, Path::new("p/project.ron"))
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("p/project.ron:3:"), "{err}");
        let err = ProjectFile::parse("Project(name: 1)", Path::new("project.ron"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("project.ron:1:"), "{err}");
        assert!(err.to_lowercase().contains("string"), "{err}");
    }

    #[test]
    fn unknown_fields_and_bad_schema_are_refused() {
        let text = "Project(name: \"x\", schema: Schema(labels: []), colour: \"red\")";
        let err = ProjectFile::parse(text, Path::new("project.ron"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("colour"), "{err}");
        let text = "Project(name: \"x\", schema: Schema(labels: []))";
        let err = ProjectFile::parse(text, Path::new("project.ron"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("the schema has no labels"), "{err}");
    }
}
