//! The rule registry: every rule of the real service that the simulator answers to, in one
//! place, each with where it comes from and what shows that the simulator keeps it.
//!
//! The 36 rules are numbered as in the project's reference notes on Microsoft Entra MFA
//! ("Simulator rules (testable)"). For each one the registry gives:
//!
//! - a statement in the project's own words (short labels of the real pages are quoted);
//! - the days it starts or stops applying, where it is tied to the calendar (the same
//!   constants [`crate::tenant::calendar::cutover`] decides with);
//! - the Microsoft documentation it rests on (a third-party page only where nothing from
//!   Microsoft says it, and then marked as such);
//! - how much of it the simulator models ([`Modelled`]), judged from the code and said plainly
//!   when something is missing;
//! - the tests that exercise it, as `tests/file.rs::test_fn` (the file under `tests/` that
//!   holds the test function; the library has no tests of its own inside `src/`). Feature
//!   scenarios that show a rule carry a `@rule:N` tag.
//!
//! `tests/suite/rules.rs` checks the registry against the sources (every test named exists, every
//! tag names a rule, every modelled rule has a test function), and the book's chapter "The
//! service's rules, as simulated" (`{{#rules}}`) prints it with links to the scenarios.
//! Comments elsewhere that say "rule N" mean the rule numbered N here.

use crate::clock::Instant;
use crate::tenant::calendar::cutover;

/// One rule of the real service.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// 1 to 36.
    pub number: u8,
    /// A few words to name it.
    pub title: &'static str,
    /// What the service does, in one sentence of the project's own words.
    pub statement: &'static str,
    /// When it applies, where the calendar matters (empty: always).
    pub dates: &'static [Span],
    /// Where the rule is documented.
    pub sources: &'static [Source],
    /// How much of it the simulator models.
    pub modelled: Modelled,
    /// Test functions that exercise it, each as the file that holds it and its name
    /// (`tests/suite/unit/tenant/verification.rs::fn`, `tests/suite/then_and_now.rs::fn`).
    pub tests: &'static [&'static str],
}

/// A stretch of time a rule (or part of it) applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    /// From this day on (00:00 UTC), if bounded.
    pub from: Option<Instant>,
    /// Before this day (00:00 UTC), if bounded.
    pub until: Option<Instant>,
    /// What or whom the span is about.
    pub about: &'static str,
}

/// A documentation page a rule rests on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// Its address.
    pub url: &'static str,
    /// True when the page is not Microsoft's own.
    pub third_party: bool,
}

/// How much of a rule the simulator models.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modelled {
    /// All of it.
    Fully,
    /// Some of it; the text says what is missing.
    Partly(&'static str),
    /// None of it; the text says why.
    Not(&'static str),
}

impl Modelled {
    /// A few words for the book: "modelled", "modelled in part" or "not modelled".
    pub fn word(self) -> &'static str {
        match self {
            Modelled::Fully => "modelled",
            Modelled::Partly(_) => "modelled in part",
            Modelled::Not(_) => "not modelled",
        }
    }

    /// What is missing, if anything.
    pub fn missing(self) -> Option<&'static str> {
        match self {
            Modelled::Fully => None,
            Modelled::Partly(m) | Modelled::Not(m) => Some(m),
        }
    }
}

/// The rule numbered `n`, if there is one.
pub fn rule(n: u8) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.number == n)
}

const fn microsoft(url: &'static str) -> Source {
    Source {
        url,
        third_party: false,
    }
}

const fn third_party(url: &'static str) -> Source {
    Source {
        url,
        third_party: true,
    }
}

const fn from(day: Instant, about: &'static str) -> Span {
    Span {
        from: Some(day),
        until: None,
        about,
    }
}

const fn until(day: Instant, about: &'static str) -> Span {
    Span {
        from: None,
        until: Some(day),
        about,
    }
}

/// A page of Microsoft Learn's Entra authentication documentation.
macro_rules! learn {
    ($page:literal) => {
        microsoft(concat!(
            "https://learn.microsoft.com/entra/identity/authentication/",
            $page
        ))
    };
}

const USER_STATES: Source = learn!("howto-mfa-userstates");
const GRAPH_REQUIREMENTS: Source =
    microsoft("https://learn.microsoft.com/graph/api/resources/strongauthenticationrequirements");
const SECURITY_DEFAULTS: Source =
    microsoft("https://learn.microsoft.com/entra/fundamentals/security-defaults");
const COMBINED: Source = learn!("concept-registration-mfa-sspr-combined");
const SIGN_IN_PROMPT: Source = microsoft(
    "https://support.microsoft.com/account-billing/set-up-your-security-info-from-a-sign-in-prompt-28180870-c256-4ebf-8bd7-5335571bf9a8",
);
const FIRST_TIME_2019: Source = microsoft(
    "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/active-directory/user-help/multi-factor-authentication-end-user-first-time.md",
);
const SET_UP_AUTH_APP_2019: Source = microsoft(
    "https://github.com/MicrosoftDocs/azure-docs/blob/main/articles/active-directory/user-help/security-info-setup-auth-app.md",
);
const NUMBER_MATCH: Source = learn!("how-to-mfa-number-match");
const ADDITIONAL_CONTEXT: Source = learn!("how-to-mfa-additional-context");
const NUMBER_MATCH_DATE: Source = third_party(
    "https://petri.com/m365-changelog-authenticator-number-matching-to-be-enabled-for-all-microsoft-authenticator-users/",
);
const METHODS_MANAGE: Source = learn!("how-to-authentication-methods-manage");
const AUTHENTICATOR_APP: Source = learn!("concept-authentication-authenticator-app");
const MFA_SETTINGS: Source = learn!("howto-mfa-mfasettings");
const PHONE_OPTIONS: Source = learn!("concept-authentication-phone-options");
const OATH_TOKENS: Source = learn!("concept-authentication-oath-tokens");
const MFA_FAQ: Source = learn!("multi-factor-authentication-faq");
const NIST_AAL2: Source =
    microsoft("https://learn.microsoft.com/entra/standards/nist-authenticator-assurance-level-2");
const SYSTEM_PREFERRED: Source = learn!("concept-system-preferred-multifactor-authentication");
const GRAPH_SYSTEM_PREFERENCES: Source =
    microsoft("https://learn.microsoft.com/graph/api/resources/systemcredentialpreferences");
const APP_PASSWORDS: Source = learn!("howto-mfa-app-passwords");
const EXCHANGE_SMTP_BLOG: Source = microsoft(
    "https://techcommunity.microsoft.com/t5/exchange-team-blog/exchange-online-to-retire-basic-auth-for-client-submission-smtp/ba-p/4114750",
);
const MC786329_MIRROR: Source = third_party("https://mc.merill.net/message/MC786329");
const SESSION_LIFETIME: Source =
    learn!("concepts-azure-multi-factor-authentication-prompts-session-lifetime");
/// Refresh tokens: 90 days for apps such as Outlook; the table of what revokes them (an admin
/// password reset: password-based cookies and tokens; revoking a user's tokens: all).
const REFRESH_TOKENS: Source =
    microsoft("https://learn.microsoft.com/entra/identity-platform/refresh-tokens");
/// Graph `revokeSignInSessions`: the administrator's "Revoke sessions".
const GRAPH_REVOKE_SESSIONS: Source =
    microsoft("https://learn.microsoft.com/graph/api/user-revokesigninsessions");
const SMART_LOCKOUT: Source = learn!("howto-password-smart-lockout");
const USER_DEVICE_SETTINGS: Source = learn!("howto-mfa-userdevicesettings");
const TEMPORARY_ACCESS_PASS: Source = learn!("howto-authentication-temporary-access-pass");
const SMS_VOICE_RETIREMENT: Source = learn!("concept-sms-voice-retirement");
const SMS_VOICE_RETIREMENT_FAQ: Source = learn!("concept-sms-voice-retirement-faq");

/// Every rule, numbered 1 to 36 in order.
pub const RULES: [Rule; 36] = [
    // Per-user MFA state machine
    Rule {
        number: 1,
        title: "Everyone starts disabled",
        statement: "Each account begins with per-user MFA disabled, and switching on security defaults or Conditional Access does not move it from there.",
        dates: &[],
        sources: &[USER_STATES, SECURITY_DEFAULTS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::a_new_user_starts_disabled_and_security_defaults_leave_it_so",
            "tests/suite/unit/tenant/verification.rs::rule_1_conditional_access_requires_mfa_while_the_per_user_state_stays_disabled",
            "tests/suite/unit/tenant/security_defaults.rs::fourteen_days_to_register_from_the_first_sign_in",
            "tests/suite/unit/tenant/security_defaults.rs::asked_when_necessary_and_administrators_every_time",
        ],
    },
    Rule {
        number: 2,
        title: "Enabling a user",
        statement: "An administrator who enables per-user MFA leaves the account enabled, or, enabling it for the first time, makes it enforced at once when it already has a second method registered (an account enforced before stays enabled: rule 6).",
        dates: &[],
        sources: &[USER_STATES, GRAPH_REQUIREMENTS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::enabling_a_user_with_methods_enforces_at_once",
            "tests/suite/unit/tenant/verification.rs::an_enabled_user_without_methods_registers_in_the_browser_and_mail_still_works",
        ],
    },
    Rule {
        number: 3,
        title: "Enabled without methods",
        statement: "An enabled account with nothing registered is sent to sign-up (\"More information required\") at its next browser or modern-app sign-in, while mail apps that send the account password keep working.",
        dates: &[],
        sources: &[USER_STATES, FIRST_TIME_2019],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::an_enabled_user_without_methods_registers_in_the_browser_and_mail_still_works",
        ],
    },
    Rule {
        number: 4,
        title: "Sign-up completes enforcement",
        statement: "Finishing sign-up turns an enabled account into an enforced one.",
        dates: &[],
        sources: &[USER_STATES],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::finishing_registration_enforces_an_enabled_user",
        ],
    },
    Rule {
        number: 5,
        title: "What enforced means",
        statement: "An enforced account passes a second factor at each browser or modern sign-in unless the browser remembers a recent one or the request comes from a trusted network; a mail app that sends the account password is turned away and needs an App Password, where the protocol still takes basic authentication at all.",
        dates: &[],
        sources: &[USER_STATES, MFA_SETTINGS],
        modelled: Modelled::Partly(
            "trusted IPs are IPv4 ranges of the per-user MFA service settings (a browser's address is the simulator's: a home address by default, another by a step) and skip the second factor in the browser only; the facts' detail that legacy mail clients inside trusted IPs need no App Password until one is in use is not modelled",
        ),
        tests: &[
            "tests/suite/unit/tenant/mail_auth.rs::enforced_user_needs_an_app_password_on_the_guides_date",
            "tests/suite/unit/tenant/verification.rs::blocked_mfa_and_remembered_sessions",
            "tests/suite/unit/tenant/verification.rs::rule_5_trusted_ips_skip_mfa_for_per_user_mfa_only",
            "tests/suite/unit/tenant/policy.rs::trusted_ip_ranges_are_public_ipv4_and_at_most_fifty",
            "tests/suite/unit/flows/flow_tests.rs::a_trusted_ip_skips_the_second_factor_and_the_log_says_so",
            "tests/suite/unit/scenario.rs::roles_and_trusted_ips_are_read_and_checked",
        ],
    },
    Rule {
        number: 6,
        title: "Disabling and enabling again",
        statement: "Setting an account back to disabled removes the requirement; an account that was enforced before and is enabled again without signing up afresh stays enabled until an administrator sets enforced, while an account enabled for the first time with methods already registered is enforced at once (the per-user MFA page and the Graph page, read together).",
        dates: &[],
        sources: &[USER_STATES, GRAPH_REQUIREMENTS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::disabling_lifts_mfa_and_reenabling_after_reregistration_stays_enabled",
            "tests/suite/unit/tenant/administration.rs::enforced_disabled_and_enabled_again_stays_enabled_until_an_admin_enforces",
            "tests/suite/unit/tenant/verification.rs::enabling_a_user_with_methods_enforces_at_once",
        ],
    },
    // Registration (combined, interrupt mode)
    Rule {
        number: 7,
        title: "The sign-up wizard's pages",
        statement: "Sign-up in \"Keep your account secure\" goes from \"More information required\" through getting, pairing and trying Microsoft Authenticator (typing the number shown), then a phone proved by a code, an App Password page only where rule 20 allows one, and a \"Success!\" summary, after which the sign-in carries on; how many methods the wizard asks for is a tenant setting in the simulator, because Microsoft does not say when the phone page appears.",
        dates: &[
            from(
                cutover::COMBINED_FOR_NEW_TENANTS,
                "tenants created from this day",
            ),
            from(cutover::OCTOBER_2022, "every tenant"),
        ],
        sources: &[SIGN_IN_PROMPT, COMBINED, NUMBER_MATCH],
        modelled: Modelled::Partly(
            "the number of methods asked for is the simulator's tenant setting `registration_methods` (1 or 2, default 1), since Microsoft does not say when the phone page appears; security-questions and email steps of self-service password reset are not modelled",
        ),
        tests: &[
            "tests/suite/unit/flows/flow_tests.rs::combined_sign_up_starts_with_microsoft_authenticator",
            "tests/suite/unit/flows/wizard.rs::two_methods_app_first_then_phone_then_success",
            "tests/suite/unit/flows/wizard.rs::one_method_ends_after_the_first",
            "tests/suite/unit/flows/wizard.rs::different_method_skips_the_app_and_the_app_comes_second",
            "tests/suite/then_and_now.rs::today_shows_what_changed",
        ],
    },
    Rule {
        number: 8,
        title: "A different authenticator app",
        statement: "\"I want to use a different authenticator app\" adds a code-only software token, kept only once the person types a code the app is showing now.",
        dates: &[],
        sources: &[SIGN_IN_PROMPT, METHODS_MANAGE],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::a_third_party_app_is_saved_only_after_a_current_code",
            "tests/suite/unit/tenant/verification.rs::the_code_that_registered_an_app_is_refused_at_sign_in",
        ],
    },
    Rule {
        number: 9,
        title: "A different method",
        statement: "\"I want to set up a different method\" lists only the methods the Authentication methods policy allows for that person.",
        dates: &[],
        sources: &[COMBINED, METHODS_MANAGE],
        modelled: Modelled::Partly(
            "methods are allowed for the whole tenant; the policy's targeting of groups of users is not modelled",
        ),
        tests: &[
            "tests/suite/unit/flows/flow_tests.rs::a_new_method_is_offered_only_where_the_policy_allows_it",
        ],
    },
    Rule {
        number: 10,
        title: "Security info asks for MFA",
        statement: "Someone who already has a method must pass a second factor before Security info opens, even where the sign-in alone would not ask.",
        dates: &[],
        sources: &[COMBINED],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/flows/flow_tests.rs::security_info_asks_for_mfa_even_when_the_sign_in_would_not",
        ],
    },
    Rule {
        number: 11,
        title: "Where each phone and key is added",
        statement: "An alternate phone is added only from Security info and only if calls are allowed; an office phone appears during sign-up only for accounts with a business phone in the directory; security keys are added only from Security info.",
        dates: &[],
        sources: &[COMBINED],
        modelled: Modelled::Partly(
            "security keys (FIDO2) are not a method in the simulator; a passkey in Microsoft Authenticator is, and like a key it is added from Security info (or from the rule-35 and rule-36 prompts), never from the sign-up wizard",
        ),
        tests: &[
            "tests/suite/unit/flows/flow_tests.rs::a_new_method_is_offered_only_where_the_policy_allows_it",
            "tests/suite/unit/flows/flow_tests.rs::a_passkey_is_added_from_security_info_not_from_the_wizard",
        ],
    },
    Rule {
        number: 12,
        title: "Five apps or tokens",
        statement: "Authenticator apps and hardware tokens together are limited to five per account, and a sixth is refused with a message naming the limit.",
        dates: &[],
        sources: &[AUTHENTICATOR_APP, MFA_SETTINGS, SET_UP_AUTH_APP_2019],
        modelled: Modelled::Partly(
            "hardware OATH tokens are not modelled, so the five are all apps",
        ),
        tests: &["tests/suite/unit/tenant/methods.rs::five_apps_then_refused_and_default_moves"],
    },
    Rule {
        number: 13,
        title: "Phone slots and number format",
        statement: "An account holds at most one mobile, one alternate and one office number, each written as \"+country number\" with a space between, and only the office number may have an extension.",
        dates: &[],
        sources: &[PHONE_OPTIONS, COMBINED],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/methods.rs::phone_numbers",
            "tests/suite/unit/tenant/methods.rs::one_number_in_each_of_the_three_slots",
            "tests/suite/unit/tenant/methods.rs::only_the_office_phone_takes_an_extension",
            "tests/suite/unit/flows/security_info.rs::only_the_office_phone_form_has_an_extension_box",
            "tests/suite/unit/tenant/methods.rs::five_apps_then_refused_and_default_moves",
        ],
    },
    Rule {
        number: 14,
        title: "Deleting the default",
        statement: "Security info asks for confirmation before it deletes a method, since a deletion cannot be taken back; when the default method is removed another remaining method becomes the default.",
        dates: &[],
        sources: &[COMBINED, SET_UP_AUTH_APP_2019],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/methods.rs::five_apps_then_refused_and_default_moves",
            "tests/suite/unit/flows/security_info.rs::deleting_asks_first_and_no_keeps_the_method",
            "tests/suite/unit/tenant/administration.rs::the_console_deletes_one_method_and_adds_a_phone",
        ],
    },
    // Factors at sign-in
    Rule {
        number: 15,
        title: "Texted codes",
        statement: "A six-digit code arrives by text and is typed back; a wrong code is refused, too many wrong ones close the attempt, too many texts in a short while are held back (asking for another text counts; in the simulator only the newest code then works, which Microsoft does not document), and a code left too long lapses (the numbers are simulator settings, as Microsoft does not publish them).",
        dates: &[],
        sources: &[PHONE_OPTIONS, MFA_FAQ],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::texted_code_wrong_expired_single_use",
            "tests/suite/unit/tenant/verification.rs::attempts_are_limited",
            "tests/suite/unit/tenant/verification.rs::texts_are_throttled_and_retire_in_2027",
            "tests/suite/unit/flows/flow_tests.rs::resend_counts_towards_the_limit_on_texts_and_a_refused_one_keeps_the_code",
            "tests/suite/unit/flows/flow_tests.rs::resend_on_the_older_page_texts_a_fresh_code_and_the_first_stops_working",
        ],
    },
    Rule {
        number: 16,
        title: "Verification calls and 0#",
        statement: "A verification call succeeds when the person presses # and never reads out a code; pressing 0# reports fraud, which always denies the attempt and is logged as a fraud code, raises the user's risk only where the tenant has \"Report suspicious activity\" on (off by default), and blocks the user's MFA for 90 days, or until an administrator unblocks it, only where the older fraud alert's \"Automatically block users who report fraud\" is on.",
        dates: &[],
        sources: &[MFA_SETTINGS, PHONE_OPTIONS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::a_call_passes_on_pound_and_zero_pound_reports_fraud",
            "tests/suite/unit/tenant/telephony.rs::a_call_never_reads_out_a_code",
            "tests/suite/unit/tenant/fraud.rs::with_reporting_off_zero_pound_only_denies",
            "tests/suite/unit/tenant/fraud.rs::report_suspicious_activity_raises_the_risk_without_blocking",
            "tests/suite/unit/tenant/fraud.rs::a_report_in_the_app_counts_too",
            "tests/suite/unit/tenant/fraud.rs::the_fraud_alert_auto_block_stops_mfa_for_90_days_or_until_unblocked",
            "tests/suite/unit/tenant/fraud.rs::the_greeting_invites_zero_pound_only_where_reports_do_something",
            "tests/suite/unit/tenant/policy.rs::fraud_reporting_settings_are_off_by_default_and_read_from_files",
            "tests/suite/then_and_now.rs::on_the_guides_date_every_step_holds_but_the_claims_wrong_even_then",
        ],
    },
    Rule {
        number: 17,
        title: "Authenticator requests",
        statement: "A request to Microsoft Authenticator shows a number on the sign-in page that has to be typed into the app; a wrong number or Deny refuses it, there is no approval without the number any more, and the request may name the app and the place of the sign-in.",
        dates: &[from(cutover::NUMBER_MATCHING, "the number is required")],
        sources: &[NUMBER_MATCH, ADDITIONAL_CONTEXT, SECURITY_DEFAULTS],
        modelled: Modelled::Partly(
            "the request names the app but never the place the sign-in comes from",
        ),
        tests: &[
            "tests/suite/unit/tenant/verification.rs::push_needs_the_number_from_2023_and_can_be_denied",
        ],
    },
    Rule {
        number: 18,
        title: "App codes (TOTP)",
        statement: "Codes from an authenticator app are standard time-based codes (SHA-1, six digits, a new one every 30 seconds) from a secret the service makes for each app of each person; a code accepted once, the one that registered the app included, is refused if offered again, even within its 30 seconds, and codes that are too old are refused. How much clock drift is tolerated is not published: the simulator accepts codes one 30-second step either side of now by default (tenant setting `limits.totp_skew`, 0 to 10 steps) and names a code up to 20 steps old as expired rather than wrong (`limits.totp_lookback`).",
        dates: &[],
        sources: &[OATH_TOKENS, MFA_SETTINGS, NIST_AAL2],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/oath.rs::rfc6238_appendix_b_sha1",
            "tests/suite/unit/tenant/oath.rs::extra_vector_and_skew",
            "tests/suite/unit/tenant/verification.rs::app_codes_replay_and_age",
            "tests/suite/unit/tenant/verification.rs::the_code_that_registered_an_app_is_refused_at_sign_in",
            "tests/suite/unit/tenant/verification.rs::replay_is_refused_per_user_per_app",
            "tests/suite/inputs_tenant.rs::security_holds_under_random_use",
            "tests/suite/inputs_tenant.rs::the_registration_code_is_refused_in_the_same_step",
            "tests/suite/cli.rs::oathtool_computes_a_code_the_simulator_accepts",
            "tests/suite/unit/tenant/enrolment.rs::every_user_and_every_app_gets_a_secret_of_its_own",
        ],
    },
    Rule {
        number: 19,
        title: "Which method comes first",
        statement: "After the password the person's default method starts at once (a request sent to Microsoft Authenticator showing its number, a text sent, a call placed, or the box for an app code), in the guide's 2021 experience as today (the sources say the default is offered first and nothing says the older sign-in differed); with system-preferred MFA on (a tenant setting since 2023, off by default) the strongest method they have starts instead, whatever their default. \"Sign in another way\" always shows \"Verify your identity\" with the others.",
        dates: &[],
        sources: &[SYSTEM_PREFERRED, GRAPH_SYSTEM_PREFERENCES],
        modelled: Modelled::Partly(
            "system-preferred MFA is the tenant setting `system_preferred_mfa` (off by default; scenario files may turn it on from 2023-01-01, the month of its arrival being unconfirmed) and ranks only the simulator's methods: a passkey in Microsoft Authenticator, then push, then a TOTP code, then a text, then a call (no Temporary Access Pass as a second factor, external method or certificate); when the first method cannot start (blocked, throttled) the list is shown with the error",
        ),
        tests: &[
            "tests/suite/unit/tenant/verification.rs::the_default_method_is_offered_first",
            "tests/suite/unit/tenant/verification.rs::the_default_method_is_started_first",
            "tests/suite/unit/tenant/verification.rs::system_preferred_mfa_starts_the_strongest_method",
            "tests/suite/unit/tenant/policy.rs::system_preferred_mfa_is_off_by_default_and_read_from_files",
            "tests/suite/unit/scenario.rs::system_preferred_mfa_only_from_2023",
            "tests/suite/unit/flows/flow_tests.rs::the_default_method_starts_and_another_way_lists_the_rest",
            "tests/suite/unit/tenant/passkeys.rs::signing_in_with_a_passkey_asks_only_the_phone_that_holds_it",
        ],
    },
    // App passwords
    Rule {
        number: 20,
        title: "Who may create App Passwords",
        statement: "The App Password option appears only where the tenant allows App Passwords (it does not by default) and the user is enforced for per-user MFA, so people covered only by Conditional Access or security defaults never get it; the older sign-up page offered it to every per-user MFA user.",
        dates: &[from(
            cutover::OCTOBER_2022,
            "combined registration: enforced users only",
        )],
        sources: &[COMBINED, APP_PASSWORDS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::app_passwords_are_offered_only_to_enforced_users_where_allowed",
            "tests/suite/unit/flows/flow_tests.rs::a_new_method_is_offered_only_where_the_policy_allows_it",
            "tests/suite/unit/flows/wizard.rs::app_password_step_only_for_enforced_users_where_allowed",
            "tests/suite/unit/tenant/enrolment.rs::rule_20_app_password_step_in_the_wizard",
            "tests/suite/unit/tenant/verification.rs::rule_1_conditional_access_requires_mfa_while_the_per_user_state_stays_disabled",
            "tests/suite/then_and_now.rs::today_shows_what_changed",
        ],
    },
    Rule {
        number: 21,
        title: "Making an App Password",
        statement: "The service invents each App Password and the user only names it; it is shown once, and a user may hold forty, the next one being refused until one is deleted.",
        dates: &[],
        sources: &[APP_PASSWORDS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/app_passwords.rs::shown_once_stored_hashed_forty_max_and_delete_refuses",
            "tests/suite/unit/tenant/enrolment.rs::app_passwords_are_drawn_apart_not_slices_of_one_string",
        ],
    },
    Rule {
        number: 22,
        title: "Using an App Password",
        statement: "An App Password is used again on every connection until deleted, is accepted only by protocols that sign in with a name and password, never by the browser or by admin PowerShell, and needs no second factor.",
        dates: &[],
        sources: &[APP_PASSWORDS],
        modelled: Modelled::Partly(
            "no admin PowerShell is simulated, so that refusal cannot be shown",
        ),
        tests: &[
            "tests/suite/unit/tenant/verification.rs::an_app_password_is_not_a_browser_password_and_survives_a_password_reset",
            "tests/suite/unit/tenant/mail_auth.rs::enforced_user_needs_an_app_password_on_the_guides_date",
            "tests/suite/unit/tenant/app_passwords.rs::shown_once_stored_hashed_forty_max_and_delete_refuses",
            "tests/suite/unit/actors/mail_client.rs::the_phones_mail_app_signs_in_either_way_the_person_chooses",
        ],
    },
    Rule {
        number: 23,
        title: "What ends an App Password",
        statement: "A password reset leaves App Passwords working and only deleting them ends them; if the tenant stops allowing them later, the ones already made keep working but users can no longer see, create or delete them.",
        dates: &[],
        sources: &[APP_PASSWORDS, USER_DEVICE_SETTINGS],
        modelled: Modelled::Partly(
            "whether the older App passwords address (account.activedirectory.windowsazure.com/AppPasswords.aspx) still opens today is unconfirmed: the simulator's choice is to open the older page while the older sign-up experience is in force and to send the address to Security info once combined registration applies",
        ),
        tests: &[
            "tests/suite/unit/tenant/verification.rs::an_app_password_is_not_a_browser_password_and_survives_a_password_reset",
            "tests/suite/unit/tenant/verification.rs::app_passwords_keep_working_after_the_setting_is_turned_off",
            "tests/suite/unit/tenant/mail_auth.rs::enforced_user_needs_an_app_password_on_the_guides_date",
            "tests/suite/unit/flows/security_info.rs::app_passwords_turned_off_keep_working_but_cannot_be_seen_or_managed",
            "tests/suite/unit/flows/security_info.rs::the_older_app_passwords_address_is_the_simulators_choice",
        ],
    },
    Rule {
        number: 24,
        title: "Basic authentication in Exchange Online",
        statement: "Exchange Online stopped taking basic authentication (account password or App Password) for IMAP, POP, ActiveSync and EWS in October 2022; SMTP AUTH takes it until the tenant turns it off, off being the default from the end of 2026 with the reply \"550 5.7.30\"; security defaults or a Conditional Access block on legacy authentication refuse it everywhere.",
        dates: &[
            from(
                cutover::OCTOBER_2022,
                "IMAP, POP, ActiveSync and EWS refused",
            ),
            until(cutover::SMTP_BASIC_AUTH_END, "SMTP AUTH on by default"),
        ],
        sources: &[EXCHANGE_SMTP_BLOG, MC786329_MIRROR, SECURITY_DEFAULTS],
        modelled: Modelled::Partly(
            "EWS is not a simulated protocol, and Conditional Access is simulated only as one \"require MFA for all users\" policy, not as the policy that blocks legacy authentication. The simulator writes a sign-in log row for a request Exchange Online refuses because the protocol no longer takes basic authentication, with the reason; the reference does not say whether the real log shows such a request at all (Exchange's authentication policies refuse before Microsoft Entra ID sees the password, so it may show nothing), so a help desk should not count on finding that row",
        ),
        tests: &[
            "tests/suite/unit/tenant/calendar.rs::eras",
            "tests/suite/unit/tenant/mail_auth.rs::app_password_refused_after_basic_auth_ended",
            "tests/suite/unit/actors/mail_client.rs::windows_mail_works_with_an_app_password_until_its_end_of_support",
            "tests/suite/then_and_now.rs::today_shows_what_changed",
        ],
    },
    // Sessions and prompts
    Rule {
        number: 25,
        title: "\"Stay signed in?\"",
        statement: "Yes keeps the browser signed in, both factors included, in a lasting cookie until the session runs out; No ends the session when the browser is closed. Outlook and other modern apps keep a refresh token on a rolling 90-day window and ask to sign in again after 90 days unused or after a password reset; the administrator's \"Revoke sign-in sessions\" ends both kinds at once and leaves remembered MFA alone. Simulator choices: a kept browser session gets the same rolling 90 days (no other browser limit is documented), and where browsers may remember MFA for N days a session or token whose MFA is older than N days needs MFA again (the strictest setting wins).",
        dates: &[],
        sources: &[SESSION_LIFETIME, REFRESH_TOKENS, GRAPH_REVOKE_SESSIONS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/flows/flow_tests.rs::stay_signed_in_keeps_the_session_only_on_yes",
            "tests/suite/unit/flows/flow_tests.rs::a_tenant_that_hides_stay_signed_in_gives_sessions_that_end_with_the_browser",
            "tests/suite/unit/flows/flow_tests.rs::a_kept_session_skips_both_factors_until_ninety_days_unused",
            "tests/suite/unit/flows/flow_tests.rs::a_password_reset_ends_the_kept_session_and_revoking_mfa_sessions_does_not",
            "tests/suite/unit/flows/flow_tests.rs::the_strictest_setting_wins_a_kept_session_with_fourteen_days_asks_for_mfa_every_fourteen_days",
            "tests/suite/unit/tenant/sessions.rs::a_session_lasts_ninety_days_of_inactivity_and_each_use_rolls_the_window",
            "tests/suite/unit/tenant/sessions.rs::a_password_reset_and_revoking_sign_in_sessions_end_sessions_but_not_remembered_mfa",
            "tests/suite/unit/tenant/sessions.rs::the_strictest_setting_wins_stay_signed_in_with_fourteen_days_means_mfa_every_fourteen_days",
            "tests/suite/unit/tenant/sessions.rs::a_session_without_mfa_ends_once_the_account_needs_mfa_and_blocking_ends_all",
        ],
    },
    Rule {
        number: 26,
        title: "Remembering MFA in a browser",
        statement: "Where the tenant allows it (1 to 365 days), the second-factor page (code, Authenticator request or call) offers \"Don't ask again for N days\"; ticking it spares that browser the second factor for N days while another browser still asks, apps outside the browser (a mail app's sign-in window) never get the box, and revoking MFA sessions cancels it.",
        dates: &[],
        sources: &[SESSION_LIFETIME, MFA_SETTINGS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::blocked_mfa_and_remembered_sessions",
            "tests/suite/unit/tenant/policy.rs::remember_mfa_days_and_created",
            "tests/suite/unit/flows/flow_tests.rs::dont_ask_again_is_offered_in_a_browser_only_and_only_that_browser_skips_the_code",
            "tests/suite/unit/flows/flow_tests.rs::dont_ask_again_is_on_the_call_page_too_and_a_ticked_box_is_remembered_when_the_call_is_answered",
        ],
    },
    // Lockout and abuse
    Rule {
        number: 27,
        title: "Smart lockout",
        statement: "Ten different wrong passwords (a repeat of a recent wrong one counts once) lock the account for a minute, each later lock lasts longer (the simulator doubles it, as the real growth is not published), and the page says the account is temporarily locked.",
        dates: &[],
        sources: &[SMART_LOCKOUT],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::smart_lockout_counts_distinct_passwords_and_unlocks",
        ],
    },
    Rule {
        number: 28,
        title: "Wrong codes do not lock the account",
        statement: "The cloud service has no lockout an administrator sets for wrong MFA codes; the lockout settings among the MFA options concern the on-premises MFA Server only.",
        dates: &[],
        sources: &[MFA_SETTINGS, MFA_FAQ],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::wrong_codes_close_the_verification_but_never_lock_the_account",
        ],
    },
    // Help desk
    Rule {
        number: 29,
        title: "\"Require re-register MFA\"",
        statement: "This help-desk action deletes the user's phones, Authenticator apps and software tokens and switches off hardware tokens, so the next sign-in that needs MFA starts sign-up again.",
        dates: &[],
        sources: &[USER_DEVICE_SETTINGS, MFA_FAQ],
        modelled: Modelled::Partly(
            "hardware OATH tokens are not modelled, so there is nothing to switch off; a passkey in Microsoft Authenticator is kept, as it is not among the methods the action names (a user with one signs in with it rather than registering again)",
        ),
        tests: &[
            "tests/suite/unit/tenant/verification.rs::require_reregistration_clears_methods_and_asks_to_register_again",
            "tests/suite/unit/tenant/methods.rs::require_reregistration_keeps_a_passkey",
        ],
    },
    Rule {
        number: 30,
        title: "\"Revoke MFA sessions\"",
        statement: "This help-desk action makes every browser's remembered MFA (\"Don't ask again\") count for nothing, so the next sign-in that needs MFA asks for it; it leaves sign-in sessions and apps' tokens alone (in the simulator's reading of the sources, which name only remembered MFA: signing a person out everywhere is \"Revoke sign-in sessions\", rule 25).",
        dates: &[],
        sources: &[USER_DEVICE_SETTINGS, SESSION_LIFETIME],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::blocked_mfa_and_remembered_sessions",
            "tests/suite/unit/tenant/sessions.rs::a_password_reset_and_revoking_sign_in_sessions_end_sessions_but_not_remembered_mfa",
            "tests/suite/unit/flows/flow_tests.rs::a_password_reset_ends_the_kept_session_and_revoking_mfa_sessions_does_not",
        ],
    },
    Rule {
        number: 31,
        title: "Blocking MFA for a user",
        statement: "A blocked user's MFA attempts are all refused for 90 days or until the block is lifted.",
        dates: &[],
        sources: &[MFA_SETTINGS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::blocked_mfa_and_remembered_sessions",
            "tests/suite/unit/tenant/verification.rs::an_mfa_block_lasts_ninety_days_or_until_lifted",
        ],
    },
    Rule {
        number: 32,
        title: "Temporary Access Pass",
        statement: "A Temporary Access Pass (eight characters and an hour by default, single-use if asked, lasting within the policy's limits: 1 to 8 hours by default, never less than 10 minutes or more than 30 days) lets a person sign in and register methods; a user has one at most, and a new one replaces the old.",
        dates: &[],
        sources: &[TEMPORARY_ACCESS_PASS],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/verification.rs::a_new_temporary_access_pass_replaces_the_old_one",
            "tests/suite/inputs_trainer.rs::a_tap_lasts_within_the_policy",
            "tests/suite/unit/tenant/administration.rs::a_pass_lasts_within_the_policy",
        ],
    },
    // Calendar-dependent
    Rule {
        number: 33,
        title: "Number matching everywhere",
        statement: "From 8 May 2023 an Authenticator request without a number to type is no longer acceptable.",
        dates: &[from(
            cutover::NUMBER_MATCHING,
            "every Authenticator request",
        )],
        sources: &[NUMBER_MATCH, NUMBER_MATCH_DATE],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/calendar.rs::eras",
            "tests/suite/unit/tenant/verification.rs::push_needs_the_number_from_2023_and_can_be_denied",
            "tests/suite/then_and_now.rs::today_shows_what_changed",
        ],
    },
    Rule {
        number: 34,
        title: "Legacy method policies end",
        statement: "From 30 September 2025 methods are managed only in the Authentication methods policy, no longer in the old MFA and self-service password reset settings.",
        dates: &[from(cutover::LEGACY_POLICIES_END, "method management")],
        sources: &[MFA_SETTINGS, METHODS_MANAGE],
        modelled: Modelled::Partly(
            "the administrator's legacy MFA service settings page has its four verification options (call, text, app notification, app code), which turn the tenant's methods on and off before 2025-09-30 and change nothing afterwards (the page says so); the self-service password reset policy is not simulated",
        ),
        tests: &[
            "tests/suite/unit/tenant/calendar.rs::passkey_nudge_and_the_end_of_legacy_method_policies",
            "tests/suite/unit/tenant/policy.rs::rule_34_the_service_settings_page_manages_methods_only_before_september_2025",
        ],
    },
    Rule {
        number: 35,
        title: "Passkey nudge",
        statement: "From 1 September 2026 people whom the tenant enables for texts or calls are turned on for passkeys and asked, after signing in, to add one (\"Add a passkey\" in Microsoft Authenticator), and may put the question off (\"Not now\") as often as they like.",
        dates: &[from(cutover::PASSKEY_NUDGE, "users of texts and calls")],
        sources: &[SMS_VOICE_RETIREMENT],
        modelled: Modelled::Fully,
        tests: &[
            "tests/suite/unit/tenant/calendar.rs::passkey_nudge_and_the_end_of_legacy_method_policies",
            "tests/suite/unit/tenant/calendar.rs::passkeys_turn_on_with_the_nudge_where_phones_are_allowed",
            "tests/suite/unit/tenant/passkeys.rs::a_passkey_is_saved_only_when_the_phone_confirms_and_only_once",
            "tests/suite/unit/tenant/passkeys.rs::passkeys_wait_for_september_2026_unless_the_tenant_turns_them_on",
            "tests/suite/unit/flows/flow_tests.rs::add_a_passkey_after_a_texted_code_registers_one",
            "tests/suite/unit/flows/flow_tests.rs::the_passkey_suggestion_follows_any_second_factor_where_texts_or_calls_are_enabled",
            "tests/suite/then_and_now.rs::today_shows_what_changed",
        ],
    },
    Rule {
        number: 36,
        title: "Microsoft's texts and calls end",
        statement: "From 1 February 2027 (1 July 2027 for Global Administrators and external users) Microsoft no longer sends texts or places calls unless the tenant has its own telephony provider, and people whose only method is a text or call must register a passkey before going on.",
        dates: &[
            from(cutover::PHONE_DELIVERY_END, "most users"),
            from(
                cutover::PHONE_DELIVERY_END_ADMINS,
                "Global Administrators and external users",
            ),
        ],
        sources: &[SMS_VOICE_RETIREMENT, SMS_VOICE_RETIREMENT_FAQ],
        modelled: Modelled::Partly(
            "a user's role (member, Global Administrator, guest) comes from the scenario file; the tenant's own telephony provider is one setting (no choice of Soprano or Telesign, no date from which it can be bought); self-service password reset, which also loses texts and calls, is not simulated",
        ),
        tests: &[
            "tests/suite/unit/tenant/calendar.rs::eras",
            "tests/suite/unit/tenant/calendar.rs::global_administrators_and_guests_keep_phones_until_july_2027",
            "tests/suite/unit/tenant/verification.rs::rule_36_only_texts_after_february_2027_means_a_blocking_passkey_step",
            "tests/suite/unit/flows/flow_tests.rs::the_blocking_passkey_step_registers_then_signs_in_with_it",
            "tests/suite/unit/scenario.rs::roles_and_trusted_ips_are_read_and_checked",
            "tests/suite/unit/tenant/verification.rs::texts_are_throttled_and_retire_in_2027",
            "tests/suite/then_and_now.rs::from_february_2027_texts_and_calls_need_a_telephony_provider",
        ],
    },
];
