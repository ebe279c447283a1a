//! The typed schema model: what PostgreSQL would hold after applying every migration.
//! Emitters read only this. Its JSON shape (`pgforge ir`) is documented in ARCHITECTURE.md;
//! maps are sorted, so the output is stable.

pub mod dump;
mod pgtype;
mod privileges;
mod span_serde;
mod storage;

pub use pgtype::{quote_ident, PgType, TypeClass};
pub use privileges::{Acl, AclKind, DefaultPrivileges, Privilege};
pub use storage::Bucket;

use crate::span::{Location, SourceFile, Span};
use serde::Serialize;
use std::collections::BTreeMap;

/// A schema-qualified name, already case-folded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct QualName {
    pub schema: String,
    pub name: String,
}

impl QualName {
    pub fn new(schema: impl Into<String>, name: impl Into<String>) -> Self {
        QualName {
            schema: schema.into(),
            name: name.into(),
        }
    }
}

impl std::fmt::Display for QualName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.schema, self.name)
    }
}

/// The whole model.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Schema {
    /// Format version of this JSON shape.
    pub format: u32,
    /// Migration file names in apply order; spans refer to them by index.
    pub files: Vec<String>,
    pub schemas: BTreeMap<String, Namespace>,
    pub extensions: BTreeMap<String, Extension>,
    /// `ALTER DEFAULT PRIVILEGES` of the role the migrations run as.
    pub default_privileges: DefaultPrivileges,
    /// Supabase Storage buckets the migrations insert, by id.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub buckets: BTreeMap<String, Bucket>,
    #[serde(skip)]
    pub sources: Vec<SourceFile>,
    /// Statements that change a table created by an earlier migration in a way that locks
    /// or breaks it on a live database (the migration-safety lint rules read them).
    #[serde(skip)]
    pub hazards: Vec<Hazard>,
}

/// The migration-safety rule names, one per kind of hazard.
pub mod hazard_rule {
    pub const CONCURRENT_INDEX: &str = "require_concurrent_index_creation";
    pub const REQUIRED_FIELD: &str = "adding_required_field";
    pub const NOT_VALID: &str = "constraint_missing_not_valid";
    pub const COLUMN_TYPE: &str = "changing_column_type";
    pub const RENAME_COLUMN: &str = "renaming_column";
    pub const RENAME_TABLE: &str = "renaming_table";
    pub const DROP_COLUMN: &str = "ban_drop_column";
}

/// A migration-safety hazard: a statement that changes a table an earlier migration created.
#[derive(Debug, Clone)]
pub struct Hazard {
    /// The lint rule it is for (`require_concurrent_index_creation`, …).
    pub rule: &'static str,
    pub span: Span,
    /// The table, `schema.name`.
    pub table: String,
    /// What the statement does, for the message (`adds NOT NULL column "email"`).
    pub what: String,
    /// What else it reaches, one clause each (`CASCADE also drops view public.v`, the
    /// functions whose body names a dropped column).
    pub reach: Vec<String>,
}

impl Schema {
    /// Where a span points, as `file:line:col`.
    pub fn location(&self, span: Span) -> Option<Location> {
        let f = self.sources.get(span.file.0 as usize)?;
        let (line, col) = f.line_col(span.start as usize);
        Some(Location {
            file: f.name.clone(),
            line: line as u32,
            col: col as u32,
        })
    }
    /// The schemas that came from the migrations (not pgforge's built-in Supabase objects).
    pub fn user_schemas(&self) -> impl Iterator<Item = &Namespace> {
        self.schemas
            .values()
            .filter(|n| !n.builtin || n.has_user_objects())
    }
    pub fn table(&self, q: &QualName) -> Option<&Table> {
        self.schemas.get(&q.schema)?.tables.get(&q.name)
    }
    /// The schema an extension's objects are in: where it was created, else `public` (where
    /// PostgreSQL's own extensions go when created without a schema on a default search_path).
    pub fn extension_schema(&self, extension: &str) -> &str {
        self.extensions
            .get(extension)
            .map_or("public", |e| e.schema.as_str())
    }
    pub fn view(&self, q: &QualName) -> Option<&View> {
        self.schemas.get(&q.schema)?.views.get(&q.name)
    }
    pub fn index(&self, q: &QualName) -> Option<&Index> {
        self.schemas.get(&q.schema)?.indexes.get(&q.name)
    }
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Namespace {
    pub name: String,
    /// Created by pgforge's built-in Supabase definitions, not by a migration.
    pub builtin: bool,
    pub comment: Option<String>,
    pub tables: BTreeMap<String, Table>,
    pub views: BTreeMap<String, View>,
    pub types: BTreeMap<String, TypeDef>,
    /// Overloads of one name, sorted by argument types.
    pub functions: BTreeMap<String, Vec<Function>>,
    pub sequences: BTreeMap<String, Sequence>,
    pub indexes: BTreeMap<String, Index>,
    /// `CREATE AGGREGATE`s, overloads of one name together.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub aggregates: BTreeMap<String, Vec<Aggregate>>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

/// A user-defined aggregate: what a call of it needs to be typed.
#[derive(Debug, Clone, Serialize)]
pub struct Aggregate {
    pub schema: String,
    pub name: String,
    pub args: Vec<PgType>,
    /// The final function's result type, else the state type; `None` when the final
    /// function is not in the model.
    pub result: Option<PgType>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

impl Namespace {
    pub fn has_user_objects(&self) -> bool {
        self.tables
            .values()
            .any(|t| !t.builtin || t.has_user_additions())
            || self.views.values().any(|v| !v.builtin)
            || self.types.values().any(|t| !t.builtin)
            || self.functions.values().flatten().any(|f| !f.builtin)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TableKind {
    Ordinary,
    Partitioned,
    Foreign,
}

#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub schema: String,
    pub name: String,
    pub kind: TableKind,
    pub builtin: bool,
    pub columns: Vec<Column>,
    /// Sorted by name.
    pub constraints: Vec<Constraint>,
    pub rls_enabled: bool,
    pub rls_forced: bool,
    /// Sorted by name.
    pub policies: Vec<Policy>,
    /// Sorted by name.
    pub triggers: Vec<Trigger>,
    pub comment: Option<String>,
    pub partition_by: Option<String>,
    pub partition_of: Option<QualName>,
    pub partition_bound: Option<String>,
    pub inherits: Vec<QualName>,
    pub unlogged: bool,
    /// Table-level privileges of roles other than the owner.
    pub acl: Acl,
    /// Column-level privileges (`GRANT SELECT (a) ON t`), by column.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub column_acl: BTreeMap<String, Acl>,
    /// Some columns could not be derived (CREATE TABLE AS over a query pgforge cannot list
    /// the columns of): a column the model does not have may still exist.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub columns_unknown: bool,
    #[serde(with = "span_serde")]
    pub span: Span,
    /// The statements that changed the table after it was created, in order.
    #[serde(with = "span_serde::list")]
    pub changed: Vec<Span>,
}

impl Table {
    /// A built-in table (e.g. Supabase's `storage.objects`) that migrations added policies
    /// or triggers to: those are the project's own.
    pub fn has_user_additions(&self) -> bool {
        self.builtin && (!self.policies.is_empty() || !self.triggers.is_empty())
    }
    pub fn qual(&self) -> QualName {
        QualName::new(&self.schema, &self.name)
    }
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }
    pub fn primary_key(&self) -> Option<&Constraint> {
        self.constraints
            .iter()
            .find(|c| matches!(c.kind, ConstraintKind::PrimaryKey { .. }))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Column {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: PgType,
    pub not_null: bool,
    /// Default expression, as written in the migration.
    pub default: Option<String>,
    pub identity: Option<Identity>,
    pub generated: Option<Generated>,
    pub collation: Option<String>,
    pub comment: Option<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

impl Column {
    /// Whether PostgreSQL fills the column when an INSERT omits it.
    pub fn has_default(&self) -> bool {
        self.default.is_some() || self.identity.is_some() || self.generated.is_some()
    }
    /// Whether PostgreSQL computes the value and an INSERT cannot set it (generated, or
    /// identity ALWAYS).
    pub fn is_computed(&self) -> bool {
        self.generated.is_some()
            || self
                .identity
                .as_ref()
                .is_some_and(|i| i.kind == IdentityKind::Always)
    }
    /// Whether an INSERT may leave the column out (NULL allowed, or a default of any kind).
    pub fn optional_on_insert(&self) -> bool {
        !self.not_null || self.has_default()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum IdentityKind {
    Always,
    ByDefault,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Identity {
    pub kind: IdentityKind,
    /// Sequence options as written (`START WITH 100 INCREMENT BY 5`), if any.
    pub options: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Generated {
    pub expr: String,
    /// STORED (true) or VIRTUAL (false, PostgreSQL 18).
    pub stored: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Constraint {
    pub name: String,
    #[serde(flatten)]
    pub kind: ConstraintKind,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub not_valid: bool,
    pub comment: Option<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FkAction {
    NoAction,
    Restrict,
    Cascade,
    SetNull,
    SetDefault,
}

impl FkAction {
    pub fn as_sql(self) -> &'static str {
        match self {
            FkAction::NoAction => "no action",
            FkAction::Restrict => "restrict",
            FkAction::Cascade => "cascade",
            FkAction::SetNull => "set null",
            FkAction::SetDefault => "set default",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum ConstraintKind {
    PrimaryKey {
        columns: Vec<String>,
        include: Vec<String>,
    },
    Unique {
        columns: Vec<String>,
        include: Vec<String>,
        nulls_not_distinct: bool,
    },
    ForeignKey {
        columns: Vec<String>,
        references: QualName,
        referenced_columns: Vec<String>,
        on_delete: FkAction,
        on_update: FkAction,
        match_full: bool,
    },
    /// `columns`: the table's columns the expression uses (dropping one drops the check).
    Check {
        expr: String,
        columns: Vec<String>,
    },
    Exclude {
        definition: String,
    },
}

impl ConstraintKind {
    pub fn columns(&self) -> &[String] {
        match self {
            ConstraintKind::PrimaryKey { columns, .. }
            | ConstraintKind::Unique { columns, .. }
            | ConstraintKind::ForeignKey { columns, .. }
            | ConstraintKind::Check { columns, .. } => columns,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Index {
    pub name: String,
    pub table: QualName,
    pub unique: bool,
    pub method: String,
    pub keys: Vec<IndexKey>,
    pub include: Vec<String>,
    /// Partial index predicate, as written.
    pub predicate: Option<String>,
    pub nulls_not_distinct: bool,
    /// Storage parameters, as written inside `WITH (…)` (`lists = 100`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub with: Option<String>,
    /// The constraint this index backs (primary key, unique, exclude), if any.
    pub constraint: Option<String>,
    /// Every table column the index uses (keys, expressions, INCLUDE, predicate): dropping
    /// one of them drops the index.
    pub columns: Vec<String>,
    /// Created `ON ONLY` a partitioned table: partitions do not get a copy.
    pub only: bool,
    pub comment: Option<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum IndexKey {
    Column {
        name: String,
        /// `COLLATE`, as SQL (quoted where needed).
        #[serde(skip_serializing_if = "Option::is_none")]
        collation: Option<String>,
        opclass: Option<String>,
        descending: bool,
        /// `NULLS FIRST` (true) / `NULLS LAST` (false), when written.
        #[serde(skip_serializing_if = "Option::is_none")]
        nulls_first: Option<bool>,
    },
    Expression {
        expr: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        collation: Option<String>,
        opclass: Option<String>,
        descending: bool,
        #[serde(skip_serializing_if = "Option::is_none")]
        nulls_first: Option<bool>,
    },
}

/// `name [COLLATE c] [opclass] [DESC] [NULLS FIRST|LAST]` (or `(expr) …`), as in CREATE INDEX.
impl std::fmt::Display for IndexKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (head, collation, opclass, descending, nulls_first) = match self {
            IndexKey::Column {
                name,
                collation,
                opclass,
                descending,
                nulls_first,
            } => (name.clone(), collation, opclass, descending, nulls_first),
            // A trailing newline keeps a `--` comment at the end of the expression from
            // swallowing the closing parenthesis.
            IndexKey::Expression {
                expr,
                collation,
                opclass,
                descending,
                nulls_first,
            } => (
                if expr.contains("--") {
                    format!("({expr}\n)")
                } else {
                    format!("({expr})")
                },
                collation,
                opclass,
                descending,
                nulls_first,
            ),
        };
        write!(f, "{head}")?;
        if let Some(c) = collation {
            write!(f, " COLLATE {c}")?;
        }
        if let Some(o) = opclass {
            write!(f, " {o}")?;
        }
        if *descending {
            write!(f, " DESC")?;
        }
        match nulls_first {
            Some(true) => write!(f, " NULLS FIRST"),
            Some(false) => write!(f, " NULLS LAST"),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicyCommand {
    All,
    Select,
    Insert,
    Update,
    Delete,
}

impl PolicyCommand {
    pub fn as_sql(self) -> &'static str {
        match self {
            PolicyCommand::All => "all",
            PolicyCommand::Select => "select",
            PolicyCommand::Insert => "insert",
            PolicyCommand::Update => "update",
            PolicyCommand::Delete => "delete",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Policy {
    pub name: String,
    pub command: PolicyCommand,
    pub permissive: bool,
    /// Role names; `public` when the policy names none.
    pub roles: Vec<String>,
    pub using: Option<String>,
    pub with_check: Option<String>,
    pub comment: Option<String>,
    /// The table columns its expressions read (as for `View::depends`).
    #[serde(skip)]
    pub depends: Vec<(QualName, String)>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TriggerTiming {
    Before,
    After,
    InsteadOf,
}

impl TriggerTiming {
    pub fn as_sql(self) -> &'static str {
        match self {
            TriggerTiming::Before => "before",
            TriggerTiming::After => "after",
            TriggerTiming::InsteadOf => "instead of",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Trigger {
    pub name: String,
    pub timing: TriggerTiming,
    /// `insert`, `update`, `update of a, b`, `delete`, `truncate`.
    pub events: Vec<String>,
    pub for_each_row: bool,
    pub when: Option<String>,
    pub function: QualName,
    pub arguments: Vec<String>,
    pub comment: Option<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct ViewColumn {
    pub name: String,
    /// The type, where the query makes it derivable offline.
    #[serde(rename = "type")]
    pub ty: Option<PgType>,
    /// The table column it passes through unchanged, if any.
    pub source: Option<(QualName, String)>,
    /// PostgreSQL writes through this column without a trigger (the view is automatically
    /// updatable and the column is a plain reference to an updatable column).
    pub updatable: bool,
    /// The query analyzer proved the column never NULL (PostgreSQL itself reports every view
    /// column as nullable).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub not_null: bool,
    /// `COMMENT ON COLUMN view.column`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub schema: String,
    pub name: String,
    pub materialized: bool,
    pub builtin: bool,
    pub columns: Vec<ViewColumn>,
    /// `*` over something in FROM whose columns pgforge does not know (a function, a
    /// subquery it cannot expand): `columns` lacks those.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub columns_unknown: bool,
    /// PostgreSQL writes through the view without triggers or rules ("automatically
    /// updatable": one table or updatable view in FROM, no aggregates, …, and at least one
    /// updatable column).
    pub updatable: bool,
    /// Triggers on the view (INSTEAD OF), sorted by name.
    pub triggers: Vec<Trigger>,
    /// The defining query, as written.
    pub definition: String,
    pub options: Vec<(String, String)>,
    pub comment: Option<String>,
    /// Privileges of roles other than the owner.
    pub acl: Acl,
    /// The table columns its query reads, where the analyzer resolved all of it (what
    /// PostgreSQL records in pg_depend: DROP COLUMN of one needs CASCADE).
    #[serde(skip)]
    pub depends: Vec<(QualName, String)>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum TypeKind {
    Enum {
        values: Vec<String>,
    },
    Composite {
        attributes: Vec<Attribute>,
    },
    Domain {
        base: PgType,
        not_null: bool,
        default: Option<String>,
        checks: Vec<String>,
    },
    Range {
        subtype: PgType,
    },
    /// A shell type (`CREATE TYPE name;`) or a base type defined by C functions.
    Base,
}

impl TypeKind {
    /// The class a `PgType::User` of this kind has; `None` for a base type (an extension's).
    pub fn class(&self) -> Option<TypeClass> {
        Some(match self {
            TypeKind::Enum { .. } => TypeClass::Enum,
            TypeKind::Composite { .. } => TypeClass::Composite,
            TypeKind::Domain { .. } => TypeClass::Domain,
            TypeKind::Range { .. } => TypeClass::Range,
            TypeKind::Base => return None,
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Attribute {
    pub name: String,
    #[serde(rename = "type")]
    pub ty: PgType,
}

#[derive(Debug, Clone, Serialize)]
pub struct TypeDef {
    pub schema: String,
    pub name: String,
    #[serde(flatten)]
    pub kind: TypeKind,
    pub builtin: bool,
    pub comment: Option<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ArgMode {
    In,
    Out,
    InOut,
    Variadic,
}

#[derive(Debug, Clone, Serialize)]
pub struct Arg {
    pub name: Option<String>,
    pub mode: ArgMode,
    #[serde(rename = "type")]
    pub ty: PgType,
    pub default: Option<String>,
}

/// `[OUT|INOUT|VARIADIC ][name ]type[ DEFAULT expr]`, as in CREATE FUNCTION.
impl std::fmt::Display for Arg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mode = match self.mode {
            ArgMode::In => "",
            ArgMode::Out => "OUT ",
            ArgMode::InOut => "INOUT ",
            ArgMode::Variadic => "VARIADIC ",
        };
        write!(f, "{mode}")?;
        if let Some(n) = &self.name {
            write!(f, "{n} ")?;
        }
        write!(f, "{}", self.ty)?;
        if let Some(d) = &self.default {
            write!(f, " DEFAULT {d}")?;
        }
        Ok(())
    }
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Returns {
    /// Procedures return nothing.
    None,
    Type {
        #[serde(rename = "type")]
        ty: PgType,
        setof: bool,
    },
    Table {
        columns: Vec<Attribute>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Volatility {
    Immutable,
    Stable,
    Volatile,
}

impl Volatility {
    pub fn as_sql(self) -> &'static str {
        match self {
            Volatility::Immutable => "immutable",
            Volatility::Stable => "stable",
            Volatility::Volatile => "volatile",
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Function {
    pub schema: String,
    pub name: String,
    pub procedure: bool,
    pub args: Vec<Arg>,
    pub returns: Returns,
    pub language: String,
    pub volatility: Volatility,
    pub security_definer: bool,
    pub strict: bool,
    pub rows: Option<f64>,
    /// Configuration parameters it sets (`SET search_path = …`), lower case.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub settings: Vec<String>,
    pub builtin: bool,
    pub comment: Option<String>,
    /// Privileges of roles other than the owner (PUBLIC may EXECUTE unless revoked).
    pub acl: Acl,
    /// The identifiers its body names (`sql` and `plpgsql`): what it may read, which
    /// PostgreSQL does not record as a dependency (the migration-safety notes use it).
    #[serde(skip)]
    pub body_names: std::collections::BTreeSet<String>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

impl Function {
    /// The input argument types, as PostgreSQL identifies an overload.
    pub fn signature(&self) -> String {
        let args: Vec<String> = self
            .args
            .iter()
            .filter(|a| a.mode != ArgMode::Out)
            .map(|a| a.ty.to_string())
            .collect();
        format!("{}({})", self.name, args.join(", "))
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sequence {
    pub schema: String,
    pub name: String,
    #[serde(rename = "type")]
    pub ty: PgType,
    pub owned_by: Option<(QualName, String)>,
    #[serde(with = "span_serde")]
    pub span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Extension {
    pub name: String,
    pub schema: String,
    #[serde(with = "span_serde")]
    pub span: Span,
}
