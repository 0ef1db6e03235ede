//! Which messages a sequence set or a SEARCH names, in a mailbox where sequence numbers and
//! UIDs are the same. Each range is checked against a message's number, so a set naming
//! billions costs no more than one naming three.

use super::flags::Flags;
use imap_codec::imap_types::search::SearchKey;
use imap_codec::imap_types::sequence::{SeqOrUid, Sequence, SequenceSet};

/// Whether message `n` of `total` is in the set (`*` is the last). Checks each range
/// against `n`, so a set naming billions costs nothing.
pub fn contains(set: &SequenceSet, n: u32, total: u32) -> bool {
    let value = |s: &SeqOrUid| match s {
        SeqOrUid::Value(v) => v.get(),
        SeqOrUid::Asterisk => total.max(1),
    };
    set.0.as_ref().iter().any(|s| match s {
        Sequence::Single(s) => value(s) == n,
        Sequence::Range(a, b) => {
            let (a, b) = (value(a), value(b));
            a.min(b) <= n && n <= a.max(b)
        }
    })
}

/// Whether message `n` (with flags `f`) matches a search by flags and numbers (sequence
/// numbers and UIDs are the same here); `None` for criteria this server cannot answer.
pub(crate) fn matches(key: &SearchKey<'_>, n: u32, total: u32, f: &Flags) -> Option<bool> {
    Some(match key {
        SearchKey::All => true,
        SearchKey::Seen => f.seen,
        SearchKey::Unseen => !f.seen,
        SearchKey::Answered => f.answered,
        SearchKey::Unanswered => !f.answered,
        SearchKey::Flagged => f.flagged,
        SearchKey::Unflagged => !f.flagged,
        SearchKey::Deleted => f.deleted,
        SearchKey::Undeleted => !f.deleted,
        SearchKey::Draft => f.draft,
        SearchKey::Undraft => !f.draft,
        // Nothing arrives while a client is connected: nothing is recent or new.
        SearchKey::Old => true,
        SearchKey::New | SearchKey::Recent => false,
        SearchKey::SequenceSet(set) | SearchKey::Uid(set) => contains(set, n, total),
        SearchKey::Not(k) => !matches(k, n, total, f)?,
        SearchKey::Or(a, b) => matches(a, n, total, f)? || matches(b, n, total, f)?,
        SearchKey::And(keys) => {
            let mut all = true;
            for k in keys.as_ref() {
                all &= matches(k, n, total, f)?;
            }
            all
        }
        _ => return None,
    })
}
