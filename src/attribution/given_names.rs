//! Given names that say a person's gender, for when the article says
//! nothing else about it (no honorific, no gendered title, no pronoun
//! clearly bound to the name): without it "she" may bind to a man named
//! only in full, because his gender is unknown and so fits either pronoun.
//!
//! Source: the US Social Security Administration's national baby-name
//! counts (public domain): common names given to one sex in more than 95%
//! of the births recorded. The list was written by hand from that data's
//! well-known common names, not generated from its files; any name in
//! doubt was left out. Names given to both (Jordan, Taylor, Jean,
//! Robin) or to the other sex elsewhere (Andrea, Nicola, Simone: male in
//! Italy or France) are left out: an unknown gender binds either pronoun,
//! a wrong one binds neither. The list is compact on purpose; a name
//! missing from it only leaves a person's gender unknown, as before.
//! Those names of either sex are listed apart ([`is_given_name`]): they
//! say only that a word is a given name.

use std::collections::HashMap;
use std::sync::OnceLock;

use super::names::{word_key, Gender};

/// Lower-case given names given to boys in more than 95% of births.
const MALE: &[&str] = &[
    "aaron",
    "abraham",
    "adam",
    "adrian",
    "ahmed",
    "alan",
    "albert",
    "alexander",
    "alfred",
    "allen",
    "alvin",
    "andrew",
    "andy",
    "anthony",
    "antonio",
    "arnold",
    "arthur",
    "barry",
    "ben",
    "benjamin",
    "bernard",
    "bernie",
    "bill",
    "billy",
    "bob",
    "bobby",
    "boris",
    "brad",
    "bradley",
    "brandon",
    "brett",
    "brian",
    "bruce",
    "bryan",
    "calvin",
    "carl",
    "carlos",
    "chad",
    "charles",
    "charlie",
    "chuck",
    "clarence",
    "clifford",
    "colin",
    "craig",
    "curtis",
    "dan",
    "daniel",
    "danny",
    "darren",
    "dave",
    "david",
    "dennis",
    "derek",
    "dick",
    "don",
    "donald",
    "doug",
    "douglas",
    "duane",
    "dustin",
    "dwight",
    "earl",
    "eddie",
    "edgar",
    "edward",
    "elijah",
    "elliott",
    "emmanuel",
    "eric",
    "ernest",
    "eugene",
    "floyd",
    "francisco",
    "frank",
    "fred",
    "frederick",
    "gabriel",
    "gary",
    "gavin",
    "geoffrey",
    "george",
    "gerald",
    "gilbert",
    "glenn",
    "gordon",
    "grant",
    "greg",
    "gregory",
    "harold",
    "harry",
    "hector",
    "henry",
    "herbert",
    "howard",
    "hugh",
    "ian",
    "isaac",
    "ivan",
    "jack",
    "jacob",
    "jake",
    "james",
    "jason",
    "jeff",
    "jeffrey",
    "jeremy",
    "jerome",
    "jesus",
    "jim",
    "jimmy",
    "joe",
    "joel",
    "john",
    "johnny",
    "jon",
    "jonathan",
    "jorge",
    "jose",
    "joseph",
    "josh",
    "joshua",
    "juan",
    "justin",
    "karl",
    "keith",
    "ken",
    "kenneth",
    "kevin",
    "kurt",
    "kyle",
    "larry",
    "lawrence",
    "leon",
    "leonard",
    "louis",
    "luis",
    "luke",
    "malcolm",
    "manuel",
    "marco",
    "mario",
    "mark",
    "martin",
    "marvin",
    "matt",
    "matthew",
    "max",
    "melvin",
    "michael",
    "mike",
    "mitch",
    "mitchell",
    "mohammed",
    "muhammad",
    "nathan",
    "neil",
    "nicholas",
    "nick",
    "norman",
    "oliver",
    "oscar",
    "patrick",
    "paul",
    "pedro",
    "peter",
    "phil",
    "philip",
    "phillip",
    "ralph",
    "randy",
    "raymond",
    "richard",
    "rick",
    "ricky",
    "rob",
    "robert",
    "roberto",
    "rodney",
    "roger",
    "roland",
    "ron",
    "ronald",
    "roy",
    "russell",
    "ryan",
    "samuel",
    "scott",
    "sean",
    "sergei",
    "seth",
    "shane",
    "stanley",
    "stephen",
    "steve",
    "steven",
    "stuart",
    "ted",
    "theodore",
    "thomas",
    "tim",
    "timothy",
    "todd",
    "tom",
    "tommy",
    "tony",
    "travis",
    "troy",
    "vernon",
    "victor",
    "vincent",
    "vladimir",
    "walter",
    "warren",
    "wayne",
    "wesley",
    "william",
    "xavier",
    "zachary",
];

/// Lower-case given names given to girls in more than 95% of births.
const FEMALE: &[&str] = &[
    "abigail",
    "alice",
    "alicia",
    "alison",
    "allison",
    "amanda",
    "amber",
    "amy",
    "ana",
    "angela",
    "anita",
    "ann",
    "anna",
    "anne",
    "annie",
    "barbara",
    "beatrice",
    "betty",
    "beverly",
    "bonnie",
    "brenda",
    "carla",
    "carol",
    "caroline",
    "carolyn",
    "catherine",
    "charlotte",
    "cheryl",
    "christina",
    "christine",
    "cindy",
    "claire",
    "clara",
    "claudia",
    "connie",
    "cynthia",
    "daisy",
    "deborah",
    "debra",
    "denise",
    "diana",
    "diane",
    "donna",
    "doris",
    "dorothy",
    "edith",
    "eileen",
    "elaine",
    "eleanor",
    "elizabeth",
    "ellen",
    "emily",
    "emma",
    "erica",
    "esther",
    "evelyn",
    "florence",
    "frances",
    "gina",
    "gloria",
    "grace",
    "hannah",
    "heather",
    "helen",
    "hillary",
    "holly",
    "irene",
    "jane",
    "janet",
    "janice",
    "jennifer",
    "jessica",
    "jill",
    "joan",
    "joanne",
    "josephine",
    "joy",
    "joyce",
    "judith",
    "judy",
    "julia",
    "julie",
    "karen",
    "katherine",
    "kathleen",
    "kathryn",
    "kathy",
    "katie",
    "kristen",
    "laura",
    "lauren",
    "linda",
    "lisa",
    "lois",
    "loretta",
    "lori",
    "louise",
    "lucy",
    "margaret",
    "maria",
    "marie",
    "marilyn",
    "martha",
    "mary",
    "megan",
    "melanie",
    "melissa",
    "michelle",
    "mildred",
    "monica",
    "nancy",
    "natalie",
    "nicole",
    "nina",
    "olivia",
    "pamela",
    "patricia",
    "paula",
    "pauline",
    "peggy",
    "penny",
    "phyllis",
    "rachel",
    "rebecca",
    "rita",
    "rosa",
    "rose",
    "ruth",
    "sally",
    "samantha",
    "sandra",
    "sara",
    "sarah",
    "sharon",
    "sheila",
    "shirley",
    "sophia",
    "sophie",
    "stephanie",
    "susan",
    "suzanne",
    "sylvia",
    "tammy",
    "teresa",
    "theresa",
    "tina",
    "valerie",
    "vanessa",
    "veronica",
    "victoria",
    "virginia",
    "wanda",
    "wendy",
    "yvonne",
];

/// Common given names of either sex (or of one sex in one country and the
/// other elsewhere): they say nothing of a gender, but that a capitalised
/// word is a given name ("The fire chief in Lytton, Jordan Cyr, said").
const EITHER: &[&str] = &[
    "alex", "andrea", "ashley", "avery", "cameron", "casey", "chris", "dana", "drew", "jamie",
    "jean", "jesse", "jody", "jordan", "kelly", "kim", "leslie", "morgan", "nicola", "pat",
    "quinn", "riley", "robin", "sam", "shannon", "simone", "taylor", "terry",
];

/// Whether a word is a given name listed here, of either sex or of one;
/// `key` is the word's [`word_key`].
pub fn is_given_name(key: &str) -> bool {
    static EITHER_KEYS: OnceLock<Vec<String>> = OnceLock::new();
    gender_of_given_name(key).is_some()
        || EITHER_KEYS
            .get_or_init(|| EITHER.iter().map(|n| word_key(n)).collect())
            .iter()
            .any(|k| k == key)
}

/// The gender a given name says, if it is one of the listed names; `key`
/// is the name's [`word_key`].
pub fn gender_of_given_name(key: &str) -> Option<Gender> {
    static BY_KEY: OnceLock<HashMap<String, Gender>> = OnceLock::new();
    BY_KEY
        .get_or_init(|| {
            let male = MALE.iter().map(|n| (word_key(n), Gender::Male));
            let female = FEMALE.iter().map(|n| (word_key(n), Gender::Female));
            male.chain(female).collect()
        })
        .get(key)
        .copied()
}

#[cfg(test)]
mod tests {
    use super::super::tests::speakers_of;
    use super::*;

    #[test]
    fn listed_names_say_their_gender_and_others_say_nothing() {
        assert_eq!(
            gender_of_given_name(&word_key("Donald")),
            Some(Gender::Male)
        );
        assert_eq!(
            gender_of_given_name(&word_key("Hillary")),
            Some(Gender::Female)
        );
        assert_eq!(gender_of_given_name(&word_key("Jordan")), None);
        assert_eq!(gender_of_given_name(&word_key("Quorvel")), None);
        // Jordan is a given name all the same; Quorvel is none.
        assert!(is_given_name(&word_key("Jordan")));
        assert!(is_given_name(&word_key("Hillary")));
        assert!(!is_given_name(&word_key("Quorvel")));
    }

    #[test]
    fn she_does_not_bind_to_a_man_the_article_gives_no_gender() {
        assert_eq!(
            speakers_of(
                "Karen Stobb said the bridge would fail.\n\nDonald Prell said it would stand.\n\n“It will not,” she said."
            ),
            [["Karen Stobb"], ["Donald Prell"], ["Karen Stobb"]]
        );
        // A name on neither list still fits either pronoun.
        assert_eq!(
            speakers_of(
                "Karen Stobb said the bridge would fail.\n\nJordan Prell said it would stand.\n\n“It will not,” she said."
            ),
            [["Karen Stobb"], ["Jordan Prell"], ["Jordan Prell"]]
        );
    }

    #[test]
    fn no_name_is_on_both_lists_once_folded() {
        for m in MALE {
            let key = word_key(m);
            assert!(
                !FEMALE.iter().any(|f| word_key(f) == key),
                "{m} folds onto a female name"
            );
        }
    }
}
