//! Who is calling: the help desk's checks of a caller's identity, as a conversation with the
//! choices a real desk has. A call-back on the office number in the directory, the person's
//! manager, or a video call can prove who is calling; questions about what the person knows
//! (`ask`) help to spot an impostor but prove nothing, and calling the mobile on the account
//! proves nothing either (it may be the lost or stolen phone). The caller is genuine or an
//! impostor as the exercise says, or chosen from the run's seed (`Seed::substream`), so a
//! script always meets the same caller.
//!
//! `refuse` ends the ticket: right when the caller was an impostor, wrong (and explained)
//! when it was the person.

use super::exercise::{Caller, CallerIs, Role};
use super::session::{Session, lower};
use crate::words::quoted_list;
use anyhow::{Result, anyhow, bail};

/// The ways `verify` can check a caller, as typed.
const WAYS: &str = "`callback` (call back on the office number in the directory), `manager` (ask their manager) or `video` (see them on a video call)";

/// Whether the caller of `exercise` is an impostor this run: as the file pins it, or from
/// the run's seed.
pub fn impostor_this_run(caller: &Caller, seed: &crate::seed::Seed, id: &str) -> bool {
    match caller.is {
        CallerIs::Genuine => false,
        CallerIs::Impostor => true,
        CallerIs::Either => seed.substream(&format!("trainer caller {id}")).below(2) == 1,
    }
}

impl Session {
    /// The caller's name as the ticket gives it, checked against `user` (the desk checks the
    /// person the caller says they are).
    fn caller_named(&self, user: &str) -> Result<(String, String, String)> {
        let person = self.world.person(user)?.clone();
        let caller = self.world.person(&self.exercise.person)?;
        if person.upn != caller.upn {
            bail!(
                "the caller says they are {}, not {}",
                caller.name,
                person.name
            );
        }
        Ok((
            person.name.clone(),
            person.first_name().to_string(),
            person.upn.clone(),
        ))
    }

    /// `verify <user> [how]`.
    pub(super) async fn verify(&mut self, user: &str, how: Option<&str>) -> Result<String> {
        let (name, first, upn) = self.caller_named(user)?;
        let key = lower(&first);
        let Some(how) = how else {
            return Ok(format!(
                "How will you check that the caller is {name}? `verify {key} callback`, `verify {key} manager` or `verify {key} video`."
            ));
        };
        let impostor = self.impostor;
        let text = match lower(how).as_str() {
            "callback" | "call-back" | "call back" | "office" => {
                let office = self
                    .world
                    .sim()?
                    .admin
                    .describe(&upn)
                    .await??
                    .business_phone;
                let Some(office) = office else {
                    bail!(
                        "the directory has no office number for {name}; ask their manager (`verify {key} manager`) or see them on video (`verify {key} video`)"
                    );
                };
                if impostor {
                    self.exposed = Some(format!(
                        "the call-back on {office} reached the real {first}, who had not called"
                    ));
                    format!(
                        "You hang up and call {name} back on the office number in the directory ({office}). {first} answers at the office and has not called the help desk today. Whoever you were speaking to is not {first}."
                    )
                } else {
                    self.verified(&key);
                    format!(
                        "You hang up and call {name} back on the office number in the directory ({office}). {first} answers and confirms the request: the caller is {first}."
                    )
                }
            }
            "manager" => {
                let manager = self.exercise.caller.manager.clone().ok_or_else(|| {
                    anyhow!(
                        "this exercise names no manager for {name}; call back on the office number (`verify {key} callback`) or see them on video (`verify {key} video`)"
                    )
                })?;
                if impostor {
                    self.exposed = Some(format!("{manager} said {first} had not called"));
                    format!(
                        "You reach {manager}, {first}'s manager, through the directory. {manager} has just spoken to {first}, who has not called the help desk and has no problem signing in."
                    )
                } else {
                    self.verified(&key);
                    format!(
                        "You reach {manager}, {first}'s manager, through the directory. {manager} confirms that {first} is the one asking for help."
                    )
                }
            }
            "video" | "in-person" | "in person" | "person" => {
                if impostor {
                    self.exposed = Some("the caller would not be seen on video".into());
                    "You ask for a video call to compare the caller with the directory photo. The caller says the camera is broken, then that they are in a hurry, and hangs up when you insist.".to_string()
                } else {
                    self.verified(&key);
                    format!(
                        "On a video call the caller matches {name}'s photo in the directory and holds up a staff badge with the same name."
                    )
                }
            }
            "mobile" | "phone" | "cell" => {
                let why = format!(
                    "a call to the mobile number on the account proves nothing: it may be the lost or stolen phone, or the impostor's own number. Call back on the office number in the directory, ask the manager, or see the caller on video ({WAYS})."
                );
                // A check the desk must not rely on: a mistake, not a typo.
                self.note_mistake(super::debrief::MistakeKind::Check { why: why.clone() });
                bail!(why)
            }
            other => bail!("no way to check a caller called \"{other}\"; use {WAYS}"),
        };
        Ok(text)
    }

    fn verified(&mut self, key: &str) {
        self.done.push(("verify".into(), key.to_string()));
    }

    /// `ask <user> [fact]`: the caller's answer. Asking is never a mistake and never proof.
    pub(super) async fn ask(&mut self, user: &str, fact: Option<&str>) -> Result<String> {
        let (_, first, _) = self.caller_named(user)?;
        let caller = &self.exercise.caller;
        let facts = || {
            let mut all: Vec<&str> = caller.knows.0.iter().map(|(f, _)| f.as_str()).collect();
            all.push("phone");
            quoted_list(all)
        };
        let Some(fact) = fact else {
            return Ok(format!("You can ask {first} about {}.", facts()));
        };
        if lower(fact) == "phone" {
            if self.impostor {
                return Ok(format!(
                    "\"I don't have my phone with me right now,\" says the caller who says they are {first}."
                ));
            }
            let seen = self.phone_text().await?;
            let seen: Vec<&str> = seen
                .lines()
                .filter(|l| !l.trim().is_empty() && !l.contains("clock:"))
                .collect();
            return Ok(format!(
                "{first} reads out what the phone shows:\n{}",
                seen.join("\n")
            ));
        }
        let Some((fact, answer)) = caller.knows.get(fact) else {
            return Ok(format!(
                "{first} cannot help with \"{fact}\"; you can ask about {}.",
                facts()
            ));
        };
        let said = if !self.impostor
            || caller
                .impostor_knows
                .iter()
                .any(|k| k.eq_ignore_ascii_case(fact))
        {
            answer.to_string()
        } else {
            caller
                .impostor_says
                .get(fact)
                .map_or("Um... I don't remember that.".to_string(), |(_, s)| {
                    s.to_string()
                })
        };
        Ok(format!(
            "You ask about the {fact}. The caller says: \"{said}\""
        ))
    }

    /// `directory <user>`: the person's directory card, as the desk sees it.
    pub(super) async fn directory(&self, user: &str) -> Result<String> {
        let person = self.world.person(user)?.clone();
        let summary = self.world.sim()?.admin.describe(&person.upn).await??;
        let mut lines = vec![
            format!("{} ({})", person.name, person.upn),
            format!(
                "  office phone: {}",
                summary
                    .business_phone
                    .as_deref()
                    .unwrap_or("none in the directory")
            ),
        ];
        let is_caller = lower(person.first_name()) == lower(&self.exercise.person);
        if is_caller {
            if let Some(m) = &self.exercise.caller.manager {
                lines.push(format!("  manager: {m}"));
            }
            let manager = self.exercise.caller.manager.is_some();
            for (fact, answer) in &self.exercise.caller.knows.0 {
                if manager && fact.eq_ignore_ascii_case("manager") {
                    continue;
                }
                lines.push(format!("  {fact} (on file): {answer}"));
            }
        }
        Ok(lines.join("\n"))
    }

    /// `refuse <user>`: the request is refused and the call reported; ends the ticket.
    pub(super) fn refuse(&mut self, user: &str) -> Result<String> {
        let (name, first, _) = self.caller_named(user)?;
        self.refused = true;
        if self.impostor {
            return Ok(format!(
                "You refuse the request and report the call to security: someone tried to get {name}'s account changed by pretending to be {first}."
            ));
        }
        self.turned_away = true;
        Ok(format!(
            "You refuse the request and report the call to security. But the caller was {name}."
        ))
    }

    /// Why refusing the real person is wrong, for the result.
    pub(super) fn turned_away_why(&self) -> String {
        let first = self
            .world
            .person(&self.exercise.person)
            .map_or(self.exercise.person.clone(), |p| p.first_name().to_string());
        format!(
            "You turned away {first}, who was the real caller. Why this matters: refusing without checking leaves the person locked out; the desk's checks ({WAYS}) would have shown it was {first}. Check first, then refuse only a caller the checks expose."
        )
    }

    /// What the end of the attempt says about who called, when the exercise could have sent
    /// an impostor.
    pub(super) fn caller_reveal(&self) -> Option<String> {
        let caller = &self.exercise.caller;
        if caller.is == CallerIs::Genuine || self.exercise.role != Role::Technician {
            return None;
        }
        let first = &self.exercise.person;
        Some(if self.impostor {
            let (knew, not): (Vec<&str>, Vec<&str>) = caller
                .knows
                .0
                .iter()
                .map(|(f, _)| f.as_str())
                .partition(|f| {
                    caller
                        .impostor_knows
                        .iter()
                        .any(|k| k.eq_ignore_ascii_case(f))
                });
            let mut s = format!("The caller was not {first}: an impostor");
            if !knew.is_empty() {
                s.push_str(&format!(", who knew {}", quoted_list(knew)));
            }
            if !not.is_empty() {
                s.push_str(&format!(" but not {}", quoted_list(not)));
            }
            if let Some(how) = &self.exposed {
                s.push_str(&format!("; exposed when {how}"));
            }
            s.push('.');
            s
        } else {
            format!("The caller was {first}.")
        })
    }
}
