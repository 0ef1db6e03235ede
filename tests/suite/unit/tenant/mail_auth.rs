//! Tests of `mfa_sim::tenant::mail_auth` (`src/tenant/mail_auth.rs`), through its public API.

use mfa_sim::tenant::Tenant;
use mfa_sim::tenant::calendar::Protocol;
use mfa_sim::tenant::directory::MfaState;
use mfa_sim::tenant::mail_auth::*;

use mfa_sim::tenant::{Policy, UserId};

fn tenant(date: &str, app_passwords: bool) -> (Tenant, UserId) {
    let policy = Policy {
        app_passwords,
        ..Policy::default()
    };
    let (t, id, _) = crate::unit::tenant::test_tenant::with_user(
        date,
        policy,
        1,
        ("dana@contoso.com", "Dana Whitfield", "Pa55word!"),
    );
    (t, id)
}

#[test]
fn enforced_user_needs_an_app_password_on_the_guides_date() {
    let (mut t, id) = tenant("2021-06-01", true);
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", "Pa55word!", Protocol::Imap, "Mail"),
        BasicOutcome::Accepted {
            app_password: false
        }
    );
    t.user_mut(id).mfa = MfaState::Enforced;
    assert!(matches!(
        t.basic_sign_in("dana@contoso.com", "Pa55word!", Protocol::Imap, "Mail"),
        BasicOutcome::Refused(_)
    ));
    let pw = t.create_app_password(id, "iPhone Mail").unwrap();
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        BasicOutcome::Accepted { app_password: true }
    );
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        BasicOutcome::Accepted { app_password: true },
        "reused, not one-time"
    );
    let app_pw_id = t.user(id).app_passwords.records()[0].id;
    t.user_mut(id).app_passwords.delete(app_pw_id);
    assert!(matches!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail"),
        BasicOutcome::Refused(_)
    ));
}

#[test]
fn app_password_refused_after_basic_auth_ended() {
    let (mut t, id) = tenant("2022-10-01", true);
    t.user_mut(id).mfa = MfaState::Enforced;
    let pw = t.create_app_password(id, "iPhone Mail").unwrap();
    let BasicOutcome::Refused(reason) =
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail")
    else {
        panic!("IMAP basic auth must be refused after 2022-10-01");
    };
    assert!(reason.to_string().contains("2022-10-01"));
    assert_eq!(
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Smtp, "Mail"),
        BasicOutcome::Accepted { app_password: true }
    );
}

/// Each basic-auth row keeps which App Password was presented (unshown), accepted or refused,
/// so a refusal of an App Password is told apart from a wrong or account password.
#[test]
fn rows_keep_which_app_password_was_presented() {
    use mfa_sim::records::SignInResult::{Failure, Success};
    for (date, imap) in [("2021-06-01", Success), ("2026-11-28", Failure)] {
        let (mut t, id) = tenant(date, true);
        t.user_mut(id).mfa = MfaState::Enforced;
        let pw = t.create_app_password(id, "Thunderbird").unwrap();
        let made = t.user(id).app_passwords.records()[0].id;
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Imap, "Mail");
        t.basic_sign_in("dana@contoso.com", "Pa55word!", Protocol::Imap, "Mail");
        t.basic_sign_in("dana@contoso.com", "not-it", Protocol::Imap, "Mail");
        t.basic_sign_in("dana@contoso.com", &pw, Protocol::Smtp, "Mail");
        let rows = t.sign_in_log();
        let last: Vec<_> = rows[rows.len() - 4..]
            .iter()
            .map(|r| (r.result, r.app_password))
            .collect();
        assert_eq!(
            last,
            vec![
                (imap, Some(made)),
                (Failure, None),
                (Failure, None),
                (Success, Some(made))
            ],
            "{date}"
        );
        assert!(rows.iter().all(|r| !r.to_string().contains(&pw)));
    }
}
