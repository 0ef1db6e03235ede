//! Tests of `mfa_sim::book::output` (`src/book/output.rs`), through its public API.

use mfa_sim::book::output::*;
use mfa_sim::project::Project;
use std::path::{Path, PathBuf};

fn project() -> (tempfile::TempDir, Project) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("desk");
    std::fs::create_dir_all(root.join("book/src")).unwrap();
    std::fs::write(root.join(mfa_sim::project::MARKER), "").unwrap();
    let p = Project::at(&root).unwrap();
    (tmp, p)
}

#[test]
fn refuses_the_project_its_sources_and_strangers() {
    let (tmp, p) = project();
    let book = p.book();
    let abs = |x: &Path| mfa_sim::project::absolute(x).unwrap();
    for bad in [
        PathBuf::from("/"),
        p.root().to_path_buf(),
        abs(tmp.path()),
        book.clone(),
        book.join("src"),
        book.join("src/inner"),
    ] {
        assert!(check_output(&bad, &p, &book).is_err(), "{}", bad.display());
    }
    let stranger = abs(&tmp.path().join("photos"));
    std::fs::create_dir_all(&stranger).unwrap();
    std::fs::write(stranger.join("keep.jpg"), "x").unwrap();
    let err = check_output(&stranger, &p, &book).unwrap_err().to_string();
    assert!(err.contains("not empty"), "{err}");
    std::fs::write(stranger.join(BUILD_MARKER), "").unwrap();
    assert!(check_output(&stranger, &p, &book).is_ok());
    assert!(check_output(&abs(&tmp.path().join("new")), &p, &book).is_ok());
    assert!(check_output(&book.join("build"), &p, &book).is_ok());
}
