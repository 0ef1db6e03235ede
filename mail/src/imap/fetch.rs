//! FETCH and UID FETCH: the items asked for (a macro expanded, duplicates asked once, at most
//! [`MAX_FETCH_ITEMS`]), written for each message the set names; reading a body without PEEK
//! sets `\\Seen`, kept by the [`Exchange`](crate::Exchange) for the user.

use super::search::contains;
use super::{Imap, State, reply};
use imap_codec::imap_types::fetch::{MacroOrMessageDataItemNames, MessageDataItemName};
use imap_codec::imap_types::sequence::SequenceSet;

/// The most FETCH items one command may ask for (each message's reply is built whole).
pub const MAX_FETCH_ITEMS: usize = 64;

impl Imap {
    /// Answer a FETCH into `reply`.
    pub(super) fn fetch(
        &mut self,
        sequence_set: &SequenceSet,
        items: MacroOrMessageDataItemNames<'_>,
        uid: bool,
        tag: &str,
        reply: &mut Vec<u8>,
    ) {
        let expanded;
        let mut names = match items {
            MacroOrMessageDataItemNames::Macro(m) => {
                expanded = m;
                expanded.expand()
            }
            MacroOrMessageDataItemNames::MessageDataItemNames(names) => names,
        };
        if uid && !names.contains(&MessageDataItemName::Uid) {
            names.insert(0, MessageDataItemName::Uid);
        }
        let mut unique = Vec::with_capacity(names.len().min(MAX_FETCH_ITEMS + 1));
        for name in names {
            if !unique.contains(&name) {
                unique.push(name);
            }
            if unique.len() > MAX_FETCH_ITEMS {
                reply.extend(
                    format!("{tag} BAD Too many FETCH items (this training server takes {MAX_FETCH_ITEMS}).\r\n")
                        .bytes(),
                );
                return;
            }
        }
        let names = unique;
        let State::Selected {
            user,
            messages,
            read_only,
        } = &self.state
        else {
            return;
        };
        let mut flags = self.exchange.flags(user, messages.len());
        let before = flags.clone();
        let total = messages.len() as u32;
        // Reading a body (not PEEK) sets \Seen where the mailbox may change.
        let reads = names.iter().any(|name| {
            matches!(
                name,
                MessageDataItemName::Rfc822
                    | MessageDataItemName::Rfc822Text
                    | MessageDataItemName::BodyExt { peek: false, .. }
            )
        });
        for (i, (m, f)) in messages.iter().zip(flags.iter_mut()).enumerate() {
            let n = i as u32 + 1;
            if !contains(sequence_set, n, total) {
                continue;
            }
            let newly_seen = reads && !*read_only && !f.seen;
            if newly_seen {
                f.seen = true;
            }
            reply.extend(format!("* {n} FETCH (").bytes());
            for (k, name) in names.iter().enumerate() {
                if k > 0 {
                    reply.push(b' ');
                }
                match name {
                    MessageDataItemName::Flags => reply.extend(f.item()),
                    _ => reply.extend(reply::item(m, n, name)),
                }
            }
            if newly_seen && !names.contains(&MessageDataItemName::Flags) {
                reply.push(b' ');
                reply.extend(f.item());
            }
            reply.extend_from_slice(b")\r\n");
        }
        if flags != before {
            self.exchange.keep_flags(user, &flags);
        }
        reply.extend(format!("{tag} OK FETCH completed.\r\n").bytes());
    }
}
