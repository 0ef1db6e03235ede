//! Plain-text drawing of a [`ScreenView`], for the trainer and the demo.

use super::ScreenView;

/// Draw a screen as a boxed block of text, numbering nothing (the trainer adds its menu).
pub fn render(view: &ScreenView) -> String {
    let mut lines = vec![
        format!("[{}]", view.address),
        format!("== {} ==", view.title),
    ];
    if let Some(s) = &view.subtitle {
        lines.push(format!("-- {s} --"));
    }
    lines.extend(view.text.iter().cloned());
    if let Some(n) = view.number {
        lines.push(format!("   [ {n} ]"));
    }
    if let Some(q) = &view.qr {
        lines.push(format!("   (QR code: {q})"));
    }
    if let Some(a) = &view.activation {
        lines.push(format!("   Code: {}", a.code));
        lines.push(format!("   URL: {}", a.url));
    }
    if let Some(s) = &view.secret {
        lines.push(format!("   Secret key: {s}"));
    }
    if let Some(p) = &view.app_password {
        lines.push(format!("   App password: {p}"));
    }
    for row in &view.table {
        lines.push(format!("   | {} |", row.join(" | ")));
    }
    for (label, value) in &view.fields {
        lines.push(format!("   {label}: [{value}]"));
    }
    for (label, selected) in &view.choices {
        lines.push(format!(
            "   ({}) {label}",
            if *selected { "*" } else { " " }
        ));
    }
    for (label, ticked) in &view.ticks {
        lines.push(format!("   [{}] {label}", if *ticked { "x" } else { " " }));
    }
    if let Some(e) = &view.error {
        lines.push(format!("   ! {e}"));
    }
    if let Some(n) = &view.notice {
        lines.push(format!("   ✓ {n}"));
    }
    for link in &view.links {
        let mark = if view.pressed.as_deref() == Some(link.as_str()) {
            ">"
        } else {
            ""
        };
        lines.push(format!("   <{mark}{link}>"));
    }
    if !view.buttons.is_empty() {
        let pressed = view.pressed.as_deref();
        let drawn: Vec<String> = view
            .buttons
            .iter()
            .map(|b| {
                if Some(b.as_str()) == pressed {
                    format!("[>{b}<]")
                } else {
                    format!("[ {b} ]")
                }
            })
            .collect();
        lines.push(format!("   {}", drawn.join(" ")));
    }
    lines.join("\n")
}
