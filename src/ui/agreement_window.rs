//! The agreement screen: the figures of `spanbench agree` as a table and a chart, the label
//! confusion of a pair, and the documents with the lowest agreement first, each one click away
//! from its review. Computed in a background thread so the window never waits.

use std::path::PathBuf;

use egui::{Color32, RichText, ScrollArea, Ui};
use egui_plot::{Bar, BarChart, Legend, Plot};

use super::command::Command;
use super::tasks::Task;
use super::theme;
use crate::agreement::confusion::NONE;
use crate::agreement::{AgreementOptions, AgreementReport};
use crate::model::Schema;
use crate::workspace::Workspace;

/// Random continua per document for gamma in the window (as `agree --gamma`).
const GAMMA_SAMPLES: usize = 30;
/// Seed of gamma in the window (as `agree --gamma`).
const GAMMA_SEED: u64 = 1;

/// Where the figures are.
pub enum Figures {
    /// Being computed.
    Computing(Task<AgreementReport>),
    /// Ready.
    Ready(Box<AgreementReport>),
    /// The computation failed.
    Failed(String),
}

/// The agreement screen's state.
pub struct AgreementScreen {
    /// Annotators who can be compared.
    pub candidates: Vec<String>,
    /// Those compared.
    pub annotators: Vec<String>,
    /// The pair shown in the chart and the confusion matrix.
    pub pair: usize,
    /// Whether gamma is computed too (slower), and accepted suggestions left out.
    pub choice: AgreementChoice,
    /// The report.
    pub figures: Figures,
}

impl AgreementScreen {
    /// Starts computing the agreement of `annotators` in the project in `dir`.
    pub fn start(
        dir: PathBuf,
        candidates: Vec<String>,
        annotators: Vec<String>,
        choice: AgreementChoice,
        ctx: Option<egui::Context>,
    ) -> AgreementScreen {
        let who = annotators.clone();
        let ctx = ctx.unwrap_or_default();
        let task = Task::spawn("agreement computation", &ctx, move |_| {
            let options = AgreementOptions {
                gamma: choice.gamma.then_some((GAMMA_SAMPLES, GAMMA_SEED)),
                exclude_accepted: choice.exclude_accepted,
            };
            let ws = Workspace::open_for_reading(&dir).map_err(|e| e.to_string())?;
            ws.agreement_with(&who, options).map_err(|e| e.to_string())
        });
        AgreementScreen {
            candidates,
            annotators,
            pair: 0,
            choice,
            figures: Figures::Computing(task),
        }
    }

    /// Takes in the finished computation.
    pub fn poll(&mut self) {
        if let Figures::Computing(task) = &mut self.figures
            && let Some(result) = task.poll()
        {
            self.figures = match result {
                Ok(report) => Figures::Ready(Box::new(report)),
                Err(e) => Figures::Failed(e),
            };
        }
    }

    /// The report, once ready.
    pub fn report(&self) -> Option<&AgreementReport> {
        match &self.figures {
            Figures::Ready(r) => Some(r),
            _ => None,
        }
    }
}

use crate::agreement::figure as fmt;

/// What the agreement screen computes besides the standard figures.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct AgreementChoice {
    /// Gamma per pair (slower).
    pub gamma: bool,
    /// Leave out annotations accepted from suggestions.
    pub exclude_accepted: bool,
}

/// Draws the screen as a window.
pub fn show_agreement_screen(
    ctx: &egui::Context,
    screen: &mut AgreementScreen,
    schema: &Schema,
    commands: &mut Vec<Command>,
) {
    screen.poll();
    let mut open = true;
    egui::Window::new("Agreement")
        .open(&mut open)
        .default_size([900.0, 640.0])
        .resizable(true)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.horizontal_wrapped(|ui| {
                if let Some(next) =
                    super::panels::annotator_checkboxes(ui, &screen.candidates, &screen.annotators)
                {
                    commands.push(Command::CompareForAgreement(next, screen.choice));
                }
                ui.separator();
                let mut choice = screen.choice;
                let gamma = ui
                    .checkbox(&mut choice.gamma, "gamma (Mathet et al.; slower)")
                    .on_hover_text(
                        "Seeded: the same data give the same value, as `spanbench agree --gamma`",
                    );
                let accepted = ui
                    .checkbox(&mut choice.exclude_accepted, "leave out accepted suggestions")
                    .on_hover_text(
                        "Agreement without the annotations taken from suggestions, as `spanbench agree --exclude-accepted`",
                    );
                if gamma.changed() || accepted.changed() {
                    commands.push(Command::CompareForAgreement(
                        screen.annotators.clone(),
                        choice,
                    ));
                }
            });
            if screen.annotators.len() < 2 {
                ui.label("Choose at least two annotators.");
                return;
            }
            match &screen.figures {
                Figures::Computing(_) => {
                    ui.horizontal(|ui| {
                        ui.spinner();
                        ui.label("Computing agreement…");
                    });
                }
                Figures::Failed(e) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("Could not compute the agreement: {e}"),
                    );
                }
                Figures::Ready(report) => {
                    let mut pair = screen.pair.min(report.pairs.len().saturating_sub(1));
                    ScrollArea::vertical()
                        .auto_shrink([false, false])
                        .show(ui, |ui| {
                            figures(ui, report, schema, &mut pair, commands);
                        });
                    screen.pair = pair;
                }
            }
        });
    if !open {
        commands.push(Command::ToggleAgreement);
    }
}

fn figures(
    ui: &mut Ui,
    report: &AgreementReport,
    schema: &Schema,
    pair: &mut usize,
    commands: &mut Vec<Command>,
) {
    let labels: Vec<String> = schema.labels.iter().map(|l| l.name.clone()).collect();
    ui.label(format!(
        "{} documents annotated by all of {}.",
        report.documents,
        report.annotators.join(", ")
    ));
    ui.weak(report.accepted_line("the box \"leave out accepted suggestions\""));
    ui.add_space(6.0);
    ui.heading("Figures");
    figure_table(ui, report, schema, &labels);
    ui.add_space(10.0);
    ui.heading("Documents, lowest agreement first");
    document_rows(ui, report, commands);
    if report.pairs.len() > 1 {
        ui.add_space(6.0);
        egui::ComboBox::new("agreement-pair", "pair in the chart and the matrix")
            .selected_text(format!(
                "{}/{}",
                report.pairs[*pair].a, report.pairs[*pair].b
            ))
            .show_ui(ui, |ui| {
                for (i, p) in report.pairs.iter().enumerate() {
                    ui.selectable_value(pair, i, format!("{}/{}", p.a, p.b));
                }
            });
    }
    let Some(p) = report.pairs.get(*pair) else {
        return;
    };
    ui.add_space(10.0);
    ui.heading(format!("Per label: {}/{}", p.a, p.b));
    chart(ui, report, *pair, &labels);
    ui.add_space(10.0);
    ui.heading(format!(
        "Label confusion: {} (rows) against {} (columns)",
        p.a, p.b
    ));
    ui.label(RichText::new("Annotations matched one to one by the largest overlap, whatever their label; (none): no partner.").weak());
    confusion_grid(ui, p, schema, &labels);
    if !report.notes.is_empty() {
        ui.add_space(8.0);
        egui::CollapsingHeader::new(format!(
            "Why some figures are empty ({})",
            report.notes.len()
        ))
        .show(ui, |ui| {
            for n in &report.notes {
                ui.label(n);
            }
        });
    }
}

/// Every figure per pair and label, and the figures over all annotators.
fn figure_table(ui: &mut Ui, report: &AgreementReport, schema: &Schema, labels: &[String]) {
    egui::Grid::new("agreement-table")
        .striped(true)
        .min_col_width(70.0)
        .show(ui, |ui| {
            ui.label("");
            ui.strong("all labels");
            for l in labels {
                ui.label(
                    RichText::new(l)
                        .color(theme::label_text(
                            schema,
                            l,
                            &ui.ctx().global_style().visuals,
                        ))
                        .strong(),
                );
            }
            ui.end_row();
            for p in &report.pairs {
                for (name, f) in [("F1 exact", &p.f1_exact), ("F1 overlap", &p.f1_overlap)] {
                    ui.label(format!("{}/{} {name}", p.a, p.b));
                    ui.label(fmt(f.micro));
                    for l in labels {
                        ui.label(fmt(f.per_label.get(l).copied().flatten()));
                    }
                    ui.end_row();
                }
                ui.label(format!("{}/{} Cohen's κ", p.a, p.b));
                ui.label("");
                for l in labels {
                    ui.label(fmt(p.kappa.get(l).copied().flatten()));
                }
                ui.end_row();
                for (kind, v) in &p.relations {
                    ui.label(format!("{}/{} {kind} links", p.a, p.b));
                    ui.label(fmt(*v));
                    ui.end_row();
                }
                if let Some(g) = &p.gamma {
                    ui.label(format!("{}/{} γ (mean of documents)", p.a, p.b));
                    ui.label(fmt(g.mean));
                    ui.end_row();
                }
            }
            ui.label("Krippendorff's α_U");
            ui.label(fmt(report.alpha_u.overall));
            for l in labels {
                ui.label(fmt(report.alpha_u.per_label.get(l).copied().flatten()));
            }
            ui.end_row();
            if report.annotators.len() > 2 {
                ui.label("Fleiss' κ");
                ui.label("");
                for l in labels {
                    ui.label(fmt(report.fleiss_kappa.get(l).copied().flatten()));
                }
                ui.end_row();
            }
            ui.label("Krippendorff's α (nominal)");
            ui.label("");
            for l in labels {
                ui.label(fmt(report
                    .alpha_nominal
                    .per_label
                    .get(l)
                    .copied()
                    .flatten()));
            }
            ui.end_row();
        });
}

/// Every compared document, the lowest agreement first, each with a way into its review;
/// laid out only where visible (a project may hold thousands).
fn document_rows(ui: &mut Ui, report: &AgreementReport, commands: &mut Vec<Command>) {
    let row_height = ui.spacing().interact_size.y + ui.spacing().item_spacing.y;
    let widths = [80.0, 80.0, 60.0, 100.0, 360.0];
    let cell = |ui: &mut Ui, width: f32, text: RichText| {
        ui.add_sized(
            [width, row_height - ui.spacing().item_spacing.y],
            egui::Label::new(text).truncate(),
        );
    };
    ui.horizontal(|ui| {
        for (w, name) in
            widths
                .iter()
                .zip(["F1 overlap", "F1 exact", "α_U", "disagreements", "document"])
        {
            cell(ui, *w, RichText::new(name).strong());
        }
    });
    ScrollArea::vertical()
        .id_salt("worst-documents")
        .max_height(320.0)
        .auto_shrink([false, true])
        .show_rows(ui, row_height, report.per_document.len(), |ui, rows| {
            for d in &report.per_document[rows] {
                ui.horizontal(|ui| {
                    let texts = [
                        fmt(d.f1_overlap),
                        fmt(d.f1_exact),
                        fmt(d.alpha_u),
                        d.disagreements.to_string(),
                        d.title.clone(),
                    ];
                    for (w, t) in widths.iter().zip(texts) {
                        cell(ui, *w, RichText::new(t));
                    }
                    if ui
                        .button("Review")
                        .on_hover_text(format!("Open {} in the review", d.id))
                        .clicked()
                    {
                        commands.push(Command::ReviewDocument(d.id.clone()));
                    }
                });
            }
        });
}

/// The label confusion of one pair: rows the reference's labels, columns the other's.
fn confusion_grid(
    ui: &mut Ui,
    p: &crate::agreement::PairReport,
    schema: &Schema,
    labels: &[String],
) {
    let mut rows: Vec<String> = labels.to_vec();
    rows.push(NONE.to_string());
    egui::Grid::new("confusion")
        .striped(true)
        .min_col_width(60.0)
        .show(ui, |ui| {
            ui.label("");
            for c in &rows {
                ui.strong(c);
            }
            ui.end_row();
            for r in &rows {
                ui.strong(r);
                for c in &rows {
                    let n = p
                        .confusion
                        .get(r)
                        .and_then(|m| m.get(c))
                        .copied()
                        .unwrap_or(0);
                    let text = RichText::new(n.to_string());
                    if r == c && r != NONE {
                        let visuals = &ui.ctx().global_style().visuals;
                        ui.label(text.strong().color(theme::label_text(schema, r, visuals)));
                    } else if n > 0 {
                        ui.label(text.color(Color32::from_rgb(0xCC, 0x79, 0xA7)));
                    } else {
                        ui.weak(text);
                    }
                }
                ui.end_row();
            }
        });
}

/// One series of the chart: its name, colour and value per label.
type Series<'a> = (&'a str, Color32, Box<dyn Fn(&str) -> Option<f64> + 'a>);

/// Grouped bars per label: F1 exact, F1 overlap (of the pair) and α_U.
fn chart(ui: &mut Ui, report: &AgreementReport, pair: usize, labels: &[String]) {
    let p = &report.pairs[pair];
    let series: [Series; 3] = [
        (
            "F1 exact",
            Color32::from_rgb(0x00, 0x72, 0xB2),
            Box::new(|l: &str| p.f1_exact.per_label.get(l).copied().flatten()),
        ),
        (
            "F1 overlap",
            Color32::from_rgb(0x56, 0xB4, 0xE9),
            Box::new(|l: &str| p.f1_overlap.per_label.get(l).copied().flatten()),
        ),
        (
            "α_U",
            Color32::from_rgb(0xE6, 0x9F, 0x00),
            Box::new(|l: &str| report.alpha_u.per_label.get(l).copied().flatten()),
        ),
    ];
    let names: Vec<String> = labels.to_vec();
    Plot::new("agreement-chart")
        .height(220.0)
        .legend(Legend::default())
        .allow_zoom(false)
        .allow_drag(false)
        .allow_scroll(false)
        .allow_boxed_zoom(false)
        .include_y(0.0)
        .include_y(1.25)
        .x_axis_formatter(move |mark, _| {
            let i = mark.value.round();
            if (mark.value - i).abs() < 1e-6 && i >= 0.0 {
                names.get(i as usize).cloned().unwrap_or_default()
            } else {
                String::new()
            }
        })
        .show(ui, |plot| {
            for (k, (name, colour, value)) in series.iter().enumerate() {
                let bars: Vec<Bar> = labels
                    .iter()
                    .enumerate()
                    .filter_map(|(i, l)| {
                        let v = value(l)?;
                        Some(
                            Bar::new(i as f64 + (k as f64 - 1.0) * 0.25, v)
                                .width(0.23)
                                .name(format!("{l} {name}")),
                        )
                    })
                    .collect();
                plot.bar_chart(BarChart::new(*name, bars).color(*colour));
            }
        });
}
