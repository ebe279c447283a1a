//! End-to-end: the checked-in `generated` crate against the example schema applied to a
//! throwaway PostgreSQL (as `verify` applies it), through both drivers. One scenario, written
//! once as a macro and run through sqlx and through tokio-postgres, calls every generated
//! query of every table, view and function of the example; `every_query_is_exercised` keeps
//! it that way when the schema grows.

use integration_tests::root;

fn example_database(label: &str) -> Option<codegen::verify::Scratch> {
    let b = schema::build_path(
        &root().join("schema/migrations"),
        &schema::Options {
            supabase: Some(true),
            ..Default::default()
        },
    );
    assert!(!b.has_errors(), "{}", b.render(false));
    integration_tests::applied(&b, label)
}

fn vector(first: f32) -> pgvector::Vector {
    let mut v = vec![0.0f32; 1536];
    v[0] = first;
    v[1] = 1.0;
    pgvector::Vector::from(v)
}

fn at(s: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(s)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// The scenario: `$d` is the driver module (`sqlx` or `tokio_postgres`), `$db` the executor
/// expression, `$refresh` refreshes the materialized view through that driver.
macro_rules! scenario {
    ($d:ident, $db:expr, $tag:literal, $uid:expr, $refresh:block) => {{
        use generated::public::*;
        use serde_json::json;
        let uid: uuid::Uuid = $uid;

        // tenants: insert with defaults, get, find_by a unique column, partial update,
        // empty patch, upsert (None keeps the stored value), list.
        let t = tenants::$d::insert($db, &tenants::Insert { id: None, slug: format!("acme-{}", $tag), name: "Acme".into(), plan: None, settings: None, created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((t.plan.as_str(), &t.settings), ("free", &json!({})));
        assert_eq!(tenants::$d::get($db, &t.id).await.unwrap().as_ref(), Some(&t));
        assert_eq!(tenants::$d::find_by_slug($db, &t.slug).await.unwrap().map(|r| r.id), Some(t.id));
        assert_eq!(tenants::$d::find_by_slug($db, "no-such-tenant").await.unwrap(), None);
        let t2 = tenants::$d::update($db, &t.id, &tenants::Update { plan: Some("pro".into()), ..Default::default() }).await.unwrap().unwrap();
        assert_eq!((t2.plan.as_str(), t2.name.as_str(), &t2.slug, t2.created_at), ("pro", "Acme", &t.slug, t.created_at));
        assert_eq!(tenants::$d::update($db, &t.id, &tenants::Update::default()).await.unwrap().as_ref(), Some(&t2), "an empty patch writes nothing");
        assert_eq!(tenants::$d::update($db, &uuid::Uuid::nil(), &tenants::Update { plan: Some("x".into()), ..Default::default() }).await.unwrap(), None);
        let t3 = tenants::$d::upsert($db, &tenants::Insert { id: Some(t.id), slug: t.slug.clone(), name: "Acme Inc".into(), plan: None, settings: Some(json!({"seats": 3})), created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((t3.name.as_str(), t3.plan.as_str(), &t3.settings, t3.created_at), ("Acme Inc", "pro", &json!({"seats": 3}), t.created_at));
        assert!(tenants::$d::list($db, 1000, 0).await.unwrap().iter().any(|r| r.id == t.id));

        // users: an enum default, a nullable column set and then set to NULL (Some(None)).
        let u = users::$d::insert($db, &users::Insert { id: uid, tenant_id: t.id, email: "ann@example.com".into(), display_name: None, role: None, avatar_url: None, created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((u.role, &u.display_name), (UserRole::Member, &None));
        assert_eq!(users::$d::get($db, &uid).await.unwrap().as_ref(), Some(&u));
        assert_eq!(users::$d::list_by_tenant_id($db, &t.id).await.unwrap(), vec![u.clone()]);
        let u2 = users::$d::update($db, &uid, &users::Update { role: Some(UserRole::Admin), display_name: Some(Some("Ann Ö".into())), ..Default::default() }).await.unwrap().unwrap();
        assert_eq!((u2.role, u2.display_name.as_deref(), u2.email.as_str()), (UserRole::Admin, Some("Ann Ö"), "ann@example.com"));
        let u3 = users::$d::update($db, &uid, &users::Update { display_name: Some(None), ..Default::default() }).await.unwrap().unwrap();
        assert_eq!((u3.display_name, u3.role), (None, UserRole::Admin));
        let u4 = users::$d::upsert($db, &users::Insert { id: uid, tenant_id: t.id, email: "ann@acme.test".into(), display_name: None, role: None, avatar_url: Some("a.png".into()), created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((u4.email.as_str(), u4.role, u4.avatar_url.as_deref()), ("ann@acme.test", UserRole::Admin, Some("a.png")));
        assert!(users::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == uid));

        // conversations: identity ALWAYS key, text[] and enum defaults, list_by FK and index.
        let c = conversations::$d::insert($db, &conversations::Insert { tenant_id: t.id, user_id: uid, title: None, status: None, tags: None, metadata: None, created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((c.title.as_deref(), c.status, c.tags.len(), &c.metadata), (Some("New conversation"), ConversationStatus::Active, 0, &None));
        assert_eq!(conversations::$d::get($db, &c.id).await.unwrap().as_ref(), Some(&c));
        let c2 = conversations::$d::update($db, &c.id, &conversations::Update { tags: Some(vec!["a".into(), "b c".into(), "ü".into()]), status: Some(ConversationStatus::Archived), metadata: Some(Some(json!({"k": [1, null]}))), ..Default::default() }).await.unwrap().unwrap();
        assert_eq!((c2.tags.clone(), c2.status, c2.metadata.clone()), (vec!["a".to_string(), "b c".into(), "ü".into()], ConversationStatus::Archived, Some(json!({"k": [1, null]}))));
        assert_eq!(conversations::$d::list_by_tenant_id($db, &t.id).await.unwrap(), vec![c2.clone()]);
        assert_eq!(conversations::$d::list_by_user_id($db, &uid).await.unwrap().len(), 1);
        assert_eq!(conversations::$d::list_by_user_id_and_created_at($db, &uid, &c.created_at).await.unwrap().len(), 1);
        assert_eq!(conversations::$d::list_by_tenant_id_and_updated_at($db, &t.id, &c2.updated_at).await.unwrap().len(), 1);
        assert!(conversations::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == c.id));

        // messages: a required enum, unicode text, a pgvector column, a nullable integer.
        let m = messages::$d::insert($db, &messages::Insert { conversation_id: c.id, role: MessageRole::Assistant, content: "héllo ✓ \u{1F600}".into(), embedding: Some(vector(0.5)), token_count: None, created_at: None }).await.unwrap();
        assert_eq!((m.role, m.content.as_str(), m.embedding.clone(), m.token_count), (MessageRole::Assistant, "héllo ✓ \u{1F600}", Some(vector(0.5)), None));
        assert_eq!(messages::$d::get($db, &m.id).await.unwrap().as_ref(), Some(&m));
        assert_eq!(messages::$d::update($db, &m.id, &messages::Update { token_count: Some(Some(42)), ..Default::default() }).await.unwrap().unwrap().token_count, Some(42));
        assert_eq!(messages::$d::list_by_conversation_id($db, &c.id).await.unwrap().len(), 1);
        assert_eq!(messages::$d::list_by_conversation_id_and_created_at($db, &c.id, &m.created_at).await.unwrap().len(), 1);
        assert!(messages::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == m.id));

        // feedback: identity BY DEFAULT (optional on insert), a two-column unique key.
        let f = feedback::$d::insert($db, &feedback::Insert { id: None, message_id: m.id, user_id: uid, rating: 5, comment: Some("great".into()), created_at: None }).await.unwrap();
        assert_eq!(feedback::$d::get($db, &f.id).await.unwrap().as_ref(), Some(&f));
        assert_eq!(feedback::$d::find_by_message_id_and_user_id($db, &m.id, &uid).await.unwrap().as_ref(), Some(&f));
        assert_eq!(feedback::$d::list_by_message_id($db, &m.id).await.unwrap().len(), 1);
        assert_eq!(feedback::$d::list_by_user_id($db, &uid).await.unwrap().len(), 1);
        assert_eq!(feedback::$d::update($db, &f.id, &feedback::Update { rating: Some(4), ..Default::default() }).await.unwrap().unwrap().rating, 4);
        let f2 = feedback::$d::upsert($db, &feedback::Insert { id: Some(f.id), message_id: m.id, user_id: uid, rating: 3, comment: None, created_at: None }).await.unwrap();
        assert_eq!((f2.rating, f2.comment.as_deref()), (3, Some("great")));
        assert!(feedback::$d::update($db, &f.id, &feedback::Update { rating: Some(9), ..Default::default() }).await.is_err(), "the CHECK constraint's refusal is an error");
        assert!(feedback::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == f.id));

        // usage_metrics: a three-column primary key, a composite type with a NULL field, numeric.
        let day = chrono::NaiveDate::from_ymd_opt(2025, 11, 13).unwrap();
        let usage = TokenUsage { prompt_tokens: Some(10), completion_tokens: None, model: Some("gpt, \"quoted\"".into()) };
        let um = usage_metrics::$d::insert($db, &usage_metrics::Insert { tenant_id: t.id, day, model: "gpt".into(), usage: Some(usage.clone()), requests: None, cost_usd: Some("1.234567".parse().unwrap()) }).await.unwrap();
        assert_eq!((um.usage.as_ref(), um.requests, um.cost_usd.to_string()), (Some(&usage), 0, "1.234567".to_string()));
        assert_eq!(usage_metrics::$d::get($db, &t.id, &day, "gpt").await.unwrap().as_ref(), Some(&um));
        assert_eq!(usage_metrics::$d::update($db, &t.id, &day, "gpt", &usage_metrics::Update { requests: Some(5), ..Default::default() }).await.unwrap().unwrap().requests, 5);
        let um2 = usage_metrics::$d::upsert($db, &usage_metrics::Insert { tenant_id: t.id, day, model: "gpt".into(), usage: None, requests: None, cost_usd: Some("2".parse().unwrap()) }).await.unwrap();
        assert_eq!((um2.requests, um2.cost_usd.to_string(), um2.usage.as_ref()), (5, "2.000000".to_string(), Some(&usage)));
        assert_eq!(usage_metrics::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert!(usage_metrics::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.tenant_id == t.id));

        // agents: defaults of every kind (text, numeric(3,2), jsonb, bool).
        let a = agents::$d::insert($db, &agents::Insert { id: None, tenant_id: t.id, name: "helper".into(), model: None, system_prompt: None, tools: None, is_active: None, created_at: None, temperature: None }).await.unwrap();
        assert_eq!((a.model.as_str(), a.temperature.to_string(), &a.tools, a.is_active), ("gpt-4o-mini", "0.20".to_string(), &json!([]), true));
        assert_eq!(agents::$d::get($db, &a.id).await.unwrap().as_ref(), Some(&a));
        assert_eq!(agents::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert!(!agents::$d::update($db, &a.id, &agents::Update { is_active: Some(false), ..Default::default() }).await.unwrap().unwrap().is_active);
        assert_eq!(agents::$d::upsert($db, &agents::Insert { id: Some(a.id), tenant_id: t.id, name: "helper 2".into(), model: None, system_prompt: None, tools: None, is_active: None, created_at: None, temperature: None }).await.unwrap().name, "helper 2");
        assert!(agents::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == a.id));

        // workflows: a label added by ALTER TYPE … ADD VALUE, a nullable FK.
        let w = workflows::$d::insert($db, &workflows::Insert { id: None, tenant_id: t.id, agent_id: Some(a.id), name: "onboard".into(), slug: "onboard".into(), definition: json!({"steps": []}), status: None, version: None, created_at: None, updated_at: None }).await.unwrap();
        assert_eq!((w.status, w.version), (WorkflowStatus::Draft, 1));
        assert_eq!(workflows::$d::get($db, &w.id).await.unwrap().as_ref(), Some(&w));
        assert_eq!(workflows::$d::find_by_tenant_id_and_slug($db, &t.id, "onboard").await.unwrap().map(|r| r.id), Some(w.id));
        assert_eq!(workflows::$d::list_by_agent_id($db, &a.id).await.unwrap().len(), 1);
        assert_eq!(workflows::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert_eq!(workflows::$d::update($db, &w.id, &workflows::Update { status: Some(WorkflowStatus::Archived), ..Default::default() }).await.unwrap().unwrap().status, WorkflowStatus::Archived);
        assert_eq!(workflows::$d::upsert($db, &workflows::Insert { id: Some(w.id), tenant_id: t.id, agent_id: None, name: "onboard".into(), slug: "onboard".into(), definition: json!({}), status: None, version: Some(2), created_at: None, updated_at: None }).await.unwrap().version, 2);
        assert!(workflows::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == w.id));

        // workflow_executions: a generated column computed by the server.
        let (s0, s1) = (at("2025-11-13T10:00:00+02:00"), at("2025-11-13T08:00:01.5Z"));
        let e = workflow_executions::$d::insert($db, &workflow_executions::Insert { workflow_id: w.id, status: None, input: Some(json!(null)), output: None, error: None, started_at: Some(s0), finished_at: Some(s1) }).await.unwrap();
        assert_eq!((e.status, e.duration_ms, e.started_at), (ExecutionStatus::Queued, Some(1500), Some(s0)));
        assert_eq!(workflow_executions::$d::get($db, &e.id).await.unwrap().as_ref(), Some(&e));
        assert_eq!(workflow_executions::$d::list_by_workflow_id($db, &w.id).await.unwrap().len(), 1);
        assert_eq!(workflow_executions::$d::list_by_workflow_id_and_started_at($db, &w.id, &s0).await.unwrap().len(), 1);
        assert_eq!(workflow_executions::$d::update($db, &e.id, &workflow_executions::Update { status: Some(ExecutionStatus::Succeeded), ..Default::default() }).await.unwrap().unwrap().status, ExecutionStatus::Succeeded);
        assert!(workflow_executions::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == e.id));

        // agent_messages: two nullable FKs to the same table.
        let am = agent_messages::$d::insert($db, &agent_messages::Insert { execution_id: e.id, from_agent: Some(a.id), to_agent: None, content: json!("hi"), created_at: None }).await.unwrap();
        assert_eq!(agent_messages::$d::get($db, &am.id).await.unwrap().as_ref(), Some(&am));
        assert_eq!(agent_messages::$d::list_by_execution_id($db, &e.id).await.unwrap().len(), 1);
        assert_eq!(agent_messages::$d::list_by_from_agent($db, &a.id).await.unwrap().len(), 1);
        assert_eq!(agent_messages::$d::list_by_to_agent($db, &a.id).await.unwrap().len(), 0);
        agent_messages::$d::update($db, &am.id, &agent_messages::Update { to_agent: Some(Some(a.id)), ..Default::default() }).await.unwrap().unwrap();
        assert_eq!(agent_messages::$d::list_by_to_agent($db, &a.id).await.unwrap().len(), 1);
        assert!(agent_messages::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == am.id));

        // shared_memory
        let sm = shared_memory::$d::insert($db, &shared_memory::Insert { tenant_id: t.id, key: "k".into(), value: json!({"v": 1.5}), expires_at: Some(s1) }).await.unwrap();
        assert_eq!(shared_memory::$d::get($db, &sm.id).await.unwrap().as_ref(), Some(&sm));
        assert_eq!(shared_memory::$d::find_by_tenant_id_and_key($db, &t.id, "k").await.unwrap().as_ref(), Some(&sm));
        assert_eq!(shared_memory::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert_eq!(shared_memory::$d::list_by_expires_at($db, &s1).await.unwrap().len(), 1);
        assert_eq!(shared_memory::$d::update($db, &sm.id, &shared_memory::Update { expires_at: Some(None), ..Default::default() }).await.unwrap().unwrap().expires_at, None);
        assert!(shared_memory::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == sm.id));

        // leads: a renamed column, a label inserted with ADD VALUE … AFTER.
        let l = leads::$d::insert($db, &leads::Insert { tenant_id: t.id, email: "lead@example.com".into(), name: Some("Bo".into()), company: None, stage: None, score: None, owner_id: Some(uid), created_at: None, source: Some("referral".into()) }).await.unwrap();
        assert_eq!((l.stage, l.score, l.name.as_deref()), (LeadStage::New, 0, Some("Bo")));
        assert_eq!(leads::$d::get($db, &l.id).await.unwrap().as_ref(), Some(&l));
        assert_eq!(leads::$d::list_by_owner_id($db, &uid).await.unwrap().len(), 1);
        assert_eq!(leads::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert_eq!(leads::$d::update($db, &l.id, &leads::Update { stage: Some(LeadStage::Nurturing), ..Default::default() }).await.unwrap().unwrap().stage, LeadStage::Nurturing);
        assert!(leads::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == l.id));

        // knowledge sources and chunks, then the vector search function.
        let ks = knowledge_sources::$d::insert($db, &knowledge_sources::Insert { id: None, tenant_id: t.id, name: "docs".into(), kind: "url".into(), uri: "https://example.com".into(), created_at: None }).await.unwrap();
        assert_eq!(knowledge_sources::$d::get($db, &ks.id).await.unwrap().as_ref(), Some(&ks));
        assert_eq!(knowledge_sources::$d::list_by_tenant_id($db, &t.id).await.unwrap().len(), 1);
        assert_eq!(knowledge_sources::$d::update($db, &ks.id, &knowledge_sources::Update { name: Some("Docs".into()), ..Default::default() }).await.unwrap().unwrap().name, "Docs");
        assert_eq!(knowledge_sources::$d::upsert($db, &knowledge_sources::Insert { id: Some(ks.id), tenant_id: t.id, name: "Docs 2".into(), kind: "note".into(), uri: "n".into(), created_at: None }).await.unwrap().kind, "note");
        assert!(knowledge_sources::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == ks.id));
        let kc = knowledge_chunks::$d::insert($db, &knowledge_chunks::Insert { source_id: ks.id, chunk_index: 0, content: "chunk".into(), embedding: vector(1.0), metadata: None }).await.unwrap();
        assert_eq!((kc.embedding.clone(), &kc.metadata), (vector(1.0), &json!({})));
        assert_eq!(knowledge_chunks::$d::get($db, &kc.id).await.unwrap().as_ref(), Some(&kc));
        assert_eq!(knowledge_chunks::$d::find_by_source_id_and_chunk_index($db, &ks.id, &0).await.unwrap().as_ref(), Some(&kc));
        assert_eq!(knowledge_chunks::$d::list_by_source_id($db, &ks.id).await.unwrap().len(), 1);
        assert_eq!(knowledge_chunks::$d::update($db, &kc.id, &knowledge_chunks::Update { content: Some("Chunk".into()), ..Default::default() }).await.unwrap().unwrap().content, "Chunk");
        assert!(knowledge_chunks::$d::list($db, 10, 0).await.unwrap().iter().any(|r| r.id == kc.id));

        // functions: scalar (with the session's JWT subject), TABLE(...) rows.
        assert_eq!(functions::$d::current_tenant_id($db).await.unwrap(), Some(t.id));
        assert_eq!(functions::$d::conversation_message_count($db, &c.id).await.unwrap(), Some(1));
        // Defaulted arguments: `None` takes the default (5 rows, similarity ≥ 0.5), `Some` the value.
        let found = functions::$d::match_knowledge_chunks($db, &vector(1.0), None, None).await.unwrap();
        assert!(functions::$d::match_knowledge_chunks($db, &vector(1.0), Some(&0), None).await.unwrap().is_empty());
        assert_eq!(functions::$d::match_knowledge_chunks($db, &vector(1.0), Some(&5), Some(&0.25)).await.unwrap(), found);
        assert_eq!(found.iter().map(|r| (r.id, r.source_id, r.content.as_deref())).collect::<Vec<_>>(), vec![(Some(kc.id), Some(ks.id), Some("Chunk"))]);
        assert!((found[0].similarity.unwrap() - 1.0).abs() < 1e-6);
        // A function returning one row: `None` when it finds nothing (its row of NULLs); its
        // defaulted `include_archived` (false) leaves archived tenants out unless given.
        assert_eq!(functions::$d::tenant_by_slug($db, &t.slug, None).await.unwrap().map(|r| r.id), Some(t.id));
        assert_eq!(functions::$d::tenant_by_slug($db, "no-such-tenant", None).await.unwrap(), None);
        let archived = tenants::$d::insert($db, &tenants::Insert { id: None, slug: format!("old-{}", $tag), name: "Old".into(), plan: Some("archived".into()), settings: None, created_at: None, updated_at: None }).await.unwrap();
        assert_eq!(functions::$d::tenant_by_slug($db, &archived.slug, None).await.unwrap(), None);
        assert_eq!(functions::$d::tenant_by_slug($db, &archived.slug, Some(&true)).await.unwrap().as_ref(), Some(&archived));
        // Overloads (numbered in creation order), OUT parameters, VARIADIC, a procedure.
        assert!(functions::$d::tenant_count($db).await.unwrap().unwrap() >= 2);
        assert_eq!(functions::$d::tenant_count_2($db, "archived").await.unwrap(), Some(1));
        let stats = functions::$d::plan_stats($db, "archived").await.unwrap();
        assert_eq!((stats.tenants, stats.newest), (Some(1), Some(archived.created_at)));
        let none = functions::$d::plan_stats($db, "no-such-plan").await.unwrap();
        assert_eq!((none.tenants, none.newest), (Some(0), None));
        let by_slugs = functions::$d::tenants_with_slugs($db, &[archived.slug.clone(), t.slug.clone()]).await.unwrap();
        assert_eq!(by_slugs.iter().map(|r| r.id).collect::<Vec<_>>(), vec![t.id, archived.id]);
        let fresh = tenants::$d::insert($db, &tenants::Insert { id: None, slug: format!("new-{}", $tag), name: "New".into(), plan: None, settings: None, created_at: None, updated_at: None }).await.unwrap();
        functions::$d::archive_tenant($db, &fresh.id).await.unwrap();
        assert_eq!(tenants::$d::get($db, &fresh.id).await.unwrap().map(|r| r.plan), Some("archived".to_string()));
        tenants::$d::delete($db, &fresh.id).await.unwrap();
        tenants::$d::delete($db, &archived.id).await.unwrap();

        // views: a view with aggregates, and a materialized view once refreshed. Columns the
        // analyzer proves NOT NULL decode without Option.
        let ov = conversation_overview::$d::list($db, 100, 0).await.unwrap();
        let mine = ov.iter().find(|r| r.id == c.id).expect("the conversation is in the overview");
        assert_eq!((mine.message_count, mine.last_message_at, mine.status), (1, Some(m.created_at), ConversationStatus::Archived));
        $refresh
        let du = daily_usage::$d::list($db, 100, 0).await.unwrap();
        let mine = du.iter().find(|r| r.tenant_id == t.id).expect("the tenant's usage");
        assert_eq!((mine.day, mine.requests.map(|d| d.to_string()), mine.cost_usd.map(|d| d.to_string())), (day, Some("5".to_string()), Some("2.000000".to_string())));

        // delete, leaves first: each returns the row once, then nothing.
        assert_eq!(agent_messages::$d::delete($db, &am.id).await.unwrap().map(|r| r.id), Some(am.id));
        assert_eq!(agent_messages::$d::delete($db, &am.id).await.unwrap(), None);
        assert_eq!(workflow_executions::$d::delete($db, &e.id).await.unwrap().map(|r| r.id), Some(e.id));
        assert_eq!(workflows::$d::delete($db, &w.id).await.unwrap().map(|r| r.id), Some(w.id));
        assert_eq!(agents::$d::delete($db, &a.id).await.unwrap().map(|r| r.id), Some(a.id));
        assert_eq!(feedback::$d::delete($db, &f.id).await.unwrap().map(|r| r.id), Some(f.id));
        assert_eq!(messages::$d::delete($db, &m.id).await.unwrap().map(|r| r.id), Some(m.id));
        assert_eq!(conversations::$d::delete($db, &c.id).await.unwrap().map(|r| r.id), Some(c.id));
        assert_eq!(shared_memory::$d::delete($db, &sm.id).await.unwrap().map(|r| r.id), Some(sm.id));
        assert_eq!(leads::$d::delete($db, &l.id).await.unwrap().map(|r| r.id), Some(l.id));
        assert_eq!(knowledge_chunks::$d::delete($db, &kc.id).await.unwrap().map(|r| r.id), Some(kc.id));
        assert_eq!(knowledge_sources::$d::delete($db, &ks.id).await.unwrap().map(|r| r.id), Some(ks.id));
        assert_eq!(usage_metrics::$d::delete($db, &t.id, &day, "gpt").await.unwrap().map(|r| r.day), Some(day));
        assert_eq!(users::$d::delete($db, &uid).await.unwrap().map(|r| r.id), Some(uid));
        assert_eq!(tenants::$d::delete($db, &t.id).await.unwrap().map(|r| r.id), Some(t.id));
        assert_eq!(tenants::$d::get($db, &t.id).await.unwrap(), None);
    }};
}

/// The example's checked queries (`schema/queries/*.sql`, generated into
/// `generated/src/queries.rs`), each called through the driver `$d`.
macro_rules! checked_queries {
    ($d:ident, $db:expr, $tag:literal, $uid:expr) => {{
        use generated::public::*;
        use generated::queries::{conversations as cq, tenants as tq};
        use serde_json::json;
        let uid: uuid::Uuid = $uid;
        let slug = format!("q-{}", $tag);
        // tenants.sql: an INSERT with a nullable parameter falling back to a default.
        let created = tq::$d::create_tenant($db, &slug, "Q Inc", None).await.unwrap().expect("a row");
        assert_eq!(created.plan, "free");
        let pro = tq::$d::create_tenant($db, &format!("qp-{}", $tag), "QP", Some("pro")).await.unwrap().unwrap();
        assert_eq!((pro.plan.as_str(), pro.slug.as_str()), ("pro", format!("qp-{}", $tag).as_str()));
        let got = tq::$d::get_tenant_by_slug($db, &slug).await.unwrap().unwrap();
        assert_eq!((got.id, got.name.as_str(), got.created_at), (created.id, "Q Inc", created.created_at));
        assert_eq!(tq::$d::get_tenant_by_slug($db, "no-such-slug").await.unwrap(), None);
        let listed = tq::$d::list_tenants_by_plan($db, "pro", &100).await.unwrap();
        assert!(listed.iter().any(|r| r.id == pro.id) && listed.iter().all(|r| r.id != created.id));
        assert_eq!(tq::$d::list_tenants_by_plan($db, "pro", &0).await.unwrap(), vec![]);
        assert_eq!(tq::$d::rename_tenant($db, "Q Renamed", &created.id).await.unwrap(), 1);
        assert_eq!(tq::$d::rename_tenant($db, "Nobody", &uuid::Uuid::nil()).await.unwrap(), 0);
        let up = tq::$d::upsert_tenant_settings($db, &slug, "ignored", &json!({"seats": 2})).await.unwrap().unwrap();
        assert_eq!((up.id, &up.settings), (created.id, &json!({"seats": 2})));
        let both = tq::$d::tenants_by_ids($db, &[created.id, pro.id, uuid::Uuid::nil()]).await.unwrap();
        assert_eq!(both.iter().map(|r| r.id).collect::<Vec<_>>(), vec![created.id, pro.id]);

        // conversations.sql: joins and aggregates, a nullable filter, UPDATE … RETURNING,
        // a data-modifying statement with a CTE, an aggregate over no rows.
        users::$d::insert($db, &users::Insert { id: uid, tenant_id: created.id, email: "q@example.com".into(), display_name: None, role: None, avatar_url: None, created_at: None, updated_at: None }).await.unwrap();
        let c = conversations::$d::insert($db, &conversations::Insert { tenant_id: created.id, user_id: uid, title: None, status: None, tags: None, metadata: None, created_at: None, updated_at: None }).await.unwrap();
        let m = messages::$d::insert($db, &messages::Insert { conversation_id: c.id, role: MessageRole::User, content: "hi".into(), embedding: None, token_count: Some(3), created_at: None }).await.unwrap();
        let summary = cq::$d::conversation_summaries($db, &created.id).await.unwrap();
        assert_eq!(summary.len(), 1);
        let s0 = &summary[0];
        assert_eq!((s0.id, &s0.title, s0.status, s0.email.as_str(), s0.message_count, s0.last_message_at), (c.id, &c.title, ConversationStatus::Active, "q@example.com", 1, Some(m.created_at)));
        let all = cq::$d::messages_of_conversation($db, &c.id, None).await.unwrap();
        assert_eq!(all.iter().map(|r| (r.id, r.role, r.token_count)).collect::<Vec<_>>(), vec![(m.id, MessageRole::User, Some(3))]);
        assert_eq!(cq::$d::messages_of_conversation($db, &c.id, Some(&MessageRole::Assistant)).await.unwrap(), vec![]);
        let tagged = cq::$d::tag_conversation($db, "vip", &c.id).await.unwrap().unwrap();
        assert_eq!((tagged.id, tagged.tags), (c.id, vec!["vip".to_string()]));
        assert_eq!(cq::$d::tag_conversation($db, "vip", &c.id).await.unwrap(), None, "already tagged");
        assert!(cq::$d::archive_stale($db, &0).await.unwrap() >= 1);
        assert_eq!(conversations::$d::get($db, &c.id).await.unwrap().map(|r| r.status), Some(ConversationStatus::Archived));
        let stats = cq::$d::feedback_stats($db, &uid).await.unwrap().unwrap();
        assert_eq!((stats.ratings, stats.average, stats.lowest), (0, None, None));

        // A query of every column is the table's own Row; an RPC call in named notation.
        let whole: Option<tenants::Row> = tq::$d::tenant_by_id($db, &created.id).await.unwrap();
        assert_eq!(whole.map(|r| (r.id, r.name)), Some((created.id, "Q Renamed".to_string())));
        let rpc = tq::$d::tenant_via_rpc($db, &slug, &false).await.unwrap().unwrap();
        assert_eq!((rpc.id, rpc.slug.as_deref(), rpc.plan.as_deref()), (Some(created.id), Some(slug.as_str()), Some("free")));
        let missing = tq::$d::tenant_via_rpc($db, "no-such-slug", &true).await.unwrap().unwrap();
        assert_eq!((missing.id, missing.slug), (None, None), "a row of NULLs, as the function returns it");
        // A FULL join (both sides nullable) and a window function.
        let owners = cq::$d::users_and_lead_owners($db, &created.id).await.unwrap();
        assert_eq!(owners.iter().map(|r| (r.user_email.as_deref(), r.lead_email.as_deref())).collect::<Vec<_>>(), vec![(Some("q@example.com"), None)]);
        let recency = cq::$d::conversation_recency($db, &created.id).await.unwrap();
        assert_eq!(recency.iter().map(|r| (r.id, r.recency)).collect::<Vec<_>>(), vec![(c.id, 1)]);

        // LATERAL, RIGHT and CROSS joins.
        let latest = cq::$d::latest_messages($db, &uid).await.unwrap();
        assert_eq!(latest.iter().map(|r| (r.id, r.content.as_deref(), r.created_at)).collect::<Vec<_>>(), vec![(c.id, Some("hi"), Some(m.created_at))]);
        let per_role = cq::$d::messages_per_role($db, &c.id).await.unwrap();
        assert_eq!(per_role.iter().map(|r| (r.role, r.messages)).collect::<Vec<_>>(), vec![(Some(MessageRole::System), 0), (Some(MessageRole::User), 1), (Some(MessageRole::Assistant), 0), (Some(MessageRole::Tool), 0)]);
        let with_tenant = cq::$d::conversations_with_tenant($db, &created.id).await.unwrap();
        assert_eq!(with_tenant.iter().map(|r| (r.slug.as_str(), r.conversation_id, r.title.clone())).collect::<Vec<_>>(), vec![(slug.as_str(), c.id, c.title.clone())]);

        tq::$d::delete_tenant($db, &created.id).await.unwrap();
        tq::$d::delete_tenant($db, &pro.id).await.unwrap();
        assert_eq!(tq::$d::get_tenant_by_slug($db, &slug).await.unwrap(), None);
    }};
}

#[tokio::test(flavor = "current_thread")]
async fn example_through_sqlx() {
    use sqlx::Connection;
    let Some(db) = example_database("drivers_sqlx") else {
        return;
    };
    let uid = uuid::Uuid::new_v4();
    db.conn
        .script(&format!("insert into auth.users (id) values ('{uid}');\n"))
        .unwrap();
    let mut conn = sqlx::PgConnection::connect(db.conn.uri()).await.unwrap();
    sqlx::query("select set_config('request.jwt.claim.sub', $1, false)")
        .bind(uid.to_string())
        .execute(&mut conn)
        .await
        .unwrap();
    scenario!(sqlx, &mut conn, "sqlx", uid, {
        sqlx::query("refresh materialized view public.daily_usage")
            .execute(&mut conn)
            .await
            .unwrap();
    });
    checked_queries!(sqlx, &mut conn, "sqlx", uid);
}

#[tokio::test(flavor = "current_thread")]
async fn example_through_tokio_postgres() {
    let Some(db) = example_database("drivers_tokio_postgres") else {
        return;
    };
    let uid = uuid::Uuid::new_v4();
    db.conn
        .script(&format!("insert into auth.users (id) values ('{uid}');\n"))
        .unwrap();
    let (client, connection) = tokio_postgres::connect(db.conn.uri(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    client
        .execute(
            "select set_config('request.jwt.claim.sub', $1, false)",
            &[&uid.to_string()],
        )
        .await
        .unwrap();
    scenario!(tokio_postgres, &client, "tokio-postgres", uid, {
        client
            .execute("refresh materialized view public.daily_usage", &[])
            .await
            .unwrap();
    });
    checked_queries!(tokio_postgres, &client, "tokio-postgres", uid);
    drop(client);
    driver.await.unwrap().unwrap();
}

/// Every query function the example's generated code has is called by the scenario above.
#[test]
fn every_query_is_exercised() {
    let generated = std::fs::read_to_string(root().join("generated/src/public.rs")).unwrap();
    let scenario = include_str!("drivers.rs");
    let mut module = String::new();
    let mut missing = vec![];
    let mut count = 0;
    for line in generated.lines() {
        if let Some(m) = line
            .strip_prefix("pub mod ")
            .and_then(|r| r.strip_suffix(" {"))
        {
            module = m.to_string();
        }
        if let Some(f) = line
            .trim_start()
            .strip_prefix("pub async fn ")
            .and_then(|r| r.split(['<', '(']).next())
        {
            if line.contains("GenericClient") {
                continue; // the tokio-postgres twin of the sqlx function just seen
            }
            count += 1;
            if !scenario.contains(&format!("{module}::$d::{f}(")) {
                missing.push(format!("{module}::{f}"));
            }
        }
    }
    assert!(
        count > 80,
        "only {count} query functions found in generated/src/public.rs"
    );
    // The checked queries: `queries::<file>::<driver>::<query>`, called as `cq::$d::…` or
    // `tq::$d::…` (the aliases of the `checked_queries` scenario).
    let checked = std::fs::read_to_string(root().join("generated/src/queries.rs")).unwrap();
    let aliases = [("conversations", "cq"), ("tenants", "tq")];
    let mut checked_count = 0;
    for line in checked.lines() {
        if let Some(m) = line
            .strip_prefix("pub mod ")
            .and_then(|r| r.strip_suffix(" {"))
        {
            module = m.to_string();
        }
        let Some(f) = line
            .trim_start()
            .strip_prefix("pub async fn ")
            .and_then(|r| r.split(['<', '(']).next())
        else {
            continue;
        };
        if line.contains("GenericClient") {
            continue;
        }
        checked_count += 1;
        let alias = aliases.iter().find(|(m, _)| *m == module).map(|(_, a)| *a);
        if !alias.is_some_and(|a| scenario.contains(&format!("{a}::$d::{f}("))) {
            missing.push(format!("queries::{module}::{f}"));
        }
    }
    assert!(
        checked_count >= 12,
        "only {checked_count} checked queries found"
    );
    assert!(
        missing.is_empty(),
        "not exercised by the scenario: {missing:?}"
    );
}

/// Checked structs of the derive crate (`pgforge_derive`), against the same database.
mod checked {
    #[derive(Debug, PartialEq, pgforge_derive::Insert)]
    #[pgforge(table = "public.tenants")]
    pub struct NewTenant {
        pub slug: String,
        pub name: String,
        pub settings: serde_json::Value,
    }

    #[derive(Debug, PartialEq, pgforge_derive::Table)]
    #[pgforge(table = "public.tenants")]
    pub struct TenantName {
        pub slug: String,
        #[pgforge(column = "name")]
        pub title: String,
        pub plan: String,
        pub created_at: chrono::DateTime<chrono::Utc>,
    }

    #[derive(Debug, PartialEq, pgforge_derive::Table)]
    #[pgforge(table = "public.conversation_overview")]
    pub struct Overview {
        pub id: Option<i64>,
        pub status: Option<generated::public::ConversationStatus>,
        pub message_count: Option<i64>,
    }
}

#[tokio::test(flavor = "current_thread")]
async fn checked_structs_through_both_drivers() {
    use checked::*;
    use sqlx::Connection;
    let Some(db) = example_database("drivers_derive") else {
        return;
    };
    let new = |slug: &str| NewTenant {
        slug: slug.into(),
        name: "Checked".into(),
        settings: serde_json::json!({"k": "ü"}),
    };

    let mut conn = sqlx::PgConnection::connect(db.conn.uri()).await.unwrap();
    assert_eq!(
        new("via-sqlx").insert_sqlx(&mut conn).await.unwrap(),
        new("via-sqlx")
    );
    let (client, connection) = tokio_postgres::connect(db.conn.uri(), tokio_postgres::NoTls)
        .await
        .unwrap();
    let driver = tokio::spawn(connection);
    assert_eq!(
        new("via-tokio")
            .insert_tokio_postgres(&client)
            .await
            .unwrap(),
        new("via-tokio")
    );

    let by_sqlx: Vec<TenantName> = sqlx::query_as(TenantName::SELECT)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let by_tokio: Vec<TenantName> = client
        .query(TenantName::SELECT, &[])
        .await
        .unwrap()
        .iter()
        .map(|r| TenantName::try_from(r).unwrap())
        .collect();
    assert_eq!(by_sqlx, by_tokio);
    let mut slugs: Vec<(&str, &str, &str)> = by_sqlx
        .iter()
        .map(|t| (t.slug.as_str(), t.title.as_str(), t.plan.as_str()))
        .collect();
    slugs.sort();
    assert_eq!(
        slugs,
        vec![
            ("via-sqlx", "Checked", "free"),
            ("via-tokio", "Checked", "free")
        ]
    );

    db.conn
        .script(
            "insert into auth.users (id) values ('00000000-0000-0000-0000-00000000000a');\n\
             insert into public.users (id, tenant_id, email) select '00000000-0000-0000-0000-00000000000a', id, 'x@y.z' from public.tenants where slug = 'via-sqlx';\n\
             insert into public.conversations (tenant_id, user_id) select tenant_id, id from public.users;\n\
             insert into public.messages (conversation_id, role, content) select id, 'user', 'hi' from public.conversations;\n",
        )
        .unwrap();
    let ov: Vec<Overview> = sqlx::query_as(Overview::SELECT)
        .fetch_all(&mut conn)
        .await
        .unwrap();
    let ov2: Vec<Overview> = client
        .query(Overview::SELECT, &[])
        .await
        .unwrap()
        .iter()
        .map(|r| Overview::try_from(r).unwrap())
        .collect();
    assert_eq!(ov, ov2);
    assert_eq!(
        ov.iter()
            .map(|o| (o.status, o.message_count))
            .collect::<Vec<_>>(),
        vec![(Some(generated::public::ConversationStatus::Active), Some(1))]
    );

    // query! and query_as!: checked at compile time, run through both drivers.
    let slug = "via-sqlx".to_string();
    let by_slug =
        pgforge_derive::query!("select id, name, plan from tenants where slug = $1", slug)
            .fetch_optional(&mut conn)
            .await
            .unwrap()
            .expect("the tenant");
    assert_eq!(
        (by_slug.name.as_str(), by_slug.plan.as_str()),
        ("Checked", "free")
    );
    let same = pgforge_derive::query!(
        "select id, name, plan from tenants where slug = $1",
        "via-sqlx"
    )
    .query_opt(&client)
    .await
    .unwrap()
    .expect("the tenant");
    assert_eq!(same.id, by_slug.id);
    let renamed = pgforge_derive::query!(
        "update tenants set name = @name where id = @id",
        "Renamed",
        by_slug.id
    )
    .execute_on(&client)
    .await
    .unwrap();
    assert_eq!(renamed, 1);
    #[derive(Debug, PartialEq)]
    struct Conv {
        id: i64,
        title: Option<String>,
        status: generated::public::ConversationStatus,
        messages: i64,
    }
    let sql_rows: Vec<Conv> = pgforge_derive::query_as!(
        Conv,
        "select c.id, c.title, c.status, count(m.id) as messages from conversations c left join messages m on m.conversation_id = c.id where c.status = $1 group by c.id",
        generated::public::ConversationStatus::Active
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let tp_rows: Vec<Conv> = pgforge_derive::query_as!(
        Conv,
        "select c.id, c.title, c.status, count(m.id) as messages from conversations c left join messages m on m.conversation_id = c.id where c.status = $1 group by c.id",
        generated::public::ConversationStatus::Active
    )
    .query(&client)
    .await
    .unwrap();
    assert_eq!(sql_rows, tp_rows);
    assert_eq!(
        sql_rows.iter().map(|c| c.messages).collect::<Vec<_>>(),
        vec![1]
    );
    let none = pgforge_derive::query!(
        "select count(*) as n from tenants where plan = any($1)",
        ["no-such-plan".to_string()]
    )
    .fetch_one(&mut conn)
    .await
    .unwrap();
    assert_eq!(none.n, 0);
    // `types = generated`: enum columns and parameters as the generated crate's enums.
    let by_role = pgforge_derive::query!(
        types = generated,
        "select m.role, m.content, c.status from messages m join conversations c on c.id = m.conversation_id where m.role = $1",
        generated::public::MessageRole::User
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    let by_role_tp = pgforge_derive::query!(
        types = generated,
        "select m.role, m.content, c.status from messages m join conversations c on c.id = m.conversation_id where m.role = $1",
        generated::public::MessageRole::User
    )
    .query(&client)
    .await
    .unwrap();
    assert_eq!(
        by_role
            .iter()
            .map(|r| (r.role, r.content.as_str(), r.status))
            .collect::<Vec<_>>(),
        vec![(
            generated::public::MessageRole::User,
            "hi",
            generated::public::ConversationStatus::Active
        )]
    );
    assert_eq!(
        by_role_tp
            .iter()
            .map(|r| (r.role, r.content.as_str(), r.status))
            .collect::<Vec<_>>(),
        vec![(
            generated::public::MessageRole::User,
            "hi",
            generated::public::ConversationStatus::Active
        )]
    );
    drop(client);
    driver.await.unwrap().unwrap();
}
