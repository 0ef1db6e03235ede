//! A user's security info: the phones and authenticator apps registered for MFA, and which
//! one is the default.
//!
//! Rules kept here (12-14 in [`crate::rules`]): one phone per slot, at most five authenticator apps and
//! tokens together, numbers stored as `+CC number`, and deleting the default moves the default
//! to a method that remains.

use super::oath::Oath;
use crate::clock::Instant;

/// Most authenticator apps and OATH tokens (together) one user may have.
pub const MAX_AUTHENTICATOR_APPS: usize = 5;

pub use crate::records::{PhoneSlot, VerifyOption};

/// A registered method.
#[derive(Clone, Debug)]
pub enum Method {
    /// A phone number in one slot.
    Phone {
        /// Which of the three phone slots it fills.
        slot: PhoneSlot,
        /// The full number, as registered.
        number: String,
    },
    /// Microsoft Authenticator on a device: push plus codes.
    Authenticator {
        /// The push address of the device the app runs on.
        device: u64,
        /// The name Security info lists it under.
        device_name: String,
        /// The credential behind its codes.
        oath: Oath,
        /// The last time step whose code was accepted, so a code cannot be used twice.
        last_step: Option<u64>,
    },
    /// A passkey in Microsoft Authenticator: bound to this account and to the phone whose app
    /// created it (reached through `device`); used by confirming with the phone's screen lock.
    /// The simulator keeps no key pair: what makes it a passkey here is that only the app on
    /// that phone can answer for it, and that it cannot be typed or phished.
    Passkey {
        /// The address of the app on the phone that holds it.
        device: u64,
        /// The name Security info lists it under.
        device_name: String,
    },
    /// Another authenticator app (software OATH token): codes only.
    SoftwareToken {
        /// The credential behind its codes.
        oath: Oath,
        /// The last time step whose code was accepted, so a code cannot be used twice.
        last_step: Option<u64>,
    },
}

impl Method {
    /// How the administrator's list of a user's authentication methods names this kind.
    pub fn kind(&self) -> &'static str {
        match self {
            Method::Phone { .. } => "Phone number",
            Method::Authenticator { .. } => "Microsoft Authenticator",
            Method::Passkey { .. } => "Passkey (Microsoft Authenticator)",
            Method::SoftwareToken { .. } => "Software OATH token",
        }
    }
}

impl MethodEntry {
    /// One line of the administrator's list of authentication methods: the kind and what
    /// tells two of a kind apart (the number and slot, the device).
    pub fn describe(&self) -> String {
        match &self.method {
            Method::Phone { slot, number } => format!("Phone number {number} ({})", slot.label()),
            Method::Authenticator { device_name, .. } | Method::Passkey { device_name, .. }
                if device_name != self.method.kind() =>
            {
                format!("{} ({device_name})", self.method.kind())
            }
            Method::Authenticator { .. } | Method::Passkey { .. } => self.method.kind().to_string(),
            Method::SoftwareToken { .. } => self.method.kind().to_string(),
        }
    }
}

/// A method with its identity in the list.
#[derive(Clone, Debug)]
pub struct MethodEntry {
    /// Stable id within this user's list.
    pub id: u32,
    /// The method.
    pub method: Method,
    /// When it was added.
    pub added: Instant,
}

/// Why a method cannot be added.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MethodError {
    /// Rule 12.
    #[error(
        "You can't set up another authenticator app because you already have five authenticator apps or hardware tokens."
    )]
    TooManyApps,
    /// Rule 13: one number per slot.
    #[error("You already have a {0}. Change or delete it instead.")]
    SlotTaken(&'static str),
    /// Not a number we can call or text.
    #[error("That doesn't look like a phone number. Check the country code and the number.")]
    BadNumber,
    /// Rule 13: an extension given for a phone other than the office phone.
    #[error("Only an office phone can have an extension.")]
    ExtensionNotAllowed,
    /// An extension that is not 1 to 10 digits.
    #[error("An extension is 1 to 10 digits.")]
    BadExtension,
}

/// The user's registered methods and default.
#[derive(Clone, Debug, Default)]
pub struct SecurityInfo {
    entries: Vec<MethodEntry>,
    next_id: u32,
    default: Option<VerifyOption>,
}

impl SecurityInfo {
    /// Add a method. The first method becomes the default.
    pub fn add(&mut self, method: Method, at: Instant) -> Result<u32, MethodError> {
        match &method {
            Method::Phone { slot, .. } if self.phone(*slot).is_some() => {
                return Err(MethodError::SlotTaken(slot.label()));
            }
            Method::Authenticator { .. } | Method::SoftwareToken { .. }
                if self.app_count() >= MAX_AUTHENTICATOR_APPS =>
            {
                return Err(MethodError::TooManyApps);
            }
            _ => {}
        }
        self.next_id += 1;
        let id = self.next_id;
        self.entries.push(MethodEntry {
            id,
            method,
            added: at,
        });
        if self.default.is_none() {
            self.default = self.options().first().copied();
        }
        Ok(id)
    }

    /// Delete a method; if it carried the default, the default moves to what remains.
    pub fn delete(&mut self, id: u32) -> bool {
        let before = self.entries.len();
        self.entries.retain(|e| e.id != id);
        if self.default.is_some_and(|d| !self.options().contains(&d)) {
            self.default = self.options().first().copied();
        }
        before != self.entries.len()
    }

    /// Delete phones, Authenticator apps and software tokens (admin "Require re-register MFA",
    /// rule 29): passkeys are not among the methods the action names, so they stay.
    pub fn clear(&mut self) {
        self.entries
            .retain(|e| matches!(e.method, Method::Passkey { .. }));
        self.default = self.options().first().copied();
    }

    /// Choose the default sign-in method; only an option the user has.
    pub fn set_default(&mut self, option: VerifyOption) -> bool {
        let ok = self.options().contains(&option);
        if ok {
            self.default = Some(option);
        }
        ok
    }

    /// The current default.
    pub fn default_option(&self) -> Option<VerifyOption> {
        self.default
    }

    /// All methods.
    pub fn entries(&self) -> &[MethodEntry] {
        &self.entries
    }

    /// Mutable access for the verifier (last accepted TOTP step).
    pub(crate) fn entries_mut(&mut self) -> &mut [MethodEntry] {
        &mut self.entries
    }

    /// True when nothing is registered.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The number in a phone slot.
    pub fn phone(&self, slot: PhoneSlot) -> Option<&str> {
        self.entries.iter().find_map(|e| match &e.method {
            Method::Phone { slot: s, number } if *s == slot => Some(number.as_str()),
            _ => None,
        })
    }

    /// Authenticator apps and tokens, counted together.
    pub fn app_count(&self) -> usize {
        self.entries
            .iter()
            .filter(|e| {
                matches!(
                    e.method,
                    Method::Authenticator { .. } | Method::SoftwareToken { .. }
                )
            })
            .count()
    }

    /// The phones holding a passkey for this account (the app's address on each).
    pub fn passkey_devices(&self) -> Vec<u64> {
        self.entries
            .iter()
            .filter_map(|e| match e.method {
                Method::Passkey { device, .. } => Some(device),
                _ => None,
            })
            .collect()
    }

    /// True when every registered method is a phone (texts or calls) and there is at least
    /// one: the users rule 36 stops with a blocking passkey registration.
    pub fn only_phones(&self) -> bool {
        !self.entries.is_empty()
            && self
                .entries
                .iter()
                .all(|e| matches!(e.method, Method::Phone { .. }))
    }

    /// The Authenticator devices that receive push.
    pub(crate) fn push_devices(&self) -> Vec<u64> {
        self.entries
            .iter()
            .filter_map(|e| match e.method {
                Method::Authenticator { device, .. } => Some(device),
                _ => None,
            })
            .collect()
    }

    /// Every way this user could verify, default first, before policy and calendar filter them.
    pub fn options(&self) -> Vec<VerifyOption> {
        let mut out = Vec::new();
        if !self.passkey_devices().is_empty() {
            out.push(VerifyOption::Passkey);
        }
        let has_push = !self.push_devices().is_empty();
        if has_push {
            out.push(VerifyOption::Push);
        }
        if self.app_count() > 0 {
            out.push(VerifyOption::AppCode);
        }
        if self.phone(PhoneSlot::Mobile).is_some() {
            out.push(VerifyOption::Text);
        }
        for slot in [PhoneSlot::Mobile, PhoneSlot::Alternate, PhoneSlot::Office] {
            if self.phone(slot).is_some() {
                out.push(VerifyOption::Call(slot));
            }
        }
        if let Some(d) = self.default
            && let Some(pos) = out.iter().position(|o| *o == d)
        {
            let d = out.remove(pos);
            out.insert(0, d);
        }
        out
    }
}

/// The ways of verifying one method gives (for telling which method carries the default).
pub(crate) fn options_of(method: &Method) -> Vec<VerifyOption> {
    let mut one = SecurityInfo::default();
    let _ = one.add(method.clone(), 0);
    one.options()
}

/// Make `+CC number` from a country code and what the user typed ("(425) 555-0100" or a full
/// "+1 4255550100"). Seven to fifteen digits; anything else is refused.
pub fn normalize_phone(country_code: &str, typed: &str) -> Result<String, MethodError> {
    let typed = typed.trim();
    let (cc, rest) = match typed.strip_prefix('+') {
        Some(full) => {
            let mut parts = full.splitn(2, [' ', '-']);
            (
                parts.next().unwrap_or_default().to_string(),
                parts.next().unwrap_or_default().to_string(),
            )
        }
        None => (
            country_code.trim_start_matches('+').to_string(),
            typed.to_string(),
        ),
    };
    if rest
        .chars()
        .any(|c| !(c.is_ascii_digit() || " -().".contains(c)))
    {
        return Err(MethodError::BadNumber);
    }
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let cc_ok = !cc.is_empty() && cc.len() <= 3 && cc.chars().all(|c| c.is_ascii_digit());
    if !cc_ok || !(7..=15).contains(&digits.len()) {
        return Err(MethodError::BadNumber);
    }
    Ok(format!("+{cc} {digits}"))
}

/// Rule 13: a number for one of the three slots, with an extension only for the office
/// phone. `typed` is what the number box holds; `extension` what the office phone's
/// "Extension" box holds (empty for none). Stored as Microsoft Graph writes it:
/// `+CC number` and, for an office phone with an extension, `+CC numberxEXT`.
pub fn normalize_slot_phone(
    slot: PhoneSlot,
    country_code: &str,
    typed: &str,
    extension: &str,
) -> Result<String, MethodError> {
    let number = normalize_phone(country_code, typed)?;
    let extension = extension.trim();
    if extension.is_empty() {
        return Ok(number);
    }
    if slot != PhoneSlot::Office {
        return Err(MethodError::ExtensionNotAllowed);
    }
    if !(1..=10).contains(&extension.len()) || !extension.chars().all(|c| c.is_ascii_digit()) {
        return Err(MethodError::BadExtension);
    }
    Ok(format!("{number}x{extension}"))
}

/// The line a call or text goes to: the stored number without its extension (the
/// organisation's switchboard puts the call through to the extension).
pub fn dialled(number: &str) -> &str {
    number.split_once('x').map_or(number, |(line, _)| line)
}

/// `+1 XXXXXXXX00`: how sign-in pages show a number.
pub fn mask_phone(number: &str) -> String {
    let extension = number.split_once('x').map(|(_, e)| e);
    let number = dialled(number);
    let (cc, digits) = number.split_once(' ').unwrap_or(("", number));
    let count = digits.chars().count();
    let keep = count.saturating_sub(2);
    let tail: String = digits.chars().skip(keep).collect();
    let masked = format!("{cc} {}{tail}", "X".repeat(keep));
    match extension {
        Some(e) => format!("{masked} ext. {e}"),
        None => masked,
    }
}
