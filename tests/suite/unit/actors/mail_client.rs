//! Tests of `mfa_sim::actors::mail_client` (`src/actors/mail_client.rs`), through its public API.

use mfa_sim::actors::mail_client::*;
use mfa_sim::actors::mailbox::Lifetime;
use mfa_sim::records::BasicRefusal;
use mfa_sim::records::{MailStatus, PanelKind, Wording};
use mfa_sim::tenant::{MfaState, Policy};
use mfa_sim::tenant::{Protocol, TenantHandle};
use mfa_sim::transcript::Transcript;

/// Dana, enforced, with an App Password, on `date`; a mail app of `product` set up as
/// `kind`.
async fn app(
    date: &str,
    kind: MailKind,
    product: MailProduct,
) -> (MailClientHandle, String, mfa_sim::actors::LifetimeGuard) {
    let policy = Policy {
        app_passwords: true,
        ..Policy::default()
    };
    let (mut t, id, clock) = crate::unit::tenant::test_tenant::with_user(
        date,
        policy,
        5,
        ("dana@contoso.com", "Dana Whitfield", "pw-right"),
    );
    t.user_mut(id).mfa = MfaState::Enforced;
    let pw = t.create_app_password(id, "Mail").unwrap();
    let (guard, lifetime) = Lifetime::new();
    let handle = MailClientHandle::spawn(
        "Mail",
        kind,
        product,
        TenantHandle::new(t),
        clock,
        Transcript::default(),
        &lifetime,
    );
    (handle, pw, guard)
}

#[tokio::test]
async fn the_phones_mail_app_signs_in_either_way_the_person_chooses() {
    let (mail, pw, _guard) = app(
        "2021-06-01",
        MailKind::Basic(Protocol::ActiveSync),
        MailProduct::PhoneMail,
    )
    .await;
    let manual = mail
        .add_account(PhoneMailSetup::ConfigureManually)
        .await
        .unwrap();
    assert_eq!(manual, Ok(MailStatus::NoAccount));
    assert_eq!(
        mail.enter_password("dana@contoso.com", "pw-right")
            .await
            .unwrap(),
        MailStatus::Refused(BasicRefusal::NeedsAppPassword)
    );
    assert_eq!(
        mail.enter_password("dana@contoso.com", &pw).await.unwrap(),
        MailStatus::Connected
    );
    let sign_in = mail.add_account(PhoneMailSetup::SignIn).await.unwrap();
    assert_eq!(sign_in, Ok(MailStatus::SignsInThroughWindow));
    assert_eq!(mail.kind().await.unwrap(), MailKind::Modern);
    assert_eq!(
        mail.sync().await.unwrap(),
        MailStatus::NoAccount,
        "the stored App Password went with the old account"
    );
    // Other apps do not ask.
    let (other, _, _g) = app(
        "2021-06-01",
        MailKind::Basic(Protocol::Imap),
        MailProduct::Other,
    )
    .await;
    assert_eq!(
        other.add_account(PhoneMailSetup::SignIn).await.unwrap(),
        Err(NotPhoneMail)
    );
}

#[test]
fn the_iphone_mail_account_screen_follows_what_the_app_holds() {
    let manual = account_view(
        MailKind::Basic(Protocol::ActiveSync),
        Some("dana@contoso.com"),
        true,
        MailStatus::Connected,
    );
    assert_eq!(manual.kind, PanelKind::MailAccount);
    assert!(
        manual
            .fields
            .contains(&("Password".into(), "••••••••".into()))
    );
    assert!(
        manual
            .fields
            .contains(&("Email".into(), "dana@contoso.com".into()))
    );
    assert_eq!(manual.toggles, vec![("Mail".into(), true)]);
    assert_eq!(manual.pressed.as_deref(), Some("Next"));
    assert!(!manual.to_string().contains("pw"), "no password in clear");
    let refused = account_view(
        MailKind::Basic(Protocol::ActiveSync),
        Some("dana@contoso.com"),
        true,
        MailStatus::Refused(mfa_sim::records::BasicRefusal::NeedsAppPassword),
    );
    assert_eq!(refused.toggles, vec![("Mail".into(), false)]);
    assert!(
        refused
            .lines
            .iter()
            .any(|(l, w)| l.contains("refused") && *w == Wording::Simulator)
    );
    let asking = account_view(
        MailKind::Modern,
        None,
        false,
        MailStatus::SignsInThroughWindow,
    );
    assert_eq!(asking.buttons, ["Configure Manually", "Sign In"]);
    assert!(asking.fields.is_empty());
    let signed_in = account_view(
        MailKind::Modern,
        Some("dana@contoso.com"),
        false,
        MailStatus::Connected,
    );
    assert_eq!(signed_in.subtitle.as_deref(), Some("dana@contoso.com"));
    assert!(signed_in.toggles.iter().all(|(_, on)| *on));
    assert!(!signed_in.fields.iter().any(|(l, _)| l == "Password"));
}

#[tokio::test]
async fn windows_mail_works_with_an_app_password_until_its_end_of_support() {
    let (mail, pw, _guard) = app(
        "2021-06-01",
        MailKind::Basic(Protocol::ActiveSync),
        MailProduct::WindowsMail,
    )
    .await;
    assert_eq!(
        mail.enter_password("dana@contoso.com", &pw).await.unwrap(),
        MailStatus::Connected
    );
    for date in ["2025-01-01", "2026-11-28"] {
        let (mail, pw, _guard) = app(
            date,
            MailKind::Basic(Protocol::ActiveSync),
            MailProduct::WindowsMail,
        )
        .await;
        let status = mail.enter_password("dana@contoso.com", &pw).await.unwrap();
        assert_eq!(status, MailStatus::WindowsMailRetired, "{date}");
        assert!(status.to_string().contains("new Outlook"));
    }
    // The day before, the app still runs (and Exchange refuses its password since 2022).
    let (mail, pw, _guard) = app(
        "2024-12-31T23:59:59Z",
        MailKind::Basic(Protocol::ActiveSync),
        MailProduct::WindowsMail,
    )
    .await;
    assert!(matches!(
        mail.enter_password("dana@contoso.com", &pw).await.unwrap(),
        MailStatus::Refused(BasicRefusal::RetiredByMicrosoft(Protocol::ActiveSync))
    ));
}
