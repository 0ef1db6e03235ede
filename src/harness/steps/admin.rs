//! Steps for the administrator's console and the sign-in log.

use crate::actors::admin::AdminAction;
use crate::harness::GuideWorld;
use crate::harness::params::{Person, State, Switch};
use crate::records::AdminReport;
use crate::tenant::MfaState;
use anyhow::{Context, Result, bail, ensure};
use cucumber::gherkin::Step;
use cucumber::{given, then, when};

async fn admin_do(w: &mut GuideWorld, who: &str, action: AdminAction) -> Result<AdminReport> {
    let upn = w.person(who)?.upn.clone();
    Ok(w.sim()?.admin.act(&upn, action).await??)
}

fn state(word: &str) -> Result<MfaState> {
    Ok(match word {
        "enables" | "enabled" => MfaState::Enabled,
        "enforces" | "enforced" => MfaState::Enforced,
        "disables" | "disabled" => MfaState::Disabled,
        other => bail!("unknown MFA state `{other}`"),
    })
}

/// Example: When the administrator enables MFA for Dana
#[given(
    regex = r"^the administrator (enables|enforces|disables) MFA for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
#[when(
    regex = r"^the administrator (enables|enforces|disables) MFA for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
async fn set_mfa(w: &mut GuideWorld, step: &Step, verb: String, who: Person) -> Result<()> {
    w.at(step);
    let report = admin_do(w, &who, AdminAction::SetMfa(state(&verb)?)).await?;
    ensure!(
        matches!(report, AdminReport::PerUserMfa { .. }),
        "the console said: {report}"
    );
    Ok(())
}

/// Example: Given Dana's MFA state is "enforced"
/// Expression: {person}'s MFA state is {state}
#[given(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s MFA state is (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
async fn mfa_state_set(w: &mut GuideWorld, step: &Step, who: Person, wanted: State) -> Result<()> {
    // Given sets up, Then checks: the administrator puts the account in that state.
    w.at(step);
    admin_do(w, &who, AdminAction::SetMfa(wanted.0)).await?;
    let upn = w.person(&who)?.upn.clone();
    let now = w.sim()?.admin.describe(&upn).await??.mfa;
    ensure!(
        now == wanted.0,
        "the administrator set {who}'s MFA state to {}, and the service made it {now}",
        wanted.0
    );
    Ok(())
}

/// Example: Then Dana's MFA state is "enforced"
/// Expression: {person}'s MFA state is {state}
#[then(
    regex = r#"^([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s MFA state is (?:(?:"(?P<__1_0>[\x{0}-!\#-\x{10FFFF}]*)"))$"#
)]
async fn mfa_state_is(w: &mut GuideWorld, step: &Step, who: Person, expected: State) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    ensure!(
        summary.mfa == expected.0,
        "{who}'s per-user MFA state is {}",
        summary.mfa
    );
    Ok(())
}

/// Example: When the administrator turns app passwords off
/// Expression: the administrator turns app passwords {switch}
#[given(regex = r"^the administrator turns app passwords (on|off)$")]
#[when(regex = r"^the administrator turns app passwords (on|off)$")]
async fn app_password_setting(w: &mut GuideWorld, step: &Step, on: Switch) -> Result<()> {
    w.at(step);
    w.sim()?.admin.allow_app_passwords(on.0).await?;
    ensure!(
        w.sim()?.tenant.lock().policy.app_passwords == on.0,
        "the setting did not change"
    );
    Ok(())
}

/// Example: Given the administrator turns "Report suspicious activity" on
#[given(
    regex = r#"^the administrator turns "(Report suspicious activity|Automatically block users who report fraud)" (on|off)$"#
)]
#[when(
    regex = r#"^the administrator turns "(Report suspicious activity|Automatically block users who report fraud)" (on|off)$"#
)]
async fn fraud_setting(w: &mut GuideWorld, step: &Step, name: String, on: String) -> Result<()> {
    use crate::records::FraudSetting;
    w.at(step);
    let setting = if name == "Report suspicious activity" {
        FraudSetting::ReportSuspiciousActivity
    } else {
        FraudSetting::AutoBlock
    };
    let on = on == "on";
    w.sim()?.admin.fraud_setting(setting, on).await?;
    let policy = w.sim()?.tenant.lock().policy.clone();
    let now = match setting {
        FraudSetting::ReportSuspiciousActivity => policy.report_suspicious_activity,
        FraudSetting::AutoBlock => policy.fraud_alert_auto_block,
    };
    ensure!(now == on, "the setting did not change");
    Ok(())
}

/// Example: When the administrator requires Dana to register MFA again
/// Expression: the administrator requires {person} to register MFA again
#[given(
    regex = r"^the administrator requires ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) to register MFA again$"
)]
#[when(
    regex = r"^the administrator requires ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) to register MFA again$"
)]
async fn require_reregistration(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    admin_do(w, &who, AdminAction::RequireReregistration).await?;
    let upn = w.person(&who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    // Rule 29: phones and apps go; a passkey is not among the methods the action deletes.
    let left: Vec<_> = summary
        .method_names
        .iter()
        .filter(|m| !m.starts_with("Passkey"))
        .collect();
    ensure!(left.is_empty(), "{who} still has {} methods", left.len());
    Ok(())
}

/// Example: When the administrator revokes Dana's MFA sessions
/// Expression: the administrator revokes {person}'s MFA sessions
#[given(
    regex = r"^the administrator revokes ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s MFA sessions$"
)]
#[when(
    regex = r"^the administrator revokes ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s MFA sessions$"
)]
async fn revoke(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let report = admin_do(w, &who, AdminAction::RevokeMfaSessions).await?;
    ensure!(
        matches!(report, AdminReport::MfaSessionsRevoked { .. }),
        "the console said: {report}"
    );
    Ok(())
}

/// Example: When the administrator revokes Dana's sign-in sessions
/// Expression: the administrator revokes {person}'s sign-in sessions
#[given(
    regex = r"^the administrator revokes ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s sign-in sessions$"
)]
#[when(
    regex = r"^the administrator revokes ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s sign-in sessions$"
)]
async fn revoke_sign_in(w: &mut GuideWorld, step: &Step, who: Person) -> Result<()> {
    w.at(step);
    let report = admin_do(w, &who, AdminAction::RevokeSignInSessions).await?;
    ensure!(
        matches!(report, AdminReport::SignInSessionsRevoked { .. }),
        "the console said: {report}"
    );
    Ok(())
}

/// Example: When the administrator resets Dana's password to "Blue-Kettle-19"
/// Expression: the administrator resets {person}'s password to {string}
#[given(
    regex = r#"^the administrator resets ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s password to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
#[when(
    regex = r#"^the administrator resets ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s password to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn reset_password(w: &mut GuideWorld, step: &Step, who: Person, pw: String) -> Result<()> {
    w.at(step);
    let report = admin_do(w, &who, AdminAction::ResetPassword(pw)).await?;
    ensure!(
        matches!(report, AdminReport::PasswordReset { .. }),
        "the console said: {report}"
    );
    Ok(())
}

/// Example: When the administrator resets Dana's password to "Blue-Kettle-19", to be changed at the next sign-in
/// Expression: the administrator resets {person}'s password to {string}, to be changed at the next sign-in
#[given(
    regex = r#"^the administrator resets ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s password to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)'), to be changed at the next sign-in$"#
)]
#[when(
    regex = r#"^the administrator resets ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s password to (?:"(?P<__1_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__1_1>[^'\\]*(?:\\.[^'\\]*)*)'), to be changed at the next sign-in$"#
)]
async fn reset_password_to_change(
    w: &mut GuideWorld,
    step: &Step,
    who: Person,
    pw: String,
) -> Result<()> {
    w.at(step);
    let report = admin_do(
        w,
        &who,
        AdminAction::ResetPasswordChecked {
            chosen: Some(pw),
            change_at_next_sign_in: true,
        },
    )
    .await?;
    ensure!(
        matches!(report, AdminReport::PasswordReset { .. }),
        "the console said: {report}"
    );
    Ok(())
}

/// Example: When the administrator issues Dana a Temporary Access Pass for 60 minutes
/// Expression: the administrator issues {person} a Temporary Access Pass for {int} minutes
#[given(
    regex = r"^the administrator issues ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) a Temporary Access Pass for ((?:-?\d+)|(?:\d+)) minutes$"
)]
#[when(
    regex = r"^the administrator issues ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) a Temporary Access Pass for ((?:-?\d+)|(?:\d+)) minutes$"
)]
async fn issue_tap(w: &mut GuideWorld, step: &Step, who: Person, minutes: i64) -> Result<()> {
    w.at(step);
    let report = admin_do(
        w,
        &who,
        AdminAction::TemporaryAccessPass {
            minutes,
            one_time: false,
        },
    )
    .await?;
    let AdminReport::TemporaryAccessPass { code: pass, .. } = report else {
        bail!("the console showed no pass: {report}");
    };
    ensure!(
        pass.len() == 8,
        "a Temporary Access Pass has 8 characters, got {pass}"
    );
    w.remembered.insert("pass".into(), pass);
    Ok(())
}

/// Example: When the administrator blocks MFA for Dana
#[given(
    regex = r"^the administrator (blocks|unblocks) MFA for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
#[when(
    regex = r"^the administrator (blocks|unblocks) MFA for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
async fn block_mfa(w: &mut GuideWorld, step: &Step, verb: String, who: Person) -> Result<()> {
    w.at(step);
    admin_do(w, &who, AdminAction::BlockMfa(verb == "blocks")).await?;
    let upn = w.person(&who)?.upn.clone();
    ensure!(
        w.sim()?.admin.describe(&upn).await??.mfa_blocked == (verb == "blocks"),
        "the block did not change"
    );
    Ok(())
}

/// Example: Then the administrator sees that Dana is at high risk
#[then(
    regex = r"^the administrator sees that ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) is (at high risk|not at risk)$"
)]
async fn risk(w: &mut GuideWorld, step: &Step, who: Person, what: String) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let high = w.sim()?.admin.describe(&upn).await??.high_risk;
    ensure!(
        high == (what == "at high risk"),
        "{who}'s risk flag is {high}"
    );
    Ok(())
}

/// Example: Then the administrator sees that Dana's MFA is blocked
#[then(
    regex = r"^the administrator sees that ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s MFA is (blocked|not blocked)$"
)]
async fn mfa_blocked(w: &mut GuideWorld, step: &Step, who: Person, what: String) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let blocked = w.sim()?.admin.describe(&upn).await??.mfa_blocked;
    ensure!(
        blocked == (what == "blocked"),
        "{who}'s MFA is {}",
        if blocked { "blocked" } else { "not blocked" }
    );
    Ok(())
}

/// Example: Then the sign-in log shows a "Success" for Dana with "Text message"
/// Expression: the sign-in log shows a(n) {string} for {person} with {string}
#[then(
    regex = r#"^the sign-in log shows a(?:n)? (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)') for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?) with (?:"(?P<__2_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__2_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn log_shows(
    w: &mut GuideWorld,
    step: &Step,
    result: String,
    who: Person,
    detail: String,
) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let log = w.sim()?.admin.sign_in_log().await?;
    let found = log.iter().rev().find(|r| {
        r.user == upn
            && r.result.to_string() == result
            && (r.detail.contains(&detail)
                || r.method.as_deref().is_some_and(|m| m.contains(&detail)))
    });
    ensure!(
        found.is_some(),
        "no {result} row for {upn} mentioning \"{detail}\"; the log has:\n{}",
        log.iter()
            .map(|r| r.to_string())
            .collect::<Vec<_>>()
            .join("\n")
    );
    Ok(())
}

/// Example: Then the sign-in log shows 3 failures for Dana
/// Expression: the sign-in log shows {int} failure(s) for {person}
#[then(
    regex = r"^the sign-in log shows ((?:-?\d+)|(?:\d+)) failure(?:s)? for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
async fn log_failures(w: &mut GuideWorld, step: &Step, count: usize, who: Person) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let log = w.sim()?.admin.sign_in_log().await?;
    let failures: Vec<String> = log
        .iter()
        .filter(|r| r.user == upn && r.result == crate::records::SignInResult::Failure)
        .map(|r| r.to_string())
        .collect();
    ensure!(
        failures.len() == count,
        "the sign-in log shows {} failures for {upn}, not {count}{}",
        failures.len(),
        if failures.is_empty() {
            String::new()
        } else {
            format!(":\n{}", failures.join("\n"))
        }
    );
    Ok(())
}

/// Example: When the administrator blocks sign-in for Dana
#[given(
    regex = r"^the administrator (blocks|unblocks) sign-in for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
#[when(
    regex = r"^the administrator (blocks|unblocks) sign-in for ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)$"
)]
async fn block_sign_in(w: &mut GuideWorld, step: &Step, verb: String, who: Person) -> Result<()> {
    w.at(step);
    admin_do(w, &who, AdminAction::BlockSignIn(verb == "blocks")).await?;
    let upn = w.person(&who)?.upn.clone();
    ensure!(
        w.sim()?.admin.describe(&upn).await??.sign_in_blocked == (verb == "blocks"),
        "the block did not change"
    );
    Ok(())
}

/// Example: When the administrator lets browsers remember MFA for 14 days
/// Expression: the administrator lets browsers remember MFA for {int} days
#[given(regex = r"^the administrator lets browsers remember MFA for ((?:-?\d+)|(?:\d+)) days$")]
#[when(regex = r"^the administrator lets browsers remember MFA for ((?:-?\d+)|(?:\d+)) days$")]
async fn remember_mfa(w: &mut GuideWorld, step: &Step, days: u32) -> Result<()> {
    w.at(step);
    w.sim()?.admin.remember_mfa_days(Some(days)).await?;
    ensure!(
        w.sim()?.tenant.lock().policy.remember_mfa_days == Some(days),
        "the setting did not change"
    );
    Ok(())
}

/// Example: Given the administrator asks for 2 methods at registration
#[given(regex = r"^the administrator asks for (\d+) methods? at registration$")]
#[when(regex = r"^the administrator asks for (\d+) methods? at registration$")]
async fn registration_methods(w: &mut GuideWorld, step: &Step, count: u8) -> Result<()> {
    w.at(step);
    ensure!(
        crate::tenant::policy::REGISTRATION_METHODS.contains(&count),
        "registration asks for 1 or 2 methods, not {count}"
    );
    w.sim()?.admin.registration_methods(count).await?;
    ensure!(
        w.sim()?.tenant.lock().policy.registration_methods == count,
        "the setting did not change"
    );
    Ok(())
}

/// Example: Then the administrator sees "Passkey (Microsoft Authenticator)" among Dana's methods
#[then(
    regex = r#"^the administrator (sees|does not see) "([^"]+)" among ([A-Z][A-Za-z'\-]*(?: [A-Z][A-Za-z'\-]*)?)'s methods$"#
)]
async fn admin_sees_method(
    w: &mut GuideWorld,
    step: &Step,
    verb: String,
    method: String,
    who: Person,
) -> Result<()> {
    w.at(step);
    let upn = w.person(&who)?.upn.clone();
    let summary = w.sim()?.admin.describe(&upn).await??;
    let listed = summary.method_names.iter().any(|m| *m == method);
    ensure!(
        listed == (verb == "sees"),
        "{who}'s methods in the console: {}",
        crate::words::quoted_list(summary.method_names.iter().copied())
    );
    Ok(())
}

/// Example: Given the administrator turns on Conditional Access requiring MFA for all users
/// Expression: the administrator turns {switch} Conditional Access requiring MFA for all users
#[given(
    regex = r"^the administrator turns (on|off) Conditional Access requiring MFA for all users$"
)]
#[when(
    regex = r"^the administrator turns (on|off) Conditional Access requiring MFA for all users$"
)]
async fn conditional_access(w: &mut GuideWorld, step: &Step, on: Switch) -> Result<()> {
    w.at(step);
    w.sim()?.admin.conditional_access_mfa(on.0).await?;
    ensure!(
        w.sim()?.tenant.lock().policy.conditional_access.require_mfa == on.0,
        "the setting did not change"
    );
    Ok(())
}

/// Example: When the administrator unticks "Text message to phone" in the MFA service settings
#[given(regex = r#"^the administrator (ticks|unticks) "([^"]+)" in the MFA service settings$"#)]
#[when(regex = r#"^the administrator (ticks|unticks) "([^"]+)" in the MFA service settings$"#)]
async fn service_setting(
    w: &mut GuideWorld,
    step: &Step,
    verb: String,
    label: String,
) -> Result<()> {
    use crate::records::ServiceSettings;
    w.at(step);
    let option = ServiceSettings::LABELS
        .iter()
        .position(|l| *l == label)
        .with_context(|| {
            format!(
                "the page has no option \"{label}\"; it has {}",
                crate::words::quoted_list(ServiceSettings::LABELS)
            )
        })?;
    w.sim()?
        .admin
        .service_settings(Some((option, verb == "ticks")))
        .await?;
    Ok(())
}

/// Example: Then the MFA service settings page says "no longer decide"
/// Expression: the MFA service settings page says {string}
#[then(
    regex = r#"^the MFA service settings page says (?:"(?P<__0_0>[^"\\]*(?:\\.[^"\\]*)*)"|'(?P<__0_1>[^'\\]*(?:\\.[^'\\]*)*)')$"#
)]
async fn service_settings_say(w: &mut GuideWorld, step: &Step, words: String) -> Result<()> {
    w.at(step);
    let page = w.sim()?.admin.service_settings(None).await?.to_string();
    ensure!(page.contains(&words), "the page reads: {page}");
    Ok(())
}

/// Example: Given the administrator adds 198.51.100.0/24 to the trusted IPs
#[given(regex = r"^the administrator adds (\S+) to the trusted IPs$")]
#[when(regex = r"^the administrator adds (\S+) to the trusted IPs$")]
async fn trusted_ips(w: &mut GuideWorld, step: &Step, range: String) -> Result<()> {
    w.at(step);
    w.sim()?
        .admin
        .add_trusted_ips(&range)
        .await?
        .map_err(anyhow::Error::msg)?;
    Ok(())
}
