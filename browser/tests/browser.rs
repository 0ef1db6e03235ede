//! The book in a real browser: headless Chromium driven over WebDriver (fantoccini), the
//! built book served from 127.0.0.1 by a few lines of std::net. Without `chromium` and
//! `chromedriver` the test says it skipped and passes, unless MFA_SIM_REQUIRE_TOOLS is set.
//!
//! It lives in a package of its own (`browser/`, a workspace member that `cargo test` alone
//! leaves out) so that a fresh clone's `cargo test` does not build a WebDriver client:
//! `cargo test --workspace` (as `.ci/run` does) runs it.
//!
//! Checks: no console errors on any page; search puts a chapter section first; the run switch
//! changes the screens shown and the choice survives a page change; every card element reads
//! at 4.5:1 or better in all five themes (the App Password in navy and coal by name); at 390
//! px no page scrolls sideways; every handout prints to exactly one page.
//!
//! And `mfa-sim serve` (the training site), served by the library on 127.0.0.1 inside the
//! test: the text-message setup played by clicking and typing, the code read from the phone
//! panel, to "signed in"; a help-desk ticket played by the admin centre's forms; the manager's
//! page; no console errors (a Content-Security-Policy violation would be one).

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder, Locator};
use mfa_sim::Project;
use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

/// A program on PATH (the first of `names` found).
fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|n| {
        std::env::split_paths(&path)
            .map(|d| d.join(n))
            .find(|p| p.is_file())
    })
}

/// The browser and its driver, or a plain "skipped" (a failure under MFA_SIM_REQUIRE_TOOLS).
fn tools() -> Option<(PathBuf, PathBuf)> {
    let browser = on_path(&["chromium", "chromium-browser", "google-chrome"]);
    let driver = on_path(&["chromedriver"]);
    match (browser, driver) {
        (Some(b), Some(d)) => Some((b, d)),
        _ => {
            assert!(
                std::env::var("MFA_SIM_REQUIRE_TOOLS").is_err(),
                "chromium and chromedriver are required (MFA_SIM_REQUIRE_TOOLS is set) but not installed"
            );
            eprintln!(
                "SKIPPED the browser test: chromium or chromedriver is not installed (apt-get install chromium chromium-driver)"
            );
            None
        }
    }
}

/// Serve `root` on 127.0.0.1 (a port of the system's choosing) until the process ends.
fn serve(root: PathBuf) -> u16 {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
    let port = listener.local_addr().unwrap().port();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let root = root.clone();
            std::thread::spawn(move || answer(stream, &root));
        }
    });
    port
}

/// One request: a file under `root` (a folder's `index.html`), or 404.
fn answer(mut stream: TcpStream, root: &Path) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let _ = stream.set_write_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut line = String::new();
    if reader.read_line(&mut line).is_err() {
        return;
    }
    // Headers are read and dropped.
    let mut header = String::new();
    while reader.read_line(&mut header).is_ok_and(|n| n > 2) {
        header.clear();
    }
    let target = line.split_whitespace().nth(1).unwrap_or("/");
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut file = root.to_path_buf();
    for part in path.split('/').filter(|p| !p.is_empty()) {
        if part == ".." {
            file = PathBuf::new();
            break;
        }
        file.push(part.replace("%20", " "));
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let (status, body, kind) = match std::fs::read(&file) {
        Ok(body) => {
            let kind = match file.extension().and_then(|e| e.to_str()) {
                Some("html") => "text/html; charset=utf-8",
                Some("css") => "text/css",
                Some("js") => "text/javascript",
                Some("json") => "application/json",
                Some("svg") => "image/svg+xml",
                Some("png") => "image/png",
                Some("woff2") => "font/woff2",
                Some("woff") => "font/woff",
                Some("ttf") => "font/ttf",
                _ => "application/octet-stream",
            };
            ("200 OK", body, kind)
        }
        Err(_) => ("404 Not Found", b"not found".to_vec(), "text/plain"),
    };
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
}

/// chromedriver, ended when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A WebDriver command fantoccini has no method for (chromedriver's browser log, printing).
#[derive(Debug)]
struct Raw {
    path: &'static str,
    body: Value,
}

impl WebDriverCompatibleCommand for Raw {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!(
            "session/{}/{}",
            session.unwrap_or_default(),
            self.path
        ))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (http::Method::POST, Some(self.body.to_string()))
    }
}

/// The browser's console entries at level SEVERE since the last call.
async fn console_errors(c: &Client) -> Vec<String> {
    let log = c
        .issue_cmd(Raw {
            path: "se/log",
            body: json!({"type": "browser"}),
        })
        .await
        .expect("chromedriver gives the browser log");
    log.as_array()
        .map(|entries| {
            entries
                .iter()
                .filter(|e| e["level"] == "SEVERE")
                .map(|e| e["message"].as_str().unwrap_or_default().to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// Run `script` until it returns something other than null (at most `secs` seconds).
async fn poll(c: &Client, script: &str, secs: u64) -> Value {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    loop {
        let v = c.execute(script, vec![]).await.expect("script runs");
        if !v.is_null() || std::time::Instant::now() > deadline {
            return v;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// Every HTML page of the built book, as paths relative to it.
fn pages(root: &Path, dir: &Path, out: &mut Vec<String>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            pages(root, &p, out);
        } else if p.extension().is_some_and(|e| e == "html") {
            out.push(
                p.strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/"),
            );
        }
    }
}

/// The contrast check, in the page: the lowest ratio of text to its background over every
/// element with text of its own inside a scenario (opacity and translucent backgrounds are
/// blended the way the browser paints them), and the elements below 4.5.
const CONTRAST: &str = r#"
const parse = s => { const m = s.match(/rgba?\(([^)]+)\)/); if (!m) return [0,0,0,0];
  const p = m[1].split(/[ ,\/]+/).filter(x => x).map(Number); return [p[0],p[1],p[2],p.length > 3 ? p[3] : 1]; };
const over = (top, under) => { const a = top[3]; return [0,1,2].map(i => top[i]*a + under[i]*(1-a)).concat([1]); };
const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v/12.92 : Math.pow((v+0.055)/1.055, 2.4); };
  return 0.2126*f(c[0]) + 0.7152*f(c[1]) + 0.0722*f(c[2]); };
const ratio = (a, b) => { const x = lum(a), y = lum(b); return (Math.max(x,y)+0.05)/(Math.min(x,y)+0.05); };
const background = el => { const layers = []; for (let e = el; e; e = e.parentElement) {
    const c = parse(getComputedStyle(e).backgroundColor); if (c[3] > 0) { layers.push(c); if (c[3] >= 1) break; } }
  let bg = [255,255,255,1]; for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg); return bg; };
const opacity = el => { let o = 1; for (let e = el; e; e = e.parentElement) o *= Number(getComputedStyle(e).opacity); return o; };
const sel = arguments[0];
let worst = 99, bad = [];
for (const el of document.querySelectorAll(sel)) {
  const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  if (!own) continue;
  const bg = background(el); const fg = parse(getComputedStyle(el).color);
  const seen = over([fg[0], fg[1], fg[2], fg[3] * opacity(el)], bg);
  const r = ratio(seen, bg);
  if (r < worst) worst = r;
  if (r < 4.5 && bad.length < 5) bad.push(el.tagName + '.' + el.className + ' "' + el.textContent.trim().slice(0, 30) + '" ' + r.toFixed(2) + ' ' + getComputedStyle(el).color + ' on ' + bg.map(Math.round).join(','));
}
return [worst, bad];
"#;

const THEMES: [&str; 5] = ["light", "rust", "coal", "navy", "ayu"];

#[tokio::test(flavor = "multi_thread")]
async fn the_book_works_in_a_real_browser() {
    let Some((browser, driver)) = tools() else {
        return;
    };
    // The repository's book, built here (this package has no shared test helpers).
    let project = Project::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .expect("the repository is a project");
    let built = tempfile::tempdir().unwrap();
    mfa_sim::book::build_at(&project.book(), Some(built.path()))
        .await
        .expect("the book builds");
    let book = built.path().to_path_buf();
    let site = serve(book.clone());
    let base = format!("http://127.0.0.1:{site}/");
    tokio::time::timeout(Duration::from_secs(600), async {
        let (_driver, c) = chromium(&browser, &driver).await;
        check(&c, &book, &base).await;
        c.close().await.expect("the browser closes");
    })
    .await
    .expect("the browser test finishes within ten minutes");
}

/// chromedriver on a free port and a WebDriver session with headless Chromium through it.
async fn chromium(browser: &Path, driver: &Path) -> (Driver, Client) {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver_process = Driver(
        Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver starts"),
    );
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": browser,
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                     "--disable-dev-shm-usage", "--window-size=1280,900"]
        }),
    );
    caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    let mut client = None;
    for _ in 0..100 {
        if let Ok(c) = ClientBuilder::new(connector.clone())
            .capabilities(caps.clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
        {
            client = Some(c);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let c = client.expect("a WebDriver session with headless Chromium");
    (driver_process, c)
}

async fn check(c: &Client, book: &Path, base: &str) {
    let mut all = Vec::new();
    pages(book, book, &mut all);
    // toc.html is the sidebar for readers without JavaScript, loaded into a frame.
    all.retain(|p| p != "toc.html");

    // No console errors on any page, at desktop width and at 390 px (a phone), where no page
    // may scroll sideways.
    let mut errors = Vec::new();
    let mut wide = Vec::new();
    for width in [1280, 390] {
        c.set_window_size(width, 900).await.unwrap();
        for page in &all {
            c.goto(&format!("{base}{page}")).await.unwrap();
            errors.extend(
                console_errors(c)
                    .await
                    .into_iter()
                    .map(|e| format!("{page}: {e}")),
            );
            if width == 390 {
                let v = c
                    .execute(
                        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];",
                        vec![],
                    )
                    .await
                    .unwrap();
                if v[0].as_u64() > v[1].as_u64() {
                    wide.push(format!("{page}: {} px wide in {} px", v[0], v[1]));
                }
            }
        }
    }
    assert!(errors.is_empty(), "console errors:\n{}", errors.join("\n"));
    assert!(
        wide.is_empty(),
        "pages that scroll sideways at 390 px:\n{}",
        wide.join("\n")
    );
    c.set_window_size(1280, 900).await.unwrap();

    // The run switch: today by default; choosing the guide's date shows the other run and
    // the choice holds on the next page.
    let visible = r#"const s = document.querySelector('.mfa-switch');
        if (!s) return null;
        const now = s.querySelector('.mfa-run-now'), then = s.querySelector('.mfa-run-then');
        return [now.offsetParent !== null, then.offsetParent !== null,
                now.textContent === then.textContent];"#;
    c.goto(&format!("{base}app-passwords.html")).await.unwrap();
    c.execute("localStorage.removeItem('mfa-sim-run');", vec![])
        .await
        .unwrap();
    c.refresh().await.unwrap();
    let v = poll(c, visible, 5).await;
    assert_eq!(
        v,
        json!([true, false, false]),
        "today's run shows by default"
    );
    c.execute(
        "document.querySelector('.mfa-switch label[for$=\"-then\"]').click();",
        vec![],
    )
    .await
    .unwrap();
    let v = poll(c, visible, 5).await;
    assert_eq!(
        v,
        json!([false, true, false]),
        "the switch shows the guide's date"
    );
    c.goto(&format!("{base}text-messages.html")).await.unwrap();
    let v = poll(c, visible, 5).await;
    assert_eq!(
        v,
        json!([false, true, false]),
        "the choice survives a page change"
    );

    // Contrast in every theme, the App Password by name in the dark ones.
    for theme in THEMES {
        for page in [
            "app-passwords.html",
            "authenticator.html",
            "troubleshooting.html",
        ] {
            c.goto(&format!("{base}{page}")).await.unwrap();
            c.execute(
                "localStorage.setItem('mdbook-theme', arguments[0]);",
                vec![json!(theme)],
            )
            .await
            .unwrap();
            c.refresh().await.unwrap();
            let v = c
                .execute(CONTRAST, vec![json!(".mfa-scenario *, .mfa-scenario")])
                .await
                .unwrap();
            let worst = v[0].as_f64().unwrap();
            assert!(
                worst >= 4.5,
                "{theme} theme, {page}: contrast {worst:.2} below 4.5: {}",
                v[1]
            );
            if page == "app-passwords.html" && (theme == "navy" || theme == "coal") {
                let v = c
                    .execute(CONTRAST, vec![json!(".mfa-app-password code")])
                    .await
                    .unwrap();
                let ratio = v[0].as_f64().unwrap();
                assert!(
                    (4.5..99.0).contains(&ratio),
                    "{theme}: the App Password's contrast is {ratio:.2} (99 means none found)"
                );
            }
        }
    }
    c.execute("localStorage.clear();", vec![]).await.unwrap();

    // A handout prints to exactly one page.
    let handouts: Vec<String> = all
        .iter()
        .filter(|p| p.starts_with("handout-"))
        .cloned()
        .collect();
    assert!(!handouts.is_empty(), "the book has no handout pages");
    for page in &handouts {
        c.goto(&format!("{base}{page}")).await.unwrap();
        let pdf = c
            .issue_cmd(Raw {
                path: "print",
                body: json!({"background": true}),
            })
            .await
            .expect("Chromium prints to PDF");
        use base64::Engine;
        let pdf = base64::engine::general_purpose::STANDARD
            .decode(pdf.as_str().unwrap_or_default())
            .expect("the PDF comes base64-encoded");
        assert_eq!(pdf_pages(&pdf), 1, "{page} prints to more than one page");
    }
    // Search: the first hit is a chapter section whose own prose or heading (not a mock
    // screen) holds the words searched for.
    let prose = r#"const h = document.getElementById(arguments[0]);
        if (!h) return null;
        let t = h.textContent;
        for (let e = h.nextElementSibling; e && !/^H[1-3]$/.test(e.tagName); e = e.nextElementSibling) {
            if (!e.matches('.mfa-scenario') && !e.querySelector('.mfa-scenario')) t += ' ' + e.textContent;
        }
        return t.toLowerCase();"#;
    for term in ["app password", "no signal", "number matching"] {
        c.goto(&format!(
            "{base}index.html?search={}",
            term.replace(' ', "+")
        ))
        .await
        .unwrap();
        let first = poll(
            c,
            "const a = document.querySelector('#mdbook-searchresults li a'); return a ? a.getAttribute('href') : null;",
            15,
        )
        .await;
        let first = first.as_str().unwrap_or_default().to_string();
        let (page, anchor) = first.split_once('#').unwrap_or((&first, ""));
        let page = page.split('?').next().unwrap_or_default();
        assert!(
            !anchor.is_empty() && page != "print.html" && !page.starts_with("appendix/"),
            "searching \"{term}\": the first hit is {first:?}, not a chapter section"
        );
        c.goto(&format!("{base}{page}")).await.unwrap();
        let text = c.execute(prose, vec![json!(anchor)]).await.unwrap();
        let text = text.as_str().unwrap_or_default();
        for word in term.split(' ').filter(|w| w.len() >= 3) {
            let stem: String = word.chars().take(5).collect();
            assert!(
                text.contains(&stem),
                "searching \"{term}\": the first hit, {first}, has \"{word}\" only in mock screens"
            );
        }
    }
}

/// The number of pages in a PDF as Chromium writes it (one `/Type /Page` object per page).
fn pdf_pages(pdf: &[u8]) -> usize {
    let text = String::from_utf8_lossy(pdf);
    text.match_indices("/Type /Page")
        .filter(|(i, _)| !text[*i + 11..].starts_with('s'))
        .count()
}

/// `mfa-sim serve` in a real browser: the server runs in this test on 127.0.0.1 (a free
/// port); Chromium plays the text-message setup by clicking and typing, reads the code from
/// the phone panel and reaches "signed in" (the goal); then plays a help-desk ticket from the
/// console to its goal. No page may log a console error (a Content-Security-Policy
/// violation would).
#[tokio::test(flavor = "multi_thread")]
async fn the_training_site_plays_in_a_real_browser() {
    let Some((browser, driver)) = tools() else {
        return;
    };
    let project = Project::at(&Path::new(env!("CARGO_MANIFEST_DIR")).join(".."))
        .expect("the repository is a project");
    let progress = tempfile::tempdir().unwrap();
    let config = mfa_sim::web::Config {
        project,
        access_code: None,
        max_sessions: 4,
        idle: Duration::from_secs(600),
        progress: Some(progress.path().join("progress.sqlite")),
    };
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}/", listener.local_addr().unwrap());
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(mfa_sim::web::serve(listener, config, async {
        let _ = stopped.await;
    }));
    tokio::time::timeout(Duration::from_secs(300), async {
        let (_driver, c) = chromium(&browser, &driver).await;
        play_site(&c, &base).await;
        c.close().await.expect("the browser closes");
    })
    .await
    .expect("the training site's browser test finishes within five minutes");
    let _ = stop.send(());
    server.await.unwrap().expect("the server stops cleanly");
}

/// Click `element` and wait for the next page (each form posts, then is redirected): the
/// mark left on the old page is gone and the new one has loaded.
async fn submit(c: &Client, element: fantoccini::elements::Element) {
    c.execute("window.mfaOldPage = true; return null;", vec![])
        .await
        .unwrap();
    element.click().await.unwrap();
    let loaded = poll(
        c,
        "return (window.mfaOldPage === undefined && document.readyState === 'complete') ? true : null;",
        20,
    )
    .await;
    assert_eq!(loaded, Value::Bool(true), "the next page loads");
}

/// Type `text` into the box with this id and send its form.
async fn fill_in(c: &Client, id: &str, text: &str) {
    let input = c
        .find(Locator::Css(&format!("#{id}")))
        .await
        .unwrap_or_else(|e| panic!("a box #{id}: {e}"));
    input.send_keys(text).await.unwrap();
    submit(
        c,
        c.find(Locator::XPath(&format!(
            "//form[.//input[@id='{id}']]//button"
        )))
        .await
        .unwrap(),
    )
    .await;
}

/// Click the button that reads `label` (on the browser card, the phone or the trainer).
async fn click(c: &Client, label: &str) {
    let button = c
        .find(Locator::XPath(&format!(
            "//button[normalize-space()=\"{label}\"]"
        )))
        .await
        .unwrap_or_else(|e| panic!("a button \"{label}\": {e}"));
    submit(c, button).await;
}

/// The text of the element `at` finds on the page now.
async fn text_of(c: &Client, at: Locator<'_>) -> String {
    c.find(at).await.unwrap().text().await.unwrap()
}

/// The browser card's title now.
async fn card_title(c: &Client) -> String {
    text_of(c, Locator::Css(".web-browser .mfa-screen .mfa-title")).await
}

/// The six-digit code in the newest text on the phone panel.
async fn texted_code(c: &Client) -> String {
    let text = c
        .find(Locator::Css("#phone-outputs .mfa-bubble"))
        .await
        .expect("a text on the phone")
        .text()
        .await
        .unwrap();
    let code: String = text
        .split(|ch: char| !ch.is_ascii_digit())
        .find(|w| w.len() == 6)
        .unwrap_or_else(|| panic!("no code in {text:?}"))
        .to_string();
    code
}

async fn play_site(c: &Client, base: &str) {
    c.goto(base).await.unwrap();
    fill_in(c, "name", "Ann").await;
    assert_eq!(text_of(c, Locator::Css("#trainee")).await, "Ann");
    submit(
        c,
        c.find(Locator::XPath(
            "//form[.//input[@value='sms-setup']]//button",
        ))
        .await
        .unwrap(),
    )
    .await;
    assert_eq!(card_title(c).await, "New tab");
    fill_in(c, "address", "aka.ms/mfasetup").await;
    fill_in(c, "field-emailphoneorskype", "dana@contoso.com").await;
    click(c, "Next").await;
    fill_in(c, "field-password", "Harbour-Lights-42").await;
    click(c, "Sign in").await;
    assert_eq!(card_title(c).await, "More information required");
    click(c, "Next").await;
    fill_in(c, "field-phonenumber", "4255550123").await;
    click(c, "Next").await;
    let code = texted_code(c).await;
    fill_in(c, "field-code", &code).await;
    click(c, "Verify").await;
    click(c, "Done").await;
    assert_eq!(card_title(c).await, "Sign in");
    fill_in(c, "field-emailphoneorskype", "dana@contoso.com").await;
    click(c, "Next").await;
    fill_in(c, "field-password", "Harbour-Lights-42").await;
    click(c, "Sign in").await;
    assert_eq!(card_title(c).await, "Enter code");
    let second = texted_code(c).await;
    assert_ne!(second, code);
    fill_in(c, "field-code", &second).await;
    click(c, "Verify").await;
    assert_eq!(card_title(c).await, "Stay signed in?");
    click(c, "Yes").await;
    let trainer = text_of(c, Locator::Css(".web-trainer")).await;
    assert!(trainer.contains("This attempt is over."), "{trainer}");
    assert!(
        trainer.contains("*** Goal met: Dana's mobile receives codes by text and she is signed in"),
        "{trainer}"
    );
    assert!(trainer.contains("Your attempt was saved."));

    // A help-desk ticket, from the admin centre's forms.
    click(c, "Choose another exercise").await;
    submit(
        c,
        c.find(Locator::XPath(
            "//form[.//input[@value='ticket-lost-phone']]//button",
        ))
        .await
        .unwrap(),
    )
    .await;
    for (verb, extra) in [("verify", "callback"), ("reregister", ""), ("tap", "60")] {
        if !extra.is_empty() {
            c.find(Locator::Css(&format!(
                "form[data-verb='{verb}'] input[name='extra']"
            )))
            .await
            .unwrap()
            .send_keys(extra)
            .await
            .unwrap();
        }
        let button = c
            .find(Locator::Css(&format!("form[data-verb='{verb}'] button")))
            .await
            .unwrap();
        submit(c, button).await;
    }
    let trainer = text_of(c, Locator::Css(".web-trainer")).await;
    assert!(trainer.contains("*** Goal met"), "{trainer}");
    c.find(Locator::Css("#desk [data-panel='auth-methods']"))
        .await
        .expect("the admin console's card");
    // The admin centre's methods page as it stands now shows the pass just issued, as a
    // field of the card (not the label of the box that issues one).
    let pass = text_of(
        c,
        Locator::XPath(
            "//section[@id='admin']/div[@data-panel='auth-methods']//div[contains(@class,'mfa-field')][span[1]='Temporary Access Pass']",
        ),
    )
    .await;
    assert!(pass.contains("Valid"), "{pass}");

    // Free play on today's tenant: no goal; the phone's signal switches off.
    click(c, "Choose another exercise").await;
    c.find(Locator::Css("#free-tenant option[value='contoso-today']"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let start = c.find(Locator::Id("free-start")).await.unwrap();
    submit(c, start).await;
    let heading = text_of(c, Locator::Css("h1")).await;
    assert!(
        heading.starts_with("Free play: contoso-today.yaml"),
        "{heading}"
    );
    click(c, "Turn signal off").await;
    let signal = text_of(c, Locator::Id("signal")).await;
    assert_eq!(signal, "none");
    click(c, "Give up").await;

    // The manager's page lists both attempts.
    c.goto(&format!("{base}manager")).await.unwrap();
    let table = text_of(c, Locator::Css("table")).await;
    assert!(
        table.contains("sms-setup") && table.contains("ticket-lost-phone"),
        "{table}"
    );
    let errors = console_errors(c).await;
    assert!(errors.is_empty(), "console errors: {errors:?}");
}
