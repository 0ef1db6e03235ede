//! Proving who you are: the password (with smart lockout), whether MFA is needed (per-user
//! MFA, security defaults or the Conditional Access policy, and the trusted IPs that skip it),
//! and the second-factor challenges (text, call, push, app code, passkey) with their attempt
//! limits, throttling, expiry and replay rules (rules 1, 5, 15-19, 27-28, 31 and 36 of
//! [`crate::rules`]).
//!
//! Replay: a texted code is single-use per user; an app code is refused at or before the last
//! time step accepted for that app (per user, per app), and the code that registered the app
//! counts as accepted, so it cannot be typed again at the next sign-in.

use super::Tenant;
use super::calendar;
use super::challenge::{Answer, Challenge, ChallengeState, CodeCheck, Failure, Purpose};
use super::directory::{MfaState, UserId};
use super::methods::{Method, PhoneSlot, VerifyOption, mask_phone};
use super::oath::CodeMatch;
use super::sign_in_log::{ClientKind, SignInResult};
use super::telephony::{self, CALLER_ID, IncomingCall, PushRequest, TEXT_SENDER};
use crate::clock::Instant;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

/// The result of typing a password.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasswordCheck {
    /// Right password.
    Ok(UserId),
    /// A valid Temporary Access Pass was typed instead: it counts as strong authentication.
    TemporaryPass(UserId),
    /// No such account.
    UnknownUser,
    /// Wrong password.
    Wrong,
    /// Smart lockout is in force.
    Locked,
    /// The administrator blocked sign-in.
    Blocked,
}

/// What a sign-in needs after the password.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SignInNeed {
    /// Nothing more.
    Nothing,
    /// The user must register methods first ("More information required").
    Register,
    /// Rule 36: the user's only methods were texts or calls, which the service no longer
    /// delivers to them; they must register a passkey before going on (no way to skip it).
    RegisterPasskey,
    /// A second factor, from these options (the default first).
    Verify(Vec<VerifyOption>),
}

/// A challenge could not be opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StartError {
    /// MFA is blocked for this user (fraud report or admin block).
    #[error("Your sign-in was blocked. Contact your help desk.")]
    Blocked,
    /// Too many texts in a short time (Microsoft's wording, entra-facts §7).
    #[error("You've hit our limit on text verification codes.")]
    TextsThrottled,
    /// Too many calls in a short time (Microsoft's wording, entra-facts §7).
    #[error("You've hit our limit on verification calls.")]
    CallsThrottled,
    /// Microsoft-provided texts and calls have ended for this tenant (rule 36).
    #[error(
        "Text messages and calls from Microsoft are no longer available for this organisation."
    )]
    PhoneRetired,
    /// The user has no such method.
    #[error("That method isn't set up for this account.")]
    NotRegistered,
}

/// Another text could not be sent ([`Tenant::resend_text`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ResendError {
    /// Nothing is waiting for a texted code (it was answered, failed or replaced). The
    /// simulator's wording.
    #[error("There's no code to send again. Start again from the previous step.")]
    NotWaiting,
    /// The send itself was refused (limit on texts, blocked, texts retired).
    #[error(transparent)]
    Refused(#[from] StartError),
}

fn code_hash(code: &str) -> [u8; 32] {
    Sha256::digest(code.as_bytes()).into()
}

impl Tenant {
    /// Check a password (or a Temporary Access Pass) for a sign-in by `app`.
    pub fn check_password(
        &mut self,
        upn: &str,
        typed: &str,
        app: &str,
        client: impl Into<super::Client>,
    ) -> PasswordCheck {
        let client = client.into();
        let now = self.now();
        let limits = self.policy.limits.clone();
        let refuse = |t: &mut Tenant, detail: &str, check: PasswordCheck| {
            t.log(upn, app, client, None, SignInResult::Failure, detail);
            check
        };
        let Some(id) = self.find(upn) else {
            return refuse(
                self,
                "user account does not exist",
                PasswordCheck::UnknownUser,
            );
        };
        let user = self.user_mut(id);
        if user.sign_in_blocked {
            return refuse(
                self,
                "sign-in blocked by administrator",
                PasswordCheck::Blocked,
            );
        }
        if user.lockout.locked(now) {
            return refuse(
                self,
                "account locked (smart lockout)",
                PasswordCheck::Locked,
            );
        }
        if let Some(tap) = user.tap.clone()
            && now < tap.expires
            && tap.code.matches(typed)
        {
            if tap.one_time {
                user.tap = None;
            }
            user.lockout.succeed();
            return PasswordCheck::TemporaryPass(id);
        }
        if user.password_is(typed) {
            user.lockout.succeed();
            return PasswordCheck::Ok(id);
        }
        if user
            .lockout
            .fail(typed, now, limits.lockout_threshold, limits.lockout_seconds)
        {
            refuse(
                self,
                "wrong password; account now locked",
                PasswordCheck::Locked,
            )
        } else {
            refuse(self, "wrong password", PasswordCheck::Wrong)
        }
    }

    /// What a browser or modern-app sign-in needs after the password. `mfa_at` is when this
    /// browser last completed MFA for the user, if it remembers (cookie).
    pub fn sign_in_need(&self, id: UserId, mfa_at: Option<Instant>) -> SignInNeed {
        let user = self.user(id);
        if !self.mfa_required(id) {
            return SignInNeed::Nothing;
        }
        let options = self.verify_options(id);
        if options.is_empty()
            && user.info.only_phones()
            && !calendar::phone_delivery_available(self.now(), &self.policy, user.role)
        {
            return SignInNeed::RegisterPasskey;
        }
        if user.info.is_empty() || options.is_empty() {
            return SignInNeed::Register;
        }
        let remembered = mfa_at.is_some_and(|at| {
            let days = i64::from(self.policy.remember_mfa_days.unwrap_or(0));
            at > user.mfa_sessions_valid_after && self.now() - at < days * 86_400
        });
        if remembered {
            SignInNeed::Nothing
        } else {
            SignInNeed::Verify(options)
        }
    }

    /// Whether a browser or modern-app sign-in by this user asks for a second factor at all:
    /// per-user MFA (Enabled or Enforced), security defaults, or the Conditional Access policy
    /// "require MFA for all users" (rule 1; that policy leaves the per-user state alone).
    pub fn mfa_required(&self, id: UserId) -> bool {
        self.user(id).mfa != MfaState::Disabled
            || self.policy.security_defaults
            || self.policy.conditional_access.require_mfa
    }

    /// Rule 5: a sign-in from one of the tenant's trusted IPs skips the second factor for a
    /// user who needs it only because of per-user MFA (the trusted IPs are a per-user MFA
    /// service setting; Conditional Access and security defaults do not read them).
    pub fn trusted_ip_skips_mfa(&self, id: UserId, client: std::net::Ipv4Addr) -> bool {
        let per_user_only = self.user(id).mfa != MfaState::Disabled
            && !self.policy.security_defaults
            && !self.policy.conditional_access.require_mfa;
        per_user_only
            && self
                .policy
                .trusted_ips
                .iter()
                .filter_map(|r| super::policy::IpRange::parse(r).ok())
                .any(|r| r.contains(client))
    }

    /// Whether Microsoft-provided texts and calls still reach this user (rule 36).
    pub(crate) fn phones_available(&self, id: UserId) -> bool {
        calendar::phone_delivery_available(self.now(), &self.policy, self.user(id).role)
    }

    /// The ways this user can verify now, default first, after policy and calendar.
    pub fn verify_options(&self, id: UserId) -> Vec<VerifyOption> {
        let m = &self.policy.methods;
        let phones = self.phones_available(id);
        let passkeys = calendar::passkeys_enabled(self.now(), &self.policy);
        self.user(id)
            .info
            .options()
            .into_iter()
            .filter(|o| match o {
                VerifyOption::Push => m.authenticator,
                VerifyOption::AppCode => m.authenticator || m.software_oath,
                VerifyOption::Text => m.sms && phones,
                VerifyOption::Call(PhoneSlot::Office) => m.voice && m.office_phone && phones,
                VerifyOption::Call(_) => m.voice && phones,
                VerifyOption::Passkey => passkeys,
            })
            .collect()
    }

    /// Rule 19: the way started first when this user must verify: their default or, with
    /// system-preferred MFA on, the strongest they have (a passkey, then push, then a TOTP
    /// code, then a text, then a call: the simulator's part of TAP > passkey > external > push
    /// > TOTP > SMS/voice > CBA). None when nothing is usable.
    pub fn first_option(&self, id: UserId) -> Option<VerifyOption> {
        let options = self.verify_options(id);
        if self.policy.system_preferred_mfa {
            options.into_iter().min_by_key(|o| match o {
                VerifyOption::Passkey => 0,
                VerifyOption::Push => 1,
                VerifyOption::AppCode => 2,
                VerifyOption::Text => 3,
                VerifyOption::Call(PhoneSlot::Mobile) => 4,
                VerifyOption::Call(PhoneSlot::Alternate) => 5,
                VerifyOption::Call(PhoneSlot::Office) => 6,
            })
        } else {
            options.first().copied()
        }
    }

    /// Note the address of the browser a challenge was opened for (see [`Challenge::client`]).
    pub(crate) fn challenge_seen_from(&mut self, id: u64, address: Option<std::net::Ipv4Addr>) {
        if let Some(c) = self.challenges.get_mut(&id) {
            c.client = address;
        }
    }

    /// Open a verification: send the text, place the call or push the request.
    pub fn start_challenge(
        &mut self,
        id: UserId,
        option: VerifyOption,
        purpose: Purpose,
    ) -> Result<u64, StartError> {
        let now = self.now();
        if self.user(id).mfa_blocked_until.is_some_and(|u| now < u) {
            return Err(StartError::Blocked);
        }
        let number = match (&purpose, option) {
            (Purpose::RegisterPhone { number, .. }, _) => Some(number.clone()),
            (_, VerifyOption::Text) => self
                .user(id)
                .info
                .phone(PhoneSlot::Mobile)
                .map(str::to_string),
            (_, VerifyOption::Call(slot)) => self.user(id).info.phone(slot).map(str::to_string),
            _ => None,
        };
        let phone_based = matches!(option, VerifyOption::Text | VerifyOption::Call(_));
        if phone_based {
            if number.is_none() {
                return Err(StartError::NotRegistered);
            }
            if !self.phones_available(id) {
                return Err(StartError::PhoneRetired);
            }
            let limits = self.policy.limits.clone();
            let user = self.user_mut(id);
            user.phone_sends
                .retain(|t| now - t < limits.throttle_window);
            if user.phone_sends.len() as u32 >= limits.phone_messages_per_window {
                return Err(if option == VerifyOption::Text {
                    StartError::TextsThrottled
                } else {
                    StartError::CallsThrottled
                });
            }
            user.phone_sends.push(now);
        }
        let push_devices: Vec<u64> = match (&purpose, option) {
            (Purpose::RegisterAuthenticator { device, .. }, _) => vec![*device],
            (_, VerifyOption::Passkey) => self.user(id).info.passkey_devices(),
            _ => self.user(id).info.push_devices(),
        };
        let pushed = matches!(option, VerifyOption::Push | VerifyOption::Passkey);
        if pushed && push_devices.is_empty() {
            return Err(StartError::NotRegistered);
        }
        let challenge_id = self.next_id();
        let mut challenge = Challenge {
            id: challenge_id,
            user: id,
            option,
            purpose,
            created: now,
            state: ChallengeState::Waiting,
            attempts: 0,
            number: None,
            code: None,
            masked_phone: number.as_deref().map(mask_phone),
            client: None,
        };
        let account = self.user(id).upn.clone();
        match option {
            VerifyOption::Text => {
                let code = self.seed().digits(6);
                let (body, wording) = telephony::text_body(&code, &account);
                self.carrier().deliver_text(
                    number.as_deref().unwrap_or_default(),
                    TEXT_SENDER,
                    body,
                    wording,
                );
                challenge.code = Some(code);
            }
            VerifyOption::Call(_) => {
                // Rule 16: the call reads out no code; the person presses # (or 0#).
                let (script, wording) = telephony::call_script(self.takes_fraud_reports());
                let call = IncomingCall {
                    challenge: challenge_id,
                    from: CALLER_ID.to_string(),
                    script,
                    wording,
                };
                // An office phone's extension is reached through the organisation's own
                // switchboard: the service dials the line (rule 13).
                let line = super::methods::dialled(number.as_deref().unwrap_or_default());
                self.carrier().place_call(line, call);
            }
            VerifyOption::Push => {
                let number_required = calendar::number_matching(now);
                if number_required {
                    challenge.number = Some(10 + self.seed().below(90) as u8);
                }
                for device in push_devices {
                    let request = PushRequest {
                        challenge: challenge_id,
                        account: account.clone(),
                        app: "Office 365".to_string(),
                        number_required,
                        passkey: false,
                    };
                    self.carrier().send_push(device, request);
                }
            }
            // The passkey ceremony, simplified: the sign-in page reaches the phone that holds
            // the passkey (the real service links the two by a QR code and Bluetooth) and the
            // app asks for the phone's screen lock. No number: nothing can be relayed.
            VerifyOption::Passkey => {
                for device in push_devices {
                    let request = PushRequest {
                        challenge: challenge_id,
                        account: account.clone(),
                        app: "Office 365".to_string(),
                        number_required: false,
                        passkey: true,
                    };
                    self.carrier().send_push(device, request);
                }
            }
            VerifyOption::AppCode => {}
        }
        self.challenges.insert(challenge_id, challenge);
        Ok(challenge_id)
    }

    /// Text a fresh code for a waiting text challenge ("Resend" on the older setup page): the
    /// new challenge replaces the old one, whose code stops working at once (a code is good for
    /// one challenge only). The send counts towards the limit on texts (rule 15); when it is
    /// refused, or the challenge is no longer waiting for a texted code, nothing changes.
    pub fn resend_text(&mut self, challenge_id: u64) -> Result<u64, ResendError> {
        let old = self
            .challenges
            .get(&challenge_id)
            .filter(|c| c.state == ChallengeState::Waiting && c.option == VerifyOption::Text)
            .cloned()
            .ok_or(ResendError::NotWaiting)?;
        let fresh = self.start_challenge(old.user, VerifyOption::Text, old.purpose)?;
        self.challenges.remove(&challenge_id);
        Ok(fresh)
    }

    /// Close challenges nobody answered in time; returns the current state.
    pub fn refresh_challenge(&mut self, challenge_id: u64) -> Option<ChallengeState> {
        let now = self.now();
        let timeout = self.policy.limits.answer_timeout;
        let c = self.challenges.get_mut(&challenge_id)?;
        let answered_by_phone = matches!(
            c.option,
            VerifyOption::Push | VerifyOption::Call(_) | VerifyOption::Passkey
        );
        if c.state == ChallengeState::Waiting && answered_by_phone && now - c.created >= timeout {
            c.state = ChallengeState::Failed(Failure::NoAnswer);
        }
        Some(c.state)
    }

    /// Check a typed code against a waiting challenge.
    pub fn submit_code(&mut self, challenge_id: u64, typed: &str) -> CodeCheck {
        let now = self.now();
        let limits = self.policy.limits.clone();
        let Some(c) = self.challenges.get(&challenge_id).cloned() else {
            return CodeCheck::NotWaiting;
        };
        match c.state {
            ChallengeState::Waiting => {}
            ChallengeState::Failed(Failure::TooManyAttempts) => return CodeCheck::TooManyAttempts,
            _ => return CodeCheck::NotWaiting,
        }
        let typed: String = typed.chars().filter(|ch| !ch.is_whitespace()).collect();
        // The time step of a code that registers an app: saved with the app, so the very code
        // that proved it cannot be typed again at sign-in (nor any earlier one).
        let mut registered_step = None;
        let verdict = match (&c.purpose, c.option) {
            (_, VerifyOption::Text) => {
                let code = c.code.clone().unwrap_or_default();
                let matches = bool::from(code.as_bytes().ct_eq(typed.as_bytes()));
                let used = self
                    .user(c.user)
                    .used_phone_codes
                    .contains(&code_hash(&typed));
                if matches && now - c.created > limits.sms_code_lifetime {
                    CodeCheck::Expired
                } else if matches {
                    self.user_mut(c.user)
                        .used_phone_codes
                        .push(code_hash(&typed));
                    CodeCheck::Accepted
                } else if used {
                    CodeCheck::AlreadyUsed
                } else {
                    CodeCheck::Wrong
                }
            }
            (Purpose::RegisterSoftwareToken { oath }, _)
            | (Purpose::RegisterAuthenticator { oath, .. }, _) => {
                match oath.check(
                    &typed,
                    self.code_time(),
                    limits.totp_skew,
                    limits.totp_lookback,
                ) {
                    CodeMatch::Current(step) => {
                        registered_step = Some(step);
                        CodeCheck::Accepted
                    }
                    CodeMatch::Old => CodeCheck::Expired,
                    CodeMatch::NoMatch => CodeCheck::Wrong,
                }
            }
            (_, VerifyOption::AppCode) => self.check_app_code(c.user, &typed, self.code_time()),
            _ => CodeCheck::NotWaiting,
        };
        let c = self
            .challenges
            .get_mut(&challenge_id)
            .expect("invariant: challenge exists");
        match verdict {
            CodeCheck::Accepted => c.state = ChallengeState::Passed,
            CodeCheck::Wrong | CodeCheck::Expired | CodeCheck::AlreadyUsed => {
                c.attempts += 1;
                if c.attempts >= limits.attempts_per_challenge {
                    c.state = ChallengeState::Failed(Failure::TooManyAttempts);
                    return CodeCheck::TooManyAttempts;
                }
            }
            _ => {}
        }
        if verdict == CodeCheck::Accepted {
            self.on_passed(challenge_id, registered_step);
        }
        verdict
    }

    /// Compare a code with every OATH token of the user, refusing a step already used.
    fn check_app_code(&mut self, id: UserId, typed: &str, code_time: Instant) -> CodeCheck {
        let limits = self.policy.limits.clone();
        let mut verdict = CodeCheck::Wrong;
        for entry in self.user_mut(id).info.entries_mut() {
            let (oath, last_step) = match &mut entry.method {
                Method::Authenticator {
                    oath, last_step, ..
                }
                | Method::SoftwareToken { oath, last_step } => (oath, last_step),
                Method::Phone { .. } | Method::Passkey { .. } => continue,
            };
            match oath.check(typed, code_time, limits.totp_skew, limits.totp_lookback) {
                CodeMatch::Current(step) if last_step.is_some_and(|l| step <= l) => {
                    verdict = CodeCheck::AlreadyUsed
                }
                CodeMatch::Current(step) => {
                    *last_step = Some(step);
                    return CodeCheck::Accepted;
                }
                CodeMatch::Old if verdict == CodeCheck::Wrong => verdict = CodeCheck::Expired,
                _ => {}
            }
        }
        verdict
    }

    /// Microsoft Authenticator answers a push.
    pub fn answer_push(&mut self, challenge_id: u64, answer: Answer) -> ChallengeState {
        let Some(c) = self.challenges.get_mut(&challenge_id) else {
            return ChallengeState::Failed(Failure::NoAnswer);
        };
        if c.state != ChallengeState::Waiting {
            return c.state;
        }
        c.state = match answer {
            Answer::Approve(typed) if c.number.is_none() || typed == c.number => {
                ChallengeState::Passed
            }
            Answer::Approve(_) => ChallengeState::Failed(Failure::WrongNumber),
            Answer::Deny => ChallengeState::Failed(Failure::Denied),
            Answer::Report => ChallengeState::Failed(Failure::Reported),
        };
        let state = c.state;
        self.after_answer(challenge_id, state);
        state
    }

    /// The phone answered a call and pressed `keys` ("#" to approve, "0#" to report).
    pub fn answer_call(&mut self, challenge_id: u64, keys: &str) -> ChallengeState {
        let answer = match keys.trim() {
            "#" => Answer::Approve(None),
            "0#" => Answer::Report,
            _ => Answer::Deny,
        };
        let Some(c) = self.challenges.get_mut(&challenge_id) else {
            return ChallengeState::Failed(Failure::NoAnswer);
        };
        if c.state != ChallengeState::Waiting {
            return c.state;
        }
        c.state = match answer {
            Answer::Approve(_) => ChallengeState::Passed,
            Answer::Report => ChallengeState::Failed(Failure::Reported),
            Answer::Deny => ChallengeState::Failed(Failure::NoAnswer),
        };
        let state = c.state;
        self.after_answer(challenge_id, state);
        state
    }

    fn after_answer(&mut self, challenge_id: u64, state: ChallengeState) {
        match state {
            ChallengeState::Passed => self.on_passed(challenge_id, None),
            ChallengeState::Failed(Failure::Reported) => self.fraud_reported(challenge_id),
            _ => {}
        }
    }

    /// A challenge passed: registration challenges save their method. `step` is the TOTP step
    /// of the code that proved an app, if a code did: the app starts with it as its last
    /// accepted step, so that code is refused as already used from then on.
    fn on_passed(&mut self, challenge_id: u64, step: Option<u64>) {
        let c = self.challenges[&challenge_id].clone();
        let now = self.now();
        let method = match c.purpose {
            Purpose::SignIn => return,
            Purpose::RegisterPhone { slot, number } => Method::Phone { slot, number },
            Purpose::RegisterSoftwareToken { oath } => Method::SoftwareToken {
                oath,
                last_step: step,
            },
            Purpose::RegisterAuthenticator { device, oath } => Method::Authenticator {
                device,
                device_name: "Microsoft Authenticator".into(),
                oath,
                last_step: step,
            },
        };
        if let Err(e) = self.user_mut(c.user).info.add(method, now) {
            // The page re-checks the limits before opening a registration; reaching here means
            // two registrations raced. Record it rather than panic.
            let upn = self.user(c.user).upn.clone();
            self.log(
                &upn,
                "My Sign-Ins",
                ClientKind::Browser,
                None,
                SignInResult::Failure,
                &e.to_string(),
            );
        }
    }
}

/// How the sign-in log and pages name a verification option.
pub fn option_label(option: VerifyOption) -> &'static str {
    option.label()
}
