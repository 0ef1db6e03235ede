//! Tests of `mfa_sim::tenant::oath` (`src/tenant/oath.rs`), through its public API.

use mfa_sim::tenant::oath::*;
use totp_rs::Secret;

const RFC_KEY: &[u8] = b"12345678901234567890";

/// RFC 6238 appendix B, SHA-1 column, through the path the simulated apps use.
#[test]
fn rfc6238_appendix_b_sha1() {
    let token = Oath::with_digits(RFC_KEY, "RFC", "test", 8).unwrap();
    for (t, code) in [
        (59, "94287082"),
        (1_111_111_109, "07081804"),
        (1_111_111_111, "14050471"),
        (1_234_567_890, "89005924"),
        (2_000_000_000, "69279037"),
        (20_000_000_000, "65353130"),
    ] {
        assert_eq!(token.code_at(t), code, "T={t}");
        assert!(matches!(token.check(code, t, 0, 0), CodeMatch::Current(_)));
    }
}

#[test]
fn extra_vector_and_skew() {
    let secret = Secret::try_from_base32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP").unwrap();
    let token = Oath::new(secret.as_bytes(), "Contoso", "adele@contoso.com").unwrap();
    assert_eq!(token.code_at(1_700_000_000), "406058");
    assert_eq!(token.code_at(1_700_000_030), "661763");
    assert_eq!(
        token.check("406 058", 1_700_000_000, 1, 10),
        CodeMatch::Current(56_666_666)
    );
    assert_eq!(
        token.check("406058", 1_700_000_030, 1, 10),
        CodeMatch::Current(56_666_666)
    );
    assert_eq!(token.check("406058", 1_700_000_060, 1, 10), CodeMatch::Old);
    assert_eq!(
        token.check("000000", 1_700_000_000, 1, 10),
        CodeMatch::NoMatch
    );
}

#[test]
fn uri_round_trip() {
    let token = Oath::new(&[7; 20], "Contoso", "dana@contoso.com").unwrap();
    let back = Oath::from_uri(&token.uri()).unwrap();
    assert_eq!(back.code_at(1_000), token.code_at(1_000));
    assert!(
        token
            .uri()
            .starts_with("otpauth://totp/Contoso:dana%40contoso.com?secret=")
    );
    assert!(Oath::from_uri("msauth://activate?code=1").is_err());
    let typed = Oath::from_key(&token.secret_base32().to_lowercase(), "Contoso", "dana")
        .expect("a shown key can be typed back");
    assert_eq!(typed.code_at(1_000_000), token.code_at(1_000_000));
    assert!(Oath::from_key("not base32!", "Contoso", "dana").is_err());
}
