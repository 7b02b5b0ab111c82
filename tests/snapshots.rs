//! Golden files of the interface: `--help` of every command, and the shape
//! of every JSON output (each key path with the JSON types seen there), in
//! `tests/snapshots/`. A change to either fails here until the snapshot is
//! updated, so interface changes are deliberate and show in review:
//! `UPDATE_SNAPSHOTS=1 cargo test --test snapshots` rewrites them.
//!
//! Shapes, not values: a ranking or extraction change leaves them alone,
//! a renamed, removed or retyped field does not.

mod common;

use common::TestEnv;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const COMMANDS: [&str; 12] = [
    "index",
    "watch",
    "search",
    "analyze",
    "stats",
    "serve",
    "speakers",
    "sources",
    "quotes",
    "completions",
    "export",
    "push",
];

/// Compares `actual` with `tests/snapshots/NAME`, or writes it there with
/// `UPDATE_SNAPSHOTS` set. Returns a description of the difference.
fn check(name: &str, actual: &str) -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    let expected = std::fs::read_to_string(&path).ok();
    if expected.as_deref() == Some(actual) {
        return None;
    }
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return None;
    }
    let Some(expected) = expected else {
        return Some(format!("{name}: no snapshot yet"));
    };
    let expected: Vec<&str> = expected.lines().collect();
    let actual: Vec<&str> = actual.lines().collect();
    let mut diff = Vec::new();
    for line in &expected {
        if !actual.contains(line) {
            diff.push(format!("  - {line}"));
        }
    }
    for line in &actual {
        if !expected.contains(line) {
            diff.push(format!("  + {line}"));
        }
    }
    if diff.is_empty() {
        diff.push("  (the same lines in another order)".into());
    }
    Some(format!("{name}:\n{}", diff.join("\n")))
}

fn assert_snapshots(failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "the interface changed; if that is meant, run `UPDATE_SNAPSHOTS=1 cargo test --test snapshots`, \
         update the README (and docs/openapi.yaml for HTTP) and commit the snapshots:\n{}",
        failures.join("\n")
    );
}

#[test]
fn help_of_every_command() {
    let env = TestEnv::new();
    // Every command `newsidx --help` lists has its golden file here.
    let out = env.cmd().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let listed: BTreeSet<&str> = help
        .split("Commands:\n")
        .nth(1)
        .expect("--help lists the commands")
        .lines()
        .take_while(|line| !line.trim().is_empty())
        .filter(|line| line.starts_with("  ") && !line.starts_with("    "))
        .filter_map(|line| line.split_whitespace().next())
        .filter(|&command| command != "help")
        .collect();
    assert_eq!(
        listed,
        COMMANDS.into_iter().collect::<BTreeSet<_>>(),
        "the commands of `newsidx --help` and COMMANDS"
    );
    let mut failures = Vec::new();
    let mut invocations = vec![(String::from("help/newsidx.txt"), vec!["--help"])];
    for command in COMMANDS {
        invocations.push((format!("help/{command}.txt"), vec![command, "--help"]));
    }
    for (name, args) in invocations {
        let out = env
            .cmd()
            .env("COLUMNS", "100")
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        failures.extend(check(&name, &String::from_utf8(out.stdout).unwrap()));
    }
    assert_snapshots(failures);
}

/// Every key path of `value` (`.a.b[]`) with the JSON types found there.
fn shape(value: &Value, path: String, into: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    let kind = match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(items) => {
            for item in items {
                shape(item, format!("{path}[]"), into);
            }
            "array"
        }
        Value::Object(fields) => {
            for (key, field) in fields {
                shape(field, format!("{path}.{key}"), into);
            }
            "object"
        }
    };
    into.entry(path).or_default().insert(kind);
}

fn shapes(values: &[Value]) -> String {
    let mut all = BTreeMap::new();
    for value in values {
        shape(value, String::new(), &mut all);
    }
    all.iter()
        .map(|(path, kinds)| {
            let path = if path.is_empty() { "(line)" } else { path };
            let kinds: Vec<&str> = kinds.iter().copied().collect();
            format!("{path}: {}\n", kinds.join("|"))
        })
        .collect()
}

fn json_lines(env: &TestEnv, args: &[&str]) -> Vec<Value> {
    let out = env.cmd().args(args).output().unwrap();
    let values = common::parse_lines(&out.stdout);
    assert!(!values.is_empty(), "{args:?} printed JSON");
    values
}

#[test]
fn shape_of_every_json_output() {
    let env = TestEnv::with_samples();
    // An empty file: a problem in the summaries, so their shape shows.
    env.write("articles/empty.txt", "");
    let articles = env.path("articles");
    let articles = articles.to_str().unwrap();
    let mut failures = Vec::new();
    // Hits are checked against their documentation instead (below).
    let runs: [(&str, Vec<&str>); 9] = [
        ("index", vec!["index", "--json", articles]),
        ("stats", vec!["stats", "--json"]),
        ("speakers", vec!["speakers", "--json"]),
        ("sources", vec!["sources", "--json"]),
        ("quotes", vec!["quotes", "--json", "--speaker", "Witkoff"]),
        ("analyze", vec!["analyze", "--json", articles]),
        ("index-again", vec!["index", "--json", articles]),
        ("export", vec!["export", "--format", "jsonl"]),
        (
            "export-articles",
            vec!["export", "--format", "jsonl", "--articles"],
        ),
    ];
    for (name, args) in runs {
        let values = json_lines(&env, &args);
        failures.extend(check(&format!("json/{name}.txt"), &shapes(&values)));
    }
    assert_snapshots(failures);
}

/// The keys of the rows of the README table that follows `heading`.
fn readme_table_keys(heading: &str) -> BTreeSet<String> {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let start = readme
        .find(heading)
        .unwrap_or_else(|| panic!("README has {heading:?}"));
    let key = regex::Regex::new(r"`(\w+)`").unwrap();
    readme[start..]
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .flat_map(|row| {
            let first = row.split('|').nth(1).unwrap_or("");
            key.captures_iter(first)
                .map(|c| c[1].to_string())
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The property names of a schema in `docs/openapi.yaml`.
fn openapi_properties(schema: &str) -> BTreeSet<String> {
    let yaml =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/openapi.yaml")).unwrap();
    let start = yaml
        .find(&format!("\n    {schema}:\n"))
        .unwrap_or_else(|| panic!("docs/openapi.yaml has the schema {schema}"));
    let property = regex::Regex::new(r"^        (\w+):").unwrap();
    yaml[start + 1..]
        .lines()
        .skip(1)
        .take_while(|l| l.is_empty() || l.starts_with("      "))
        .filter_map(|l| property.captures(l).map(|c| c[1].to_string()))
        .collect()
}

/// A hit is the one shape three places describe: the README's table for
/// `search --json`, the `Hit` schema of `docs/openapi.yaml` (the API sends
/// the same objects), and the objects printed. They must name the same
/// fields, with or without `--all`.
#[test]
fn hit_fields_are_those_the_readme_and_openapi_describe() {
    let env = TestEnv::with_samples();
    env.index_articles();
    let mut printed = BTreeSet::new();
    for args in [vec!["peace"], vec!["--all", "peace"]] {
        for hit in env.search_json(&args) {
            printed.extend(hit.as_object().unwrap().keys().cloned());
        }
    }
    assert!(!printed.is_empty());
    // Printed only for a path that is not UTF-8, which the samples lack
    // (tests/hostile.rs shows it).
    printed.insert("path_bytes".to_string());
    let readme =
        readme_table_keys("`newsidx search --json` prints one object per result per line:");
    let openapi = openapi_properties("Hit");
    assert_eq!(
        readme, printed,
        "the README's table of `search --json` fields differs from what is printed"
    );
    assert_eq!(
        openapi, printed,
        "the Hit schema in docs/openapi.yaml differs from what is printed"
    );
}

#[test]
fn shapes_list_every_path_with_its_types() {
    let values: Vec<Value> = [
        r#"{"a": 1, "b": [{"c": null}], "d": "x"}"#,
        r#"{"a": null, "b": [], "d": "y"}"#,
    ]
    .iter()
    .map(|s| serde_json::from_str(s).unwrap())
    .collect();
    assert_eq!(
        shapes(&values),
        "(line): object\n.a: null|number\n.b: array\n.b[]: object\n.b[].c: null\n.d: string\n"
    );
}

/// The exit codes of `error::exit_code` are those the README's table and
/// `newsidx --help` list.
#[test]
fn every_exit_code_is_listed_in_the_readme_and_the_help() {
    let codes: BTreeSet<u8> = newsidx::error::exit_code::ALL.into_iter().collect();
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let table = &readme[readme
        .find("### Exit codes")
        .expect("README lists exit codes")..];
    let listed: BTreeSet<u8> = table
        .lines()
        .skip_while(|l| !l.starts_with('|'))
        .take_while(|l| l.starts_with('|'))
        .skip(2)
        .map(|row| row.split('|').nth(1).unwrap().trim().parse().unwrap())
        .collect();
    assert_eq!(listed, codes, "README's exit code table");

    let out = TestEnv::new().cmd().arg("--help").output().unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    let section = &help[help.find("Exit codes:").expect("--help lists exit codes")..];
    let in_help: BTreeSet<u8> = section
        .lines()
        .skip(1)
        .filter_map(|l| l.split_whitespace().next()?.parse().ok())
        .collect();
    assert_eq!(in_help, codes, "--help's exit codes");
}
