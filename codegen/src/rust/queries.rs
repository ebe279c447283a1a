//! The queries of a table, view or function, independent of the driver: a name, static SQL,
//! the Rust arguments, the values bound to `$1…$n` and what comes back. `drivers/` renders
//! each into an `async fn` for sqlx and for tokio-postgres.
//!
//! Every statement is fixed text decided here. Optional insert fields use
//! `COALESCE($n::type, (default)::type)` so one statement serves every combination of set
//! and unset fields; a patch uses `CASE WHEN $flag THEN $value ELSE column END`.

use super::naming::{dedupe, ident, snake};
use super::sql::{cast, column_list, qualified};
use super::types::{ColumnType, TypeMap};
use proc_macro2::{Ident, TokenStream};
use quote::quote;
use schema::ir::{
    ArgMode, Column, ConstraintKind, IdentityKind, IndexKey, PgType, Returns, Schema, Table,
};

pub enum Card {
    One,
    Optional,
    Many,
}

pub enum Output {
    /// Rows decoded into `ty` (a struct with the drivers' row codecs).
    Row {
        ty: TokenStream,
        card: Card,
    },
    /// The first column of each row.
    Scalar {
        ty: TokenStream,
        card: Card,
    },
    Unit,
    /// The number of rows the statement affected.
    Affected,
}

pub struct Query {
    pub name: Ident,
    pub doc: String,
    /// The name of the constant in the `sql` module holding the statement.
    pub const_name: Ident,
    pub sql: String,
    /// Arguments after the executor: name and type (references for values).
    pub args: Vec<(Ident, TokenStream)>,
    /// Values bound to `$1…$n`, in order.
    pub binds: Vec<TokenStream>,
    pub output: Output,
    /// For `update`: when the patch sets nothing, return `get(…)` with these arguments
    /// instead of writing (and firing triggers) for nothing.
    pub empty_patch: Option<Vec<Ident>>,
}

/// Where the driver modules sit relative to the generated root.
fn root() -> TokenStream {
    quote!(super::super::super)
}

/// A mapped column of a table, as the structs have it.
pub struct TableField<'a> {
    pub field: Ident,
    pub column: &'a Column,
    pub insertable: bool,
    /// Read and written in PostgreSQL's text form (see `ColumnType::Text`).
    pub text_form: bool,
}

impl TableField<'_> {
    /// The cast of a parameter for this column: through `text` for a text-form column.
    fn param_cast(&self, s: &Schema) -> String {
        let ty = cast(s, &self.column.ty);
        match (self.text_form, self.column.ty.is_array()) {
            (false, _) => ty,
            (true, false) => format!("text::{ty}"),
            (true, true) => format!("text[]::{ty}"),
        }
    }
}

/// How a column is read: as it is, or in its text form (`::text`, `::text[]` for an array).
pub fn read_cast(text_form: bool, ty: &schema::ir::PgType) -> &'static str {
    match (text_form, ty.is_array()) {
        (false, _) => "",
        (true, false) => "::text",
        (true, true) => "::text[]",
    }
}

/// A SELECT or RETURNING list of (column, `read_cast`).
fn select_list(columns: &[(&str, &str)]) -> String {
    columns
        .iter()
        .map(|(c, read)| {
            let id = super::sql::ident(c);
            if read.is_empty() {
                id
            } else {
                format!("{id}{read} AS {id}")
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The argument type for a key value: `&str` for `String`, `&[T]` for `Vec<T>`, else `&T`.
pub fn arg_type(ty: &TokenStream) -> TokenStream {
    super::types::borrowed(ty, &quote!())
}

fn column_type(s: &Schema, map: &TypeMap, t: &Table, c: &Column) -> Option<TokenStream> {
    match map.column(
        s,
        &format!("{}.{}.{}", t.schema, t.name, c.name),
        &c.ty,
        &root(),
    ) {
        Ok(ColumnType::Mapped(ty) | ColumnType::Text(ty)) => Some(ty),
        _ => None,
    }
}

/// A WHERE condition on key columns, the function arguments and the values bound.
struct Key(String, Vec<(Ident, TokenStream)>, Vec<TokenStream>);

struct Builder<'a> {
    s: &'a Schema,
    map: &'a TypeMap,
    t: &'a Table,
    name: String,
    fields: &'a [TableField<'a>],
}

impl Builder<'_> {
    fn field(&self, column: &str) -> Option<&TableField<'_>> {
        self.fields.iter().find(|f| f.column.name == column)
    }

    /// `"a" = $1 AND "b" = $2` with the arguments for `columns`, numbered from `first`.
    fn key(&self, columns: &[String], first: usize) -> Option<Key> {
        let mut conds = vec![];
        let mut args = vec![];
        let mut binds = vec![];
        for (i, c) in columns.iter().enumerate() {
            let f = self.field(c)?;
            let ty = column_type(self.s, self.map, self.t, f.column)?;
            conds.push(format!(
                "{} = ${}::{}",
                super::sql::ident(c),
                first + i,
                f.param_cast(self.s)
            ));
            let id = &f.field;
            args.push((id.clone(), arg_type(&ty)));
            binds.push(quote!(#id));
        }
        Some(Key(conds.join(" AND "), args, binds))
    }

    fn order_by(&self) -> String {
        match self.t.primary_key().map(|c| &c.kind) {
            Some(ConstraintKind::PrimaryKey { columns, .. }) => format!(
                " ORDER BY {}",
                column_list(columns.iter().map(String::as_str))
            ),
            _ => String::new(),
        }
    }

    /// The value of an insert field: optional fields fall back to the column's default.
    fn insert_value(&self, f: &TableField<'_>, n: usize) -> String {
        let ty = f.param_cast(self.s);
        let default = match (&f.column.default, &f.column.identity) {
            (Some(d), _) => Some(format!("({d})")),
            (None, Some(i)) if i.kind == IdentityKind::ByDefault => Some(format!(
                "nextval(pg_get_serial_sequence('{}', '{}'))",
                self.name.replace('\'', "''"),
                f.column.name.replace('\'', "''")
            )),
            _ => None,
        };
        match default {
            Some(d) => format!("COALESCE(${n}::{ty}, {d}::{ty})"),
            None => format!("${n}::{ty}"),
        }
    }
}

fn q(
    name: &str,
    doc: String,
    sql: String,
    args: Vec<(Ident, TokenStream)>,
    binds: Vec<TokenStream>,
    output: Output,
) -> Query {
    Query {
        name: ident(name),
        const_name: ident(&name.trim_start_matches("r#").to_uppercase()),
        doc,
        sql,
        args,
        binds,
        output,
        empty_patch: None,
    }
}

fn by_name(prefix: &str, columns: &[String]) -> String {
    format!(
        "{prefix}_{}",
        columns
            .iter()
            .map(|c| snake(c).trim_start_matches("r#").to_string())
            .collect::<Vec<_>>()
            .join("_and_")
    )
}

/// The queries of a table. `fields`: its mapped columns in order.
/// `indexes`: the table's own indexes.
pub fn table_queries(
    s: &Schema,
    map: &TypeMap,
    t: &Table,
    indexes: &[&schema::ir::Index],
    fields: &[TableField<'_>],
) -> Vec<Query> {
    let name = qualified(&t.schema, &t.name);
    let listed: Vec<(&str, &str)> = fields
        .iter()
        .map(|f| (f.column.name.as_str(), read_cast(f.text_form, &f.column.ty)))
        .collect();
    let select = select_list(&listed);
    let b = Builder {
        s,
        map,
        t,
        name: name.clone(),
        fields,
    };
    let row = quote!(super::Row);
    let one = || Output::Row {
        ty: row.clone(),
        card: Card::One,
    };
    let opt = || Output::Row {
        ty: row.clone(),
        card: Card::Optional,
    };
    let many = || Output::Row {
        ty: row.clone(),
        card: Card::Many,
    };
    let mut out = vec![];

    // insert
    let ins: Vec<&TableField<'_>> = fields.iter().filter(|f| f.insertable).collect();
    let (cols, vals): (Vec<String>, Vec<String>) = ins
        .iter()
        .enumerate()
        .map(|(i, f)| (super::sql::ident(&f.column.name), b.insert_value(f, i + 1)))
        .unzip();
    let insert_head = if ins.is_empty() {
        format!("INSERT INTO {name} DEFAULT VALUES")
    } else {
        format!(
            "INSERT INTO {name} ({}) VALUES ({})",
            cols.join(", "),
            vals.join(", ")
        )
    };
    let insert_binds: Vec<TokenStream> = ins
        .iter()
        .map(|f| {
            let id = &f.field;
            quote!(&row.#id)
        })
        .collect();
    let row_arg = vec![(
        ident(if ins.is_empty() { "_row" } else { "row" }),
        quote!(&super::Insert),
    )];
    out.push(q(
        "insert",
        format!(
            " Insert a row into `{}.{}` and return it; `None` fields take the column's default.",
            t.schema, t.name
        ),
        format!("{insert_head} RETURNING {select}"),
        row_arg.clone(),
        insert_binds.clone(),
        one(),
    ));

    let pk: Option<Vec<String>> = match t.primary_key().map(|c| &c.kind) {
        Some(ConstraintKind::PrimaryKey { columns, .. }) => Some(columns.clone()),
        _ => None,
    };
    let pk_key = pk
        .as_ref()
        .and_then(|cols| b.key(cols, 1).map(|k| (cols.clone(), k)));
    if let Some((pk_cols, Key(cond, args, binds))) = &pk_key {
        out.push(q(
            "get",
            " The row with this primary key, if any.".into(),
            format!("SELECT {select} FROM {name} WHERE {cond}"),
            args.clone(),
            binds.clone(),
            opt(),
        ));

        // update: a flag and a value per writable column, then the key.
        let mut sets = vec![];
        let mut ubinds = vec![];
        for f in &ins {
            let n = ubinds.len() + 1;
            let col = super::sql::ident(&f.column.name);
            sets.push(format!(
                "{col} = CASE WHEN ${n} THEN ${}::{} ELSE {col} END",
                n + 1,
                f.param_cast(s)
            ));
            let id = &f.field;
            ubinds.push(quote!(patch.#id.is_some()));
            if f.column.not_null {
                ubinds.push(quote!(patch.#id.as_ref()));
            } else {
                ubinds.push(quote!(patch.#id.as_ref().and_then(|v| v.as_ref())));
            }
        }
        if !sets.is_empty() {
            let Key(cond, _, kbinds) = b.key(pk_cols, ubinds.len() + 1).expect("key mapped above");
            let mut uargs = args.clone();
            uargs.push((ident("patch"), quote!(&super::Update)));
            ubinds.extend(kbinds);
            let mut u = q("update", " Write the fields of `patch` that are `Some` to the row with this primary key and return it (`None` when there is no such row). An empty patch writes nothing.".into(), format!("UPDATE {name} SET {} WHERE {cond} RETURNING {select}", sets.join(", ")), uargs, ubinds, opt());
            u.empty_patch = Some(args.iter().map(|(i, _)| i.clone()).collect());
            out.push(u);
        }
        out.push(q(
            "delete",
            " Delete the row with this primary key and return it, if there was one.".into(),
            format!("DELETE FROM {name} WHERE {cond} RETURNING {select}"),
            args.clone(),
            binds.clone(),
            opt(),
        ));

        // upsert: needs every key column in the insert.
        if pk_cols
            .iter()
            .all(|c| ins.iter().any(|f| &f.column.name == c))
            && !ins.is_empty()
        {
            let mut sets = vec![];
            for (i, f) in ins.iter().enumerate() {
                if pk_cols.contains(&f.column.name) {
                    continue;
                }
                let col = super::sql::ident(&f.column.name);
                if f.column.optional_on_insert() {
                    sets.push(format!("{col} = CASE WHEN ${}::{} IS NULL THEN \"existing\".{col} ELSE EXCLUDED.{col} END", i + 1, f.param_cast(s)));
                } else {
                    sets.push(format!("{col} = EXCLUDED.{col}"));
                }
            }
            if sets.is_empty() {
                let c = super::sql::ident(&pk_cols[0]);
                sets.push(format!("{c} = EXCLUDED.{c}"));
            }
            let target = column_list(pk_cols.iter().map(String::as_str));
            let (cols, vals): (Vec<String>, Vec<String>) = ins
                .iter()
                .enumerate()
                .map(|(i, f)| (super::sql::ident(&f.column.name), b.insert_value(f, i + 1)))
                .unzip();
            out.push(q(
                "upsert",
                " Insert the row, or when its primary key exists, update that row: fields that are `Some` (and required ones) overwrite, `None` keeps the stored value.".into(),
                format!("INSERT INTO {name} AS \"existing\" ({}) VALUES ({}) ON CONFLICT ({target}) DO UPDATE SET {} RETURNING {select}", cols.join(", "), vals.join(", "), sets.join(", ")),
                row_arg.clone(),
                insert_binds.clone(),
                one(),
            ));
        }
    }

    // list, in primary-key order
    let order = b.order_by();
    out.push(q(
        "list",
        format!(
            " Up to `limit` rows from `offset` on{}.",
            if order.is_empty() {
                " (the table has no primary key, so the order is PostgreSQL's)"
            } else {
                ", in primary-key order"
            }
        ),
        format!("SELECT {select} FROM {name}{order} LIMIT $1 OFFSET $2"),
        vec![
            (ident("limit"), quote!(i64)),
            (ident("offset"), quote!(i64)),
        ],
        vec![quote!(limit), quote!(offset)],
        many(),
    ));

    // find_by: unique column sets; list_by: foreign keys and (btree/hash) indexes.
    let mut unique: Vec<Vec<String>> = vec![];
    let mut listed: Vec<Vec<String>> = vec![];
    for c in &t.constraints {
        match &c.kind {
            ConstraintKind::Unique { columns, .. } => unique.push(columns.clone()),
            ConstraintKind::ForeignKey { columns, .. } => listed.push(columns.clone()),
            _ => {}
        }
    }
    for ix in indexes.iter().filter(|ix| ix.constraint.is_none()) {
        let cols: Option<Vec<String>> = ix
            .keys
            .iter()
            .map(|k| {
                if let IndexKey::Column { name, .. } = k {
                    Some(name.clone())
                } else {
                    None
                }
            })
            .collect();
        let Some(cols) = cols else { continue };
        if ix.unique && ix.predicate.is_none() {
            unique.push(cols);
        } else if matches!(ix.method.as_str(), "btree" | "hash") {
            listed.push(cols);
        }
    }
    let mut seen: Vec<Vec<String>> = pk.iter().cloned().collect();
    let mut named = vec![];
    for (cols, find) in unique
        .into_iter()
        .map(|c| (c, true))
        .chain(listed.into_iter().map(|c| (c, false)))
    {
        if seen.contains(&cols) {
            continue;
        }
        seen.push(cols.clone());
        let Some(Key(cond, args, binds)) = b.key(&cols, 1) else {
            continue;
        };
        if find {
            named.push((
                by_name("find_by", &cols),
                " The row with these values, if any.".to_string(),
                format!("SELECT {select} FROM {name} WHERE {cond}"),
                args,
                binds,
                opt(),
            ));
        } else {
            named.push((
                by_name("list_by", &cols),
                format!(
                    " Every row with these values{}.",
                    if order.is_empty() {
                        ""
                    } else {
                        ", in primary-key order"
                    }
                ),
                format!("SELECT {select} FROM {name} WHERE {cond}{order}"),
                args,
                binds,
                many(),
            ));
        }
    }
    let names = dedupe(named.iter().map(|n| n.0.clone()).collect());
    for ((_, doc, sql, args, binds, output), n) in named.into_iter().zip(names) {
        out.push(q(&n, doc, sql, args, binds, output));
    }
    out
}

/// A view's query: `list` with limit and offset.
pub fn view_queries(schema: &str, view: &str, columns: &[(&str, &str)]) -> Vec<Query> {
    let name = qualified(schema, view);
    vec![q(
        "list",
        " Up to `limit` rows from `offset` on, in the view's own order.".into(),
        format!(
            "SELECT {} FROM {name} LIMIT $1 OFFSET $2",
            select_list(columns)
        ),
        vec![
            (ident("limit"), quote!(i64)),
            (ident("offset"), quote!(i64)),
        ],
        vec![quote!(limit), quote!(offset)],
        Output::Row {
            ty: quote!(super::Row),
            card: Card::Many,
        },
    )]
}

/// What a function returns, for its wrapper.
pub enum FunctionResult {
    Unit,
    Scalar {
        ty: TokenStream,
        setof: bool,
    },
    /// Rows of a struct: the generated one for `TABLE(…)` or OUT parameters, or a table's
    /// `Row`.
    Rows {
        ty: TokenStream,
        columns: Vec<String>,
        rows: RowCount,
    },
}

/// How many rows a function returns.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum RowCount {
    /// `SETOF`, `TABLE(…)`: any number.
    Many,
    /// One row of OUT parameters, always there (its fields may be NULL).
    One,
    /// One row of a table's type; its row of NULLs (nothing found) is `None`.
    OneOrNone,
}

/// The wrapper of a function: `SELECT f($1, …)` or `SELECT cols FROM f($1, …)`.
pub fn function_query(
    s: &Schema,
    name: &str,
    f: &schema::ir::Function,
    args: Vec<(Ident, TokenStream, PgType)>,
    result: FunctionResult,
) -> Query {
    let inputs: Vec<&schema::ir::Arg> = f.args.iter().filter(|a| is_input(a.mode)).collect();
    let call = format!(
        "{}({})",
        qualified(&f.schema, &f.name),
        args.iter()
            .zip(&inputs)
            .enumerate()
            .map(|(i, (a, decl))| argument_sql(i + 1, &cast(s, &a.2), decl))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let binds = args.iter().map(|(i, _, _)| quote!(#i)).collect();
    let fargs = args
        .iter()
        .zip(&inputs)
        .map(|((i, t, _), decl)| {
            let t = arg_type(t);
            match decl.default {
                Some(_) => (i.clone(), quote!(Option<#t>)),
                None => (i.clone(), t),
            }
        })
        .collect();
    let doc = format!(" Calls `{}.{}`.", f.schema, f.signature());
    let (sql, output) = match result {
        FunctionResult::Unit if f.procedure => (format!("CALL {call}"), Output::Unit),
        FunctionResult::Unit => (format!("SELECT FROM {call}"), Output::Unit),
        FunctionResult::Scalar { ty, setof } => (
            format!("SELECT {call}"),
            Output::Scalar {
                ty: quote!(Option<#ty>),
                card: if setof { Card::Many } else { Card::One },
            },
        ),
        FunctionResult::Rows { ty, columns, rows } => {
            let list = column_list(columns.iter().map(String::as_str));
            let (sql, card) = match rows {
                RowCount::Many => (format!("SELECT {list} FROM {call}"), Card::Many),
                RowCount::One => (format!("SELECT {list} FROM {call}"), Card::One),
                // A function returning one row (plpgsql `RETURN` of an unassigned row, a SQL
                // function whose query finds nothing) returns a row of NULLs: `None`.
                RowCount::OneOrNone => (
                    format!(
                        "SELECT {list} FROM {call} AS {ROW_ALIAS} WHERE NOT ({ROW_ALIAS} IS NULL)"
                    ),
                    Card::Optional,
                ),
            };
            (sql, Output::Row { ty, card })
        }
    };
    q(name, doc, sql, fargs, binds, output)
}

/// Whether an argument is passed in the call (IN, INOUT, VARIADIC), not only returned (OUT).
pub fn is_input(mode: ArgMode) -> bool {
    mode != ArgMode::Out
}

/// The alias of a function's single row, for the whole-row NULL test.
const ROW_ALIAS: &str = "pgforge_row";

/// An argument of a function call: `$n::type`; `VARIADIC $n::type[]` for a variadic one (the
/// array as it is); for an argument with a default, `coalesce($n::type, (default))`, so that
/// `None` takes the default while the statement stays static. (PostgreSQL inserts an omitted
/// argument's default expression into the call the same way; an explicit NULL cannot be
/// passed for such an argument.)
fn argument_sql(n: usize, cast: &str, decl: &schema::ir::Arg) -> String {
    match (&decl.default, decl.mode) {
        (Some(d), _) => format!("coalesce(${n}::{cast}, ({d}))"),
        (None, ArgMode::Variadic) => format!("VARIADIC ${n}::{cast}"),
        (None, _) => format!("${n}::{cast}"),
    }
}

/// Which functions get a wrapper (or a warning saying why not): not built in; a function
/// with a result, or a procedure.
pub fn wrappable(f: &schema::ir::Function) -> bool {
    !f.builtin && (f.procedure || !matches!(&f.returns, Returns::None))
}
