//! The dependency rules of ARCHITECTURE.md, checked against the code: every `crate::…` path
//! in the app (`src/`) and the server (`crates/server/src/`) is read, and an import across a
//! forbidden edge fails this test with the file and the line.
//!
//! A plain native test (`cargo test -p storefront --test architecture`); it reads files, so it
//! does nothing in a browser.

#![cfg(not(target_arch = "wasm32"))]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The app's features: pages and their components.
const FEATURES: [&str; 7] = [
    "catalog", "currency", "cart", "shipping", "checkout", "orders", "seller",
];

/// The only imports between features (`from`, `to`).
const FEATURE_EDGES: [(&str, &str); 9] = [
    ("catalog", "cart"),
    ("catalog", "shipping"),
    ("catalog", "currency"),
    ("cart", "shipping"),
    ("cart", "currency"),
    ("shipping", "currency"),
    ("checkout", "cart"),
    ("checkout", "shipping"),
    ("checkout", "currency"),
];

/// The server's resources: each owns its routes and its part of the OpenAPI document.
const RESOURCES: [&str; 10] = [
    "products",
    "texts",
    "fx",
    "carts",
    "shipping",
    "addresses",
    "payments",
    "orders",
    "health",
    "housekeeping",
];

/// One `crate::x` reference: which top-level module of its crate a file names.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Import {
    file: String,
    line: usize,
    from: String,
    to: String,
}

/// The top-level module a file belongs to (`src/cart/page.rs` → `cart`), or `None` for the
/// crate root (`lib.rs`, `main.rs`), which assembles everything.
fn module_of(relative: &Path) -> Option<String> {
    let first = relative.components().next()?.as_os_str().to_str()?;
    let name = first.strip_suffix(".rs").unwrap_or(first);
    (!matches!(name, "lib" | "main")).then(|| name.to_owned())
}

/// The modules a statement names through `crate::` (also `crate::{a, b::{c, d}}`), comments
/// left out.
fn named(statement: &str) -> Vec<String> {
    let code: String = statement
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::new();
    let mut rest = code.as_str();
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            // The heads of the group's items at its own depth: `{a::{x, y}, b}` → a, b.
            let mut depth = 0;
            let mut item_start = true;
            let mut head = String::new();
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => item_start = true,
                    ':' if depth == 0 => item_start = false,
                    c if depth == 0 && item_start && (c.is_alphanumeric() || c == '_') => {
                        head.push(c);
                        continue;
                    }
                    _ => {}
                }
                if !head.is_empty() {
                    if head != "self" {
                        out.push(std::mem::take(&mut head));
                    }
                    head.clear();
                }
            }
            if !head.is_empty() && head != "self" {
                out.push(head);
            }
        } else {
            let head: String = after
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            if !head.is_empty() {
                out.push(head);
            }
        }
        rest = after;
    }
    out
}

/// The file's statements, a `use` that rustfmt spreads over lines joined into one, each with
/// the line it starts on.
fn statements(text: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        if let Some((start, mut joined)) = open.take() {
            joined.push('\n');
            joined.push_str(line);
            if line.contains(';') {
                out.push((start, joined));
            } else {
                open = Some((start, joined));
            }
            continue;
        }
        let trimmed = line.trim_start();
        let is_use = trimmed.starts_with("use ")
            || trimmed.starts_with("pub use ")
            || trimmed.starts_with("pub(crate) use ");
        if is_use && !line.contains(';') {
            open = Some((i + 1, line.to_owned()));
        } else {
            out.push((i + 1, line.to_owned()));
        }
    }
    out.extend(open);
    out
}

/// Every `crate::` import of the `.rs` files under `root`, test modules included. `$crate`
/// (inside macros) is not an import of this crate's modules.
fn imports_in(files: &[(String, String)]) -> Vec<Import> {
    let mut out = Vec::new();
    for (path, text) in files {
        let Some(from) = module_of(Path::new(path)) else {
            continue;
        };
        for (line, statement) in statements(text) {
            if statement.contains("$crate::") {
                continue;
            }
            for to in named(&statement) {
                if to != from {
                    out.push(Import {
                        file: path.clone(),
                        line,
                        from: from.clone(),
                        to,
                    });
                }
            }
        }
    }
    out
}

fn read_tree(root: &Path) -> Vec<(String, String)> {
    fn walk(dir: &Path, root: &Path, out: &mut Vec<(String, String)>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
        entries.sort();
        for path in entries {
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).expect("a source file");
                let relative = path.strip_prefix(root).expect("under root");
                out.push((relative.to_string_lossy().into_owned(), text));
            }
        }
    }
    let mut out = Vec::new();
    walk(root, root, &mut out);
    out
}

/// Why an import of the app breaks a rule, if it does.
fn app_rule(import: &Import) -> Option<&'static str> {
    let (from, to) = (import.from.as_str(), import.to.as_str());
    let feature = |m: &str| FEATURES.contains(&m);
    if to == "shell" {
        return Some("nothing imports the shell (it imports the features)");
    }
    if from == "api" {
        return Some("api/ knows HTTP and the domain's types only");
    }
    if !feature(from) && from != "shell" && feature(to) {
        return Some("shared modules (api, ui, buyer, routes, browser, format, i18n, fetch) import no feature");
    }
    if feature(from) && feature(to) && !FEATURE_EDGES.contains(&(from, to)) {
        return Some("features import each other only along the allowed edges");
    }
    None
}

/// Why an import of the server breaks a rule, if it does.
fn server_rule(import: &Import) -> Option<&'static str> {
    let (from, to) = (import.from.as_str(), import.to.as_str());
    let resource = |m: &str| RESOURCES.contains(&m);
    if to == "app" || to == "MAX_BODY_BYTES" {
        return Some("nothing imports lib.rs: it only assembles the router");
    }
    if from == "http" && (resource(to) || to == "state" || to == "web") {
        return Some("http/ (errors, limits, strict bodies) knows no resource and no state");
    }
    if from == "web" && resource(to) && !import_is_provider(import) {
        return Some(
            "web/ (static files, shell, media) knows no resource but the payment provider",
        );
    }
    if from == "state" && resource(to) && !state_may_hold(import) {
        return Some("state holds the resources' stores, never their handlers");
    }
    None
}

fn import_is_provider(import: &Import) -> bool {
    import.to == "payments"
}

/// `state.rs` may name what it holds: the stores and providers, each in a file of its own
/// that imports no state (so there is no circle).
fn state_may_hold(import: &Import) -> bool {
    matches!(
        import.to.as_str(),
        "fx" | "orders" | "payments" | "shipping" | "products"
    )
}

fn violations(imports: &[Import], rule: fn(&Import) -> Option<&'static str>) -> Vec<String> {
    let unique: BTreeSet<&Import> = imports.iter().collect();
    unique
        .into_iter()
        .filter_map(|i| {
            rule(i).map(|why| format!("{}:{}: {} -> {}: {why}", i.file, i.line, i.from, i.to))
        })
        .collect()
}

/// A circle among the top-level modules the imports tie together, if there is one
/// (`a -> b -> a`).
fn circle(imports: &[Import]) -> Option<Vec<String>> {
    use std::collections::BTreeMap;
    let mut edges: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for i in imports {
        edges.entry(&i.from).or_default().insert(&i.to);
    }
    fn visit<'a>(
        node: &'a str,
        edges: &BTreeMap<&'a str, BTreeSet<&'a str>>,
        path: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| *n == node) {
            let mut found: Vec<String> = path[at..].iter().map(|n| (*n).to_owned()).collect();
            found.push(node.to_owned());
            return Some(found);
        }
        if !done.insert(node) {
            return None;
        }
        path.push(node);
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, path, done) {
                return Some(found);
            }
        }
        path.pop();
        None
    }
    let mut done = BTreeSet::new();
    for node in edges.keys() {
        if let Some(found) = visit(node, &edges, &mut Vec::new(), &mut done) {
            return Some(found);
        }
    }
    None
}

/// Every `crate::…` or `super::…` path of a statement, groups expanded
/// (`crate::{a::{x, y}, b}` → `a::x`, `a::y`, `b`), each as its segments.
fn full_paths(statement: &str) -> Vec<(String, Vec<String>)> {
    fn expand(prefix: &[String], text: &str, out: &mut Vec<Vec<String>>) {
        let text = text.trim();
        if let Some(open) = text.find('{') {
            let head: Vec<String> = text[..open]
                .split("::")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(str::to_owned)
                .collect();
            let mut base = prefix.to_vec();
            base.extend(head);
            let inner = &text[open + 1..text.rfind('}').unwrap_or(text.len())];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&base, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&base, &inner[start..], out);
        } else {
            let mut path = prefix.to_vec();
            path.extend(
                text.split(" as ")
                    .next()
                    .unwrap_or("")
                    .split("::")
                    .map(str::trim)
                    .filter(|p| !p.is_empty() && *p != "self" && *p != "*")
                    .map(str::to_owned),
            );
            if !path.is_empty() {
                out.push(path);
            }
        }
    }
    let code: String = statement
        .lines()
        .map(|l| l.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join(" ");
    let mut out = Vec::new();
    for anchor in ["crate::", "super::"] {
        let mut rest = code.as_str();
        while let Some(at) = rest.find(anchor) {
            let preceded = rest[..at].chars().last();
            let after = &rest[at + anchor.len()..];
            rest = after;
            // `$crate::` is a macro's; `foo::super::` is not a path start.
            if matches!(preceded, Some(c) if c == '$' || c == ':' || c.is_alphanumeric()) {
                continue;
            }
            let end = after
                .char_indices()
                .scan(0i32, |depth, (i, c)| {
                    match c {
                        '{' => *depth += 1,
                        '}' => *depth -= 1,
                        _ => {}
                    }
                    Some((i, c, *depth))
                })
                .find(|(_, c, depth)| {
                    *depth < 0
                        || (*depth == 0
                            && !(c.is_alphanumeric()
                                || matches!(c, '_' | ':' | '{' | '}' | ',' | ' ' | '*')))
                })
                .map_or(after.len(), |(i, _, _)| i);
            let mut found = Vec::new();
            expand(&[], &after[..end], &mut found);
            out.extend(
                found
                    .into_iter()
                    .map(|p| (anchor.trim_end_matches(':').to_owned(), p)),
            );
        }
    }
    out
}

/// The file a module path lands in: the longest prefix that is a file of the tree.
fn resolve(files: &BTreeSet<String>, path: &[String]) -> Option<String> {
    (1..=path.len()).rev().find_map(|n| {
        let joined = path[..n].join("/");
        [format!("{joined}.rs"), format!("{joined}/mod.rs")]
            .into_iter()
            .find(|f| files.contains(f))
    })
}

/// The module path of a file: `a/b.rs` and `a/b/mod.rs` are `a::b`.
fn module_path(file: &str) -> Vec<String> {
    let trimmed = file.trim_end_matches(".rs").trim_end_matches("/mod");
    if matches!(trimmed, "lib" | "main") {
        return Vec::new();
    }
    trimmed.split('/').map(str::to_owned).collect()
}

/// File → file imports (test modules left out: their `super` is the file itself).
fn file_imports(files: &[(String, String)]) -> Vec<Import> {
    let known: BTreeSet<String> = files.iter().map(|(p, _)| p.clone()).collect();
    let mut out = Vec::new();
    for (path, text) in files {
        let code = text.split("#[cfg(test)]").next().unwrap_or("");
        let here = module_path(path);
        for (line, statement) in statements(code) {
            for (anchor, segments) in full_paths(&statement) {
                let mut target = if anchor == "super" {
                    here[..here.len().saturating_sub(1)].to_vec()
                } else {
                    Vec::new()
                };
                target.extend(segments);
                if let Some(file) = resolve(&known, &target) {
                    if &file != path {
                        out.push(Import {
                            file: path.clone(),
                            line,
                            from: path.clone(),
                            to: file,
                        });
                    }
                }
            }
        }
    }
    out
}

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn the_app_imports_only_along_the_allowed_edges() {
    let files = read_tree(&manifest().join("src"));
    assert!(files.len() > 30, "the app's sources were found");
    let found = violations(&imports_in(&files), app_rule);
    assert!(found.is_empty(), "forbidden imports:\n{}", found.join("\n"));
}

#[test]
fn the_server_imports_only_along_the_allowed_edges() {
    let files = read_tree(&manifest().join("crates/server/src"));
    assert!(files.len() > 30, "the server's sources were found");
    let found = violations(&imports_in(&files), server_rule);
    assert!(found.is_empty(), "forbidden imports:\n{}", found.join("\n"));
}

#[test]
fn no_two_files_of_the_app_or_the_server_import_each_other_even_through_others() {
    for root in ["src", "crates/server/src"] {
        let files = read_tree(&manifest().join(root));
        assert_eq!(
            circle(&file_imports(&files)),
            None,
            "{root}: an import circle"
        );
    }
}

#[test]
fn the_state_names_only_files_that_do_not_import_it_back() {
    // `state.rs` names the stores it holds by their own files; none of those may import the
    // state, or the two would import each other.
    let root = manifest().join("crates/server/src");
    let state = std::fs::read_to_string(root.join("state.rs")).expect("state.rs");
    for line in state.lines().filter(|l| l.starts_with("use crate::")) {
        let path = line
            .trim_start_matches("use crate::")
            .trim_end_matches(';')
            .split("::{")
            .next()
            .unwrap_or("");
        let parts: Vec<&str> = path.split("::").collect();
        // `a::b::Item` → a/b.rs (or a/b/mod.rs).
        let module: Vec<&str> = parts[..parts.len().saturating_sub(1)].to_vec();
        if module.len() < 2 {
            continue;
        }
        let file = root.join(module.join("/") + ".rs");
        let text = std::fs::read_to_string(&file)
            .or_else(|_| std::fs::read_to_string(root.join(module.join("/")).join("mod.rs")))
            .unwrap_or_else(|_| panic!("{line}: no file for {}", module.join("::")));
        assert!(
            !text.contains("crate::state"),
            "{line}: {} imports the state back",
            file.display()
        );
    }
}

#[test]
fn the_domain_does_no_io() {
    for (path, text) in read_tree(&manifest().join("crates/domain/src")) {
        for forbidden in [
            "std::fs",
            "std::net",
            "std::process",
            "tokio",
            "sqlx",
            "reqwest",
            "web_sys",
        ] {
            assert!(
                !text.contains(forbidden),
                "crates/domain/src/{path} uses {forbidden}"
            );
        }
    }
}

#[test]
fn only_the_api_layer_sees_http() {
    for (path, text) in read_tree(&manifest().join("src")) {
        if path.starts_with("api/") {
            continue;
        }
        for forbidden in ["gloo_net", "ApiError::Server", "status:", ".status()"] {
            assert!(
                !text.contains(forbidden),
                "src/{path} uses {forbidden:?}: only api/ knows HTTP and status codes"
            );
        }
    }
}

#[test]
fn no_request_body_is_written_by_string_formatting() {
    for (path, text) in read_tree(&manifest().join("src")) {
        // A JSON object written with `format!` (`r#"{"…`): bodies are the domain's types.
        assert!(
            !text.contains("format!(r#\"{"),
            "src/{path} writes JSON with format!"
        );
    }
}

/// `file:line` of each violation.
fn places(found: &[String]) -> Vec<&str> {
    found
        .iter()
        .map(|v| v.split(": ").next().unwrap_or(""))
        .collect()
}

#[test]
fn the_rules_catch_a_forbidden_import() {
    let files = vec![
        (
            "shipping/estimates.rs".to_owned(),
            "use crate::cart::CartState;\n".to_owned(),
        ),
        (
            "api/carts.rs".to_owned(),
            "use crate::{i18n::Locale, catalog::listing::ListingParams};\n".to_owned(),
        ),
        (
            "ui/totals.rs".to_owned(),
            "    let x = crate::checkout::Step::Review; // a path, not a use\n".to_owned(),
        ),
        (
            "cart/page.rs".to_owned(),
            "use crate::shell::App;\nuse crate::shipping::ShipToSelect;\n".to_owned(),
        ),
        (
            "checkout/mod.rs".to_owned(),
            "// use crate::shell::App; is only a comment\nuse crate::cart::use_cart;\n".to_owned(),
        ),
    ];
    let found = violations(&imports_in(&files), app_rule);
    assert_eq!(
        places(&found),
        // api/ names two modules on that line: i18n and a feature.
        [
            "api/carts.rs:1",
            "api/carts.rs:1",
            "cart/page.rs:1",
            "shipping/estimates.rs:1",
            "ui/totals.rs:1"
        ],
        "{found:#?}"
    );

    let server = vec![
        (
            "http/limits.rs".to_owned(),
            "use crate::state::AppState;\n".to_owned(),
        ),
        (
            "carts/mod.rs".to_owned(),
            "use crate::{app, http::error::AppError};\n".to_owned(),
        ),
        (
            "web/media.rs".to_owned(),
            "use crate::orders::Order;\nuse crate::payments::PaymentProvider;\n".to_owned(),
        ),
        (
            "orders/mod.rs".to_owned(),
            "use crate::carts::cart_lines;\n".to_owned(),
        ),
    ];
    let found = violations(&imports_in(&server), server_rule);
    assert_eq!(
        places(&found),
        ["carts/mod.rs:1", "http/limits.rs:1", "web/media.rs:1"],
        "{found:#?}"
    );
}
