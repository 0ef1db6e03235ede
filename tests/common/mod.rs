//! Shared by the integration tests: this repository as an mfa-sim project.

#![allow(dead_code)]

use mfa_sim::Project;
use std::path::Path;

/// The repository's own project (tests may use `CARGO_MANIFEST_DIR`; the library may not).
pub fn repo() -> Project {
    Project::at(Path::new(env!("CARGO_MANIFEST_DIR"))).expect("the repository is a project")
}
