//! What a browser form asks for, as a type: each is the trainer command a terminal trainee
//! would type (`press Next`, `type Code: 123456`, `approve 42`, `wait 30`), so the web and the
//! terminal play one engine. A form naming no known action is refused (400), never guessed.

use serde::Deserialize;

/// The fields any action form may carry (all optional; each action names what it needs).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct ActionForm {
    /// The session's CSRF token.
    pub csrf: Option<String>,
    /// Which action (`press`, `type`, ...).
    #[serde(rename = "do")]
    pub act: Option<String>,
    /// A control's label (press), a text box's label (type).
    pub label: Option<String>,
    /// What is typed (type), the keys pressed on a call (answer), a console line (command).
    pub text: Option<String>,
    /// An app's name (code, install, scan).
    pub app: Option<String>,
    /// The exercise to start (start).
    pub exercise: Option<String>,
    /// The user a desk action is about (desk).
    pub user: Option<String>,
    /// A desk action's extra word (minutes, a password, how the caller is verified).
    pub extra: Option<String>,
    /// Start with the trainee's own phone (start): the real-phone mode.
    pub real_phone: Option<String>,
    /// Free play's tenant, by its name in the project's scenarios (free).
    pub tenant: Option<String>,
    /// Free play's date, YYYY-MM-DD (free; empty: the tenant's own).
    pub date: Option<String>,
    /// Free play's person (free; empty: the tenant's first).
    pub person: Option<String>,
    /// Free play's role, `user` or `desk` (free).
    pub role: Option<String>,
}

/// Free play as a start form asks for it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FreePlay {
    /// The tenant's name in the project's scenarios (checked against them by the handler).
    pub tenant: String,
    /// The date to start on, if not the tenant's own.
    pub date: Option<String>,
    /// Whom it is about (empty: the tenant's first person).
    pub person: String,
    /// The user (browser and phone) or the help desk (admin centre).
    pub role: crate::trainer::exercise::Role,
}

/// A browser action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum WebAction {
    /// Start an exercise by id; true: in real-phone mode.
    Start(String, bool),
    /// Start free play.
    Free(FreePlay),
    /// Leave the exercise (after its debrief, or to choose another).
    Leave,
    /// Sign out: the session ends.
    SignOut,
    /// A trainer command, as the terminal would type it.
    Trainer(String),
}

/// Why a form was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// `do` names no action.
    Unknown(String),
    /// `do` is missing.
    Missing,
    /// A field the action needs is empty or missing.
    Needs(&'static str, &'static str),
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refused::Unknown(a) => write!(f, "there is no action \"{a}\""),
            Refused::Missing => f.write_str("the form names no action"),
            Refused::Needs(act, field) => write!(f, "the action \"{act}\" needs a {field}"),
        }
    }
}

/// One line of a form field, without line breaks or surrounding spaces.
fn one_line(s: &Option<String>) -> Option<String> {
    let s = s.as_deref()?.replace(['\r', '\n'], " ");
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

impl ActionForm {
    /// The action this form asks for.
    pub fn action(&self) -> Result<WebAction, Refused> {
        let act = one_line(&self.act).ok_or(Refused::Missing)?;
        let need = |field: &Option<String>, name: &'static str, act: &'static str| {
            one_line(field).ok_or(Refused::Needs(act, name))
        };
        let trainer = |line: String| Ok(WebAction::Trainer(line));
        match act.as_str() {
            "start" => Ok(WebAction::Start(
                need(&self.exercise, "exercise", "start")?,
                one_line(&self.real_phone).is_some(),
            )),
            "desk" => {
                let verb = need(&self.label, "label", "desk")?;
                let user = need(&self.user, "user", "desk")?;
                super::desk_panel::command(&verb, &user, one_line(&self.extra).as_deref())
                    .map(WebAction::Trainer)
                    .ok_or_else(|| {
                        Refused::Unknown(format!(
                            "desk {}",
                            verb.chars().take(30).collect::<String>()
                        ))
                    })
            }
            "free" => Ok(WebAction::Free(FreePlay {
                tenant: need(&self.tenant, "tenant", "free")?,
                date: one_line(&self.date),
                person: one_line(&self.person).unwrap_or_default(),
                role: match one_line(&self.role).as_deref() {
                    None | Some("user") => crate::trainer::exercise::Role::User,
                    Some("desk") => crate::trainer::exercise::Role::Technician,
                    Some(_) => return Err(Refused::Needs("free", "role of user or desk")),
                },
            })),
            "signal" | "internet" => {
                let name: &'static str = if act == "signal" {
                    "signal"
                } else {
                    "internet"
                };
                let on = match one_line(&self.text).as_deref() {
                    Some("on") => "on",
                    Some("off") => "off",
                    _ => return Err(Refused::Needs(name, "switch of on or off")),
                };
                trainer(format!("{name} {on}"))
            }
            "leave" => Ok(WebAction::Leave),
            "sign-out" => Ok(WebAction::SignOut),
            "press" => trainer(format!("press {}", need(&self.label, "label", "press")?)),
            "type" => {
                let text = need(&self.text, "text", "type")?;
                match one_line(&self.label) {
                    Some(field) => trainer(format!("type {field}: {text}")),
                    None => trainer(format!("type {text}")),
                }
            }
            "open" => trainer(format!("open {}", need(&self.text, "address", "open")?)),
            "answer" => trainer(format!(
                "answer {}",
                one_line(&self.text).unwrap_or_else(|| "#".into())
            )),
            "approve" => trainer(match one_line(&self.text) {
                Some(n) => format!("approve {n}"),
                None => "approve".into(),
            }),
            "deny" => trainer("deny".into()),
            "report" => trainer("report".into()),
            "unlock" => trainer("unlock".into()),
            "accept" => trainer("accept".into()),
            "code" => trainer(format!("code {}", need(&self.app, "app", "code")?)),
            "install" => trainer(format!("install {}", need(&self.app, "app", "install")?)),
            "scan" => trainer(format!("scan {}", need(&self.app, "app", "scan")?)),
            "clock-auto" => trainer("clock auto".into()),
            "wait" => trainer(format!(
                "wait {}",
                need(&self.text, "number of seconds", "wait")?
            )),
            "hint" => trainer("hint".into()),
            "status" => trainer("status".into()),
            "restart" => trainer("restart".into()),
            "quit" => trainer("quit".into()),
            "command" => trainer(need(&self.text, "command", "command")?),
            other => Err(Refused::Unknown(other.chars().take(40).collect())),
        }
    }
}
