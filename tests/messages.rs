//! What a run tells on stderr: `--verbose` names every file left out and
//! why and how long each stage took; `--quiet` keeps only problems; data
//! on stdout is the same either way.

mod common;

use common::TestEnv;

fn index(env: &TestEnv, flag: &str) -> (String, String) {
    let out = env
        .cmd()
        .args([flag, "index", "articles"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn verbose_names_each_file_left_out_and_why_and_the_stage_timings() {
    let env = TestEnv::with_samples();
    env.write("articles/.draft.txt", "A hidden draft, never indexed.\n");
    env.write("articles/photo.jpg", "not an article");

    let (_, first) = index(&env, "--verbose");
    assert!(first.contains(".draft.txt: hidden"), "{first}");
    assert!(first.contains("photo.jpg: not an article file"), "{first}");
    assert!(first.contains("timings: walk and file records"), "{first}");
    assert!(first.contains("commit"), "{first}");
    assert!(first.contains("5 added"), "{first}");

    let (_, second) = index(&env, "--verbose");
    assert_eq!(
        second.matches("unchanged since it was indexed").count(),
        5,
        "{second}"
    );
}

#[test]
fn without_verbose_nothing_left_out_is_listed_and_quiet_prints_no_summary() {
    let env = TestEnv::with_samples();
    env.write("articles/photo.jpg", "not an article");
    let out = env.cmd().args(["index", "articles"]).output().unwrap();
    let normal = String::from_utf8(out.stderr).unwrap();
    assert!(
        !normal.contains("photo.jpg") && !normal.contains("timings"),
        "{normal}"
    );
    assert!(normal.contains("0 added, 0 updated, 5 unchanged") || normal.contains("5 added"));

    let (stdout, quiet) = index(&env, "--quiet");
    assert_eq!(quiet, "", "--quiet prints nothing when nothing went wrong");
    assert_eq!(stdout, "");
}

#[test]
fn analyze_verbose_names_files_left_out() {
    let env = TestEnv::with_samples();
    env.write("articles/photo.jpg", "not an article");
    let out = env
        .cmd()
        .args(["--verbose", "analyze", "--json", "articles"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("photo.jpg: not an article file"),
        "{stderr}"
    );
    assert_eq!(common::parse_lines(&out.stdout).len(), 5);
}
