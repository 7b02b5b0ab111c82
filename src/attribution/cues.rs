//! The cue lexicon: the words that introduce a statement.
//!
//! A cue is a verb of saying or writing ("said", "told", "warned",
//! "wrote", "described … as") or the preposition "according to". The
//! lexicon lists inflected forms rather than stemming, because the form
//! decides how the speaker is found: a finite verb has its speaker as
//! subject (`Witkoff said`) or inverted after it (`said Witkoff`), a
//! participle (`…, adding that`) takes the subject of its clause. Only
//! lower-case words are cues, so "States" in "United States" never is.

use rustc_hash::FxHashMap as HashMap;
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
    ("blurt", "blurts", "blurted", "blurting"),
    ("chime", "chimes", "chimed", "chiming"),
    ("crow", "", "crowed", ""),
    ("sniff", "", "sniffed", ""),
    ("muse", "", "mused", ""),
    ("opine", "opines", "opined", "opining"),
    ("point", "points", "pointed", "pointing"),
];

static CUES: LazyLock<HashMap<&'static str, CueForm>> = LazyLock::new(|| {
    let mut map = HashMap::default();
    for &(base, third, past, participle) in VERBS {
        for (form, kind) in [
            (base, CueForm::Base),
            (third, CueForm::Finite),
            (past, CueForm::Finite),
            (participle, CueForm::Participle),
        ] {
            if !form.is_empty() {
                map.insert(form, kind);
            }
        }
    }
    map
});

/// The cue form of `word`, if it is a cue. Only lower-case words count.
pub fn cue_form(word: &str) -> Option<CueForm> {
    CUES.get(word).copied()
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

    #[test]
    fn forms_are_classified() {
        assert_eq!(cue_form("said"), Some(CueForm::Finite));
        assert_eq!(cue_form("adding"), Some(CueForm::Participle));
        assert_eq!(cue_form("say"), Some(CueForm::Base));
        assert_eq!(cue_form("notes"), Some(CueForm::Finite));
        assert_eq!(cue_form("talks"), None);
        assert_eq!(cue_form("Said"), None);
    }
}
