//! Nothing here: the package holds the browser test (`tests/browser.rs`), kept out of the main
//! package so that a plain `cargo test` does not build a WebDriver client.
