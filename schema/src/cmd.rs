//! Lowered statements: what the front end hands the catalog. Plain data with spans, no
//! sqlparser types. One variant per thing the catalog knows how to replay.

use crate::ir::{ArgMode, FkAction, IdentityKind, PolicyCommand, TriggerTiming, Volatility};
use crate::span::Span;

pub use crate::written::{ObjName, TypeRef};

/// A column reference or function call found in an expression, for checks.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprRef {
    Column {
        qualifier: Option<String>,
        name: String,
        span: Span,
    },
    Function {
        name: ObjName,
        args: Vec<ExprArg>,
        span: Span,
    },
    /// `x::type` where the cast may not be immutable (e.g. timestamptz → date).
    Cast {
        from_column: Option<String>,
        to: TypeRef,
        span: Span,
    },
}

/// What is known of a function argument (enough for the immutability check).
#[derive(Debug, Clone, PartialEq)]
pub enum ExprArg {
    Column(String),
    Other,
}

/// An expression kept as source text plus what it references.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Expr {
    pub text: String,
    pub span: Span,
    pub refs: Vec<ExprRef>,
    /// The expression lowered for the analyzer (`None` when sqlparser cannot read it).
    pub tree: Option<Box<crate::sql::Expr>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ColumnDef {
    pub name: String,
    pub span: Span,
    pub ty: TypeRef,
    /// `serial`/`bigserial`: an owned sequence and a nextval default.
    pub serial: bool,
    pub not_null: bool,
    pub default: Option<Expr>,
    pub identity: Option<(IdentityKind, Option<String>)>,
    pub generated: Option<(Expr, bool)>,
    pub collation: Option<String>,
    /// Column-level constraints (PRIMARY KEY, UNIQUE, REFERENCES, CHECK).
    pub constraints: Vec<ConstraintDef>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ConstraintDef {
    pub name: Option<String>,
    pub span: Span,
    pub kind: ConstraintDefKind,
    pub deferrable: bool,
    pub initially_deferred: bool,
    pub not_valid: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ConstraintDefKind {
    PrimaryKey {
        columns: Vec<(String, Span)>,
        include: Vec<String>,
    },
    Unique {
        columns: Vec<(String, Span)>,
        include: Vec<String>,
        nulls_not_distinct: bool,
    },
    ForeignKey {
        columns: Vec<(String, Span)>,
        table: ObjName,
        referenced: Vec<(String, Span)>,
        on_delete: FkAction,
        on_update: FkAction,
        match_full: bool,
    },
    Check(Expr),
    Exclude(String),
    /// `NOT NULL` written as a table-level constraint (`CONSTRAINT x NOT NULL col`, PG 18).
    NotNull(String),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateTable {
    pub name: ObjName,
    pub if_not_exists: bool,
    pub columns: Vec<ColumnDef>,
    pub constraints: Vec<ConstraintDef>,
    pub partition_by: Option<String>,
    pub partition_of: Option<(ObjName, Option<String>)>,
    pub inherits: Vec<ObjName>,
    /// `(LIKE other INCLUDING …)` sources, with whether defaults/constraints/indexes come along.
    pub like: Vec<(ObjName, LikeOptions)>,
    pub foreign: bool,
    pub unlogged: bool,
    /// `CREATE TABLE … AS query`: columns come from the query.
    pub as_query: Option<QueryShape>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct LikeOptions {
    pub defaults: bool,
    pub constraints: bool,
    pub identity: bool,
    pub generated: bool,
    pub indexes: bool,
    pub comments: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AlterAction {
    AddColumn {
        if_not_exists: bool,
        column: Box<ColumnDef>,
    },
    DropColumn {
        name: String,
        span: Span,
        if_exists: bool,
        cascade: bool,
    },
    RenameColumn {
        from: String,
        to: String,
        span: Span,
    },
    AlterType {
        column: String,
        span: Span,
        ty: TypeRef,
    },
    SetNotNull {
        column: String,
        span: Span,
    },
    DropNotNull {
        column: String,
        span: Span,
    },
    SetDefault {
        column: String,
        span: Span,
        default: Expr,
    },
    DropDefault {
        column: String,
        span: Span,
    },
    AddIdentity {
        column: String,
        span: Span,
        kind: IdentityKind,
        options: Option<String>,
    },
    DropIdentity {
        column: String,
        span: Span,
        if_exists: bool,
    },
    DropExpression {
        column: String,
        span: Span,
    },
    AddConstraint(ConstraintDef),
    /// `ADD CONSTRAINT name PRIMARY KEY|UNIQUE USING INDEX idx`.
    AddConstraintUsingIndex {
        name: String,
        span: Span,
        index: String,
        primary: bool,
    },
    DropConstraint {
        name: String,
        span: Span,
        if_exists: bool,
        cascade: bool,
    },
    RenameConstraint {
        from: String,
        to: String,
        span: Span,
    },
    ValidateConstraint {
        name: String,
        span: Span,
    },
    AlterConstraint {
        name: String,
        span: Span,
        deferrable: Option<bool>,
        initially_deferred: Option<bool>,
    },
    RenameTable {
        to: String,
    },
    SetSchema {
        schema: String,
    },
    Rls(RlsChange),
    AttachPartition {
        partition: ObjName,
        bound: String,
    },
    DetachPartition {
        partition: ObjName,
    },
    /// Understood, changes nothing the model keeps (OWNER TO, REPLICA IDENTITY, SET (…), …).
    Ignored(&'static str),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RlsChange {
    Enable,
    Disable,
    Force,
    NoForce,
}

#[derive(Debug, Clone, PartialEq)]
pub enum IndexElem {
    Column {
        name: String,
        span: Span,
        order: KeyOrder,
    },
    Expr {
        expr: Expr,
        order: KeyOrder,
    },
}

/// How an index key is collated and ordered: `COLLATE c opclass DESC NULLS LAST`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KeyOrder {
    /// As SQL (quoted where needed).
    pub collation: Option<String>,
    pub opclass: Option<String>,
    pub descending: bool,
    pub nulls_first: Option<bool>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateIndex {
    /// `ON ONLY`: the index is not created on the partitions.
    pub only: bool,
    /// `CONCURRENTLY`: built without blocking writes to the table.
    pub concurrently: bool,
    pub name: Option<String>,
    pub name_span: Span,
    pub table: ObjName,
    pub unique: bool,
    pub if_not_exists: bool,
    pub method: String,
    pub elems: Vec<IndexElem>,
    pub include: Vec<String>,
    pub predicate: Option<Expr>,
    pub nulls_not_distinct: bool,
    /// Storage parameters, as written inside `WITH (…)`.
    pub with: Option<String>,
}

/// What a SELECT produces, as far as it can be seen offline.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QueryShape {
    /// `WITH name AS (…)`: relations the FROM list may name.
    pub ctes: Vec<(String, QueryShape)>,
    /// Output columns in order; `Star` items expand from the FROM relations.
    pub items: Vec<SelectItem>,
    /// Relations in FROM (and JOIN), with their aliases.
    pub from: Vec<(ObjName, Option<String>)>,
    /// Aliases that rename a FROM table's columns (`t AS x(a, b)`): the alias and the new
    /// names of its first columns.
    pub renames: Vec<(String, Vec<String>)>,
    /// Functions in FROM (`FROM get_projects() p`), with their aliases: their columns come
    /// from what the function returns, when the catalog knows it.
    pub from_functions: Vec<(ObjName, Option<String>)>,
    /// FROM also has something whose columns are not listed here (a subquery, VALUES):
    /// `*` expands to columns pgforge does not know.
    pub opaque_from: bool,
    /// Column references anywhere in the query, for existence checks.
    pub refs: Vec<ExprRef>,
    /// PostgreSQL could write through this query as a view (an "automatically updatable"
    /// view): one plain relation in FROM, no WITH, set operation, DISTINCT, GROUP BY,
    /// HAVING, LIMIT/OFFSET, window, aggregate or set-returning function.
    pub simple: bool,
    /// The whole query, lowered for the analyzer (`crate::analyze`).
    pub tree: Option<Box<crate::sql::Query>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SelectItem {
    /// An output column: its name (if PostgreSQL can name it), and a source column or type.
    Column {
        name: Option<String>,
        source: Option<(Option<String>, String)>,
        ty: Option<TypeRef>,
        /// `min(x)`, `max(x)`, `coalesce(x, …)`, `sum(x)`, `avg(x)`, `array_agg(x)`: the type follows column x
        /// (through the named aggregate).
        type_of: Option<Box<(&'static str, Option<String>, String)>>,
        span: Span,
    },
    /// `*` or `alias.*`.
    Star {
        qualifier: Option<String>,
        span: Span,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateView {
    pub name: ObjName,
    pub or_replace: bool,
    pub if_not_exists: bool,
    pub materialized: bool,
    pub column_names: Vec<String>,
    pub query: QueryShape,
    pub definition: String,
    pub options: Vec<(String, String)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct FuncArg {
    pub name: Option<String>,
    pub mode: ArgMode,
    pub ty: TypeRef,
    pub default: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum FuncReturns {
    None,
    Type { ty: TypeRef, setof: bool },
    Table(Vec<(String, TypeRef)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateFunction {
    pub name: ObjName,
    pub or_replace: bool,
    pub procedure: bool,
    pub args: Vec<FuncArg>,
    pub returns: FuncReturns,
    pub language: String,
    pub volatility: Volatility,
    pub security_definer: bool,
    pub strict: bool,
    pub rows: Option<f64>,
    /// Configuration parameters the function sets (`SET search_path = …`), lower case.
    pub settings: Vec<String>,
    /// The body, when it is one SQL `SELECT <expression>` PostgreSQL could inline into the
    /// caller (`inline_function`): the references of that expression. `None` when the
    /// function cannot be inlined (other language, SECURITY DEFINER, SET, SETOF, a FROM, …).
    pub inline: Option<Vec<ExprRef>>,
    /// The statements (SELECT, INSERT, UPDATE, DELETE) of a `LANGUAGE sql` body, lowered for
    /// the analyzer, which checks them as PostgreSQL does with `check_function_bodies` on.
    pub body_statements: Vec<crate::sql::Statement>,
    /// The identifiers a `sql` or `plpgsql` body names (`lex::names_in`): what it may read,
    /// which PostgreSQL does not track for a body it keeps as text.
    pub body_names: std::collections::BTreeSet<String>,
}

/// `CREATE AGGREGATE`: what the analyzer needs to type a call.
#[derive(Debug, Clone, PartialEq)]
pub struct CreateAggregate {
    pub name: ObjName,
    pub args: Vec<TypeRef>,
    /// `STYPE`: the result type unless a final function says otherwise.
    pub state: Option<TypeRef>,
    pub final_func: Option<ObjName>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreateTrigger {
    pub name: String,
    pub or_replace: bool,
    pub table: ObjName,
    pub timing: TriggerTiming,
    pub events: Vec<(String, Vec<String>)>,
    pub for_each_row: bool,
    pub when: Option<String>,
    pub function: ObjName,
    pub arguments: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CreatePolicy {
    pub name: String,
    pub table: ObjName,
    pub permissive: bool,
    pub command: PolicyCommand,
    pub roles: Vec<String>,
    pub using: Option<Expr>,
    pub with_check: Option<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeDefCmd {
    Enum(Vec<String>),
    Composite(Vec<(String, TypeRef)>),
    Range(TypeRef),
    /// `CREATE TYPE name;` (a shell type) or a base type with input/output functions.
    Shell,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AlterTypeCmd {
    AddValue {
        value: String,
        if_not_exists: bool,
        before: Option<String>,
        after: Option<String>,
    },
    RenameValue {
        from: String,
        to: String,
    },
    Rename(String),
    SetSchema(String),
    AddAttribute(String, TypeRef),
    DropAttribute(String),
    Ignored,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ObjKind {
    Table,
    View,
    MaterializedView,
    Index,
    Sequence,
    Type,
    Domain,
    Function,
    Procedure,
    Trigger,
    Policy,
    Schema,
    Extension,
    ForeignTable,
}

/// What `COMMENT ON` targets.
#[derive(Debug, Clone, PartialEq)]
pub enum CommentTarget {
    Table(ObjName),
    Column(ObjName, String),
    View(ObjName),
    Type(ObjName),
    Function(ObjName, Option<Vec<TypeRef>>),
    Index(ObjName),
    /// `COMMENT ON CONSTRAINT | TRIGGER | POLICY name ON table`.
    OnTable(&'static str, String, ObjName),
    Schema(String),
    Other(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Cmd {
    CreateSchema {
        name: String,
        if_not_exists: bool,
    },
    CreateTable(CreateTable),
    /// `ALTER FUNCTION | PROCEDURE name[(args)] SET … | RESET … | SECURITY … | volatility`.
    AlterFunction(AlterFunction),
    AlterTable {
        name: ObjName,
        if_exists: bool,
        /// `ALTER TABLE ONLY`: keys added to a partitioned table do not reach its partitions
        /// (pg_dump adds each partition's own and attaches it with ALTER INDEX).
        only: bool,
        actions: Vec<AlterAction>,
    },
    CreateIndex(CreateIndex),
    CreateView(CreateView),
    CreateType {
        name: ObjName,
        def: TypeDefCmd,
    },
    AlterType {
        name: ObjName,
        action: AlterTypeCmd,
    },
    CreateDomain {
        name: ObjName,
        base: TypeRef,
        not_null: bool,
        default: Option<String>,
        checks: Vec<String>,
    },
    CreateFunction(CreateFunction),
    CreateAggregate(CreateAggregate),
    CreateTrigger(CreateTrigger),
    CreatePolicy(CreatePolicy),
    AlterPolicy {
        name: String,
        table: ObjName,
        rename: Option<String>,
        roles: Option<Vec<String>>,
        using: Option<Expr>,
        with_check: Option<Expr>,
    },
    CreateSequence {
        name: ObjName,
        if_not_exists: bool,
        ty: Option<TypeRef>,
        owned_by: Option<(ObjName, String)>,
    },
    AlterSequence {
        name: ObjName,
        if_exists: bool,
        owned_by: Option<Option<(ObjName, String)>>,
    },
    CreateExtension {
        name: String,
        schema: Option<String>,
        if_not_exists: bool,
    },
    Comment {
        target: CommentTarget,
        text: Option<String>,
    },
    /// `DROP …`; `args` is the argument list for functions when written.
    Drop {
        kind: ObjKind,
        names: Vec<(ObjName, Option<Vec<TypeRef>>)>,
        if_exists: bool,
        cascade: bool,
        on: Option<ObjName>,
    },
    /// `ALTER INDEX/VIEW/SEQUENCE/FUNCTION … RENAME TO / SET SCHEMA`.
    Rename {
        kind: ObjKind,
        name: ObjName,
        if_exists: bool,
        to: Option<String>,
        schema: Option<String>,
    },
    SetSearchPath(Vec<String>),
    /// `SET check_function_bodies = on | off` (pg_dump turns it off).
    SetCheckFunctionBodies(bool),
    /// `ALTER [MATERIALIZED] VIEW … SET (…)` / `RESET (…)` / `RENAME COLUMN a TO b`.
    AlterView {
        name: ObjName,
        if_exists: bool,
        set: Vec<(String, String)>,
        reset: Vec<String>,
        rename_column: Option<(String, String, Span)>,
    },
    /// `GRANT` / `REVOKE` on tables, views or functions.
    Grant(Grant),
    /// `ALTER DEFAULT PRIVILEGES … GRANT | REVOKE … ON TABLES | FUNCTIONS | …`.
    DefaultPrivileges(DefaultPrivileges),
    /// `INSERT INTO storage.buckets (…) VALUES …`: Supabase Storage buckets.
    InsertBuckets {
        rows: Vec<BucketRow>,
        /// `ON CONFLICT … DO NOTHING`: a bucket that exists stays as it is.
        on_conflict_do_nothing: bool,
    },
    /// Understood but not part of the model (DML, publications, …); the kind is named.
    NotModelled(&'static str),
    /// A `DO` block whose DDL was found and emitted as statements of their own.
    DoBlock,
}

/// A condition a `DO` block tests before running DDL, in the forms pgforge can evaluate
/// against its own catalog: row counts over catalog views with equality filters.
#[derive(Debug, Clone, PartialEq)]
pub enum Guard {
    /// `count(rows of view matching filters) <op> n`; `EXISTS` is `> 0`.
    Count {
        view: String,
        filters: Vec<(String, Vec<String>)>,
        op: String,
        n: i64,
    },
    Not(Box<Guard>),
    And(Box<Guard>, Box<Guard>),
    Or(Box<Guard>, Box<Guard>),
    /// Anything else (variables, settings, roles): not known offline.
    Unknown,
}

/// One lowered statement: `kind` is the statement kind used for `--stats`.
#[derive(Debug, Clone, PartialEq)]
pub struct Stmt {
    pub kind: &'static str,
    pub span: Span,
    pub cmd: Cmd,
    /// Found inside a `DO` block under IF or an EXCEPTION handler: PostgreSQL would skip it
    /// (or swallow its error) when it conflicts, so replay does the same.
    pub guarded: bool,
    /// Follows dynamic SQL (`EXECUTE format(…)`) in the same `DO` block: the model may miss
    /// what that did, so replay assumes the statement succeeded in reality.
    pub lenient: bool,
    /// Conditions of the enclosing `IF`s in a `DO` block (all must hold).
    pub guards: Vec<Guard>,
}

/// The options of `ALTER FUNCTION` the model keeps.
#[derive(Debug, Clone, PartialEq)]
pub struct AlterFunction {
    pub name: ObjName,
    pub args: Option<Vec<TypeRef>>,
    pub set: Vec<String>,
    pub reset: Vec<String>,
    pub reset_all: bool,
    pub security_definer: Option<bool>,
    pub volatility: Option<Volatility>,
}

/// One privilege of a `GRANT` list: `None` for `ALL [PRIVILEGES]`; with columns, a
/// column-level privilege (`SELECT (a, b)`).
#[derive(Debug, Clone, PartialEq)]
pub struct PrivilegeSpec {
    pub privilege: Option<crate::ir::Privilege>,
    pub columns: Vec<String>,
}

/// Whether a statement grants, revokes, or revokes only the grant option.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum GrantAction {
    Grant,
    Revoke,
    /// `REVOKE GRANT OPTION FOR …`: the privileges themselves stay.
    RevokeGrantOption,
}

/// What a `GRANT` / `REVOKE` names.
#[derive(Debug, Clone, PartialEq)]
pub enum GrantTarget {
    /// `[TABLE] a, b`: tables, views, materialized views, foreign tables (or sequences).
    Relations(Vec<ObjName>),
    /// `ALL TABLES IN SCHEMA s, …`.
    AllTablesIn(Vec<(String, crate::span::Span)>),
    /// `FUNCTION | PROCEDURE | ROUTINE f(args), …`.
    Functions(Vec<(ObjName, Option<Vec<TypeRef>>)>),
    /// `ALL FUNCTIONS | PROCEDURES | ROUTINES IN SCHEMA s, …`: which of them.
    AllFunctionsIn(Vec<(String, crate::span::Span)>, RoutineKind),
}

/// `ALL FUNCTIONS` (not procedures), `ALL PROCEDURES`, `ALL ROUTINES` (both).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RoutineKind {
    Functions,
    Procedures,
    Routines,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Grant {
    pub action: GrantAction,
    pub privileges: Vec<PrivilegeSpec>,
    pub target: GrantTarget,
    /// Role names, folded; `public` for PUBLIC.
    pub grantees: Vec<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct DefaultPrivileges {
    /// `FOR ROLE a, b`: whose new objects; empty for the role running the statement.
    pub for_roles: Vec<String>,
    /// `IN SCHEMA a, b`; empty for every schema.
    pub schemas: Vec<String>,
    pub action: GrantAction,
    pub privileges: Vec<PrivilegeSpec>,
    pub kind: crate::ir::AclKind,
    pub grantees: Vec<String>,
}

/// One row of `INSERT INTO storage.buckets`, as far as its literals say.
#[derive(Debug, Clone, PartialEq)]
pub struct BucketRow {
    pub id: Option<String>,
    pub name: Option<String>,
    /// `None` when the column is not given (the table's default, false).
    pub public: Option<bool>,
}
