//! The search slots: how many searches run at once, and who waits for whom.
//!
//! A search runs on tokio's blocking pool only while it holds a slot, so a
//! burst of expensive queries queues instead of taking every core (issue
//! 21). In a single line, though, a quick request that arrives behind such a
//! burst waits for all of it, and an unbounded pool would at least have
//! shared the cores with it. So requests are weighed by their shape before
//! they run: a quick one (a few plain words, an article by id, the health
//! check) may take any free slot or the one slot kept for quick requests,
//! and waits at most for the quick requests ahead of it; an expensive one
//! (long, nested or prefix queries, listings over the whole index) takes
//! only the shared slots. At most `slots + 1` searches run at once.

use std::time::Duration;
use tokio::sync::{Semaphore, SemaphorePermit};

/// Words a query may have and still be quick.
pub const QUICK_WORDS: usize = 4;

/// What a request is likely to cost, judged from its shape before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Bounded by its shape: a few plain words, one article, a count.
    Quick,
    /// Anything else: many words, parentheses, prefixes, everything.
    Heavy,
}

impl Weight {
    /// The weight of a search for `query`: quick when it has at most
    /// [`QUICK_WORDS`] words and no parentheses or prefix `*`, and its last
    /// word is not also matched as a `prefix` (up to
    /// `prefix::MAX_EXPANSIONS` words). An empty query lists the whole
    /// index and is heavy.
    pub fn of_search(query: &str, prefix: bool) -> Weight {
        let words = query.split_whitespace().count();
        let operators = query.contains(['(', ')', '*']);
        if (1..=QUICK_WORDS).contains(&words) && !operators && !prefix {
            Weight::Quick
        } else {
            Weight::Heavy
        }
    }
}

/// The shared slots and the slot kept for quick requests.
pub struct SearchSlots {
    shared: Semaphore,
    quick: Semaphore,
}

impl SearchSlots {
    /// `shared` slots (at least one) for every request, one more for quick
    /// ones.
    pub fn new(shared: usize) -> SearchSlots {
        SearchSlots {
            shared: Semaphore::new(shared.max(1)),
            quick: Semaphore::new(1),
        }
    }

    /// A slot for a request of `weight`, waiting up to `wait` for one;
    /// `None` when none came free in time. The slot is given back when the
    /// permit is dropped.
    pub async fn acquire(&self, weight: Weight, wait: Duration) -> Option<SemaphorePermit<'_>> {
        let slot = async {
            match weight {
                Weight::Heavy => self.shared.acquire().await,
                // Whichever comes first; the other wait is dropped, which
                // takes it out of its line.
                Weight::Quick => tokio::select! {
                    slot = self.shared.acquire() => slot,
                    slot = self.quick.acquire() => slot,
                },
            }
        };
        tokio::time::timeout(wait, slot).await.ok()?.ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_few_plain_words_are_quick_and_anything_else_heavy() {
        for quick in [
            "ceasefire",
            "harbour works",
            "\"peace talks\" Kyiv",
            "title:budget",
        ] {
            assert_eq!(Weight::of_search(quick, false), Weight::Quick, "{quick}");
        }
        for heavy in ["", "   ", "a b c d e", "(peace OR talks)", "\"peace ta\"*"] {
            assert_eq!(Weight::of_search(heavy, false), Weight::Heavy, "{heavy:?}");
        }
        assert_eq!(Weight::of_search("negot", true), Weight::Heavy);
    }

    #[tokio::test(flavor = "current_thread")]
    async fn a_quick_request_gets_the_kept_slot_while_heavy_ones_hold_the_shared() {
        let slots = SearchSlots::new(2);
        let wait = Duration::from_millis(50);
        let _a = slots.acquire(Weight::Heavy, wait).await.unwrap();
        let _b = slots.acquire(Weight::Heavy, wait).await.unwrap();
        assert!(slots.acquire(Weight::Heavy, wait).await.is_none());
        let quick = slots.acquire(Weight::Quick, wait).await;
        assert!(quick.is_some());
        assert!(slots.acquire(Weight::Quick, wait).await.is_none());
        drop(quick);
        assert!(slots.acquire(Weight::Quick, wait).await.is_some());
    }
}
