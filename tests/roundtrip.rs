//! Values of every default-mapped type (nullable, array and enum-array variants included)
//! round-trip through the generated code of `tests/fixtures/rust/all_types/` and both
//! drivers, including awkward ones: empty arrays, NULL inside an array, unicode, the integer
//! limits, high-precision and rounded numerics, timestamps with offsets, a composite with a
//! NULL field, an enum label with a quote, a domain, intervals with negative parts, IPv6. `vector(n)` round-trips in
//! `tests/drivers.rs` (the example schema has it); where the server has no pgvector, this file
//! checks the driver encodings of `pgvector::Vector` without a server instead.

use integration_tests::root;

/// The fixture's generated code, both drivers on (golden; `tests/rust.rs` keeps it current).
#[allow(dead_code, clippy::all)]
mod db {
    include!("fixtures/rust/all_types/expected.rs");
}

/// The same schema shape with `[rust] datetime = "time"` and `domains = "newtype"`.
#[allow(dead_code, clippy::all)]
mod db_time {
    include!("fixtures/rust/time_and_domains/expected.rs");
}

use db::pgforge::{Inet, Interval};
use db::public::{every_type, Mood, Pair};

/// A scratch database with `tests/fixtures/rust/<fixture>/input.sql` applied.
fn fixture_database(fixture: &str, label: &str) -> Option<codegen::verify::Scratch> {
    let name = format!("{fixture}.sql");
    let path = root().join(format!("tests/fixtures/rust/{fixture}/input.sql"));
    let sql = std::fs::read_to_string(path).unwrap();
    let b = schema::build_sql(&[(&name, &sql)], &schema::Options::default());
    assert!(!b.has_errors(), "{}", b.render(false));
    integration_tests::applied(&b, label)
}

fn dec(s: &str) -> rust_decimal::Decimal {
    s.parse().unwrap()
}

fn utc(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

fn naive(s: &str) -> chrono::NaiveDateTime {
    chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").unwrap()
}

/// Two rows at the edges: (what is inserted, what PostgreSQL gives back).
fn rows() -> Vec<(every_type::Insert, every_type::Row)> {
    let high = every_type::Row {
        id: 0,
        b: true,
        i2: i16::MAX,
        i4: i32::MAX,
        i8: i64::MAX,
        f4: f32::MAX,
        f8: f64::MAX,
        n: dec("1234567890123456.123456789012"),
        n_scaled: dec("12345678.1235"),
        t: "naïve — 日本語 🎉 'single' \"double\" \\ back\nslash".into(),
        vc: "sixteen chars!!!".into(),
        c: "ab ".into(),
        nm: "über_name".into(),
        by: vec![0, 255, 0, 1, 2],
        u: uuid::Uuid::max(),
        d: chrono::NaiveDate::from_ymd_opt(9999, 12, 31).unwrap(),
        tm: chrono::NaiveTime::from_hms_micro_opt(23, 59, 59, 999_999).unwrap(),
        ts: naive("1999-12-31 23:59:59.5"),
        tz: utc("2025-03-30T01:59:59.123456+05:45"),
        j: serde_json::json!({"a": [1, null, "x"], "ü": 1.5}),
        jb: serde_json::json!({"nested": {"deep": [true, false]}, "e": ""}),
        m: Mood::ItSComplicated,
        p: Some(Pair {
            a: Some(-1),
            b: None,
        }),
        dom: Some(i32::MAX),
        t_null: Some(String::new()),
        i8_null: Some(i64::MIN),
        tz_null: Some(utc("1970-01-01T00:00:00Z")),
        m_null: Some(Mood::Sad),
        i4_arr: vec![i32::MIN, 0, i32::MAX],
        t_arr: vec![
            "".into(),
            "a,b".into(),
            "{}".into(),
            "\"q\"".into(),
            "NULL".into(),
        ],
        m_arr: vec![Mood::Sad, Mood::ItSComplicated, Mood::Happy],
        u_arr: Some(vec![uuid::Uuid::nil()]),
        ts_arr: Some(vec![
            utc("2000-02-29T12:00:00-08:00"),
            utc("2038-01-19T03:14:08Z"),
        ]),
        t_arr_nulls: Some(vec![Some("x".into()), None, Some("".into())]),
        iv: Interval {
            months: 14,
            days: -3,
            microseconds: 86_399_999_999,
        },
        iv_arr: Some(vec![
            Interval {
                months: -1,
                days: 0,
                microseconds: i64::MIN + 1,
            },
            Interval::default(),
        ]),
        ip: Inet::host("2001:db8::1".parse().unwrap()),
        net: Some(Inet {
            addr: "10.0.0.0".parse().unwrap(),
            prefix: 8,
        }),
        ip_arr: Some(vec![
            Inet::host("127.0.0.1".parse().unwrap()),
            Inet {
                addr: "fe80::".parse().unwrap(),
                prefix: 10,
            },
        ]),
    };
    let low = every_type::Row {
        id: 0,
        b: false,
        i2: i16::MIN,
        i4: i32::MIN,
        i8: i64::MIN,
        f4: f32::MIN_POSITIVE,
        f8: -f64::MIN_POSITIVE,
        n: dec("-0.0000000000000000000000000001"),
        n_scaled: dec("0.0000"),
        t: String::new(),
        vc: String::new(),
        c: "   ".into(),
        nm: "x".into(),
        by: vec![],
        u: uuid::Uuid::nil(),
        d: chrono::NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
        tm: chrono::NaiveTime::from_hms_opt(0, 0, 0).unwrap(),
        ts: naive("0001-01-01 00:00:00"),
        tz: utc("1901-12-13T20:45:52-12:00"),
        j: serde_json::json!(null),
        jb: serde_json::json!([]),
        m: Mood::Happy,
        p: None,
        dom: None,
        t_null: None,
        i8_null: None,
        tz_null: None,
        m_null: None,
        i4_arr: vec![],
        t_arr: vec![],
        m_arr: vec![],
        u_arr: None,
        ts_arr: Some(vec![]),
        t_arr_nulls: Some(vec![None]),
        iv: Interval::default(),
        iv_arr: None,
        ip: Inet {
            addr: "10.1.2.3".parse().unwrap(),
            prefix: 8,
        },
        net: None,
        ip_arr: Some(vec![]),
    };
    // What is sent where PostgreSQL changes the value: numeric(12,4) rounds, char(3) pads.
    let high_in = every_type::Row {
        n_scaled: dec("12345678.12345"),
        c: "ab".into(),
        ..high.clone()
    };
    let low_in = every_type::Row {
        c: "".into(),
        ..low.clone()
    };
    vec![(insert(&high_in), high), (insert(&low_in), low)]
}

/// An error with its sources, as a user's error report shows it.
fn chain(e: &dyn std::error::Error) -> String {
    let mut text = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        text.push_str(": ");
        text.push_str(&s.to_string());
        source = s.source();
    }
    text
}

fn insert(r: &every_type::Row) -> every_type::Insert {
    let r = r.clone();
    every_type::Insert {
        b: r.b,
        i2: r.i2,
        i4: r.i4,
        i8: r.i8,
        f4: r.f4,
        f8: r.f8,
        n: r.n,
        n_scaled: r.n_scaled,
        t: r.t,
        vc: r.vc,
        c: r.c,
        nm: r.nm,
        by: r.by,
        u: r.u,
        d: r.d,
        tm: r.tm,
        ts: r.ts,
        tz: r.tz,
        j: r.j,
        jb: r.jb,
        m: r.m,
        p: r.p,
        dom: r.dom,
        t_null: r.t_null,
        i8_null: r.i8_null,
        tz_null: r.tz_null,
        m_null: r.m_null,
        i4_arr: r.i4_arr,
        t_arr: r.t_arr,
        m_arr: r.m_arr,
        u_arr: r.u_arr,
        ts_arr: r.ts_arr,
        t_arr_nulls: r.t_arr_nulls,
        iv: r.iv,
        iv_arr: r.iv_arr,
        ip: r.ip,
        net: r.net,
        ip_arr: r.ip_arr,
    }
}

/// `$d`: the driver module, `$db`: the executor, `$null_in_array`: a block that puts a NULL
/// element into the `t_arr` (`Vec<String>`) column of row `$id` through the driver.
macro_rules! roundtrip {
    ($d:ident, $db:expr, |$id:ident| $null_in_array:block) => {{
        for (new, expected) in rows() {
            let got = every_type::$d::insert($db, &new).await.unwrap();
            assert_eq!(got, every_type::Row { id: got.id, ..expected.clone() }, "insert … returning");
            let read = every_type::$d::get($db, &got.id).await.unwrap();
            assert_eq!(read.as_ref(), Some(&got), "get");
            // Every value also goes back in as a parameter (update sets each column).
            let patch = every_type::Update { t_arr_nulls: Some(expected.t_arr_nulls.clone()), m_arr: Some(expected.m_arr.clone()), p: Some(expected.p.clone()), tz: Some(expected.tz), ..Default::default() };
            assert_eq!(every_type::$d::update($db, &got.id, &patch).await.unwrap().as_ref(), Some(&got), "update with the same values");
        }
        // The default mapping of text[] is Vec<String>: a NULL element is a decoding error
        // (the per-column override `Vec<Option<String>>` is the fix), never a silent "".
        let id = every_type::$d::list($db, 1, 0).await.unwrap()[0].id;
        let $id = id;
        $null_in_array
        let err = every_type::$d::get($db, &id).await.expect_err("NULL inside a Vec<String> column");
        let text = chain(&err).to_lowercase();
        assert!(text.contains("null"), "the error says why: {text}");
    }};
}

#[tokio::test(flavor = "current_thread")]
async fn every_type_through_sqlx() {
    use sqlx::Connection;
    let Some(db) = fixture_database("all_types", "roundtrip_sqlx") else {
        return;
    };
    let mut conn = sqlx::PgConnection::connect(db.conn.uri()).await.unwrap();
    roundtrip!(sqlx, &mut conn, |id| {
        sqlx::query("update public.every_type set t_arr = array['a', null] where id = $1")
            .bind(id)
            .execute(&mut conn)
            .await
            .unwrap();
    });
}

#[tokio::test(flavor = "current_thread")]
async fn every_type_through_tokio_postgres() {
    let Some(db) = fixture_database("all_types", "roundtrip_tokio_postgres") else {
        return;
    };
    let (client, connection) = tokio_postgres::connect(db.conn.uri(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    roundtrip!(tokio_postgres, &client, |id| {
        client
            .execute(
                "update public.every_type set t_arr = array['a', null] where id = $1",
                &[&id],
            )
            .await
            .unwrap();
    });
    drop(client);
    driver.await.unwrap().unwrap();
}

fn time_event() -> db_time::public::events::Insert {
    use db_time::public::{events, Email, Positive};
    events::Insert {
        d: time::macros::date!(0001 - 01 - 01),
        tm: time::macros::time!(23:59:59.999_999),
        ts: time::macros::datetime!(1999-12-31 23:59:59.5),
        tz: time::macros::datetime!(2025-03-30 01:59:59.123_456 +05:45),
        tz_null: None,
        ts_arr: vec![
            time::macros::datetime!(2000-02-29 12:00 -08:00),
            time::macros::datetime!(2038-01-19 03:14:08 UTC),
        ],
        contact: Email("ann@example.com".into()),
        n: Some(Positive(i32::MAX)),
    }
}

/// `$d`: the driver module, `$db`: the executor.
macro_rules! time_roundtrip {
    ($d:ident, $db:expr) => {{
        use db_time::public::{events, Email, Positive};
        let new = time_event();
        let got = events::$d::insert($db, &new).await.unwrap();
        assert_eq!(
            (
                got.d,
                got.tm,
                got.ts,
                &got.ts_arr,
                &got.contact,
                got.n.clone()
            ),
            (
                new.d,
                new.tm,
                new.ts,
                &new.ts_arr,
                &new.contact,
                new.n.clone()
            )
        );
        assert_eq!(
            got.tz, new.tz,
            "the same instant (PostgreSQL gives it back in UTC)"
        );
        assert_eq!(
            events::$d::get($db, &got.id).await.unwrap().as_ref(),
            Some(&got)
        );
        let patch = events::Update {
            contact: Some(Email("bo@example.com".into())),
            n: Some(None),
            tz_null: Some(Some(new.tz)),
            ..Default::default()
        };
        let upd = events::$d::update($db, &got.id, &patch)
            .await
            .unwrap()
            .unwrap();
        assert_eq!(
            (upd.contact, upd.n, upd.tz_null),
            (Email("bo@example.com".into()), None, Some(new.tz))
        );
        // The domains' CHECKs still apply to newtype values.
        let bad = events::Insert {
            contact: Email("no at sign".into()),
            ..time_event()
        };
        assert!(events::$d::insert($db, &bad).await.is_err());
        let bad = events::Insert {
            n: Some(Positive(0)),
            ..time_event()
        };
        assert!(events::$d::insert($db, &bad).await.is_err());
    }};
}

#[tokio::test(flavor = "current_thread")]
async fn time_crate_and_domain_newtypes_through_sqlx() {
    use sqlx::Connection;
    let Some(db) = fixture_database("time_and_domains", "time_sqlx") else {
        return;
    };
    let mut conn = sqlx::PgConnection::connect(db.conn.uri()).await.unwrap();
    time_roundtrip!(sqlx, &mut conn);
}

#[tokio::test(flavor = "current_thread")]
async fn time_crate_and_domain_newtypes_through_tokio_postgres() {
    let Some(db) = fixture_database("time_and_domains", "time_tokio_postgres") else {
        return;
    };
    let (client, connection) = tokio_postgres::connect(db.conn.uri(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    time_roundtrip!(tokio_postgres, &client);
    drop(client);
    driver.await.unwrap().unwrap();
}

/// The tokio-postgres encoding of `pgvector::Vector` (what `vector(n)` maps to), binary out and
/// back in, without a server: the check that remains where the server has no pgvector and
/// `tests/drivers.rs` is skipped.
#[test]
fn vector_encodings_without_a_server() {
    use postgres_types::{FromSql, ToSql, Type};
    let v = pgvector::Vector::from(vec![1.5f32, -0.0, f32::MAX]);
    let ty = Type::new(
        "vector".into(),
        0,
        postgres_types::Kind::Simple,
        "extensions".into(),
    );
    let mut buf = bytes::BytesMut::new();
    v.to_sql(&ty, &mut buf).unwrap();
    assert_eq!(
        &buf[..4],
        &[0, 3, 0, 0],
        "dimension count, then an unused word"
    );
    assert_eq!(pgvector::Vector::from_sql(&ty, &buf).unwrap(), v);
}

/// `tests/fixtures/rust/text_form/`: types no driver reads natively, in their text form.
#[allow(dead_code, clippy::all)]
mod db_text {
    include!("fixtures/rust/text_form/expected.rs");
}

/// (what is inserted, what PostgreSQL gives back in its own text form): weights and
/// positions in a tsvector, a negative amount of money, an empty and an unbounded range,
/// macaddr8, bit strings, an array of tsvectors, a domain over tsvector.
fn text_form_row() -> (
    db_text::public::documents::Insert,
    db_text::public::documents::Row,
) {
    use db_text::public::documents::{Insert, Row};
    let new = Insert {
        body: "fat:2,4A cat:3B rat:5".into(),
        query: Some("fat & (rat | cat)".into()),
        price: Some("-1234.5".into()),
        mac: Some("08:00:2B:01:02:03".into()),
        mac8: Some("08:00:2b:01:02:03:04:05".into()),
        flags: Some("101".into()),
        bits: Some("".into()),
        span: Some("empty".into()),
        during: Some("[2024-01-01 00:00:00+00,)".into()),
        lsn: Some("16/B374D848".into()),
        at_tz: Some("04:05:06.789-08".into()),
        spot: Some("(1.5,-2)".into()),
        words: Some(vec!["a:1".into(), "".into()]),
        doc: Some("b a".into()),
    };
    let expected = Row {
        id: 0,
        body: "'cat':3B 'fat':2,4A 'rat':5".into(),
        query: Some("'fat' & ( 'rat' | 'cat' )".into()),
        price: Some("-$1,234.50".into()),
        mac: Some("08:00:2b:01:02:03".into()),
        mac8: Some("08:00:2b:01:02:03:04:05".into()),
        flags: Some("101".into()),
        bits: Some("".into()),
        span: Some("empty".into()),
        during: Some("[\"2024-01-01 00:00:00+00\",)".into()),
        lsn: Some("16/B374D848".into()),
        at_tz: Some("04:05:06.789-08".into()),
        spot: Some("(1.5,-2)".into()),
        words: Some(vec!["'a':1".into(), "".into()]),
        doc: Some("'a' 'b'".into()),
    };
    (new, expected)
}

/// `$d`: the driver module, `$db`: the executor.
macro_rules! text_form_roundtrip {
    ($d:ident, $db:expr) => {{
        use db_text::public::documents;
        let (new, expected) = text_form_row();
        let got = documents::$d::insert($db, &new).await.unwrap();
        assert_eq!(
            got,
            documents::Row {
                id: got.id,
                ..expected.clone()
            },
            "insert … returning"
        );
        assert_eq!(
            documents::$d::get($db, &got.id).await.unwrap().as_ref(),
            Some(&got),
            "get"
        );
        // PostgreSQL's own text form goes back in unchanged.
        let patch = documents::Update {
            body: Some(got.body.clone()),
            words: Some(got.words.clone()),
            price: Some(got.price.clone()),
            ..Default::default()
        };
        assert_eq!(
            documents::$d::update($db, &got.id, &patch)
                .await
                .unwrap()
                .as_ref(),
            Some(&got),
            "update with the text form read"
        );
        let bad = documents::Insert {
            span: Some("[2,1)".into()),
            ..new
        };
        assert!(
            documents::$d::insert($db, &bad).await.is_err(),
            "PostgreSQL still checks the value"
        );
    }};
}

#[tokio::test(flavor = "current_thread")]
async fn text_form_types_through_sqlx() {
    use sqlx::Connection;
    let Some(db) = fixture_database("text_form", "roundtrip_text_sqlx") else {
        return;
    };
    let mut conn = sqlx::PgConnection::connect(db.conn.uri()).await.unwrap();
    text_form_roundtrip!(sqlx, &mut conn);
}

#[tokio::test(flavor = "current_thread")]
async fn text_form_types_through_tokio_postgres() {
    let Some(db) = fixture_database("text_form", "roundtrip_text_tokio_postgres") else {
        return;
    };
    let (client, connection) = tokio_postgres::connect(db.conn.uri(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    text_form_roundtrip!(tokio_postgres, &client);
    drop(client);
    driver.await.unwrap().unwrap();
}
