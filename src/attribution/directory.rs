//! One person, one name across an index: canonical groups of the exact
//! speaker names that articles stored.
//!
//! Each article resolves its own names, so the index may hold "Yury
//! Ushakov" from one article, "Yuri Ushakov" from another and plain
//! "Ushakov" from a third that never gave the first name. The directory
//! merges names whose first name and surname have the same spelling key
//! ([`super::names::spelling_key`]), and a single-word name into the one
//! full name with that surname when there is exactly one (two people
//! sharing a surname stay apart). The canonical name of a group is its
//! most used full form. Search uses it to match every exact form of a
//! requested name and to show canonical names.

use super::names::{surname, word_key};
use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;
use tantivy::schema::Field;
use tantivy::{Searcher, SegmentReader};

/// Separates the surname key from the name in a [`speaker_key`] term.
pub const KEY_SEPARATOR: char = '\u{1f}';
/// The character after [`KEY_SEPARATOR`]: the end of a key's range.
const KEY_END: char = '\u{20}';

/// The term under which an exact speaker name is indexed by its surname
/// (the `speaker_key` field): the surname's spelling key, U+001F, the name.
/// Names are only ever grouped with names of the same surname key, so the
/// terms of one key are all a directory needs to place a name (see
/// [`Directory::for_names`]).
pub fn speaker_key(name: &str) -> Option<String> {
    let (_, last) = keys(name)?;
    Some(format!("{last}{KEY_SEPARATOR}{name}"))
}

/// The canonical groups of a list of exact speaker names.
#[derive(Debug, Default, Clone)]
pub struct Directory {
    groups: Vec<Group>,
    /// Exact name → its group.
    group_of: HashMap<String, usize>,
}

#[derive(Debug, Clone)]
struct Group {
    /// Exact names with how many passages carry each.
    members: Vec<(String, u64)>,
    /// Spelling key of the surname (or of the single word).
    surname_key: String,
    /// Spelling key of the first name; empty for single-word groups.
    first_key: String,
}

impl Group {
    /// The most used multi-word form, else the most used form; the
    /// alphabetically first on ties, so the choice is stable.
    fn canonical(&self) -> &str {
        fn pick<'g>(candidates: impl Iterator<Item = &'g (String, u64)>) -> Option<&'g str> {
            candidates
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .map(|n| n.0.as_str())
        }
        let full = |n: &&(String, u64)| n.0.split_whitespace().count() >= 2;
        pick(self.members.iter().filter(full))
            .or_else(|| pick(self.members.iter()))
            .unwrap_or("")
    }
}

/// The spelling keys of a name's first word and surname (first is empty
/// for a single word).
fn keys(name: &str) -> Option<(String, String)> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = word_key(surname(&words));
    if last.is_empty() {
        return None;
    }
    let first = if words.len() >= 2 {
        word_key(words[0])
    } else {
        String::new()
    };
    Some((first, last))
}

/// The spelling key of a name's surname (or single word), under which
/// its [`speaker_key`] term is indexed.
pub fn surname_key(name: &str) -> Option<String> {
    keys(name).map(|(_, last)| last)
}

/// The names read from several segments, each once with its passages
/// summed, sorted. The same names come from many segments: they are
/// summed where they are kept, and copied once each.
fn summed(read: &[Arc<[(String, u64)]>]) -> Vec<(String, u64)> {
    let mut counts: HashMap<&str, u64> = HashMap::new();
    for (name, passages) in read.iter().flat_map(|names| names.iter()) {
        *counts.entry(name.as_str()).or_default() += passages;
    }
    let mut names: Vec<(String, u64)> = counts
        .into_iter()
        .map(|(name, passages)| (name.to_string(), passages))
        .collect();
    names.sort();
    names
}

/// What names a speaker canonically: a [`Directory`], or the directories
/// of a few surname keys ([`SurnameDirectories`]).
pub trait Canonical {
    /// The canonical name of an exact stored name (itself when unknown).
    fn canonical<'a>(&'a self, exact: &'a str) -> &'a str;
}

impl Canonical for Directory {
    fn canonical<'a>(&'a self, exact: &'a str) -> &'a str {
        Directory::canonical(self, exact)
    }
}

/// The directories of some surname keys, one each
/// ([`Directory::of_surname_read_by`]): a name is placed by the one of its
/// surname key, as one directory of all those keys would place it. Kept
/// per key, they serve later searches whole (see
/// `crate::index::speaker_names`).
#[derive(Debug, Default, Clone)]
pub struct SurnameDirectories(pub Vec<Arc<Directory>>);

impl SurnameDirectories {
    /// Every exact name a user's `--speaker` value stands for, as
    /// [`Directory::matching`] of one directory of all these keys gives
    /// them: only groups of the value's own surname key match it, and they
    /// are all in that key's directory.
    pub fn matching(&self, requested: &str) -> Vec<&str> {
        self.0.iter().flat_map(|d| d.matching(requested)).collect()
    }
}

impl Canonical for SurnameDirectories {
    fn canonical<'a>(&'a self, exact: &'a str) -> &'a str {
        // A name is in the directory of its own surname key only.
        self.0
            .iter()
            .find_map(|d| d.known_canonical(exact))
            .unwrap_or(exact)
    }
}

impl Directory {
    /// Groups `names` (exact names with their passage counts).
    pub fn build(names: impl IntoIterator<Item = (String, u64)>) -> Directory {
        let mut by_keys: HashMap<(String, String), usize> = HashMap::new();
        let mut groups: Vec<Group> = Vec::new();
        for (name, count) in names {
            let Some((first, last)) = keys(&name) else {
                continue;
            };
            let id = *by_keys
                .entry((first.clone(), last.clone()))
                .or_insert_with(|| {
                    groups.push(Group {
                        members: Vec::new(),
                        surname_key: last,
                        first_key: first,
                    });
                    groups.len() - 1
                });
            match groups[id].members.iter_mut().find(|m| m.0 == name) {
                Some(m) => m.1 += count,
                None => groups[id].members.push((name, count)),
            }
        }
        // A single word joins the one full name with that surname.
        let mut full_by_surname: HashMap<&str, Vec<usize>> = HashMap::new();
        for (id, g) in groups.iter().enumerate() {
            if !g.first_key.is_empty() {
                full_by_surname.entry(&g.surname_key).or_default().push(id);
            }
        }
        let mut merge_into: Vec<Option<usize>> = vec![None; groups.len()];
        for (id, g) in groups.iter().enumerate() {
            if g.first_key.is_empty() {
                if let Some([only]) = full_by_surname
                    .get(g.surname_key.as_str())
                    .map(Vec::as_slice)
                {
                    merge_into[id] = Some(*only);
                }
            }
        }
        for (id, target) in merge_into.iter().enumerate() {
            if let Some(target) = target {
                let members = std::mem::take(&mut groups[id].members);
                groups[*target].members.extend(members);
            }
        }
        groups.retain(|g| !g.members.is_empty());
        let mut group_of = HashMap::new();
        for (id, g) in groups.iter().enumerate() {
            for (name, _) in &g.members {
                group_of.insert(name.clone(), id);
            }
        }
        Directory { groups, group_of }
    }

    /// The directory of the exact names stored in `field` (a raw string
    /// field) of an index, read from its term dictionaries; a name's count
    /// is the number of passages that carry it.
    pub fn from_index(searcher: &Searcher, field: Field) -> tantivy::Result<Directory> {
        let mut counts: HashMap<String, u64> = HashMap::new();
        for segment in searcher.segment_readers() {
            let index = segment.inverted_index(field)?;
            let mut terms = index.terms().stream()?;
            while terms.advance() {
                if let Ok(name) = std::str::from_utf8(terms.key()) {
                    *counts.entry(name.to_string()).or_default() +=
                        u64::from(terms.value().doc_freq);
                }
            }
        }
        let mut names: Vec<(String, u64)> = counts.into_iter().collect();
        names.sort();
        Ok(Directory::build(names))
    }

    /// The directory of the names that share a surname key with any of
    /// `names`, read from the `speaker_key` terms of those keys only: for
    /// those names it is the same as the directory of the whole index (a
    /// group never spans two surname keys), at the cost of a few term
    /// lookups instead of reading every speaker name.
    pub fn for_names<'n>(
        searcher: &Searcher,
        speaker_key_field: Field,
        names: impl IntoIterator<Item = &'n str>,
    ) -> tantivy::Result<Directory> {
        let surnames: BTreeSet<String> = names.into_iter().filter_map(surname_key).collect();
        let mut read = Vec::new();
        for segment in searcher.segment_readers() {
            for last in &surnames {
                read.push(names_of_surname(segment, speaker_key_field, last)?.into());
            }
        }
        Ok(Directory::build(summed(&read)))
    }

    /// The directory of the names under one surname key in every segment
    /// of `searcher`, as [`names_of_surname`] reads them for each segment
    /// (by `names_of`, which may keep them for later searches). Names are
    /// grouped only within a surname key, so it places those names as a
    /// directory of more keys does: see [`SurnameDirectories`].
    pub fn of_surname_read_by(
        searcher: &Searcher,
        surname_key: &str,
        mut names_of: impl FnMut(&SegmentReader, &str) -> tantivy::Result<Arc<[(String, u64)]>>,
    ) -> tantivy::Result<Directory> {
        let read = searcher
            .segment_readers()
            .iter()
            .map(|segment| names_of(segment, surname_key))
            .collect::<tantivy::Result<Vec<_>>>()?;
        Ok(Directory::build(summed(&read)))
    }

    /// The canonical name of an exact stored name (itself when unknown).
    pub fn canonical<'a>(&'a self, exact: &'a str) -> &'a str {
        self.known_canonical(exact).unwrap_or(exact)
    }

    /// The canonical name of an exact name this directory holds.
    fn known_canonical(&self, exact: &str) -> Option<&str> {
        self.group_of
            .get(exact)
            .map(|&id| self.groups[id].canonical())
    }

    /// Every exact name a user's `--speaker` value stands for: the groups
    /// whose first name and surname match it, or for a single word every
    /// group with that surname (or that single name).
    pub fn matching(&self, requested: &str) -> Vec<&str> {
        let Some((first, last)) = keys(requested) else {
            return Vec::new();
        };
        self.groups
            .iter()
            .filter(|g| {
                g.surname_key == last
                    && (first.is_empty() || g.first_key == first || g.first_key.is_empty())
            })
            .filter(|g| {
                // A full name matches a single-word group only when that
                // word was merged nowhere else, i.e. it is its own group
                // with no full name competing for it.
                first.is_empty() || !g.first_key.is_empty() || self.surname_unshared(&g.surname_key)
            })
            .flat_map(|g| g.members.iter().map(|m| m.0.as_str()))
            .collect()
    }

    /// Whether no two full-name groups share this surname.
    fn surname_unshared(&self, surname_key: &str) -> bool {
        self.groups
            .iter()
            .filter(|g| !g.first_key.is_empty() && g.surname_key == surname_key)
            .count()
            <= 1
    }

    /// Each canonical name with the other exact names of its group.
    pub fn groups(&self) -> impl Iterator<Item = (&str, Vec<&str>)> {
        self.groups.iter().map(|g| {
            let canonical = g.canonical();
            let others = g
                .members
                .iter()
                .map(|m| m.0.as_str())
                .filter(|m| *m != canonical)
                .collect();
            (canonical, others)
        })
    }
}

/// The exact speaker names under the surname key `surname_key` in one
/// segment's `speaker_key` terms (see [`speaker_key`]), each with the
/// number of passages of the segment that carry it.
pub fn names_of_surname(
    segment: &SegmentReader,
    speaker_key_field: Field,
    surname_key: &str,
) -> tantivy::Result<Vec<(String, u64)>> {
    let index = segment.inverted_index(speaker_key_field)?;
    let from = format!("{surname_key}{KEY_SEPARATOR}");
    let to = format!("{surname_key}{KEY_END}");
    let mut terms = index
        .terms()
        .range()
        .ge(from.as_bytes())
        .lt(to.as_bytes())
        .into_stream()?;
    let mut names = Vec::new();
    while terms.advance() {
        let Ok(term) = std::str::from_utf8(terms.key()) else {
            continue;
        };
        if let Some((_, name)) = term.split_once(KEY_SEPARATOR) {
            names.push((name.to_string(), u64::from(terms.value().doc_freq)));
        }
    }
    Ok(names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn directory(names: &[(&str, u64)]) -> Directory {
        Directory::build(names.iter().map(|(n, c)| (n.to_string(), *c)))
    }

    #[test]
    fn spelling_variants_and_surnames_merge() {
        let d = directory(&[("Yury Ivanov", 3), ("Yuri Ivanov", 5), ("Ivanov", 1)]);
        assert_eq!(d.canonical("Yury Ivanov"), "Yuri Ivanov");
        assert_eq!(d.canonical("Ivanov"), "Yuri Ivanov");
        let mut all = d.matching("yury ivanov");
        all.sort();
        assert_eq!(all, ["Ivanov", "Yuri Ivanov", "Yury Ivanov"]);
        assert_eq!(d.matching("Ivanov").len(), 3);
    }

    #[test]
    fn a_shared_surname_stays_apart() {
        let d = directory(&[("Bill Hart", 2), ("Ann Hart", 2), ("Hart", 4)]);
        assert_eq!(d.canonical("Hart"), "Hart");
        assert_eq!(d.matching("Ann Hart"), ["Ann Hart"]);
        assert_eq!(d.matching("Hart").len(), 3);
    }

    #[test]
    fn organizations_and_unrelated_names_are_their_own_groups() {
        let d = directory(&[("Kremlin", 4), ("Anna Krem", 1)]);
        assert_eq!(d.canonical("Kremlin"), "Kremlin");
        assert_eq!(d.matching("kremlin"), ["Kremlin"]);
        assert!(d.matching("Krem").contains(&"Anna Krem"));
        assert!(!d.matching("Krem").contains(&"Kremlin"));
    }

    /// An index whose passages carry `passages` (each a list of names) in
    /// `speakers` and `speaker_key`, as the writer stores them.
    fn index_of(passages: &[&[&str]]) -> (tantivy::Index, Field, Field) {
        use tantivy::schema::{Schema, STRING};
        let mut schema = Schema::builder();
        let speakers = schema.add_text_field("speakers", STRING);
        let key = schema.add_text_field("speaker_key", STRING);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for names in passages {
            let mut doc = tantivy::TantivyDocument::new();
            for name in *names {
                doc.add_text(speakers, name);
                doc.add_text(key, speaker_key(name).unwrap());
            }
            writer.add_document(doc).unwrap();
        }
        writer.commit().unwrap();
        (index, speakers, key)
    }

    #[test]
    fn the_names_of_a_few_surnames_place_a_name_as_all_names_do() {
        let passages: &[&[&str]] = &[
            &["Yury Ushakov", "Steve Witkoff"],
            &["Yuri Ushakov"],
            &["Yuri Ushakov", "Ushakov"],
            &["Witkoff"],
            &["Bill Hart", "Ann Hart"],
            &["Hart"],
            &["Kremlin", "Anna Krem"],
        ];
        let (index, speakers, key) = index_of(passages);
        let searcher = index.reader().unwrap().searcher();
        let whole = Directory::from_index(&searcher, speakers).unwrap();
        let names: BTreeSet<&str> = passages.iter().flat_map(|p| p.iter().copied()).collect();
        for name in names.iter().chain(&["yury ushakov", "HART", "Nobody"]) {
            let part = Directory::for_names(&searcher, key, [*name]).unwrap();
            assert_eq!(part.canonical(name), whole.canonical(name), "{name}");
            let (mut a, mut b) = (part.matching(name), whole.matching(name));
            a.sort();
            b.sort();
            assert_eq!(a, b, "{name}");
        }
        let part = Directory::for_names(&searcher, key, ["Ushakov"]).unwrap();
        assert_eq!(part.canonical("Yury Ushakov"), "Yuri Ushakov");
        assert_eq!(part.canonical("Steve Witkoff"), "Steve Witkoff");
    }
}
