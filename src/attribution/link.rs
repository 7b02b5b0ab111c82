//! Name linking: a speaker phrase becomes speakers. A run of capitalized
//! words is matched to a person of the article's name book (surname,
//! honorific and short forms link to the longest name the article gives)
//! or parsed as an organization; pronouns and roles are resolved through
//! the discourse ([`coref`](super::coref)).

use super::coref::Speaker;
use super::given_names;
use super::names::{self, Gender, NameKind, Parses};
use super::speakers::{self, Phrase, SpeakerPhrase};
use super::tokens::{is_capitalized, strip_possessive};
use super::Reader;
use std::ops::Range;

impl Reader {
    /// Resolves a speaker phrase to speakers, each with the text written
    /// for it.
    pub(super) fn resolve(
        &mut self,
        p: &speakers::Passage,
        phrase: &SpeakerPhrase,
        clause: Option<&dyn Fn() -> Vec<(Speaker, String)>>,
    ) -> Vec<(Speaker, String)> {
        let written_text = |r: &Range<usize>| -> String {
            if r.is_empty() {
                return String::new();
            }
            p.text[p.tokens[r.start].start..p.tokens[r.end - 1].end].to_string()
        };
        let whole = written_text(&phrase.written);
        let mut out = Vec::new();
        for ph in &phrase.phrases {
            match ph {
                Phrase::Name(range) => {
                    if let Some(s) = self.resolve_name(p, range) {
                        // A person as written is their name, without the
                        // roles and titles before it ("negotiator Rustem
                        // Umerov" is written "Rustem Umerov").
                        let written = match &s {
                            Speaker::Named {
                                organization: true, ..
                            } if phrase.phrases.len() == 1 => whole.clone(),
                            _ => written_text(&name_part(p, range, &mut self.parses)),
                        };
                        out.push((s, written));
                    } else if let Some(name) = organization_of(p, range) {
                        out.push((self.organization_speaks(name.clone()), name));
                    }
                }
                Phrase::Pronoun(i) => {
                    let w = p.word(*i).unwrap_or("");
                    // "he", "she", and "him", "her" after "according to".
                    let female = w.get(..3).is_some_and(|s| {
                        s.eq_ignore_ascii_case("she") || s.eq_ignore_ascii_case("her")
                    });
                    let gender = if female { Gender::Female } else { Gender::Male };
                    let since = (self.here >> 20).saturating_sub(1) << 20;
                    if let Some(s) = self.discourse.pronoun(&self.book, gender, since, self.here) {
                        out.push((s, w.to_string()));
                    }
                }
                Phrase::Role(range) => {
                    let words: Vec<String> = range
                        .clone()
                        .filter_map(|k| p.word(k))
                        .map(|w| w.to_lowercase())
                        .collect();
                    let head = words.last().map_or("", String::as_str);
                    let found = if speakers::is_organization_role(head) {
                        self.discourse
                            .organization(head, self.here)
                            .or_else(|| self.only_party(head))
                    } else {
                        self.discourse
                            .role(&self.book, &words, self.here)
                            .or_else(|| self.named_next())
                    };
                    if let Some(s) = found {
                        if let Speaker::Person(id) = s {
                            self.used[id] = true;
                        }
                        out.push((s, whole.clone()));
                    }
                }
                Phrase::Organization(range) => {
                    // A person of the article is not an organization ("a
                    // spokeswoman for Clinton" does not name the speaker).
                    let by_representative = phrase.written.clone().any(|k| {
                        p.word(k)
                            .is_some_and(|w| speakers::is_representative(&w.to_lowercase()))
                    });
                    match self.resolve_name(p, range) {
                        Some(Speaker::Named { name, organization }) => {
                            // A name that reads as a person's but is no
                            // one of the article's is the organization's
                            // as written: the words that would be titles
                            // or nationalities before a person's name are
                            // its own ("the English National Ballet", not
                            // "Ballet").
                            let name = if organization {
                                name
                            } else {
                                let run = &p.text
                                    [p.tokens[range.start].start..p.tokens[range.end - 1].end];
                                strip_possessive(run).0.to_string()
                            };
                            if by_representative {
                                self.discourse.representative_spoke(&name, self.here);
                            }
                            out.push((self.organization_speaks(name), whole.clone()));
                        }
                        Some(Speaker::Person(_)) => {}
                        // A single word written as an organization's name
                        // ("Halvorsen, a Danish insurer"), even at the
                        // start of a sentence, where nothing says it is a
                        // proper noun.
                        None => {
                            if let [k] = range.clone().collect::<Vec<_>>().as_slice() {
                                let word = p.word(*k).map(|w| strip_possessive(w).0);
                                if let Some(name) = word.filter(|w| {
                                    is_capitalized(w)
                                        && names::can_be_in_name(w)
                                        && !names::with_lower(w, |l| {
                                            names::is_any(l, names::TITLE | names::DEMONYM)
                                        })
                                }) {
                                    let speaker = self.organization_speaks(name.to_string());
                                    out.push((speaker, whole.clone()));
                                }
                            }
                        }
                    }
                }
                Phrase::Clause => {
                    if let Some(clause) = clause {
                        out.extend(clause());
                    }
                }
            }
        }
        out
    }

    /// "The new health minister for Wales says …" / "Dr Jo Lind, on his
    /// first day, …": a person's role before the article has named any
    /// person is the person the next paragraph opens with.
    fn named_next(&self) -> Option<Speaker> {
        const OPENING: u64 = 1;
        // Not what this sentence names: "the minister for Wales" is no
        // mention of a "Radio Wales" the book took for a person.
        if self.discourse.anyone_mentioned(self.here) {
            return None;
        }
        let &(at, id) = self.mentions.get(self.next_mention)?;
        let paragraph = |position: u64| position >> 20;
        let opens_next = paragraph(at) == paragraph(self.here) + 1 && at & 0xF_FFFF <= OPENING;
        opens_next.then_some(Speaker::Person(id))
    }

    /// "In a statement, the party said", before the article names the
    /// party (or only inside a quotation): the one party the whole article
    /// names ("Conservative Party"). Only parties: a party's adjective
    /// ("a Conservative candidate") evokes it before its name comes, while
    /// "the union said" before "European Union" is named refers to another.
    fn only_party(&self, head: &str) -> Option<Speaker> {
        if !head.eq_ignore_ascii_case("party") {
            return None;
        }
        match self.parties.as_slice() {
            [party] => Some(Speaker::Named {
                name: party.clone(),
                organization: true,
            }),
            _ => None,
        }
    }

    /// The organization `name` as the speaker, told to the discourse as
    /// mentioned here (a later "the company said" can refer to it).
    fn organization_speaks(&mut self, name: String) -> Speaker {
        self.discourse.organization_mentioned(&name, self.here);
        Speaker::Named {
            name,
            organization: true,
        }
    }

    /// "King said", "Major added" after "Dana King", "John Major": a
    /// capitalized title word alone, not after a determiner ("the King"),
    /// that is the surname of someone the article names in full is that
    /// person, not a role.
    fn surname_that_is_a_title(
        &mut self,
        p: &speakers::Passage,
        range: &Range<usize>,
    ) -> Option<Speaker> {
        if range.len() != 1 {
            return None;
        }
        let (word, possessive) = strip_possessive(p.word(range.start)?);
        if !is_capitalized(word) || possessive {
            return None;
        }
        let determined = range.start > 0
            && (p.lower_is_any(
                range.start - 1,
                &["the", "a", "an", "our", "their", "his", "her"],
            ) || p
                .word(range.start - 1)
                .is_some_and(|w| strip_possessive(w).1));
        if determined
            || self
                .book
                .people_with_surname(&names::word_key(word))
                .is_empty()
        {
            return None;
        }
        let d = &self.discourse;
        let id = self.book.find(&[word], |id| d.last_mention(id))?;
        self.book.add_short_form(id, word);
        self.used[id] = true;
        Some(Speaker::Person(id))
    }

    /// The speaker a run of capitalized words names.
    pub(super) fn resolve_name(
        &mut self,
        p: &speakers::Passage,
        range: &Range<usize>,
    ) -> Option<Speaker> {
        if let Some(name) = p.organization_as_written(range) {
            return Some(self.organization_speaks(name));
        }
        if speakers::names_a_party(p, range) {
            let name = p.text[p.tokens[range.start].start..p.tokens[range.end - 1].end].to_string();
            return Some(self.organization_speaks(name));
        }
        let mut words: Vec<&str> = range.clone().filter_map(|k| p.word(k)).collect();
        if let Some(last) = words.last_mut() {
            *last = strip_possessive(last).0;
        }
        // Datelines and headlines in capitals ("MIDWAY ATOLL —"), not
        // acronyms inside a sentence ("giant ISP AOL announced").
        let in_text = range.start > 0
            && p.word(range.start - 1)
                .is_some_and(|w| w.chars().any(char::is_lowercase));
        if words.len() > 1 && words.iter().all(|w| is_all_caps(w)) && !in_text {
            return None;
        }
        // A single word that names someone of the article (the common
        // case: "Witkoff said") needs no parsing.
        // A nationality alone is a name only as the surname of someone the
        // article names in full ("Cuban said" after "Mark Cuban").
        if let [word] = words.as_slice() {
            if names::with_lower(word, |l| names::is_any(l, names::TITLE)) {
                if let Some(s) = self.surname_that_is_a_title(p, range) {
                    return Some(s);
                }
            }
            let is_name = (names::can_be_in_name(word) || p.is_learned_surname(word))
                && !names::with_lower(word, |l| names::is_any(l, names::TITLE | names::ORG));
            if is_name {
                let d = &self.discourse;
                // "The Donald", like "the Ritz": after "the" a given name
                // is a nickname or a thing's name, not a person's.
                let after_the = range.start > 0 && p.lower_is_any(range.start - 1, &["the"]);
                let found = self
                    .book
                    .find(&[*word], |id| d.last_mention(id))
                    .or_else(|| {
                        (!after_the)
                            .then(|| self.book.only_one_named_first(word))
                            .flatten()
                    });
                if let Some(id) = found {
                    self.book.add_short_form(id, word);
                    self.used[id] = true;
                    return Some(Speaker::Person(id));
                }
            }
        }
        let (kind, titled, knighted, plain) = self.parses.parse(&words).map(|parsed| {
            (
                parsed.kind.clone(),
                titles_name_a_person(&parsed.titles),
                parsed.titles.iter().any(|t| names::is_knightly_title(t)),
                parsed.titles.iter().any(|t| is_plain_honorific(t)),
            )
        })?;
        match kind {
            NameKind::Organization(name) => Some(self.organization_speaks(name)),
            NameKind::Person(name) => {
                if titled {
                    self.book.note_titled(&name);
                }
                // "Sir Digby", "Dame Judi": a knight or dame is named by
                // the title and the given name; the person is the one the
                // article named in full with that title and given name.
                if let [given] = name.as_slice() {
                    if knighted {
                        if let Some(id) = self.book.knighted_by_given_name(given) {
                            self.used[id] = true;
                            return Some(Speaker::Person(id));
                        }
                    }
                }
                let d = &self.discourse;
                if let Some(id) = self.book.find(&name, |id| d.last_mention(id)) {
                    // "Mr Blair" is not Sir Ian Blair when the article
                    // names another Blair without the title.
                    let id = if plain && name.len() == 1 {
                        self.book
                            .untitled_namesake(id, |id| d.last_mention(id))
                            .unwrap_or(id)
                    } else {
                        id
                    };
                    if name.len() == 1 {
                        self.book.add_short_form(id, &name[0]);
                    } else {
                        let written = name.join(" ");
                        if self.book.people[id].name() != written {
                            self.book.add_short_form(id, &written);
                        }
                    }
                    self.used[id] = true;
                    return Some(Speaker::Person(id));
                }
                if name.len() == 1 && !(looks_like_name(&name[0]) && self.book.is_proper(&name[0]))
                {
                    return None;
                }
                if name.len() > 1 && name.iter().all(|w| is_all_caps(w)) && !in_text {
                    return None;
                }
                // "Labour MPs", "the Mid Bedfordshire MP", "a New
                // Zealander": a role or nationality, not a person's name.
                if names_a_role(&name) {
                    return None;
                }
                Some(Speaker::Named {
                    name: name.join(" "),
                    organization: false,
                })
            }
        }
    }
}

/// "Lloyds of London told the paper": a single word that names no one
/// (the caller found no person of that name) before "of" and a name is
/// an organization's name with its "of" phrase; a person named so
/// ("Boxer of California") is one the article names in full, found
/// before this is asked.
fn organization_of(p: &speakers::Passage, range: &Range<usize>) -> Option<String> {
    if range.len() != 1 || !p.lower_is_any(range.end, &["of"]) {
        return None;
    }
    let head = p.word(range.start)?;
    let of = p.name_run_starting_at(range.end + 1, p.tokens.len())?;
    let plain = |w: &str| {
        is_capitalized(w)
            && !strip_possessive(w).1
            && !names::with_lower(w, |l| names::is_any(l, names::TITLE | names::DEMONYM))
    };
    let of_words: Vec<String> = of
        .clone()
        .filter_map(|k| p.word(k))
        .map(String::from)
        .collect();
    // "Half of Vermont Democrats said": a part of a group, not a name.
    let part = names::with_lower(head, |l| {
        matches!(
            l,
            "half"
                | "most"
                | "many"
                | "some"
                | "all"
                | "none"
                | "each"
                | "part"
                | "majority"
                | "members"
                | "one"
                | "two"
                | "three"
        )
    });
    if !plain(head)
        || part
        || !names::can_be_in_name(head)
        || !of_words.iter().all(|w| plain(w))
        || names_a_role(&of_words)
    {
        return None;
    }
    Some(p.text[p.tokens[range.start].start..p.tokens[of.end - 1].end].to_string())
}

/// The tokens of a name run that write the name itself: the run without
/// the titles, roles and possessors before the name ("Ukrainian negotiator
/// Rustem Umerov" → "Rustem Umerov"); an honorific right before the name
/// stays ("Mr. Bush"). The whole run when it is not a person's name.
pub(super) fn name_part(
    p: &speakers::Passage,
    run: &Range<usize>,
    parses: &mut Parses,
) -> Range<usize> {
    let mut words: Vec<&str> = run.clone().filter_map(|k| p.word(k)).collect();
    if words.len() != run.len() {
        return run.clone();
    }
    if let Some(last) = words.last_mut() {
        *last = strip_possessive(last).0;
    }
    let Some(NameKind::Person(name)) = parses.parse(&words).map(|n| &n.kind) else {
        return run.clone();
    };
    let Some(first) = name.first() else {
        return run.clone();
    };
    // The name is a suffix of the run (up to a generational suffix): find
    // where it starts, the last place its first word is written.
    let Some(at) = words
        .iter()
        .rposition(|w| w.trim_end_matches(',') == first.as_str())
    else {
        return run.clone();
    };
    let mut start = run.start + at;
    if at > 0
        && names::with_lower(words[at - 1], |l| {
            matches!(l.trim_end_matches('.'), "mr" | "mrs" | "ms" | "miss" | "dr")
        })
    {
        start -= 1;
    }
    start..run.end
}

/// Whether a capitalized phrase read as a person's name names a role or a
/// nationality instead ("Labour MPs", "the Home Secretary", "New
/// Zealander"): it ends in a role noun ([`is_role_noun`]), unless that
/// noun is also a common surname after a given name ("Ana White",
/// "Carl King": a first word that is no title, nationality or
/// organization), or a nationality right after a known given name ("Mark
/// Cuban", "Oliver Irish": [`given_names`]).
pub(super) fn names_a_role(name: &[String]) -> bool {
    let Some((last, before)) = name.split_last() else {
        return false;
    };
    if !names::with_lower(last, is_role_noun) {
        return false;
    }
    let surname_too = names::with_lower(last, |l| {
        matches!(
            l,
            "white" | "king" | "major" | "singer" | "judge" | "bishop" | "pope" | "prince"
        )
    });
    let given_name_first = before.first().is_some_and(|w| {
        !names::with_lower(w, |l| {
            names::is_title_word(l)
                || names::is_demonym(l)
                || names::is_org_word(l)
                || is_role_noun(l)
        })
    });
    // "Mark Cuban", "David French": a nationality after a known given name
    // is the surname.
    let nationality_after_given_name = names::with_lower(last, names::is_demonym)
        && before
            .last()
            .is_some_and(|w| given_names::gender_of_given_name(&names::word_key(w)).is_some());
    !((surname_too && given_name_first) || nationality_after_given_name)
}

/// Whether the title words written before a name make it a person's
/// name: an honorific, a title or a person's role ("Mr.", "Senator",
/// "spokesman"), not a nationality or a possessor ("French", "Russia’s").
/// Whether `title` is "Mr", "Mrs", "Ms" or "Miss", which a knight or a
/// dame is not called by.
fn is_plain_honorific(title: &str) -> bool {
    names::with_lower(title, |l| {
        matches!(l.trim_end_matches('.'), "mr" | "mrs" | "ms" | "miss")
    })
}

pub(super) fn titles_name_a_person(titles: &[String]) -> bool {
    titles
        .iter()
        .any(|t| (names::is_title_word(t) && !names::is_demonym(t)) || speakers::is_person_role(t))
}

/// Whether a word that ends a capitalized phrase names a role or a
/// nationality rather than a person ("MP", "MEPs", "Zealander").
pub(super) fn is_role_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    names::is_title_word(lower)
        || speakers::is_person_role(lower)
        || speakers::is_person_role(singular)
        || names::is_demonym(lower)
        || names::LEGISLATORS.contains(&singular)
        || matches!(singular, "zealander" | "kiwi" | "islander")
}

/// Whether a single capitalized word that names no one the article names
/// in full can still be a speaker's name: not a plural common noun that
/// starts a sentence ("Officials said").
pub(super) fn looks_like_name(word: &str) -> bool {
    let lower = word.to_lowercase();
    if !is_capitalized(word) {
        return false;
    }
    let common_plural = lower.ends_with('s')
        && (speakers::is_person_role(lower.trim_end_matches('s'))
            || matches!(
                lower.as_str(),
                "sources"
                    | "officials"
                    | "analysts"
                    | "experts"
                    | "critics"
                    | "supporters"
                    | "democrats"
                    | "republicans"
                    | "residents"
                    | "witnesses"
                    | "authorities"
                    | "observers"
                    | "others"
                    | "voters"
                    | "lawmakers"
                    | "diplomats"
                    | "protesters"
                    | "polls"
                    | "reports"
                    | "documents"
                    | "records"
                    | "studies"
                    | "surveys"
            ));
    !common_plural
        && !matches!(
            lower.as_str(),
            "police" | "people" | "everyone" | "nobody" | "someone" | "anyone"
        )
}

/// "MIDWAY", "NATO": a word in capitals (a dateline or an acronym).
pub(super) fn is_all_caps(word: &str) -> bool {
    word.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !word.chars().any(char::is_lowercase)
}
/// The fullest name the article gives an organization written `name`
/// (the same name linking as for people: the longest form links the short
/// ones): a longer organization name of `known` that begins with it ("RSA"
/// → "RSA Security", "Munich Re" → "Munich Re Group"), or whose initials
/// it is ("RAD" → "Royal Academy of Dance"). Only a name the article wrote
/// as an organization, or an acronym, links; `None` when no longer name
/// fits or two unrelated ones do.
pub(super) fn fullest_organization<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    let acronym =
        name.len() >= 2 && name.len() <= 6 && name.chars().all(|c| c.is_ascii_uppercase());
    // A single word is how articles shorten a company's name ("Corvane"
    // after "Corvane Hotels & Resorts"): it links to a name that is
    // unmistakably an organization's (an ampersand or an organization
    // word), since a single word may also be a surname.
    let single_word = !name.contains(' ');
    if !acronym && !single_word && !known.contains(&name) {
        return None;
    }
    let unmistakable = |org: &str| {
        org.contains('&')
            || org
                .split(' ')
                .any(|w| names::with_lower(w, names::is_org_word))
    };
    let needs_unmistakable = !acronym && !known.contains(&name);
    let initials = |org: &str| -> String {
        org.split(' ')
            .filter(|w| is_capitalized(w))
            .filter_map(|w| w.chars().next())
            .collect()
    };
    // "North American Court of Arbitration for Sport (CAS)", "US Securities
    // and Exchange Commission (SEC)": a qualifier before the name the
    // acronym abbreviates. Three letters at least, so that two initials
    // do not end every other name.
    let is_initials_of = |acronym: &str, initials: &str| {
        initials == acronym || (acronym.len() >= 3 && initials.ends_with(acronym))
    };
    let longer = |org: &&&str| {
        (!needs_unmistakable || unmistakable(org))
            && org.len() > name.len()
            && (org
                .strip_prefix(name)
                .is_some_and(|rest| rest.starts_with(' '))
                || (acronym && org.contains(' ') && is_initials_of(name, &initials(org))))
    };
    let fits: Vec<&'a str> = known.iter().filter(longer).copied().collect();
    let longest = fits.iter().copied().max_by_key(|f| f.len())?;
    // "Bank" → "Bank of America" and "Bank of Mexico": no telling which.
    fits.iter()
        .all(|f| longest.starts_with(f))
        .then_some(longest)
}

/// The one name among `known` that ends in the word `last` after other
/// words ("New York Times" for "Times"); `None` when none does or two
/// different names do ("Democratic Party", "Republican Party").
pub(super) fn fullest_organization_ending_in<'a>(last: &str, known: &[&'a str]) -> Option<&'a str> {
    let mut fits = known.iter().copied().filter(|org| {
        org.strip_suffix(last)
            .is_some_and(|rest| rest.ends_with(' ') && rest.len() > 1)
    });
    let first = fits.next()?;
    fits.all(|other| other == first).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::{fullest_organization, fullest_organization_ending_in};

    const KNOWN: &[&str] = &[
        "Acme Bank",
        "Acme Bank Group",
        "Royal Academy of Dance",
        "Bank of Eastwick",
        "Bank of Westwick",
        "Zentrix Security",
    ];

    #[test]
    fn a_last_word_links_to_the_one_name_it_ends() {
        assert_eq!(
            fullest_organization_ending_in("Security", KNOWN),
            Some("Zentrix Security")
        );
        // Two names end in "Bank"; a whole name ends in no other name.
        assert_eq!(
            fullest_organization_ending_in("Group", KNOWN),
            Some("Acme Bank Group")
        );
        assert_eq!(
            fullest_organization_ending_in("Bank", &["Acme Bank", "Orley Bank"]),
            None
        );
        assert_eq!(
            fullest_organization_ending_in("Zentrix Security", KNOWN),
            None
        );
    }

    #[test]
    fn a_short_organization_name_links_to_the_longest_it_begins() {
        assert_eq!(
            fullest_organization("Acme Bank", KNOWN),
            Some("Acme Bank Group")
        );
        assert_eq!(
            fullest_organization("ZNX", &["ZNX Security"]),
            Some("ZNX Security")
        );
    }

    #[test]
    fn an_acronym_links_to_the_name_of_its_initials() {
        assert_eq!(
            fullest_organization("RAD", KNOWN),
            Some("Royal Academy of Dance")
        );
    }

    #[test]
    fn an_acronym_links_to_a_name_it_abbreviates_after_a_qualifier() {
        assert_eq!(
            fullest_organization("CAS", &["North American Court of Arbitration for Sport"]),
            Some("North American Court of Arbitration for Sport")
        );
        // Two letters end too many names.
        assert_eq!(
            fullest_organization("AS", &["Acme Steel"]),
            Some("Acme Steel")
        );
        assert_eq!(fullest_organization("AS", &["Royal Acme Steel"]), None);
    }

    #[test]
    fn two_unrelated_longer_names_or_a_person_like_name_do_not_link() {
        assert_eq!(
            fullest_organization("Bank", &["Bank", "Bank of Eastwick", "Bank of Westwick"]),
            None
        );
        // "Zentrix" was never written as an organization: a surname,
        // perhaps; it stays as written.
        assert_eq!(fullest_organization("Zentrix", KNOWN), None);
        // Unless the longer name is unmistakably an organization's.
        assert_eq!(
            fullest_organization("Corvane", &["Corvane Hotels & Resorts"]),
            Some("Corvane Hotels & Resorts")
        );
        assert_eq!(
            fullest_organization("Dalby", &["Dalby Bank", "Dalby Bank Group"]),
            Some("Dalby Bank Group")
        );
        assert_eq!(fullest_organization("Acme Bank Group", KNOWN), None);
    }
}
