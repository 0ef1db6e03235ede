//! Tests of `mfa_sim::transcript` (`src/transcript.rs`), through its public API.

use mfa_sim::records::Wording;
use mfa_sim::transcript::*;

#[test]
fn the_simulators_wording_is_marked_and_microsofts_is_not() {
    let event = |output| Event {
        at: 0,
        actor: Actor::Phone("Dana".into()),
        output,
    };
    let text = event(Output::TextMessage {
        from: "97671".into(),
        body: "123456 is your code".into(),
        wording: Wording::Simulator,
    });
    assert!(
        text.render_text().ends_with(Wording::MARK),
        "{}",
        text.render_text()
    );
    let call = event(Output::Call {
        from: "+1 8553308653".into(),
        said: "Please press the pound key to finish your verification.".into(),
        keys: Some("#".into()),
        wording: Wording::Microsoft,
    });
    assert!(!call.render_text().contains(Wording::MARK));
    let ours = event(Output::Call {
        from: "+1 8553308653".into(),
        said: "press zero pound".into(),
        keys: None,
        wording: Wording::Simulator,
    });
    assert!(ours.render_text().contains(Wording::MARK));
}
