//! The shape of the code: the top-level modules of `src/` import each other
//! without cycles, and `docs/architecture.md` shows the graph as it is.
//!
//! A module's imports are the `crate::name` paths of its files (comments
//! and the `#[cfg(test)] mod tests` at the end of a file left out: tests
//! may reach anywhere). With `UPDATE_SNAPSHOTS=1` the graph in the docs is
//! rewritten instead of compared.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const DOC: &str = "docs/architecture.md";
const BEGIN: &str = "<!-- module-graph: begin (tests/architecture.rs) -->";
const END: &str = "<!-- module-graph: end -->";

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its unit tests.
fn production_code(text: &str) -> String {
    let lines: Vec<&str> = text.lines().collect();
    let mut end = lines.len();
    for (i, line) in lines.iter().enumerate() {
        let next = lines[i + 1..].iter().find(|l| !l.trim().is_empty());
        if line.trim() == "#[cfg(test)]"
            && next.is_some_and(|l| l.trim_start().starts_with("mod tests"))
        {
            end = i;
            break;
        }
    }
    lines[..end]
        .iter()
        .filter(|l| !l.trim_start().starts_with("//"))
        .copied()
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level modules named in `code`: `crate::name` paths and the
/// first names of `use crate::{a, b::c}` groups.
fn imports(code: &str, modules: &BTreeSet<String>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    let path = regex::Regex::new(r"\bcrate::(\w+)").unwrap();
    for c in path.captures_iter(code) {
        found.insert(c[1].to_string());
    }
    let group = regex::Regex::new(r"\bcrate::\{").unwrap();
    for m in group.find_iter(code) {
        let mut depth = 1;
        let mut item = String::new();
        let mut items = Vec::new();
        for ch in code[m.end()..].chars() {
            match ch {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                ',' if depth == 1 => items.push(std::mem::take(&mut item)),
                _ if depth == 1 => item.push(ch),
                _ => {}
            }
        }
        items.push(item);
        for item in items {
            let name: String = item
                .trim()
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            found.insert(name);
        }
    }
    found.retain(|m| modules.contains(m));
    found
}

fn module_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let top = |path: &Path| -> Option<String> {
        let first = path.strip_prefix(&src).ok()?.components().next()?;
        let name = first.as_os_str().to_str()?;
        let name = name.strip_suffix(".rs").unwrap_or(name);
        (name != "lib" && name != "main").then(|| name.to_string())
    };
    let modules: BTreeSet<String> = files.iter().filter_map(|f| top(f)).collect();
    let mut graph: Graph = modules
        .iter()
        .map(|m| (m.clone(), BTreeSet::new()))
        .collect();
    for file in &files {
        let Some(module) = top(file) else { continue };
        let code = production_code(&std::fs::read_to_string(file).unwrap());
        let mut used = imports(&code, &modules);
        used.remove(&module);
        graph.get_mut(&module).unwrap().extend(used);
    }
    graph
}

/// A cycle of the graph, as the modules along it, if there is one.
fn find_cycle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        done: &mut BTreeSet<String>,
        path: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        if let Some(i) = path.iter().position(|n| n == node) {
            let mut cycle = path[i..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in &graph[node] {
            if let Some(cycle) = visit(next, graph, done, path) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut done, &mut Vec::new()))
}

fn render(graph: &Graph) -> String {
    let width = graph.keys().map(String::len).max().unwrap_or(0);
    let mut out = String::from("```text\n");
    for (module, uses) in graph {
        let uses: Vec<&str> = uses.iter().map(String::as_str).collect();
        let uses = if uses.is_empty() {
            "(nothing)".to_string()
        } else {
            uses.join(", ")
        };
        out.push_str(&format!("{module:width$} -> {uses}\n"));
    }
    out.push_str("```\n");
    out
}

#[test]
fn top_level_modules_import_each_other_without_cycles() {
    let graph = module_graph();
    assert!(
        graph.len() > 10,
        "the modules of src/ were found: {graph:?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        panic!(
            "import cycle between top-level modules: {}\n\
             Move what both sides need into the lower module (or a new one), \
             so that imports go one way. The whole graph:\n{}",
            cycle.join(" -> "),
            render(&graph)
        );
    }
}

#[test]
fn the_cycle_finder_finds_a_cycle() {
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("d", "a")] {
        graph.entry(from.into()).or_default().insert(to.into());
        graph.entry(to.into()).or_default();
    }
    assert_eq!(find_cycle(&graph).unwrap().join(" "), "a b c a");
    graph.get_mut("c").unwrap().clear();
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn imports_are_read_from_paths_and_groups_but_not_comments_or_tests() {
    let modules: BTreeSet<String> = ["index", "search", "output", "error", "ingest"]
        .map(String::from)
        .into();
    let code = production_code(
        "use crate::index::NewsIndex;\n\
         use crate::{error::Result, search};\n\
         // see crate::output\n\
         fn f() { crate::ingest::read(); }\n\
         #[cfg(test)]\n\
         mod tests {\n    use crate::output;\n}\n",
    );
    let found: Vec<String> = imports(&code, &modules).into_iter().collect();
    assert_eq!(found, ["error", "index", "ingest", "search"]);
}

#[test]
fn the_architecture_doc_shows_the_module_graph_as_it_is() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DOC);
    let doc = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{DOC}: {e}"));
    let (Some(begin), Some(end)) = (doc.find(BEGIN), doc.find(END)) else {
        panic!("{DOC} has no lines {BEGIN:?} and {END:?} around the module graph");
    };
    let shown = &doc[begin + BEGIN.len()..end];
    let actual = format!("\n{}", render(&module_graph()));
    if shown == actual {
        return;
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        let updated = format!("{}{actual}{}", &doc[..begin + BEGIN.len()], &doc[end..]);
        std::fs::write(&path, updated).unwrap();
        eprintln!("updated the module graph in {DOC}");
        return;
    }
    panic!(
        "the module graph in {DOC} is out of date; run `UPDATE_SNAPSHOTS=1 cargo test --test architecture` \
         and commit the change. Now:\n{actual}\nShown:\n{shown}"
    );
}

/// Every `src/` file (relative path) with its production code.
fn production_files() -> Vec<(String, String)> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    files.sort();
    files
        .iter()
        .map(|f| {
            let name = f.strip_prefix(&src).unwrap().display().to_string();
            (name, production_code(&std::fs::read_to_string(f).unwrap()))
        })
        .collect()
}

#[test]
fn only_output_writes_to_stdout_and_only_messages_to_stderr() {
    let stdout = ["println!(", "print!(", "io::stdout()"];
    let stderr = [
        "eprintln!(",
        "eprint!(",
        "io::stderr()",
        "ProgressDrawTarget::stderr",
    ];
    let mut wrong = Vec::new();
    for (name, code) in production_files() {
        for (allowed, marks) in [("output.rs", &stdout[..]), ("messages.rs", &stderr[..])] {
            for mark in marks {
                let used = regex::Regex::new(&format!(r"(^|[^\w]){}", regex::escape(mark)))
                    .unwrap()
                    .is_match(&code);
                if name != allowed && used {
                    wrong.push(format!("{name} uses {mark} (only src/{allowed} may)"));
                }
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "data goes to stdout through `output`, messages to stderr through `messages::Messages`:\n{}",
        wrong.join("\n")
    );
}
