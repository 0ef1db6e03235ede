//! Property tests on everything a tenant file or a command line can feed in, and on the
//! tenant's security rules under random use.
//!
//! - any text given to `Scenario::parse` gives a scenario or a typed error, never a panic;
//! - the repository's own scenario files, mutated (lines dropped, doubled, swapped, cut,
//!   spliced from another file, values replaced), likewise; and what still parses starts a
//!   `Simulation` without panicking, in bounded time;
//! - any string given to `clock::parse_instant` is refused or lands in the supported window;
//! - random sequences of sign-ins, waits, codes, registrations and App Passwords never accept a
//!   code twice, never let an enforced user in on the password alone, never show an App
//!   Password's plain text after it is created, never move the clock backwards, and give the
//!   same transcript for the same seed.
//!
//! Case counts are small so the whole file runs in a few seconds in a debug build.

use crate::common;

use mfa_sim::Simulation;
use mfa_sim::clock::{Clock, EARLIEST, LATEST, parse_instant};
use mfa_sim::scenario::{Scenario, ScenarioError};
use mfa_sim::seed::Seed;
use mfa_sim::tenant::methods::{Method, PhoneSlot};
use mfa_sim::tenant::oath::{Oath, STEP_SECONDS};
use mfa_sim::tenant::{
    ClientKind, CodeCheck, MfaState, PasswordCheck, Policy, Purpose, SignInNeed, Tenant, User,
    UserId, VerifyOption,
};
use proptest::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A small number of cases; a failing case is kept next to this file for the next run.
fn config(cases: u32) -> ProptestConfig {
    ProptestConfig {
        cases,
        failure_persistence: Some(Box::new(
            proptest::test_runner::FileFailurePersistence::WithSource("regressions"),
        )),
        ..ProptestConfig::default()
    }
}

fn shipped() -> Vec<(PathBuf, String)> {
    common::texts_in(&common::repo().scenarios(), "yaml")
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap()
}

/// Parse, and if it parses, start it: the two things a bad file must never crash.
fn parse_and_start(text: &str, path: &Path) {
    match Scenario::parse(text, path) {
        Ok(scenario) => {
            let start = std::time::Instant::now();
            let people = scenario.users.len() + scenario.generate.as_ref().map_or(0, |g| g.count);
            let sim = runtime().block_on(Simulation::start(scenario));
            assert_eq!(sim.people().len(), people);
            // Generous: the ceiling of generated people is what keeps this bounded.
            assert!(start.elapsed() < Duration::from_secs(60), "too slow");
        }
        Err(ScenarioError::Syntax { line, column, .. }) => {
            assert!(line >= 1 && column >= 1);
        }
        Err(ScenarioError::Value { key, problem, .. }) => {
            assert!(!key.is_empty() && !problem.is_empty());
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }
}

#[test]
fn every_shipped_scenario_loads_and_starts() {
    for (path, text) in shipped() {
        Scenario::parse(&text, &path).unwrap_or_else(|e| panic!("{e}"));
        parse_and_start(&text, &path);
    }
}

#[test]
fn the_population_ceiling_starts_in_bounded_time() {
    let text =
        "name: big\norganisation: F\ndomain: f.com\ndate: 2021-09-01\ngenerate:\n  count: 10000\n";
    let t = std::time::Instant::now();
    parse_and_start(text, Path::new("big.yaml"));
    eprintln!("10,000 generated people started in {:?}", t.elapsed());
}

const ODD_VALUES: &[&str] = &[
    "-1",
    "0",
    "1",
    "10000",
    "10001",
    "4294967296",
    "18446744073709551616",
    "-9223372036854775808",
    "3.5",
    "true",
    "~",
    "[]",
    "{}",
    "\"\"",
    "\"+1 42\"",
    "garbage",
    "2150-01-01",
    "1999-12-31T23:59:59Z",
    "!!binary aGVsbG8=",
    "&a x",
    "*a",
    "\"٤٢٥\"",
];

#[derive(Clone, Debug)]
enum Mutation {
    Drop(usize),
    Duplicate(usize),
    Swap(usize, usize),
    Truncate(usize),
    Splice { from: usize, line: usize, at: usize },
    Replace { line: usize, value: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let i = any::<usize>();
    prop_oneof![
        i.prop_map(Mutation::Drop),
        i.prop_map(Mutation::Duplicate),
        (i, i).prop_map(|(a, b)| Mutation::Swap(a, b)),
        i.prop_map(Mutation::Truncate),
        (i, i, i).prop_map(|(from, line, at)| Mutation::Splice { from, line, at }),
        (i, i).prop_map(|(line, value)| Mutation::Replace { line, value }),
        (i, i).prop_map(|(line, value)| Mutation::Replace { line, value }),
    ]
}

fn mutate(files: &[(PathBuf, String)], file: usize, changes: &[Mutation]) -> String {
    let (_, text) = &files[file % files.len()];
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for m in changes {
        let n = lines.len().max(1);
        match *m {
            Mutation::Drop(i) if !lines.is_empty() => {
                lines.remove(i % n);
            }
            Mutation::Duplicate(i) if !lines.is_empty() => {
                let l = lines[i % n].clone();
                lines.insert(i % n, l);
            }
            Mutation::Swap(a, b) if !lines.is_empty() => lines.swap(a % n, b % n),
            Mutation::Truncate(at) => {
                let joined = lines.join("\n");
                let mut cut = at % (joined.len() + 1);
                while !joined.is_char_boundary(cut) {
                    cut -= 1;
                }
                lines = joined[..cut].lines().map(str::to_string).collect();
            }
            Mutation::Splice { from, line, at } => {
                let other: Vec<&str> = files[from % files.len()].1.lines().collect();
                if !other.is_empty() {
                    lines.insert(
                        at % (lines.len() + 1),
                        other[line % other.len()].to_string(),
                    );
                }
            }
            Mutation::Replace { line, value } => {
                let with_values: Vec<usize> = (0..lines.len())
                    .filter(|&i| {
                        lines[i]
                            .split_once(": ")
                            .is_some_and(|(_, v)| !v.trim().is_empty())
                    })
                    .collect();
                if !with_values.is_empty() {
                    let i = with_values[line % with_values.len()];
                    let (key, _) = lines[i].split_once(": ").unwrap();
                    lines[i] = format!("{key}: {}", ODD_VALUES[value % ODD_VALUES.len()]);
                }
            }
            _ => {}
        }
    }
    lines.join("\n")
}

proptest! {
    #![proptest_config(config(256))]

    #[test]
    fn any_text_parses_or_is_refused(text in "\\PC{0,400}") {
        parse_and_start(&text, Path::new("fuzz.yaml"));
    }

    #[test]
    fn yaml_looking_text_parses_or_is_refused(
        lines in proptest::collection::vec(
            "(name|organisation|domain|date|seed|policy|users|generate|  limits|    totp_skew|  - name|    upn|    password|    business_phone|  count): ?[-+a-z0-9@. :\\[\\]{}\"]{0,20}",
            0..12,
        )
    ) {
        parse_and_start(&lines.join("\n"), Path::new("fuzz.yaml"));
    }

    #[test]
    fn any_string_is_a_date_in_the_window_or_refused(text in "\\PC{0,40}") {
        if let Ok(t) = parse_instant(&text) {
            prop_assert!((EARLIEST..=LATEST).contains(&t));
        }
    }

    #[test]
    fn date_shaped_strings_are_in_the_window_or_refused(
        y in 0i32..10000, m in 0u8..14, d in 0u8..33, h in 0u8..25, off in -14i8..15, full in any::<bool>()
    ) {
        let text = if full {
            format!("{y:04}-{m:02}-{d:02}T{h:02}:00:00{}{:02}:00", if off < 0 { '-' } else { '+' }, off.unsigned_abs())
        } else {
            format!("{y:04}-{m:02}-{d:02}")
        };
        match parse_instant(&text) {
            Ok(t) => prop_assert!((EARLIEST..=LATEST).contains(&t), "{text}"),
            Err(e) => prop_assert!(!e.to_string().is_empty()),
        }
    }
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn mutated_shipped_scenarios_parse_or_are_refused(
        file in any::<usize>(),
        changes in proptest::collection::vec(mutation(), 1..4),
    ) {
        let files = shipped();
        let text = mutate(&files, file, &changes);
        parse_and_start(&text, Path::new("mutated.yaml"));
    }
}

// ---- Security properties over random use of a small tenant ----

#[derive(Clone, Debug)]
enum Code {
    Current,
    Previous,
    Next,
    Random(u32),
}

#[derive(Clone, Debug)]
enum Command {
    Password { user: usize, right: bool },
    Wait(i64),
    AppCode { user: usize, app: usize, code: Code },
    RegisterApp { user: usize },
    TextTwice { user: usize },
    AppPassword { user: usize },
}

fn command() -> impl Strategy<Value = Command> {
    let user = 0usize..2;
    let code = prop_oneof![
        Just(Code::Current),
        Just(Code::Previous),
        Just(Code::Next),
        (0u32..1_000_000).prop_map(Code::Random),
    ];
    prop_oneof![
        (user.clone(), any::<bool>()).prop_map(|(user, right)| Command::Password { user, right }),
        (-60i64..200).prop_map(Command::Wait),
        (user.clone(), 0usize..3, code).prop_map(|(user, app, code)| Command::AppCode {
            user,
            app,
            code
        }),
        user.clone().prop_map(|user| Command::RegisterApp { user }),
        user.clone().prop_map(|user| Command::TextTwice { user }),
        user.prop_map(|user| Command::AppPassword { user }),
    ]
}

const UPNS: [&str; 2] = ["dana@contoso.com", "lee@contoso.com"];
const PASSWORDS: [&str; 2] = ["Harbour-Lights-42", "Maple-Syrup-Season-7"];

struct Run {
    tenant: Tenant,
    clock: Clock,
    ids: Vec<UserId>,
    apps: BTreeMap<usize, Vec<Oath>>,
    /// (user, app, step) of every accepted app code.
    accepted_steps: BTreeSet<(usize, usize, i64)>,
    /// (user, code) of every accepted texted code.
    accepted_texts: BTreeSet<(usize, String)>,
    /// A password sign-in waiting for its second factor.
    pending: BTreeSet<usize>,
    app_passwords: Vec<String>,
    log: Vec<String>,
}

fn small_tenant(seed: u64) -> Run {
    let clock = Clock::starting_at(parse_instant("2021-06-01").unwrap());
    let mut tenant = Tenant::new(
        "Contoso",
        Policy {
            app_passwords: true,
            ..Policy::default()
        },
        clock.clone(),
        Seed::new(seed),
    );
    let mut ids = Vec::new();
    for (i, (upn, pw)) in UPNS.iter().zip(PASSWORDS).enumerate() {
        let salt = tenant.new_salt();
        let id = tenant.add_user(User::new(upn, upn, pw, salt));
        tenant
            .user_mut(id)
            .info
            .add(
                Method::Phone {
                    slot: PhoneSlot::Mobile,
                    number: format!("+1 425555010{i}"),
                },
                0,
            )
            .unwrap();
        ids.push(id);
    }
    // Dana is enforced (enabled with a method); Lee stays disabled.
    tenant.set_mfa_state(ids[0], MfaState::Enabled);
    Run {
        tenant,
        clock,
        ids,
        apps: BTreeMap::new(),
        accepted_steps: BTreeSet::new(),
        accepted_texts: BTreeSet::new(),
        pending: BTreeSet::new(),
        app_passwords: Vec::new(),
        log: Vec::new(),
    }
}

impl Run {
    fn now(&self) -> i64 {
        self.clock.now()
    }

    /// Which app and step a typed code belongs to (within the accepted skew).
    fn step_of(&self, user: usize, typed: &str) -> Option<(usize, i64)> {
        let skew = self.tenant.policy.limits.totp_skew;
        let now = self.now();
        for (a, oath) in self.apps.get(&user)?.iter().enumerate() {
            for off in -skew..=skew {
                let at = now + off * STEP_SECONDS;
                if oath.code_at(at) == typed {
                    return Some((a, at / STEP_SECONDS));
                }
            }
        }
        None
    }

    fn accept_app_code(&mut self, user: usize, typed: &str) -> Result<(), TestCaseError> {
        let (app, step) = self
            .step_of(user, typed)
            .ok_or_else(|| TestCaseError::fail("accepted a code no app shows"))?;
        prop_assert!(
            self.accepted_steps.insert((user, app, step)),
            "app code for step {step} accepted twice"
        );
        prop_assert!(
            !self
                .accepted_steps
                .iter()
                .any(|&(u, a, s)| u == user && a == app && s > step),
            "accepted a step older than one already accepted"
        );
        Ok(())
    }

    fn second_factor_done(&mut self, user: usize) {
        if self.pending.remove(&user) {
            self.log.push(format!("{user} signed in with MFA"));
        }
    }

    fn apply(&mut self, cmd: &Command) -> Result<(), TestCaseError> {
        let before = self.now();
        match cmd {
            Command::Password { user, right } => {
                let typed = if *right {
                    PASSWORDS[*user]
                } else {
                    "wrong-password"
                };
                let check = self.tenant.check_password(
                    UPNS[*user],
                    typed,
                    "Office 365",
                    ClientKind::Browser,
                );
                self.log.push(format!("password {user} {right}: {check:?}"));
                if let PasswordCheck::Ok(id) = check {
                    let need = self.tenant.sign_in_need(id, None);
                    let enforced = self.tenant.user(id).mfa == MfaState::Enforced;
                    if need == SignInNeed::Nothing {
                        prop_assert!(
                            !enforced,
                            "an enforced user signed in on the password alone"
                        );
                        self.log.push(format!("{user} signed in without MFA"));
                    } else {
                        self.pending.insert(*user);
                    }
                } else {
                    prop_assert!(!*right || check == PasswordCheck::Locked, "{check:?}");
                }
            }
            Command::Wait(secs) => {
                self.clock.advance(*secs);
                self.log.push(format!("wait {secs}"));
            }
            Command::AppCode { user, app, code } => {
                let id = self.ids[*user];
                let Some(oath) = self.apps.get(user).and_then(|a| a.get(*app)).cloned() else {
                    return Ok(());
                };
                let typed = match code {
                    Code::Current => oath.code_at(self.now()),
                    Code::Previous => oath.code_at(self.now() - STEP_SECONDS),
                    Code::Next => oath.code_at(self.now() + STEP_SECONDS),
                    Code::Random(n) => format!("{n:06}"),
                };
                let Ok(c) = self
                    .tenant
                    .start_challenge(id, VerifyOption::AppCode, Purpose::SignIn)
                else {
                    return Ok(());
                };
                let verdict = self.tenant.submit_code(c, &typed);
                self.log
                    .push(format!("app code {user}/{app} {code:?}: {verdict:?}"));
                if verdict == CodeCheck::Accepted {
                    self.accept_app_code(*user, &typed)?;
                    self.second_factor_done(*user);
                }
            }
            Command::RegisterApp { user } => {
                let id = self.ids[*user];
                if let Ok((c, oath)) = self.tenant.start_software_token_setup(id) {
                    let typed = oath.code_at(self.now());
                    let verdict = self.tenant.submit_code(c, &typed);
                    self.log.push(format!("register app {user}: {verdict:?}"));
                    prop_assert_eq!(verdict, CodeCheck::Accepted);
                    self.apps.entry(*user).or_default().push(oath);
                    self.accept_app_code(*user, &typed)?;
                }
            }
            Command::TextTwice { user } => {
                let id = self.ids[*user];
                let mut codes: Vec<String> = Vec::new();
                for _ in 0..2 {
                    let Ok(c) =
                        self.tenant
                            .start_challenge(id, VerifyOption::Text, Purpose::SignIn)
                    else {
                        self.log.push(format!("text {user}: not sent"));
                        break;
                    };
                    let code = codes
                        .first()
                        .cloned()
                        .or_else(|| {
                            self.tenant
                                .challenge(c)
                                .and_then(|ch| ch.texted_code().map(str::to_string))
                        })
                        .unwrap_or_default();
                    let verdict = self.tenant.submit_code(c, &code);
                    self.log.push(format!("text {user}: {verdict:?}"));
                    if verdict == CodeCheck::Accepted {
                        prop_assert!(
                            self.accepted_texts.insert((*user, code.clone())),
                            "texted code accepted twice"
                        );
                        self.second_factor_done(*user);
                    }
                    codes.push(code);
                }
            }
            Command::AppPassword { user } => {
                let id = self.ids[*user];
                if let Ok(pw) = self.tenant.create_app_password(id, "Mail") {
                    self.log.push(format!("app password {user} created"));
                    self.app_passwords.push(pw);
                }
            }
        }
        prop_assert!(self.now() >= before, "the clock ran backwards");
        let kept = format!("{:?}", self.tenant.users());
        for pw in &self.app_passwords {
            prop_assert!(
                !kept.contains(pw.as_str()),
                "an App Password is kept in plain text"
            );
        }
        for pw in PASSWORDS {
            prop_assert!(
                !kept.contains(pw),
                "an account password is kept in plain text"
            );
        }
        Ok(())
    }
}

fn transcript(seed: u64, commands: &[Command]) -> Result<String, TestCaseError> {
    let mut run = small_tenant(seed);
    for cmd in commands {
        run.apply(cmd)?;
    }
    Ok(format!(
        "{}\n{:?}\n{}",
        run.log.join("\n"),
        run.tenant.sign_in_log(),
        run.app_passwords.join(",")
    ))
}

proptest! {
    #![proptest_config(config(128))]

    #[test]
    fn security_holds_under_random_use(
        seed in 0u64..1000,
        commands in proptest::collection::vec(command(), 1..40),
    ) {
        let first = transcript(seed, &commands)?;
        let again = transcript(seed, &commands)?;
        prop_assert_eq!(first, again, "same seed, same transcript");
    }
}

#[test]
fn the_registration_code_is_refused_in_the_same_step() {
    // The fixed case behind the property: register at step S with C, sign in with C at S.
    let commands = [
        Command::Wait(5),
        Command::RegisterApp { user: 0 },
        Command::Password {
            user: 0,
            right: true,
        },
        Command::AppCode {
            user: 0,
            app: 0,
            code: Code::Current,
        },
        Command::Wait(30),
        Command::AppCode {
            user: 0,
            app: 0,
            code: Code::Current,
        },
    ];
    let log = transcript(1, &commands).unwrap();
    assert!(log.contains("app code 0/0 Current: AlreadyUsed"), "{log}");
    assert!(log.contains("app code 0/0 Current: Accepted"), "{log}");
}
