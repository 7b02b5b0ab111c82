//! `newsidx serve`: every endpoint of the JSON API, bad parameters, the
//! page, reloading on new commits, and startup errors, against a real
//! server process on a loopback port.

mod common;

use common::serve::{Corpus, Server, BIN};
use serde_json::Value;
use std::time::Duration;

fn names(list: &Value) -> Vec<(String, u64)> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|v| {
            (
                v["name"].as_str().unwrap().to_string(),
                v["passages"].as_u64().unwrap(),
            )
        })
        .collect()
}

fn titles(body: &Value) -> Vec<String> {
    body["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["title"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn health_reports_the_index() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (status, body) = server.get_json("/health");
    assert_eq!(status, 200);
    assert_eq!(body["status"], "ok");
    assert_eq!(body["files"], 3);
    assert_eq!(body["passages"], 11);
}

#[test]
fn search_returns_the_same_hits_as_the_cli_json() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    // Paths are relative in the API (never absolute on the page).
    let cli: Vec<Value> = corpus.cli_json_as_api(&["search", "harbour", "--json", "--limit", "5"]);
    assert!(
        cli.len() >= 3,
        "fixtures mention harbours in three articles"
    );
    let (status, body) = server.get_json("/api/search?q=harbour&limit=5");
    assert_eq!(status, 200);
    assert_eq!(body["hits"].as_array().unwrap(), &cli);
    assert_eq!(body["total"], 6);
    assert_eq!(
        (body["offset"].as_u64(), body["limit"].as_u64()),
        (Some(0), Some(5))
    );
    // Snippets come with the highlighted byte ranges.
    let first = &body["hits"][0];
    let snippet = first["snippet"].as_str().unwrap();
    let [start, end] = [0, 1].map(|i| first["highlights"][0][i].as_u64().unwrap() as usize);
    assert!(snippet[start..end].to_lowercase().starts_with("harbour"));
}

#[test]
fn search_filters_by_speaker_source_and_dates_like_the_cli() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    for (api, cli) in [
        (
            "/api/search?speaker=Maria%20Santos",
            vec!["search", "--speaker", "Maria Santos", "--json"],
        ),
        (
            "/api/search?q=harbour&source=river+gazette",
            vec!["search", "harbour", "--source", "river gazette", "--json"],
        ),
        (
            "/api/search?since=2025-12&until=2025-12-31",
            vec![
                "search",
                "--since",
                "2025-12",
                "--until",
                "2025-12-31",
                "--json",
            ],
        ),
        (
            "/api/search?speaker=Santos&speaker=Berg",
            vec![
                "search",
                "--speaker",
                "Santos",
                "--speaker",
                "Berg",
                "--json",
            ],
        ),
    ] {
        let (status, body) = server.get_json(api);
        assert_eq!(status, 200, "{api}");
        let expected: Vec<Value> = corpus.cli_json_as_api(&cli);
        assert!(!expected.is_empty(), "{cli:?} finds something");
        assert_eq!(body["hits"].as_array().unwrap(), &expected, "{api}");
    }
    let (_, body) = server.get_json("/api/search?speaker=Maria%20Santos");
    for hit in body["hits"].as_array().unwrap() {
        assert!(hit["speakers"]
            .as_array()
            .unwrap()
            .contains(&"Maria Santos".into()));
    }
    let (_, body) = server.get_json("/api/search?since=2025-12&until=2025-12-31");
    assert_eq!(body["total"], 4);
    assert!(titles(&body)
        .iter()
        .all(|t| t == "New bridge opens after years of delay"));
}

#[test]
fn search_pages_with_limit_and_offset() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (_, all) = server.get_json("/api/search?limit=100");
    assert_eq!(all["total"], 11);
    let mut paged = Vec::new();
    for offset in (0..11).step_by(4) {
        let (_, page) = server.get_json(&format!("/api/search?limit=4&offset={offset}"));
        assert_eq!(page["total"], 11);
        paged.extend(page["hits"].as_array().unwrap().iter().cloned());
    }
    assert_eq!(&paged, all["hits"].as_array().unwrap());
    let (_, past_the_end) = server.get_json("/api/search?offset=50");
    assert_eq!(past_the_end["hits"].as_array().unwrap().len(), 0);
}

#[test]
fn search_counts_speakers_and_sources_for_the_query() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (_, body) = server.get_json("/api/search?q=harbour");
    assert_eq!(
        names(&body["facets"]["sources"]["values"]),
        vec![("Coastal Times".into(), 4), ("River Gazette".into(), 2)]
    );
    assert_eq!(
        names(&body["facets"]["speakers"]["values"]),
        vec![("Maria Santos".into(), 1), ("Tomas Berg".into(), 1)]
    );
    // A facet ignores its own filter but follows the others.
    let (_, body) = server.get_json("/api/search?q=harbour&source=River%20Gazette");
    assert_eq!(body["total"], 2);
    assert_eq!(
        names(&body["facets"]["sources"]["values"]),
        vec![("Coastal Times".into(), 4), ("River Gazette".into(), 2)]
    );
    assert_eq!(names(&body["facets"]["speakers"]["values"]), vec![]);
    // Each count is the number of passages a click on it gives.
    for q in ["harbour", "said", ""] {
        let (_, body) = server.get_json(&format!("/api/search?q={q}"));
        for (facet, parameter) in [("speakers", "speaker"), ("sources", "source")] {
            for (name, passages) in names(&body["facets"][facet]["values"]) {
                let path = format!("/api/search?q={q}&{parameter}={}", name.replace(' ', "%20"));
                let (_, filtered) = server.get_json(&path);
                assert_eq!(filtered["total"], passages, "{path}");
            }
        }
    }
    // Facets can be left out.
    let (_, body) = server.get_json("/api/search?q=harbour&facets=false");
    assert!(body.get("facets").is_none());
}

#[test]
fn bad_parameters_get_400_with_an_error_naming_the_parameter() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    for (path, parameter) in [
        ("/api/search?limit=abc", "limit"),
        ("/api/search?limit=0", "limit"),
        ("/api/search?limit=101", "limit"),
        ("/api/search?limit=1e3", "limit"),
        ("/api/search?offset=-1", "offset"),
        ("/api/search?offset=99999999999999999999999", "offset"),
        ("/api/search?since=yesterday", "since"),
        ("/api/search?until=2025-02-30", "until"),
        ("/api/search?since=2026-01-01&until=2025-01-01", "until"),
        ("/api/search?q=%22unclosed", "q"),
        ("/api/search?q=(a", "q"),
        ("/api/search?q=nosuchfield:x", "q"),
        ("/api/search?q=a&q=b", "q"),
        ("/api/search?facets=perhaps", "facets"),
        ("/api/search?lmit=5", "lmit"),
        ("/api/speakers?limit=1001", "limit"),
        ("/api/sources?since=nope", "since"),
        ("/api/speakers?offset=3", "offset"),
        ("/health?verbose=1", "verbose"),
        ("/api/articles/x?passage=1", "passage"),
    ] {
        let (status, body) = server.get_json(path);
        assert_eq!(status, 400, "{path}: {body}");
        assert_eq!(body["parameter"], parameter, "{path}: {body}");
        let message = body["error"].as_str().unwrap();
        assert!(message.contains(parameter), "{path}: {message}");
    }
    let (_, body) = server.get_json("/api/search?q=peace%20%22talks");
    assert_eq!(body["column"], 7);
    // The server is still fine.
    assert_eq!(server.get_json("/health").0, 200);
}

#[test]
fn speakers_and_sources_list_passage_counts() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (status, body) = server.get_json("/api/speakers");
    assert_eq!(status, 200);
    assert_eq!(
        names(&body["speakers"]),
        vec![
            ("Maria Santos".into(), 2),
            ("Tomas Berg".into(), 2),
            ("Paulo Reis".into(), 1)
        ]
    );
    assert_eq!(body["distinct"], 3);
    let (_, body) = server.get_json("/api/sources");
    assert_eq!(
        names(&body["sources"]),
        vec![("River Gazette".into(), 7), ("Coastal Times".into(), 4)]
    );
    let (_, body) = server.get_json("/api/sources?limit=1");
    assert_eq!(names(&body["sources"]), vec![("River Gazette".into(), 7)]);
    assert_eq!(body["distinct"], 2);
    let (_, body) = server.get_json("/api/speakers?q=ferries");
    assert_eq!(names(&body["speakers"]), vec![("Tomas Berg".into(), 1)]);
    // The same objects as `newsidx speakers --json` and `sources --json`.
    for (api, key, cli) in [
        ("/api/speakers", "speakers", "speakers"),
        ("/api/sources", "sources", "sources"),
    ] {
        let (_, body) = server.get_json(api);
        let expected: Vec<Value> = corpus
            .cli(&[cli, "--json"])
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(body[key].as_array().unwrap(), &expected, "{api}");
    }
}

#[test]
fn copies_of_a_passage_fold_into_one_hit_unless_all_is_asked() {
    let corpus = Corpus::indexed();
    // The same report carried by another outlet.
    let original = std::fs::read_to_string(corpus.articles().join("harbour.txt")).unwrap();
    std::fs::write(
        corpus.articles().join("harbour-copy.txt"),
        original.replace("LISBON (Coastal Times)", "LISBON (Harbour Wire)"),
    )
    .unwrap();
    corpus.index_articles();
    let server = Server::start(&corpus.index());
    let cli = |args: &[&str]| -> Vec<Value> { corpus.cli_json_as_api(args) };
    let (_, folded) = server.get_json("/api/search?q=empties&limit=10");
    assert_eq!(
        folded["hits"].as_array().unwrap(),
        &cli(&["search", "empties", "--json"])
    );
    assert_eq!(folded["total"], 2);
    assert_eq!(folded["groups"], 1);
    assert_eq!(folded["hits"][0]["copies"], 2);
    assert_eq!(folded["hits"][0]["also"].as_array().unwrap().len(), 1);
    let (_, all) = server.get_json("/api/search?q=empties&all=true");
    assert_eq!(
        all["hits"].as_array().unwrap(),
        &cli(&["search", "empties", "--all", "--json"])
    );
    assert_eq!(all["hits"].as_array().unwrap().len(), 2);
    assert_eq!(all["groups"], Value::Null);
    assert_eq!(
        server.get_json("/api/search?all=perhaps").1["parameter"],
        "all"
    );
}

#[test]
fn an_article_comes_with_its_metadata_and_passages() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (_, found) = server.get_json("/api/search?q=%22two%20halves%22");
    let hit = &found["hits"][0];
    let id = hit["article_id"].as_str().unwrap();
    let (status, article) = server.get_json(&format!("/api/articles/{id}"));
    assert_eq!(status, 200);
    assert_eq!(article["id"], id);
    assert_eq!(article["title"], "New bridge opens after years of delay");
    assert_eq!(article["source"], "River Gazette");
    assert_eq!(article["author"], "Ann Lee");
    assert_eq!(article["date"], "2025-12-10T00:00:00Z");
    let passages = article["passages"].as_array().unwrap();
    assert_eq!(passages.len(), 4);
    let numbers: Vec<u64> = passages
        .iter()
        .map(|p| p["passage"].as_u64().unwrap())
        .collect();
    assert_eq!(numbers, vec![0, 1, 2, 3]);
    let quoted = &passages[hit["passage"].as_u64().unwrap() as usize];
    assert_eq!(quoted["text"], hit["text"]);
    assert_eq!(quoted["speakers"][0], "Maria Santos");
    assert_eq!(quoted["statements"][0]["speaker"], "Maria Santos");
    assert_eq!(quoted["statements"][0]["kind"], "direct");
}

#[test]
fn an_unknown_article_or_endpoint_is_a_json_404() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (status, body) = server.get_json("/api/articles/0000000000000000");
    assert_eq!(status, 404);
    assert_eq!(body["parameter"], "id");
    assert!(body["error"].as_str().unwrap().contains("0000000000000000"));
    let (status, body) = server.get_json("/api/articles/%E2%80%9C%3Cscript%3E");
    assert_eq!(status, 404, "{body}");
    let (status, body) = server.get_json("/api/nothing/here");
    assert_eq!(status, 404);
    assert!(body["error"].as_str().unwrap().contains("/api/search"));
}

#[test]
fn the_page_and_its_assets_are_served_from_the_binary() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    for (path, content_type, needle) in [
        ("/", "text/html", "<input id=\"q\""),
        ("/article?id=x", "text/html", "article-view"),
        ("/assets/app.js", "text/javascript", "/api/search"),
        ("/assets/app.css", "text/css", "@media"),
    ] {
        let (status, ty, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(ty.starts_with(content_type), "{path}: {ty}");
        assert!(body.contains(needle), "{path}");
    }
    let response = ureq::get(&server.url("/")).call().unwrap();
    let csp = response.header("content-security-policy").unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("connect-src 'self'"));
    assert_eq!(server.get("/nothing").0, 404);
}

#[test]
fn requests_for_other_host_names_are_refused_on_loopback() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let port = server.port;
    assert_eq!(
        server.status_with_host("/health", &format!("127.0.0.1:{port}")),
        200
    );
    assert_eq!(
        server.status_with_host("/health", &format!("localhost:{port}")),
        200
    );
    assert_eq!(
        server.status_with_host("/api/search?q=harbour", "attacker.example"),
        421
    );
    assert_eq!(
        server.status_with_host("/", &format!("rebind.example:{port}")),
        421
    );
}

#[test]
fn concurrent_requests_all_succeed_with_the_same_answers() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (_, expected) = server.get_json("/api/search?q=harbour");
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..16)
            .map(|_| {
                scope.spawn(|| {
                    for _ in 0..10 {
                        let (status, body) = server.get_json("/api/search?q=harbour");
                        assert_eq!(status, 200);
                        assert_eq!(body, expected);
                        assert_eq!(server.get_json("/api/speakers").0, 200);
                    }
                })
            })
            .collect();
        for worker in workers {
            worker.join().unwrap();
        }
    });
}

#[test]
fn new_commits_show_up_without_a_restart() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let (_, before) = server.get_json("/api/search?q=lighthouse");
    assert_eq!(before["total"], 0);
    // Listed once before the commit, so a listing kept from then would show.
    let (_, speakers_before) = server.get_json("/api/speakers");
    assert_eq!(speakers_before["distinct"], 3, "{speakers_before}");
    std::fs::write(
        corpus.articles().join("lighthouse.txt"),
        "Lighthouse keepers return to the cape\n\nBy Ann Lee\n\ndate 2026-02-01\n\n\
         PORTO (River Gazette) — The old lighthouse on the cape will have keepers again from March, the council said on Monday.\n\n\
         \"A lighthouse without a keeper is just a tower,\" Tomas Berg said.\n",
    )
    .unwrap();
    corpus.index_articles();
    let after = server.wait_for("/api/search?q=lighthouse", Duration::from_secs(30), |b| {
        b["total"].as_u64() > Some(0)
    });
    assert_eq!(after["total"], 2, "{after}");
    assert_eq!(
        after["hits"][0]["title"],
        "Lighthouse keepers return to the cape"
    );
    let (_, health) = server.get_json("/health");
    assert_eq!(health["files"], 4);
    let (_, speakers) = server.get_json("/api/speakers");
    assert_eq!(
        names(&speakers["speakers"]),
        vec![
            ("Tomas Berg".into(), 3),
            ("Maria Santos".into(), 2),
            ("Paulo Reis".into(), 1)
        ]
    );
}

#[test]
fn a_missing_index_exits_3_before_listening() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-index");
    assert_cmd::Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0", "--index"])
        .arg(&missing)
        .assert()
        .code(3)
        .stdout("")
        .stderr(
            predicates::str::contains("no index at")
                .and(predicates::str::contains("newsidx index")),
        );
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    let addr = format!("127.0.0.1:{}", server.port);
    assert_cmd::Command::new(BIN)
        .args(["serve", "--addr", &addr, "--index"])
        .arg(corpus.index())
        .timeout(Duration::from_secs(20))
        .assert()
        .code(5)
        .stderr(
            predicates::str::contains("cannot listen on").and(predicates::str::contains("--addr")),
        );
}

#[test]
fn a_bad_address_is_a_usage_error() {
    assert_cmd::Command::new(BIN)
        .args(["serve", "--addr", "localhost"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--addr"));
}

use predicates::prelude::*;

#[test]
fn quotes_lists_a_speakers_statements_like_the_cli_a_page_at_a_time() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    // Paths are relative in the API (never absolute on the page).
    let cli: Vec<Value> = corpus.cli_json_as_api(&["quotes", "--speaker", "santos", "--json"]);
    assert!(cli.len() >= 2, "{cli:?}");
    let (status, body) = server.get_json("/api/quotes?speaker=santos");
    assert_eq!(status, 200);
    assert_eq!(body["statements"].as_array().unwrap(), &cli);
    assert_eq!(body["speaker"], "santos");
    assert_eq!(body["names"], serde_json::json!(["Maria Santos"]));
    assert_eq!(body["total"].as_u64(), Some(cli.len() as u64));
    // Outlets and the timeline count every statement, not one page.
    let (_, page) = server.get_json("/api/quotes?speaker=santos&limit=1&offset=1");
    assert_eq!(page["statements"].as_array().unwrap(), &cli[1..2]);
    assert_eq!(page["total"], body["total"]);
    assert_eq!(page["outlets"], body["outlets"]);
    let periods = page["timeline"]["periods"].as_array().unwrap();
    let counted: u64 = periods.iter().map(|p| p["count"].as_u64().unwrap()).sum();
    assert_eq!(
        counted + page["timeline"]["undated"].as_u64().unwrap(),
        cli.len() as u64
    );
    assert_eq!(page["timeline"]["unit"], "week");
    let outlets: u64 = body["outlets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["statements"].as_u64().unwrap())
        .sum();
    let carried: usize = cli
        .iter()
        .map(|s| s["outlets"].as_array().unwrap().len())
        .sum();
    assert_eq!(outlets, carried as u64);
    // The CLI's filters and orders.
    let cli_oldest: Vec<Value> = corpus.cli_json_as_api(&[
        "quotes",
        "--speaker",
        "santos",
        "--sort",
        "oldest",
        "--source",
        "Coastal Times",
        "--json",
    ]);
    let (_, oldest) =
        server.get_json("/api/quotes?speaker=santos&sort=oldest&source=Coastal%20Times");
    assert_eq!(oldest["statements"].as_array().unwrap(), &cli_oldest);
    // Each copy names its article, to open it.
    let carrier = &body["statements"][0]["carriers"][0];
    let (status, _) = server.get_json(&format!(
        "/api/articles/{}",
        carrier["article_id"].as_str().unwrap()
    ));
    assert_eq!(status, 200);
    for (query, parameter) in [
        ("", "speaker"),
        ("?speaker=a&speaker=b", "speaker"),
        ("?speaker=santos&sort=best", "sort"),
        ("?speaker=santos&limit=0", "limit"),
    ] {
        let (status, body) = server.get_json(&format!("/api/quotes{query}"));
        assert_eq!(status, 400, "{query}");
        assert_eq!(body["parameter"], parameter, "{query}");
    }
    let (_, nobody) = server.get_json("/api/quotes?speaker=Nobody%20Here");
    assert_eq!(nobody["total"], 0);
    assert_eq!(nobody["names"], serde_json::json!([]));
}

#[test]
fn search_sorts_by_date_types_prefixes_resolves_speakers_and_counts_dates() {
    let corpus = Corpus::indexed();
    let server = Server::start(&corpus.index());
    // Newest first even with words.
    let (_, newest) = server.get_json("/api/search?q=harbour&sort=newest");
    let dates: Vec<&str> = newest["hits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h["date"].as_str().unwrap())
        .collect();
    let mut sorted = dates.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(dates, sorted);
    assert_eq!(dates[0], "2026-01-15T00:00:00Z");
    // Prefix: the last word may be the start of a longer one.
    let (_, exact) = server.get_json("/api/search?q=fishing%20quot");
    assert_eq!(exact["total"], 0);
    let (_, typed) = server.get_json("/api/search?q=fishing%20quot&prefix=true");
    assert!(typed["total"].as_u64().unwrap() > 0);
    let first = &typed["hits"][0];
    let snippet = first["snippet"].as_str().unwrap();
    let marked: Vec<String> = first["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            let (s, e) = (
                r[0].as_u64().unwrap() as usize,
                r[1].as_u64().unwrap() as usize,
            );
            snippet[s..e].to_lowercase()
        })
        .collect();
    assert!(marked.contains(&"quotas".to_string()), "{marked:?}");
    // Speakers as typed, and who they stand for.
    let (_, santos) = server.get_json("/api/search?speaker=santos&speaker=Tomas%20Berg");
    assert_eq!(
        santos["speaker_names"],
        serde_json::json!([
            { "given": "santos", "names": ["Maria Santos"] },
            { "given": "Tomas Berg", "names": ["Tomas Berg"] },
        ])
    );
    // Matches over time, counted without the date filter.
    let (_, all) = server.get_json("/api/search?q=harbour");
    let (_, since) = server.get_json("/api/search?q=harbour&since=2025-12");
    assert_eq!(all["facets"]["dates"], since["facets"]["dates"]);
    let counted: u64 = all["facets"]["dates"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["count"].as_u64().unwrap())
        .sum();
    assert_eq!(counted, all["total"].as_u64().unwrap());
    // Longer facet lists on request.
    let (_, one) = server.get_json("/api/search?facet_limit=1");
    assert_eq!(
        one["facets"]["speakers"]["values"]
            .as_array()
            .unwrap()
            .len(),
        1
    );
    let (_, more) = server.get_json("/api/search?facet_limit=1000");
    assert!(
        more["facets"]["speakers"]["values"]
            .as_array()
            .unwrap()
            .len()
            > 1
    );
}
