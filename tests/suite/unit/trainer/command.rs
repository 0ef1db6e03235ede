//! Tests of `mfa_sim::trainer::command` (`src/trainer/command.rs`), through its public API.

use mfa_sim::trainer::command::*;

#[test]
fn commands() {
    assert_eq!(parse("2"), Ok(Command::Choose(2)));
    assert_eq!(
        parse("type Phone number: 4255550123"),
        Ok(Command::Type {
            field: Some("Phone number".into()),
            text: "4255550123".into()
        })
    );
    assert_eq!(
        parse("password iPhone Mail abcdefghijklmnop"),
        Ok(Command::MailPassword(
            "iPhone Mail".into(),
            "abcdefghijklmnop".into()
        ))
    );
    assert_eq!(
        parse("account iPhone Mail sign-in"),
        Ok(Command::MailAccount(
            "iPhone Mail".into(),
            mfa_sim::actors::PhoneMailSetup::SignIn
        ))
    );
    assert_eq!(
        parse("account iPhone Mail manual"),
        Ok(Command::MailAccount(
            "iPhone Mail".into(),
            mfa_sim::actors::PhoneMailSetup::ConfigureManually
        ))
    );
    assert!(parse("account iPhone Mail later").is_err());
    assert_eq!(
        parse("signin iPhone Mail"),
        Ok(Command::MailSignIn("iPhone Mail".into()))
    );
    assert_eq!(
        parse("finish iPhone Mail"),
        Ok(Command::MailFinish("iPhone Mail".into()))
    );
    assert_eq!(parse("approve 42"), Ok(Command::Approve(Some(42))));
    assert!(parse("dance").is_err());
    let typo = parse("verfy dana callback").unwrap_err().0;
    assert!(typo.contains("Did you mean `verify`?"), "{typo}");
    assert_eq!(parse("copy"), Ok(Command::Copy(None)));
    assert!(parse("approve forty").is_err());
    assert_eq!(parse("unlock"), Ok(Command::Unlock));
    assert_eq!(parse("who"), Ok(Command::Who(None)));
    assert_eq!(
        parse("verify dana callback"),
        Ok(Command::Verify("dana".into(), Some("callback".into())))
    );
    assert_eq!(
        parse("verify dana"),
        Ok(Command::Verify("dana".into(), None))
    );
    assert_eq!(
        parse("ask dana employee id"),
        Ok(Command::Ask("dana".into(), Some("employee id".into())))
    );
    assert_eq!(parse("refuse lee"), Ok(Command::Refuse("lee".into())));
    assert_eq!(parse("restart"), Ok(Command::Restart));
    assert_eq!(parse("who Dana"), Ok(Command::Who(Some("Dana".into()))));
    assert!(parse("").is_err());
}

#[test]
fn wait_is_one_second_to_one_day() {
    assert_eq!(parse("wait 30"), Ok(Command::Wait(30)));
    assert_eq!(parse("wait 30s"), Ok(Command::Wait(30)));
    assert_eq!(parse("wait 86400"), Ok(Command::Wait(86_400)));
    for (line, says) in [
        ("wait 0", "only moves forward"),
        ("wait -5", "only moves forward"),
        ("wait -99999999999999999999999", "only moves forward"),
        ("wait 86401", "at most 86400"),
        ("wait 99999999999999999999999", "at most 86400"),
        ("wait soon", "whole number"),
        ("wait 1.5", "whole number"),
        ("wait -", "whole number"),
    ] {
        let err = parse(line).unwrap_err().0;
        assert!(err.contains(says), "{line}: {err}");
    }
}

#[test]
fn signal_and_internet_take_on_or_off() {
    use mfa_sim::trainer::command::{Command, parse};
    assert_eq!(parse("signal off"), Ok(Command::Signal(false)));
    assert_eq!(parse("Signal ON"), Ok(Command::Signal(true)));
    assert_eq!(parse("internet off"), Ok(Command::Internet(false)));
    let err = parse("signal maybe").unwrap_err();
    assert!(err.0.contains("`on` or `off`"), "{}", err.0);
}
