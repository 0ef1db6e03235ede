//! Step definitions, grouped by what they act on. Each begins with `w.at(step)` and either
//! checks something a person could observe or is followed in the features by a step that
//! does. The `/// Example:` line above each is printed by `mfa-sim steps`.

pub mod admin;
pub mod apps;
pub mod browser;
pub mod journeys;
pub mod mail;
pub mod phone;
pub mod tenant;

/// `her`, `his` or `their` in step text: any of them, for readable features.
pub const PRONOUN: &str = "her/his/their";

/// Parse "3 minutes", "40 seconds", "2 hours", "1 day" into seconds.
pub fn duration_seconds(amount: i64, unit: &str) -> anyhow::Result<i64> {
    let per = match unit.trim_end_matches('s') {
        "second" => 1,
        "minute" => 60,
        "hour" => 3600,
        "day" => 86_400,
        other => {
            anyhow::bail!("unknown unit of time `{other}` (use seconds, minutes, hours or days)")
        }
    };
    Ok(amount * per)
}
