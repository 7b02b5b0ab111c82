//! A small W3C WebDriver client for the end-to-end test: starts
//! `chromedriver`, opens a headless Chromium session, and offers the few
//! commands the test needs (navigate, find, type, click, drag, read,
//! history, screenshot), with downloads going to a folder of its own.
//!
//! WebDriver is JSON over HTTP, so a few calls with `ureq` do the job
//! without a browser-automation crate and its async runtime.

use base64::Engine;
use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// The key WebDriver uses for element references.
const ELEMENT_KEY: &str = "element-6066-11e4-a52e-4f735466cecf";

/// How long to wait for the page to reach an expected state.
pub const PATIENCE: Duration = Duration::from_secs(15);

/// Chromium and chromedriver, if installed.
pub struct Browser {
    pub chromium: PathBuf,
    pub chromedriver: PathBuf,
}

impl Browser {
    /// Finds Debian's `chromium` and `chromedriver` (or the ones named by
    /// `NEWSIDX_CHROMIUM` / `NEWSIDX_CHROMEDRIVER`).
    pub fn find() -> Option<Browser> {
        let locate = |var: &str, default: &str| -> Option<PathBuf> {
            let path = std::env::var_os(var)
                .map(PathBuf::from)
                .unwrap_or_else(|| PathBuf::from(default));
            path.is_file().then_some(path)
        };
        Some(Browser {
            chromium: locate("NEWSIDX_CHROMIUM", "/usr/bin/chromium")?,
            chromedriver: locate("NEWSIDX_CHROMEDRIVER", "/usr/bin/chromedriver")?,
        })
    }
}

/// A chromedriver process with one browser session; both end on drop.
pub struct Session {
    driver: Child,
    base: String,
    id: String,
    profile: tempfile::TempDir,
}

impl Session {
    /// Starts chromedriver and a headless Chromium with a fresh profile and
    /// a desktop window.
    pub fn start(browser: &Browser, width: u32, height: u32) -> Session {
        Session::start_with(browser, width, height, false)
    }

    /// Like [`Session::start`], but emulating a phone's screen (touch, and
    /// widths below headless Chromium's smallest window).
    pub fn start_phone(browser: &Browser, width: u32, height: u32) -> Session {
        Session::start_with(browser, width, height, true)
    }

    fn start_with(browser: &Browser, width: u32, height: u32, phone: bool) -> Session {
        let port = free_port();
        let driver = Command::new(&browser.chromedriver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts");
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while ureq::get(&format!("{base}/status")).call().is_err() {
            assert!(started.elapsed() < PATIENCE, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profile = tempfile::tempdir().unwrap();
        let args = vec![
            "--headless".to_string(),
            "--no-sandbox".to_string(),
            "--disable-gpu".to_string(),
            "--disable-dev-shm-usage".to_string(),
            "--disable-background-networking".to_string(),
            "--disable-component-update".to_string(),
            "--disable-sync".to_string(),
            "--no-first-run".to_string(),
            "--hide-scrollbars".to_string(),
            format!("--user-data-dir={}", profile.path().display()),
            format!("--window-size={width},{height}"),
        ];
        let downloads = profile.path().join("downloads");
        std::fs::create_dir_all(&downloads).unwrap();
        let mut options = json!({
            "binary": browser.chromium,
            "args": args,
            "prefs": {
                "download.default_directory": downloads,
                "download.prompt_for_download": false,
            },
        });
        if phone {
            options["mobileEmulation"] = json!({
                "deviceMetrics": { "width": width, "height": height, "pixelRatio": 2.0, "touch": true },
            });
        }
        let capabilities = json!({
            "capabilities": { "alwaysMatch": {
                "browserName": "chrome",
                "goog:chromeOptions": options,
            }}
        });
        let created = post(&format!("{base}/session"), &capabilities);
        let id = created["sessionId"]
            .as_str()
            .unwrap_or_else(|| panic!("no session: {created}"))
            .to_string();
        Session {
            driver,
            base,
            id,
            profile,
        }
    }

    /// The folder downloads are saved in.
    pub fn downloads(&self) -> PathBuf {
        self.profile.path().join("downloads")
    }

    /// The browser's Back button.
    pub fn back(&self) {
        post(&self.url("/back"), &json!({}));
    }

    /// The browser's Forward button.
    pub fn forward(&self) {
        post(&self.url("/forward"), &json!({}));
    }

    fn url(&self, path: &str) -> String {
        format!("{}/session/{}{path}", self.base, self.id)
    }

    pub fn goto(&self, url: &str) {
        post(&self.url("/url"), &json!({ "url": url }));
    }

    pub fn current_url(&self) -> String {
        get(&self.url("/url")).as_str().unwrap().to_string()
    }

    /// Runs JavaScript in the page and returns its value.
    pub fn script(&self, script: &str, args: Value) -> Value {
        post(
            &self.url("/execute/sync"),
            &json!({ "script": script, "args": args }),
        )
    }

    /// Elements matching a CSS selector (possibly none).
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        elements(self, &self.url("/elements"), css)
    }

    /// The first element matching `css`, waiting for it to appear.
    pub fn find(&self, css: &str) -> Element<'_> {
        let started = Instant::now();
        loop {
            if let Some(e) = self.find_all(css).into_iter().next() {
                return e;
            }
            assert!(started.elapsed() < PATIENCE, "no element {css:?} appeared");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until `check` holds, or panics with `what` and the last value.
    pub fn wait_until<T: std::fmt::Debug>(
        &self,
        what: &str,
        probe: impl Fn() -> T,
        check: impl Fn(&T) -> bool,
    ) -> T {
        let started = Instant::now();
        loop {
            let value = probe();
            if check(&value) {
                return value;
            }
            assert!(
                started.elapsed() < PATIENCE,
                "timed out waiting for {what}; last seen {value:?}"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Presses and releases `key` on whatever has the focus (WebDriver key
    /// values: "/" or "\u{E007}" for Enter).
    pub fn press_key(&self, key: &str) {
        let actions = json!({ "actions": [{
            "type": "key",
            "id": "keyboard",
            "actions": [
                { "type": "keyDown", "value": key },
                { "type": "keyUp", "value": key },
            ],
        }]});
        post(&self.url("/actions"), &actions);
    }

    /// The `id` of the focused element.
    pub fn focused_id(&self) -> String {
        let id = self.script("return document.activeElement.id", json!([]));
        id.as_str().unwrap_or("").to_string()
    }

    /// Saves a PNG screenshot of the viewport.
    pub fn screenshot(&self, path: &Path) {
        let encoded = get(&self.url("/screenshot"));
        let png = base64::engine::general_purpose::STANDARD
            .decode(encoded.as_str().unwrap())
            .unwrap();
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, png).unwrap();
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = ureq::delete(&self.url("")).call();
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

/// An element of the page.
pub struct Element<'a> {
    session: &'a Session,
    id: String,
}

impl Element<'_> {
    fn url(&self, path: &str) -> String {
        self.session.url(&format!("/element/{}{path}", self.id))
    }

    /// The WebDriver reference, to pass the element to a script.
    pub fn id(&self) -> &str {
        &self.id
    }

    pub fn click(&self) {
        post(&self.url("/click"), &json!({}));
    }

    /// Presses the mouse on this element and releases it on `other`,
    /// moving across in a few steps.
    pub fn drag_to(&self, other: &Element<'_>) {
        let origin = |e: &Element<'_>| json!({ ELEMENT_KEY: e.id });
        let actions = json!({ "actions": [{
            "type": "pointer",
            "id": "mouse",
            "parameters": { "pointerType": "mouse" },
            "actions": [
                { "type": "pointerMove", "origin": origin(self), "x": 0, "y": 0 },
                { "type": "pointerDown", "button": 0 },
                { "type": "pointerMove", "origin": origin(other), "x": 0, "y": 0, "duration": 100 },
                { "type": "pointerUp", "button": 0 },
            ],
        }]});
        post(&self.session.url("/actions"), &actions);
    }

    /// Whether the element is shown.
    pub fn displayed(&self) -> bool {
        get(&self.url("/displayed")).as_bool().unwrap_or(false)
    }

    /// Types `text` into the element, key by key.
    pub fn type_text(&self, text: &str) {
        post(&self.url("/value"), &json!({ "text": text }));
    }

    /// The rendered text.
    pub fn text(&self) -> String {
        get(&self.url("/text")).as_str().unwrap_or("").to_string()
    }

    pub fn attribute(&self, name: &str) -> Option<String> {
        get(&self.url(&format!("/attribute/{name}")))
            .as_str()
            .map(str::to_string)
    }

    /// Elements inside this one matching `css`.
    pub fn find_all(&self, css: &str) -> Vec<Element<'_>> {
        elements(self.session, &self.url("/elements"), css)
    }
}

/// The elements matching `css` found by posting to `url` (a session's or an
/// element's `/elements` endpoint).
fn elements<'s>(session: &'s Session, url: &str, css: &str) -> Vec<Element<'s>> {
    post(url, &json!({ "using": "css selector", "value": css }))
        .as_array()
        .unwrap()
        .iter()
        .map(|e| Element {
            session,
            id: e[ELEMENT_KEY].as_str().unwrap().to_string(),
        })
        .collect()
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// The `value` of a WebDriver answer; panics with the driver's error.
fn value_of(result: Result<ureq::Response, ureq::Error>, what: &str) -> Value {
    let response = match result {
        Ok(r) => r,
        Err(ureq::Error::Status(code, r)) => {
            let body = r.into_string().unwrap_or_default();
            panic!("WebDriver {what} failed with {code}: {body}");
        }
        Err(e) => panic!("WebDriver {what} failed: {e}"),
    };
    let body: Value = response.into_json().unwrap();
    body["value"].clone()
}

fn post(url: &str, body: &Value) -> Value {
    value_of(ureq::post(url).send_json(body.clone()), url)
}

fn get(url: &str) -> Value {
    value_of(ureq::get(url).call(), url)
}
