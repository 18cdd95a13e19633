//! The shape of `service/src`, checked: every `crate::` and `super::` path (and every
//! use of a child module) is an arrow from one module file to another; the arrows must
//! form no cycle, and none may run from a lower area up to a higher one. The areas, from
//! the bottom: the plumbing at the top level, `accounts`, `inventory`, `notebook`,
//! `trace`, `things`, `export`, `dev`.

use std::{
    collections::{BTreeMap, BTreeSet},
    fs,
    path::Path,
};

use regex::Regex;

/// Lower areas first; a module outside these folders is plumbing (level 0).
const AREAS: [&str; 7] = [
    "accounts",
    "inventory",
    "notebook",
    "trace",
    "things",
    "export",
    "dev",
];

type Graph = BTreeMap<String, BTreeSet<String>>;

fn level(module: &str) -> usize {
    let area = module.split("::").next().unwrap_or_default();
    AREAS.iter().position(|a| *a == area).map_or(0, |i| i + 1)
}

/// Every module of the crate by path (`notebook::entries::rows`), with its source.
fn modules(src: &Path) -> BTreeMap<String, String> {
    fn walk(dir: &Path, root: &Path, out: &mut BTreeMap<String, String>) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, root, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                if parts.last().is_some_and(|p| p == "mod" || p == "lib") {
                    parts.pop();
                }
                out.insert(parts.join("::"), fs::read_to_string(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(src, src, &mut out);
    out
}

/// The paths a `use` group names, in full: `{a::{b, c}, d as e}` → a::b, a::c, d.
fn expand(prefix: &[String], body: &str, out: &mut Vec<Vec<String>>) {
    let (mut depth, mut item) = (0, String::new());
    let mut items = Vec::new();
    for ch in body.chars() {
        match ch {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                items.push(std::mem::take(&mut item));
                continue;
            }
            _ => {}
        }
        item.push(ch);
    }
    items.push(item);
    for item in items {
        let item = item.trim();
        if item.is_empty() {
            continue;
        }
        if let (Some(open), true) = (item.find("::{"), item.ends_with('}')) {
            let mut next = prefix.to_vec();
            next.extend(item[..open].split("::").map(str::to_owned));
            expand(&next, &item[open + 3..item.len() - 1], out);
        } else {
            let name = item.split(" as ").next().unwrap_or_default();
            let mut path = prefix.to_vec();
            path.extend(
                name.split("::")
                    .filter(|p| !p.is_empty() && *p != "self")
                    .map(str::to_owned),
            );
            out.push(path);
        }
    }
}

/// The arrows between the crate's module files (entities, generated from the schema,
/// left out).
fn graph(mods: &BTreeMap<String, String>) -> Graph {
    let comments = Regex::new(r"//[^\n]*").unwrap();
    let other_crates = Regex::new(r"\buse (?:[a-z_]+)::\{[^;]*\};").unwrap();
    let group = Regex::new(r"\b(crate|super)::\{").unwrap();
    let path = Regex::new(r"\b(crate|super)((?:::\w+)+)").unwrap();
    let mut edges = Graph::new();
    for (name, source) in mods {
        let mut source = comments.replace_all(source, "").into_owned();
        if let Some(tests) = source.find("#[cfg(test)]") {
            source.truncate(tests);
        }
        let here: Vec<String> = if name.is_empty() {
            vec![]
        } else {
            name.split("::").map(str::to_owned).collect()
        };
        let base = |root: &str| -> Vec<String> {
            if root == "crate" {
                vec![]
            } else {
                here[..here.len().saturating_sub(1)].to_vec()
            }
        };
        let mut paths = Vec::new();
        for m in group.captures_iter(&source) {
            let start = m.get(0).unwrap().end();
            let (mut depth, mut end) = (1, start);
            for (i, ch) in source[start..].char_indices() {
                match ch {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    _ => {}
                }
                if depth == 0 {
                    end = start + i;
                    break;
                }
            }
            expand(&base(&m[1]), &source[start..end], &mut paths);
        }
        for m in path.captures_iter(&source) {
            let mut p = base(&m[1]);
            p.extend(
                m[2].split("::")
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned),
            );
            paths.push(p);
        }
        let own = own_source(&source, &other_crates);
        // A module brought in by `use` and used by its name (`inventory::lots::get`).
        let imported: Vec<Vec<String>> = paths.clone();
        for full in imported {
            let Some(alias) = full.last() else { continue };
            let used = Regex::new(&format!(r"(?:^|[^\w:]){alias}((?:::\w+)+)")).unwrap();
            for m in used.captures_iter(&own) {
                let mut p = full.clone();
                p.extend(
                    m[1].split("::")
                        .filter(|s| !s.is_empty())
                        .map(str::to_owned),
                );
                paths.push(p);
            }
        }
        // A child module used by name (`nodes::describe` in trace/mod.rs).
        for other in mods.keys() {
            let parts: Vec<&str> = other.split("::").collect();
            if parts.len() == here.len() + 1 && parts[..here.len()] == here[..] {
                let child = parts[parts.len() - 1];
                let used = Regex::new(&format!(r"(?:^|[^\w:]){child}::")).unwrap();
                if used.is_match(&own) {
                    paths.push(parts.iter().map(|s| s.to_string()).collect());
                }
            }
        }
        let targets = edges.entry(name.clone()).or_default();
        for p in paths {
            // The deepest module the path names.
            let target = (1..=p.len())
                .rev()
                .map(|n| p[..n].join("::"))
                .find(|m| mods.contains_key(m));
            if let Some(t) = target {
                if t != *name && !t.starts_with("entities") {
                    targets.insert(t);
                }
            }
        }
    }
    edges
}

/// The source without its `use` groups of other crates (`domain::{bench, …}` is not
/// this crate's `bench`).
fn own_source(source: &str, other_crates: &Regex) -> String {
    other_crates.replace_all(source, "").into_owned()
}

/// A cycle through `from`, if there is one (depth-first).
fn cycle(edges: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        edges: &Graph,
        stack: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = stack.iter().position(|n| n == node) {
            let mut found = stack[at..].to_vec();
            found.push(node.to_owned());
            return Some(found);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node.to_owned());
        for next in edges.get(node).into_iter().flatten() {
            if let Some(found) = visit(next, edges, stack, done) {
                return Some(found);
            }
        }
        stack.pop();
        done.insert(node.to_owned());
        None
    }
    let mut done = BTreeSet::new();
    edges
        .keys()
        .find_map(|n| visit(n, edges, &mut Vec::new(), &mut done))
}

fn service_graph() -> Graph {
    graph(&modules(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src")))
}

#[test]
fn no_module_of_the_service_imports_itself_back() {
    let edges = service_graph();
    assert!(edges.len() > 50, "the modules were not found");
    assert!(
        edges["things::labels"].contains("inventory::lots"),
        "the graph misses plain crate:: groups"
    );
    if let Some(found) = cycle(&edges) {
        panic!("import cycle: {}", found.join(" -> "));
    }
}

#[test]
fn no_module_imports_one_of_a_higher_area() {
    let upward: Vec<String> = service_graph()
        .iter()
        .flat_map(|(from, to)| {
            to.iter()
                .filter(|t| level(t) > level(from))
                .map(move |t| format!("{from} -> {t}"))
        })
        .collect();
    assert!(upward.is_empty(), "imports running up: {upward:#?}");
}

#[test]
fn the_check_finds_a_cycle_and_an_upward_import_when_there_is_one() {
    let mods: BTreeMap<String, String> = [
        (
            "inventory::lots",
            "use crate::{error::Result, inventory::samples};",
        ),
        (
            "inventory::samples",
            "fn f() { crate::inventory::lots::get(); }",
        ),
        ("notebook::entries", ""),
        ("accounts::people", "use crate::notebook::entries::find;"),
        ("error", ""),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    let edges = graph(&mods);
    let found = cycle(&edges).expect("lots and samples import each other");
    assert!(found.contains(&"inventory::lots".to_owned()));
    assert!(level("notebook::entries") > level("accounts::people"));
    assert!(edges["accounts::people"].contains("notebook::entries"));
    assert!(edges["inventory::lots"].contains("error"));
}
