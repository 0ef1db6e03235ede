//! Tests of `mfa_sim::tenant::telephony` (`src/tenant/telephony.rs`), through its public API.

use mfa_sim::records::Wording;
use mfa_sim::tenant::telephony::*;

#[test]
fn a_call_never_reads_out_a_code() {
    // Rule 16: whichever greeting, the call asks for a key press and carries no digits.
    for fraud in [false, true] {
        let (script, _) = call_script(fraud);
        assert!(script.contains("pound key"), "{script}");
        assert!(!script.chars().any(|c| c.is_ascii_digit()), "{script}");
        assert_eq!(script.contains("zero pound"), fraud, "{script}");
    }
    assert_eq!(call_script(false).1, Wording::Microsoft);
    assert_eq!(call_script(true).1, Wording::Simulator);
    assert_eq!(text_body("123456", "x@y.z").1, Wording::Simulator);
}
