//! The admin console as the trainee types it (`admin <action> <user> [more]`): each action is
//! parsed here into an [`AdminAction`] and carried out by the console actor and the tenant
//! (`actors::admin`, `tenant::administration`), which own the behaviour; this file only reads
//! what was typed and shows what the console answered. Looking (`show`, `log`, `audit`)
//! changes nothing.

use super::session::{Session, lower};
use crate::actors::admin::AdminAction;
use crate::records::{AdminReport, PhoneSlot};
use crate::tenant::MfaState;
use anyhow::{Result, anyhow, bail};

/// How many rows `admin log` and `admin audit` show.
const ROWS: usize = 8;

impl Session {
    pub(super) async fn admin(
        &mut self,
        verb: &str,
        user: Option<&str>,
        extra: Option<&str>,
    ) -> Result<String> {
        let sim = self.world.sim()?;
        let who = match user {
            Some(u) => Some(self.world.person(u)?.clone()),
            None => None,
        };
        match verb {
            "log" => {
                let upn = who.as_ref().map(|p| lower(&p.upn));
                let rows = sim.admin.sign_in_log().await?;
                let rows: Vec<String> = rows
                    .iter()
                    .filter(|r| upn.as_ref().is_none_or(|u| lower(&r.user) == *u))
                    .map(|r| r.to_string())
                    .collect();
                let last = &rows[rows.len().saturating_sub(ROWS)..];
                return Ok(format!(
                    "Sign-in log (latest {}; time | user | app | client | address (place) | method | result | reason):\n{}",
                    last.len(),
                    last.join("\n")
                ));
            }
            "audit" => {
                let upn = who.as_ref().map(|p| lower(&p.upn));
                let rows: Vec<String> = sim
                    .admin
                    .audit()
                    .await?
                    .iter()
                    .filter(|(_, r)| upn.as_ref().is_none_or(|u| audit_user(r) == Some(u)))
                    .map(|(at, r)| {
                        format!("{} | {}", crate::clock::format_instant(*at), audited(r))
                    })
                    .collect();
                let last = &rows[rows.len().saturating_sub(ROWS)..];
                return Ok(if last.is_empty() {
                    "Audit log: no console actions yet.".into()
                } else {
                    format!("Audit log (latest {}):\n{}", last.len(), last.join("\n"))
                });
            }
            _ => {}
        }
        let person =
            who.ok_or_else(|| anyhow!("`admin {verb}` needs a user: `admin {verb} dana`"))?;
        let key = lower(person.first_name());
        let action = match verb {
            "show" | "methods" => {
                let s = sim.admin.describe(&person.upn).await??;
                let mut lines = vec![format!(
                    "{}: per-user MFA {}, sign-in {}, MFA {}, risk {}",
                    person.upn,
                    s.mfa,
                    if s.sign_in_blocked {
                        "blocked"
                    } else {
                        "allowed"
                    },
                    if s.mfa_blocked {
                        "blocked"
                    } else {
                        "not blocked"
                    },
                    if s.high_risk {
                        "HIGH (reported suspicious activity)"
                    } else {
                        "none"
                    },
                )];
                if s.method_lines.is_empty() {
                    lines.push("  authentication methods: none".into());
                } else {
                    lines.push("  authentication methods:".into());
                    for (n, (line, default)) in s.method_lines.iter().enumerate() {
                        let mark = if *default { "  (default)" } else { "" };
                        lines.push(format!("    {}) {line}{mark}", n + 1));
                    }
                }
                if let Some(d) = s.default_method {
                    lines.push(format!("  default sign-in method: {d}"));
                }
                lines.push(format!(
                    "  app passwords: {}   Temporary Access Pass: {}{}",
                    s.app_passwords,
                    if s.pass_valid { "valid" } else { "none" },
                    if s.must_change_password {
                        "   password: must be changed at next sign-in"
                    } else {
                        ""
                    }
                ));
                return Ok(lines.join("\n"));
            }
            "enable" => AdminAction::SetMfa(MfaState::Enabled),
            "enforce" => AdminAction::SetMfa(MfaState::Enforced),
            "disable" => AdminAction::SetMfa(MfaState::Disabled),
            "reregister" | "require-reregister" => AdminAction::RequireReregistration,
            "revoke" | "revoke-mfa" => AdminAction::RevokeMfaSessions,
            "revoke-sessions" => AdminAction::RevokeSignInSessions,
            "block-mfa" => AdminAction::BlockMfa(true),
            "unblock-mfa" => AdminAction::BlockMfa(false),
            "dismiss-risk" => AdminAction::DismissRisk,
            "block" => AdminAction::BlockSignIn(true),
            "unblock" => AdminAction::BlockSignIn(false),
            "delete-app-passwords" => AdminAction::DeleteAppPasswords,
            "tap" => {
                let mut minutes = None;
                let mut one_time = false;
                for word in extra.unwrap_or_default().split_whitespace() {
                    match lower(word).as_str() {
                        "once" | "one-time" => one_time = true,
                        w => {
                            minutes = Some(w.parse().map_err(|_| {
                                anyhow!(
                                    "`admin tap {key} [minutes] [once]`: the minutes are a whole number, not \"{w}\""
                                )
                            })?)
                        }
                    }
                }
                AdminAction::PassByPolicy { minutes, one_time }
            }
            "reset-password" => {
                let extra = extra.unwrap_or_default().trim();
                let (chosen, keep) = match extra.strip_suffix("--no-change") {
                    Some(rest) => (rest.trim(), true),
                    None => (extra, false),
                };
                AdminAction::ResetPasswordChecked {
                    chosen: (!chosen.is_empty()).then(|| chosen.to_string()),
                    change_at_next_sign_in: !keep,
                }
            }
            "delete-method" => {
                let n = extra
                    .and_then(|e| e.trim().parse().ok())
                    .ok_or_else(|| {
                        anyhow!(
                            "`admin delete-method {key} <n>`: the number of the method in `admin show {key}`"
                        )
                    })?;
                AdminAction::DeleteMethod(n)
            }
            "add-phone" => {
                let usage = || {
                    anyhow!(
                        "`admin add-phone {key} mobile|office|alternate <number>`, for example `admin add-phone {key} mobile +1 4255550199`"
                    )
                };
                let (slot, number) = extra.and_then(|e| e.split_once(' ')).ok_or_else(usage)?;
                let slot = match lower(slot).as_str() {
                    "mobile" | "phone" => PhoneSlot::Mobile,
                    "office" => PhoneSlot::Office,
                    "alternate" => PhoneSlot::Alternate,
                    _ => return Err(usage()),
                };
                AdminAction::AddPhone(slot, number.trim().to_string())
            }
            other => bail!("unknown admin action `{other}`; type `help`"),
        };
        let changes = [
            "reregister",
            "require-reregister",
            "tap",
            "reset-password",
            "revoke",
            "revoke-mfa",
            "revoke-sessions",
            "delete-method",
            "add-phone",
            "unblock",
            "unblock-mfa",
        ];
        let verified = self.done.iter().any(|(a, u)| a == "verify" && *u == key);
        // The console's answer is in the transcript, shown with the other outputs.
        let report = sim.admin.act(&person.upn, action).await??;
        if let AdminReport::Refused { .. } = report {
            bail!("the console refused it; nothing changed");
        }
        // Every console action that took effect is remembered in order, for `did`,
        // `before_verified` and `any_of`.
        let name = match verb {
            "require-reregister" => "reregister",
            "revoke-mfa" => "revoke",
            v => v,
        };
        self.done.push((name.into(), key));
        if changes.contains(&verb) && !verified && self.exercise.checks_caller() {
            self.reset_before_verify = true;
            return Ok(
                "(Careful: you changed this account before verifying the caller's identity.)"
                    .into(),
            );
        }
        Ok(String::new())
    }
}

/// The account an audited action was taken on.
fn audit_user(report: &AdminReport) -> Option<&String> {
    match report {
        AdminReport::PerUserMfa { upn, .. }
        | AdminReport::Reregistration { upn }
        | AdminReport::MfaSessionsRevoked { upn }
        | AdminReport::SignInSessionsRevoked { upn }
        | AdminReport::SignIn { upn, .. }
        | AdminReport::Mfa { upn, .. }
        | AdminReport::TemporaryAccessPass { upn, .. }
        | AdminReport::AppPasswordsDeleted { upn }
        | AdminReport::PasswordReset { upn }
        | AdminReport::TemporaryPassword { upn, .. }
        | AdminReport::MethodDeleted { upn, .. }
        | AdminReport::PhoneAdded { upn, .. }
        | AdminReport::Refused { upn, .. }
        | AdminReport::RiskDismissed { upn } => Some(upn),
        _ => None,
    }
}

/// An audit line: what was done, never a secret the console showed once.
fn audited(report: &AdminReport) -> String {
    match report {
        AdminReport::TemporaryAccessPass { upn, minutes, .. } => {
            format!("Temporary Access Pass issued for {upn} (valid {minutes} minutes)")
        }
        AdminReport::TemporaryPassword { upn, .. } => {
            format!("Password of {upn} reset to a temporary password")
        }
        other => other.to_string(),
    }
}
