//! Recognizing boilerplate lines: text that sits around an article on the
//! page but is not part of it (comment widgets, copyright and distribution
//! notices, share and subscribe prompts, "Published in …" tags).
//!
//! Around the text of a page sit labels that are not part of it either:
//! photo credits and image labels (`Foto: ATON`, `… | © AFP / Name`),
//! "read more" teasers in any language (`Zum Weiterlesen:`, `À lire aussi`),
//! placeholders for embedded content (`Externer Inhalt`) and label-only
//! lines (`Release Date:`, `Kontakt:`), a heading of a box whose value was
//! left out or is just a date or number.
//!
//! The test is on whole lines and deliberately conservative: a line is
//! boilerplate only when it is short and made of the phrases such widgets
//! print, so that a sentence of the article that happens to mention comments
//! or copyright is never dropped.

/// Lines longer than this are never treated as boilerplate.
const MAX_BOILERPLATE_CHARS: usize = 160;

/// Whole lines (compared lower-cased, without trailing punctuation).
const EXACT: &[&str] = &[
    "leave a reply",
    "leave a comment",
    "post a comment",
    "add a comment",
    "comments",
    "comment",
    "show comments",
    "view comments",
    "share",
    "share this",
    "share this article",
    "share this story",
    "share on facebook",
    "share on twitter",
    "share on x",
    "tweet",
    "email",
    "print",
    "advertisement",
    "related",
    "related articles",
    "related stories",
    "read more",
    "more stories",
    "recommended",
    "subscribe",
    "sign up",
    "log in",
    "skip to content",
    "skip to main content",
    "back to top",
    "photo",
    "image",
    "video",
    "loading",
    "loading...",
    "continue reading",
    "continue reading the main story",
    "follow us",
    "all rights reserved",
];

/// "Read more / related" teasers and placeholders for embedded content, in
/// several languages (lower-cased). A line is such a teaser when it is the
/// phrase alone, or the phrase then a colon, or a short line opening with it
/// (`Mehr zum Thema auf Example.de`).
const TEASERS: &[&str] = &[
    "related coverage",
    "related content",
    "related posts",
    "related links",
    "related reading",
    "read also",
    "see also",
    "also read",
    "more on this story",
    "more on this topic",
    "you may also like",
    "you might also like",
    "external content",
    "embedded content",
    "zum weiterlesen",
    "weiterlesen",
    "lesen sie auch",
    "lesen sie mehr",
    "lies auch",
    "mehr zum thema",
    "weitere artikel zum thema",
    "das könnte sie auch interessieren",
    "das könnte dich auch interessieren",
    "das thema könnte sie auch interessieren",
    "das thema könnte dich auch interessieren",
    "schon gelesen",
    "externer inhalt",
    "à lire aussi",
    "a lire aussi",
    "lire aussi",
    "voir aussi",
    "lee también",
    "lea también",
    "te puede interesar",
    "ver también",
    "puedes ver",
    "mire",
    "lee más",
    "lea más",
    "leia também",
    "veja também",
    "leggi anche",
    "czytaj także",
    "czytaj też",
    "zobacz także",
    "zobacz też",
];

/// The longest line, in words, that a teaser phrase may open.
const MAX_TEASER_WORDS: usize = 8;

/// Labels that put a photo credit or an image label on a line of its own
/// (lower-cased, compared without any space before the colon, so that
/// `Crédits photos : X` is `crédits photos:`).
const IMAGE_LABELS: &[&str] = &[
    "foto",
    "fotos",
    "photo",
    "photos",
    "bild",
    "bilder",
    "titelbild",
    "beitragsbild",
    "bildquelle",
    "image",
    "images",
    "credit",
    "credits",
    "photo credit",
    "photo credits",
    "image credit",
    "crédit photo",
    "crédits photo",
    "crédits photos",
];

/// The longest credit, in words, after a `©` that ends a caption line.
const MAX_CREDIT_WORDS: usize = 6;

/// Labels of the contact, information and date boxes around an article
/// (lower-cased). Only these make a label-only line: a capitalized label of
/// the article's own (`Primary Funding Source:`, `Achtung Redaktion:`) is
/// followed by its value on the next line and belongs to the text.
const BOX_LABELS: &[&str] = &[
    "contact",
    "contacts",
    "press contact",
    "media contact",
    "kontakt",
    "pressekontakt",
    "ansprechpartner",
    "contacto",
    "more information",
    "further information",
    "additional information",
    "weitere informationen",
    "zusatzinformationen",
    "mehr informationen",
    "plus d'informations",
    "más información",
    "release date",
    "publication date",
    "date published",
    "published",
    "updated",
    "last updated",
    "veröffentlicht",
    "veröffentlicht am",
    "aktualisiert",
    "aktualisiert am",
    "erscheinungsdatum",
    "stand",
    "date de publication",
    "mis à jour",
    "fecha de publicación",
    "actualizado",
];

/// The longest value, in words, of a label-only line (`Release Date: 3 March 2020`).
const MAX_VALUE_WORDS: usize = 3;

/// Line beginnings (lower-cased).
const PREFIXES: &[&str] = &[
    "©",
    "(c) ",
    "copyright ",
    "all rights reserved",
    "blog comments powered by",
    "comments powered by",
    "please enable javascript to view the comments",
    "published in ",
    "filed under ",
    "posted in ",
    "posted on ",
    "posted by ",
    "comments (",
    "read more about ",
    "tags:",
    "share this:",
    "share on ",
    "click to share",
    "subscribe to ",
    "sign up for ",
    "sign up to ",
    "follow us on ",
    "like us on facebook",
    "read more:",
    "read more at ",
    "related:",
    "click here to ",
    "this article was originally published",
    "this material may not be published",
    "distributed by ",
    "you must be logged in to post a comment",
    "your email address will not be published",
];

/// Phrases that make a short line a rights or distribution notice wherever
/// they occur in it.
const CONTAINS: &[&str] = &[
    "all rights reserved",
    "may not be published, broadcast, rewritten",
    "distributed by tribune content agency",
    "powered by disqus",
];

/// Whether a (trimmed) line is boilerplate.
pub fn is_boilerplate_line(line: &str) -> bool {
    let line = line.trim();
    if line.is_empty() || line.chars().count() > MAX_BOILERPLATE_CHARS {
        return false;
    }
    let lower = line.to_lowercase();
    let bare = lower.trim_end_matches(|c: char| c.is_ascii_punctuation() || c.is_whitespace());
    EXACT.contains(&bare)
        || PREFIXES.iter().any(|p| starts_with(&lower, p))
        || CONTAINS_FINDERS
            .iter()
            .any(|f| f.find(lower.as_bytes()).is_some())
        || is_follow_prompt(&lower)
        || is_teaser(&lower, bare)
        || is_image_label(&lower, bare)
        || ends_with_credit(line)
        || is_label_only(line)
}

/// `Related Coverage`, `Zum Weiterlesen:`, `Mehr zum Thema auf Example.de`.
fn is_teaser(lower: &str, bare: &str) -> bool {
    // Words are counted only for a line that starts with a teaser.
    let short = || lower.split_whitespace().count() <= MAX_TEASER_WORDS;
    TEASERS.iter().any(|t| {
        bare == *t
            || (starts_with(lower, t) && {
                let rest = &lower[t.len()..];
                rest.trim_start().starts_with(':') || (rest.starts_with(' ') && short())
            })
    })
}

/// `text.starts_with(prefix)`, the first bytes compared first: each line
/// is tried against every prefix, most of which it does not share even a
/// first byte with, and comparing the rest is a call each.
fn starts_with(text: &str, prefix: &str) -> bool {
    match (text.as_bytes().first(), prefix.as_bytes().first()) {
        (_, None) => true,
        (Some(a), Some(b)) => a == b && text.starts_with(prefix),
        (None, Some(_)) => false,
    }
}

/// A searcher for each of [`CONTAINS`], built once: `str::contains` builds
/// one for every line it looks in.
static CONTAINS_FINDERS: std::sync::LazyLock<Vec<memchr::memmem::Finder<'static>>> =
    std::sync::LazyLock::new(|| {
        CONTAINS
            .iter()
            .map(|p| memchr::memmem::Finder::new(p.as_bytes()))
            .collect()
    });

/// `Foto: ATON`, `Titelbild: Name/Agency`, `Beitragsbild`, `Crédits photos : X`.
fn is_image_label(lower: &str, bare: &str) -> bool {
    if IMAGE_LABELS.contains(&bare) {
        return true;
    }
    match lower.split_once(':') {
        Some((label, _)) => IMAGE_LABELS.contains(&label.trim_end()),
        None => false,
    }
}

/// A caption that ends in its credit: `Ski star from Switzerland. © AFP / Name`,
/// `Caption text | © Agency/Getty Images`.
fn ends_with_credit(line: &str) -> bool {
    let Some(at) = line.rfind('©') else {
        let end = line.trim_end_matches([')', ']', '.', ' ']);
        // Only `s` and `S` lower-case to a text that ends in `s`: other
        // lines are not lower-cased (a copy) to be looked at.
        return end.ends_with(['s', 'S']) && end.to_lowercase().ends_with("getty images");
    };
    let credit = &line[at + '©'.len_utf8()..];
    let words = credit.split_whitespace().count();
    (1..=MAX_CREDIT_WORDS).contains(&words) && !credit.trim_end_matches('.').contains(". ")
}

/// A box label with nothing after its colon, or only a date or a number:
/// `Release Date:`, `Weitere Informationen:`, `Release Date: 03/12/2020`.
fn is_label_only(line: &str) -> bool {
    let Some((label, value)) = line.split_once(':') else {
        return false;
    };
    let label = label.trim().to_lowercase();
    let value: Vec<&str> = value.split_whitespace().collect();
    BOX_LABELS.contains(&label.as_str())
        && value.len() <= MAX_VALUE_WORDS
        && value.iter().all(|t| t.chars().any(|c| c.is_ascii_digit()))
}

/// `Follow Backchannel: Twitter | Facebook`, `Follow us on Instagram`.
fn is_follow_prompt(lower: &str) -> bool {
    const NETWORKS: &[&str] = &[
        "twitter",
        "facebook",
        "instagram",
        "linkedin",
        "youtube",
        "tiktok",
        "threads",
        "bluesky",
        "mastodon",
    ];
    lower.starts_with("follow ")
        && lower.split_whitespace().count() <= 10
        && NETWORKS.iter().any(|n| lower.contains(n))
}

/// An agency credit line at the end of an article (`With IANS inputs`,
/// `(With assistance from Maxim Edwards.)`, `With inputs from PTI`).
/// Returns the agency named, if the line names one.
pub fn agency_credit(line: &str) -> Option<Option<String>> {
    let line = line
        .trim()
        .trim_start_matches('(')
        .trim_end_matches([')', '.', ' ']);
    // Paragraphs of text are long: measured before they are lower-cased.
    if line.chars().count() > 80 {
        return None;
    }
    let lower = line.to_lowercase();
    if let Some(rest) = lower.strip_prefix("with ") {
        if let Some(agency) = rest
            .strip_suffix(" inputs")
            .or_else(|| rest.strip_suffix(" input"))
        {
            let start = line.len() - rest.len();
            return Some(Some(line[start..start + agency.len()].trim().to_string()));
        }
        if let Some(agency) = rest.strip_prefix("inputs from ") {
            let start = line.len() - agency.len();
            return Some(Some(line[start..].trim().to_string()));
        }
        if rest.starts_with("assistance from ") || rest.starts_with("reporting by ") {
            return Some(None);
        }
    }
    if lower.starts_with("additional reporting by ")
        || lower.starts_with("reporting by ")
        || lower.starts_with("editing by ")
        || lower.starts_with("(reporting by ")
    {
        return Some(None);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_s_lower_cases_to_an_s() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            if c.to_lowercase().last() == Some('s') {
                assert!(matches!(c, 's' | 'S'), "{c:?}");
            }
        }
        assert!(is_boilerplate_line(
            "The Brennwald ferry at dawn (Tavi Quell/GETTY IMAGES)."
        ));
        assert!(!is_boilerplate_line(
            "The Brennwald ferry at dawn (Tavi Quell/Getty Image)"
        ));
    }

    #[test]
    fn a_prefix_is_compared_as_str_starts_with_does() {
        for (text, prefix) in [
            ("posted by Ilse Varn", "posted by "),
            ("posted", "posted by "),
            ("", "posted by "),
            ("anything", ""),
            ("", ""),
            ("à lire aussi : Brennwald", "à lire aussi"),
            ("a lire aussi", "à lire aussi"),
            ("p", "posted by "),
        ] {
            assert_eq!(
                starts_with(text, prefix),
                text.starts_with(prefix),
                "{text:?} {prefix:?}"
            );
        }
    }

    #[test]
    fn teasers_count_their_words_only_after_a_teaser() {
        assert!(is_boilerplate_line("Read also Brennwald council vote"));
        assert!(is_boilerplate_line("Read also: the Brennwald council voted on the new harbour and on a new ferry line to Osterholm today"));
        assert!(!is_boilerplate_line(
            "Read also the Brennwald council minutes of the vote on the new ferry line"
        ));
        assert!(is_boilerplate_line("© Orlen Post 2031"));
        assert!(is_boilerplate_line(
            "Brennwald Gazette. All rights reserved."
        ));
        assert!(!is_boilerplate_line(
            "The Brennwald council reserved all rights to the harbour."
        ));
    }

    #[test]
    fn comment_widgets_and_notices_are_boilerplate() {
        for line in [
            "Leave a Reply",
            "Comments",
            "blog comments powered by Disqus",
            "©2025 Bloomberg L.P. Visit bloomberg.com. Distributed by Tribune Content Agency, LLC.",
            "Published in News & Features",
            "Share this:",
            "Copyright 2024 The Example Times. All rights reserved.",
            "Follow Backchannel: Twitter |Facebook",
            "Comments (74 posted)",
            "Posted on Tuesday 15 October 2019 at 09:11 by Bradley M. Kuhn.",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        for line in [
            "The comments were published in a local newspaper on Monday.",
            "Share prices fell sharply after the announcement.",
            "He said he would leave a reply to the committee later.",
            "Follow the money, the prosecutor told the jury on Monday.",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn image_credits_and_labels_are_boilerplate() {
        for line in [
            "Foto: Jane Example",
            "Photo: Example Agency",
            "Bild: dpa",
            "Credit: John Doe/Example Press",
            "Image: Example Studio",
            "Titelbild: Anna Muster/Beispiel-Agentur",
            "Beitragsbild",
            "Crédits photos : Agence Exemple",
            "The mayor opens the new bridge. © Example Agency / Jane Doe",
            "The mayor opens the new bridge. | © Example Agency",
            "The mayor at the opening (Jane Doe/Getty Images)",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn read_more_teasers_and_placeholders_are_boilerplate() {
        for line in [
            "Related Coverage",
            "Read also: The bridge that nobody wanted",
            "Zum Weiterlesen:",
            "Lesen Sie auch",
            "Mehr zum Thema auf Beispiel.de",
            "À lire aussi",
            "Lee también: El puente que nadie quería",
            "Mire: El alcalde inaugura el puente",
            "PUEDES VER: ¿Qué es el puente nuevo?",
            "Externer Inhalt",
            "External content",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn labels_without_a_value_are_boilerplate() {
        for line in [
            "Release Date:",
            "Kontakt:",
            "Weitere Informationen:",
            "Release Date: 03/12/2020",
            "Last updated: 12.01.2021",
        ] {
            assert!(is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn sentences_that_mention_photos_credits_or_labels_stay() {
        for line in [
            "He said:",
            "The minister told reporters:",
            "Photo agencies said the pictures were taken on Monday.",
            "Related coverage of the trial was banned by the court for three weeks.",
            "Lesen Sie auch die Stellungnahme des Ministeriums, sagte der Sprecher am Montag in Berlin.",
            "Preis: 12 Euro pro Person, sagte die Veranstalterin, und der Eintritt für Kinder ist frei.",
            "The © sign was added to the logo in 1998, the company said, after a dispute over the name.",
            "10:30",
            "Primary Funding Source:",
            "Rating: 1",
            "Kontakt: Die Polizei bittet Zeugen, sich zu melden.",
            "Mire usted, dijo el alcalde, este puente no se construyó en un día y costó mucho dinero.",
        ] {
            assert!(!is_boilerplate_line(line), "{line}");
        }
    }

    #[test]
    fn agency_credits_name_the_agency() {
        assert_eq!(agency_credit("With IANS inputs"), Some(Some("IANS".into())));
        assert_eq!(
            agency_credit("With inputs from PTI"),
            Some(Some("PTI".into()))
        );
        assert_eq!(
            agency_credit("(With assistance from Maxim Edwards.)"),
            Some(None)
        );
        assert_eq!(agency_credit("With the talks over, both sides left."), None);
    }
}
