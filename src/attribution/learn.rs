//! Name learning: the first reading of an article. It records every full
//! name the article writes with the words around it (titles, roles,
//! places), the capitalized words that are proper nouns, where each person
//! is mentioned, and which sentences pair a name with "he" or "she", so
//! that the second reading can link surnames, roles and pronouns.

use super::link::is_all_caps;
use super::names::{self, Gender, NameBook, NameKind, Parses};
use super::speakers;
use super::tokens::{is_capitalized, strip_possessive};
use super::Buffers;

/// How many words before a name are kept as its context (titles, roles).
pub(super) const CONTEXT_BEFORE: usize = 4;
/// How many tokens before "of" are searched for the title whose phrase it
/// ends ("Attorney for the District of …").
const TITLE_OF_REACH: usize = 6;
/// How many words of an appositive after a name are kept as its context.
pub(super) const CONTEXT_AFTER: usize = 8;

/// Where the first pass saw each person named: full names by person,
/// single words by surname key until the book is complete.
#[derive(Debug, Default)]
pub(super) struct Mentions {
    pub(super) full: Vec<(u64, usize)>,
    pub(super) surnames: Vec<(u64, String)>,
    /// Organizations by name as [`names::parse`] gives it.
    pub(super) organizations: Vec<(u64, String)>,
    /// Positions of the names that open a passage as a label ("Jo Smith:
    /// …"), which alone do not show that the article names a person.
    pub(super) labels: Vec<u64>,
}

impl Mentions {
    /// All mentions by person, in reading order; a surname shared by two
    /// people is left out.
    pub(super) fn resolve(self, book: &NameBook) -> Vec<(u64, usize)> {
        let mut all = self.full;
        for (at, key) in self.surnames {
            if let [id] = book.people_with_surname(&key) {
                all.push((at, *id));
            }
        }
        all.sort_unstable();
        all
    }
}

/// What the first pass fills in.
pub(super) struct Seen<'a> {
    pub(super) book: &'a mut NameBook,
    pub(super) evidence: &'a mut Vec<PronounEvidence>,
    pub(super) mentions: &'a mut Mentions,
    pub(super) parses: &'a mut Parses,
}

/// What the first pass saw of pronouns: the names in a sentence and
/// whether it says "he" or "she" (only sentences with one of the two).
#[derive(Debug, PartialEq, Eq, Hash)]
pub(super) struct PronounEvidence {
    pub(super) names: Vec<Vec<String>>,
    pub(super) gender: Gender,
}

/// First pass: records the full names of a passage with their context,
/// the words written capitalized inside sentences (proper nouns), and
/// which sentences pair names with "he" or "she".
pub(super) fn learn_names(text: &str, base: u64, buffers: &Buffers, seen: Seen) {
    let Seen {
        book,
        evidence,
        mentions,
        parses,
    } = seen;
    let p = buffers.passage(text);
    // The first token that is no opening quotation mark: a name before it
    // opens the passage.
    let opening = p
        .tokens
        .iter()
        .position(|t| !matches!(t.punct, Some('“' | '"')))
        .unwrap_or(p.tokens.len());
    // The words of the name run at hand, kept for the next run.
    let mut run_words: Vec<&str> = Vec::new();
    for sentence in &buffers.sentences {
        let mut names_here: Vec<Vec<String>> = Vec::new();
        // Read once the sentence names someone (many name nobody).
        let mut gender: Option<Option<Gender>> = None;
        let mut gendered = || {
            gender
                .get_or_insert_with(|| pronoun_gender(&p, sentence))
                .is_some()
        };
        let mut i = sentence.start;
        while i < sentence.end {
            let capitalized = p.word(i).filter(|w| is_capitalized(w));
            if let Some(w) = capitalized {
                if i > sentence.start && !p.is_punct(i - 1, '“') {
                    book.note_proper(w);
                }
            }
            let Some(mut run) = capitalized.and_then(|_| p.name_run_starting_at(i, sentence.end))
            else {
                i += 1;
                continue;
            };
            i = run.end;
            // A nickname or title in quotation marks (“Canine Dion”) names
            // nobody.
            if buffers
                .quotes
                .iter()
                .any(|q| q.contains(run.start) && q.is_title_or_scare(text, &buffers.tokens))
            {
                continue;
            }
            // "Attorney for the District of Massachusetts Jo Levy": the place
            // that ends a title's phrase is not the first name.
            let after_titled_of = run.start > sentence.start
                && p.lower_is_any(run.start - 1, &["of"])
                && (run.start.saturating_sub(TITLE_OF_REACH)..run.start - 1)
                    .any(|k| p.with_lower(k, names::is_title_word) == Some(true));
            if after_titled_of && run.len() >= 3 {
                run.start += 1;
            }
            // A sentence-initial adverb or gerund is not a first name
            // ("Unfortunately", "Analysing").
            if run.start == sentence.start
                && p.word(run.start)
                    .is_some_and(|w| w.len() > 5 && (w.ends_with("ly") || w.ends_with("ing")))
            {
                run.start += 1;
            }
            for k in run.clone().skip(1) {
                book.note_proper(p.word(k).unwrap_or(""));
            }
            if run.is_empty() {
                continue;
            }
            let words = &mut run_words;
            words.clear();
            words.extend(run.clone().filter_map(|k| p.word(k)));
            if let Some(last) = words.last_mut() {
                *last = strip_possessive(last).0;
            }
            let last_word = run.clone().rev().find(|&k| p.tokens[k].is_word());
            let at = base + run.start as u64;
            let opens_passage = run.start <= opening;
            if opens_passage && p.is_punct(run.end, ':') {
                mentions.labels.push(at);
            }
            // "Marks & Spencer": an organization.
            if let Some(name) = p.organization_as_written(&run) {
                mentions.organizations.push((at, name));
                continue;
            }
            // "the Teamsters union", "the Eastwick Echo newspaper": the
            // name before such a noun is the organization's.
            if run.start > sentence.start
                && p.word(run.end).is_some_and(|w| {
                    !is_capitalized(w)
                        && names::with_lower(w, speakers::is_noun_after_organization_name)
                })
                && p.names_the_organization_before_its_noun(&run)
            {
                mentions.organizations.push((at, words.join(" ")));
                continue;
            }
            // "Coastal Growers’ Association": the lone apostrophe of a
            // plural possessive ends the run, but the words before it name
            // an organization with the run after it, not a person.
            if (p.is_punct(run.end, '’') || p.is_punct(run.end, '\''))
                && p.word(run.end + 1).is_some_and(is_capitalized)
                && p.with_lower(run.end + 1, names::is_org_word) == Some(true)
            {
                if let Some(rest) = p.name_run_starting_at(run.end + 1, sentence.end) {
                    let mut name = words.join(" ");
                    name.push('’');
                    for k in rest.clone() {
                        name.push(' ');
                        name.push_str(p.word(k).unwrap_or(""));
                    }
                    mentions.organizations.push((at, name));
                    i = rest.end;
                    continue;
                }
            }
            // An organization, with the phrases that complete its name
            // ("Bank of Mexico", "Department for Transport"), or one that a
            // portfolio word ends ("Acme Security").
            let ends_as_organization = words.len() > 1
                && last_word
                    .is_some_and(|k| run_word_is(&p, k, last_word, names::is_organization_ending));
            if (ends_as_organization
                || run
                    .clone()
                    .any(|k| run_word_is(&p, k, last_word, names::is_org_word)))
                && (run.start > sentence.start || words.len() > 1)
            {
                let mut end = run.end;
                while p.lower_is_any(end, &["of", "for"]) {
                    match p.name_run_starting_at(end + 1, sentence.end) {
                        Some(more) => end = more.end,
                        None => break,
                    }
                }
                if end < sentence.end && p.plural_after_nationality(end) {
                    end += 1;
                }
                let mut all: Vec<&str> = (run.start..end).filter_map(|k| p.word(k)).collect();
                if let Some(last) = all.last_mut() {
                    *last = strip_possessive(last).0;
                }
                if let Some(NameKind::Organization(name)) = parses.parse(&all).map(|n| &n.kind) {
                    if let Some(person) = titled_name_after_organization(words) {
                        book.note_titled(&[person]);
                    }
                    mentions.organizations.push((at, name.clone()));
                    i = end;
                    continue;
                }
            }
            // A single word is a surname (or nothing): no need to parse it.
            if let [word] = words.as_slice() {
                let not_a_name = last_word.is_some_and(|k| {
                    run_word_is(&p, k, last_word, |l| {
                        names::is_any(l, names::TITLE | names::DEMONYM | names::ORG)
                    })
                });
                if !not_a_name {
                    if let Some(surname) = relative_surname(&p, &run, base, mentions, book) {
                        let relative = p.word(run.start - 2).unwrap_or("").to_lowercase();
                        if let Some(id) = book.learn_relative(word, &surname, &[relative]) {
                            mentions.full.push((at, id));
                        }
                        continue;
                    }
                    // "Lind, who…": a relative "who" says a person.
                    if p.is_punct(run.end, ',') && p.lower_is_any(run.end + 1, &["who"]) {
                        book.note_titled(&[word]);
                    }
                    mentions.surnames.push((at, names::surname_key(&[word])));
                    if gendered() {
                        names_here.push(vec![word.to_string()]);
                    }
                }
                continue;
            }
            // Datelines and headlines in capitals are not names.
            if words.iter().all(|w| is_all_caps(w)) {
                continue;
            }
            let Some(parsed) = parses.parse(words) else {
                continue;
            };
            let NameKind::Person(name) = &parsed.kind else {
                continue;
            };
            // "Labour MPs", "New Zealander": a role or nationality.
            if name.len() > MAX_NAME_WORDS || super::link::names_a_role(name) {
                continue;
            }
            // "at a forum in Palo Alto, Roe said": a run right after "in"
            // or "near" is a place unless a title, a given name or an
            // appositive says a person ("in Jane Roe they found a leader",
            // "the fighter it had in Al Roe, his campaign manager").
            let after_place_word =
                run.start > sentence.start && p.lower_is_any(run.start - 1, &["in", "near"]);
            let person_appositive =
                p.is_punct(run.end, ',') && p.lower_is_any(run.end + 1, &["his", "her", "who"]);
            if after_place_word
                && !person_appositive
                && parsed.titles.is_empty()
                && super::given_names::gender_of_given_name(&names::word_key(&name[0])).is_none()
            {
                continue;
            }
            if super::link::titles_name_a_person(&parsed.titles) {
                book.note_titled(name);
            }
            if let [surname] = name.as_slice() {
                book.note_surname_titles(surname, &parsed.titles);
            }
            let mut context = parsed.titles.clone();
            context.extend(
                (run.start.saturating_sub(CONTEXT_BEFORE)..run.start)
                    .filter_map(|k| context_word(&p, k)),
            );
            context.extend(age_after_name(&p, run.end));
            if p.is_punct(run.end, ',') {
                context.extend(
                    (run.end + 1..(run.end + 1 + CONTEXT_AFTER).min(sentence.end))
                        .take_while(|&k| p.tokens[k].is_word())
                        .filter_map(|k| context_word(&p, k)),
                );
            }
            if name.len() == 1 {
                mentions.surnames.push((at, names::surname_key(name)));
            } else if let Some(id) = book.learn(name, &context) {
                mentions.full.push((at, id));
                // "The singer, full name Ada Lind, …": "Ada" alone is her.
                if run.start >= 2
                    && p.lower_is_any(run.start - 1, &["name"])
                    && p.lower_is_any(run.start - 2, &["full", "real", "birth"])
                {
                    book.note_given_alone(id, &name[0]);
                }
            }
            if gendered() {
                names_here.push(name.clone());
            }
        }
        if let Some(Some(gender)) = gender.filter(|_| !names_here.is_empty()) {
            evidence.push(PronounEvidence {
                names: names_here,
                gender,
            });
        }
    }
}

/// The gender of the sentence's pronouns when it uses those of one only
/// ("he", "his", … or "she", "her", …).
fn pronoun_gender(p: &speakers::Passage, sentence: &std::ops::Range<usize>) -> Option<Gender> {
    let (mut male, mut female) = (false, false);
    for w in sentence.clone().filter_map(|k| p.word(k)) {
        // Every pronoun below starts with an h or an s.
        if !matches!(w.as_bytes().first(), Some(b'h' | b'H' | b's' | b'S')) {
            continue;
        }
        match w {
            "he" | "He" | "his" | "His" | "him" | "himself" => male = true,
            "she" | "She" | "her" | "Her" | "hers" | "herself" => female = true,
            _ => {}
        }
    }
    match (male, female) {
        (true, false) => Some(Gender::Male),
        (false, true) => Some(Gender::Female),
        _ => None,
    }
}

/// Whether `f` holds of word `k` of a name run in lower case, as in the
/// run's words (`last`: the last word, whose possessive ending is off).
fn run_word_is(
    p: &speakers::Passage,
    k: usize,
    last: Option<usize>,
    f: impl FnOnce(&str) -> bool,
) -> bool {
    if Some(k) == last {
        p.with_lower_stem(k, f)
    } else {
        p.with_lower(k, f)
    }
    .unwrap_or(false)
}

/// Nouns of kin that a possessor's surname passes to ("his mother").
const RELATIVES: &[&str] = &[
    "mother",
    "father",
    "wife",
    "husband",
    "son",
    "daughter",
    "brother",
    "sister",
    "widow",
    "widower",
    "grandmother",
    "grandfather",
];

/// "Jo Lind … His mother, Ada, said": a single name between commas after
/// a possessor's relative is the relative's given name, and the surname
/// is the possessor's: a full name written as the possessor ("Jo Lind's
/// mother, Ada,") or, for "his"/"her"/"their", the last person this
/// passage named in full before it. `None` when neither is known.
fn relative_surname(
    p: &speakers::Passage,
    run: &std::ops::Range<usize>,
    base: u64,
    mentions: &Mentions,
    book: &NameBook,
) -> Option<String> {
    if run.len() != 1 || run.start < 3 || !p.is_punct(run.end, ',') {
        return None;
    }
    if !p.is_punct(run.start - 1, ',') || !p.lower_is_any(run.start - 2, RELATIVES) {
        return None;
    }
    let possessor = run.start - 3;
    if p.lower_is_any(possessor, &["his", "her", "their"]) {
        let at = base + run.start as u64;
        // "… who drowned in Elm Bay": a name after a preposition of place
        // is a place more often than a person.
        let after_place_preposition = |seen: u64| {
            ((seen - base) as usize)
                .checked_sub(1)
                .is_some_and(|k| p.lower_is_any(k, &["in", "at", "near", "from", "to"]))
        };
        let (_, id) = mentions
            .full
            .iter()
            .rev()
            .find(|(seen, _)| *seen >= base && *seen < at && !after_place_preposition(*seen))?;
        let name = book.people[*id].name();
        return name.rsplit(' ').next().map(str::to_string);
    }
    let (owner, possessive) = strip_possessive(p.word(possessor)?);
    let full = possessor > 0 && p.is_name_word(possessor - 1);
    (possessive && full && is_capitalized(owner)).then(|| owner.to_string())
}

/// The surname of a person named at the end of an organization's run
/// after their title ("Network President Jo Lind" → "Lind"): a title or
/// role, then two or more words that can only be a name.
fn titled_name_after_organization<'w>(words: &[&'w str]) -> Option<&'w str> {
    let is_role = |w: &str| names::with_lower(w, |l| names::is_any(l, names::TITLE | names::ROLE));
    let title = words.iter().rposition(|w| is_role(w))?;
    let name = &words[title + 1..];
    let plain = |w: &&str| {
        names::can_be_in_name(w)
            && !names::with_lower(w, |l| {
                names::is_any(l, names::ORG | names::DEMONYM | names::TITLE)
            })
    };
    if name.len() < 2 || !name.iter().all(plain) {
        return None;
    }
    let surname = names::surname(name);
    name.iter().rev().find(|w| **w == surname).copied()
}

/// Word `k` of `p` in lower case, without its possessive ending, if it is
/// worth keeping around a name to resolve roles later: a title, role or
/// nationality, or a capitalized word (a place: "Ukraine’s").
pub(super) fn context_word(p: &speakers::Passage, k: usize) -> Option<String> {
    let capitalized = is_capitalized(strip_possessive(p.word(k)?).0);
    p.with_lower_stem(k, |l| {
        (capitalized
            || names::is_any(l, names::TITLE | names::DEMONYM | names::ROLE)
            || speakers::is_age_noun(l))
        .then(|| l.to_string())
    })?
}

/// "Jo Smith, 24, said": the age written right after a name between
/// commas, as the noun that refers to it ("24-year-old").
fn age_after_name(p: &speakers::Passage, comma: usize) -> Option<String> {
    if !p.is_punct(comma, ',') {
        return None;
    }
    let n = p.word(comma + 1)?;
    let is_age = (1..=3).contains(&n.len()) && n.chars().all(|c| c.is_ascii_digit());
    let closed = p.tokens.get(comma + 2).is_none_or(|t| t.punct.is_some());
    (is_age && closed).then(|| format!("{n}-year-old"))
}

/// Gives a gender to the people whose sentences, when they are the only
/// person named, use one pronoun clearly more than the other. A single
/// name the book does not hold is taken for a person's when at least
/// [`MIN_PRONOUN_VOTES`] such sentences agree on one pronoun.
/// `evidence` gives each sentence's evidence with how many sentences
/// gave the same.
pub(super) fn settle_genders<'e>(
    book: &mut NameBook,
    evidence: impl IntoIterator<Item = (&'e PronounEvidence, u32)>,
) {
    // An honorific says more than pronouns counted near a name.
    book.settle_honorific_genders();
    let mut votes = vec![(0u32, 0u32); book.people.len()];
    let mut single: Vec<(&str, u32, u32)> = Vec::new();
    for (e, times) in evidence {
        let mut ids: Vec<usize> = e.names.iter().filter_map(|n| book.find(n, |_| 0)).collect();
        ids.dedup();
        if let [id] = ids.as_slice() {
            match e.gender {
                Gender::Male => votes[*id].0 += times,
                Gender::Female => votes[*id].1 += times,
            }
        } else if let ([name], []) = (e.names.as_slice(), ids.as_slice()) {
            if let [word] = name.as_slice() {
                let i = match single.iter().position(|s| s.0 == word) {
                    Some(i) => i,
                    None => {
                        single.push((word, 0, 0));
                        single.len() - 1
                    }
                };
                match e.gender {
                    Gender::Male => single[i].1 += times,
                    Gender::Female => single[i].2 += times,
                }
            }
        }
    }
    let persons: Vec<&str> = single
        .iter()
        .filter(|(_, m, f)| (*m).max(*f) >= MIN_PRONOUN_VOTES && (*m > 2 * f || *f > 2 * m))
        .map(|s| s.0)
        .collect();
    for word in persons {
        book.note_titled(&[word]);
    }
    for (id, (m, f)) in votes.into_iter().enumerate() {
        if m > 2 * f {
            book.set_gender(id, Gender::Male);
        } else if f > 2 * m {
            book.set_gender(id, Gender::Female);
        }
    }
}

/// Sentences that must pair a single name with one pronoun before the
/// name is taken for a person's.
const MIN_PRONOUN_VOTES: u32 = 2;

/// Longer runs of capitalized words are headlines, not names.
pub(super) const MAX_NAME_WORDS: usize = 4;

#[cfg(test)]
mod tests {
    use super::super::tests::speakers_of;

    #[test]
    fn a_run_after_in_is_a_place_unless_something_says_a_person() {
        let speakers = speakers_of(
            "Forum held\n\n\
             At a forum for voters in Vella Orda, the senator spoke for an hour. \
             “Anyone been there?” she asked.",
        );
        assert_eq!(speakers[1], Vec::<String>::new());
        // A given name, or an appositive of a person.
        let speakers = speakers_of(
            "Forum held\n\n\
             Voters found a leader in Anna Lind last year. “We will win,” she said.",
        );
        assert_eq!(speakers[1], ["Anna Lind"]);
        let speakers = speakers_of(
            "Forum held\n\n\
             Voters found a leader in Brel Osk, who ran the port. “We will win,” he said.",
        );
        assert_eq!(speakers[1], ["Brel Osk"]);
    }

    #[test]
    fn a_sentence_has_a_gender_when_its_pronouns_have_one() {
        use super::super::Buffers;
        let gender_of = |text: &str| {
            let buffers = Buffers::of(text);
            let p = buffers.passage(text);
            super::pronoun_gender(&p, &(0..buffers.tokens.len()))
        };
        assert_eq!(
            gender_of("Tova Brel said his plan works."),
            Some(super::Gender::Male)
        );
        assert_eq!(
            gender_of("Herself, Tova wrote she would."),
            Some(super::Gender::Female)
        );
        assert_eq!(gender_of("He told her the shed was sold."), None);
        assert_eq!(gender_of("Shelves hold the Sheriff's hats."), None);
    }
    #[test]
    fn an_honorific_before_a_surname_gives_the_full_name_its_gender() {
        // "Ms Harlow" comes only after "he said": the first reading still
        // knows that Ann Harlow is a woman, so "he" is Tom Vickers.
        let found = speakers_of(
            "Gallery tries a new search\n\n\
             \"It is like wandering through the rooms,\" said Ann Harlow, head of the \
             programme. For Tom Vickers, who built the tool, it began with a failed \
             shopping trip. \"I did not know what I wanted,\" he said.\n\n\
             The gallery wants its art to be easier to find, said Ms Harlow.",
        );
        assert_eq!(
            found,
            vec![
                Vec::<String>::new(),
                vec!["Ann Harlow".to_string(), "Tom Vickers".to_string()],
                vec!["Ann Harlow".to_string()],
            ]
        );
    }

    #[test]
    fn a_relative_named_by_a_given_name_takes_the_possessors_surname() {
        let found = speakers_of(
            "Harbour case reopens\n\n\
             The inquiry was asked for by the family of Tomas Vell, who drowned in Elm Bay. \
             His mother, Orla, said the harbour lights had failed.\n\n\
             Carl Berg's sister, Mina, told reporters the gate was open. \
             Berg said it was locked.",
        );
        assert_eq!(
            found,
            vec![
                Vec::<String>::new(),
                vec!["Orla Vell".to_string()],
                // "Berg" alone is Carl, not his sister.
                vec!["Mina Berg".to_string(), "Carl Berg".to_string()],
            ]
        );
    }

    #[test]
    fn a_given_name_alone_is_the_person_whose_full_name_the_article_gives() {
        let found = speakers_of(
            "Singer returns\n\n\
             The Elm Bay-born singer, full name Orla Vennick, was signed at 15.\n\n\
             Orla says touring is harder now.",
        );
        assert_eq!(found[2], vec!["Orla Vennick".to_string()]);
    }

    #[test]
    fn honorifics_that_disagree_on_a_surname_give_no_gender() {
        let mut book = super::NameBook::default();
        book.learn(&["Ann".to_string(), "Lind".to_string()], &[]);
        book.note_surname_titles("Lind", &["mr.".to_string()]);
        book.note_surname_titles("Lind", &["mrs.".to_string()]);
        book.settle_honorific_genders();
        assert_eq!(book.people[0].gender, None);
        book.note_surname_titles("Harlow", &["ms".to_string()]);
        book.learn(&["Ann".to_string(), "Harlow".to_string()], &[]);
        book.settle_honorific_genders();
        assert_eq!(book.people[1].gender, Some(super::Gender::Female));
    }
}
