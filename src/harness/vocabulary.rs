//! The step vocabulary, printed by `mfa-sim steps` and the book's appendix.
//!
//! Each step is defined once, in `steps/*.rs`; this module reads those files (embedded at
//! build time) for the pattern and the `/// Example:` line above it, so the list can never
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
    /// An example line for a feature.
    pub example: String,
}

const SOURCES: &[(&str, &str)] = &[
    ("tenant and time", include_str!("steps/tenant.rs")),
    ("browser", include_str!("steps/browser.rs")),
    ("phone", include_str!("steps/phone.rs")),
    ("authenticator apps", include_str!("steps/apps.rs")),
    ("mail apps", include_str!("steps/mail.rs")),
    ("administrator", include_str!("steps/admin.rs")),
    ("whole journeys", include_str!("steps/journeys.rs")),
];

/// Every step pattern with its example, grouped.
pub(crate) fn patterns() -> Vec<StepPattern> {
    let mut out = Vec::new();
    for (group, source) in SOURCES {
        let mut example = String::new();
        let mut keywords = Vec::new();
        let mut pattern = String::new();
        for line in source.lines().map(str::trim) {
            if let Some(e) = line.strip_prefix("/// Example: ") {
                example = e.to_string();
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
                pattern = body.trim_end_matches(")]").to_string();
            } else if line.starts_with("async fn") && !keywords.is_empty() {
                out.push(StepPattern {
                    group,
                    keywords: std::mem::take(&mut keywords),
                    pattern: std::mem::take(&mut pattern),
                    example: std::mem::take(&mut example),
                });
            }
        }
    }
    out
}

/// The vocabulary as text, grouped by what the steps act on.
pub fn render() -> String {
    let mut out = String::new();
    let mut group = "";
    for p in patterns() {
        if p.group != group {
            group = p.group;
            out.push_str(&format!("\n## {group}\n"));
        }
        out.push_str(&format!(
            "  {:<10} {}\n             e.g. {}\n",
            p.keywords.join("/"),
            p.pattern,
            p.example
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::harness::GuideWorld;
    use cucumber::codegen::{StepConstructor, WorldInventory};

    #[test]
    fn every_registered_step_is_listed_with_an_example() {
        let listed = patterns();
        assert!(
            listed.iter().all(|p| !p.example.is_empty()),
            "a step lacks its /// Example: line"
        );
        let registered = cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Given>
            .into_iter()
            .count()
            + cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::When>
                .into_iter()
                .count()
            + cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Then>
                .into_iter()
                .count();
        let keywords: usize = listed.iter().map(|p| p.keywords.len()).sum();
        assert_eq!(registered, keywords, "steps registered vs listed");
        let _ = cucumber::codegen::inventory::iter::<<GuideWorld as WorldInventory>::Given>
            .into_iter()
            .next()
            .map(|s| s.inner());
    }
}
