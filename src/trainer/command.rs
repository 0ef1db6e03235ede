//! What a trainee can type, parsed into a [`Command`]. Anything else gets a helpful message,
//! never the end of the session. Numbers are checked here: `wait` takes
//! [`WAIT_SECS`] (1 second to 1 day), so time never moves backwards and never leaps.

/// One trainee command.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Command {
    /// List the commands.
    Help,
    /// Show the next hint.
    Hint,
    /// Show the page again.
    Look,
    /// Show the phone.
    Phone,
    /// Show progress towards the goal.
    Status,
    /// End the session.
    Quit,
    /// Go to an address.
    Open(String),
    /// Use the n-th control on the page (1-based).
    Choose(usize),
    /// Press, follow or choose by label.
    Press(String),
    /// Type text, into a named field or the first empty one.
    Type {
        /// The field's label, or none for the first empty field.
        field: Option<String>,
        /// What to type.
        text: String,
    },
    /// Answer the ringing phone and press keys.
    Answer(String),
    /// Install an app from the store.
    Install(String),
    /// Accept Microsoft Authenticator's terms.
    Accept,
    /// Scan the QR code on screen with an app.
    Scan(String),
    /// Approve the waiting request, typing the number if asked.
    Approve(Option<u8>),
    /// Confirm with the phone's screen lock (create a passkey, or sign in with one).
    Unlock,
    /// Deny the waiting request.
    Deny,
    /// Deny and report the waiting request.
    Report,
    /// Read the code an app shows.
    Code(String),
    /// Delete the oldest entry for the account from a third-party app.
    Remove(String),
    /// A mail app checks for mail.
    Mail(String),
    /// Type a password into a mail app: (app, password).
    MailPassword(String, String),
    /// The phone's Mail app: add the account with "Sign in" or "Configure Manually".
    MailAccount(String, crate::actors::PhoneMailSetup),
    /// A modern mail app opens its Microsoft sign-in window in the browser.
    MailSignIn(String),
    /// A modern mail app takes the session from its finished sign-in window.
    MailFinish(String),
    /// Let time pass (seconds, within [`WAIT_SECS`]).
    Wait(i64),
    /// Set the phone clock to automatic.
    ClockAuto,
    /// Free play only: the phone gets or loses mobile signal (texts and calls).
    Signal(bool),
    /// Free play only: the phone gets or loses its internet connection (Authenticator).
    Internet(bool),
    /// Close the browser.
    Close,
    /// `who [name]`: a person's story from the exercise.
    Who(Option<String>),
    /// The technician checks the caller is who they say: (user, how: `callback`, `manager`,
    /// `video`, `mobile`; none lists the choices).
    Verify(String, Option<String>),
    /// The technician asks the caller something only the person would know: (user, fact;
    /// none lists what can be asked).
    Ask(String, Option<String>),
    /// The technician reads the person's directory card.
    Directory(String),
    /// The technician refuses the caller's request and reports the call to security; ends
    /// the ticket.
    Refuse(String),
    /// Start the exercise again from its beginning.
    Restart,
    /// Copy what the page shows (an App Password, a secret key, an activation code or
    /// address); `type paste` types it.
    Copy(Option<String>),
    /// An admin console action: (verb, user, extra).
    Admin(String, Option<String>, Option<String>),
}

/// How long one `wait` may be, in seconds: one second to one day.
pub(crate) const WAIT_SECS: std::ops::RangeInclusive<i64> = 1..=86_400;

/// The help text.
pub(crate) const HELP: &str = "\
Browser:   open <address>      (office.com, aka.ms/mfasetup, mysignins.microsoft.com/security-info,
                                account.activedirectory.windowsazure.com/AppPasswords.aspx)
           <number>            use the numbered button, link or option on the page
           press <label>       the same, by its label
           type <text>         type into the page's first empty box
           type <box>: <text>  type into a named box (\"type Phone number: 4255550123\")
           close               close the browser
Phone:     phone               show the phone     answer #  |  answer 0#   answer a call
           install <app>       Microsoft Authenticator, Google Authenticator, Authy
           accept              accept Microsoft Authenticator's terms
           scan <app>          scan the QR code on screen with that app
           approve [number]    approve the request (typing the number shown on the sign-in page)
           deny | report       deny the request, or deny and report it
           unlock              confirm with the phone's screen lock (create or use a passkey)
           code <app>          read the app's current code
           remove <app>        delete the app's oldest entry for the account (a third-party app)
           clock auto          set the phone clock to automatic
           signal on|off   internet on|off   free play only: mobile signal (texts, calls),
                               internet (Authenticator's requests)
Mail:      mail <app>          the app checks for mail
           password <app> <password>   type a password (or App Password) into the app
           account <app> sign-in|manual   the phone's Mail app: add the account with \"Sign in\"
                               (modern, MFA in a window) or \"Configure Manually\" (a password)
           signin <app>        open the app's Microsoft sign-in window   finish <app>  take it
Help desk: directory <user>    the person's directory card (office phone, manager, records)
           ask <user> [fact]   ask the caller something the person would know (`ask dana` lists)
           verify <user> callback|manager|video   check who is calling: call back on the office
                               number in the directory, ask their manager, or see them on video
           refuse <user>       refuse the request and report the call to security (ends the ticket)
           admin show <user>   MFA state, methods (numbered, default marked), pass, flags
           admin log [user]    the sign-in log: time, user, app, client, address (place), method,
                               result, reason      admin audit [user]   recent console actions
           admin enable|enforce|disable|reregister|block|unblock|block-mfa|unblock-mfa <user>
           admin revoke <user>            Revoke MFA sessions (\"Don't ask again\" stops counting)
           admin revoke-sessions <user>   Revoke sign-in sessions (browsers and apps sign out)
           admin delete-method <user> <n>   admin add-phone <user> mobile|office|alternate <number>
           admin delete-app-passwords <user>
           admin reset-password <user> [new password]   a temporary one if none; changed at next
                               sign-in (add `--no-change` after the password to skip that)
           admin tap <user> [minutes] [once]   a Temporary Access Pass (policy: 60 to 480 minutes)
Other:     wait <seconds>      let time pass: 1 to 86400 (one day) at a time
           who [name]          who's who: a person's story from the exercise
           copy [what]         copy what the page shows (App Password, secret key, activation
                               code or address); `type paste` types it
           status   hint   look   help   restart   quit
Input:     one command a line, at most 4096 bytes; longer lines and lines that are not
           UTF-8 are skipped with a message. Ctrl-C or the end of input ends the session
           with the score.";

/// Why a line is not a command.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct NotACommand(pub String);

/// Parse one line.
pub fn parse(line: &str) -> Result<Command, NotACommand> {
    let line = line.trim();
    let (verb, rest) = line
        .split_once(char::is_whitespace)
        .map_or((line, ""), |(v, r)| (v, r.trim()));
    let need = |what: &str| {
        if rest.is_empty() {
            Err(NotACommand(format!(
                "`{verb}` needs {what}; type `help` for examples"
            )))
        } else {
            Ok(rest.to_string())
        }
    };
    Ok(match verb.to_lowercase().as_str() {
        "" => return Err(NotACommand("Type a command, or `help`.".into())),
        "help" | "?" => Command::Help,
        "hint" => Command::Hint,
        "look" | "page" => Command::Look,
        "phone" => Command::Phone,
        "status" | "goal" => Command::Status,
        "quit" | "exit" => Command::Quit,
        "open" | "go" => Command::Open(need("an address")?),
        "press" | "click" | "follow" | "choose" => Command::Press(need("a label")?),
        "type" => {
            let text = need("the text to type")?;
            match text.split_once(": ") {
                Some((field, t)) => Command::Type {
                    field: Some(field.to_string()),
                    text: t.to_string(),
                },
                None => Command::Type { field: None, text },
            }
        }
        "answer" => Command::Answer(if rest.is_empty() {
            "#".into()
        } else {
            rest.to_string()
        }),
        "install" => Command::Install(need("an app name")?),
        "accept" | "agree" => Command::Accept,
        "scan" => Command::Scan(if rest.is_empty() {
            "Microsoft Authenticator".into()
        } else {
            rest.to_string()
        }),
        "approve" => match rest {
            "" => Command::Approve(None),
            n => Command::Approve(Some(n.parse().map_err(|_| {
                NotACommand(format!(
                    "`{n}` is not the two-digit number from the sign-in page"
                ))
            })?)),
        },
        "deny" => Command::Deny,
        "unlock" => Command::Unlock,
        "report" => Command::Report,
        "code" => Command::Code(if rest.is_empty() {
            "Microsoft Authenticator".into()
        } else {
            rest.to_string()
        }),
        "remove" | "delete" => Command::Remove(need("an app name")?),
        "mail" => Command::Mail(need("a mail app name")?),
        "password" => {
            let rest = need("a mail app and a password")?;
            let (app, pw) = rest.rsplit_once(' ').ok_or_else(|| NotACommand("`password` needs the mail app and the password: `password iPhone Mail abcd...`".into()))?;
            Command::MailPassword(app.trim().to_string(), pw.to_string())
        }
        "account" => {
            use crate::actors::PhoneMailSetup;
            let rest = need("a mail app and `sign-in` or `manual`")?;
            let usage = || {
                NotACommand(
                    "`account` needs the mail app and how: `account iPhone Mail sign-in` or `account iPhone Mail manual`"
                        .into(),
                )
            };
            let (app, how) = rest.rsplit_once(' ').ok_or_else(usage)?;
            let setup = match how.to_lowercase().as_str() {
                "sign-in" | "signin" => PhoneMailSetup::SignIn,
                "manual" | "manually" => PhoneMailSetup::ConfigureManually,
                _ => return Err(usage()),
            };
            Command::MailAccount(app.trim().to_string(), setup)
        }
        "signin" => Command::MailSignIn(need("a mail app name")?),
        "finish" => Command::MailFinish(need("a mail app name")?),
        "wait" => Command::Wait(wait_seconds(&need("a number of seconds")?)?),
        "clock" if rest == "auto" => Command::ClockAuto,
        "signal" | "internet" => {
            let on = match rest.to_lowercase().as_str() {
                "on" => true,
                "off" => false,
                _ => {
                    return Err(NotACommand(format!(
                        "`{verb}` needs `on` or `off`: `{verb} off`"
                    )));
                }
            };
            if verb.eq_ignore_ascii_case("signal") {
                Command::Signal(on)
            } else {
                Command::Internet(on)
            }
        }
        "close" => Command::Close,
        "verify" => {
            let rest = need("the user's name")?;
            let (user, how) = first_word(&rest);
            Command::Verify(user, how)
        }
        "ask" => {
            let rest = need("the caller's name")?;
            let (user, fact) = first_word(&rest);
            Command::Ask(user, fact)
        }
        "directory" | "lookup" => Command::Directory(need("the user's name")?),
        "refuse" => Command::Refuse(need("the user's name")?),
        "restart" => Command::Restart,
        "copy" => Command::Copy((!rest.is_empty()).then(|| rest.to_string())),
        "who" => Command::Who((!rest.is_empty()).then(|| rest.to_string())),
        "admin" => {
            let rest = need("an action")?;
            let mut words = rest.splitn(3, ' ');
            let action = words.next().unwrap_or_default().to_lowercase();
            Command::Admin(
                action,
                words.next().map(str::to_string),
                words.next().map(str::to_string),
            )
        }
        n if n.chars().all(|c| c.is_ascii_digit()) => Command::Choose(
            n.parse()
                .map_err(|_| NotACommand("That number is too big.".into()))?,
        ),
        other => {
            let near = VERBS
                .iter()
                .map(|v| (strsim::damerau_levenshtein(other, v), *v))
                .filter(|(d, v)| *d <= 2 && *d < v.len())
                .min();
            return Err(NotACommand(match near {
                Some((_, v)) => format!(
                    "`{other}` is not a command. Did you mean `{v}`? Type `help` to see what you can do."
                ),
                None => format!("`{other}` is not a command. Type `help` to see what you can do."),
            }));
        }
    })
}

/// Every verb `parse` knows, for suggestions after a typo.
const VERBS: &[&str] = &[
    "help",
    "hint",
    "look",
    "page",
    "phone",
    "status",
    "goal",
    "quit",
    "exit",
    "signal",
    "internet",
    "open",
    "go",
    "press",
    "click",
    "follow",
    "choose",
    "type",
    "answer",
    "install",
    "accept",
    "agree",
    "scan",
    "approve",
    "deny",
    "unlock",
    "report",
    "code",
    "remove",
    "delete",
    "mail",
    "password",
    "account",
    "signin",
    "finish",
    "wait",
    "clock",
    "close",
    "verify",
    "ask",
    "directory",
    "lookup",
    "refuse",
    "restart",
    "copy",
    "who",
    "admin",
];

/// The first word, and the rest if any.
fn first_word(text: &str) -> (String, Option<String>) {
    match text.trim().split_once(char::is_whitespace) {
        Some((w, rest)) if !rest.trim().is_empty() => {
            (w.to_string(), Some(rest.trim().to_string()))
        }
        _ => (text.trim().to_string(), None),
    }
}

/// `wait`'s argument: whole seconds (`30` or `30s`) within [`WAIT_SECS`].
fn wait_seconds(text: &str) -> Result<i64, NotACommand> {
    let (min, max) = (*WAIT_SECS.start(), *WAIT_SECS.end());
    let digits = text.strip_suffix('s').unwrap_or(text).trim();
    let unsigned = digits.strip_prefix(['-', '+']).unwrap_or(digits);
    if unsigned.is_empty() || !unsigned.chars().all(|c| c.is_ascii_digit()) {
        return Err(NotACommand(format!(
            "`wait` takes a whole number of seconds, {min} to {max}: `wait 30`"
        )));
    }
    let negative = digits.starts_with('-');
    match digits.parse::<i64>() {
        Ok(n) if WAIT_SECS.contains(&n) => Ok(n),
        Ok(n) if n < min => Err(NotACommand(format!(
            "Time only moves forward: `wait` takes {min} to {max} seconds."
        ))),
        Err(_) if negative => Err(NotACommand(format!(
            "Time only moves forward: `wait` takes {min} to {max} seconds."
        ))),
        _ => Err(NotACommand(format!(
            "`wait` moves time on by at most {max} seconds (one day) at a time; wait again for longer."
        ))),
    }
}
