//! Step definitions written as cucumber expressions are registered with the regex each
//! expression expands to (see `src/harness/steps/mod.rs`): every regex under an
//! `/// Expression:` line must be that expression's expansion, and no `expr = "…"` may come
//! back. `MFA_SIM_BLESS=1 cargo test --test suite step_expressions` rewrites both in place.
/// Every custom parameter a step expression may name, with the regex it stands for.
fn parameters() -> Vec<(&'static str, &'static str)> {
    use cucumber::Parameter;
    use mfa_sim::harness::params::*;
    vec![
        (Person::NAME, Person::REGEX),
        (App::NAME, App::REGEX),
        (Duration::NAME, Duration::REGEX),
        (Address::NAME, Address::REGEX),
        (State::NAME, State::REGEX),
        (Answer::NAME, Answer::REGEX),
        (Method::NAME, Method::REGEX),
        (Switch::NAME, Switch::REGEX),
    ]
}

mod expressions {
    use cucumber_expressions::{Expression, Spanned, expand::parameters::Provider};

    #[derive(Clone, Copy)]
    struct Table;

    impl<'s> Provider<Spanned<'s>> for Table {
        type Item = char;
        type Value = &'static str;
        fn get(&self, input: &Spanned<'s>) -> Option<&'static str> {
            let name = *input.fragment();
            super::parameters()
                .into_iter()
                .find(|(n, _)| *n == name)
                .map(|(_, re)| re)
        }
    }

    /// The regex cucumber would build for `expr`, with the characters a source file should
    /// not hold (control characters, the last code point in a negated class) written as
    /// regex escapes, which mean the same.
    fn expand(expr: &str) -> String {
        Expression::regex_with_parameters(expr, Table)
            .unwrap_or_else(|e| panic!("{expr}: {e}"))
            .as_str()
            .chars()
            .map(|c| {
                if c.is_ascii_graphic() || c == ' ' {
                    c.to_string()
                } else {
                    format!("\\x{{{:X}}}", u32::from(c))
                }
            })
            .collect()
    }

    /// A Rust raw string literal holding `s`.
    fn raw(s: &str) -> String {
        let mut hashes = String::new();
        while s.contains(&format!("\"{hashes}")) {
            hashes.push('#');
        }
        format!("r{hashes}\"{s}\"{hashes}")
    }

    /// The text of a Rust string literal (`"…"` with escapes, or a raw one).
    fn literal(l: &str) -> Option<String> {
        let l = l.trim();
        if let Some(r) = l.strip_prefix('r') {
            let hashes = r.len() - r.trim_start_matches('#').len();
            let inner = &r[hashes..];
            return Some(
                inner
                    .strip_prefix('"')?
                    .strip_suffix(&format!("\"{}", "#".repeat(hashes)))?
                    .to_string(),
            );
        }
        let inner = l.strip_prefix('"')?.strip_suffix('"')?;
        Some(inner.replace("\\\"", "\"").replace("\\\\", "\\"))
    }

    /// One step file, rewritten: `expr = "…"` attributes become an `/// Expression:` line
    /// and the regex it expands to; regexes under an `/// Expression:` line are renewed.
    /// Returns the new text and the number of changes.
    fn rewrite(source: &str) -> (String, Vec<String>) {
        let mut out = Vec::new();
        let mut changes = Vec::new();
        let mut expression: Option<String> = None;
        let lines: Vec<&str> = source.lines().collect();
        let mut i = 0;
        while i < lines.len() {
            let line = lines[i];
            let t = line.trim_start();
            if let Some(e) = t.strip_prefix("/// Expression: ") {
                expression = Some(e.to_string());
            } else if t.starts_with("async fn") || t.starts_with("fn ") {
                expression = None;
            }
            let attr = ["#[given(", "#[when(", "#[then("]
                .into_iter()
                .find(|p| t.starts_with(p));
            if let Some(prefix) = attr {
                // The attribute may span lines (rustfmt puts a long pattern on its own).
                let mut end = i;
                let mut text = t.to_string();
                while !text.trim_end().ends_with(")]") {
                    end += 1;
                    text.push_str(lines[end].trim());
                }
                let body = text[prefix.len()..text.len() - 2]
                    .trim()
                    .trim_end_matches(',');
                let indent = &line[..line.len() - t.len()];
                if let Some(e) = body.strip_prefix("expr = ").and_then(literal) {
                    if expression.as_deref() != Some(e.as_str()) {
                        out.push(format!("{indent}/// Expression: {e}"));
                        expression = Some(e.clone());
                    }
                    out.push(format!("{indent}{prefix}regex = {})]", raw(&expand(&e))));
                    changes.push(format!("expr = \"{e}\" written out"));
                    i = end + 1;
                    continue;
                }
                if let (Some(e), Some(re)) = (
                    expression.as_ref(),
                    body.strip_prefix("regex = ").and_then(literal),
                ) {
                    let want = expand(e);
                    if re != want {
                        out.push(format!("{indent}{prefix}regex = {})]", raw(&want)));
                        changes.push(format!("regex under \"{e}\" is not its expansion"));
                        i = end + 1;
                        continue;
                    }
                }
                out.extend(lines[i..=end].iter().map(|l| l.to_string()));
                i = end + 1;
                continue;
            }
            out.push(line.to_string());
            i += 1;
        }
        let mut text = out.join("\n");
        if source.ends_with('\n') {
            text.push('\n');
        }
        (text, changes)
    }

    #[test]
    fn every_step_regex_is_its_expressions_expansion() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/harness/steps");
        let bless = std::env::var_os("MFA_SIM_BLESS").is_some();
        let mut problems = Vec::new();
        let mut expressions = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "rs") || path.ends_with("mod.rs") {
                continue;
            }
            let source = std::fs::read_to_string(&path).unwrap();
            expressions += source.matches("/// Expression: ").count();
            let (text, changes) = rewrite(&source);
            if changes.is_empty() {
                continue;
            }
            if bless {
                std::fs::write(&path, text).unwrap();
            } else {
                problems.extend(
                    changes
                        .into_iter()
                        .map(|c| format!("{}: {c}", path.display())),
                );
            }
        }
        assert!(
            problems.is_empty(),
            "step patterns to write out (MFA_SIM_BLESS=1 cargo test --test suite step_expressions does it):\n{}",
            problems.join("\n")
        );
        assert!(
            bless || expressions > 50,
            "only {expressions} expressions found"
        );
    }

    #[test]
    fn literals_read_back() {
        for s in [r#"a "b" c"#, r"\d+", "plain", r##"with "# inside"##] {
            assert_eq!(literal(&raw(s)).as_deref(), Some(s));
        }
        assert_eq!(literal(r#""a \"b\"""#).as_deref(), Some(r#"a "b""#));
    }
}
