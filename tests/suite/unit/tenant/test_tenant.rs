//! For the tests of the tenant and the flows: a tenant on a date with one user, built the way every
//! test module of the tenant and the flows needs it. Each caller keeps its own seed, because the
//! seed decides the codes its assertions may depend on.

use mfa_sim::clock::{Clock, parse_instant};
use mfa_sim::seed::Seed;
use mfa_sim::tenant::{Policy, Tenant, User, UserId};

/// A tenant on `date` (`2021-06-01` or RFC 3339) with `policy`, seeded with `seed`, and one
/// user `(sign-in name, display name, password)`; the clock is returned to move time.
pub fn with_user(
    date: &str,
    policy: Policy,
    seed: u64,
    (upn, name, password): (&str, &str, &str),
) -> (Tenant, UserId, Clock) {
    let clock = Clock::starting_at(parse_instant(date).expect("a test date in the window"));
    let mut t = Tenant::new("Contoso", policy, clock.clone(), Seed::new(seed));
    let salt = t.new_salt();
    let id = t.add_user(User::new(upn, name, password, salt));
    (t, id, clock)
}

/// Give the user the mobile phone `+1 4255550123` (Dana's in the scenarios) as a method.
pub fn add_mobile(t: &mut Tenant, id: UserId) {
    let phone = mfa_sim::tenant::methods::Method::Phone {
        slot: mfa_sim::tenant::PhoneSlot::Mobile,
        number: "+1 4255550123".into(),
    };
    t.user_mut(id)
        .info
        .add(phone, 0)
        .expect("a first mobile phone is accepted");
}
