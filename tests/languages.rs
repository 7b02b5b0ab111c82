//! Issue 23 against the built binary: each article's language is found
//! (declared by the page or record, else detected), shown, counted and
//! filterable, and attribution's English rules stay out of other languages.

mod common;

use common::serve::Server;
use common::*;
use std::path::{Path, PathBuf};

const GERMAN: &str = "Die Regierung hat am Dienstag neue Gespräche angekündigt. \
    \"Wir werden nicht nachgeben\", sagte Bundeskanzler Max Mustermann in Berlin. \
    Die Opposition kritisierte die Pläne der Regierung scharf und verlangte eine \
    Abstimmung im Parlament, bevor die Verhandlungen weitergehen.";

const ENGLISH: &str = "The government announced new talks on Tuesday. \
    \"We will not give in,\" said Prime Minister John Example in London. \
    The opposition sharply criticised the plans and demanded a vote in parliament \
    before the negotiations continue.";

fn write(dir: &Path, name: &str, text: &str) {
    std::fs::write(dir.join(name), text).unwrap();
}

/// The articles `write_articles` writes, in a fresh folder, indexed with
/// the binary: the temporary folder (kept while the test runs) and the
/// index.
fn indexed(write_articles: fn(&Path)) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let articles = tmp.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    write_articles(&articles);
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"]).arg(&articles));
    assert!(out.status.success(), "{}", stderr(&out));
    (tmp, index)
}

/// A folder with an English and a German text file, a German HTML page
/// that says so, and a JSON Lines record declaring French.
fn corpus(dir: &Path) {
    write(
        dir,
        "english.txt",
        &format!("Talks announced\n\n{ENGLISH}\n"),
    );
    write(dir, "german.txt", &format!("Neue Gespräche\n\n{GERMAN}\n"));
    write(
        dir,
        "page.html",
        &format!(
            "<!doctype html><html lang=\"de-DE\"><head><title>Neue Gespräche</title></head>\
             <body><article><h1>Neue Gespräche</h1><p>{GERMAN}</p></article></body></html>"
        ),
    );
    let record = serde_json::json!({
        "title": "Nouvelles négociations",
        "language": "fr",
        "text": "Le gouvernement a annoncé mardi de nouvelles négociations avec l'opposition, \
                 qui a vivement critiqué les projets et demandé un vote au parlement.",
    });
    write(dir, "records.jsonl", &format!("{record}\n"));
}

fn analyzed(dir: &Path) -> Vec<serde_json::Value> {
    let out = run(std::process::Command::new(bin())
        .args(["analyze", "--json"])
        .arg(dir));
    assert!(out.status.success(), "{}", stderr(&out));
    parse_lines(&out.stdout)
}

fn by_file<'a>(articles: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    articles
        .iter()
        .find(|a| a["path"].as_str().unwrap().ends_with(name))
        .unwrap_or_else(|| panic!("{name} not analysed"))
}

#[test]
fn every_article_gets_its_language_declared_or_detected() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let articles = analyzed(tmp.path());
    assert_eq!(by_file(&articles, "english.txt")["lang"], "en");
    assert_eq!(by_file(&articles, "german.txt")["lang"], "de");
    assert_eq!(by_file(&articles, "page.html")["lang"], "de");
    assert_eq!(by_file(&articles, "records.jsonl")["lang"], "fr");
}

#[test]
fn english_rules_find_statements_in_english_only() {
    let tmp = tempfile::tempdir().unwrap();
    corpus(tmp.path());
    let articles = analyzed(tmp.path());
    let statements = |name| {
        by_file(&articles, name)["statements"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(statements("english.txt"), 1);
    assert_eq!(statements("german.txt"), 0);
    assert_eq!(statements("page.html"), 0);
}

#[test]
fn search_and_stats_know_the_languages() {
    let (_tmp, index) = indexed(corpus);

    let hits = |args: &[&str]| {
        let out = run(newsidx(&index, &[&["search", "--json"], args].concat()));
        parse_lines(&out.stdout)
    };
    let german = hits(&["--lang", "de"]);
    assert!(!german.is_empty());
    assert!(german.iter().all(|h| h["lang"] == "de"), "{german:?}");
    // Tags and names are read like codes.
    assert_eq!(hits(&["--lang", "German"]).len(), german.len());
    assert_eq!(hits(&["--lang", "de-AT"]).len(), german.len());
    let both = hits(&["--lang", "de", "--lang", "fr"]);
    assert!(both.iter().any(|h| h["lang"] == "fr") && both.len() > german.len());

    let out = run(newsidx(&index, &["search", "--lang", "klingon"]));
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--lang \"klingon\" is not a language"));

    let out = run(newsidx(&index, &["stats", "--json"]));
    let stats: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let languages: Vec<&str> = stats["languages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(languages.len(), 3, "{languages:?}");
    for code in ["en", "de", "fr"] {
        assert!(languages.contains(&code), "{languages:?}");
    }
}

#[test]
fn the_api_filters_by_language_and_refuses_a_bad_code() {
    let (_tmp, index) = indexed(corpus);
    let server = Server::start(&index);
    let (status, body) = server.get_json("/api/search?lang=fr");
    assert_eq!(status, 200);
    let hits = body["hits"].as_array().unwrap();
    assert!(!hits.is_empty() && hits.iter().all(|h| h["lang"] == "fr"));
    let (status, body) = server.get_json("/api/search?lang=french");
    assert_eq!(status, 400);
    assert_eq!(body["parameter"], "lang", "{body}");
}

/// The speakers of one language are not the listing of all: asked first,
/// they must not stand in for it (nor it for them) in `serve`'s cache.
#[test]
fn the_api_lists_speakers_of_one_language_apart_from_all() {
    let (_tmp, index) = indexed(corpus);
    let server = Server::start(&index);
    let names = |path: &str| -> Vec<String> {
        let (status, body) = server.get_json(path);
        assert_eq!(status, 200, "{path}: {body}");
        body["speakers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(names("/api/speakers?lang=de").is_empty());
    assert_eq!(names("/api/speakers"), ["John Example"]);
    assert!(names("/api/speakers?lang=de").is_empty());
    assert_eq!(names("/api/speakers?lang=en"), ["John Example"]);
}

#[test]
fn the_api_counts_languages_as_a_facet_beside_speakers_and_sources() {
    let (_tmp, index) = indexed(corpus);
    let server = Server::start(&index);
    let counts = |body: &serde_json::Value| -> Vec<(String, u64)> {
        body["facets"]["languages"]["values"]
            .as_array()
            .unwrap_or_else(|| panic!("no language facet: {body}"))
            .iter()
            .map(|v| {
                (
                    v["name"].as_str().unwrap().to_string(),
                    v["passages"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    let (status, everything) = server.get_json("/api/search");
    assert_eq!(status, 200);
    let langs = counts(&everything);
    let codes: Vec<&str> = langs.iter().map(|(code, _)| code.as_str()).collect();
    // Two German articles (a text file and a page), one English, one French.
    assert_eq!(codes.first(), Some(&"de"), "{langs:?}");
    assert_eq!(codes.len(), 3, "{langs:?}");
    assert!(codes.contains(&"en") && codes.contains(&"fr"), "{langs:?}");
    let total: u64 = langs.iter().map(|(_, n)| n).sum();
    assert_eq!(Some(total), everything["total"].as_u64(), "{everything}");
    // Each count is what a click on it shows...
    for (code, passages) in &langs {
        let (_, only) = server.get_json(&format!("/api/search?lang={code}"));
        assert_eq!(only["total"].as_u64(), Some(*passages), "{code}");
    }
    // ...and choosing one keeps the others on offer, with the same counts.
    let (_, french) = server.get_json("/api/search?lang=fr");
    assert_eq!(counts(&french), langs);
    // The other facets count under the language filter: the English
    // article's speaker is not among the French passages'.
    assert!(everything["facets"]["speakers"]["distinct"].as_u64() > Some(0));
    assert_eq!(french["facets"]["speakers"]["distinct"].as_u64(), Some(0));
}

/// One article each in German, French and Spanish, with inflected forms
/// of the words searched for below.
fn inflected_corpus(dir: &Path) {
    write(
        dir,
        "haeuser.txt",
        "Neue Häuser am Stadtrand\n\nDie Stadt hat am Montag den Bau von dreihundert neuen \
         Häusern angekündigt, in denen vor allem junge Familien wohnen sollen. Der Bürgermeister \
         sagte, die Mieten würden niedrig bleiben.\n",
    );
    write(
        dir,
        "chevaux.txt",
        "Les chevaux du village\n\nLes négociations entre les éleveurs et la mairie ont repris \
         mardi : les chevaux resteront dans les prés communaux jusqu'à la fin de l'été, \
         selon le communiqué publié par la commune.\n",
    );
    write(
        dir,
        "canciones.txt",
        "Las canciones del verano\n\nLas canciones más escuchadas del verano fueron compuestas \
         por artistas jóvenes, según la lista publicada el martes por la asociación de \
         productores, que espera mejores ventas el próximo año.\n",
    );
}

#[test]
fn german_french_and_spanish_words_find_their_inflected_forms() {
    let (_tmp, index) = indexed(inflected_corpus);
    let hits = |query: &str| {
        let out = run(newsidx(&index, &["search", "--json", query]));
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        parse_lines(&out.stdout)
    };
    for (query, file, lang, marked) in [
        ("Haus", "haeuser.txt", "de", "Häusern"),
        ("Familie", "haeuser.txt", "de", "Familien"),
        ("Familie Haus", "haeuser.txt", "de", "Häusern"),
        ("cheval", "chevaux.txt", "fr", "chevaux"),
        ("négociation", "chevaux.txt", "fr", "négociations"),
        ("canción", "canciones.txt", "es", "canciones"),
        (
            "\"canción más escuchada\"",
            "canciones.txt",
            "es",
            "canciones",
        ),
    ] {
        let found = hits(query);
        assert_eq!(found.len(), 1, "{query}: {found:?}");
        let hit = &found[0];
        assert!(file_name(hit).ends_with(file), "{query}: {hit}");
        assert_eq!(hit["lang"], lang, "{query}");
        // The inflected form found is highlighted in the snippet.
        let snippet = hit["snippet"].as_str().unwrap();
        let highlighted: Vec<&str> = hit["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                let r = r.as_array().unwrap();
                &snippet[r[0].as_u64().unwrap() as usize..r[1].as_u64().unwrap() as usize]
            })
            .collect();
        assert!(
            highlighted.contains(&marked),
            "{query}: {highlighted:?} in {snippet}"
        );
    }
    // Each language keeps to its own stems: the German stem of "Häuser"
    // is not looked for in the Spanish article, nor the other way round.
    let out = run(newsidx(&index, &["search", "--json", "Häuser canciones"]));
    assert!(parse_lines(&out.stdout).is_empty(), "{}", stdout(&out));
    assert_eq!(out.status.code(), Some(1), "no results: {}", stderr(&out));
    // A word left out is left out in the passage's own language too:
    // "Familien" is the German plural of "Familie", not an English word.
    let out = run(newsidx(&index, &["search", "--json", "Haus -Familie"]));
    assert!(parse_lines(&out.stdout).is_empty(), "{}", stdout(&out));
    assert_eq!(hits("Haus -cheval").len(), 1);
    // A word being typed finds its longer forms in every language.
    let server = Server::start(&index);
    for (typed, file) in [
        ("Famil", "haeuser.txt"),
        ("chev", "chevaux.txt"),
        ("cancio", "canciones.txt"),
    ] {
        let (status, body) = server.get_json(&format!("/api/search?q={typed}&prefix=true"));
        assert_eq!(status, 200, "{body}");
        let hits = body["hits"].as_array().unwrap();
        assert_eq!(hits.len(), 1, "{typed}: {body}");
        assert!(file_name(&hits[0]).ends_with(file), "{typed}: {body}");
    }
}

/// A ranked passage: its score, file and passage number.
type Ranked = (f64, &'static str, u64);

/// The top ten passages of a few queries over two sections of the BBC
/// corpus, as they were ranked before the language fields existed (captured
/// with the build of main at 2e49f95): score (to 1/1000), file, passage.
/// Passages of equal score are compared in file order, since tantivy's
/// order among them depends on how the threads cut the segments.
const BBC_RANKING: &[(&str, &[Ranked])] = &[
    (
        "oil prices",
        &[
            (20.4547, "business/144.txt", 2),
            (20.2514, "business/221.txt", 0),
            (19.9707, "business/144.txt", 0),
            (19.901, "business/270.txt", 0),
            (19.6576, "business/221.txt", 5),
            (19.5954, "business/152.txt", 4),
            (19.569, "business/152.txt", 0),
            (19.2388, "business/221.txt", 6),
            (19.1176, "business/221.txt", 4),
            (18.8953, "business/270.txt", 1),
        ],
    ),
    (
        "election campaign",
        &[
            (19.8269, "politics/264.txt", 0),
            (16.5844, "politics/264.txt", 1),
            (15.1903, "politics/332.txt", 0),
            (14.7007, "politics/264.txt", 5),
            (14.6833, "politics/415.txt", 0),
            (14.3086, "politics/264.txt", 4),
            (13.9889, "politics/415.txt", 2),
            (13.4592, "politics/415.txt", 1),
            (12.5645, "politics/417.txt", 0),
            (12.511, "politics/306.txt", 2),
        ],
    ),
    (
        "\"prime minister\"",
        &[
            (25.7464, "politics/326.txt", 1),
            (24.6952, "politics/326.txt", 3),
            (18.4281, "politics/326.txt", 0),
            (18.4281, "politics/326.txt", 2),
            (7.9313, "politics/295.txt", 0),
            (7.7194, "politics/167.txt", 7),
            (7.7194, "politics/400.txt", 0),
            (7.5844, "business/415.txt", 0),
            (7.5186, "politics/102.txt", 0),
            (7.454, "business/170.txt", 0),
        ],
    ),
    (
        "bank interest rates",
        &[
            (29.5597, "business/290.txt", 0),
            (25.3267, "business/290.txt", 6),
            (24.9655, "business/290.txt", 4),
            (23.9329, "business/121.txt", 6),
            (23.5135, "business/290.txt", 2),
            (23.1381, "business/290.txt", 1),
            (23.0938, "business/119.txt", 0),
            (22.9861, "business/137.txt", 0),
            (22.3778, "business/151.txt", 0),
            (21.8962, "business/290.txt", 5),
        ],
    ),
    (
        "tax",
        &[
            (11.5192, "politics/363.txt", 2),
            (11.5177, "politics/301.txt", 3),
            (11.1624, "politics/301.txt", 4),
            (11.1624, "politics/317.txt", 4),
            (11.0008, "politics/363.txt", 0),
            (10.9681, "politics/101.txt", 0),
            (10.7837, "politics/101.txt", 1),
            (10.6782, "politics/101.txt", 2),
            (10.5686, "politics/363.txt", 3),
            (10.5491, "politics/344.txt", 4),
        ],
    ),
];

#[test]
fn an_english_corpus_ranks_as_it_did_before_languages_had_stemmers() {
    let Some(bbc) = bbc_corpus() else { return };
    // Hits name files by their absolute path, without `..`.
    let bbc = bbc.canonicalize().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let index = tmp.path().join("index");
    let out = run(newsidx(&index, &["index"])
        .arg(bbc.join("politics"))
        .arg(bbc.join("business")));
    assert!(out.status.success(), "{}", stderr(&out));
    for (query, expected) in BBC_RANKING {
        let out = run(newsidx(&index, &["search", "--json", query]));
        assert!(out.status.success(), "{query}: {}", stderr(&out));
        let mut ranked: Vec<(f64, String, u64)> = parse_lines(&out.stdout)
            .iter()
            .map(|h| {
                let path = Path::new(h["path"].as_str().unwrap());
                let rel = path.strip_prefix(&bbc).unwrap_or(path);
                (
                    h["score"].as_f64().unwrap(),
                    rel.to_string_lossy().into_owned(),
                    h["passage"].as_u64().unwrap(),
                )
            })
            .collect();
        ranked.sort_by(|a, b| {
            b.0.total_cmp(&a.0)
                .then_with(|| (&a.1, a.2).cmp(&(&b.1, b.2)))
        });
        let same = ranked.len() == expected.len()
            && ranked
                .iter()
                .zip(expected.iter())
                .all(|(r, e)| (r.0 - e.0).abs() < 0.001 && r.1 == e.1 && r.2 == e.2);
        assert!(same, "{query}: {ranked:?}\nexpected {expected:?}");
    }
}
