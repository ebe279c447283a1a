//! The `pgforge` module of the generated code: Rust types for PostgreSQL types that neither
//! driver maps the same way (`interval`; `inet` and `cidr`), with codecs for each driver, and
//! the binary record format tokio-postgres's codecs of every row and composite type share.
//! Emitted only when the schema uses one of them.

use super::drivers::{Drivers, Gate};
use proc_macro2::TokenStream;
use quote::quote;
use schema::ir::{PgType, Returns, Schema, TypeKind};

/// The module name; schema modules named so are renamed by the emitter.
pub const MODULE: &str = "pgforge";

fn needs(t: &PgType) -> bool {
    match t {
        PgType::Interval { .. } | PgType::Inet | PgType::Cidr => true,
        PgType::Array { element, .. } => needs(element),
        _ => false,
    }
}

/// Whether any user object has a type this module provides, or a record codec uses it.
pub fn used(s: &Schema, d: &Drivers) -> bool {
    (d.tokio_postgres != Gate::Off && has_records(s)) || has_own_types(s)
}

/// A table, view or composite type: each has a record codec.
fn has_records(s: &Schema) -> bool {
    s.user_schemas().any(|ns| {
        ns.tables.values().any(|t| !t.builtin)
            || ns.views.values().any(|v| !v.builtin)
            || ns
                .types
                .values()
                .any(|t| !t.builtin && matches!(t.kind, TypeKind::Composite { .. }))
    })
}

fn has_own_types(s: &Schema) -> bool {
    s.user_schemas().any(|ns| {
        ns.tables
            .values()
            .filter(|t| !t.builtin)
            .any(|t| t.columns.iter().any(|c| needs(&c.ty)))
            || ns
                .views
                .values()
                .filter(|v| !v.builtin)
                .any(|v| v.columns.iter().any(|c| c.ty.as_ref().is_some_and(needs)))
            || ns
                .types
                .values()
                .filter(|t| !t.builtin)
                .any(|t| match &t.kind {
                    TypeKind::Composite { attributes } => attributes.iter().any(|a| needs(&a.ty)),
                    TypeKind::Domain { base, .. } => needs(base),
                    _ => false,
                })
            || ns
                .functions
                .values()
                .flatten()
                .filter(|f| !f.builtin)
                .any(|f| {
                    f.args.iter().any(|a| needs(&a.ty))
                        || match &f.returns {
                            Returns::Type { ty, .. } => needs(ty),
                            Returns::Table { columns } => columns.iter().any(|c| needs(&c.ty)),
                            Returns::None => false,
                        }
                })
    })
}

pub fn module(d: &Drivers) -> TokenStream {
    let codecs = d.each(sqlx, tokio_postgres);
    quote! {
        /// Types for PostgreSQL types the drivers do not share a Rust type for, and what the
        /// generated codecs share.
        pub mod pgforge {
            /// PostgreSQL's `interval`: months, days and microseconds, kept apart as PostgreSQL
            /// keeps them (a month is not a fixed number of days, nor a day of seconds).
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
            pub struct Interval {
                pub months: i32,
                pub days: i32,
                pub microseconds: i64,
            }

            /// PostgreSQL's `inet` and `cidr`: an address with its prefix length (`/32` or
            /// `/128` for a single host). Displays as PostgreSQL prints it.
            #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
            pub struct Inet {
                pub addr: std::net::IpAddr,
                pub prefix: u8,
            }

            impl Inet {
                /// One host: `/32` (IPv4) or `/128` (IPv6).
                pub fn host(addr: std::net::IpAddr) -> Inet {
                    Inet { addr, prefix: if addr.is_ipv4() { 32 } else { 128 } }
                }

                /// The binary wire format both drivers use: family, prefix, is-cidr, length,
                /// address bytes.
                pub fn to_wire(&self, cidr: bool, out: &mut Vec<u8>) {
                    match self.addr {
                        std::net::IpAddr::V4(a) => {
                            out.extend_from_slice(&[2, self.prefix, cidr as u8, 4]);
                            out.extend_from_slice(&a.octets());
                        }
                        std::net::IpAddr::V6(a) => {
                            out.extend_from_slice(&[3, self.prefix, cidr as u8, 16]);
                            out.extend_from_slice(&a.octets());
                        }
                    }
                }

                pub fn from_wire(raw: &[u8]) -> Result<Inet, String> {
                    let addr = match raw {
                        [2, _, _, 4, a @ ..] if a.len() == 4 => std::net::IpAddr::from([a[0], a[1], a[2], a[3]]),
                        [3, _, _, 16, a @ ..] if a.len() == 16 => {
                            let mut b = [0u8; 16];
                            b.copy_from_slice(a);
                            std::net::IpAddr::from(b)
                        }
                        _ => return Err(format!("not an inet/cidr value: {raw:?}")),
                    };
                    Ok(Inet { addr, prefix: raw[1] })
                }
            }

            impl std::fmt::Display for Inet {
                fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                    if *self == Inet::host(self.addr) {
                        write!(f, "{}", self.addr)
                    } else {
                        write!(f, "{}/{}", self.addr, self.prefix)
                    }
                }
            }

            impl Interval {
                /// The binary wire format both drivers use.
                pub fn to_wire(&self) -> [u8; 16] {
                    let mut b = [0u8; 16];
                    b[..8].copy_from_slice(&self.microseconds.to_be_bytes());
                    b[8..12].copy_from_slice(&self.days.to_be_bytes());
                    b[12..].copy_from_slice(&self.months.to_be_bytes());
                    b
                }

                pub fn from_wire(raw: &[u8]) -> Result<Interval, String> {
                    let raw: &[u8; 16] = raw.try_into().map_err(|_| format!("an interval is 16 bytes, not {}", raw.len()))?;
                    let microseconds = i64::from_be_bytes(raw[..8].try_into().expect("8 bytes"));
                    let days = i32::from_be_bytes(raw[8..12].try_into().expect("4 bytes"));
                    let months = i32::from_be_bytes(raw[12..].try_into().expect("4 bytes"));
                    Ok(Interval { months, days, microseconds })
                }
            }

            #codecs
        }
    }
}

fn sqlx() -> TokenStream {
    quote! {
        impl ::sqlx::Type<::sqlx::Postgres> for Interval {
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                <::sqlx::postgres::types::PgInterval as ::sqlx::Type<::sqlx::Postgres>>::type_info()
            }
        }
        impl ::sqlx::postgres::PgHasArrayType for Interval {
            fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                <::sqlx::postgres::types::PgInterval as ::sqlx::postgres::PgHasArrayType>::array_type_info()
            }
        }
        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for Interval {
            fn encode_by_ref(&self, buf: &mut ::sqlx::postgres::PgArgumentBuffer) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                buf.extend_from_slice(&self.to_wire());
                Ok(::sqlx::encode::IsNull::No)
            }
        }
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for Interval {
            fn decode(value: ::sqlx::postgres::PgValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                match value.format() {
                    ::sqlx::postgres::PgValueFormat::Binary => Ok(Interval::from_wire(value.as_bytes()?)?),
                    ::sqlx::postgres::PgValueFormat::Text => Err("interval in text format: use a prepared statement".into()),
                }
            }
        }
        impl ::sqlx::Type<::sqlx::Postgres> for Inet {
            // Built-in OIDs: inet 869, cidr 650.
            fn type_info() -> ::sqlx::postgres::PgTypeInfo {
                ::sqlx::postgres::PgTypeInfo::with_oid(::sqlx::postgres::types::Oid(869))
            }
            fn compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                matches!(ty.oid(), Some(::sqlx::postgres::types::Oid(869 | 650)))
            }
        }
        impl ::sqlx::postgres::PgHasArrayType for Inet {
            // inet[] 1041, cidr[] 651.
            fn array_type_info() -> ::sqlx::postgres::PgTypeInfo {
                ::sqlx::postgres::PgTypeInfo::with_oid(::sqlx::postgres::types::Oid(1041))
            }
            fn array_compatible(ty: &::sqlx::postgres::PgTypeInfo) -> bool {
                matches!(ty.oid(), Some(::sqlx::postgres::types::Oid(1041 | 651)))
            }
        }
        impl ::sqlx::Encode<'_, ::sqlx::Postgres> for Inet {
            fn encode_by_ref(&self, buf: &mut ::sqlx::postgres::PgArgumentBuffer) -> Result<::sqlx::encode::IsNull, ::sqlx::error::BoxDynError> {
                let mut out = vec![];
                self.to_wire(false, &mut out);
                buf.extend_from_slice(&out);
                Ok(::sqlx::encode::IsNull::No)
            }
        }
        impl<'r> ::sqlx::Decode<'r, ::sqlx::Postgres> for Inet {
            fn decode(value: ::sqlx::postgres::PgValueRef<'r>) -> Result<Self, ::sqlx::error::BoxDynError> {
                match value.format() {
                    ::sqlx::postgres::PgValueFormat::Binary => Ok(Inet::from_wire(value.as_bytes()?)?),
                    ::sqlx::postgres::PgValueFormat::Text => Err("inet in text format: use a prepared statement".into()),
                }
            }
        }
    }
}

fn tokio_postgres() -> TokenStream {
    quote! {
        /// Composite values (a row as a value, a composite type) in the binary record format:
        /// a field count, then per field its type's OID, a length (-1 for NULL) and the value.
        pub mod record {
            type Error = Box<dyn std::error::Error + Sync + Send>;

            /// The fields of a composite value, read in order.
            pub struct Fields<'t, 'a> {
                fields: &'t [::postgres_types::Field],
                rest: &'a [u8],
                next: usize,
            }

            impl<'t, 'a> Fields<'t, 'a> {
                /// The value `raw` of composite type `ty`, which must have `count` fields.
                pub fn new(ty: &'t ::postgres_types::Type, raw: &'a [u8], count: usize) -> Result<Self, Error> {
                    let ::postgres_types::Kind::Composite(fields) = ty.kind() else {
                        return Err(format!("{ty} is not a composite type").into());
                    };
                    let mut record = Fields { fields, rest: raw, next: 0 };
                    let found = i32::from_be_bytes(record.take(4)?.try_into()?);
                    if found as usize != count || fields.len() != count {
                        return Err(format!("{ty} has {found} fields, expected {count}").into());
                    }
                    Ok(record)
                }

                fn take(&mut self, n: usize) -> Result<&'a [u8], Error> {
                    if self.rest.len() < n {
                        return Err("truncated record".into());
                    }
                    let (head, tail) = self.rest.split_at(n);
                    self.rest = tail;
                    Ok(head)
                }

                /// The next field's value.
                pub fn read<T: ::postgres_types::FromSql<'a>>(&mut self) -> Result<T, Error> {
                    self.take(4)?;
                    let len = i32::from_be_bytes(self.take(4)?.try_into()?);
                    let value = if len < 0 { None } else { Some(self.take(len as usize)?) };
                    let field = self.fields.get(self.next).ok_or("more values than fields")?;
                    self.next += 1;
                    T::from_sql_nullable(field.type_(), value)
                }
            }

            /// `values`, in order, as a value of composite type `ty`.
            pub fn write(
                ty: &::postgres_types::Type,
                out: &mut ::bytes::BytesMut,
                values: &[&dyn ::postgres_types::ToSql],
            ) -> Result<::postgres_types::IsNull, Error> {
                let ::postgres_types::Kind::Composite(fields) = ty.kind() else {
                    return Err(format!("{ty} is not a composite type").into());
                };
                out.extend_from_slice(&(fields.len() as i32).to_be_bytes());
                for (field, value) in fields.iter().zip(values) {
                    out.extend_from_slice(&field.type_().oid().to_be_bytes());
                    let at = out.len();
                    out.extend_from_slice(&[0; 4]);
                    let len = match value.to_sql_checked(field.type_(), out)? {
                        ::postgres_types::IsNull::Yes => -1,
                        ::postgres_types::IsNull::No => (out.len() - at - 4) as i32,
                    };
                    out[at..at + 4].copy_from_slice(&len.to_be_bytes());
                }
                Ok(::postgres_types::IsNull::No)
            }
        }

        impl<'a> ::postgres_types::FromSql<'a> for Interval {
            fn from_sql(_: &::postgres_types::Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                Ok(Interval::from_wire(raw)?)
            }
            ::postgres_types::accepts!(INTERVAL);
        }
        impl ::postgres_types::ToSql for Interval {
            fn to_sql(&self, _: &::postgres_types::Type, out: &mut ::bytes::BytesMut) -> Result<::postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                out.extend_from_slice(&self.to_wire());
                Ok(::postgres_types::IsNull::No)
            }
            ::postgres_types::accepts!(INTERVAL);
            ::postgres_types::to_sql_checked!();
        }
        impl<'a> ::postgres_types::FromSql<'a> for Inet {
            fn from_sql(_: &::postgres_types::Type, raw: &'a [u8]) -> Result<Self, Box<dyn std::error::Error + Sync + Send>> {
                Ok(Inet::from_wire(raw)?)
            }
            ::postgres_types::accepts!(INET, CIDR);
        }
        impl ::postgres_types::ToSql for Inet {
            fn to_sql(&self, ty: &::postgres_types::Type, out: &mut ::bytes::BytesMut) -> Result<::postgres_types::IsNull, Box<dyn std::error::Error + Sync + Send>> {
                let mut wire = vec![];
                self.to_wire(*ty == ::postgres_types::Type::CIDR, &mut wire);
                out.extend_from_slice(&wire);
                Ok(::postgres_types::IsNull::No)
            }
            ::postgres_types::accepts!(INET, CIDR);
            ::postgres_types::to_sql_checked!();
        }
    }
}
