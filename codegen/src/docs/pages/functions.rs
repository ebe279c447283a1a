//! The functions page: signatures, results, volatility and bodies.

use super::super::markdown::{code, code_block};
use super::super::Links;
use super::{comment, type_cell};
use crate::output::OutputFile;
use askama::Template;
use schema::ir::{self, QualName, Returns, Schema, Volatility};

struct FunctionEntry {
    anchor: String,
    kind: String,
    name: String,
    comment: Option<String>,
    signature: String,
    facts: Vec<(String, String)>,
    defined_in: String,
}

#[derive(Template)]
#[template(path = "docs/functions.md", escape = "none")]
struct FunctionsPage {
    header: String,
    functions: Vec<FunctionEntry>,
}

pub(super) fn returns(f: &ir::Function, links: &Links, depth: usize) -> String {
    match &f.returns {
        Returns::None => "(procedure)".into(),
        Returns::Type { ty, setof } => format!(
            "{}{}",
            if *setof { "setof " } else { "" },
            type_cell(ty, links, depth)
        ),
        Returns::Table { columns } => code(&format!(
            "table ({})",
            columns
                .iter()
                .map(|c| format!("{} {}", c.name, c.ty))
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

pub fn functions(s: &Schema, links: &Links, header: &str) -> OutputFile {
    let mut functions = vec![];
    for ns in s.schemas.values() {
        for f in ns.functions.values().flatten().filter(|f| !f.builtin) {
            let q = QualName::new(&f.schema, &f.name);
            let args: Vec<String> = f.args.iter().map(ir::Arg::to_string).collect();
            let signature = code_block(
                "sql",
                &format!("{}.{}({})", f.schema, f.name, args.join(", ")),
            );
            let facts = vec![
                ("Returns".to_string(), returns(f, links, 0)),
                ("Language".into(), code(&f.language)),
                (
                    "Volatility".into(),
                    match f.volatility {
                        Volatility::Immutable => "immutable",
                        Volatility::Stable => "stable",
                        Volatility::Volatile => "volatile",
                    }
                    .into(),
                ),
                (
                    "Security".into(),
                    if f.security_definer {
                        "**definer** (runs with the owner's privileges)"
                    } else {
                        "invoker"
                    }
                    .into(),
                ),
                (
                    "Strict".into(),
                    if f.strict {
                        "yes (returns NULL on NULL input)"
                    } else {
                        "no"
                    }
                    .into(),
                ),
            ];
            functions.push(FunctionEntry {
                anchor: links
                    .function_anchor(&q, &f.signature())
                    .cloned()
                    .unwrap_or_default(),
                kind: if f.procedure { "Procedure" } else { "Function" }.into(),
                name: format!("{}.{}", f.schema, f.signature()),
                comment: comment(&f.comment),
                signature,
                facts,
                defined_in: links.at(s, f.span),
            });
        }
    }
    OutputFile {
        path: "functions.md".into(),
        contents: FunctionsPage {
            header: header.into(),
            functions,
        }
        .render()
        .expect("the functions template renders"),
    }
}
