//! Extensions: CREATE and DROP EXTENSION (what an extension creates is in `builtin/`).

use super::{Catalog, DropTarget};
use crate::diag::{codes, Diagnostic};
use crate::ir::Extension;
use crate::span::Span;

impl Catalog {
    pub(super) fn create_extension(
        &mut self,
        name: &str,
        schema: &Option<String>,
        if_not_exists: bool,
        span: Span,
    ) {
        if self.schema.extensions.contains_key(name) {
            if !if_not_exists {
                let d = Diagnostic::error(
                    codes::DUPLICATE_OBJECT,
                    format!("extension \"{name}\" already exists"),
                )
                .at(span, "created again here")
                .help("use CREATE EXTENSION IF NOT EXISTS");
                self.error(d);
            }
            return;
        }
        let schema = match schema {
            Some(s) => {
                if !self.schema.schemas.contains_key(s) {
                    let d = Diagnostic::error(
                        codes::UNKNOWN_SCHEMA,
                        format!("schema \"{s}\" does not exist"),
                    )
                    .at(span, "extension schema missing")
                    .help(self.missing_schema_help(s));
                    self.error(d);
                    return;
                }
                s.clone()
            }
            None => self.default_extension_schema(name, span),
        };
        self.schema.extensions.insert(
            name.to_string(),
            Extension {
                name: name.to_string(),
                schema,
                span,
            },
        );
    }

    /// Where `CREATE EXTENSION` without `WITH SCHEMA` installs: the schema its control file
    /// names (created when missing), else the first existing schema of the search path.
    fn default_extension_schema(&mut self, name: &str, span: Span) -> String {
        if let Some(home) = crate::builtin::extension_home_schema(name) {
            self.create_schema(home, true, span);
            return home.to_string();
        }
        match self
            .search_path
            .iter()
            .find(|s| self.schema.schemas.contains_key(*s))
        {
            Some(s) => s.clone(),
            None => "public".into(),
        }
    }

    /// `DROP EXTENSION` of one name.
    pub(super) fn drop_extension(&mut self, d: &DropTarget) {
        let DropTarget { n, .. } = *d;
        if self.schema.extensions.remove(&n.name).is_none() {
            self.nothing_to_drop(d, "extension");
        }
    }
}
