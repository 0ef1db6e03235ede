//! The manager's page: every trainee's results by exercise from the progress database (the
//! same one `mfa-sim train` writes and `mfa-sim progress` reads), each trainee's last debrief,
//! and the table as CSV.

use crate::book::html::{esc, table};
use crate::progress::{Attempt, Store};
use std::path::Path;

/// The attempts in the progress file (none when there is no file yet).
pub fn attempts(path: &Path) -> anyhow::Result<Vec<Attempt>> {
    Ok(match Store::read(path)? {
        Some(store) => store.attempts()?,
        None => Vec::new(),
    })
}

/// The manager's page body.
pub fn page(attempts: &[Attempt], known: &[String]) -> String {
    let rows = crate::progress::manager_rows(attempts, known);
    let mut h = String::from(
        r#"<h1>Trainees by exercise</h1><p><a href="/manager.csv" id="csv">Download as CSV</a></p>"#,
    );
    if rows.len() <= 1 {
        h += "<p>No attempts recorded yet.</p>";
    } else {
        h += &table(&rows).replace("mfa-table", "mfa-table web-table");
    }
    h += "<h2>Last debriefs</h2>";
    let mut last: Vec<&Attempt> = Vec::new();
    for a in attempts {
        match last
            .iter_mut()
            .find(|b| b.trainee == a.trainee && b.exercise == a.exercise)
        {
            Some(b) if b.real_time <= a.real_time => *b = a,
            Some(_) => {}
            None => last.push(a),
        }
    }
    for a in last {
        h += &format!(
            "<details><summary>{} · {}</summary><pre>{}</pre></details>",
            esc(&a.trainee),
            esc(&a.exercise),
            super::pages::esc_block(&a.debrief.to_string())
        );
    }
    h
}
