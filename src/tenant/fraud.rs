//! What a fraud report does (rule 16 of [`crate::rules`]): a person who did not expect a
//! verification presses 0# on the call or reports the request in Microsoft Authenticator.
//!
//! The attempt is always denied and the sign-in log always records the fraud code. What else
//! happens is the tenant's choice, through two settings of [`super::Policy`], both off by
//! default:
//!
//! - `report_suspicious_activity` ("Report suspicious activity", which replaced the fraud
//!   alert): the person goes to high user risk;
//! - `fraud_alert_auto_block` (the older Fraud alert's "Automatically block users who report
//!   fraud"): the person's MFA is blocked for 90 days, or until an administrator unblocks it.
//!
//! With both off (Microsoft managed), a report denies the attempt and changes nothing else.

use super::Tenant;
use super::methods::VerifyOption;
use super::sign_in_log::{ClientKind, SignInResult};

/// The sign-in log's detail for a report made by pressing 0# on a call.
pub(crate) const FRAUD_CODE_ENTERED: &str = "MFA denied; fraud code entered";
/// The sign-in log's detail for a report made in Microsoft Authenticator.
pub(crate) const REPORTED_IN_APP: &str = "MFA denied; reported as fraud in Microsoft Authenticator";

impl Tenant {
    /// True when a report does more than deny (either setting is on): the call's greeting then
    /// invites the person to press 0#.
    pub(crate) fn takes_fraud_reports(&self) -> bool {
        self.policy.report_suspicious_activity || self.policy.fraud_alert_auto_block
    }

    /// The person reported the challenge as fraud: log it, then raise the risk or block MFA
    /// where the tenant's settings say so.
    pub(super) fn fraud_reported(&mut self, challenge_id: u64) {
        let Some(c) = self.challenges.get(&challenge_id) else {
            return;
        };
        let (user, option, address) = (c.user, c.option, c.client);
        let upn = self.user(user).upn.clone();
        let detail = if matches!(option, VerifyOption::Call(_)) {
            FRAUD_CODE_ENTERED
        } else {
            REPORTED_IN_APP
        };
        self.log(
            &upn,
            "Office 365",
            super::Client {
                kind: ClientKind::Browser,
                address,
            },
            Some(option.label().to_string()),
            SignInResult::Failure,
            detail,
        );
        if self.policy.report_suspicious_activity {
            self.user_mut(user).high_risk = true;
        }
        if self.policy.fraud_alert_auto_block {
            self.set_mfa_blocked(user, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tenant::methods::Method;
    use crate::tenant::{
        ChallengeState, Failure, MfaState, PhoneSlot, Policy, Purpose, StartError, Tenant, UserId,
        VerifyOption,
    };

    const CALL: VerifyOption = VerifyOption::Call(PhoneSlot::Mobile);

    fn tenant(policy: Policy) -> (Tenant, UserId, crate::clock::Clock) {
        let (mut t, id, clock) = crate::tenant::test_tenant::with_user(
            "2021-06-01",
            policy,
            3,
            ("dana@contoso.com", "Dana Whitfield", "pw-right"),
        );
        crate::tenant::test_tenant::add_mobile(&mut t, id);
        t.set_mfa_state(id, MfaState::Enabled);
        (t, id, clock)
    }

    fn report_by_call(t: &mut Tenant, id: UserId) {
        let c = t.start_challenge(id, CALL, Purpose::SignIn).unwrap();
        assert_eq!(
            t.answer_call(c, "0#"),
            ChallengeState::Failed(Failure::Reported)
        );
    }

    #[test]
    fn with_reporting_off_zero_pound_only_denies() {
        // Rule 16, Microsoft managed: denied, logged as a fraud code, no risk, no block.
        let (mut t, id, _) = tenant(Policy::default());
        report_by_call(&mut t, id);
        assert!(!t.user(id).high_risk);
        assert_eq!(t.user(id).mfa_blocked_until, None);
        let row = t.sign_in_log().last().unwrap();
        assert_eq!(row.detail, super::FRAUD_CODE_ENTERED);
        assert_eq!(row.result, crate::records::SignInResult::Failure);
        assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
    }

    #[test]
    fn report_suspicious_activity_raises_the_risk_without_blocking() {
        let (mut t, id, _) = tenant(Policy {
            report_suspicious_activity: true,
            ..Policy::default()
        });
        report_by_call(&mut t, id);
        assert!(t.user(id).high_risk);
        assert_eq!(t.user(id).mfa_blocked_until, None);
        assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
    }

    #[test]
    fn a_report_in_the_app_counts_too() {
        let (mut t, id, _) = tenant(Policy {
            report_suspicious_activity: true,
            ..Policy::default()
        });
        // A push challenge needs an Authenticator; a report on an app-code challenge is not
        // possible, so make the push by hand through the registration path's device.
        t.user_mut(id)
            .info
            .add(
                Method::Authenticator {
                    device: 7,
                    device_name: "Microsoft Authenticator".into(),
                    oath: crate::tenant::oath::Oath::new(&[1; 20], "Contoso", "dana").unwrap(),
                    last_step: None,
                },
                0,
            )
            .unwrap();
        let c = t
            .start_challenge(id, VerifyOption::Push, Purpose::SignIn)
            .unwrap();
        assert_eq!(
            t.answer_push(c, crate::tenant::Answer::Report),
            ChallengeState::Failed(Failure::Reported)
        );
        assert!(t.user(id).high_risk);
        assert_eq!(
            t.sign_in_log().last().unwrap().detail,
            super::REPORTED_IN_APP
        );
    }

    #[test]
    fn the_fraud_alert_auto_block_stops_mfa_for_90_days_or_until_unblocked() {
        let (mut t, id, clock) = tenant(Policy {
            fraud_alert_auto_block: true,
            ..Policy::default()
        });
        report_by_call(&mut t, id);
        assert!(!t.user(id).high_risk, "risk belongs to the other setting");
        assert_eq!(
            t.start_challenge(id, CALL, Purpose::SignIn),
            Err(StartError::Blocked)
        );
        clock.advance(89 * 86_400);
        assert_eq!(
            t.start_challenge(id, CALL, Purpose::SignIn),
            Err(StartError::Blocked)
        );
        clock.advance(86_400);
        assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
        // Reported again: blocked again, and an administrator can lift it at once.
        report_by_call(&mut t, id);
        assert_eq!(
            t.start_challenge(id, CALL, Purpose::SignIn),
            Err(StartError::Blocked)
        );
        t.set_mfa_blocked(id, false);
        assert!(t.start_challenge(id, CALL, Purpose::SignIn).is_ok());
    }

    #[test]
    fn the_greeting_invites_zero_pound_only_where_reports_do_something() {
        for (risk, block, invites) in [
            (false, false, false),
            (true, false, true),
            (false, true, true),
        ] {
            let (t, _, _) = tenant(Policy {
                report_suspicious_activity: risk,
                fraud_alert_auto_block: block,
                ..Policy::default()
            });
            assert_eq!(t.takes_fraud_reports(), invites);
        }
    }
}
