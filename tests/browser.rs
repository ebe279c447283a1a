//! The docs in a real browser: every Mermaid diagram pgforge writes (the example and every
//! corpus case) is accepted by Mermaid's own parser, and the example's index page, rendered
//! from Markdown with its ER diagram, is drawn by headless Chromium and screenshotted.
//!
//! Needs `tests/js/node_modules` (`npm ci` in tests/js, from the lockfile) and Chromium
//! (`/usr/bin/chromium`, or `$PGFORGE_CHROMIUM`). Without them the tests print SKIPPED,
//! unless `PGFORGE_REQUIRE_BROWSER=1` (set by `.ci/run`, which installs both).

use codegen::docs::{mermaid, render_docs, DocsOptions};
use integration_tests::{case_options, corpus, corpus_cases, root};
use schema::build_path;
use std::path::{Path, PathBuf};
use std::process::Command;

fn tools() -> Option<(PathBuf, PathBuf)> {
    let js = root().join("tests/js/node_modules");
    let chromium = std::env::var_os("PGFORGE_CHROMIUM")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/bin/chromium"));
    if js.join("mermaid/dist/mermaid.min.js").is_file() && chromium.is_file() {
        return Some((js, chromium));
    }
    if std::env::var_os("PGFORGE_REQUIRE_BROWSER").is_some_and(|v| v != "0") {
        panic!(
            "PGFORGE_REQUIRE_BROWSER is set but {} or {} is missing",
            js.display(),
            chromium.display()
        );
    }
    integration_tests::skip("needs tests/js/node_modules (npm ci) and Chromium");
    None
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("pgforge-browser-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// One Chromium at a time: two at once on a 2-core machine, beside the rest of the suite,
/// can starve each other past the virtual-time budget.
static BROWSER: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// Run headless Chromium on a local page; returns the DOM after scripts ran. Retried once
/// when Chromium prints nothing (a start-up hiccup under load).
fn chromium(chromium: &Path, page: &Path, extra: &[String]) -> String {
    let _one = BROWSER.lock().unwrap_or_else(|e| e.into_inner());
    let first = chromium_once(chromium, page, extra);
    if !first.trim().is_empty() || extra.iter().any(|e| e.starts_with("--screenshot")) {
        return first;
    }
    chromium_once(chromium, page, extra)
}

fn chromium_once(chromium: &Path, page: &Path, extra: &[String]) -> String {
    let profile = tmp(&format!(
        "profile-{}",
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0)
    ));
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--allow-file-access-from-files",
            "--virtual-time-budget=30000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(extra)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let _ = std::fs::remove_dir_all(&profile);
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn every_diagram_is_accepted_by_mermaid() {
    let Some((js, chrome)) = tools() else { return };
    let mut inputs = vec![("example".to_string(), root().join("schema/migrations"))];
    if let Some(c) = corpus() {
        inputs.extend(corpus_cases().into_iter().map(|case| {
            let path = c.join(&case);
            (case, path)
        }));
    }
    let mut diagrams: Vec<(String, String)> = vec![];
    for (case, path) in &inputs {
        let b = build_path(path, &case_options(case));
        let graph = codegen::docs::Graph::new(&b.schema);
        for ns in b.schema.user_schemas() {
            if let Some(d) = mermaid::diagram(ns) {
                diagrams.push((format!("{case}/{}", ns.name), d));
            }
            // Each table page's diagram of the table and its neighbours.
            for t in ns.tables.values().filter(|t| !t.builtin) {
                if let Some(d) = mermaid::table_diagram(&b.schema, t, &graph) {
                    diagrams.push((format!("{case}/{}.{}", ns.name, t.name), d));
                }
            }
        }
    }
    assert!(
        diagrams.len() >= 9,
        "expected a diagram per case at least, got {}",
        diagrams.len()
    );
    let dir = tmp("parse");
    let page = dir.join("parse.html");
    let data = serde_json::to_string(&diagrams)
        .unwrap()
        .replace("</", "<\\/");
    std::fs::write(
        &page,
        format!(
            r#"<!doctype html><html><body><pre id="out">pending</pre>
<script src="file://{}"></script>
<script>
const diagrams = {data};
(async () => {{
  mermaid.initialize({{ startOnLoad: false }});
  const results = [];
  for (const [name, text] of diagrams) {{
    try {{ await mermaid.parse(text); results.push([name, "ok"]); }}
    catch (e) {{ results.push([name, String((e && e.message) || e)]); }}
  }}
  document.getElementById("out").textContent = JSON.stringify(results);
}})();
</script></body></html>"#,
            js.join("mermaid/dist/mermaid.min.js").display()
        ),
    )
    .unwrap();
    let dom = chromium(&chrome, &page, &["--dump-dom".into()]);
    let start = dom
        .find("<pre id=\"out\">")
        .unwrap_or_else(|| panic!("Chromium printed no page: {dom:?}"))
        + "<pre id=\"out\">".len();
    let end = dom[start..].find("</pre>").unwrap() + start;
    let json = unescape(&dom[start..end]);
    let results: Vec<(String, String)> = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("mermaid did not finish ({e}): {json}"));
    assert_eq!(results.len(), diagrams.len());
    let failed: Vec<&(String, String)> = results.iter().filter(|(_, r)| r != "ok").collect();
    assert!(
        failed.is_empty(),
        "Mermaid rejected {} diagram(s): {failed:?}",
        failed.len()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_index_page_renders_with_its_diagram() {
    let Some((js, chrome)) = tools() else { return };
    let b = build_path(&root().join("schema/migrations"), &case_options("example"));
    let files = render_docs(
        &b.schema,
        &DocsOptions {
            header: String::new(),
            relative_to: Some(root()),
        },
    );
    let index = &files
        .iter()
        .find(|f| f.path == Path::new("README.md"))
        .unwrap()
        .contents;
    let dir = tmp("render");
    let page = dir.join("index.html");
    let md = serde_json::to_string(index).unwrap().replace("</", "<\\/");
    std::fs::write(
        &page,
        format!(
            r##"<!doctype html><html><head><meta charset="utf-8"><style>body{{font-family:sans-serif;margin:24px}} table{{border-collapse:collapse}} td,th{{border:1px solid #ccc;padding:4px}}</style></head>
<body><div id="doc"></div><pre id="out">pending</pre>
<script src="file://{}"></script>
<script src="file://{}"></script>
<script>
(async () => {{
  document.getElementById("doc").innerHTML = marked.parse({md});
  for (const code of document.querySelectorAll("code.language-mermaid")) {{
    const div = document.createElement("div");
    div.className = "mermaid";
    div.textContent = code.textContent;
    code.parentElement.replaceWith(div);
  }}
  mermaid.initialize({{ startOnLoad: false }});
  try {{
    await mermaid.run({{ querySelector: ".mermaid" }});
    const svg = document.querySelector(".mermaid svg");
    document.getElementById("out").textContent = JSON.stringify({{ svg: !!svg, entities: svg ? svg.querySelectorAll("g.node[id*='-entity-']").length : 0, tables: document.querySelectorAll("#doc table").length }});
  }} catch (e) {{ document.getElementById("out").textContent = "error: " + e; }}
}})();
</script></body></html>"##,
            js.join("marked/lib/marked.umd.js").display(),
            js.join("mermaid/dist/mermaid.min.js").display()
        ),
    )
    .unwrap();
    let dom = chromium(&chrome, &page, &["--dump-dom".into()]);
    let start = dom
        .find("<pre id=\"out\">")
        .unwrap_or_else(|| panic!("Chromium printed no page: {dom:?}"))
        + "<pre id=\"out\">".len();
    let end = dom[start..].find("</pre>").unwrap() + start;
    let out = unescape(&dom[start..end]);
    let v: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|_| panic!("the page did not render: {out}"));
    assert_eq!(v["svg"], true, "{out}");
    assert!(
        v["entities"].as_u64().unwrap() >= 14,
        "every table of the example is drawn: {out}"
    );
    assert!(v["tables"].as_u64().unwrap() >= 4, "{out}");
    // And a screenshot of it, which must be a real, non-trivial PNG.
    let shot = dir.join("index.png");
    chromium(
        &chrome,
        &page,
        &[
            format!("--screenshot={}", shot.display()),
            "--window-size=1400,2400".into(),
        ],
    );
    let png = std::fs::read(&shot).expect("chromium wrote a screenshot");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n", "a PNG file");
    assert!(
        png.len() > 30_000,
        "a screenshot of a rendered page, not a blank one ({} bytes)",
        png.len()
    );
    if let Some(keep) = std::env::var_os("PGFORGE_KEEP_SCREENSHOT") {
        std::fs::copy(&shot, keep).unwrap();
    }
    let _ = std::fs::remove_dir_all(&dir);
}
