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
pub const FRAUD_CODE_ENTERED: &str = "MFA denied; fraud code entered";
/// The sign-in log's detail for a report made in Microsoft Authenticator.
pub const REPORTED_IN_APP: &str = "MFA denied; reported as fraud in Microsoft Authenticator";

impl Tenant {
    /// True when a report does more than deny (either setting is on): the call's greeting then
    /// invites the person to press 0#.
    pub fn takes_fraud_reports(&self) -> bool {
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
