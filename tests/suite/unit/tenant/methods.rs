//! Tests of `mfa_sim::tenant::methods` (`src/tenant/methods.rs`), through its public API.

use mfa_sim::tenant::methods::*;
use mfa_sim::tenant::oath::Oath;

fn app(n: u8) -> Method {
    Method::SoftwareToken {
        oath: Oath::new(&[n; 20], "T", "u").unwrap(),
        last_step: None,
    }
}

#[test]
fn phone_numbers() {
    assert_eq!(
        normalize_phone("1", "(425) 555-0100").unwrap(),
        "+1 4255550100"
    );
    assert_eq!(
        normalize_phone("44", "+1 4255550100").unwrap(),
        "+1 4255550100"
    );
    assert_eq!(normalize_phone("1", "call me"), Err(MethodError::BadNumber));
    assert_eq!(mask_phone("+1 4255550100"), "+1 XXXXXXXX00");
    assert_eq!(
        mask_phone("+1 ٤٢٥"),
        "+1 X٢٥",
        "never slices inside a character"
    );
}

#[test]
fn only_the_office_phone_takes_an_extension() {
    // Rule 13: extensions only on the office phone, stored `+CC numberxEXT`, dialled
    // without the extension, masked with it.
    let office = normalize_slot_phone(PhoneSlot::Office, "1", "425 555 0142", "123").unwrap();
    assert_eq!(office, "+1 4255550142x123");
    assert_eq!(dialled(&office), "+1 4255550142");
    assert_eq!(mask_phone(&office), "+1 XXXXXXXX42 ext. 123");
    for slot in [PhoneSlot::Mobile, PhoneSlot::Alternate] {
        assert_eq!(
            normalize_slot_phone(slot, "1", "4255550142", "123"),
            Err(MethodError::ExtensionNotAllowed)
        );
        assert_eq!(
            normalize_slot_phone(slot, "1", "4255550142", " ").unwrap(),
            "+1 4255550142"
        );
    }
    assert_eq!(
        normalize_slot_phone(PhoneSlot::Office, "1", "4255550142", "12a"),
        Err(MethodError::BadExtension)
    );
    assert_eq!(
        normalize_slot_phone(PhoneSlot::Office, "1", "4255550142x12", ""),
        Err(MethodError::BadNumber),
        "an extension goes in its own box"
    );
    assert_eq!(dialled("+1 4255550123"), "+1 4255550123");
}

#[test]
fn one_number_in_each_of_the_three_slots() {
    // Rule 13: one mobile, one alternate and one office number; a second in a slot is
    // refused, the other slots stay free.
    let mut info = SecurityInfo::default();
    for (slot, number) in [
        (PhoneSlot::Mobile, "+1 4255550100"),
        (PhoneSlot::Alternate, "+1 4255550101"),
        (PhoneSlot::Office, "+1 4255550102x7"),
    ] {
        info.add(
            Method::Phone {
                slot,
                number: number.into(),
            },
            0,
        )
        .unwrap();
        assert_eq!(info.phone(slot), Some(number));
    }
    for slot in [PhoneSlot::Mobile, PhoneSlot::Alternate, PhoneSlot::Office] {
        let again = Method::Phone {
            slot,
            number: "+1 4255550199".into(),
        };
        assert_eq!(
            info.add(again, 0),
            Err(MethodError::SlotTaken(slot.label()))
        );
    }
    assert_eq!(info.entries().len(), 3);
}

#[test]
fn require_reregistration_keeps_a_passkey() {
    let mut info = SecurityInfo::default();
    info.add(
        Method::Phone {
            slot: PhoneSlot::Mobile,
            number: "+1 4255550100".into(),
        },
        0,
    )
    .unwrap();
    info.add(app(1), 0).unwrap();
    info.add(
        Method::Passkey {
            device: 9,
            device_name: "Microsoft Authenticator".into(),
        },
        0,
    )
    .unwrap();
    assert_eq!(info.app_count(), 1, "a passkey is not one of the five apps");
    assert!(!info.only_phones());
    info.clear();
    assert_eq!(info.entries().len(), 1);
    assert_eq!(info.passkey_devices(), vec![9]);
    assert_eq!(info.default_option(), Some(VerifyOption::Passkey));
}

#[test]
fn five_apps_then_refused_and_default_moves() {
    let mut info = SecurityInfo::default();
    let phone = info
        .add(
            Method::Phone {
                slot: PhoneSlot::Mobile,
                number: "+1 4255550100".into(),
            },
            0,
        )
        .unwrap();
    assert_eq!(info.default_option(), Some(VerifyOption::Text));
    for n in 0..5 {
        info.add(app(n), 0).unwrap();
    }
    assert_eq!(info.add(app(9), 0), Err(MethodError::TooManyApps));
    let again = Method::Phone {
        slot: PhoneSlot::Mobile,
        number: "+1 4255550101".into(),
    };
    assert_eq!(info.add(again, 0), Err(MethodError::SlotTaken("Phone")));
    assert!(info.delete(phone));
    assert_eq!(info.default_option(), Some(VerifyOption::AppCode));
}
