//! The library's own tests, one module per module of `src/`, through its public API (the
//! library is not built a second time as a unit-test harness).

mod actors;
mod book;
mod check;
mod clock;
mod flows;
mod guide;
mod harness;
mod lint;
mod progress;
mod project;
mod records;
mod scaffold;
mod scenario;
mod seed;
mod simulation;
mod tenant;
mod tickets;
mod trainer;
mod transcript;
mod verdict;
mod words;
