//! Compare the two sides kind by kind: matched, mismatched, and "not compared" (what the
//! model cannot know offline, listed, never counted as a match).

use super::introspect::Db;
use super::probe::Probed;
use super::records::{db_side, model_side, KINDS};
use schema::diag::{codes, Diagnostic};
use schema::ir::Schema;
use schema::span::Span;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct KindResult {
    pub kind: String,
    pub compared: usize,
    pub matched: usize,
    pub mismatched: usize,
    pub not_compared: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Mismatch {
    pub kind: String,
    pub key: String,
    pub model: Option<String>,
    pub postgres: Option<String>,
    #[serde(skip)]
    pub span: Option<Span>,
}

#[derive(Debug, Default)]
pub struct Report {
    pub kinds: Vec<KindResult>,
    pub mismatches: Vec<Mismatch>,
    /// Base objects or preludes PostgreSQL refused (then no migration was applied).
    pub rejected: Vec<Diagnostic>,
    /// Statements of the migrations PostgreSQL refused, set against pgforge's errors.
    pub verdict: super::referee::Verdict,
    /// Model expressions PostgreSQL refused when probed: (kind, key, message).
    pub probe_rejected: Vec<(String, String, String)>,
}

impl Report {
    pub fn ok(&self) -> bool {
        self.rejected.is_empty()
            && self.mismatches.is_empty()
            && self.verdict.diagnostics.is_empty()
    }

    /// Everything PostgreSQL refused (E0401): base objects, then migration statements.
    pub fn refused(&self) -> Vec<&Diagnostic> {
        self.rejected
            .iter()
            .chain(&self.verdict.diagnostics)
            .filter(|d| d.code == codes::REJECTED_BY_POSTGRES)
            .collect()
    }

    /// Whether the server lacked something a migration needs (an extension): then pgforge
    /// and PostgreSQL could not be compared.
    pub fn could_not_compare(&self) -> bool {
        !self.verdict.environment.is_empty()
            || self
                .rejected
                .iter()
                .any(|d| super::referee::is_environment(&d.message))
    }

    /// The last line `verify` prints.
    pub fn conclusion(&self) -> String {
        let v = &self.verdict;
        let differ = if self.mismatches.is_empty() {
            "the rest matches"
        } else {
            "the model and PostgreSQL differ"
        };
        if v.disagreements() > 0 {
            return format!(
                "failed: pgforge and PostgreSQL disagree on {} statement(s): {} PostgreSQL refused that pgforge did not see, {} pgforge reported that PostgreSQL accepted",
                v.disagreements(),
                v.missed,
                v.false_errors
            );
        }
        if self.could_not_compare() {
            let mut lacks: Vec<&str> = v.environment.iter().map(String::as_str).collect();
            lacks.extend(self.rejected.iter().map(|d| d.message.as_str()));
            return format!(
                "could not compare all: this PostgreSQL cannot run {} statement(s) ({}); what they define was not compared, {differ}",
                self.refused().len(),
                lacks.first().copied().unwrap_or_default()
            );
        }
        if !self.refused().is_empty() {
            return format!(
                "failed: PostgreSQL refused {} statement(s); pgforge reported {} of them too, {} follow from an earlier refusal; {differ}",
                self.refused().len(),
                v.agreed,
                v.follow_on
            );
        }
        if self.mismatches.is_empty() {
            "ok: the model matches PostgreSQL".into()
        } else {
            "failed: the model and PostgreSQL differ".into()
        }
    }

    /// Mismatches as diagnostics pointing at the migration that defined the object.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut out = self.rejected.clone();
        out.extend(self.verdict.diagnostics.iter().cloned());
        for m in &self.mismatches {
            let msg = match (&m.model, &m.postgres) {
                (Some(a), Some(b)) => format!(
                    "{} {}: the model has `{a}`, PostgreSQL has `{b}`",
                    m.kind, m.key
                ),
                (Some(a), None) => format!(
                    "{} {}: in the model (`{a}`) but not in PostgreSQL",
                    m.kind, m.key
                ),
                (None, Some(b)) => format!(
                    "{} {}: in PostgreSQL (`{b}`) but not in the model",
                    m.kind, m.key
                ),
                (None, None) => format!("{} {}", m.kind, m.key),
            };
            let mut d = Diagnostic::error(codes::VERIFY_MISMATCH, msg);
            if let Some(s) = m.span {
                d = d.at(s, "defined here");
            }
            if let Some((_, _, why)) = self.probe_rejected.iter().find(|(_, k, _)| k == &m.key) {
                d = d.note(format!("PostgreSQL rejected the model's expression: {why}"));
            }
            out.push(d);
        }
        out
    }

    pub fn table(&self) -> String {
        let mut s = format!(
            "{:<20} {:>9} {:>9} {:>11} {:>13}\n",
            "kind", "compared", "matched", "mismatched", "not compared"
        );
        let mut t = (0, 0, 0, 0);
        for k in &self.kinds {
            s.push_str(&format!(
                "{:<20} {:>9} {:>9} {:>11} {:>13}\n",
                k.kind, k.compared, k.matched, k.mismatched, k.not_compared
            ));
            t = (
                t.0 + k.compared,
                t.1 + k.matched,
                t.2 + k.mismatched,
                t.3 + k.not_compared,
            );
        }
        s.push_str(&format!(
            "{:<20} {:>9} {:>9} {:>11} {:>13}\n",
            "total", t.0, t.1, t.2, t.3
        ));
        s
    }
}

/// Compare kind by kind. `refused`: the statements PostgreSQL refused; a model object one of
/// them defines cannot be in PostgreSQL, so it is not compared (listed in the refusals).
pub fn compare(
    m: &Schema,
    db: &Db,
    probed: &Probed,
    refused: &[(schema::span::FileId, usize, usize)],
    report: &mut Report,
) {
    let in_refused = |span: Option<Span>| {
        span.is_some_and(|s| {
            refused
                .iter()
                .any(|&(f, start, end)| s.file == f && (start..=end).contains(&(s.start as usize)))
        })
    };
    let model = model_side(m, probed);
    let pg = db_side(db);
    report.probe_rejected = probed.rejected.clone();
    for &kind in KINDS {
        let empty = Default::default();
        let a = model.kinds.get(kind).unwrap_or(&empty);
        let b = pg.kinds.get(kind).unwrap_or(&empty);
        let unknown: Vec<&String> = model
            .unknown
            .get(kind)
            .map(|v| v.iter().collect())
            .unwrap_or_default();
        let mut r = KindResult {
            kind: kind.to_string(),
            compared: 0,
            matched: 0,
            mismatched: 0,
            not_compared: unknown.len(),
        };
        let keys: std::collections::BTreeSet<&String> = a
            .keys()
            .chain(b.keys())
            .filter(|k| !unknown.contains(k))
            .collect();
        let opaque = model.opaque.get(kind);
        for key in keys {
            let unseen = !a.contains_key(key)
                && opaque.is_some_and(|ps| ps.iter().any(|p| key.starts_with(p.as_str())));
            if unseen {
                r.not_compared += 1;
                continue;
            }
            if in_refused(a.get(key).and_then(|v| v.1)) {
                r.not_compared += 1;
                continue;
            }
            r.compared += 1;
            match (a.get(key), b.get(key)) {
                (Some((x, _)), Some((y, _))) if x == y => r.matched += 1,
                (x, y) => {
                    r.mismatched += 1;
                    report.mismatches.push(Mismatch {
                        kind: kind.to_string(),
                        key: key.clone(),
                        model: x.map(|v| v.0.clone()),
                        postgres: y.map(|v| v.0.clone()),
                        span: x.and_then(|v| v.1),
                    });
                }
            }
        }
        report.kinds.push(r);
    }
}
