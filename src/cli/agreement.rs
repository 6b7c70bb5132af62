//! The subcommands that compare annotators and settle gold: `agree`, `disagreements`,
//! `adjudicate`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;

use super::{open, open_to_read};
use crate::workspace::Workspace;

/// The annotators named on the command line, or every layer but gold and suggested; at least two.
fn compared_annotators(ws: &Workspace, annotators: Option<&str>) -> anyhow::Result<Vec<String>> {
    let known = ws.store.annotators()?;
    let chosen: Vec<String> = match annotators {
        Some(list) => list
            .split(',')
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        None => ws.comparable_annotators()?,
    };
    for name in &chosen {
        if !known.contains(name) {
            bail!(
                "the project has no annotator '{name}' (layers: {})",
                known.join(", ")
            );
        }
    }
    if chosen.len() < 2 {
        bail!(
            "agreement needs at least two annotators; the project has {}",
            if chosen.is_empty() {
                "none".into()
            } else {
                chosen.join(", ")
            }
        );
    }
    Ok(chosen)
}

pub(super) fn disagreements(
    project: &Path,
    doc: Option<&str>,
    annotators: Option<&str>,
    json: bool,
) -> anyhow::Result<ExitCode> {
    let ws = open_to_read(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let ids = match doc {
        Some(id) => vec![ws.store.document(id)?.id],
        None => ws.store.document_ids()?,
    };
    let mut documents = Vec::new();
    let mut out = std::io::stdout().lock();
    for id in ids {
        let record = ws.store.record(&id, &crate::store::LayerFilter::All)?;
        if !chosen
            .iter()
            .all(|a| crate::agreement::has_annotated(&record, a))
        {
            continue;
        }
        let c = crate::review::compare(&record, &chosen);
        if json {
            let list: Vec<serde_json::Value> = c
                .disagreements
                .iter()
                .map(|d| {
                    serde_json::json!({"kind": d.kind.name(), "start": d.start, "end": d.end,
                        "versions": d.versions.iter().map(version_json).collect::<Vec<_>>()})
                })
                .collect();
            documents
                .push(serde_json::json!({"id": id, "agreed": c.agreed, "disagreements": list}));
            continue;
        }
        writeln!(
            out,
            "{id}: {} agreed, {} disagreements",
            c.agreed,
            c.disagreements.len()
        )?;
        for d in &c.disagreements {
            let versions: Vec<String> = d.versions.iter().map(|v| version_line(d, v)).collect();
            writeln!(
                out,
                "  {:>6}–{:<6} {:<17} {}",
                d.start,
                d.end,
                d.kind.name(),
                versions.join(" | ")
            )?;
        }
    }
    if json {
        let report = serde_json::json!({"annotators": chosen, "documents": documents});
        writeln!(out, "{report}")?;
    }
    Ok(ExitCode::SUCCESS)
}

/// One annotator's version of a disagreement in `disagreements --json`.
fn version_json(v: &crate::review::Version) -> serde_json::Value {
    let links: Vec<serde_json::Value> = v
        .links
        .iter()
        .map(|(kind, t)| serde_json::json!({"type": kind, "label": t.label, "text": t.text}))
        .collect();
    match &v.annotation {
        Some(a) => serde_json::json!({"annotator": v.annotator, "label": a.label,
            "fragments": a.fragments.iter().map(|f| [f.start, f.end]).collect::<Vec<_>>(),
            "text": a.text, "links": links}),
        None => serde_json::json!({"annotator": v.annotator, "label": null}),
    }
}

/// One annotator's version of a disagreement as text: `anna: quote «…»`, with the links of a
/// link disagreement.
fn version_line(d: &crate::review::Disagreement, v: &crate::review::Version) -> String {
    let mut line = format!(
        "{}: {}",
        v.annotator,
        v.annotation.as_ref().map_or("nothing".to_string(), |a| {
            format!("{} «{}»", a.label, a.text)
        })
    );
    if matches!(d.kind, crate::review::Kind::Link(_)) {
        for (_, t) in &v.links {
            line.push_str(&format!(" → {} «{}»", t.label, t.text));
        }
    }
    line
}

pub(super) fn adjudicate(project: &Path, annotators: Option<&str>) -> anyhow::Result<ExitCode> {
    let mut ws = open(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let crate::workspace::AgreedAdded {
        documents,
        annotations,
        links,
    } = ws.accept_agreed_everywhere(&chosen)?;
    eprintln!(
        "gold: added {annotations} annotations and {links} links that {} all agree on, in {documents} documents",
        chosen.join(", ")
    );
    Ok(ExitCode::SUCCESS)
}

pub(super) fn agree(
    project: &Path,
    annotators: Option<&str>,
    json: bool,
    options: crate::agreement::AgreementOptions,
) -> anyhow::Result<ExitCode> {
    let ws = open_to_read(project)?;
    let chosen = compared_annotators(&ws, annotators)?;
    let labels: Vec<String> = ws.schema().labels.iter().map(|l| l.name.clone()).collect();
    if options.gamma.is_some_and(|(samples, _)| samples == 0) {
        bail!("--gamma-samples must be at least 1");
    }
    let report = ws.agreement_with(&chosen, options)?;
    if json {
        println!("{}", serde_json::to_string(&report)?);
        return Ok(ExitCode::SUCCESS);
    }
    let fmt = crate::agreement::figure;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{} annotators, {} documents annotated by all of them\n",
        report.annotators.len(),
        report.documents
    )?;
    write!(out, "{:<28}{:>10}", "", "micro")?;
    for l in &labels {
        write!(out, "{l:>10}")?;
    }
    writeln!(out)?;
    for p in &report.pairs {
        write_pair(&mut out, p, &labels)?;
    }
    write!(
        out,
        "{:<28}{:>10}",
        "alpha_u (all)",
        fmt(report.alpha_u.overall)
    )?;
    for l in &labels {
        write!(
            out,
            "{:>10}",
            fmt(report.alpha_u.per_label.get(l).copied().flatten())
        )?;
    }
    writeln!(out)?;
    write_worst_documents(&mut out, &report)?;
    for n in &report.notes {
        writeln!(out, "note: {n}")?;
    }
    writeln!(out, "{}", report.accepted_line("--exclude-accepted"))?;
    Ok(ExitCode::SUCCESS)
}

/// One pair's lines of the agreement table.
fn write_pair(
    out: &mut impl Write,
    p: &crate::agreement::PairReport,
    labels: &[String],
) -> anyhow::Result<()> {
    let fmt = crate::agreement::figure;
    for (name, f) in [("F1 exact", &p.f1_exact), ("F1 overlap", &p.f1_overlap)] {
        write!(
            out,
            "{:<28}{:>10}",
            format!("{}/{} {name}", p.a, p.b),
            fmt(f.micro)
        )?;
        for l in labels {
            write!(out, "{:>10}", fmt(f.per_label.get(l).copied().flatten()))?;
        }
        writeln!(out)?;
    }
    for (kind, v) in &p.relations {
        writeln!(
            out,
            "{:<28}{:>10}",
            format!("{}/{} {kind} links", p.a, p.b),
            fmt(*v)
        )?;
    }
    if let Some(g) = &p.gamma {
        writeln!(
            out,
            "{:<28}{:>10}   (mean over {} documents; {} samples, seed {})",
            format!("{}/{} gamma", p.a, p.b),
            fmt(g.mean),
            g.documents.iter().filter(|d| d.gamma.is_some()).count(),
            g.samples,
            g.seed
        )?;
    }
    write!(out, "{:<28}{:>10}", format!("{}/{} kappa", p.a, p.b), "")?;
    for l in labels {
        write!(out, "{:>10}", fmt(p.kappa.get(l).copied().flatten()))?;
    }
    writeln!(out)?;
    Ok(())
}

/// The ten documents of lowest agreement.
fn write_worst_documents(
    out: &mut impl Write,
    report: &crate::agreement::AgreementReport,
) -> anyhow::Result<()> {
    let fmt = crate::agreement::figure;
    if !report.per_document.is_empty() {
        writeln!(
            out,
            "\nlowest agreement first (F1 overlap, F1 exact, alpha_u, disagreements):"
        )?;
        for d in report.per_document.iter().take(10) {
            writeln!(
                out,
                "  {:>7} {:>7} {:>7} {:>4}  {} ({})",
                fmt(d.f1_overlap),
                fmt(d.f1_exact),
                fmt(d.alpha_u),
                d.disagreements,
                d.title,
                d.id
            )?;
        }
    }
    Ok(())
}
