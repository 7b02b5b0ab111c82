//! Names: telling a person's name from the titles, roles and possessors
//! written around it, telling organizations from people, and resolving the
//! short forms of a name within one article.
//!
//! A name as written is a run of capitalized words ("U.S. President Donald
//! Trump’s Special Envoy Steve Witkoff"). The name proper is what follows
//! the last possessive and the leading titles ("Steve Witkoff"). Within an
//! article, a [`NameBook`] holds every full name (two words or more) with
//! the words written around it, so that a surname ("Witkoff") resolves to
//! the full name even when the full name comes later (a pull quote at the
//! top of an article), and spelling variants ("Yury"/"Yuri Ushakov") merge
//! into one person.

use super::given_names::gender_of_given_name;
use super::tokens::{is_capitalized, strip_possessive};
use crate::calendar::{DOTTED_MONTH_ABBREVIATIONS, MONTHS, WEEKDAYS};
use arrayvec::ArrayString;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::sync::LazyLock;

/// Lower-case words that are titles, ranks or roles in front of a name.
const TITLE_WORDS: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "premier",
    "special",
    "envoy",
    "secretary",
    "senator",
    "senators",
    "sen.",
    "sens.",
    "pres.",
    "rep.",
    "reps.",
    "representative",
    "congressman",
    "congresswoman",
    "gov.",
    "governor",
    "lt.",
    "gov",
    "mr.",
    "mrs.",
    "ms.",
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr.",
    "dr",
    "prof.",
    "prof",
    "professor",
    "hon.",
    "hon",
    "honourable",
    "honorable",
    "herr",
    "sir",
    "dame",
    "lord",
    "baroness",
    "frau",
    "gen.",
    "general",
    "lieutenant",
    "col.",
    "colonel",
    "maj.",
    "major",
    "sgt.",
    "sergeant",
    "capt.",
    "captain",
    "adm.",
    "admiral",
    "commander",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "press",
    "adviser",
    "advisor",
    "official",
    "leader",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "judge",
    "justice",
    "mayor",
    "ambassador",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "ceo",
    "founder",
    "executive",
    "deputy",
    "acting",
    "interim",
    "former",
    "top",
    "senior",
    "foreign",
    "defense",
    "defence",
    "national",
    "security",
    "presidential",
    "candidate",
    "nominee",
    "speaker",
    "majority",
    "minority",
    "whip",
    "attorney",
    "commissioner",
    "supervisor",
    "coroner",
    "detective",
    // Police ranks, full and short: "Supt. Dave Yu", "Const. Alex Li".
    "superintendent",
    "supt.",
    "inspector",
    "insp.",
    "constable",
    "const.",
    "corporal",
    "cpl.",
    "det.",
    "officer",
    "councilman",
    "councilwoman",
    "councillor",
    "councilor",
    "sheriff",
    "aide",
    "negotiator",
    "coordinator",
    "manager",
    "strategist",
    "analyst",
    "economist",
    "correspondent",
    "anchor",
    "host",
    "pastor",
    "rev.",
    "reverend",
    "bishop",
    "cardinal",
    "rabbi",
    "imam",
    "sheikh",
    "first",
    "lady",
    "state",
    "u.s.",
    "u.k.",
    "us",
    "uk",
    "eu",
    "un",
    "gop",
    "democratic",
    "republican",
    "democrat",
    "independent",
    "white",
    "house",
    "kremlin",
    "dnc",
    "rnc",
];

/// Members of Westminster-style parliaments and legislatures: "Labour MP",
/// "NDP MLA", "PC MPP", "Bloc MNA", a Newfoundland MHA, a Manx MHK. Titles
/// before a name ([`TITLE`]), and roles in the plural too ("MPs said").
pub const LEGISLATORS: &[&str] = &["mp", "mep", "msp", "mla", "mpp", "mna", "mha", "mhk"];

/// Nationality and party adjectives that stand before titles and names.
const DEMONYMS: &[&str] = &[
    // Party adjectives stand where nationalities do ("Tory leader Michael
    // Howard") and are never a speaker on their own.
    "tory",
    "tories",
    "republican",
    "democratic",
    "conservative",
    "liberal",
    "american",
    "russian",
    "ukrainian",
    "french",
    "british",
    "german",
    "chinese",
    "japanese",
    "israeli",
    "iranian",
    "iraqi",
    "syrian",
    "turkish",
    "polish",
    "italian",
    "spanish",
    "mexican",
    "canadian",
    "european",
    "palestinian",
    "saudi",
    "indian",
    "pakistani",
    "afghan",
    "egyptian",
    "korean",
    "australian",
    "dutch",
    "belgian",
    "swedish",
    "norwegian",
    "finnish",
    "danish",
    "irish",
    "scottish",
    "welsh",
    "english",
    "brazilian",
    "argentine",
    "nigerian",
    "kenyan",
    "kurdish",
    "lebanese",
    "jordanian",
    "qatari",
    "emirati",
    "hungarian",
    "romanian",
    "czech",
    "greek",
    "belarusian",
    "georgian",
    "armenian",
    "azerbaijani",
    "kazakh",
    "taiwanese",
    "vietnamese",
    "thai",
    "indonesian",
    "filipino",
    "venezuelan",
    "colombian",
    "cuban",
    "chilean",
    "peruvian",
    "south",
    "north",
    "western",
    "eastern",
];

/// Words that make a run of capitalized words an organization.
const ORG_WORDS: &[&str] = &[
    "watch",
    "house",
    "kremlin",
    "department",
    "ministry",
    "office",
    "committee",
    "council",
    "party",
    "campaign",
    "post",
    "times",
    "journal",
    "news",
    "agency",
    "service",
    "commission",
    "court",
    "administration",
    "government",
    "bank",
    "fund",
    "union",
    "institute",
    "university",
    "college",
    "association",
    "customs",
    "foundation",
    "company",
    "corporation",
    "corp.",
    "corp",
    "inc.",
    "inc",
    "group",
    "club",
    "network",
    "tribune",
    "herald",
    "gazette",
    "magazine",
    // Companies of the arts ("the Royal Ballet", "Welsh National Opera").
    "ballet",
    "opera",
    "orchestra",
    "philharmonic",
    "symphony",
    "theatre",
    "theater",
    "senate",
    "congress",
    "pentagon",
    "army",
    "navy",
    "police",
    "embassy",
    "center",
    "centre",
    "organization",
    "organisation",
    "coalition",
    "alliance",
    "board",
    "authority",
    "academy",
    "society",
    "federation",
    "league",
    "reuters",
    "cnn",
    "bbc",
    "nbc",
    "cbs",
    "abc",
    "msnbc",
    "politifact",
    "ministry",
    "parliament",
    "cabinet",
    "secretariat",
    "directorate",
    "staff",
    "forces",
    "nations",
    "states",
    // Events: "the Commonwealth Games" is no person a later "he" can
    // refer to.
    "games",
    "olympics",
    "championships",
    "cup",
    "tournament",
    "festival",
    // Bodies and assemblies ("the American Legion", "the Census Bureau",
    // "the Democratic National Convention", "the Black Caucus").
    "legion",
    "bureau",
    "convention",
    "assembly",
    "legislature",
    "caucus",
    "conference",
    "tribunal",
    "hospital",
    "museum",
    "laboratory",
    // Local governments: "Broward County says" is no person a later "he"
    // can refer to.
    "county",
    "city",
    "borough",
    "township",
    "province",
];

/// Kinds of business that end a company's name ("Acme Insurance", "Dalby
/// Motors"), and never a person's; with the legal forms, what makes a
/// name a company's ("the firm" can refer to it).
const BUSINESS_WORDS: &[&str] = &[
    "insurance",
    "airlines",
    "airways",
    "motors",
    "holdings",
    "industries",
    "technologies",
    "telecom",
    "pharmaceuticals",
    "hotels",
    "railways",
    "investments",
    "ltd",
    "ltd.",
    "llc",
    "plc",
];

/// Words that end only a company's name (beside the kinds of business).
const COMPANY_WORDS: &[&str] = &["company", "corporation", "corp.", "inc.", "group"];

/// Capitalized words that begin sentences or clauses and are never part of
/// a name.
const NOT_NAME_WORDS: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "of",
    "for",
    "to",
    "from",
    "by",
    "with",
    "and",
    "but",
    "or",
    "nor",
    "so",
    "yet",
    "it",
    "its",
    "this",
    "that",
    "these",
    "those",
    "we",
    "they",
    "i",
    "you",
    "he",
    "she",
    "his",
    "her",
    "him",
    "their",
    "our",
    "my",
    "your",
    "according",
    "neither",
    "either",
    "like",
    "unlike",
    "amid",
    "among",
    "against",
    "without",
    "about",
    "during",
    "under",
    "over",
    "between",
    "through",
    "toward",
    "towards",
    "into",
    "instead",
    "even",
    "just",
    "only",
    "both",
    "all",
    "every",
    "each",
    "many",
    "most",
    "some",
    "no",
    "not",
    "analysing",
    "analyzing",
    "while",
    "when",
    "where",
    "what",
    "why",
    "how",
    "who",
    "after",
    "before",
    "as",
    "if",
    "then",
    "there",
    "here",
    "now",
    "still",
    "also",
    "meanwhile",
    "however",
    "nevertheless",
    "nonetheless",
    // Degrees after a name ("Ada Lind, MD, PhD, reports …").
    "md",
    "phd",
    "msc",
    "mph",
    "mhs",
    "msce",
    "mba",
    "dphil",
    "thus",
    "hence",
    "therefore",
    "once",
    "afterwards",
    "afterward",
    "indeed",
    "finally",
    "eventually",
    "moreover",
    "furthermore",
    "besides",
    "otherwise",
    "again",
    "perhaps",
    "likewise",
    "consequently",
    "accordingly",
    "overall",
    "despite",
    "although",
    "though",
    "because",
    "since",
    "until",
    "unless",
    "asked",
    "speaking",
    "posting",
    "writing",
    "earlier",
    "later",
    "last",
    "next",
    "today",
    "yesterday",
    "tonight",
    "not",
    "no",
    "yes",
    "all",
    "some",
    "many",
    "most",
    "both",
    "each",
    "every",
    "other",
    "another",
    "one",
    "two",
    "three",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "will",
    "would",
    "can",
    "could",
    "should",
    "must",
    "has",
    "have",
    "had",
    "let",
    "read",
    "see",
    "watch",
    "click",
    "update",
    "updated",
    "breaking",
    "editor",
    "note",
    "photo",
    "video",
    "image",
    "advertisement",
    "related",
    "more",
];

/// Name suffixes that are not surnames.
const SUFFIXES: &[&str] = &["jr.", "sr.", "jr", "sr", "ii", "iii", "iv"];
/// The longest of [`SUFFIXES`], in bytes.
const MAX_SUFFIX_BYTES: usize = 4;

/// Whether `word` is ASCII without a capital: in lower case as it is.
fn is_ascii_lower_case(word: &str) -> bool {
    word.bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
}

/// `word` in lower case, borrowed when it is already (most words).
pub fn lowercase(word: &str) -> Cow<'_, str> {
    if is_ascii_lower_case(word) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Calls `f` with `word` in lower case, without allocating for short
/// ASCII words (most words), nor copying those already in lower case.
pub fn with_lower<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    if is_ascii_lower_case(word) {
        return f(word);
    }
    // A `str` on the stack: lower-casing it in place needs no UTF-8
    // check of the result, which `str::from_utf8` of a byte buffer did (most
    // words come here, several times each).
    match ArrayString::<32>::from(word) {
        Ok(mut short) if word.is_ascii() => {
            short.make_ascii_lowercase();
            f(&short)
        }
        _ => f(&word.to_lowercase()),
    }
}

fn lower(word: &str) -> String {
    word.to_lowercase()
}

/// Word lists are looked up for nearly every word of an article, so they
/// use a fast non-cryptographic hash.
fn set(words: &'static [&'static str]) -> HashSet<&'static str> {
    words.iter().copied().collect()
}

/// Nouns that end capitalized phrases in news text (portfolios, places,
/// programmes) but never a person's name.
const NOT_SURNAME_WORDS: &[&str] = &[
    "people",
    "work",
    "pensions",
    "families",
    "children",
    "news",
    "centre",
    "center",
    "affairs",
    "services",
    "trade",
    "health",
    "education",
    "security",
    "defence",
    "defense",
    "justice",
    "commerce",
    "energy",
    "environment",
    "transport",
    "culture",
    "media",
    "sport",
    "industry",
    "employment",
    "development",
    "protection",
    "website",
    "online",
    "radio",
    "television",
    "programme",
    "program",
    "magazine",
    "newspaper",
    "show",
    "act",
    "bill",
    "street",
    "road",
    "square",
    "airport",
    "station",
    "hospital",
    "university",
    "school",
    "college",
    "church",
    "week",
    "year",
    "debate",
    "debates",
    "election",
    "campaign",
];
static NOT_SURNAMES: LazyLock<HashSet<&str>> = LazyLock::new(|| set(NOT_SURNAME_WORDS));
static NOT_NAMES: LazyLock<HashSet<&str>> = LazyLock::new(|| {
    let mut words = set(NOT_NAME_WORDS);
    words.extend(WEEKDAYS);
    words.extend(MONTHS);
    words.extend(CUES_THAT_ARE_SURNAMES);
    // "Mar.", "Apr.", "Jun." and "Jul." were never among these words (not
    // measured either way); kept out so that names read as before.
    words.extend(
        DOTTED_MONTH_ABBREVIATIONS
            .into_iter()
            .filter(|a| !["mar.", "apr.", "jun.", "jul."].contains(a)),
    );
    words
});

/// Places of more than one word, lower case, that read like a person's
/// first name and surname ("New Hampshire", "Costa Rica"): states,
/// countries, large cities and regions.
const PLACES: &[&str] = &[
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "south carolina",
    "south dakota",
    "rhode island",
    "west virginia",
    "united states",
    "united kingdom",
    "united arab emirates",
    "saudi arabia",
    "south africa",
    "north korea",
    "south korea",
    "new zealand",
    "sri lanka",
    "hong kong",
    "costa rica",
    "puerto rico",
    "el salvador",
    "czech republic",
    "dominican republic",
    "ivory coast",
    "sierra leone",
    "burkina faso",
    "new york city",
    "los angeles",
    "san francisco",
    "san diego",
    "san antonio",
    "san jose",
    "las vegas",
    "new orleans",
    "salt lake city",
    "kansas city",
    "st. louis",
    "buenos aires",
    "mexico city",
    "tel aviv",
    "new delhi",
    "abu dhabi",
    "kuala lumpur",
    "middle east",
    "latin america",
    "south america",
    "north america",
    "central america",
    "west bank",
    "gaza strip",
];

static PLACE_NAMES: LazyLock<HashSet<&str>> = LazyLock::new(|| set(PLACES));
/// The most words of [`PLACES`].
const MAX_PLACE_WORDS: usize = 3;

/// Whether the words of a name are a place's ("New Hampshire"), which is
/// no person, whatever its words read like.
pub fn is_place(words: &[impl AsRef<str>]) -> bool {
    // A longer run is none: no need to join it.
    if words.len() > MAX_PLACE_WORDS {
        return false;
    }
    let mut joined = String::new();
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            joined.push(' ');
        }
        with_lower(w.as_ref(), |l| joined.push_str(l));
    }
    PLACE_NAMES.contains(joined.as_str())
}

/// A lower-case noun for what a person is, not a role or title of the
/// lists: an occupation or a situation ("pensioner", "resident",
/// "teacher", "meteorologist"). Written capitalized before a full name at
/// the start of a sentence, it is no part of the name.
fn is_descriptive_noun(lower_word: &str) -> bool {
    (lower_word.len() > 5 && lower_word.ends_with("ist"))
        || matches!(
            lower_word,
            "pensioner"
                | "retiree"
                | "resident"
                | "student"
                | "teacher"
                | "nurse"
                | "farmer"
                | "volunteer"
                | "shopkeeper"
                | "homeowner"
                | "grandmother"
                | "grandfather"
                | "survivor"
                | "witness"
                | "voter"
                | "lawyer"
                | "researcher"
                | "campaigner"
                | "activist"
                | "commuter"
                | "driver"
                | "paramedic"
                | "fisherman"
                | "firefighter"
                | "owner"
        )
}

pub fn is_title_word(lower_word: &str) -> bool {
    is_any(lower_word, TITLE)
}

pub fn is_demonym(lower_word: &str) -> bool {
    is_any(lower_word, DEMONYM)
}

/// A word of [`ORGANIZATION_ENDINGS`]: a title before a name, an
/// organization's name when it ends it ("Acme Security").
pub fn is_organization_ending(lower_word: &str) -> bool {
    ORGANIZATION_ENDINGS.contains(&lower_word)
}

/// A word of [`ORG_WORDS`] or [`BUSINESS_WORDS`].
pub fn is_org_word(lower_word: &str) -> bool {
    is_any(lower_word, ORG)
}

/// Whether an organization's name is a company's: it ends in a kind of
/// business or a company word ("France Telecom", "Acme Group", "Dalby
/// Motors plc").
pub fn is_company_name(name: &str) -> bool {
    name.rsplit(' ').next().is_some_and(|last| {
        with_lower(strip_possessive(last).0, |l| {
            BUSINESS_WORDS.contains(&l) || COMPANY_WORDS.contains(&l)
        })
    })
}

/// Modal verbs that are also surnames ("George Will"); months are too
/// ("Theresa May", "Rob June").
const MODALS_THAT_ARE_SURNAMES: &[&str] = &["will", "can", "may", "might", "must"];

/// Verbs of saying that open a sentence before the speaker's name ("Said
/// Jo Roe: “…”", "Says Roe, …") and are also surnames ("Edward Said"):
/// read as months and modals are ([`can_be_in_name_after`]).
const CUES_THAT_ARE_SURNAMES: &[&str] = &["said", "says", "say"];

/// Words kept out of names as the links of pages ("Read more", "Read:")
/// that are surnames too ("Mike Read", "Herbert Read"): read as months and
/// modals are ([`can_be_in_name_after`]), so "Read said" names the Read
/// the article named in full.
const LINK_WORDS_THAT_ARE_SURNAMES: &[&str] = &["read"];

/// Words kept out of names as the boilerplate of pages ("Watch: …") that
/// end organizations' names after another name word ("Judicial Watch",
/// "Human Rights Watch"): read as months and modals are
/// ([`can_be_in_name_after`]); each is an organization word too
/// ([`ORG_WORDS`]).
const ORG_ENDS_TOO: &[&str] = &["watch"];

/// Whether a word kept out of names ([`can_be_in_name`]) is a surname as
/// often as anything: a month or a modal verb ("Theresa May", "George
/// Will"). Such a word is a name only in context ([`can_be_in_name_after`]).
pub fn is_surname_too(word: &str) -> bool {
    is_capitalized(word) && with_lower(strip_possessive(word).0, |l| is_any(l, SURNAME_TOO))
}

/// Whether a capitalized word can be part of a name when `previous` is
/// the word written right before it: as [`can_be_in_name`], and a month or
/// modal ([`is_surname_too`]) after a given name or an honorific ("Theresa
/// May", "Mrs May", "George Will"). After a function word ("In May", "On
/// Sunday May") it stays a month.
pub fn can_be_in_name_after(previous: Option<&str>, word: &str) -> bool {
    can_be_in_name(word)
        || (is_surname_too(word)
            && previous
                .is_some_and(|p| is_capitalized(p) && can_be_in_name(p) && !strip_possessive(p).1))
}

/// Whether `word` puts a date after it ("on Sunday", "in May", "since
/// June"): a weekday or a month there is not a name.
pub fn is_date_preposition(word: &str) -> bool {
    with_lower(word, |l| {
        matches!(
            l,
            "on" | "in"
                | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "through"
                | "during"
                | "last"
                | "next"
                | "this"
                | "every"
                | "early"
                | "late"
                | "mid"
        )
    })
}

/// The words that end a newspaper's name after a weekday ("the Sunday
/// Times", "Sunday Telegraph", "Sunday Mirror").
const NEWSPAPER_HEADS: &[&str] = &[
    "times",
    "telegraph",
    "mirror",
    "express",
    "herald",
    "post",
    "mail",
    "observer",
    "people",
    "star",
    "tribune",
    "independent",
    "sport",
    "world",
    "sun",
];

/// Whether a capitalized weekday and the capitalized word after it open
/// a newspaper's name ("Sunday Times"), where a weekday is otherwise no
/// part of a name ("Trump on Sunday said").
pub fn opens_a_newspaper_name(weekday: &str, next: &str) -> bool {
    is_capitalized(weekday)
        && is_capitalized(next)
        && with_lower(weekday, |l| WEEKDAYS.contains(&l))
        && with_lower(strip_possessive(next).0, |l| NEWSPAPER_HEADS.contains(&l))
}

/// Whether a capitalized word can be part of a name.
pub fn can_be_in_name(word: &str) -> bool {
    // Most words hold no apostrophe: a byte scan (`'`, or the last byte of
    // `’`) spares them the search by characters.
    let may_hold_apostrophe = word.bytes().any(|b| b == b'\'' || b == 0x99);
    with_lower(word, |lower| {
        can_be_in_name_lowered(word, lower, may_hold_apostrophe)
    })
}

/// [`can_be_in_name`] of `word` given in lower case too, and whether it
/// may hold an apostrophe (`false` only when it holds none): what a
/// passage knows of its tokens ([`super::speakers::Passage::can_be_in_name`]).
pub fn can_be_in_name_lowered(word: &str, lower: &str, may_hold_apostrophe: bool) -> bool {
    // "I've", "I’m": the pronoun; "We're", "That's": a contracted
    // pronoun or determiner.
    if word
        .strip_prefix('I')
        .is_some_and(|rest| rest.starts_with(['\'', '’']))
    {
        return false;
    }
    let split = may_hold_apostrophe
        .then(|| word.split_once(['\'', '’']))
        .flatten();
    if let Some((head, tail)) = split {
        if matches!(tail, "re" | "ve" | "ll" | "d" | "m" | "s")
            && with_lower(head, |h| NOT_NAMES.contains(h))
        {
            return false;
        }
    }
    !NOT_NAMES.contains(lower)
}

/// Heads of the compound adjectives news writing makes from a name
/// ("White House-era documents", "Texas-based strategist Jo Roe", "a
/// Kremlin-backed group"): the word describes what follows it and names
/// nobody.
const COMPOUND_ADJECTIVE_HEADS: &[&str] = &[
    "era",
    "style",
    "based",
    "led",
    "backed",
    "born",
    "linked",
    "funded",
    "owned",
    "run",
    "friendly",
    "like",
    "related",
    "affiliated",
    "aligned",
    "allied",
    "controlled",
    "dominated",
    "held",
    "sponsored",
    "supported",
    "inspired",
    "appointed",
    "leaning",
    "bound",
    "focused",
    "wide",
];

/// Whether lower-case `word` is a compound adjective made from a name:
/// a hyphen, then one of [`COMPOUND_ADJECTIVE_HEADS`].
fn is_compound_adjective(lower: &str) -> bool {
    memchr::memrchr(b'-', lower.as_bytes())
        .is_some_and(|at| COMPOUND_ADJECTIVE_HEADS.contains(&&lower[at + 1..]))
}

/// Whether `word` is a lower-case particle inside names ("Charles de
/// Gaulle"). A `match`, not a list searched entry by entry: it is asked of
/// most words of an article.
pub fn is_particle(word: &str) -> bool {
    matches!(
        word,
        "de" | "da"
            | "di"
            | "del"
            | "della"
            | "der"
            | "den"
            | "van"
            | "von"
            | "bin"
            | "ibn"
            | "al"
            | "el"
            | "la"
            | "le"
            | "du"
            | "dos"
            | "das"
            | "des"
    )
}

/// Whether a name as written opens with its surname's particles: in lower
/// case ("de Blasio"), or capitalized at the start of a sentence when a
/// lower-case particle follows ("Van der Maaten"). A capitalized particle
/// alone is a first name ("Van Jones", "Al Gore").
fn starts_with_particle<S: AsRef<str>>(name: &[S]) -> bool {
    match name {
        [first, second, _, ..] if with_lower(first.as_ref(), is_particle) => {
            is_particle(first.as_ref()) || is_particle(second.as_ref())
        }
        [first, _] => is_particle(first.as_ref()),
        _ => false,
    }
}

/// Gender a title or role word implies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    Male,
    Female,
}

fn gender_of_word(lower_word: &str) -> Option<Gender> {
    match lower_word {
        "mr." | "mr" | "congressman" | "spokesman" | "chairman" | "king" | "prince"
        | "businessman" | "father" | "husband" | "son" | "brother" => Some(Gender::Male),
        "mrs." | "mrs" | "ms." | "ms" | "miss" | "congresswoman" | "spokeswoman" | "chairwoman"
        | "queen" | "princess" | "businesswoman" | "lady" | "mother" | "wife" | "daughter"
        | "sister" => Some(Gender::Female),
        _ => None,
    }
}

/// What a run of capitalized words names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NameKind {
    /// A person: the words of the name without titles.
    Person(Vec<String>),
    /// An organization or place speaking as one ("Kremlin", "New York Post").
    Organization(String),
}

/// A name as written, taken apart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedName {
    pub kind: NameKind,
    /// The lower-case title and role words written in front of it.
    pub titles: Vec<String>,
}

/// Runs of words [`Parses`] keeps taken apart, at most (then it starts
/// over): an article of ordinary length writes far fewer.
pub const MAX_PARSES: usize = 4096;

/// [`parse`] with what it found kept, by the words: an article writes the
/// same names again and again, and the second reading takes apart the
/// runs the first one did.
#[derive(Debug, Default)]
pub struct Parses {
    /// The words, each followed by a NUL, and what they parse to.
    found: HashMap<String, Option<ParsedName>>,
    key: String,
    /// What words holding a NUL parse to, which no key can tell apart.
    unkept: Option<ParsedName>,
}

impl Parses {
    /// [`parse`] of `words`.
    pub fn parse(&mut self, words: &[&str]) -> Option<&ParsedName> {
        self.key.clear();
        for w in words {
            self.key.push_str(w);
            self.key.push('\0');
        }
        // A NUL inside a word: counted over the whole key, not searched
        // word by word.
        if self.key.bytes().filter(|&b| b == 0).count() != words.len() {
            self.unkept = parse(words);
            return self.unkept.as_ref();
        }
        if !self.found.contains_key(&self.key) {
            if self.found.len() >= MAX_PARSES {
                self.found.clear();
            }
            self.found.insert(self.key.clone(), parse(words));
        }
        self.found[&self.key].as_ref()
    }
}

/// Takes a run of capitalized words apart: `None` when nothing name-like
/// is left (only titles, or a possessor: "Trump’s").
pub fn parse(words: &[&str]) -> Option<ParsedName> {
    let skip = words
        .iter()
        .take_while(|w| w.eq_ignore_ascii_case("the"))
        .count();
    let words = &words[skip..];
    let (last, _) = words.split_last()?;
    // Only what follows the last possessive is the name: "Russia’s Special
    // Envoy Kirill Dmitriev". A possessive at the end is a possessor.
    if strip_possessive(last).1 {
        return None;
    }
    // "Growers’ Union": a plural possessive before an organization word
    // is part of the organization's name, not its possessor.
    let organization_head = with_lower(strip_possessive(last).0, is_org_word);
    let after_possessive = words[..words.len() - 1]
        .iter()
        .rposition(|w| {
            strip_possessive(w).1
                && !(organization_head && (w.ends_with("s’") || w.ends_with("s'")))
        })
        .map_or(0, |i| i + 1);
    let mut titles: Vec<String> = words[..after_possessive]
        .iter()
        .map(|w| lower(strip_possessive(w).0))
        .collect();
    let words = &words[after_possessive..];
    // Only what follows the last compound adjective is a name: "Texas-based
    // Jo Roe" is Jo Roe, "White House-era" names nobody.
    let after_adjective = words
        .iter()
        .rposition(|w| w.contains('-') && with_lower(w, is_compound_adjective))
        .map_or(0, |i| i + 1);
    let words = &words[after_adjective..];
    words.last()?;
    // "The Sunday Times", "Sunday Telegraph": a newspaper's name that a
    // weekday opens.
    if let [weekday, next, ..] = words {
        if opens_a_newspaper_name(weekday, next) {
            return Some(ParsedName {
                kind: NameKind::Organization(words.join(" ")),
                titles,
            });
        }
    }
    // "Mail on Sunday", "Ledger on Sunday": a paper's name that a weekday
    // ends; a person's name never holds "on".
    if let [_, .., on, weekday] = words {
        if *on == "on" && is_capitalized(weekday) && with_lower(weekday, |l| WEEKDAYS.contains(&l))
        {
            return Some(ParsedName {
                kind: NameKind::Organization(words.join(" ")),
                titles,
            });
        }
    }
    // "New Hampshire", "South Korea": a place, speaking as one if it
    // speaks.
    if words.len() > 1 && is_place(words) {
        return Some(ParsedName {
            kind: NameKind::Organization(words.join(" ")),
            titles,
        });
    }
    // "Acme Security", "US Treasury": a word that is a title or a
    // portfolio in front of a name ends an organization's name.
    if words.len() > 1 && with_lower(last, |l| ORGANIZATION_ENDINGS.contains(&l)) {
        return Some(ParsedName {
            kind: NameKind::Organization(words.join(" ")),
            titles,
        });
    }
    let classes: Vec<u8> = words.iter().map(|w| classify(w)).collect();
    // "Cambridge Police Commissioner Ada Lind": an organization's role and
    // its holder, who is the name.
    if let Some(t) = classes.iter().rposition(|c| c & TITLE != 0) {
        let holder = &words[t + 1..];
        // A month or modal after a given name is a surname ("Party
        // Leader Ada May").
        let plain = |k: usize| {
            let previous = k.checked_sub(1).map(|p| holder[p]);
            can_be_in_name_after(previous, holder[k]) && classify(holder[k]) == 0
        };
        if classes[..t].iter().any(|c| c & ORG != 0)
            && holder.len() >= 2
            && (0..holder.len()).all(plain)
        {
            titles.extend(words[..=t].iter().map(|w| lower(w)));
            return Some(ParsedName {
                kind: NameKind::Person(holder.iter().map(|w| w.to_string()).collect()),
                titles,
            });
        }
    }
    let has_speaker = classes.iter().any(|c| c & SPEAKER != 0);
    if classes
        .iter()
        .any(|c| c & ORG != 0 && !(c & HOUSE != 0 && has_speaker))
    {
        return Some(ParsedName {
            kind: NameKind::Organization(words.join(" ")),
            titles,
        });
    }
    // Leading titles and nationalities. An honorific ends them: the word
    // after it is the name even when it is also a title ("Ms. White",
    // "Mr. King", "Dr. Major").
    let mut first = classes
        .iter()
        .take_while(|c| *c & (TITLE | DEMONYM) != 0)
        .count();
    if let Some(h) = words[..first].iter().position(|w| is_honorific(w)) {
        if h + 1 < words.len() {
            first = h + 1;
        }
    }
    // "Billionaire Mark Roe", "Actress Ana Ruiz": a person's role
    // capitalized at the start of a sentence, before a full name; so is a
    // word saying what someone is before a full name that opens with a
    // given name ("Pensioner Margaret Hill").
    while words.len() >= first + 3
        && with_lower(words[first], |l| {
            is_any(l, ROLE)
                || (is_descriptive_noun(l)
                    && super::given_names::is_given_name(&word_key(words[first + 1])))
        })
    {
        first += 1;
    }
    // A title inside the run ("Ohio Gov. John Kasich") when a full name
    // follows it.
    if let Some(i) = classes[first..].iter().rposition(|c| c & TITLE != 0) {
        let i = first + i;
        // An honorific is always followed by the name ("Analysing Mr
        // Brown" is Brown); other titles only when a full name follows.
        let honorific = is_honorific(words[i]) || is_abbreviated_title(words[i]);
        if words.len() - (i + 1) >= 2 || (honorific && words.len() > i + 1) {
            first = i + 1;
        }
    }
    titles.extend(words[..first].iter().map(|w| lower(w)));
    // "Children, Young People and Families Margaret Hodge": the end of a
    // portfolio before the name.
    // A lower-case particle after the word makes it a first name ("Bill de
    // Blasio").
    while words.len() > first + 2
        && with_lower(words[first], |l| NOT_SURNAMES.contains(l))
        && !is_particle(words[first + 1])
    {
        first += 1;
    }
    let name = &words[first..];
    let in_name = |k: usize| can_be_in_name_after(k.checked_sub(1).map(|p| words[p]), words[k]);
    if name.is_empty() || !(first..words.len()).all(in_name) {
        return None;
    }
    let name: Vec<String> = name
        .iter()
        .map(|w| w.trim_end_matches(',').to_string())
        .filter(|w| !w.is_empty())
        .collect();
    // A generational suffix is not the surname ("Joseph R. Biden Jr.").
    let mut name = name;
    while name.len() > 2
        && with_lower(&name[name.len() - 1], |l| {
            matches!(l.trim_end_matches('.'), "jr" | "sr" | "ii" | "iii" | "iv")
        })
    {
        name.pop();
    }
    // "Young People", "Work and Pensions": a common noun does not end a
    // person's name.
    if name.is_empty() || with_lower(&name[name.len() - 1], |l| NOT_SURNAMES.contains(l)) {
        return None;
    }
    Some(ParsedName {
        kind: NameKind::Person(name),
        titles,
    })
}

/// Words that are titles or portfolios before a name ("National Security
/// Adviser", "Treasury Secretary", "Energy Minister", "Press Secretary")
/// but, last in a run of capitalized words, end an organization's name
/// ("Acme Security", "US Treasury", "The Canadian Press"), never a
/// person's.
const ORGANIZATION_ENDINGS: &[&str] = &["security", "treasury", "energy", "media", "press"];

/// "Mr", "Mrs", "Ms", "Miss", "Dr", "Prof", "Hon", "Herr", "Frau", and the
/// British styles "Sir", "Dame", "Lord", "Lady", "Baroness": always followed by a
/// name, and no part of it ("Baron" is also a surname).
fn is_honorific(word: &str) -> bool {
    with_lower(word, |l| {
        matches!(
            l.trim_end_matches('.'),
            "mr" | "mrs"
                | "ms"
                | "miss"
                | "dr"
                | "prof"
                | "hon"
                | "herr"
                | "frau"
                | "sir"
                | "dame"
                | "lord"
                | "lady"
                | "baroness"
        )
    })
}

/// Whether `title` is "Sir" or "Dame" (any case), which go with the given
/// name: "Sir Digby" is the knight the article named in full.
pub fn is_knightly_title(title: &str) -> bool {
    title.eq_ignore_ascii_case("sir") || title.eq_ignore_ascii_case("dame")
}

/// A title written short with one full stop ("Gov.", "Sen.", "Pres."):
/// never a name or part of one, so the word after it is the name ("Ohio
/// Gov. Kasich" is Kasich). Not "U.S.", a place.
fn is_abbreviated_title(word: &str) -> bool {
    word.strip_suffix('.').is_some_and(|stem| {
        stem.len() >= 2
            && stem.chars().all(|c| c.is_alphabetic())
            && with_lower(word, is_title_word)
    })
}

/// The [`TITLE`], [`DEMONYM`], [`ORG`], [`ROLE`] and [`SURNAME_TOO`] bits
/// of every word of those lists ([`is_title_word`], [`is_demonym`],
/// [`is_org_word`], [`super::speakers::is_person_role`], [`is_surname_too`]):
/// the one table behind them all, so that [`classify`] (asked of every
/// word of a name run) and [`is_any`] ask several lists in one lookup.
static CLASSES: LazyLock<HashMap<&str, u8>> = LazyLock::new(|| {
    let mut classes: HashMap<&str, u8> = HashMap::default();
    for (words, class) in [
        (TITLE_WORDS, TITLE),
        (LEGISLATORS, TITLE),
        (DEMONYMS, DEMONYM),
        (ORG_WORDS, ORG),
        (BUSINESS_WORDS, ORG),
        (super::speakers::PERSON_ROLES, ROLE),
        (&MONTHS, SURNAME_TOO),
        (MODALS_THAT_ARE_SURNAMES, SURNAME_TOO),
        (ORG_ENDS_TOO, SURNAME_TOO),
        (CUES_THAT_ARE_SURNAMES, SURNAME_TOO),
        (LINK_WORDS_THAT_ARE_SURNAMES, SURNAME_TOO),
    ] {
        for word in words {
            *classes.entry(word).or_default() |= class;
        }
    }
    classes
});
pub const TITLE: u8 = 1;
pub const DEMONYM: u8 = 2;
pub const ORG: u8 = 4;
/// "House" is an organization word, but in "House Speaker" it is a title.
const HOUSE: u8 = 8;
const SPEAKER: u8 = 16;
pub const ROLE: u8 = 32;
/// A month or modal verb that is also a surname ([`is_surname_too`]).
const SURNAME_TOO: u8 = 64;

/// Whether lower-case `word` is in one of the lists of `classes` (bits
/// [`TITLE`], [`DEMONYM`], [`ORG`], [`ROLE`]): one lookup, where asking
/// each list takes one each.
pub fn is_any(lower_word: &str, classes: u8) -> bool {
    CLASSES.get(lower_word).is_some_and(|&c| c & classes != 0)
}

/// The word lists a word belongs to.
fn classify(word: &str) -> u8 {
    with_lower(word, |l| {
        let mut c = CLASSES.get(l).map_or(0, |&c| c & (TITLE | DEMONYM | ORG));
        if l == "house" {
            c |= HOUSE;
        }
        if l == "speaker" {
            c |= SPEAKER;
        }
        c
    })
}

/// Folds a word for comparison: lower case, accents and apostrophes off.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        for l in c.to_lowercase() {
            out.push(match l {
                'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
                'ç' | 'ć' | 'č' => 'c',
                'ď' | 'đ' => 'd',
                'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
                'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
                'ł' | 'ľ' | 'ĺ' => 'l',
                'ñ' | 'ń' | 'ň' => 'n',
                'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
                'ř' | 'ŕ' => 'r',
                'ś' | 'š' | 'ş' | 'ș' => 's',
                'ť' | 'ţ' | 'ț' => 't',
                'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
                'ý' | 'ÿ' => 'y',
                'ź' | 'ż' | 'ž' => 'z',
                '’' | '\'' | '.' => continue,
                other => other,
            });
        }
    }
    out
}

/// The key of a whole name: the spelling key of each folded word.
pub fn name_key(words: &[impl AsRef<str>]) -> String {
    let mut key = String::new();
    for w in words {
        if !key.is_empty() {
            key.push(' ');
        }
        key.push_str(&word_key(w.as_ref()));
    }
    key
}

/// The spelling key of a name's surname.
pub fn surname_key<S: AsRef<str>>(words: &[S]) -> String {
    word_key(surname(words))
}

/// The surname of a name: its last word that is not a suffix ("Jr.").
pub fn surname<S: AsRef<str>>(words: &[S]) -> &str {
    words
        .iter()
        .rev()
        .map(AsRef::as_ref)
        // No word longer than a suffix lowers to one (a quick test: most
        // surnames are longer).
        .find(|w| w.len() > MAX_SUFFIX_BYTES || !with_lower(w, |l| SUFFIXES.contains(&l)))
        .or_else(|| words.last().map(AsRef::as_ref))
        .unwrap_or("")
}

/// How many context words a person keeps: the first mentions say who
/// they are.
const MAX_CONTEXT: usize = 32;

/// One person an article names in full.
#[derive(Debug, Clone)]
pub struct Person {
    /// The forms of the full name written, with how often each was written.
    pub forms: Vec<(String, usize)>,
    /// Shorter forms the article used for them ("Witkoff").
    pub short_forms: Vec<String>,
    pub first_key: String,
    pub surname_key: String,
    /// Lower-case title, role and nationality words written around the
    /// name, for resolving "the Ukrainian leader".
    pub context: Vec<String>,
    pub gender: Option<Gender>,
    /// The gender the given name says ([`gender_of_given_name`]): used
    /// only when the article says none ([`NameBook::gender_for_pronouns`]).
    pub given_name_gender: Option<Gender>,
}

impl Person {
    /// Whether the article names them with "Sir" or "Dame".
    pub fn is_knighted(&self) -> bool {
        self.context.iter().any(|c| is_knightly_title(c))
    }

    /// The canonical form: the most written full form, the first on ties.
    pub fn name(&self) -> &str {
        let mut best = &self.forms[0];
        for f in &self.forms[1..] {
            if f.1 > best.1 {
                best = f;
            }
        }
        &best.0
    }
}

/// The most people a [`NameBook`] holds: far more than any article names
/// (a long news article names a few hundred), so that an article of
/// millions of distinct capitalised words cannot grow the book without
/// bound. Names past it are not learned (they stay unresolved surnames).
pub const MAX_PEOPLE: usize = 4096;
/// The most distinct organizations an article's attribution remembers.
pub const MAX_ORGANIZATIONS: usize = 4096;
/// The most proper nouns, and the most single names given as a person's,
/// a [`NameBook`] notes; words past it are not noted.
pub const MAX_NOTED_WORDS: usize = 65_536;

/// The people an article names in full, and their short forms. Bounded by
/// [`MAX_PEOPLE`] and [`MAX_NOTED_WORDS`], whatever the article's length.
#[derive(Debug, Default)]
pub struct NameBook {
    pub people: Vec<Person>,
    /// Surname key → people with that surname.
    by_surname: HashMap<String, Vec<usize>>,
    /// Folded words written capitalized inside a sentence: proper nouns.
    proper: HashSet<String>,
    /// Keys of single names the article gives as a person's: after an
    /// honorific, a title or a role ("Mr. Lind", "Judge Lind"), before
    /// ", who", or alone with one pronoun in several sentences. Of the
    /// names the book does not hold in full, only these may be what "he"
    /// or "she" refers to.
    titled: HashSet<String>,
    /// Surname key → the gender its honorifics give ("Ms Rellie",
    /// "Mr. Lind"), `None` when two disagree ("Mr. Clinton" and "Mrs.
    /// Clinton": two people).
    honorific_genders: HashMap<String, Option<Gender>>,
    /// Given-name key → the person the article names by it alone: a
    /// relative whose surname is someone else's ("his mother, Ada,"), a
    /// performer known by it ("the singer, full name Ada Lind").
    given_alone: HashMap<String, usize>,
    /// The relatives among them: the surname alone is not theirs.
    relatives: HashSet<usize>,
}

impl NameBook {
    /// Records a full name (two words or more) written with `context`
    /// words around it; returns the person's index.
    pub fn learn(&mut self, name: &[String], context: &[String]) -> Option<usize> {
        if name.len() < 2 {
            return None;
        }
        // "Van der Maaten", "De Blasio" at the start of a sentence is the
        // surname with its particles of a full name, not a first name "Van"
        // or "De" (but "Van Jones" is a full name).
        if let Some(id) = self.with_particles(name, |_| 0) {
            self.add_context(id, context);
            return Some(id);
        }
        if starts_with_particle(name) {
            return None;
        }
        let first_key = word_key(&name[0]);
        let surname_key = word_key(surname(name));
        let written = name.join(" ");
        let existing = self.by_surname.get(&surname_key).and_then(|ids| {
            ids.iter()
                .copied()
                .find(|&i| self.people[i].first_key == first_key)
        });
        let id = match existing {
            Some(i) => {
                let p = &mut self.people[i];
                match p.forms.iter_mut().find(|f| f.0 == written) {
                    Some(f) => f.1 += 1,
                    None => p.forms.push((written, 1)),
                }
                i
            }
            None if self.people.len() >= MAX_PEOPLE => return None,
            None => {
                let given_name_gender = gender_of_given_name(&first_key);
                self.people.push(Person {
                    forms: vec![(written, 1)],
                    short_forms: Vec::new(),
                    first_key,
                    surname_key: surname_key.clone(),
                    context: Vec::new(),
                    gender: None,
                    given_name_gender,
                });
                let i = self.people.len() - 1;
                self.by_surname.entry(surname_key).or_default().push(i);
                i
            }
        };
        self.add_context(id, context);
        Some(id)
    }

    fn add_context(&mut self, id: usize, context: &[String]) {
        let p = &mut self.people[id];
        for c in context {
            if p.gender.is_none() {
                p.gender = gender_of_word(c);
            }
            if p.context.len() < MAX_CONTEXT && !p.context.contains(c) {
                p.context.push(c.clone());
            }
        }
    }

    /// The person whose full name ends with `name` when `name` opens with
    /// a particle in any case ("Van der Maaten", "de Blasio", "De Blasio"
    /// for "Bill de Blasio"); the most recent one by `recency`.
    fn with_particles<S: AsRef<str>>(
        &self,
        name: &[S],
        recency: impl Fn(usize) -> u64,
    ) -> Option<usize> {
        if name.len() < 2 || !with_lower(name[0].as_ref(), is_particle) {
            return None;
        }
        let ids = self.by_surname.get(&word_key(surname(name)))?;
        let written = name_key(name);
        ids.iter()
            .copied()
            .filter(|&i| {
                self.people[i].forms.iter().any(|(form, _)| {
                    let words: Vec<&str> = form.split(' ').collect();
                    words.len() > name.len()
                        && name_key(&words[words.len() - name.len()..]) == written
                })
            })
            .max_by_key(|&i| (recency(i), u64::MAX - i as u64))
    }

    /// "His mother, Ada, said" after "Jo Lind": a relative named by a
    /// given name alone, who takes the possessor's `surname`; "Ada" finds
    /// "Ada Lind" afterwards ([`Self::find`]).
    pub fn learn_relative(
        &mut self,
        given: &str,
        surname: &str,
        context: &[String],
    ) -> Option<usize> {
        let name = [given.to_string(), surname.to_string()];
        let id = self.learn(&name, context)?;
        self.relatives.insert(id);
        self.note_given_alone(id, given);
        Some(id)
    }

    /// "The singer, full name Ada Lind": the article names person `id`
    /// by the given name `given` alone ([`Self::find`]).
    pub fn note_given_alone(&mut self, id: usize, given: &str) {
        self.given_alone.entry(word_key(given)).or_insert(id);
    }

    /// The person a name as written refers to: the same full name, or for a
    /// single word the person with that surname (the most recently
    /// mentioned one, by `recency`, when several share it), else the
    /// relative the article named by that given name alone.
    pub fn find<S: AsRef<str>>(&self, name: &[S], recency: impl Fn(usize) -> u64) -> Option<usize> {
        // "Van der Maaten", "de Blasio": the surname with its particles
        // links to the full name that ends with it.
        if let Some(id) = self.with_particles(name, &recency) {
            return Some(id);
        }
        if starts_with_particle(name) {
            return None;
        }
        let last = word_key(surname(name));
        let Some(ids) = self.by_surname.get(&last) else {
            return (name.len() == 1)
                .then(|| self.given_alone.get(&last).copied())
                .flatten();
        };
        if name.len() >= 2 {
            let first = word_key(name[0].as_ref());
            return ids
                .iter()
                .copied()
                .find(|&i| self.people[i].first_key == first);
        }
        // "Barden says" is Mark Barden, not "his son, Daniel," whom the
        // article named by his given name alone.
        ids.iter()
            .copied()
            .filter(|&i| !self.relatives.contains(&i) || ids.len() == 1)
            .max_by_key(|&i| (recency(i), u64::MAX - i as u64))
    }

    /// The one person whose full name opens with the given name `given`
    /// ("Ada said" after "Ada Lind"): a speaker named by a given name
    /// alone, when the word is a known given name ([`gender_of_given_name`]),
    /// no one's surname, and never written as one (after an honorific: "Ms
    /// Ada"). None when two people share it, and
    /// none in a family the article names by given names to tell its
    /// members apart ("Ada Lind" and "Bo Lind"): there "Ada" must not make
    /// her the "Lind" who speaks next.
    pub fn only_one_named_first(&self, given: &str) -> Option<usize> {
        let key = word_key(given);
        let key = key.as_str();
        if self.by_surname.contains_key(key)
            || self.honorific_genders.contains_key(key)
            || gender_of_given_name(key).is_none()
        {
            return None;
        }
        let mut found = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, person)| person.first_key == key);
        let (id, person) = found.next()?;
        let alone = self.people_with_surname(&person.surname_key).len() == 1;
        (alone && found.next().is_none()).then_some(id)
    }

    /// The one person named in full with "Sir" or "Dame" before the name
    /// whose given name is `given` ("Sir Digby" after "Sir Digby Jones"):
    /// none when two such share it.
    pub fn knighted_by_given_name(&self, given: &str) -> Option<usize> {
        let key = word_key(given);
        let mut found = self
            .people
            .iter()
            .enumerate()
            .filter(|(_, person)| person.first_key == key && person.is_knighted());
        let (id, _) = found.next()?;
        found.next().is_none().then_some(id)
    }

    /// When person `id` is a knight or a dame, the most recently mentioned
    /// (by `recency`) other person with the same surname who is not: the
    /// one "Mr" or "Ms" and the surname refers to.
    pub fn untitled_namesake(&self, id: usize, recency: impl Fn(usize) -> u64) -> Option<usize> {
        if !self.people[id].is_knighted() {
            return None;
        }
        self.people_with_surname(&self.people[id].surname_key)
            .iter()
            .copied()
            .filter(|&i| !self.people[i].is_knighted())
            .max_by_key(|&i| (recency(i), u64::MAX - i as u64))
    }

    /// The person [`learn`](Self::learn) gives these keys of a full name
    /// (first word and surname), if the book holds one.
    pub fn person_with_keys(&self, first_key: &str, surname_key: &str) -> Option<usize> {
        self.by_surname
            .get(surname_key)?
            .iter()
            .copied()
            .find(|&i| self.people[i].first_key == first_key)
    }

    /// How many names and words the book holds: people, proper nouns and
    /// single names given as a person's (what [`MAX_PEOPLE`] and
    /// [`MAX_NOTED_WORDS`] bound).
    pub fn sizes(&self) -> (usize, usize, usize) {
        (self.people.len(), self.proper.len(), self.titled.len())
    }

    /// The surnames of the book's people that are also months or modal
    /// verbs ([`is_surname_too`]), lower case: "may" once "Theresa May" is
    /// named.
    pub fn surnames_too(&self) -> Vec<String> {
        let mut found: Vec<String> = self
            .people
            .iter()
            .filter_map(|p| p.name().rsplit(' ').next())
            .filter(|w| is_surname_too(w))
            .map(str::to_lowercase)
            .collect();
        found.sort_unstable();
        found.dedup();
        found
    }

    /// The people whose surname has this key.
    /// The gender a pronoun referring to person `id` must have: the one
    /// the article gives (honorific, title, pronouns), else the one the
    /// given name says, else unknown. Not the given name's when another
    /// person has the surname ("Bill Clinton", "Hillary Clinton"): the
    /// "Clinton said" a pronoun follows may have been either of them.
    pub fn gender_for_pronouns(&self, id: usize) -> Option<Gender> {
        let p = &self.people[id];
        p.gender.or_else(|| {
            (self.people_with_surname(&p.surname_key).len() == 1)
                .then_some(p.given_name_gender)
                .flatten()
        })
    }

    pub fn people_with_surname(&self, key: &str) -> &[usize] {
        self.by_surname.get(key).map_or(&[], Vec::as_slice)
    }

    /// Notes a word written capitalized inside a sentence.
    pub fn note_proper(&mut self, word: &str) {
        let (word, _) = strip_possessive(word);
        if !word.is_empty() && self.proper.len() < MAX_NOTED_WORDS && !self.proper.contains(word) {
            self.proper.insert(word.to_string());
        }
    }

    /// Whether `word` was written capitalized inside a sentence somewhere
    /// in the article (so it is a name, not a capitalized common word).
    pub fn is_proper(&self, word: &str) -> bool {
        self.proper.contains(strip_possessive(word).0)
    }

    /// Notes that `name` was written as a person's name (after an
    /// honorific, a person's title or role).
    pub fn note_titled(&mut self, name: &[impl AsRef<str>]) {
        if self.titled.len() < MAX_NOTED_WORDS {
            self.titled.insert(name_key(name));
        }
    }

    /// Whether `name` (words joined by spaces) was written as a person's
    /// name somewhere in the article.
    pub fn is_titled(&self, name: &str) -> bool {
        let words: Vec<&str> = name.split(' ').collect();
        self.titled.contains(&name_key(&words))
    }

    /// Notes a surname written after titles (`titles`, lower case): an
    /// honorific or a gendered role ("Ms Rellie", "Chairman Lind") says
    /// the gender of the person with that surname, whose full name may
    /// come later.
    pub fn note_surname_titles(&mut self, surname: &str, titles: &[String]) {
        let Some(gender) = titles.iter().rev().find_map(|t| gender_of_word(t)) else {
            return;
        };
        let key = word_key(surname);
        let room = self.honorific_genders.len() < MAX_NOTED_WORDS;
        match self.honorific_genders.get_mut(&key) {
            Some(known) if *known != Some(gender) => *known = None,
            Some(_) => {}
            None if room => {
                self.honorific_genders.insert(key, Some(gender));
            }
            None => {}
        }
    }

    /// Gives the one person of each surname written after an honorific
    /// the gender the honorific says ([`Self::note_surname_titles`]),
    /// unless their full name's titles already gave one. Two people with
    /// the surname: no telling whom the honorific meant.
    pub fn settle_honorific_genders(&mut self) {
        let found: Vec<(usize, Gender)> = self
            .honorific_genders
            .iter()
            .filter_map(
                |(key, gender)| match (self.people_with_surname(key), gender) {
                    ([id], Some(g)) => Some((*id, *g)),
                    _ => None,
                },
            )
            .collect();
        for (id, gender) in found {
            self.set_gender(id, gender);
        }
    }

    /// Notes that person `id` was also written as `short`.
    pub fn add_short_form(&mut self, id: usize, short: &str) {
        let p = &mut self.people[id];
        if !p.short_forms.iter().any(|s| s == short) && !p.forms.iter().any(|f| f.0 == short) {
            p.short_forms.push(short.to_string());
        }
    }

    pub fn set_gender(&mut self, id: usize, gender: Gender) {
        self.people[id].gender.get_or_insert(gender);
    }

    /// Each person with the other forms they were written in.
    pub fn aliases(&self, used: &[bool]) -> Vec<(String, Vec<String>)> {
        self.people
            .iter()
            .enumerate()
            .filter(|(i, _)| used.get(*i).copied().unwrap_or(false))
            .filter_map(|(_, p)| {
                let name = p.name();
                let mut forms: Vec<String> = p
                    .forms
                    .iter()
                    .map(|f| f.0.clone())
                    .filter(|f| f != name)
                    .collect();
                forms.extend(p.short_forms.iter().cloned());
                (!forms.is_empty()).then(|| (name.to_string(), forms))
            })
            .collect()
    }
}

/// The spelling key of a word as written: [`fold`] then [`spelling_key`],
/// in one pass (this runs for every name an article writes).
pub fn word_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    let mut previous: Option<char> = None;
    let mut push = |c: char, key: &mut String| {
        let c = if !key.is_empty() && c == 'y' { 'i' } else { c };
        if previous != Some(c) {
            key.push(c);
        }
        previous = Some(c);
    };
    if word.is_ascii() {
        for b in word.bytes() {
            if !matches!(b, b'\'' | b'.') {
                push(b.to_ascii_lowercase() as char, &mut key);
            }
        }
    } else {
        for c in fold(word).chars() {
            push(c, &mut key);
        }
    }
    key
}

/// A key that is equal for common transliteration variants of a name word
/// ("yury"/"yuri", "zelensky"/"zelenskyy"/"zelenskiy", "dmitry"/"dmitri"):
/// every `y` after the first letter reads as `i`, and doubled letters as
/// one. Takes a lower-case, accent-folded word.
pub fn spelling_key(word: &str) -> String {
    let mut key = String::with_capacity(word.len());
    let mut previous: Option<char> = None;
    for (i, c) in word.chars().enumerate() {
        let c = if i > 0 && c == 'y' { 'i' } else { c };
        if previous != Some(c) {
            key.push(c);
        }
        previous = Some(c);
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cue_opening_a_sentence_is_a_name_only_after_a_name_word() {
        // "Said Lena Holm: …": the cue, not a given name.
        assert!(!can_be_in_name_after(None, "Said"));
        assert!(!can_be_in_name_after(Some("."), "Says"));
        // "Ado Said": a surname after a given name.
        assert!(can_be_in_name_after(Some("Ado"), "Said"));
    }

    #[test]
    fn a_compound_adjective_made_from_a_name_names_nobody() {
        let person = |words: &[&str]| match parse(words).map(|p| p.kind) {
            Some(NameKind::Person(name)) => Some(name.join(" ")),
            _ => None,
        };
        assert_eq!(
            person(&["Texas-based", "Jo", "Roe"]).as_deref(),
            Some("Jo Roe")
        );
        assert_eq!(
            person(&["Korean-born", "Ana", "Ruiz"]).as_deref(),
            Some("Ana Ruiz")
        );
        assert!(parse(&["White", "House-era"]).is_none());
        assert!(parse(&["Kremlin-backed"]).is_none());
        assert_eq!(person(&["Smith-Jones"]).as_deref(), Some("Smith-Jones"));
        assert_eq!(
            person(&["Jean-Luc", "Roe"]).as_deref(),
            Some("Jean-Luc Roe")
        );
        let speakers = |text: &str| -> Vec<String> {
            super::super::tests::analyze_text(text)
                .1
                .statements
                .into_iter()
                .map(|s| s.speaker)
                .collect()
        };
        // Not a speaker, nor the antecedent of a later "he".
        assert_eq!(
            speakers(
                "According to White House-era documents from the archive, the plan was dropped.\n\n\
                 Until last week, Mark Finn had hardly spoken. In 1999, he said the bill was unfair.\n"
            ),
            ["Mark Finn"]
        );
        // The person the adjective and role describe speaks.
        assert_eq!(
            speakers("\u{201c}It is shortsighted,\u{201d} explained Springfield-based lawyer Ana Ruiz.\n"),
            ["Ana Ruiz"]
        );
    }

    #[test]
    fn lower_case_words_are_borrowed_as_they_are() {
        assert!(matches!(lowercase("said"), Cow::Borrowed("said")));
        assert_eq!(lowercase("Vale"), "vale");
        assert_eq!(lowercase("ÉLAN"), "élan");
        assert_eq!(with_lower("ÉLAN", str::to_string), "élan");
        assert_eq!(with_lower("harbour", str::to_string), "harbour");
    }

    /// Every word of the lists behind [`CLASSES`], and two of none.
    fn listed_words() -> impl Iterator<Item = &'static str> {
        [
            TITLE_WORDS,
            LEGISLATORS,
            DEMONYMS,
            ORG_WORDS,
            BUSINESS_WORDS,
        ]
        .into_iter()
        .chain([super::super::speakers::PERSON_ROLES])
        .flatten()
        .copied()
        .chain(["vale", "qorvish", "house"])
    }

    /// The lists a lower-case word is in, read from the lists themselves.
    fn lists_of(word: &str) -> [(bool, u8); 4] {
        [
            (
                TITLE_WORDS.contains(&word) || LEGISLATORS.contains(&word),
                TITLE,
            ),
            (DEMONYMS.contains(&word), DEMONYM),
            (
                ORG_WORDS.contains(&word) || BUSINESS_WORDS.contains(&word),
                ORG,
            ),
            (super::super::speakers::PERSON_ROLES.contains(&word), ROLE),
        ]
    }

    #[test]
    fn a_words_classes_are_the_lists_it_is_in() {
        for word in listed_words() {
            let mut expected = 0;
            for (in_list, class) in lists_of(word) {
                if class == ROLE {
                    continue;
                }
                if in_list {
                    expected |= class;
                }
            }
            assert_eq!(classify(word) & (TITLE | DEMONYM | ORG), expected, "{word}");
        }
    }

    #[test]
    fn any_class_is_any_of_the_lists() {
        use super::super::speakers::is_person_role;
        for word in listed_words() {
            let lists = lists_of(word);
            let one_each = [
                is_title_word(word),
                is_demonym(word),
                is_org_word(word),
                is_person_role(word),
            ];
            assert_eq!(one_each, lists.map(|(is, _)| is), "{word}");
            for mask in 1..64u8 {
                let mask = mask & (TITLE | DEMONYM | ORG | ROLE);
                let expected = lists.iter().any(|&(is, class)| is && mask & class != 0);
                assert_eq!(is_any(word, mask), expected, "{word} {mask}");
            }
        }
        // "spokesman" is a role only: not a name word for classify.
        assert_eq!(classify("spokesman") & ROLE, 0);
        // Months and modals are surnames too, in any case, possessive or not.
        for word in ["May", "JUNE", "Will’s", "Might"] {
            assert!(is_surname_too(word), "{word}");
        }
        for word in ["may", "Mayor", "Sunday", "Would", "Wills"] {
            assert!(!is_surname_too(word), "{word}");
        }
        assert_eq!(classify("june"), 0);
    }

    #[test]
    fn kept_parses_are_what_parse_gives() {
        let mut parses = Parses::default();
        let runs: [&[&str]; 6] = [
            &["Ana", "Lind"],
            &["Harbour", "Minister", "Ola", "Berg"],
            &["Ana", "Lind"],
            &["AnaLind"],
            &["Ana\0", "Lind"],
            &["Vale", "Growers", "Union"],
        ];
        for words in runs {
            assert_eq!(parses.parse(words), parse(words).as_ref(), "{words:?}");
        }
        // Past the cap it starts over, and still answers.
        for k in 0..MAX_PARSES + 1 {
            let word = format!("Velm{k}");
            assert_eq!(parses.parse(&[&word]), parse(&[&word]).as_ref());
        }
        assert!(parses.found.len() <= MAX_PARSES);
    }

    #[test]
    fn an_honorific_starts_the_name() {
        let parsed = parse(&["Analysing", "Mr", "Brown"]).expect("a name");
        assert_eq!(parsed.kind, NameKind::Person(vec!["Brown".to_string()]));
    }

    #[test]
    fn the_word_after_an_honorific_is_the_name_even_if_it_is_a_title() {
        for (honorific, surname) in [("Ms.", "White"), ("Mr", "King"), ("Dr.", "Major")] {
            let parsed = parse(&[honorific, surname]).expect("a name");
            assert_eq!(parsed.kind, NameKind::Person(vec![surname.to_string()]));
        }
        // Without the honorific the title is no name.
        assert!(parse(&["White"]).is_none());
    }

    #[test]
    fn a_name_ending_on_a_weekday_is_a_paper() {
        assert_eq!(
            parse(&["Ledger", "on", "Sunday"]).map(|p| p.kind),
            Some(NameKind::Organization("Ledger on Sunday".to_string()))
        );
    }

    #[test]
    fn a_portfolio_word_at_the_end_of_a_run_ends_an_organization() {
        for org in [
            "Acme Security",
            "US Treasury",
            "Dalby Energy",
            "Northwind Media",
        ] {
            let words: Vec<&str> = org.split(' ').collect();
            assert_eq!(
                parse(&words).map(|p| p.kind),
                Some(NameKind::Organization(org.to_string()))
            );
        }
        // Before a name the same words are titles.
        assert_eq!(
            person("National Security Adviser Jo Hart").as_deref(),
            Some("Jo Hart")
        );
        assert_eq!(
            person("Energy Minister Bo Lind").as_deref(),
            Some("Bo Lind")
        );
    }

    #[test]
    fn a_company_name_ends_in_a_kind_of_business_or_a_company_word() {
        for name in [
            "France Telecom",
            "Acme Group",
            "Dalby Motors plc",
            "Acme Telecom’s",
        ] {
            assert!(is_company_name(name), "{name}");
        }
        for name in ["Eastwick University", "Labour Party", "Acme"] {
            assert!(!is_company_name(name), "{name}");
        }
    }

    #[test]
    fn a_place_that_reads_like_a_name_is_no_person() {
        for place in [
            "New Hampshire",
            "South Korea",
            "Costa Rica",
            "New York City",
        ] {
            let words: Vec<&str> = place.split(' ').collect();
            assert_eq!(
                parse(&words).map(|p| p.kind),
                Some(NameKind::Organization(place.to_string()))
            );
        }
        assert_eq!(person("Costa Ricci").as_deref(), Some("Costa Ricci"));
        assert_eq!(
            person("New Hampshire Gov. Ada Lind").as_deref(),
            Some("Ada Lind")
        );
    }

    #[test]
    fn honorifics_of_other_styles_are_stripped() {
        assert_eq!(person("Hon. Ken Marsh").as_deref(), Some("Ken Marsh"));
        assert_eq!(person("Herr Weber").as_deref(), Some("Weber"));
        assert_eq!(person("Prof. Ada Lind").as_deref(), Some("Ada Lind"));
        assert_eq!(person("Frau Ada Lind").as_deref(), Some("Ada Lind"));
    }

    #[test]
    fn british_styles_are_no_part_of_the_name() {
        assert_eq!(person("Sir Ken Marsh").as_deref(), Some("Ken Marsh"));
        assert_eq!(person("Dame Ada Lind").as_deref(), Some("Ada Lind"));
        assert_eq!(person("Lord Marsh").as_deref(), Some("Marsh"));
        assert_eq!(person("Baroness Lind").as_deref(), Some("Lind"));
        assert_eq!(person("Lady Lind").as_deref(), Some("Lind"));
    }

    #[test]
    fn an_organizations_role_holder_is_the_name() {
        assert_eq!(
            person("Harbour Police Commissioner Ada Lind").as_deref(),
            Some("Ada Lind")
        );
        assert_eq!(person("MP Ken Marsh").as_deref(), Some("Ken Marsh"));
        assert_eq!(
            person("Harbour Police").as_deref(),
            Some("org:Harbour Police")
        );
        // A month or modal after the holder's given name is the surname.
        assert_eq!(
            person("Blue Party Leader Ada May").as_deref(),
            Some("Ada May")
        );
    }

    #[test]
    fn legislators_coroners_and_police_ranks_are_titles() {
        for (written, name) in [
            ("Blue MLA Ada Lind", "Ada Lind"),
            ("Progressive Blue MPP Ken Marsh", "Ken Marsh"),
            ("Bloc Vert MNA Ines Moreau", "Ines Moreau"),
            ("Supt. Dave Orr", "Dave Orr"),
            ("Insp. Ada Lind", "Ada Lind"),
            ("Const. Ken Marsh", "Ken Marsh"),
            ("Cpl. Ines Moreau", "Ines Moreau"),
            ("Chief Electoral Officer Ada Lind", "Ada Lind"),
            ("NDP MPP Hala Vorn", "Hala Vorn"),
            ("Liberal MLA Oren Stav", "Oren Stav"),
            ("MNA Gilles Aubry", "Gilles Aubry"),
            ("Chief Coroner Dana Pell", "Dana Pell"),
            ("Supt. Rhea Calder", "Rhea Calder"),
            ("Superintendent Noel Hasty", "Noel Hasty"),
        ] {
            assert_eq!(person(written).as_deref(), Some(name), "{written}");
        }
    }

    #[test]
    fn a_sentence_adverb_is_not_part_of_a_name() {
        for adverb in ["Afterwards", "Thus", "Once", "Therefore", "Indeed"] {
            assert!(!can_be_in_name(adverb), "{adverb}");
        }
    }

    #[test]
    fn a_contraction_is_told_with_either_apostrophe() {
        for word in ["We're", "We’re", "That's", "That’s", "I'm", "I’ve"] {
            assert!(!can_be_in_name(word), "{word}");
        }
        for word in ["O'Varlen", "D’Amarov", "Velmar’s", "Dravič", "Keldren"] {
            assert!(can_be_in_name(word), "{word}");
        }
    }

    #[test]
    fn a_contracted_pronoun_is_not_a_name() {
        assert!(parse(&["We're", "America"]).is_none());
        assert!(parse(&["They’ve", "Won"]).is_none());
    }

    #[test]
    fn a_common_noun_does_not_end_a_persons_name() {
        assert!(parse(&["Young", "People"]).is_none());
        assert!(parse(&["Work", "Pensions"]).is_none());
        assert!(parse(&["Coastal", "Protection"]).is_none());
    }

    #[test]
    fn a_plural_possessive_before_an_organization_word_is_in_its_name() {
        let kind = |w: &[&str]| parse(w).map(|n| n.kind);
        assert_eq!(
            kind(&["Growers’", "Union"]),
            Some(NameKind::Organization("Growers’ Union".into()))
        );
        assert_eq!(
            kind(&["Ruritania’s", "Foreign", "Ministry"]),
            Some(NameKind::Organization("Foreign Ministry".into()))
        );
    }

    fn person(written: &str) -> Option<String> {
        let words: Vec<&str> = written.split_whitespace().collect();
        match parse(&words)?.kind {
            NameKind::Person(name) => Some(name.join(" ")),
            NameKind::Organization(org) => Some(format!("org:{org}")),
        }
    }

    #[test]
    fn titles_and_possessors_are_stripped() {
        assert_eq!(
            person("U.S. President Donald Trump’s Special Envoy Steve Witkoff").as_deref(),
            Some("Steve Witkoff")
        );
        assert_eq!(
            person("French President Emmanuel Macron").as_deref(),
            Some("Emmanuel Macron")
        );
        assert_eq!(person("Ohio Gov. Mary Kent").as_deref(), Some("Mary Kent"));
        assert_eq!(person("Mr. Clarke").as_deref(), Some("Clarke"));
        assert_eq!(person("President"), None);
        assert_eq!(person("Trump’s"), None);
    }

    #[test]
    fn organizations_are_recognized() {
        assert_eq!(person("The Kremlin").as_deref(), Some("org:Kremlin"));
        assert_eq!(
            person("The New York Post").as_deref(),
            Some("org:New York Post")
        );
    }

    #[test]
    fn an_event_is_no_person() {
        for event in ["Commonwealth Games", "Davis Cup", "Edinburgh Festival"] {
            let words: Vec<&str> = event.split(' ').collect();
            assert!(
                matches!(
                    parse(&words).map(|n| n.kind),
                    Some(NameKind::Organization(_))
                ),
                "{event}"
            );
        }
    }

    #[test]
    fn a_local_government_is_an_organization() {
        assert_eq!(
            person("Marlow County").as_deref(),
            Some("org:Marlow County")
        );
        assert_eq!(person("Kessel City").as_deref(), Some("org:Kessel City"));
        assert_eq!(person("Anna Marlow").as_deref(), Some("Anna Marlow"));
    }

    #[test]
    fn surname_and_variant_resolve_to_one_person() {
        let mut book = NameBook::default();
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let a = book.learn(&words("Yury Petrov"), &["aide".into()]).unwrap();
        let b = book.learn(&words("Yuri Petrov"), &[]).unwrap();
        assert_eq!(a, b);
        assert_eq!(book.find(&words("Petrov"), |_| 0), Some(a));
        assert_eq!(book.find(&words("Smith"), |_| 0), None);
    }

    #[test]
    fn short_and_plural_titles_are_no_part_of_the_name() {
        assert_eq!(person("Ohio Gov. Pelham").as_deref(), Some("Pelham"));
        assert_eq!(person("Pres. Tolliver").as_deref(), Some("Tolliver"));
        assert_eq!(
            person("Senators Harold Q. Denby").as_deref(),
            Some("Harold Q. Denby")
        );
        // A title in full still needs a full name after it.
        assert_eq!(
            person("Acme Chief Tolliver").as_deref(),
            Some("Acme Chief Tolliver")
        );
    }

    #[test]
    fn a_surname_with_its_particles_links_to_the_full_name() {
        let mut book = NameBook::default();
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let piet = book.learn(&words("Piet van der Kamp"), &[]).unwrap();
        let bill = book.learn(&words("Bill de Vasto"), &[]).unwrap();
        assert_eq!(book.learn(&words("Van der Kamp"), &[]), Some(piet));
        assert_eq!(book.learn(&words("Van der Lee"), &[]), None);
        assert_eq!(book.people.len(), 2);
        assert_eq!(book.find(&words("Van der Kamp"), |_| 0), Some(piet));
        assert_eq!(book.find(&words("de Vasto"), |_| 0), Some(bill));
        assert_eq!(book.find(&words("De la Kamp"), |_| 0), None);
        // At the start of a sentence.
        assert_eq!(book.learn(&words("De Vasto"), &[]), Some(bill));
        assert_eq!(book.find(&words("De Vasto"), |_| 0), Some(bill));
        assert_eq!(
            person("Mayor Bill de Vasto").as_deref(),
            Some("Bill de Vasto")
        );
        // A capitalized particle alone is a first name.
        assert!(book.learn(&words("Van Tolley"), &[]).is_some());
        assert!(book.learn(&words("Al Gorham"), &[]).is_some());
    }

    #[test]
    fn a_shared_surname_goes_to_the_most_recent_person() {
        let mut book = NameBook::default();
        let words = |s: &str| s.split(' ').map(str::to_string).collect::<Vec<_>>();
        let bill = book.learn(&words("Bill Hart"), &[]).unwrap();
        let ann = book.learn(&words("Ann Hart"), &[]).unwrap();
        assert_eq!(
            book.find(&words("Hart"), |i| if i == bill { 5 } else { 2 }),
            Some(bill)
        );
        assert_eq!(
            book.find(&words("Hart"), |i| if i == ann { 5 } else { 2 }),
            Some(ann)
        );
    }

    #[test]
    fn the_quick_tests_bound_the_lists() {
        assert!(PLACES
            .iter()
            .all(|p| p.split(' ').count() <= MAX_PLACE_WORDS));
        assert!(PLACES
            .iter()
            .any(|p| p.split(' ').count() == MAX_PLACE_WORDS));
        assert!(SUFFIXES.iter().all(|s| s.len() <= MAX_SUFFIX_BYTES));
        assert!(is_place(&["Salt", "Lake", "City"]));
        assert!(!is_place(&["Salt", "Lake", "City", "Council"]));
        assert_eq!(surname(&["Ado", "Brel", "III"]), "Brel");
        assert_eq!(surname(&["Ado", "Brelwick", "Jr."]), "Brelwick");
        assert_eq!(surname(&["Ado", "Iviii"]), "Iviii");
    }

    #[test]
    fn word_key_folds_and_merges_variants() {
        assert_eq!(word_key("Yury"), word_key("Yuri"));
        assert_eq!(word_key("Zelenskyy’s"), spelling_key("zelenskis"));
        assert_eq!(word_key("O'Neill"), "oneil");
        assert_eq!(word_key("Peña"), word_key("pena"));
    }

    #[test]
    fn transliteration_variants_share_a_key() {
        assert_eq!(spelling_key("yury"), spelling_key("yuri"));
        assert_eq!(spelling_key("zelenskyy"), spelling_key("zelensky"));
        assert_eq!(spelling_key("zelenskiy"), spelling_key("zelensky"));
        assert_ne!(spelling_key("putin"), spelling_key("peskov"));
    }
}
