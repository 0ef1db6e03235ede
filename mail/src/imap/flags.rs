//! The flags of a message in the training mailbox: the five system flags of RFC 3501, kept for
//! one connection only (the mailbox itself never changes), set by reading a body or by STORE.

use imap_codec::imap_types::flag::{Flag, StoreType};

/// The system flags a message may carry (RFC 3501, 2.3.2), kept per connection.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Flags {
    pub(crate) seen: bool,
    pub(crate) answered: bool,
    pub(crate) flagged: bool,
    pub(crate) deleted: bool,
    pub(crate) draft: bool,
}

impl Flags {
    /// `FLAGS (...)`.
    pub(crate) fn item(&self) -> Vec<u8> {
        let names: Vec<&str> = [
            (self.seen, "\\Seen"),
            (self.answered, "\\Answered"),
            (self.flagged, "\\Flagged"),
            (self.deleted, "\\Deleted"),
            (self.draft, "\\Draft"),
        ]
        .into_iter()
        .filter_map(|(on, name)| on.then_some(name))
        .collect();
        format!("FLAGS ({})", names.join(" ")).into_bytes()
    }

    fn slot(&mut self, flag: &Flag<'_>) -> Option<&mut bool> {
        match flag {
            Flag::Seen => Some(&mut self.seen),
            Flag::Answered => Some(&mut self.answered),
            Flag::Flagged => Some(&mut self.flagged),
            Flag::Deleted => Some(&mut self.deleted),
            Flag::Draft => Some(&mut self.draft),
            _ => None,
        }
    }

    pub(crate) fn store(&mut self, kind: &StoreType, flags: &[Flag<'_>]) {
        if let StoreType::Replace = kind {
            *self = Flags::default();
        }
        for flag in flags {
            if let Some(slot) = self.slot(flag) {
                *slot = !matches!(kind, StoreType::Remove);
            }
        }
    }
}
