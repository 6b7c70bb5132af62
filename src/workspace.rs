//! An open project: its folder, `project.ron`, the database and the undo history.
//!
//! Both the command line and the window work on a [`Workspace`]; every change of annotations
//! goes through [`Workspace::apply`], which stores it and records it for undo.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::agreement::AgreementOptions;
use crate::model::{Annotation, Edit, History, Relation, RowKey, Schema};
use crate::project::{DATABASE_FILE, PROJECT_FILE, ProjectError, ProjectFile};
use crate::store::{Applied, LayerFilter, Store, StoreError, StoreResult};
use crate::suggest::offer::{Offer, offers};
use crate::suggest::{SUGGESTED, as_layer};

/// The schema before [`Workspace::extend_schema`] changed it, and the copy of `project.ron`
/// kept then.
#[derive(Debug)]
pub struct EarlierSchema {
    /// The schema as it was.
    pub schema: Schema,
    /// The copy of `project.ron` from before, in `backups/`.
    pub backup: PathBuf,
}

/// Writes `bytes` to `folder/NAME.EXT`, or `NAME-2.EXT`, … — never over an existing file.
fn keep_new_file(folder: &Path, name: &str, ext: &str, bytes: &[u8]) -> std::io::Result<PathBuf> {
    use std::io::Write;
    for n in 1.. {
        let path = if n == 1 {
            folder.join(format!("{name}.{ext}"))
        } else {
            folder.join(format!("{name}-{n}.{ext}"))
        };
        match std::fs::File::create_new(&path) {
            Ok(mut file) => {
                file.write_all(bytes)?;
                file.sync_all()?;
                return Ok(path);
            }
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    unreachable!("some numbered name is free")
}

/// Why a workspace could not be opened or changed.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// `project.ron` is missing or wrong.
    #[error(transparent)]
    Project(#[from] ProjectError),
    /// The database refused.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// An open project.
pub struct Workspace {
    /// The project folder.
    pub dir: PathBuf,
    /// The contents of `project.ron`.
    pub project: ProjectFile,
    /// The database.
    pub store: Store,
    /// Undo and redo of this session's edits (only [`Workspace::apply`], undo and redo write
    /// it, so nothing can change the project around it).
    history: History,
    /// The version of every row this workspace wrote, as it left them: undo and redo take a
    /// step only when the rows it touches are still so (nobody else changed them since).
    written: HashMap<RowKey, Option<i64>>,
}

impl Workspace {
    /// Creates a project in `dir` (made if missing) with `schema`, and opens it.
    pub fn create(dir: &Path, name: &str, schema: Schema) -> Result<Workspace, WorkspaceError> {
        if dir.join(PROJECT_FILE).exists() {
            return Err(ProjectError::AlreadyExists(dir.to_path_buf()).into());
        }
        std::fs::create_dir_all(dir).map_err(|source| ProjectError::Write {
            path: dir.to_path_buf(),
            source,
        })?;
        let project = ProjectFile::new(name, schema);
        // The database first: if it cannot be made, no half project is left behind.
        let store = Store::create(&dir.join(DATABASE_FILE))?;
        project.save(dir)?;
        Ok(Workspace::with(dir, project, store))
    }

    /// Undo and redo of this session's edits.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// Forgets undo and redo (after an import, a merge or a restore changed the project in a
    /// way they cannot step over).
    pub fn forget_history(&mut self) {
        self.history.clear();
    }

    fn with(dir: &Path, project: ProjectFile, store: Store) -> Workspace {
        Workspace {
            dir: dir.to_path_buf(),
            project,
            store,
            history: History::default(),
            written: HashMap::new(),
        }
    }

    /// Opens the project in `dir` for reading and writing.
    ///
    /// A missing, empty or damaged database is an error, not a fresh start: the annotations
    /// live there, and an empty project in its place would look like lost work.
    pub fn open(dir: &Path) -> Result<Workspace, WorkspaceError> {
        let project = ProjectFile::load(dir)?;
        let store = Store::open(&dir.join(DATABASE_FILE))?;
        Ok(Workspace::with(dir, project, store))
    }

    /// Opens the project in `dir` without writing anything to it: for reading a colleague's
    /// project or one on a read-only share. Every edit is refused with a sentence.
    pub fn open_read_only(dir: &Path) -> Result<Workspace, WorkspaceError> {
        let project = ProjectFile::load(dir)?;
        let store = Store::open_read_only(&dir.join(DATABASE_FILE))?;
        Ok(Workspace::with(dir, project, store))
    }

    /// Opens the project in `dir` for reading and writing where that is allowed, else
    /// read-only (a project on a read-only share can still be viewed, checked and exported).
    pub fn open_for_reading(dir: &Path) -> Result<Workspace, WorkspaceError> {
        match Workspace::open(dir) {
            Err(WorkspaceError::Store(StoreError::NoWriteAccess(_))) => {
                Workspace::open_read_only(dir)
            }
            other => other,
        }
    }

    /// Opens the project in `dir` read-only, even when SQLite's quick check fails: for
    /// `spanbench check`, which says what is wrong.
    pub fn open_for_check(dir: &Path) -> Result<Workspace, WorkspaceError> {
        let project = ProjectFile::load(dir)?;
        let store = Store::open_for_check(&dir.join(DATABASE_FILE))?;
        Ok(Workspace::with(dir, project, store))
    }

    /// True when the project was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.store.is_read_only()
    }

    /// The project's schema.
    pub fn schema(&self) -> &Schema {
        &self.project.schema
    }

    /// What is suggested on document `doc`: the `suggested` layer, or, where `spanbench
    /// suggest` has not filled it for this document, what `model` (the learned suggester, with
    /// the rules) or the rules find now. The window reads it once per opened document.
    pub fn suggested(
        &self,
        doc: &str,
        model: Option<&crate::suggest::learn::Learned>,
    ) -> StoreResult<(Vec<Annotation>, Vec<Relation>)> {
        let (suggested, links) = self
            .store
            .layer(doc, &LayerFilter::Only(vec![SUGGESTED.into()]))?;
        if !suggested.is_empty() {
            return Ok((suggested, links));
        }
        let text = self.store.document(doc)?.text;
        let mut n = 0;
        let found = crate::suggester::suggestions(model, &text);
        Ok(as_layer(&text, &found, &mut |prefix| {
            n += 1;
            format!("{prefix}{n}")
        }))
    }

    /// The suggestions of `suggested` (as [`Workspace::suggested`] answered) offered to
    /// `annotator` on document `doc`, whose layer there is `mine`: without those they rejected
    /// or already have. None when the project switches suggestions off, for everyone or for
    /// `annotator`.
    pub fn offers(
        &self,
        doc: &str,
        annotator: &str,
        (suggested, links): (&[Annotation], &[Relation]),
        mine: &[Annotation],
    ) -> StoreResult<Vec<Offer>> {
        if !self.project.settings.offers_suggestions_to(annotator)
            || self.schema().label("quote").is_none()
        {
            return Ok(Vec::new());
        }
        let rejected = self.store.rejections(doc)?;
        Ok(offers(suggested, links, mine, &rejected, annotator))
    }

    /// Replaces the schema in `project.ron` (written atomically) after keeping the file as it
    /// was in `backups/`; answers the earlier schema and where the copy is, for
    /// [`Workspace::restore_schema`].
    pub fn extend_schema(&mut self, schema: Schema) -> Result<EarlierSchema, ProjectError> {
        let from = self.dir.join(PROJECT_FILE);
        let folder = self.dir.join(crate::store::BACKUP_FOLDER);
        let stamp = crate::store::utc_stamp(std::time::SystemTime::now());
        let write = |source| ProjectError::Write {
            path: folder.clone(),
            source,
        };
        std::fs::create_dir_all(&folder).map_err(write)?;
        let text = std::fs::read(&from).map_err(write)?;
        let backup =
            keep_new_file(&folder, &format!("project-{stamp}"), "ron", &text).map_err(write)?;
        let earlier = std::mem::replace(&mut self.project.schema, schema);
        if let Err(e) = self.project.save(&self.dir) {
            self.project.schema = earlier;
            return Err(e);
        }
        Ok(EarlierSchema {
            schema: earlier,
            backup,
        })
    }

    /// Puts back `project.ron` as [`Workspace::extend_schema`] kept it.
    pub fn restore_schema(&mut self, earlier: EarlierSchema) -> Result<(), ProjectError> {
        let path = self.dir.join(PROJECT_FILE);
        let tmp = self.dir.join(format!(".{PROJECT_FILE}.tmp"));
        std::fs::copy(&earlier.backup, &tmp)
            .and_then(|_| std::fs::rename(&tmp, &path))
            .map_err(|source| ProjectError::Write { path, source })?;
        self.project.schema = earlier.schema;
        Ok(())
    }

    /// Applies an edit, records it for undo and answers its inverse.
    pub fn apply(&mut self, edit: Edit) -> Result<Edit, StoreError> {
        let applied = self
            .store
            .apply_checked(&edit, &self.project.schema, &HashMap::new())?;
        self.remember(&applied);
        self.history.record(
            edit.with_ids_from(&applied.inverse),
            applied.inverse.clone(),
        );
        Ok(applied.inverse)
    }

    fn remember(&mut self, applied: &Applied) {
        self.written.extend(applied.versions.iter().cloned());
    }

    /// Applies a step of the history, refusing it when a row it touches was changed by
    /// someone else since this workspace wrote it.
    fn apply_step(&mut self, edit: &Edit) -> Result<Edit, StoreError> {
        let applied = self
            .store
            .apply_checked(edit, &self.project.schema, &self.written)
            .map_err(|e| match e {
                // The row this step would change is gone: someone deleted it elsewhere.
                StoreError::NotFound(what) => StoreError::ChangedElsewhere(what),
                other => other,
            })?;
        self.remember(&applied);
        Ok(applied.inverse)
    }

    /// Undoes the last step; answers the edit that was applied to do so, or `None` when there
    /// is nothing to undo. A step whose rows were changed elsewhere (another window, another
    /// program) is refused with [`StoreError::ChangedElsewhere`] and stays in the history.
    pub fn undo(&mut self) -> Result<Option<Edit>, StoreError> {
        let Some(backward) = self.history.peek_undo().cloned() else {
            return Ok(None);
        };
        let forward = self.apply_step(&backward)?;
        self.history.undone(forward);
        Ok(Some(backward))
    }

    /// Redoes the last undone step; answers the edit applied, or `None`. Refused like undo
    /// when its rows were changed elsewhere.
    pub fn redo(&mut self) -> Result<Option<Edit>, StoreError> {
        let Some(forward) = self.history.peek_redo().cloned() else {
            return Ok(None);
        };
        let backward = self.apply_step(&forward)?;
        self.history.redone(backward);
        Ok(Some(forward))
    }

    /// The agreement report of `annotators` over the whole project, with every label and
    /// relation type of the schema.
    pub fn agreement(
        &self,
        annotators: &[String],
    ) -> Result<crate::agreement::AgreementReport, StoreError> {
        self.agreement_with(annotators, AgreementOptions::default())
    }

    /// As [`Workspace::agreement`], with gamma per pair when `options.gamma` gives (samples,
    /// seed), and without the annotations accepted from suggestions when asked; counts those
    /// in the compared documents either way.
    pub fn agreement_with(
        &self,
        annotators: &[String],
        options: AgreementOptions,
    ) -> Result<crate::agreement::AgreementReport, StoreError> {
        let mut records = Vec::new();
        self.store
            .for_each_record(&crate::store::LayerFilter::Only(annotators.to_vec()), |r| {
                records.push(r);
                Ok::<_, StoreError>(())
            })?;
        let mut from_suggestions: std::collections::BTreeMap<String, usize> =
            annotators.iter().map(|a| (a.clone(), 0)).collect();
        for r in records.iter().filter(|r| {
            annotators
                .iter()
                .all(|a| crate::agreement::has_annotated(r, a))
        }) {
            for a in r.annotations.iter().filter(|a| a.origin.is_accepted()) {
                *from_suggestions.entry(a.annotator.clone()).or_default() += 1;
            }
        }
        if options.exclude_accepted {
            for r in &mut records {
                r.leave_out_accepted();
            }
        }
        let schema = self.schema();
        let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
        let relation_types: Vec<String> = schema.relations.iter().map(|r| r.name.clone()).collect();
        let mut report = crate::agreement::agreement_with_relations(
            &records,
            annotators,
            &labels,
            &relation_types,
        );
        if let Some((samples, seed)) = options.gamma {
            crate::agreement::add_gamma(&mut report, &records, &labels, samples, seed);
        }
        report.from_suggestions = from_suggestions;
        report.excluded_accepted = options.exclude_accepted;
        Ok(report)
    }

    /// The annotators whose work can be compared: every layer but `gold` and `suggested`.
    pub fn comparable_annotators(&self) -> Result<Vec<String>, StoreError> {
        Ok(self
            .store
            .annotators()?
            .into_iter()
            .filter(|a| !crate::model::layer::is_reserved_layer(a))
            .collect())
    }

    /// Puts into `gold` what all `annotators` agree on, in every document all of them
    /// annotated, as one undoable edit (one transaction). Answers what was added.
    pub fn accept_agreed_everywhere(
        &mut self,
        annotators: &[String],
    ) -> Result<AgreedAdded, StoreError> {
        let mut edits = Vec::new();
        self.store
            .for_each_record(&crate::store::LayerFilter::All, |r| {
                if annotators
                    .iter()
                    .all(|a| crate::agreement::has_annotated(&r, a))
                    && let Some(edit) = crate::adjudication::accept_agreed(&r, annotators)
                {
                    edits.push(edit);
                }
                Ok::<_, StoreError>(())
            })?;
        let mut added = AgreedAdded {
            documents: edits.len(),
            ..AgreedAdded::default()
        };
        for e in &edits {
            let inner: &[Edit] = match e {
                Edit::Batch(v) => v,
                other => std::slice::from_ref(other),
            };
            for x in inner {
                match x {
                    Edit::AddAnnotation { .. } => added.annotations += 1,
                    Edit::Link { .. } => added.links += 1,
                    _ => {}
                }
            }
        }
        if !edits.is_empty() {
            self.apply(Edit::Batch(edits))?;
        }
        Ok(added)
    }
}

/// What "accept everything agreed" put into gold.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AgreedAdded {
    /// Documents that changed.
    pub documents: usize,
    /// Annotations added.
    pub annotations: usize,
    /// Links added.
    pub links: usize,
}
