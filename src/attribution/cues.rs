//! The cue lexicon: the words that introduce a statement.
//!
//! A cue is a verb of saying or writing ("said", "told", "warned",
//! "wrote", "described … as") or the preposition "according to". The
//! lexicon lists inflected forms rather than stemming, because the form
//! decides how the speaker is found: a finite verb has its speaker as
//! subject (`Witkoff said`) or inverted after it (`said Witkoff`), a
//! participle (`…, adding that`) takes the subject of its clause. Only
//! lower-case words are cues, so "States" in "United States" never is.

use super::speakers::Passage;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use std::sync::LazyLock;

/// How a cue word relates to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// A finite verb or past participle: "said", "says", "has warned".
    Finite,
    /// A present participle: "…, adding that …", "stating, …".
    Participle,
    /// The bare form: "say", "tell". A cue only after "did", "will",
    /// "would" and similar, or in the present tense with a plural subject.
    Base,
}

/// Verbs of saying, as (base, third person, past, participle). A form
/// that is also a common noun ("notes", "claims") is still a cue only
/// with a speaker right before it, which nouns rarely have.
const VERBS: &[(&str, &str, &str, &str)] = &[
    ("say", "says", "said", "saying"),
    ("tell", "tells", "told", "telling"),
    ("add", "adds", "added", "adding"),
    ("state", "states", "stated", "stating"),
    ("note", "notes", "noted", "noting"),
    ("stress", "stresses", "stressed", "stressing"),
    ("warn", "warns", "warned", "warning"),
    ("write", "writes", "wrote", "writing"),
    ("post", "", "posted", ""),
    ("tweet", "tweets", "tweeted", "tweeting"),
    ("announce", "announces", "announced", "announcing"),
    ("explain", "explains", "explained", "explaining"),
    ("insist", "insists", "insisted", "insisting"),
    ("argue", "argues", "argued", "arguing"),
    ("claim", "claims", "claimed", "claiming"),
    ("emphasize", "emphasizes", "emphasized", "emphasizing"),
    ("emphasise", "emphasises", "emphasised", "emphasising"),
    ("declare", "declares", "declared", "declaring"),
    (
        "acknowledge",
        "acknowledges",
        "acknowledged",
        "acknowledging",
    ),
    ("confirm", "confirms", "confirmed", "confirming"),
    ("caution", "cautions", "cautioned", "cautioning"),
    ("describe", "describes", "described", "describing"),
    ("call", "calls", "called", "calling"),
    ("echo", "echoes", "echoed", "echoing"),
    ("reiterate", "reiterates", "reiterated", "reiterating"),
    ("indicate", "indicates", "indicated", "indicating"),
    ("outline", "outlines", "outlined", "outlining"),
    ("ask", "asks", "asked", "asking"),
    ("reply", "replies", "replied", "replying"),
    ("respond", "responds", "responded", "responding"),
    ("answer", "answers", "answered", ""),
    ("recall", "recalls", "recalled", "recalling"),
    ("suggest", "suggests", "suggested", "suggesting"),
    ("predict", "predicts", "predicted", "predicting"),
    ("promise", "promises", "promised", "promising"),
    ("vow", "vows", "vowed", "vowing"),
    ("pledge", "pledges", "pledged", "pledging"),
    ("urge", "urges", "urged", "urging"),
    ("contend", "contends", "contended", "contending"),
    ("maintain", "maintains", "maintained", "maintaining"),
    ("assert", "asserts", "asserted", "asserting"),
    ("admit", "admits", "admitted", "admitting"),
    ("concede", "concedes", "conceded", "conceding"),
    ("deny", "denies", "denied", "denying"),
    ("complain", "complains", "complained", "complaining"),
    ("accuse", "accuses", "accused", "accusing"),
    ("criticize", "criticizes", "criticized", "criticizing"),
    ("criticise", "criticises", "criticised", "criticising"),
    ("blame", "blames", "blamed", "blaming"),
    ("cite", "cites", "cited", "citing"),
    ("praise", "praises", "praised", "praising"),
    ("boast", "boasts", "boasted", "boasting"),
    ("brag", "brags", "bragged", "bragging"),
    ("joke", "jokes", "joked", "joking"),
    ("quip", "quips", "quipped", "quipping"),
    ("remark", "remarks", "remarked", "remarking"),
    ("comment", "comments", "commented", "commenting"),
    ("observe", "observes", "observed", "observing"),
    ("report", "reports", "reported", ""),
    ("reveal", "reveals", "revealed", "revealing"),
    ("disclose", "discloses", "disclosed", "disclosing"),
    ("testify", "testifies", "testified", "testifying"),
    ("recount", "recounts", "recounted", "recounting"),
    ("mention", "mentions", "mentioned", "mentioning"),
    ("repeat", "repeats", "repeated", "repeating"),
    ("demand", "demands", "demanded", "demanding"),
    ("proclaim", "proclaims", "proclaimed", "proclaiming"),
    ("exclaim", "exclaims", "exclaimed", "exclaiming"),
    ("shout", "shouts", "shouted", "shouting"),
    ("yell", "yells", "yelled", "yelling"),
    ("chant", "chants", "chanted", "chanting"),
    ("sing", "sings", "sang", "singing"),
    ("tout", "touts", "touted", "touting"),
    ("counter", "counters", "countered", "countering"),
    ("retort", "retorts", "retorted", "retorting"),
    ("allege", "alleges", "alleged", "alleging"),
    ("charge", "charges", "charged", ""),
    ("dismiss", "dismisses", "dismissed", "dismissing"),
    ("slam", "slams", "slammed", "slamming"),
    // "Roe blasted the ruling as …" is reported speech as "slammed" is;
    // "blasting" is mostly music or wind, so it is no cue.
    ("blast", "blasts", "blasted", ""),
    ("attack", "attacks", "attacked", "attacking"),
    ("question", "questions", "questioned", "questioning"),
    ("agree", "agrees", "agreed", ""),
    ("conclude", "concludes", "concluded", "concluding"),
    ("estimate", "estimates", "estimated", "estimating"),
    ("express", "expresses", "expressed", "expressing"),
    ("continue", "continues", "continued", ""),
    ("confess", "confesses", "confessed", "confessing"),
    ("advise", "advises", "advised", "advising"),
    ("scold", "scolds", "scolded", "scolding"),
    ("liken", "likens", "likened", "likening"),
    ("laud", "lauds", "lauded", "lauding"),
    ("lament", "laments", "lamented", "lamenting"),
    // Complaints the news reports as speech ("Roe bemoaned the climate in
    // which people “hate each other”", "Roe railed against free trade").
    // "rails" and "railing" are nouns too often to be cues.
    ("bemoan", "bemoans", "bemoaned", "bemoaning"),
    ("decry", "decries", "decried", "decrying"),
    ("rail", "", "railed", ""),
    ("blurt", "blurts", "blurted", "blurting"),
    ("chime", "chimes", "chimed", "chiming"),
    ("crow", "", "crowed", ""),
    ("sniff", "", "sniffed", ""),
    ("muse", "", "mused", ""),
    ("opine", "opines", "opined", "opining"),
    ("point", "points", "pointed", "pointing"),
    ("put", "puts", "put", ""),
    ("reject", "rejects", "rejected", "rejecting"),
    ("assure", "assures", "assured", "assuring"),
    ("remind", "reminds", "reminded", "reminding"),
    ("inform", "informs", "informed", "informing"),
    ("brand", "brands", "branded", "branding"),
    ("label", "labels", "labelled", "labelling"),
    ("label", "labels", "labeled", "labeling"),
];

/// What the cue words say of a lower-case word: its cue form, and whether
/// it is a finding verb ([`is_finding_verb`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CueWord {
    pub form: Option<CueForm>,
    pub finding: bool,
    /// Its form as a verb of talking ([`TALKING_VERBS`]).
    pub talk: Option<CueForm>,
}

/// Verbs of talking, a cue only before a question clause
/// ([`talks_about_a_question`]).
const TALKING_VERBS: &[(&str, CueForm)] = &[
    ("talk", CueForm::Base),
    ("speak", CueForm::Base),
    ("talks", CueForm::Finite),
    ("talked", CueForm::Finite),
    ("speaks", CueForm::Finite),
    ("spoke", CueForm::Finite),
    ("spoken", CueForm::Finite),
    ("talking", CueForm::Participle),
    ("speaking", CueForm::Participle),
];

/// [`VERBS`], [`FINDING_VERBS`] and [`TALKING_VERBS`] in one table: [`cue_word`] is asked of
/// every lower-case word of an article, once for both.
static CUES: LazyLock<HashMap<&'static str, CueWord>> = LazyLock::new(|| {
    let mut map: HashMap<&'static str, CueWord> = HashMap::default();
    for &(base, third, past, participle) in VERBS {
        for (form, kind) in [
            (base, CueForm::Base),
            (third, CueForm::Finite),
            (past, CueForm::Finite),
            (participle, CueForm::Participle),
        ] {
            if !form.is_empty() {
                map.entry(form).or_default().form = Some(kind);
            }
        }
    }
    for verb in FINDING_VERBS {
        map.entry(verb).or_default().finding = true;
    }
    for &(verb, form) in TALKING_VERBS {
        map.entry(verb).or_default().talk = Some(form);
    }
    map
});

/// The words of [`CUES`] by [`filter_slot`]: most words of an article are
/// no cue and are told so by one bit, without hashing them (about one
/// lower-case word in seven of bbc passes).
static CUE_FILTER: LazyLock<[u64; FILTER_SLOTS / 64]> = LazyLock::new(|| {
    let mut bits = [0u64; FILTER_SLOTS / 64];
    for word in CUES.keys() {
        if let Some(slot) = filter_slot(word) {
            bits[slot / 64] |= 1 << (slot % 64);
        }
    }
    bits
});
const FILTER_SLOTS: usize = 4096;

/// A word's slot in [`CUE_FILTER`]: from its first two letters, its last
/// and its length, which few words share with a cue.
#[inline]
fn filter_slot(word: &str) -> Option<usize> {
    let bytes = word.as_bytes();
    let (&first, &last) = (bytes.first()?, bytes.last()?);
    let second = *bytes.get(1).unwrap_or(&last);
    let mixed = ((usize::from(first) * 31 + usize::from(second)) * 31 + usize::from(last)) * 31;
    Some((mixed + bytes.len()) % FILTER_SLOTS)
}

/// [`CueWord`] of `word` (nothing for a word no list holds). Only
/// lower-case words count.
#[inline]
pub fn cue_word(word: &str) -> CueWord {
    if !passes_cue_filter(word) {
        return CueWord::default();
    }
    CUES.get(word).copied().unwrap_or_default()
}

/// Whether [`CUE_FILTER`] lets `word` through: every word of [`CUES`]
/// does, and about one lower-case word in seven.
#[inline]
fn passes_cue_filter(word: &str) -> bool {
    filter_slot(word).is_some_and(|slot| CUE_FILTER[slot / 64] & (1 << (slot % 64)) != 0)
}

/// The cue form of `word`, if it is a cue. Only lower-case words count.
#[inline]
pub fn cue_form(word: &str) -> Option<CueForm> {
    cue_word(word).form
}

/// Whether `word` is one of [`FINDING_VERBS`].
pub fn is_finding_verb(word: &str) -> bool {
    cue_word(word).finding
}

/// Verbs whose object is as often a thing or an act as speech: "declared
/// victory", "disclosed in an interview", "charges fees", "insists on
/// using", "revealed a surge", "maintains her lead", "reminded voters of
/// the war", "assured a win", "informed the police". These are cues only
/// with content before their speaker or after them ([`content_follows`]);
/// the participles have their own rule ([`is_weak_participle`]).
/// ("announced plans to …", "posted a photo", "wrote a memoir" count as
/// statements in news annotation and are left alone.)
pub fn needs_content(word: &str) -> bool {
    VERBS
        .iter()
        .find(|(base, third, past, _)| word == *base || word == *third || word == *past)
        .is_some_and(|(base, ..)| {
            matches!(
                *base,
                "declare"
                    | "disclose"
                    | "reveal"
                    | "charge"
                    | "insist"
                    | "maintain"
                    | "assure"
                    | "remind"
                    | "inform"
            )
        })
}

/// "reminded voters of the war", "informed her of their decision",
/// "assured him of support": a verb of addressing whose listener is
/// followed by "of" or "about" before any content names a topic, not
/// something said, whatever the clause around it.
pub(super) fn addresses_a_topic(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let addressing = p.word(i).is_some_and(|w| {
        ["assur", "remind", "inform"]
            .iter()
            .any(|stem| w.starts_with(stem))
    });
    addressing
        && (i + 1..sentence.end.min(i + 1 + CONTENT_WINDOW))
            .map_while(|k| p.word(k))
            .take_while(|w| !opens_content(w) && !is_auxiliary(w))
            .any(|w| matches!(w, "of" | "about"))
}

/// Verbs of calling something names ("branded the plan a waste of
/// money", "labelled it “deeply flawed”"): speech only when they name
/// something, with a quotation or a complement ([`names_a_complement`]),
/// not "branded its ferries in red".
pub fn is_naming_verb(word: &str) -> bool {
    word.starts_with("brand") || word.starts_with("label")
}

/// Whether the naming verb at token `i` has a complement: a quotation in
/// the sentence, or "a"/"an"/"as" after its object within a few words
/// ("branded the plan a waste", "labelled the bill as unfair").
pub(super) fn names_a_complement(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let end = sentence.end.min(i + 1 + CONTENT_WINDOW);
    quotation_in(p, sentence, i)
        || (i + 2..end).any(|k| p.word(k).is_some_and(|w| matches!(w, "a" | "an" | "as")))
}

/// Words that open reported content after a verb: "that", a question
/// word ("revealed what …", "asked whether …").
fn opens_content(word: &str) -> bool {
    matches!(
        word,
        "that" | "whether" | "if" | "how" | "what" | "why" | "when" | "who" | "where" | "which"
    )
}

/// Auxiliaries and modals: a clause without "that" ("declared the painting
/// should stay") has one of them soon after the verb.
pub(super) fn is_auxiliary(word: &str) -> bool {
    matches!(
        word,
        "will"
            | "would"
            | "should"
            | "could"
            | "can"
            | "may"
            | "might"
            | "must"
            | "is"
            | "are"
            | "was"
            | "were"
            | "has"
            | "have"
            | "had"
    )
}

/// Whether `word`, lower case right after a name, is the finite verb of a
/// clause with that name as its subject: one of
/// [`is_finite_verb_after_role`], a regular past tense ("failed") or a
/// verb of saying ("claimed", "says"). A speaker written after its cue is
/// followed by a comma, a preposition or the sentence's end, never by such
/// a verb.
pub(super) fn is_finite_verb_after_subject(word: &str) -> bool {
    is_finite_verb_after_role(word)
        || is_past_tense(word)
        || VERBS
            .iter()
            .any(|(_, third, past, _)| *past == word || (!third.is_empty() && *third == word))
}

/// Whether `word`, lower case right after a role ("said the minister
/// felt"), is the finite verb of a clause with the role as its subject: an
/// auxiliary, a form of "do", a negated auxiliary ("didn't"), a common
/// irregular past ("felt", "knew") or a present of believing or wanting
/// ("believes"). Not a regular past tense: after a role it is as often a
/// participle ("said the officer involved").
pub(super) fn is_finite_verb_after_role(word: &str) -> bool {
    is_auxiliary(word)
        || matches!(word, "do" | "does" | "did")
        || word.ends_with("n't")
        || word.ends_with("n’t")
        || matches!(
            word,
            "felt"
                | "knew"
                | "thought"
                | "went"
                | "made"
                | "saw"
                | "ran"
                | "took"
                | "gave"
                | "got"
                | "came"
                | "found"
                | "kept"
                | "left"
                | "meant"
                | "held"
                | "brought"
                | "sought"
                | "won"
                | "lost"
                | "began"
                | "became"
                | "sent"
                | "spent"
                | "paid"
                | "met"
                | "heard"
                | "believes"
                | "thinks"
                | "knows"
                | "feels"
                | "wants"
                | "needs"
                | "expects"
                | "hopes"
                | "plans"
                | "intends"
                | "seems"
                | "appears"
                | "remains"
                | "deserves"
                | "lacks"
                | "owes"
                | "favors"
                | "favours"
                | "supports"
                | "opposes"
                | "represents"
        )
}

/// How many words after the verb are searched for the start of content.
const CONTENT_WINDOW: usize = 8;

/// Whether the cue at token `i` of `sentence` has content: a quotation in
/// the sentence, the end of the clause right after it ("“…,” she wrote."),
/// a colon, comma or quotation mark, or within a few words a
/// content-opening word or an auxiliary (a clause without "that"). Not
/// when a preposition or a plain object ends the clause first ("declared
/// victory on Wednesday", "agreed to allow an informant").
pub(super) fn content_follows(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    if quotation_in(p, sentence, i) {
        return true;
    }
    let next = i + 1;
    if next >= sentence.end || p.word(next).is_none() {
        return true;
    }
    for k in next..sentence.end.min(next + CONTENT_WINDOW) {
        let Some(word) = p.word(k) else {
            return false;
        };
        // As written: "May" is a month, "may" a modal.
        if opens_content(word) || (k > next && is_auxiliary(word)) {
            return true;
        }
    }
    false
}

/// Whether the cue `word` is a third-person form ("claims", "states")
/// standing right after the auxiliary `previous` ("have claims in the
/// area"): a verb never does, so it is a plural noun.
pub fn is_third_person_after_auxiliary(word: &str, previous: &str) -> bool {
    is_auxiliary(previous) && VERBS.iter().any(|(_, third, ..)| *third == word)
}

/// Third-person forms of cues that are as often plural nouns: "the
/// Paris attacks", "Rust Belt states", "South China Sea claims".
pub fn is_plural_noun_too(word: &str) -> bool {
    matches!(
        word,
        "attacks"
            | "states"
            | "claims"
            | "calls"
            | "notes"
            | "charges"
            | "comments"
            | "remarks"
            | "demands"
            | "questions"
            | "answers"
            | "pledges"
            | "vows"
            | "promises"
            | "estimates"
            | "reports"
            | "tweets"
            | "echoes"
            | "counters"
            | "jokes"
            | "quips"
            | "points"
            | "labels"
            | "brands"
            | "praises"
            | "stresses"
            | "cautions"
            | "blasts"
            | "slams"
            | "thanks"
            | "challenges"
            | "mentions"
            | "outlines"
            | "recalls"
            | "urges"
            | "boasts"
            | "chants"
            | "touts"
            | "retorts"
            | "laments"
            | "rejects"
            | "shouts"
            | "yells"
            | "replies"
    )
}

/// Whether the plural-looking cue at token `i`, written right after the
/// name run `run` (with "the" before it at most, `written`), is the head
/// of a noun phrase the name modifies rather than a verb the name is the
/// subject of. A preposition, a determiner, a number or a possessor
/// before the name ("after the Paris attacks", "in several Midwest
/// states", "March 1 Southeastern states", "China's South China Sea
/// claims"), or "the" ("the Brussels attacks would harden …"), makes it
/// a noun unless speech follows: "the Tax Foundation estimates that …",
/// "the report by the Acme Union claims institutions have …". "Rust Belt
/// states that have suffered" is a noun before a relative clause.
pub(super) fn heads_a_noun_phrase(
    p: &Passage,
    sentence: &Range<usize>,
    i: usize,
    run: &Range<usize>,
    written: &Range<usize>,
) -> bool {
    let the = written.start + 1 == run.start && p.lower_is_any(written.start, &["the"]);
    if !is_plural_noun_too(p.word(i).unwrap_or_default())
        || run.end != i
        || !(written.start == run.start || the)
    {
        return false;
    }
    let governed = written
        .start
        .checked_sub(1)
        .filter(|&k| k >= sentence.start)
        .and_then(|k| p.word(k))
        .is_some_and(|w| {
            let lower = w.to_lowercase();
            PREPOSITIONS.contains(&lower.as_str())
                || (the && CONJUNCTIONS_OR_PREPOSITIONS.contains(&lower.as_str()))
                || PLURAL_DETERMINERS.contains(&lower.as_str())
                || w.starts_with(|c: char| c.is_ascii_digit())
                || (!the && super::tokens::strip_possessive(w).1)
        });
    opens_relative_clause(p, i + 1) || ((governed || the) && !speech_follows(p, sentence, i))
}

/// "denied the claims that Roe made", "rejected the charges that
/// prosecutors filed in May": a "that" after the cue's object opens a
/// relative clause about the object, not what was said, when the clause's
/// verb is one of making or handling a claim ([`is_verb_of_claiming`])
/// and lacks an object of its own (the end of the clause, a preposition or
/// a time word after it). "denied claims that Roe lied" and "denied the
/// claim that Roe made the call" report what was said.
pub(super) fn object_has_relative_clause(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let end = sentence.end.min(i + 1 + CONTENT_WINDOW);
    let Some(that) = (i + 2..end).find(|&k| p.word(k) == Some("that")) else {
        return false;
    };
    // The object: words only, none of them opening content, not a
    // prepositional phrase ("declared after the vote that …"), and a
    // claim the clause can be about ("told reporters that she had heard
    // from …" and "said Tuesday that it had filed for …" report speech).
    if p.word(i + 1).is_some_and(|w| PREPOSITIONS.contains(&w))
        || !p.word(that - 1).is_some_and(is_noun_of_claiming)
        || (i + 1..that).any(|k| {
            p.word(k)
                .is_none_or(|w| opens_content(w) || is_auxiliary(w))
        })
    {
        return false;
    }
    // The clause's subject (one to three words), auxiliaries, its verb.
    let first = that + 1;
    let Some(mut verb) = (first + 1..sentence.end.min(first + 4)).find(|&k| {
        p.word(k)
            .is_some_and(|w| is_verb_of_claiming(w) || is_auxiliary(w))
    }) else {
        return false;
    };
    // A passive ("that the request was denied") has no object to lack.
    let mut passive = false;
    while let Some(w) = p.word(verb).filter(|w| is_auxiliary(w) || *w == "not") {
        passive |= matches!(w, "is" | "are" | "was" | "were" | "been" | "be");
        verb += 1;
    }
    let after = verb + 1;
    !passive
        && p.word(verb).is_some_and(is_verb_of_claiming)
        && (after >= sentence.end
            || p.word(after).is_none_or(|w| {
                PREPOSITIONS.contains(&w) || matches!(w, "last" | "earlier" | "this" | "yesterday")
            }))
}

/// Nouns of what is claimed, charged or reported, which a relative clause
/// with a verb of claiming can be about ("the charges that prosecutors
/// filed", "the allegation that the paper published").
fn is_noun_of_claiming(word: &str) -> bool {
    word == "stories"
        || matches!(
            word.strip_suffix('s').unwrap_or(word),
            "claim"
                | "charge"
                | "allegation"
                | "accusation"
                | "report"
                | "rumor"
                | "rumour"
                | "story"
                | "complaint"
                | "criticism"
                | "statement"
                | "remark"
                | "comment"
                | "assertion"
                | "suggestion"
                | "account"
                | "version"
                | "threat"
                | "warning"
                | "attack"
                | "message"
                | "post"
                | "tweet"
                | "letter"
                | "smear"
                | "lie"
                | "idea"
                | "notion"
                | "theory"
                | "argument"
        )
}

/// Verbs whose object is a claim, a charge or a report: the verb of a
/// relative clause after such a noun ("the charges that prosecutors
/// filed").
fn is_verb_of_claiming(word: &str) -> bool {
    matches!(
        word,
        "made"
            | "filed"
            | "brought"
            | "levelled"
            | "leveled"
            | "raised"
            | "pressed"
            | "lodged"
            | "issued"
            | "published"
            | "repeated"
            | "spread"
            | "voiced"
            | "aired"
            | "offered"
            | "gave"
            | "heard"
            | "received"
            | "faced"
            | "denied"
            | "rejected"
            | "dismissed"
            | "wrote"
            | "sent"
            | "posted"
            | "cited"
            | "mentioned"
            | "circulated"
            | "reported"
    )
}

/// "A newly formed super PAC called Future 45 ran ads", "one PAC called
/// Stop Hillary and another …", "An anti-Trump super PAC called Our
/// Principles is …": when the noun phrase whose head was written at
/// `written` opens with "a"/"an"/"one", "called" and a capitalized name
/// is the participle of naming, not speech, unless a quotation stands in
/// the sentence or a complement follows the name ("called Trump a liar",
/// "called Trump “unhinged”"). The noun phrase is bounded by its nearest
/// determiner, or by punctuation or a clause word before it, not by a
/// count of words: a hyphenated or long modifier does not hide the "a".
pub(super) fn names_a_thing(
    p: &Passage,
    sentence: &Range<usize>,
    i: usize,
    written: &Range<usize>,
) -> bool {
    if p.word(i) != Some("called") || quotation_in(p, sentence, i) {
        return false;
    }
    let determiner = (sentence.start..written.start)
        .rev()
        .map_while(|k| p.word(k))
        .take_while(|w| !opens_a_clause(w))
        .find(|w| is_determiner(w));
    let indefinite =
        determiner.is_some_and(|w| matches!(w.to_lowercase().as_str(), "a" | "an" | "one"));
    if !indefinite || !p.word(i + 1).is_some_and(super::tokens::is_capitalized) {
        return false;
    }
    let after_name = (i + 1..sentence.end)
        .find(|&k| !p.word(k).is_some_and(super::tokens::is_capitalized))
        .unwrap_or(sentence.end);
    !p.lower_is_any(after_name, &["a", "an", "the", "as"])
}

/// Words that open a noun phrase: the nearest one before a head tells
/// whether the phrase is indefinite.
fn is_determiner(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "a" | "an"
            | "one"
            | "the"
            | "this"
            | "these"
            | "those"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "my"
            | "your"
    )
}

/// Words that open a clause: a noun phrase never reaches back past one.
fn opens_a_clause(word: &str) -> bool {
    matches!(
        word.to_lowercase().as_str(),
        "that" | "which" | "who" | "and" | "but" | "or" | "because" | "when" | "while" | "if"
    )
}

/// "AbbVie and Shire called off a deal", "Then, last week, Roe called.":
/// "call" before a particle of a phrasal verb ("off", "up", "back"), or
/// ending its sentence with no quotation in it, is calling or cancelling,
/// not saying something. "Called for", "called on" and "called out" stay
/// speech: a demand or a rebuke made in public is an attribution.
pub(super) fn calls_without_speech(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    if !p
        .word(i)
        .is_some_and(|w| matches!(w, "call" | "calls" | "called" | "calling"))
    {
        return false;
    }
    let ends_sentence = i + 1 >= sentence.end || p.is_punct(i + 1, '.');
    p.lower_is_any(i + 1, &["off", "up", "back"])
        || (ends_sentence && !quotation_in(p, sentence, i))
        || (p.lower_is_any(i + 1, &["for"]) && calls_for_a_thing(p, sentence, i + 1))
}

/// How many tokens after "for" a demand's infinitive may come ("called
/// for the mayor of Eastwick to resign").
const MAX_CALL_FOR_OBJECT: usize = 12;

/// "Roe called for urgent change", "calling for an end to the war":
/// "call for" with only a noun phrase after it names a demand without
/// its content, as "announced his candidacy" does (no statement). It
/// reports one when what is demanded is a clause: "called for the mayor
/// to resign", "called for that the vote be held", "called for cutting
/// the rate", or quoted words ("called for “a complete shutdown”").
/// `for_at` is the token "for".
fn calls_for_a_thing(p: &Passage, sentence: &Range<usize>, for_at: usize) -> bool {
    // "called for that …", "called for reducing the tax": a clause.
    let gerund = p.word(for_at + 1).is_some_and(|w| {
        w.len() > 5 && w.ends_with("ing") && w.chars().all(|c| c.is_ascii_lowercase())
    });
    if gerund || p.lower_is_any(for_at + 1, &["that"]) {
        return false;
    }
    let quoted_after = p
        .quotes
        .iter()
        .any(|q| q.open > for_at && q.open < sentence.end);
    if quoted_after {
        return false;
    }
    let hi = sentence.end.min(for_at + 1 + MAX_CALL_FOR_OBJECT);
    for k in for_at + 1..hi {
        if p.tokens[k]
            .punct
            .is_some_and(|c| matches!(c, ',' | ';' | ':' | '.' | '(' | '—' | '–'))
        {
            break;
        }
        // "for Roe to resign": "to" before a verb, not "an end to the war".
        let infinitive = p.lower_is_any(k, &["to"])
            && p.word(k + 1).is_some_and(|w| {
                w.chars().all(|c| c.is_ascii_lowercase())
                    && !w.ends_with("ing")
                    && !is_function_word_after_to(w)
            });
        if infinitive {
            return false;
        }
    }
    true
}

/// Words after "to" that make it a preposition: "an end to the war",
/// "changes to its rules", "a return to 1990 levels": a determiner (not
/// "one": "to one side" and "to one day lead" both occur), a quantifier or
/// an object pronoun.
fn is_function_word_after_to(lower: &str) -> bool {
    (lower != "one" && is_determiner(lower))
        || matches!(
            lower,
            "that"
                | "all"
                | "any"
                | "some"
                | "each"
                | "every"
                | "more"
                | "no"
                | "him"
                | "them"
                | "us"
                | "me"
                | "it"
                | "what"
                | "whom"
        )
}

/// "The club charged a $100,000 fee", "Police charged Jo Roe", "Roe was
/// charged with fraud": "charge" with an object or "with" after it is
/// billing or indicting. It reports speech before "that" or punctuation
/// ("Roe charged that …"), or in a sentence with a quotation ("“…,” Roe
/// charged in her attack.").
pub(super) fn charges_without_speech(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    p.word(i)
        .is_some_and(|w| matches!(w, "charge" | "charges" | "charged"))
        && p.word(i + 1).is_some_and(|next| next != "that")
        && !quotation_in(p, sentence, i)
}

/// Prepositions that are never conjunctions: a name after them is their
/// object, never the subject of a verb.
const PREPOSITIONS: &[&str] = &[
    "of",
    "in",
    "on",
    "at",
    "to",
    "from",
    "with",
    "into",
    "onto",
    "about",
    "over",
    "during",
    "against",
    "among",
    "amid",
    "despite",
    "concerning",
    "including",
    "toward",
    "towards",
    "following",
    "for",
    "by",
    "through",
    "across",
    "under",
    "within",
    "without",
    "behind",
    "between",
    "regarding",
    "like",
    "via",
];

/// Whether `lower_word` is a preposition that is never a conjunction
/// ([`PREPOSITIONS`]).
pub(super) fn is_preposition(lower_word: &str) -> bool {
    PREPOSITIONS.contains(&lower_word)
}

/// Words that are prepositions before "the X" ("after the Paris attacks")
/// and conjunctions before a clause ("after Sanders calls Clinton …").
const CONJUNCTIONS_OR_PREPOSITIONS: &[&str] = &["after", "before", "since", "until", "as", "than"];

/// Determiners of a plural noun: "many Asian states", "any Trump attacks".
const PLURAL_DETERMINERS: &[&str] = &[
    "any", "many", "several", "most", "some", "all", "both", "these", "those", "other", "such",
    "no", "few", "his", "her", "their", "its", "our", "your", "my", "more", "fewer",
];

/// Whether a relative clause opens at token `k`: "that" with an auxiliary
/// or a past form right after it, where a reported clause would have its
/// subject ("states that have suffered", "attacks that cited").
fn opens_relative_clause(p: &Passage, k: usize) -> bool {
    p.word(k) == Some("that")
        && p.word(k + 1)
            .is_some_and(|w| is_auxiliary(w) || (w.len() > 4 && w.ends_with("ed")))
}

/// Whether speech follows the cue at token `i` when its subject may be
/// no subject at all: a colon or a quotation after it, a comma and then
/// a quotation, the end of the clause after a quotation ("“…,” the
/// Gazette notes."), or a clause after it ([`content_follows`]) that is
/// not a relative one.
fn speech_follows(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let next = i + 1;
    let quote_mark = |k: usize| {
        p.tokens
            .get(k)
            .is_some_and(|t| matches!(t.punct, Some('“' | '"')))
    };
    if quote_mark(next) || p.is_punct(next, ':') || (p.is_punct(next, ',') && quote_mark(next + 1))
    {
        return true;
    }
    if next >= sentence.end || p.word(next).is_none() {
        return p.quotes.iter().any(|q| {
            let last = q.last_token(p.tokens.len());
            last < i && last >= sentence.start
        });
    }
    !opens_relative_clause(p, next) && content_follows(p, sentence, i)
}

/// The cue form of a verb of talking at token `i` when a question clause
/// about what was said follows it: "spoke about how the consulate was
/// looted", "talks about what can be achieved", "talking about why they
/// had come". Without one ("spoke at the rally", "talked about the
/// economy") talking is an event or names a topic, not content.
/// `form` is the word's as a verb of talking ([`CueWord::talk`]).
#[inline]
pub(super) fn talks_about_a_question(p: &Passage, i: usize, form: CueForm) -> Option<CueForm> {
    // "spoke on what would have been her birthday" is a date: after "on",
    // only how, why and whether open a question.
    let question = match p.word(i + 1) {
        Some("about") => p
            .word(i + 2)
            .is_some_and(|w| matches!(w, "how" | "what" | "why" | "whether")),
        Some("on") => p
            .word(i + 2)
            .is_some_and(|w| matches!(w, "how" | "why" | "whether")),
        _ => false,
    };
    question.then_some(form)
}

/// Whether the past-tense verb at token `i` credits the quotation closed
/// right before its subject or right before it: "“Go back,” Roe barked",
/// "“…!” beamed Lena Holm", "“…?” an angry Roe retaliated". News credits a
/// quotation with any verb of manner ("fumed", "pressed", "riffed"), more
/// than a lexicon can list; a quotation closed on a comma, an exclamation
/// or a question mark, then a short subject and a past tense, is such a
/// credit whatever the verb. The subject is a pronoun or a capitalized
/// name, after at most a determiner and its adjectives; inverted, a
/// capitalized word follows the verb.
#[inline]
pub(super) fn credits_a_quotation(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    // Asked of every word: most are no past tense and need no more.
    p.word(i).is_some_and(is_past_tense) && past_tense_credits_a_quotation(p, sentence, i)
}

/// Whether `word` reads as a regular past tense ("barked"), lower case.
#[inline]
fn is_past_tense(word: &str) -> bool {
    matches!(word.as_bytes(), [.., b'e', b'd'])
        && word.len() >= 5
        && word.bytes().all(|b| b.is_ascii_lowercase())
}

/// [`credits_a_quotation`], for a past tense at `i`.
fn past_tense_credits_a_quotation(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let Some(word) = p.word(i) else {
        return false;
    };
    if cue_form(word).is_some() {
        return false;
    }
    if introduces_a_quotation(p, sentence, i) {
        return true;
    }
    // The last mark before the verb closes the quotation; after "?" or
    // "!" the credit is a sentence of its own ("“…?” Roe pressed.").
    let Some(close) = (sentence.start.saturating_sub(1)..i)
        .rev()
        .take(MAX_CREDIT_SUBJECT_WORDS + 1)
        .find(|&k| !p.tokens[k].is_word())
    else {
        return false;
    };
    let closes_clause = close > 0
        && p.tokens[close - 1]
            .punct
            .is_some_and(|c| matches!(c, ',' | '!' | '?'));
    let quote = p.quotes.iter().find(|q| q.close == Some(close));
    if !closes_clause || quote.is_none_or(|q| q.is_title_or_scare(p.text, p.tokens)) {
        return false;
    }
    // "The crowd roared “One more song!” Lena Holm smiled": a quotation
    // that runs on from a word of its own sentence is that sentence's.
    if quote.is_some_and(|q| q.open > 0 && p.word(q.open - 1).is_some()) {
        return false;
    }
    // "she remembered telling him": the participle after it is the cue;
    // "Roe smiled and walked off": an action, not a credit.
    if p.word(i + 1)
        .is_some_and(|w| w.ends_with("ing") || w == "and" || cue_form(w).is_some())
    {
        return false;
    }
    let subject: Vec<&str> = (close + 1..i).filter_map(|k| p.word(k)).collect();
    let capitalized = |w: &str| super::tokens::is_capitalized(w);
    match subject.as_slice() {
        // Inverted: "“…!” beamed Lena Holm".
        [] => p.word(i + 1).is_some_and(capitalized),
        [one] if matches!(*one, "he" | "she" | "they" | "we" | "I") => true,
        [first, .., last] | [first @ last] => {
            let determiner = matches!(first.to_lowercase().as_str(), "the" | "a" | "an");
            capitalized(last)
                && subject
                    .iter()
                    .skip(usize::from(determiner))
                    .skip_while(|w| !capitalized(w) && determiner)
                    .all(|w| capitalized(w))
                && subject.iter().all(|w| cue_form(w).is_none())
        }
    }
}

/// "And Roe gloated: “…”", "Roe fired back: “…”", "Roe interjected: “…”":
/// the past tense at token `i`, after a capitalized name or a pronoun
/// that opens its clause, ends on a colon (after at most two lower-case
/// words) right before a quotation.
fn introduces_a_quotation(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let end = sentence.end.min(i + 4);
    let Some(colon) = (i + 1..end).find(|&k| !p.tokens[k].is_word()) else {
        return false;
    };
    let plain_words = (i + 1..colon).all(|k| {
        p.word(k)
            .is_some_and(|w| w.chars().all(|c| c.is_ascii_lowercase()))
    });
    let quotation_next = p.quotes.iter().any(|q| q.open == colon + 1);
    if !p.is_punct(colon, ':') || !plain_words || !quotation_next || i == 0 {
        return false;
    }
    let subject = p.word(i - 1).is_some_and(|w| {
        super::tokens::is_capitalized(w) || matches!(w, "he" | "she" | "they" | "we")
    });
    subject && cue_form(p.word(i - 1).unwrap_or_default()).is_none()
}

/// The most words a quotation's credit puts between the quotation and
/// its verb ("an angry Lena Holm", "Sen. Pat Toomey").
const MAX_CREDIT_SUBJECT_WORDS: usize = 5;

/// Whether a quotation stands in `sentence`, not around token `i`.
fn quotation_in(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    p.quotes.iter().any(|q| {
        let last = q.last_token(p.tokens.len());
        q.open < sentence.end && last >= sentence.start && !q.contains(i)
    })
}

/// Whether `sentence` is a question of the writer's (it opens with a
/// question word or an auxiliary and its last mark is a "?" outside
/// quotation marks): "What did they say when …?" asks, it reports no
/// statement.
pub(super) fn is_writers_question(p: &Passage, sentence: &Range<usize>) -> bool {
    let last = sentence.clone().rev().find(|&k| {
        !p.tokens[k]
            .punct
            .is_some_and(|c| matches!(c, '”' | '"' | ')'))
    });
    // Most sentences end otherwise: their first word is not looked at.
    let ends_asking = last.is_some_and(|k| p.is_punct(k, '?'));
    let asks = || {
        p.with_lower(sentence.start, |l| {
            matches!(
                l,
                "what"
                    | "why"
                    | "how"
                    | "who"
                    | "where"
                    | "when"
                    | "which"
                    | "did"
                    | "do"
                    | "does"
                    | "is"
                    | "are"
                    | "was"
                    | "were"
                    | "can"
                    | "could"
                    | "would"
                    | "should"
                    | "will"
            )
        }) == Some(true)
    };
    ends_asking && asks() && last.is_some_and(|k| !p.in_quote(k))
}

/// "added to the list", "writes for the fans", "wrote about this point":
/// with the next word `next`, these verbs are adding, contributing or
/// naming a topic, not saying. ("agreed to meet", "called to ban" count as
/// statements in news annotation.)
pub fn is_not_speech_before(word: &str, next: &str) -> bool {
    match next {
        "to" => matches!(word, "add" | "adds" | "added"),
        "for" | "about" => matches!(word, "write" | "writes" | "wrote"),
        _ => false,
    }
}

/// "the man said to have fled", "a deal said to be worth $5m", "the index
/// said to rise": "said" before "to" and a verb is the passive of hearsay,
/// which reports no one's words. Before "be" or "have" always; before
/// another verb only after a lower-case word (the thing said of), as
/// "Roe said to cut costs the port must …" reports Roe. Not "said to
/// reporters" (a plural listener) or "said to him", and not in a sentence
/// with a quotation ("“We won,” Roe said to applause.").
pub(super) fn said_to_do(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    let hearsay_verb = |w: &str| {
        matches!(w, "be" | "have")
            || (i > sentence.start
                && p.word(i - 1).is_some_and(|prev| {
                    prev.chars().all(|c| c.is_ascii_lowercase()) && !is_subject_pronoun(prev)
                })
                && w.chars().all(|c| c.is_ascii_lowercase())
                && !w.ends_with("ing")
                && !w.ends_with('s')
                && !is_function_word_after_to(w))
    };
    p.word(i) == Some("said")
        && p.lower_is_any(i + 1, &["to"])
        && p.word(i + 2).is_some_and(hearsay_verb)
        && !quotation_in(p, sentence, i)
}

fn is_subject_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she" | "they" | "we" | "you" | "it" | "i" | "who"
    )
}

/// "as Roe put it: “…”", "“…,” as Roe puts it.": "put" is a cue only in
/// "put it" before a quotation or the end of the clause, never "put it in
/// the shed" or "put the plan to a vote".
///
/// Before a comma or the end of the clause "put it" is speech only after
/// "as" ("As Roe put it, the port is a ruin", "…, as Roe put it.") or when
/// a quotation follows the comma: "Roe put it, with the keys, in a drawer"
/// is an act.
pub(super) fn puts_it(p: &Passage, i: usize) -> bool {
    if p.word(i + 1) != Some("it") {
        return false;
    }
    let after_as = || (i.saturating_sub(AS_BEFORE_PUT)..i).any(|k| p.lower_is_any(k, &["as"]));
    let punct = |k: usize| p.tokens.get(k).and_then(|t| t.punct);
    match p.tokens.get(i + 2).map(|t| t.punct) {
        Some(Some(':' | '“' | '"')) => true,
        // "Roe put it, “…”": the quotation follows the comma.
        Some(Some(',')) => matches!(punct(i + 3), Some('“' | '"' | '‘' | '\'')) || after_as(),
        None | Some(Some('.')) => after_as(),
        _ => false,
    }
}

/// How many words before "put it" its "as" may stand ("as the harbour
/// master of Tromsø, Lena Holm, put it").
const AS_BEFORE_PUT: usize = 10;

/// "rejected the notion that …", "rejects claims that …": rejecting is a
/// cue only when what is rejected is something said, a noun of saying
/// followed by "that" within a few words; "rejected the bill, which …"
/// and "rejected that offer" are acts, not statements.
pub(super) fn rejects_a_claim(p: &Passage, sentence: &Range<usize>, i: usize) -> bool {
    (i + 1..sentence.end.min(i + 5)).any(|k| {
        p.word(k).is_some_and(|w| {
            matches!(
                w,
                "notion"
                    | "idea"
                    | "suggestion"
                    | "suggestions"
                    | "claim"
                    | "claims"
                    | "assertion"
                    | "assertions"
                    | "allegation"
                    | "allegations"
                    | "accusation"
                    | "accusations"
                    | "charge"
                    | "charges"
                    | "argument"
                    | "premise"
                    | "characterization"
                    | "characterisation"
                    | "reports"
                    | "speculation"
            )
        }) && p.word(k + 1) == Some("that")
    })
}

/// "did not respond", "has not yet responded": a reply that was not made.
pub fn is_unmade_reply(word: &str, before: &[&str]) -> bool {
    word.starts_with("respond")
        && before.iter().any(|w| {
            matches!(*w, "not" | "never" | "n't") || w.ends_with("n't") || w.ends_with("n’t")
        })
}

/// Participles that continue a statement ("…, emphasizing that …") but
/// after a clause that is not speech usually describe its event
/// ("they met, emphasizing their ties").
pub fn is_weak_participle(word: &str) -> bool {
    matches!(
        word,
        "emphasizing"
            | "emphasising"
            | "stressing"
            | "confirming"
            | "indicating"
            | "outlining"
            | "echoing"
            | "citing"
            | "praising"
            | "attacking"
            | "questioning"
            | "demanding"
            | "describing"
            | "promising"
            | "expressing"
            | "revealing"
            | "disclosing"
            | "mentioning"
            | "recalling"
            | "repeating"
            | "reiterating"
            | "singing"
            | "chanting"
            | "estimating"
            | "concluding"
            | "observing"
            | "assuring"
            | "reminding"
            | "informing"
            | "rejecting"
    )
}

/// Nouns after a possessive that make the possessor the speaker:
/// "according to Witkoff’s statement", "in Umerov’s post".
pub fn is_utterance_noun(word: &str) -> bool {
    matches!(
        word,
        "statement"
            | "statements"
            | "remarks"
            | "comments"
            | "words"
            | "post"
            | "posts"
            | "tweet"
            | "tweets"
            | "account"
            | "testimony"
            | "interview"
            | "speech"
            | "letter"
            | "message"
            | "announcement"
    )
}

/// Nouns for a document or a finding that speaks for whoever made it:
/// "according to a survey by Acme", "figures from the statistics office".
pub fn is_document_noun(word: &str) -> bool {
    matches!(
        word,
        "report"
            | "reports"
            | "study"
            | "studies"
            | "survey"
            | "surveys"
            | "research"
            | "poll"
            | "analysis"
            | "estimate"
            | "estimates"
            | "figures"
            | "data"
            | "statement"
            | "review"
            | "audit"
            | "assessment"
            | "forecast"
            | "forecasts"
    )
}

/// Verbs that report what a document found, with the document as their
/// subject: "a survey by Acme found that …", "figures from the statistics
/// office showed …". A cue only after a document noun with its maker
/// named ([`detect`](super::detect)); "police found a body" is none.
const FINDING_VERBS: &[&str] = &[
    "found",
    "finds",
    "showed",
    "shows",
    "suggested",
    "suggests",
    "revealed",
    "reveals",
    "concluded",
    "concludes",
    "indicated",
    "indicates",
    "estimated",
    "estimates",
    "predicted",
    "predicts",
    "warned",
    "warns",
    "said",
    "says",
    "stated",
    "states",
    "noted",
    "notes",
];

/// Cues whose object is a person other than the speaker: the listener
/// ("told BBC News") or the target ("accused Mr Brown", "urged Smith").
pub fn takes_person_object(lower_word: &str) -> bool {
    matches!(
        lower_word,
        "told"
            | "tells"
            | "tell"
            | "accused"
            | "accuses"
            | "urged"
            | "urges"
            | "praised"
            | "praises"
            | "criticized"
            | "criticised"
            | "criticizes"
            | "criticises"
            | "blamed"
            | "blames"
            | "thanked"
            | "thanks"
            | "attacked"
            | "attacks"
            | "slammed"
            | "slams"
            | "blasted"
            | "blasts"
            | "condemned"
            | "condemns"
            | "called"
            | "calls"
            | "informed"
            | "informs"
            | "assured"
            | "assures"
            | "reminded"
            | "reminds"
            | "congratulated"
            | "challenged"
            | "challenges"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The (speaker, statement text) pairs attribution finds in `body`.
    fn statements(body: &str) -> Vec<(String, String)> {
        super::super::tests::analyze_text(body)
            .1
            .statements
            .iter()
            .map(|s| (s.speaker.clone(), body[s.start..s.end].to_string()))
            .collect()
    }

    fn speakers(body: &str) -> Vec<String> {
        statements(body).into_iter().map(|(s, _)| s).collect()
    }

    #[test]
    fn charging_a_fee_or_a_person_is_no_statement() {
        for body in [
            "The Eastwick Golf Club charged a $9,000 fee for each member.",
            "Police charged Carl Berg after the fight at the harbour.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
        assert_eq!(
            speakers("Lena Holm charged that the council hid the report."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("“They are hiding it,” Lena Holm charged in a speech."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn blasting_a_target_is_a_statement() {
        assert_eq!(
            speakers("Lena Holm blasted the port board for “wasting every penny.”"),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm blasts the toll plan as a tax on the poor."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn bemoaning_decrying_and_railing_are_statements() {
        for body in [
            "Lena Holm bemoaned a harbour in which traders “hate each other.”",
            "Lena Holm has decried the new tolls as a tax on the poor.",
            "Lena Holm railed against the port deal at a rally on Monday.",
        ] {
            assert_eq!(speakers(body), ["Lena Holm"], "{body}");
        }
    }

    #[test]
    fn talking_about_a_question_clause_is_a_statement() {
        assert_eq!(
            statements("Lena Holm spoke about how the harbour had been looted."),
            [(
                "Lena Holm".to_string(),
                "about how the harbour had been looted.".to_string()
            )]
        );
        assert_eq!(
            speakers("Lena Holm was on the radio, talking about what she does next."),
            ["Lena Holm"]
        );
        // Talking with no question clause is an event or a topic.
        assert!(speakers("Lena Holm spoke at the harbour on Monday.").is_empty());
        assert!(speakers("Lena Holm talked about the harbour for an hour.").is_empty());
        // "on what would have been" is a date.
        assert!(
            speakers("Lena Holm spoke on what would have been her father’s 90th birthday.")
                .is_empty()
        );
    }

    #[test]
    fn a_verb_of_manner_after_a_quotation_credits_it() {
        for body in [
            "“Go back to your seat,” Lena Holm barked.",
            "“Go back to your seat,” an angry Lena Holm retaliated.",
            "“This is fantastic!” beamed Lena Holm of Tromsø.",
            "“Would it be negotiable?” Sen. Lena Holm pressed.",
        ] {
            assert_eq!(speakers(body), ["Lena Holm"], "{body}");
        }
        assert_eq!(
            statements("Lena Holm runs the port. “It is not over,” she fumed on Tuesday."),
            [("Lena Holm".to_string(), "It is not over,".to_string())]
        );
        // Before a colon and a quotation.
        for body in [
            "And Lena Holm gloated: “I told you the harbour would reopen.”",
            "Lena Holm fired back: “Nobody closes this harbour.”",
        ] {
            assert_eq!(speakers(body), ["Lena Holm"], "{body}");
        }
        // Not a credit: a full stop ends the quotation, the verb has its
        // own clause, or a title stands before a name.
        assert!(speakers("“It is over.” Lena Holm walked out.").is_empty());
        assert!(speakers("“It is over,” Lena Holm said and walked out.")
            .iter()
            .all(|s| s == "Lena Holm"));
        assert!(speakers("They watched “Blue Harbour” Lena Holm directed.").is_empty());
        // A quotation that runs on from its own sentence's verb is that
        // sentence's, and "smiled and walked" is an action.
        assert!(speakers(
            "The crowd roared “One more song!” Lena Holm smiled and walked back on stage."
        )
        .is_empty());
        assert!(speakers("“One more song!” Lena Holm smiled and walked back on stage.").is_empty());
        // A participle after the verb is the cue ("remembered telling"),
        // and its listener no statement.
        assert!(
            statements("“It is over,” Lena Holm remembered telling Ove Berg, after he left.")
                .iter()
                .all(|(_, text)| !text.contains("Ove Berg"))
        );
    }

    #[test]
    fn verbs_of_adding_calling_and_consenting_before_to_are_not_speech() {
        assert!(speakers("Berg Tools added to its losses on Monday.").is_empty());
        assert!(speakers("Lena Holm writes for the local paper too.").is_empty());
        assert!(speakers("Lena Holm wrote about this point at length.").is_empty());
        // The same verbs with content are statements.
        assert_eq!(
            speakers("Lena Holm added that the farm was sold."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm writes that the farm was sold."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn calling_for_a_thing_is_no_statement_calling_for_a_clause_is() {
        for body in [
            "Lena Holm returned home calling for urgent change in the game.",
            "Lena Holm has called for the complete repeal of the harbour tax.",
            "Lena Holm called for an end to the ferry strike on Monday.",
        ] {
            assert_eq!(speakers(body), Vec::<String>::new(), "{body}");
        }
        for body in [
            "Lena Holm called for the mayor of Eastwick to resign.",
            "Lena Holm called for cutting the harbour tax by half.",
            "Lena Holm called for “a complete and total rethink” of the port.",
            "Lena Holm called on the mayor to resign.",
        ] {
            assert_eq!(speakers(body), ["Lena Holm"], "{body}");
        }
    }

    #[test]
    fn a_speech_verb_with_no_content_is_no_statement() {
        assert!(speakers("Lena Holm declared victory on Tuesday night.").is_empty());
        assert!(speakers("Berg Tools charges fees of up to two percent.").is_empty());
        assert!(speakers("Lena Holm disclosed in an interview with a radio station.").is_empty());
        assert!(speakers("Lena Holm insists on using the old ferry.").is_empty());
        assert!(speakers("Lena Holm revealed a surge of cases in May.").is_empty());
        assert!(speakers("If Lena Holm maintains her lead, she will win.").is_empty());
        assert!(speakers("Lena Holm reminded voters of the flood in May.").is_empty());
        assert!(speakers("Lena Holm informed the harbour police on Monday.").is_empty());
        let (_, found) = super::super::tests::analyze_text(
            "Lena Holm said the harbour was sold, and informed her staff of the decision to close.",
        );
        assert!(found.statements.iter().all(|s| s.cue == "said"));
        assert_eq!(
            statements(
                "As the harbour is closed, Berg Tools has informed the council of its plans, as usual."
            ),
            []
        );
        assert!(speakers("Officials for Lena Holm did not respond to requests.").is_empty());
        // Content after the verb, or a quotation in the sentence: statements.
        assert_eq!(
            speakers("Lena Holm declared that the harbour would reopen."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm declared the harbour should reopen in May."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm revealed what the harbour would cost."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm revealed on the forum: “The harbour reopens.”"),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("The harbour reopens in May, Lena Holm insisted Thursday."),
            ["Lena Holm"]
        );
        assert_eq!(speakers("“It reopens,” Lena Holm declared."), ["Lena Holm"]);
        assert_eq!(
            speakers("Lena Holm maintained that the harbour was safe."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm responded that the harbour reopens."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn assuring_reminding_and_informing_someone_of_a_clause_are_statements() {
        assert_eq!(
            statements("Lena Holm assured the fishermen that the harbour would reopen."),
            [(
                "Lena Holm".to_string(),
                "the harbour would reopen.".to_string()
            )]
        );
        assert_eq!(
            statements("Lena Holm reminded them the harbour was still closed."),
            [(
                "Lena Holm".to_string(),
                "the harbour was still closed.".to_string()
            )]
        );
        assert_eq!(
            statements("Berg Tools informed its staff that the plant will close."),
            [(
                "Berg Tools".to_string(),
                "the plant will close.".to_string()
            )]
        );
    }

    #[test]
    fn reported_content_stops_where_the_writer_takes_over() {
        let found = statements("Lena Holm said the harbour reopens in May, but that is too late.");
        assert_eq!(found[0].1, "the harbour reopens in May");
    }

    #[test]
    fn a_nickname_in_quotation_marks_is_no_ones_name() {
        let found = speakers(
            "Ada Lind lived in Paris.\n\nShe was given the nickname of “Canny Lind.”\n\n\
             “I laughed,” Lind said.",
        );
        assert_eq!(found, ["Ada Lind"]);
    }

    #[test]
    fn the_place_ending_a_titles_phrase_is_not_the_first_name() {
        let found = speakers(
            "Attorney for the District of Vermont Jo Levy said the case is open.\n\n\
             “We are not done,” Levy said.",
        );
        // The surname resolves to the name without the place.
        assert!(!found.is_empty(), "{found:?}");
        assert!(found.iter().all(|s| s == "Jo Levy"), "{found:?}");
    }

    #[test]
    fn the_listener_is_not_the_content() {
        let found = statements("Lena Holm told KTVB the harbour reopens in May.");
        assert_eq!(found[0].1, "the harbour reopens in May.");
        let found = statements("Lena Holm told reporters the harbour reopens in May.");
        assert_eq!(found[0].1, "the harbour reopens in May.");
    }

    #[test]
    fn a_degree_or_a_sentence_adverb_is_no_speaker() {
        let found = speakers("Ada Lind, MD, PhD, reports that she has no interests.");
        assert!(!found.iter().any(|s| s == "PhD" || s == "MD"), "{found:?}");
        assert!(speakers("Additionally, Berg Tools charges fees of two percent.").is_empty());
        assert_eq!(
            speakers("Ursula von der Leyen stated that the goal is near."),
            ["Ursula von der Leyen"]
        );
        assert_eq!(
            speakers("“It is sold,” said Laure des Marais, the museum’s head."),
            ["Laure des Marais"]
        );
    }

    #[test]
    fn the_writers_own_question_reports_no_statement() {
        assert!(speakers(
            "What did Lena Holm say when Ken Berg said the same thing at the same time?"
        )
        .is_empty());
        // A quoted question is speech.
        assert_eq!(
            speakers("“Why does the harbour close?” Lena Holm asked."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn a_title_or_scare_quote_is_not_the_speakers_words() {
        let found = statements(
            "But “Harbour Lights” actress Lena Holm said the prize should have gone to \
             the drama “Old Ferry.”",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("the prize should"), "{found:?}");
        let found = statements("“Harbour” director Lena Holm said the prize went to others.");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("the prize"), "{found:?}");
        // Speech after a comma or a cue stays a quotation.
        let found = statements("Lena Holm said, “Harbour Lights.”");
        assert_eq!(found[0].1, "Harbour Lights.");
    }

    #[test]
    fn forms_are_classified() {
        // The detector skips the words that do not start in lower case.
        assert!(CUES
            .keys()
            .all(|k| k.starts_with(|c: char| c.is_ascii_lowercase())));
        assert_eq!(cue_form("said"), Some(CueForm::Finite));
        assert_eq!(cue_form("adding"), Some(CueForm::Participle));
        assert_eq!(cue_form("say"), Some(CueForm::Base));
        assert_eq!(cue_form("notes"), Some(CueForm::Finite));
        assert_eq!(cue_form("talks"), None);
        assert_eq!(cue_form("Said"), None);
        // Every listed word passes the filter; most others do not.
        assert!(CUES.keys().all(|w| cue_word(w) == CUES[w]));
        assert_eq!(cue_word(""), CueWord::default());
        let others = [
            "the", "a", "of", "to", "and", "in", "that", "for", "it", "was",
        ];
        assert!(others.iter().filter(|w| passes_cue_filter(w)).count() <= 2);
        // Finding verbs share the table without becoming cues.
        assert!(is_finding_verb("found") && is_finding_verb("said"));
        assert!(!is_finding_verb("Found") && !is_finding_verb("told"));
        assert_eq!(cue_form("found"), None);
        assert_eq!(
            cue_word("shows"),
            CueWord {
                form: None,
                finding: true,
                talk: None
            }
        );
        assert_eq!(cue_word("spoke").talk, Some(CueForm::Finite));
        assert_eq!(cue_word("spoke").form, None);
        assert_eq!(cue_word("Spoke").talk, None);
    }

    #[test]
    fn branding_something_a_name_is_a_statement() {
        assert_eq!(
            speakers("Lena Holm branded the harbour plan a waste of money."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm labelled the ferry timetable “a joke”."),
            ["Lena Holm"]
        );
        // No complement: branding as marketing, not speech.
        assert!(speakers("Berg Tools branded its ferries in bright red.").is_empty());
    }

    #[test]
    fn putting_it_before_a_quotation_is_a_statement() {
        assert_eq!(
            statements("As Lena Holm, the harbour master, put it: “The ferries will not return.”"),
            [(
                "Lena Holm".to_string(),
                "The ferries will not return.".to_string()
            )]
        );
        assert_eq!(
            speakers("As Tom Berg put it, “the port is a ruin.”"),
            ["Tom Berg"]
        );
        // "put" with a thing and a place, or "put it" before a place: no speech.
        assert!(speakers("Tom Berg put it in the shed before the storm.").is_empty());
        assert!(speakers("Tom Berg put the harbour plan to a vote on Monday.").is_empty());
        assert!(speakers("The council wants to put it plainly: “No.”").is_empty());
        // Before a comma only after "as": "put it, with the keys, in a drawer" is an act.
        assert!(speakers("Jane Roe put it, along with the keys, in a drawer.").is_empty());
        assert_eq!(
            speakers("Jane Roe, a harbour pilot, once put it, “the sea decides.”"),
            ["Jane Roe"]
        );
        assert_eq!(
            speakers("“The port is a ruin,” as Tom Berg put it."),
            ["Tom Berg"]
        );
    }

    #[test]
    fn rejecting_a_claim_that_is_a_statement() {
        assert_eq!(
            statements("Lena Holm rejected the notion that the harbour was sold."),
            [("Lena Holm".to_string(), "the harbour was sold.".to_string())]
        );
        assert_eq!(
            speakers("Tom Berg flatly rejects claims that the ferry is unsafe."),
            ["Tom Berg"]
        );
        // Rejecting a bill or an offer is an act, not speech.
        assert!(
            speakers("The council rejected the bill, which would have closed the port.").is_empty()
        );
        assert!(speakers("Lena Holm rejected that offer on Monday.").is_empty());
        assert!(speakers("Tom Berg rejected a plan that would close the port.").is_empty());
    }

    #[test]
    fn a_relative_clause_after_the_object_is_not_what_was_said() {
        for body in [
            "Tom Berg denied the claims that Anna Lind made.",
            "Tom Berg rejected the charges that prosecutors filed in May.",
            "Tom Berg denied the allegations that the paper has published about him.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
        // A content clause after the noun, or a passive in it: statements.
        assert_eq!(
            statements("Tom Berg denied claims that Anna Lind lied."),
            [("Tom Berg".to_string(), "Anna Lind lied.".to_string())]
        );
        assert_eq!(
            speakers("Tom Berg denied the claim that Anna Lind made the call."),
            ["Tom Berg"]
        );
        assert_eq!(
            speakers("Lena Holm declared after the vote that the request was denied."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Lena Holm told reporters that the paper was published."),
            ["Lena Holm"]
        );
        // Only a claim has a relative clause about it: an object that is
        // no claim, or a time, leaves the clause reported speech.
        for body in [
            "Lena Holm told reporters that she had heard from dozens of residents.",
            "Acme Bank said Tuesday that it had filed for bankruptcy protection.",
        ] {
            assert_eq!(statements(body).len(), 1, "{body}");
        }
    }

    #[test]
    fn calling_after_an_indefinite_subject_names_a_thing() {
        for body in [
            "A newly formed super PAC called Future Harbour ran its first ads in May.",
            "The council was sued by one PAC called Stop Holm and another group.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
        assert_eq!(
            speakers("One Eastwick PAC called Lena Holm a liar."),
            ["Eastwick PAC"]
        );
        assert_eq!(speakers("Tom Berg called Lena Holm a liar."), ["Tom Berg"]);
        // A hyphenated or long modifier, a name that is not a person's.
        for body in [
            "An anti-Holm super PAC called Our Harbour is ramping up its ads.",
            "A small but very well funded group called Harbour First ran ads.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
    }

    #[test]
    fn calling_off_or_calling_with_nothing_said_is_no_statement() {
        for body in [
            "Eastwick Bank and Harbour Trust called off a merger on Monday.",
            "Then, last week, Lena Holm called.",
            "Lena Holm called up her old friends in the city.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
        assert_eq!(speakers("“Come back,” Lena Holm called."), ["Lena Holm"]);
        // A demand with its content or a rebuke made in public stays a
        // statement ("called for an inquiry" alone names the demand: see
        // `calling_for_a_thing_is_no_statement_calling_for_a_clause_is`).
        for body in [
            "Lena Holm called for an inquiry into the port to begin at once.",
            "Lena Holm called on the council to resign.",
            "Lena Holm called out the council for its silence.",
        ] {
            assert_eq!(speakers(body), ["Lena Holm"], "{body}");
        }
        assert_eq!(
            speakers("Lena Holm called the plan a waste of money."),
            ["Lena Holm"]
        );
    }

    #[test]
    fn a_plural_noun_after_a_name_is_no_cue() {
        // A preposition, a determiner, a number or a possessor before the
        // name: the name modifies the plural noun.
        for body in [
            "After the Eastwick attacks, Lena Holm left the city for good.",
            "Johnson also fares well in several Midwest states, with support in Idaho.",
            "The vote falls on March 1 Southeastern states – which lean to Berg – this year.",
            "The court ruled against Eastwick's North Sea claims, which the council ignores.",
            // A name after "the" with no speech after the noun.
            "The couple worried that the Eastwick attacks would harden attitudes.",
            // A relative clause: "that" with no subject after it.
            "Voters went to the polls in Ohio, Rust Belt states that have suffered a loss of jobs.",
            // A third-person form after an auxiliary is a noun.
            "Eastwick and Westwick have claims in the area, and tensions are rising.",
        ] {
            assert_eq!(statements(body), [], "{body}");
        }
        // Subjects with their verbs stay statements.
        assert_eq!(
            speakers("The Tax Foundation estimates that the plan would cost a billion."),
            ["Tax Foundation"]
        );
        assert_eq!(
            speakers("“It is closed,” the Eastwick Gazette notes."),
            ["Eastwick Gazette"]
        );
        assert_eq!(
            speakers("As Lena Holm notes, the harbour is closed."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("After Lena Holm attacks the plan as a waste, the council will vote."),
            ["Lena Holm"]
        );
        assert_eq!(
            speakers("Tom Berg claims the harbour is closed."),
            ["Tom Berg"]
        );
        // A name after a preposition with speech after the verb: the
        // preposition is inside the subject.
        assert_eq!(
            speakers("The report by the Eastwick Union claims institutions have cut pay."),
            ["Eastwick Union"]
        );
    }
}
