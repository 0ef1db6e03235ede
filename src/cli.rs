//! The command line: every subcommand and flag is defined once here (clap derive), and
//! `mfa-sim --help` is generated from it.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// Executable documentation for an Office 365 MFA help-desk guide.
#[derive(Parser, Debug)]
#[command(name = "mfa-sim", version, about, long_about = None)]
pub struct Cli {
    /// The project to work on (a folder with `mfa-sim.toml`); default: the nearest one at or
    /// above the current directory.
    #[arg(long, global = true, value_name = "DIR")]
    pub project: Option<PathBuf>,
    /// Show more of what mdBook logs while building the book (-v: info, -vv: debug); by
    /// default only its warnings and errors. RUST_LOG, when set, decides instead.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// How `mfa-sim steps` prints the vocabulary.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepsFormat {
    /// For reading in a terminal.
    Text,
    /// Tables for a wiki or a book.
    Markdown,
    /// For tools and editors.
    Json,
}

/// How `mfa-sim lint-guide` prints its findings.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LintFormat {
    /// `file:line:col: severity: message [about]`, one per line.
    Text,
    /// Every finding with its verdicts on both dates.
    Json,
    /// A JUnit report: one test case per finding, named by the guide's file and line.
    Junit,
    /// A table for a wiki or a pull request.
    Markdown,
}

/// Where trainees' progress is kept (`train`, `progress`).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct ProgressFile {
    /// The progress file (an SQLite database; default: progress.sqlite in the user's data
    /// directory, ~/.local/share/mfa-sim on Linux).
    #[arg(long = "progress", value_name = "PATH")]
    pub path: Option<PathBuf>,
}

/// Subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Play the guide's text-message setup for a Contoso user and print what everyone saw.
    Demo,
    /// Run the features (all, or the files and folders given) and print each step's result; a
    /// tag narrows it (`--tag @guide:SMS-05`). Exit status 1 when anything did not pass.
    Run {
        /// Feature files or folders to run (default: the project's features folder).
        paths: Vec<PathBuf>,
        /// Only scenarios with this tag.
        #[arg(long)]
        tag: Option<String>,
        /// Also write a JUnit XML report here (one test case per scenario, named file:line).
        #[arg(long, value_name = "FILE")]
        junit: Option<PathBuf>,
        /// Also write a JSON report here (every scenario and step with its status).
        #[arg(long, value_name = "FILE")]
        json: Option<PathBuf>,
    },
    /// Make a new guide project in DIR (a new or empty folder): a guide, its steps file, a
    /// tenant, a feature, a book and an exercise that pass `check`, `run` and `book` at once.
    New {
        /// The folder to create; its name becomes the project's name.
        dir: PathBuf,
    },
    /// Check the project without running it: features (syntax, undefined steps, unknown
    /// people, apps and tags), tenant files, exercises and the book's directives. One line per
    /// finding; exit status 1 when there is any.
    Check,
    /// Print every Gherkin step the features may use, as a plain-English template with an
    /// example, grouped by actor, then what fills each blank in this project.
    Steps {
        /// text (default), markdown or json.
        #[arg(long, value_enum, default_value_t = StepsFormat::Text)]
        format: StepsFormat,
    },
    /// Print the otpauth:// link a third-party authenticator app would get for a user at a
    /// given simulated time; with --check, verify a code against it.
    Totp {
        /// A scenario: a name in scenarios/ (without .yaml) or a path to a YAML file.
        #[arg(long, default_value = "contoso")]
        scenario: String,
        /// The user (first name or sign-in name).
        #[arg(long, default_value = "dana")]
        user: String,
        /// Simulated time: Unix seconds or an RFC 3339 time.
        #[arg(long)]
        at: String,
        /// A code to verify as the service would during setup.
        #[arg(long)]
        check: Option<String>,
    },
    /// Replay the guide on another date and print, for each guide step, whether it still
    /// holds, holds with differences, or is no longer possible.
    CheckGuide {
        /// The date to check (YYYY-MM-DD); default: the tenant file's own date.
        #[arg(long)]
        date: Option<String>,
        /// The tenant to replay on: a name in the project's scenarios/ (`contoso-today`) or a
        /// path to a YAML file.
        #[arg(long, default_value = "contoso-today")]
        tenant: String,
        /// Instead: replay on each coming day the service is known to change (from the rule
        /// registry) and say when the guide first needs reviewing, and why.
        #[arg(long, conflicts_with = "date")]
        forecast: bool,
    },
    /// Check the guide document itself, sentence by sentence: quoted labels, addresses, section
    /// references and claims, on the guide's date and today. Exit status 1 on errors only
    /// (and warnings with --strict).
    LintGuide {
        /// A guide document (default: every .txt and .md in the project's guide folder).
        file: Option<PathBuf>,
        /// The tenant for "today": a name in the project's scenarios/ or a YAML file.
        #[arg(long, default_value = "contoso-today")]
        tenant: String,
        /// Another date to compare with (YYYY-MM-DD).
        #[arg(long)]
        date: Option<String>,
        /// text (default), json, junit or markdown.
        #[arg(long, value_enum, default_value_t = LintFormat::Text)]
        format: LintFormat,
        /// Also print the sentences that could not be checked (text format).
        #[arg(long)]
        notes: bool,
        /// Warnings fail too.
        #[arg(long)]
        strict: bool,
        /// Also write the labels renamed or retired since the guide's date as a Vale style
        /// into this folder (Renamed.yml, Retired.yml); files it did not write are refused.
        #[arg(long, value_name = "DIR")]
        vale: Option<PathBuf>,
    },
    /// Practise the guide and help-desk tickets: without an exercise, list them. Reads
    /// commands from the terminal, or one per line from a pipe (script mode).
    Train {
        /// The exercise id.
        exercise: Option<String>,
        /// Show QR codes in the terminal and run on the real clock, so a real authenticator
        /// app on your own phone can take part.
        #[arg(long)]
        real_phone: bool,
        /// With --real-phone: run on this date (YYYY-MM-DD) at the machine's time of day
        /// instead of today. With --free: the simulated date to start on.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Free play on this tenant (a name in scenarios/ or a path): no goal, no score,
        /// nothing saved; the phone's signal and internet can be switched.
        #[arg(
            long,
            value_name = "TENANT",
            conflicts_with_all = ["exercise", "trainee", "path", "no_save"]
        )]
        free: Option<String>,
        /// With --free: the person to play or help (default: the tenant's first person).
        #[arg(long, value_name = "NAME", requires = "free")]
        person: Option<String>,
        /// With --free: play the help desk (an admin console, no phone) instead of the user.
        #[arg(long, requires = "free")]
        desk: bool,
        /// Whose progress this is (default: the user name from the environment, USER or
        /// USERNAME).
        #[arg(long, value_name = "NAME")]
        trainee: Option<String>,
        /// Where progress is kept.
        #[command(flatten)]
        file: ProgressFile,
        /// Do not save this attempt (for scripts and demonstrations).
        #[arg(long, conflicts_with = "path")]
        no_save: bool,
    },
    /// For a help-desk manager: every trainee's results by exercise (best points out of 100,
    /// attempts, the last attempt's date, mistakes).
    Progress {
        /// Print CSV instead of a table.
        #[arg(long)]
        csv: bool,
        /// Where progress is kept.
        #[command(flatten)]
        file: ProgressFile,
    },
    /// Serve the training site: the simulated sign-in and admin pages beside the user's phone,
    /// in a browser, each browser with its own simulation. Prints the address.
    Serve {
        /// The port (default: a free one).
        #[arg(long, default_value_t = 0)]
        port: u16,
        /// The address to listen on (default 127.0.0.1; anything else is reachable from other
        /// machines, and a warning says so).
        #[arg(long, value_name = "ADDR", default_value = "127.0.0.1")]
        listen: std::net::IpAddr,
        /// A code trainees must enter to start (and to read the manager's page).
        #[arg(long, value_name = "CODE")]
        access_code: Option<String>,
        /// At most this many browser sessions at once.
        #[arg(long, value_name = "N", default_value_t = 200)]
        max_sessions: usize,
        /// A session unused for this many minutes is forgotten.
        #[arg(long, value_name = "N", default_value_t = 30)]
        idle_minutes: u64,
        /// Where progress is kept.
        #[command(flatten)]
        file: ProgressFile,
        /// Do not save attempts (for demonstrations).
        #[arg(long, conflicts_with = "path")]
        no_save: bool,
    },
    /// The mdBook preprocessor protocol (`book.toml` runs this for `mdbook build`).
    #[command(hide = true)]
    Preprocess {
        /// `supports <renderer>`, or nothing to preprocess standard input.
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Real mail clients (curl, Python, Thunderbird) against the simulated tenant: runs
    /// `mfa-sim-mail` (beside this program, else on PATH; built by `cargo build --release -p
    /// mfa-sim-mail`) with the arguments given, e.g. `mfa-sim mail serve --app-password`.
    Mail {
        /// What to hand to `mfa-sim-mail` (`serve`, `train EXERCISE`, `--help`).
        #[arg(trailing_var_arg = true, allow_hyphen_values = true)]
        args: Vec<String>,
    },
    /// Build the book with live outputs and print the path of index.html.
    Book {
        /// Where to write the HTML, relative to the current directory (default: the book's
        /// build folder). A folder that exists must be empty or hold an earlier mfa-sim build.
        #[arg(long)]
        out: Option<PathBuf>,
    },
}
