//! One runner for background work: imports, merges, exports, the agreement figures and file
//! dialogs each run as a named [`Task`] on its own thread, report progress, can be cancelled,
//! and a thread that dies (a panic) is reported as an error instead of "still running" for
//! ever. The frame only polls; it never waits.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::thread::JoinHandle;

/// How far a task got: a fraction (when it knows one) and a word for what it does now.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// 0.0–1.0, or `None` when the task cannot tell.
    pub fraction: Option<f32>,
    /// What it does now ("reading", "writing").
    pub what: String,
}

enum Message<T> {
    Progress(Progress),
    Done(Result<T, String>),
}

/// What the task's closure gets: a way to report progress and to see a cancellation.
pub struct Reporter<T> {
    tx: Sender<Message<T>>,
    ctx: egui::Context,
    cancel: Arc<AtomicBool>,
}

impl<T> Reporter<T> {
    /// Reports progress and asks for a frame to show it.
    pub fn progress(&self, fraction: Option<f32>, what: &str) {
        let progress = Progress {
            fraction,
            what: what.to_string(),
        };
        // The window may be gone; then nobody needs the progress.
        if self.tx.send(Message::Progress(progress)).is_ok() {
            self.ctx.request_repaint();
        }
    }

    /// True once the user cancelled the task: stop, and change nothing.
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A named piece of work on a background thread, answering a `T`.
pub struct Task<T> {
    name: &'static str,
    rx: Receiver<Message<T>>,
    cancel: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
    progress: Progress,
}

impl<T: Send + 'static> Task<T> {
    /// Starts `work` on its own thread. `name` names the task in messages ("import").
    pub fn spawn(
        name: &'static str,
        ctx: &egui::Context,
        work: impl FnOnce(&Reporter<T>) -> Result<T, String> + Send + 'static,
    ) -> Task<T> {
        let (tx, rx) = channel();
        let cancel = Arc::new(AtomicBool::new(false));
        let reporter = Reporter {
            tx,
            ctx: ctx.clone(),
            cancel: cancel.clone(),
        };
        let handle = std::thread::Builder::new()
            .name(format!("spanbench {name}"))
            .spawn(move || {
                let result = work(&reporter);
                if reporter.tx.send(Message::Done(result)).is_ok() {
                    reporter.ctx.request_repaint();
                }
            });
        let (handle, rx) = match handle {
            Ok(h) => (Some(h), rx),
            Err(e) => {
                // No thread: the task ends at once with the reason.
                let (tx, rx) = channel();
                tx.send(Message::Done(Err(format!(
                    "the {name} could not start: {e}"
                ))))
                .ok();
                (None, rx)
            }
        };
        Task {
            name,
            rx,
            cancel,
            handle,
            progress: Progress::default(),
        }
    }

    /// Takes in what the thread sent; answers the result once the task has ended — also when
    /// its thread died without answering.
    pub fn poll(&mut self) -> Option<Result<T, String>> {
        loop {
            match self.rx.try_recv() {
                Ok(Message::Progress(p)) => self.progress = p,
                Ok(Message::Done(result)) => {
                    if let Some(h) = self.handle.take() {
                        // Done was sent, so the thread is ending; its own panic cannot happen now.
                        h.join().ok();
                    }
                    return Some(result);
                }
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => return Some(Err(self.died())),
            }
        }
    }

    fn died(&mut self) -> String {
        let why = match self.handle.take().map(JoinHandle::join) {
            Some(Err(panic)) => panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "no reason given".into()),
            _ => "no reason given".into(),
        };
        format!(
            "the {} stopped unexpectedly ({why}); nothing more will come of it",
            self.name
        )
    }

    /// Asks the task to stop; it answers soon after, having changed nothing.
    pub fn cancel(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// True once cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }

    /// The latest progress.
    pub fn progress(&self) -> &Progress {
        &self.progress
    }

    /// The task's name.
    pub fn name(&self) -> &'static str {
        self.name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wait<T: Send + 'static>(task: &mut Task<T>) -> Result<T, String> {
        for _ in 0..500 {
            if let Some(r) = task.poll() {
                return r;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
        }
        panic!("the task did not end");
    }

    #[test]
    fn a_task_reports_progress_and_its_result() {
        let ctx = egui::Context::default();
        let (go_tx, go_rx) = channel::<()>();
        let mut task = Task::spawn("count", &ctx, move |r| {
            r.progress(Some(0.5), "half");
            go_rx.recv().map_err(|e| e.to_string())?;
            Ok(42)
        });
        for _ in 0..500 {
            task.poll();
            if task.progress().what == "half" {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        assert_eq!(task.progress().fraction, Some(0.5));
        go_tx.send(()).unwrap();
        assert_eq!(wait(&mut task), Ok(42));
    }

    #[test]
    fn a_dead_task_is_an_error_not_running_for_ever() {
        let ctx = egui::Context::default();
        let mut task: Task<u32> = Task::spawn("export", &ctx, |_| panic!("disk on fire"));
        let err = wait(&mut task).unwrap_err();
        assert!(err.contains("export stopped unexpectedly"), "{err}");
        assert!(err.contains("disk on fire"), "{err}");
    }

    #[test]
    fn a_cancelled_task_sees_it() {
        let ctx = egui::Context::default();
        let mut task: Task<&str> = Task::spawn("import", &ctx, |r| {
            for _ in 0..1000 {
                if r.cancelled() {
                    return Err("cancelled".into());
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            Ok("finished")
        });
        task.cancel();
        assert_eq!(wait(&mut task), Err("cancelled".to_string()));
    }
}
