//! The step vocabulary, printed by `mfa-sim steps` and the book's appendix.
//!
//! Each step is defined once, in `steps/*.rs`; this module reads those files (embedded at
//! build time) for the pattern (a cucumber expression from its `/// Expression:` line, or a
//! regex) and the `/// Example:` line above it, so the list can never
//! drift from the code. A test checks that every registered step appears here.

/// One step pattern.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct StepPattern {
    /// What it acts on (the module: browser, phone, apps, mail, admin, tenant, journeys).
    pub group: &'static str,
    /// Given, When or Then (or several).
    pub keywords: Vec<String>,
    /// The cucumber expression or regex.
    pub pattern: String,
    /// The step in plain English with its blanks: `<person> presses "<text>"`.
    pub template: String,
    /// An example line for a feature.
    pub example: String,
}

const SOURCES: &[(&str, &str)] = &[
    ("tenant and time", include_str!("steps/tenant.rs")),
    ("browser", include_str!("steps/browser.rs")),
    ("phone", include_str!("steps/phone.rs")),
    ("authenticator apps", include_str!("steps/apps.rs")),
    ("someone else", include_str!("steps/intruder.rs")),
    ("mail apps", include_str!("steps/mail.rs")),
    ("administrator", include_str!("steps/admin.rs")),
    ("whole journeys", include_str!("steps/journeys.rs")),
];

/// Every step pattern with its example, grouped.
pub fn patterns() -> Vec<StepPattern> {
    let mut out = Vec::new();
    for (group, source) in SOURCES {
        let mut example = String::new();
        let mut keywords = Vec::new();
        let mut pattern = String::new();
        // A step written as a cucumber expression keeps it on an `/// Expression:` line above
        // the regex it expands to (see `steps/mod.rs`): people read the expression.
        let mut expression: Option<String> = None;
        // A pattern too long for one line is written on the line after `#[given(` (rustfmt).
        let mut on_next_line = false;
        for line in source.lines().map(str::trim) {
            if std::mem::take(&mut on_next_line) {
                if expression.is_none() {
                    pattern = line.trim_end_matches(',').to_string();
                }
            } else if let Some(e) = line.strip_prefix("/// Example: ") {
                example = e.to_string();
            } else if let Some(e) = line.strip_prefix("/// Expression: ") {
                expression = Some(e.to_string());
            } else if let Some(rest) = ["#[given(", "#[when(", "#[then("]
                .iter()
                .find_map(|p| line.strip_prefix(p).map(|r| (p, r)))
            {
                let (prefix, body) = rest;
                keywords.push(
                    prefix
                        .trim_start_matches("#[")
                        .trim_end_matches('(')
                        .to_string(),
                );
                pattern = match &expression {
                    Some(e) => format!("expr = \"{}\"", e.replace('"', "\\\"")),
                    None => body.trim_end_matches(")]").to_string(),
                };
                on_next_line = body.is_empty();
            } else if line.starts_with("async fn") && !keywords.is_empty() {
                expression = None;
                let pattern = std::mem::take(&mut pattern);
                out.push(StepPattern {
                    group,
                    keywords: std::mem::take(&mut keywords),
                    template: template(&pattern),
                    pattern,
                    example: std::mem::take(&mut example),
                });
            }
        }
    }
    out
}

/// The blanks of a template and what fills them, as `mfa-sim steps` explains them.
const BLANKS: &[(&str, &str)] = &[
    ("{person}", "<person>"),
    ("{app}", "\"<app>\""),
    ("{method}", "<way to verify>"),
    ("{duration}", "<time>"),
    ("{state}", "\"<MFA state>\""),
    ("{answer}", "denies/reports"),
    ("{switch}", "on/off"),
    ("{address}", "<address>"),
    ("{string}", "\"<text>\""),
    ("{int}", "<number>"),
    ("{word}", "<word>"),
];

/// A step pattern in plain English: placeholders become `<blanks>`, a regex's choices
/// `a/b/c`. Where a regex is too intricate to read, it is shown as it is.
pub(crate) fn template(pattern: &str) -> String {
    if let Some(expr) = pattern
        .strip_prefix("expr = \"")
        .and_then(|e| e.strip_suffix('"'))
    {
        let mut t = expr.replace("\\\"", "\"");
        for (from, to) in BLANKS {
            t = t.replace(from, to);
        }
        return t.replace("the tenant from \"<text>\"", "the tenant from \"<tenant>\"");
    }
    if let Some(plain) = pattern.strip_prefix('"').and_then(|p| p.strip_suffix('"')) {
        return plain.to_string();
    }
    let Some(re) = pattern
        .strip_prefix("regex = r\"")
        .or_else(|| pattern.strip_prefix("regex = r#\""))
        .map(|r| r.trim_end_matches('#').trim_end_matches('"'))
    else {
        return pattern.to_string();
    };
    let mut t = re.trim_start_matches('^').trim_end_matches('$').replace(
        r#"the tenant from "([^"]+)""#,
        r#"the tenant from "<tenant>""#,
    );
    for (from, to) in [
        (r"(\d{4}-\d{2}-\d{2})", "<YYYY-MM-DD>"),
        (r"([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)", "<person>"),
        (r"(\d+)", "<number>"),
        (r#""([^"]*)""#, "\"<text>\""),
        (r#""([^"]+)""#, "\"<text>\""),
        ("s?", "(s)"),
    ] {
        t = t.replace(from, to);
    }
    // (a|b|c) → a/b/c
    let mut out = String::new();
    let mut rest = t.as_str();
    while let Some(i) = rest.find('(') {
        out.push_str(&rest[..i]);
        let Some(j) = rest[i..].find(')') else {
            break;
        };
        let inner = &rest[i + 1..i + j];
        let inner = inner.trim_start_matches("?:");
        if inner.contains('|') {
            out.push_str(&inner.replace('|', "/"));
        } else {
            out.push('(');
            out.push_str(inner);
            out.push(')');
        }
        rest = &rest[i + j + 1..];
    }
    out.push_str(rest);
    out.replace('\\', "")
}

/// What fills the blanks in this project: people by tenant, apps, ways to verify, states,
/// times, mail apps and tenants.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct Values {
    /// Tenant name → the first names of its people (generated people are counted, not
    /// named).
    pub people: std::collections::BTreeMap<String, Vec<String>>,
    /// Authenticator apps in the simulated app store.
    pub apps: Vec<String>,
    /// Ways to verify at a sign-in.
    pub ways_to_verify: Vec<String>,
    /// Per-user MFA states.
    pub mfa_states: Vec<String>,
    /// Lengths of time.
    pub times: Vec<String>,
    /// Mail apps people have, by name.
    pub mail_apps: Vec<String>,
    /// Tenant names (`Given the tenant from "<tenant>"`).
    pub tenants: Vec<String>,
    /// Example addresses with the place the sign-in log gives them (any IPv4 address works).
    pub addresses: Vec<String>,
}

impl Values {
    /// The values of the project whose tenant files are in `tenants_dir`.
    pub fn of(tenants_dir: &std::path::Path) -> Values {
        let mut v = Values {
            apps: crate::actors::phone::STORE_APPS
                .iter()
                .map(|a| (*a).to_string())
                .collect(),
            ways_to_verify: [
                "the texted code",
                "the phone call",
                "Microsoft Authenticator",
                "the code from \"<app>\"",
            ]
            .map(String::from)
            .to_vec(),
            mfa_states: ["disabled", "enabled", "enforced"]
                .map(String::from)
                .to_vec(),
            times: ["40 seconds", "6 minutes", "2 hours", "1 day", "2 weeks"]
                .map(String::from)
                .to_vec(),
            addresses: ["203.0.113.25", "198.51.100.77", "192.0.2.10"]
                .map(|a| {
                    let place = crate::records::place(a.parse().expect("invariant: valid"));
                    format!("{a} ({place})")
                })
                .to_vec(),
            ..Values::default()
        };
        let mut files: Vec<_> = std::fs::read_dir(tenants_dir)
            .into_iter()
            .flatten()
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
            .collect();
        files.sort();
        for path in files {
            let Ok(scenario) = crate::scenario::Scenario::load(&path) else {
                continue;
            };
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let mut people: Vec<String> = scenario
                .users
                .iter()
                .map(|u| {
                    u.name
                        .split_whitespace()
                        .next()
                        .unwrap_or(&u.name)
                        .to_string()
                })
                .collect();
            if let Some(generated) = &scenario.generate {
                people.push(format!("and {} generated people", generated.count));
            }
            for user in &scenario.users {
                for app in &user.mail_apps {
                    if !v.mail_apps.contains(&app.name) {
                        v.mail_apps.push(app.name.clone());
                    }
                }
            }
            v.people.insert(name.clone(), people);
            v.tenants.push(name);
        }
        v.mail_apps.sort();
        v.tenants.sort();
        v
    }

    /// One line per blank: what may fill it.
    fn lines(&self) -> Vec<(String, String)> {
        let mut out: Vec<(String, String)> = self
            .people
            .iter()
            .map(|(tenant, people)| (format!("<person> in {tenant}"), people.join(", ")))
            .collect();
        out.push(("\"<app>\"".into(), self.apps.join(", ")));
        out.push(("<way to verify>".into(), self.ways_to_verify.join(", ")));
        out.push(("\"<MFA state>\"".into(), self.mfa_states.join(", ")));
        out.push((
            "<time>".into(),
            format!(
                "{} (seconds, minutes, hours, days or weeks)",
                self.times.join(", ")
            ),
        ));
        out.push(("mail apps".into(), self.mail_apps.join(", ")));
        out.push(("\"<tenant>\"".into(), self.tenants.join(", ")));
        out.push((
            "<address>".into(),
            format!(
                "{}; any IPv4 address (203.0.113.25 is where people's own browsers connect from)",
                self.addresses.join(", ")
            ),
        ));
        out
    }
}

/// The vocabulary as text, grouped by what the steps act on, then what fills the blanks.
pub fn render(values: &Values) -> String {
    let mut out = String::new();
    let mut group = "";
    for p in patterns() {
        if p.group != group {
            group = p.group;
            out.push_str(&format!("\n## {group}\n"));
        }
        out.push_str(&format!(
            "  {:<10} {}\n             e.g. {}\n",
            keywords(&p),
            p.template,
            p.example
        ));
    }
    out.push_str("\n## what fills the blanks in this project\n");
    for (blank, known) in values.lines() {
        out.push_str(&format!("  {blank}: {known}\n"));
    }
    out
}

fn keywords(p: &StepPattern) -> String {
    p.keywords
        .iter()
        .map(|k| {
            let mut c = k.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect::<String>())
                .unwrap_or_default()
        })
        .collect::<Vec<_>>()
        .join("/")
}

/// The vocabulary as Markdown: a table per group, then the blanks.
pub fn render_markdown(values: &Values) -> String {
    let mut out = String::from("# Steps\n");
    let mut group = "";
    let cell = |s: &str| s.replace('|', "\\|");
    for p in patterns() {
        if p.group != group {
            group = p.group;
            out.push_str(&format!(
                "\n## {group}\n\n| Keyword | Step | Example |\n|---|---|---|\n"
            ));
        }
        out.push_str(&format!(
            "| {} | `{}` | `{}` |\n",
            keywords(&p),
            cell(&p.template),
            cell(&p.example)
        ));
    }
    out.push_str("\n## What fills the blanks in this project\n\n");
    for (blank, known) in values.lines() {
        out.push_str(&format!("- `{}`: {}\n", blank, cell(&known)));
    }
    out
}

/// The vocabulary as JSON: every step with its template, pattern and example, and the values.
pub fn render_json(values: &Values) -> String {
    let out = serde_json::json!({
        "steps": patterns(),
        "values": values,
    });
    serde_json::to_string_pretty(&out).unwrap_or_default() + "\n"
}
