//! Queries and expressions as the analyzer reads them: a small tree lowered from sqlparser's
//! by `frontend/lower.rs`, with spans, and no sqlparser types. Forms the lowering does not
//! know become `Unknown`, which the analyzer types as "not known" (never as an error).

use crate::span::Span;
use crate::written::{ObjName, TypeRef};

#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    pub ctes: Vec<Cte>,
    pub recursive: bool,
    pub body: SetExpr,
    /// `LIMIT` and `OFFSET` (bigint in PostgreSQL: `LIMIT $1` makes `$1` a bigint).
    pub limit: Option<Expr>,
    pub offset: Option<Expr>,
    /// `ORDER BY`: an output column's name or position, or an expression over FROM.
    pub order_by: Vec<Expr>,
}

/// A statement a query file may hold: a query or a data-modifying statement, each with the
/// CTEs of its `WITH`.
#[derive(Debug, Clone, PartialEq)]
pub enum Statement {
    Query(Box<Query>),
    Insert(Box<Insert>),
    Update(Box<Update>),
    Delete(Box<Delete>),
}

/// The `WITH` of a data-modifying statement.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct With {
    pub ctes: Vec<Cte>,
    pub recursive: bool,
}

/// The table an INSERT, UPDATE or DELETE writes, with its alias.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub name: ObjName,
    pub alias: Option<String>,
}

/// `col = value` or `(a, b) = (…)` of an UPDATE or `ON CONFLICT DO UPDATE`.
#[derive(Debug, Clone, PartialEq)]
pub struct Set {
    pub columns: Vec<(String, Span)>,
    pub value: Expr,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Insert {
    pub with: With,
    pub target: Target,
    /// The listed columns (empty: every column, in order).
    pub columns: Vec<(String, Span)>,
    /// `VALUES …` or a query; `None` for `DEFAULT VALUES`.
    pub source: Option<Query>,
    /// `ON CONFLICT … DO UPDATE SET …` (empty for `DO NOTHING`) and its `WHERE`.
    pub conflict: Option<(Vec<Set>, Option<Expr>)>,
    pub returning: Option<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub with: With,
    pub target: Target,
    pub sets: Vec<Set>,
    pub from: Vec<From>,
    pub filter: Option<Expr>,
    pub returning: Option<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Delete {
    pub with: With,
    pub target: Target,
    pub using: Vec<From>,
    pub filter: Option<Expr>,
    pub returning: Option<Vec<Item>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Cte {
    pub name: String,
    pub columns: Vec<String>,
    pub query: Query,
}

#[derive(Debug, Clone, PartialEq)]
pub enum SetExpr {
    Select(Box<Select>),
    /// UNION / INTERSECT / EXCEPT: the columns are the common types of both sides.
    SetOp {
        /// `UNION`, `INTERSECT` or `EXCEPT`.
        op: String,
        left: Box<SetExpr>,
        right: Box<SetExpr>,
        span: Span,
    },
    Values(Vec<Vec<Expr>>),
    Query(Box<Query>),
    /// `TABLE name`.
    Table(ObjName),
    /// A data-modifying statement as a CTE's body: its `RETURNING` columns.
    Modify(Box<Statement>),
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Select {
    pub items: Vec<Item>,
    pub from: Vec<From>,
    pub filter: Option<Expr>,
    /// `GROUP BY`, with the members of `ROLLUP` / `CUBE` / `GROUPING SETS` flattened.
    pub group_by: Vec<Expr>,
    /// `GROUP BY` holds something the lowering did not keep (`GROUP BY ALL`, a form it does
    /// not know): which columns are grouped is not known.
    pub group_by_partial: bool,
    pub having: Option<Expr>,
    /// `SELECT DISTINCT` (without ON).
    pub distinct: bool,
    /// `DISTINCT ON (…)`.
    pub distinct_on: Vec<Expr>,
    /// `WINDOW w AS (…)`.
    pub windows: Vec<(String, Window)>,
}

/// A window: a call's `OVER (…)` or `OVER w`, or a `WINDOW` clause's definition.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Window {
    /// The named window it refines or names (`OVER w`, `OVER (w ORDER BY x)`).
    pub base: Option<(String, Span)>,
    pub partition_by: Vec<Expr>,
    pub order_by: Vec<Expr>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// An output column; `name` is the alias, or the name PostgreSQL figures (`FigureColname`).
    Expr { expr: Expr, name: Option<String> },
    /// `*` or `alias.*`.
    Star {
        qualifier: Option<String>,
        span: Span,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alias {
    pub name: String,
    pub columns: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum JoinKind {
    Inner,
    Left,
    Right,
    Full,
    Cross,
}

#[derive(Debug, Clone, PartialEq)]
pub enum From {
    Relation {
        name: ObjName,
        alias: Option<Alias>,
    },
    /// A function in FROM: `f(…) [WITH ORDINALITY] [AS] a(x, y)` or with a column
    /// definition list `AS a(x int, y text)`.
    Function {
        call: Expr,
        alias: Option<Alias>,
        ordinality: bool,
        definitions: Vec<(String, TypeRef)>,
    },
    Subquery {
        query: Box<Query>,
        alias: Option<Alias>,
    },
    Join {
        left: Box<From>,
        right: Box<From>,
        kind: JoinKind,
        on: Option<Expr>,
        using: Vec<String>,
        natural: bool,
    },
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    Null,
    Bool(bool),
    /// A numeric literal as written.
    Number(String),
    /// A quoted string: type `unknown` until context decides.
    String,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `a`, `t.a`, `s.t.a` (folded names).
    Column(Vec<String>),
    Param(u32),
    Literal(Literal),
    /// `date '…'`, `interval '…'`: a literal of a named type.
    Typed(TypeRef),
    Unary {
        op: String,
        expr: Box<Expr>,
    },
    Binary {
        op: String,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    /// AND / OR / NOT over boolean operands (`op` as PostgreSQL names it in errors; empty
    /// for forms it rewrites, such as BETWEEN).
    Bool {
        op: &'static str,
        args: Vec<Expr>,
    },
    Func(Box<Call>),
    Cast {
        expr: Box<Expr>,
        ty: TypeRef,
    },
    Case {
        operand: Option<Box<Expr>>,
        whens: Vec<(Expr, Expr)>,
        otherwise: Option<Box<Expr>>,
    },
    Subquery(Box<Query>),
    Exists(Box<Query>),
    ArraySubquery(Box<Query>),
    InList {
        expr: Box<Expr>,
        list: Vec<Expr>,
    },
    InSubquery {
        expr: Box<Expr>,
        query: Box<Query>,
    },
    /// `x op ANY (array)` / `ALL`.
    AnyAll {
        op: String,
        left: Box<Expr>,
        right: Box<Expr>,
    },
    Array(Vec<Expr>),
    Row(Vec<Expr>),
    /// `x IS [NOT] NULL`, `IS [NOT] TRUE`, `IS [NOT] DISTINCT FROM`: boolean, never NULL.
    Test(Vec<Expr>),
    /// `(x).field`.
    Field {
        expr: Box<Expr>,
        name: String,
    },
    /// `x[i]` (`slice`: `x[a:b]`).
    Subscript {
        expr: Box<Expr>,
        slice: bool,
    },
    /// `x COLLATE "C"`.
    Collate(Box<Expr>),
    Unknown,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Call {
    pub name: ObjName,
    pub args: Vec<Expr>,
    /// Argument names (`f(a => 1)`), `None` for positional.
    pub arg_names: Vec<Option<String>>,
    /// `count(*)`.
    pub star: bool,
    /// `VARIADIC` before the last argument.
    pub variadic: bool,
    /// `OVER (…)`: a window call.
    pub over: Option<Window>,
    /// `WITHIN GROUP (ORDER BY x)`: the ordered-set aggregate's direct argument comes from here.
    pub within_group: Vec<Expr>,
    /// An aggregate's `FILTER (WHERE …)`.
    pub filter: Option<Box<Expr>>,
    /// An aggregate's own `ORDER BY` (`string_agg(x, ',' ORDER BY y)`).
    pub order_by: Vec<Expr>,
}

impl Call {
    /// A plain call `name(args)`.
    pub fn new(name: ObjName, args: Vec<Expr>) -> Call {
        Call {
            name,
            arg_names: vec![None; args.len()],
            args,
            star: false,
            variadic: false,
            over: None,
            within_group: vec![],
            filter: None,
            order_by: vec![],
        }
    }
}
