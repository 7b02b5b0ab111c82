//! Syndication: the same statement carried by many outlets. One vocabulary
//! throughout: passages that are near-duplicates across articles are
//! *copies* and share a *copy group* (stored in the `group` field; shown as
//! 16 hex digits). Copies are *grouped* at index time ([`grouper`]) and
//! *folded* at search time ([`fold`]): search shows each group once, with
//! how many copies and articles it has and who carried it first.
//!
//! [`units`] cuts a passage into the texts compared (the passage, its
//! quotations, its reported statements) and [`minhash`] turns each into a
//! signature and lookup keys.

mod committed;
pub mod fold;
pub mod grouper;
pub mod labels;
pub mod minhash;
pub mod units;

pub use crate::index::codec::{group_label, parse_group_label, PassageGrouping};
pub use grouper::{
    prepare, prepare_ungrouped, stored_passage_keys, Grouper, GroupingReport, KeyHash, KeyHasher,
    PreparedPassage, PreparedUnit, Preparer, CANDIDATES_PER_KEY, KEYS_PER_UNIT, SIMILARITY,
};
