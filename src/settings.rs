//! The user's settings: RON in the platform's config folder (`SPANBENCH_CONFIG_DIR` overrides).
//!
//! A missing file means defaults. A broken file also means defaults, with a message naming the
//! line and column; it is kept as it is until the user changes a setting, and then set aside as
//! `settings.ron.broken` rather than overwritten.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Light or dark.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum Theme {
    /// Dark background.
    #[default]
    Dark,
    /// Light background.
    Light,
}

/// Everything the window remembers between runs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Size of the article text in points.
    pub font_size: f32,
    /// Light or dark.
    pub theme: Theme,
    /// Snap selections to whole words (Alt while tagging gives character precision).
    pub snap_to_words: bool,
    /// The annotator's name, when not given on the command line.
    pub annotator: Option<String>,
    /// Projects opened lately, newest first.
    pub recent_projects: Vec<PathBuf>,
    /// The first-start hint was dismissed.
    pub hint_dismissed: bool,
    /// Who last worked on each project and where, newest first.
    pub places: Vec<Place>,
    /// Draw every link of the document, not only the selected annotation's.
    pub show_all_links: bool,
    /// Widths of the documents and annotations panels, as last set by dragging their edges.
    pub panel_widths: Option<(f32, f32)>,
}

/// Who last worked on a project, and the document they had open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The project folder (canonical).
    pub project: PathBuf,
    /// The annotator.
    pub annotator: String,
    /// The open document's id.
    pub document: Option<String>,
    /// The paragraph at the top of the article when the window closed.
    #[serde(default)]
    pub paragraph: Option<usize>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            font_size: 17.0,
            theme: Theme::Dark,
            snap_to_words: true,
            annotator: None,
            recent_projects: Vec::new(),
            hint_dismissed: false,
            places: Vec::new(),
            show_all_links: false,
            panel_widths: None,
        }
    }
}

/// How many recent projects are remembered.
pub const RECENT_LIMIT: usize = 8;

/// For how many projects the last annotator and document are remembered.
pub const PLACES_LIMIT: usize = 64;

impl Settings {
    /// The settings file: `$SPANBENCH_CONFIG_DIR/settings.ron`, else the platform's.
    pub fn path() -> PathBuf {
        let dir = std::env::var_os("SPANBENCH_CONFIG_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                directories::ProjectDirs::from("org", "spanbench", "spanbench")
                    .map(|d| d.config_dir().to_path_buf())
                    .unwrap_or_else(|| std::env::temp_dir().join("spanbench-config"))
            });
        dir.join("settings.ron")
    }

    /// Reads the settings at `path`: defaults when missing; defaults and a message when broken.
    pub fn load(path: &Path) -> (Settings, Option<String>) {
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return (Settings::default(), None);
            }
            Err(e) => {
                return (
                    Settings::default(),
                    Some(format!(
                        "Could not read {}: {e}. Using default settings.",
                        path.display()
                    )),
                );
            }
        };
        match ron::from_str::<Settings>(&text) {
            Ok(mut s) => {
                s.font_size = s.font_size.clamp(10.0, 32.0);
                (s, None)
            }
            Err(e) => (
                Settings::default(),
                Some(format!(
                    "{}:{}:{}: {} — using default settings; the file is kept until you change a setting.",
                    path.display(),
                    e.position.line,
                    e.position.col,
                    e.code
                )),
            ),
        }
    }

    /// Writes the settings to `path` atomically; a broken file there is first set aside.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        if let Ok(text) = std::fs::read_to_string(path)
            && ron::from_str::<Settings>(&text).is_err()
        {
            std::fs::rename(path, path.with_extension("ron.broken"))?;
        }
        let body = ron::ser::to_string_pretty(self, ron::ser::PrettyConfig::new())
            .map_err(|e| std::io::Error::other(e.to_string()))?;
        let tmp = path.with_extension("ron.tmp");
        std::fs::write(&tmp, format!("// spanbench settings\n{body}\n"))?;
        std::fs::rename(tmp, path)
    }

    /// Puts `dir` first in the recent projects.
    pub fn remember_project(&mut self, dir: &Path) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.recent_projects.retain(|p| *p != dir);
        self.recent_projects.insert(0, dir);
        self.recent_projects.truncate(RECENT_LIMIT);
    }

    /// Who last worked on the project in `dir`, and on which document.
    pub fn place(&self, dir: &Path) -> Option<&Place> {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.places.iter().find(|p| p.project == dir)
    }

    /// Remembers that `annotator` works on `document` in the project in `dir`.
    pub fn remember_place(
        &mut self,
        dir: &Path,
        annotator: &str,
        document: Option<&str>,
        paragraph: Option<usize>,
    ) {
        let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
        self.places.retain(|p| p.project != dir);
        self.places.insert(
            0,
            Place {
                project: dir,
                annotator: annotator.to_string(),
                document: document.map(str::to_string),
                paragraph,
            },
        );
        self.places.truncate(PLACES_LIMIT);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_broken_and_good_files() {
        let tmp = tempfile::tempdir().unwrap();
        let path = tmp.path().join("settings.ron");
        assert_eq!(Settings::load(&path), (Settings::default(), None));

        std::fs::write(&path, "(font_size: 20.0, theme: Purple)").unwrap();
        let (s, problem) = Settings::load(&path);
        assert_eq!(s, Settings::default());
        let problem = problem.unwrap();
        assert!(problem.contains("settings.ron:1:"), "{problem}");

        let mut s = Settings {
            font_size: 21.0,
            theme: Theme::Light,
            ..Settings::default()
        };
        s.remember_project(tmp.path());
        s.save(&path).unwrap();
        assert!(
            path.with_extension("ron.broken").exists(),
            "the broken file was set aside"
        );
        assert_eq!(Settings::load(&path), (s, None));
    }
}
