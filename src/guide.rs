//! The guide's steps and their stable IDs (`features/guide-steps.yaml`), the one list the
//! book's coverage table, its tests and `check-guide` read.

use serde::Deserialize;
use std::path::{Path, PathBuf};

/// One step of the guide.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct GuideStep {
    /// Stable ID (`SMS-05`).
    pub id: String,
    /// Section key (`sms`), matching a feature's `@section:` tag.
    pub section: String,
    /// What the step says, in this project's words.
    pub summary: String,
}

/// The guide steps file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GuideError {
    /// Unreadable.
    #[error("{0}: {1}")]
    Read(PathBuf, std::io::Error),
    /// Malformed.
    #[error("{0}:{1}:{2}: {3}")]
    Syntax(PathBuf, usize, usize, String),
}

/// Read a guide steps file.
pub fn load(path: &Path) -> Result<Vec<GuideStep>, GuideError> {
    let text =
        std::fs::read_to_string(path).map_err(|e| GuideError::Read(path.to_path_buf(), e))?;
    serde_yaml::from_str(&text).map_err(|e| {
        let (l, c) = e
            .location()
            .map(|l| (l.line(), l.column()))
            .unwrap_or((1, 1));
        GuideError::Syntax(path.to_path_buf(), l, c, e.to_string())
    })
}

/// The guide IDs a list of tags names (`guide:SMS-05` -> `SMS-05`).
pub(crate) fn ids_in(tags: &[String]) -> Vec<String> {
    tags.iter()
        .filter_map(|t| t.trim_start_matches('@').strip_prefix("guide:"))
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn forty_nine_steps() {
        let steps = super::load(&crate::project::tests::repository().guide_steps()).unwrap();
        assert_eq!(steps.len(), 49);
    }
}
