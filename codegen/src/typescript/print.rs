//! The `Database` type and the `Constants` object, laid out as the generator's template is
//! after oxfmt formats it. Each builder mirrors one piece of the template
//! (`postgrest-typegen/src/generation/typescript.ts`) and builds the document Prettier's
//! TypeScript printer would build for that source: objects written with a newline after `{`
//! stay broken, everything else breaks only when it does not fit in 80 columns.

use super::collate::compare;
use super::layout::{align, concat, group, if_break, indent, join, print, text, Doc};
use super::meta::{Col, FnArg, Func, Meta, Mode, RelKind, Relation, Relationship};
use super::tstype::{json_string, nullable, ts_type, TsType};

const WIDTH: usize = 80;

/// A property name as oxfmt prints it: bare when it is an identifier, else a string.
fn key(name: &str) -> String {
    let mut chars = name.chars();
    let ident = chars
        .next()
        .is_some_and(|c| c == '$' || c == '_' || c.is_alphabetic())
        && chars.all(|c| c == '$' || c == '_' || c.is_alphanumeric());
    if ident {
        name.to_string()
    } else {
        string(name)
    }
}

/// A string literal as oxfmt prints it: double quotes unless the text holds more double than
/// single quotes.
fn string(s: &str) -> String {
    let doubles = s.matches('"').count();
    let singles = s.matches('\'').count();
    if doubles > singles {
        let inner = json_string(s);
        let inner = &inner[1..inner.len() - 1];
        format!("'{}'", inner.replace("\\\"", "\"").replace('\'', "\\'"))
    } else {
        json_string(s)
    }
}

/// `{ a: T; b: U }` (type literal); `force` = written broken in the template.
fn obj(members: Vec<Doc>, force: bool) -> Doc {
    if members.is_empty() {
        return text("{}");
    }
    group(
        concat(vec![
            text("{"),
            indent(concat(vec![
                Doc::Line,
                join(
                    concat(vec![if_break(text(""), text(";")), Doc::Line]),
                    members,
                ),
            ])),
            Doc::Line,
            text("}"),
        ]),
        force,
    )
}

/// `{ a: x, b: y }` (object literal), trailing comma when broken.
fn object_literal(members: Vec<Doc>, force: bool) -> Doc {
    if members.is_empty() {
        return text("{}");
    }
    group(
        concat(vec![
            text("{"),
            indent(concat(vec![
                Doc::Line,
                join(concat(vec![text(","), Doc::Line]), members),
            ])),
            if_break(text(","), text("")),
            Doc::Line,
            text("}"),
        ]),
        force,
    )
}

/// `[a, b]` (array or tuple), trailing comma when broken.
fn array(items: Vec<Doc>) -> Doc {
    if items.is_empty() {
        return text("[]");
    }
    group(
        concat(vec![
            text("["),
            indent(concat(vec![
                Doc::SoftLine,
                join(concat(vec![text(","), Doc::Line]), items),
                if_break(text(","), text("")),
            ])),
            Doc::SoftLine,
            text("]"),
        ]),
        false,
    )
}

/// `A | B | C`: on one line, or one member per line after `| `.
fn union(members: Vec<Doc>) -> Doc {
    if members.len() == 1 {
        return members.into_iter().next().expect("one");
    }
    let members = members.into_iter().map(|m| align(2, m)).collect();
    group(
        indent(concat(vec![
            if_break(concat(vec![Doc::Line, text("| ")]), text("")),
            join(concat(vec![Doc::Line, text("| ")]), members),
        ])),
        false,
    )
}

fn type_doc(t: &TsType) -> Doc {
    union(t.members.iter().map(|m| text(m.clone())).collect())
}

/// What a function returns, before `[]`: an object type built here, or a named type.
enum Returned {
    Object(Doc),
    Type(TsType),
}

fn prop(name: &str, optional: bool, ty: Doc) -> Doc {
    concat(vec![
        text(key(name)),
        text(if optional { "?: " } else { ": " }),
        ty,
    ])
}

fn string_list(v: &[String]) -> Doc {
    array(v.iter().map(|s| text(string(s))).collect())
}

/// `[_ in never]: never` for an empty section.
fn never() -> Doc {
    text("[_ in never]: never")
}

struct Printer<'m, 's> {
    meta: &'m Meta<'s>,
}

/// An included function with its input arguments.
type Sig<'m> = (&'m Func, Vec<&'m FnArg>);

struct SchemaParts<'m> {
    tables: Vec<&'m Relation>,
    views: Vec<&'m Relation>,
    /// Included functions with their input arguments, sorted by name.
    functions: Vec<Sig<'m>>,
    enums: Vec<(String, Vec<String>)>,
    composites: Vec<(String, Vec<(String, schema::ir::PgType)>)>,
}

impl<'m, 's> Printer<'m, 's> {
    fn column(&self, schema: &str, c: &Col, optional: bool, is_nullable: bool) -> Doc {
        let t = ts_type(self.meta, schema, &c.format, &c.type_schema);
        prop(&c.name, optional, type_doc(&nullable(t, is_nullable)))
    }

    fn relationship(&self, r: &Relationship) -> Doc {
        // `isOneToOne` always: the Supabase CLI turns one-to-one detection on.
        let m = vec![
            prop("foreignKeyName", false, text(string(&r.foreign_key_name))),
            prop("columns", false, string_list(&r.columns)),
            prop("isOneToOne", false, text(r.is_one_to_one.to_string())),
            prop(
                "referencedRelation",
                false,
                text(string(&r.referenced_relation)),
            ),
            prop(
                "referencedColumns",
                false,
                string_list(&r.referenced_columns),
            ),
        ];
        obj(m, true)
    }

    fn relationships(&self, rel: &Relation) -> Doc {
        let rs = self
            .meta
            .relationships_of(&rel.schema, &rel.name)
            .filter(|r| r.referenced_schema == rel.schema);
        array(rs.map(|r| self.relationship(r)).collect())
    }

    fn parts(&self, schema: &str) -> SchemaParts<'m> {
        let meta = self.meta;
        let mut tables: Vec<&Relation> = meta
            .relations
            .iter()
            .filter(|r| {
                r.schema == schema && matches!(r.kind, RelKind::Table | RelKind::ForeignTable)
            })
            .collect();
        tables.sort_by(|a, b| compare(&a.name, &b.name));
        let mut views: Vec<&Relation> = meta
            .relations
            .iter()
            .filter(|r| {
                r.schema == schema && matches!(r.kind, RelKind::View | RelKind::MaterializedView)
            })
            .collect();
        views.sort_by(|a, b| compare(&a.name, &b.name));
        let mut functions: Vec<Sig> = vec![];
        // By name (a stable sort: overloads keep the model's order; `functions` orders them).
        let mut fns: Vec<&Func> = meta
            .functions
            .iter()
            .filter(|f| f.schema == schema)
            .collect();
        fns.sort_by(|a, b| compare(&a.name, &b.name));
        for f in fns {
            let in_args: Vec<&FnArg> = f.args.iter().filter(|a| a.is_input()).collect();
            if self.included(&in_args) {
                functions.push((f, in_args));
            }
        }
        let ns = &meta.ir.schemas[schema];
        let mut enums = vec![];
        let mut composites = vec![];
        for t in ns.types.values() {
            match &t.kind {
                schema::ir::TypeKind::Enum { values } if !values.is_empty() => {
                    enums.push((t.name.clone(), values.clone()))
                }
                schema::ir::TypeKind::Composite { attributes } if !attributes.is_empty() => {
                    composites.push((
                        t.name.clone(),
                        attributes
                            .iter()
                            .map(|a| (a.name.clone(), a.ty.clone()))
                            .collect(),
                    ))
                }
                _ => {}
            }
        }
        enums.sort_by(|a, b| compare(&a.0, &b.0));
        composites.sort_by(|a, b| compare(&a.0, &b.0));
        SchemaParts {
            tables,
            views,
            functions,
            enums,
            composites,
        }
    }

    /// Whether PostgREST can call the function, by the generator's four cases.
    fn included(&self, in_args: &[&FnArg]) -> bool {
        let valid_unnamed = |a: &FnArg| {
            matches!(a.ty.name.as_str(), "json" | "jsonb" | "text") && a.ty.schema == "pg_catalog"
        };
        in_args.is_empty()
            || !in_args.iter().any(|a| a.name.is_empty())
            || in_args
                .iter()
                .all(|a| !a.name.is_empty() || (a.has_default && valid_unnamed(a)))
            || (in_args.len() == 1
                && in_args[0].name.is_empty()
                && (valid_unnamed(in_args[0]) || in_args[0].ty.relation))
    }

    /// The relation (or composite type) a function returns rows of, by name.
    fn return_table_name(&self, f: &Func) -> Option<String> {
        f.return_type.relation.then(|| f.return_type.name.clone())
    }

    /// `getFunctionReturnType`: the TypeScript of what a function returns (before `[]`):
    /// an object type, or a named type.
    fn return_type(&self, schema: &str, f: &Func) -> Returned {
        let table_cols: Vec<&FnArg> = f.args.iter().filter(|a| a.mode == Mode::Table).collect();
        if !table_cols.is_empty() {
            let members = table_cols
                .iter()
                .map(|a| {
                    prop(
                        &a.name,
                        false,
                        type_doc(&ts_type(self.meta, schema, &a.ty.name, &a.ty.schema)),
                    )
                })
                .collect();
            return Returned::Object(obj(members, true));
        }
        if f.return_type.relation {
            if let Some(rel) = self
                .meta
                .relation(schema, &f.return_type.name)
                .filter(|_| f.return_type.schema == schema)
            {
                return Returned::Object(obj(
                    rel.columns
                        .iter()
                        .map(|c| self.column(schema, c, false, c.nullable))
                        .collect(),
                    true,
                ));
            }
        }
        Returned::Type(ts_type(
            self.meta,
            schema,
            &f.return_type.name,
            &f.return_type.schema,
        ))
    }

    /// `getFunctionTsReturnType`: `Returns` (with `[]` for sets) and `SetofOptions`.
    fn returns(&self, f: &Func, ret: Doc) -> Vec<Doc> {
        let table = self.return_table_name(f);
        let returns_set_of_table = f.setof && f.return_type.relation;
        let multiple_rows = f.rows.is_some_and(|r| r > 1.0);
        let setof_options = |from: &str, to: &str, one: bool, set: bool| {
            prop(
                "SetofOptions",
                false,
                obj(
                    vec![
                        prop("from", false, text(string(from))),
                        prop("to", false, text(string(to))),
                        prop("isOneToOne", false, text(one.to_string())),
                        prop("isSetofReturn", false, text(set.to_string())),
                    ],
                    true,
                ),
            )
        };
        let mut setof = table
            .as_ref()
            .map(|t| setof_options("*", t, !multiple_rows, f.setof));
        if f.args.len() == 1 && f.args[0].ty.relation {
            let source = &f.args[0].ty.name;
            if let Some(t) = &table {
                setof = Some(if returns_set_of_table {
                    setof_options(source, t, !multiple_rows, true)
                } else {
                    setof_options(source, t, true, false)
                });
            }
        }
        let collapsible = !multiple_rows && table.is_some();
        let ret = if f.setof && !collapsible {
            concat(vec![ret, text("[]")])
        } else {
            ret
        };
        let mut out = vec![prop("Returns", false, ret)];
        out.extend(setof);
        out
    }

    fn args_doc(&self, schema: &str, in_args: &[&FnArg]) -> Doc {
        if in_args.is_empty() {
            return text("Record<PropertyKey, never>");
        }
        obj(
            in_args
                .iter()
                .map(|a| {
                    prop(
                        &a.name,
                        a.has_default,
                        type_doc(&ts_type(self.meta, schema, &a.ty.name, &a.ty.schema)),
                    )
                })
                .collect(),
            false,
        )
    }

    /// `getConflictError`: overloads PostgREST cannot tell apart.
    fn conflict(
        &self,
        schema: &str,
        overloads: &[Sig],
        f: &Func,
        in_args: &[&FnArg],
    ) -> Option<String> {
        if overloads.len() <= 1 {
            return None;
        }
        if in_args.is_empty() {
            let other = overloads.iter().find(|(g, a)| {
                !std::ptr::eq(*g, f) && a.len() == 1 && a[0].name.is_empty() && a[0].has_default
            });
            if let Some((g, _)) = other {
                return Some(format!(
                    "Could not choose the best candidate function between: {schema}.{n}(), {schema}.{n}( => {}). Try renaming the parameters or the function itself in the database so function overloading can be resolved",
                    g.return_type.name,
                    n = f.name
                ));
            }
        }
        if in_args.len() == 1 && !in_args[0].name.is_empty() {
            let sole = in_args[0];
            let others: Vec<&Sig> = overloads
                .iter()
                .filter(|(g, a)| {
                    !std::ptr::eq(*g, f)
                        && a.len() == 1
                        && a[0].name == sole.name
                        && a[0].ty != sole.ty
                })
                .collect();
            if !others.is_empty() {
                // Ordered by the argument's type OID, as the generator does.
                let mut all: Vec<&[&FnArg]> = vec![in_args];
                all.extend(others.iter().map(|(_, a)| a.as_slice()));
                all.sort_by_key(|args| {
                    args.first()
                        .map(|a| super::meta::type_oid(&a.ty))
                        .unwrap_or(0)
                });
                let list = all
                    .iter()
                    .map(|args| {
                        format!(
                            "{schema}.{}({})",
                            f.name,
                            args.iter()
                                .map(|a| format!("{} => {}", a.name, a.ty.name))
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                return Some(format!("Could not choose the best candidate function between: {list}. Try renaming the parameters or the function itself in the database so function overloading can be resolved"));
            }
        }
        None
    }

    fn signature(&self, schema: &str, overloads: &[Sig], f: &Func, in_args: &[&FnArg]) -> Doc {
        let error = |msg: String| {
            group(
                concat(vec![
                    obj(vec![prop("error", false, text("true"))], false),
                    text(" & "),
                    text(string(&msg)),
                ]),
                false,
            )
        };
        let table_row_error = in_args.len() == 1
            && in_args[0].name.is_empty()
            && in_args[0].ty.relation
            && self.return_table_name(f).is_none();
        let mut ret = match self.return_type(schema, f) {
            Returned::Object(object) => object,
            Returned::Type(t) => type_doc(&t),
        };
        if let Some(msg) = self.conflict(schema, overloads, f, in_args) {
            ret = error(msg);
        } else if table_row_error {
            ret = error(format!(
                "the function {schema}.{} with parameter or with a single unnamed json/jsonb parameter, but no matches were found in the schema cache",
                f.name
            ));
        }
        let mut members = vec![prop("Args", false, self.args_doc(schema, in_args))];
        members.extend(self.returns(f, ret));
        obj(members, false)
    }

    fn functions(&self, schema: &str, parts: &SchemaParts) -> Doc {
        if parts.functions.is_empty() {
            return obj(vec![never()], true);
        }
        let mut groups: Vec<(String, Vec<Sig>)> = vec![];
        for (f, a) in &parts.functions {
            match groups.iter_mut().find(|(n, _)| n == &f.name) {
                Some((_, g)) => g.push((f, a.clone())),
                None => groups.push((f.name.clone(), vec![(f, a.clone())])),
            }
        }
        let members = groups
            .iter_mut()
            .map(|(name, g)| {
                g.sort_by(|a, b| {
                    compare(&a.0.argument_types, &b.0.argument_types)
                        .then_with(|| compare(&a.0.result_text, &b.0.result_text))
                });
                let sigs: Vec<Doc> = g
                    .iter()
                    .map(|(f, a)| self.signature(schema, g, f, a))
                    .collect();
                prop(name, false, union(sigs))
            })
            .collect();
        obj(members, true)
    }

    /// Computed fields: functions of the schema whose one input is the relation's row.
    fn computed_fields(&self, schema: &str, rel: &Relation, parts: &SchemaParts) -> Vec<Doc> {
        parts
            .functions
            .iter()
            .filter(|(_, a)| {
                a.len() == 1
                    && a[0].ty.relation
                    && a[0].ty.name == rel.name
                    && a[0].ty.schema == rel.schema
            })
            .map(|(f, _)| {
                let ty = match self.return_type(schema, f) {
                    Returned::Type(t) => type_doc(&nullable(t, true)),
                    // `{ … } | null` hugs the object.
                    Returned::Object(object) => concat(vec![object, text(" | null")]),
                };
                prop(&f.name, false, ty)
            })
            .collect()
    }

    fn table(&self, schema: &str, t: &Relation, parts: &SchemaParts) -> Doc {
        let mut row: Vec<Doc> = t
            .columns
            .iter()
            .map(|c| self.column(schema, c, false, c.nullable))
            .collect();
        row.extend(self.computed_fields(schema, t, parts));
        let write = |update: bool| {
            obj(
                t.columns
                    .iter()
                    .map(|c| {
                        if c.identity_always || c.generated {
                            prop(&c.name, true, text("never"))
                        } else {
                            self.column(
                                schema,
                                c,
                                update || c.nullable || c.identity || c.has_default,
                                c.nullable,
                            )
                        }
                    })
                    .collect(),
                true,
            )
        };
        let members = vec![
            prop("Row", false, obj(row, true)),
            prop("Insert", false, write(false)),
            prop("Update", false, write(true)),
            prop("Relationships", false, self.relationships(t)),
        ];
        prop(&t.name, false, obj(members, true))
    }

    fn view(&self, schema: &str, v: &Relation, parts: &SchemaParts) -> Doc {
        let mut row: Vec<Doc> = v
            .columns
            .iter()
            .map(|c| self.column(schema, c, false, c.nullable))
            .collect();
        row.extend(self.computed_fields(schema, v, parts));
        let write = || {
            obj(
                v.columns
                    .iter()
                    .map(|c| {
                        if c.updatable {
                            self.column(schema, c, true, true)
                        } else {
                            prop(&c.name, true, text("never"))
                        }
                    })
                    .collect(),
                true,
            )
        };
        let mut members = vec![prop("Row", false, obj(row, true))];
        if v.insert_enabled {
            members.push(prop("Insert", false, write()));
        }
        if v.update_enabled {
            members.push(prop("Update", false, write()));
        }
        members.push(prop("Relationships", false, self.relationships(v)));
        prop(&v.name, false, obj(members, true))
    }

    fn schema(&self, schema: &str, parts: &SchemaParts) -> Doc {
        let section = |items: Vec<Doc>| {
            if items.is_empty() {
                obj(vec![never()], true)
            } else {
                obj(items, true)
            }
        };
        let tables = section(
            parts
                .tables
                .iter()
                .map(|t| self.table(schema, t, parts))
                .collect(),
        );
        let views = section(
            parts
                .views
                .iter()
                .map(|v| self.view(schema, v, parts))
                .collect(),
        );
        let functions = self.functions(schema, parts);
        let enums = section(
            parts
                .enums
                .iter()
                .map(|(n, vals)| {
                    prop(
                        n,
                        false,
                        union(vals.iter().map(|v| text(string(v))).collect()),
                    )
                })
                .collect(),
        );
        let composites = section(
            parts
                .composites
                .iter()
                .map(|(n, attrs)| {
                    let members = attrs
                        .iter()
                        .map(|(a, ty)| {
                            let r = super::meta::type_ref(self.meta.ir, ty);
                            prop(
                                a,
                                false,
                                type_doc(&nullable(
                                    ts_type(self.meta, schema, &r.name, &r.schema),
                                    true,
                                )),
                            )
                        })
                        .collect();
                    prop(n, false, obj(members, true))
                })
                .collect(),
        );
        let members = vec![
            prop("Tables", false, tables),
            prop("Views", false, views),
            prop("Functions", false, functions),
            prop("Enums", false, enums),
            prop("CompositeTypes", false, composites),
        ];
        prop(schema, false, obj(members, true))
    }
}

/// `Constants.<schema>`: the enums' labels.
fn schema_constants(schema: &str, parts: &SchemaParts) -> Doc {
    let enums = object_literal(
        parts
            .enums
            .iter()
            .map(|(n, vals)| concat(vec![text(key(n)), text(": "), string_list(vals)]))
            .collect(),
        true,
    );
    concat(vec![
        text(key(schema)),
        text(": "),
        object_literal(vec![concat(vec![text("Enums: "), enums])], true),
    ])
}

/// `export type Database = { … }` and `export const Constants = { … } as const`, each schema's
/// parts gathered once for both.
pub fn database_and_constants(meta: &Meta) -> (String, String) {
    let p = Printer { meta };
    let (mut schemas, mut constants) = (vec![], vec![]);
    for s in &meta.schemas {
        let parts = p.parts(s);
        schemas.push(p.schema(s, &parts));
        constants.push(schema_constants(s, &parts));
    }
    let database = concat(vec![text("export type Database = "), obj(schemas, true)]);
    let constants = concat(vec![
        text("export const Constants = "),
        object_literal(constants, true),
        text(" as const"),
    ]);
    (print(&database, WIDTH, 0), print(&constants, WIDTH, 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_strings_as_oxfmt_prints_them() {
        assert_eq!(key("user_id"), "user_id");
        assert_eq!(key("user-id"), "\"user-id\"");
        assert_eq!(key("1a"), "\"1a\"");
        assert_eq!(key(""), "\"\"");
        assert_eq!(key("$x"), "$x");
        assert_eq!(string("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(string("a\"b"), "'a\"b'");
    }
}
