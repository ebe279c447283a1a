//! Names and types as a statement writes them, before the catalog resolves them: shared by
//! the lowered statements (`cmd`) and the lowered queries (`sql`).

use crate::ir::PgType;
use crate::span::Span;

/// A possibly schema-qualified name as written (already case-folded).
#[derive(Debug, Clone, PartialEq)]
pub struct ObjName {
    pub schema: Option<String>,
    pub name: String,
    pub span: Span,
}

/// A type as written, before the catalog resolves user-defined names.
#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    Known(PgType),
    /// A name that is not a built-in type: an enum, composite, domain or extension type.
    Named {
        name: ObjName,
        modifiers: Vec<String>,
        array_dims: u32,
    },
}
