//! Person names within one article: stripping titles and roles from a name
//! as written, and resolving a surname to the full name the article used
//! earlier ("Witkoff" → "Steve Witkoff").

use regex::Regex;
use std::collections::BTreeMap;
use std::sync::LazyLock;

/// Words that are titles or roles, not parts of a name.
const TITLE_WORDS: &[&str] = &[
    "president",
    "vice",
    "prime",
    "minister",
    "special",
    "envoy",
    "secretary",
    "senator",
    "sen.",
    "rep.",
    "gov.",
    "governor",
    "mr",
    "mr.",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "dr",
    "dr.",
    "general",
    "lieutenant",
    "chief",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "adviser",
    "advisor",
    "official",
    "officials",
    "leader",
    "chancellor",
    "king",
    "queen",
    "prince",
    "pope",
    "judge",
    "mayor",
    "ambassador",
    "director",
    "chairman",
    "ceo",
    "u.s.",
    "us",
    "uk",
    "white",
    "house",
    "kremlin",
    "russian",
    "ukrainian",
    "american",
    "french",
    "british",
    "german",
    "russia’s",
    "ukraine’s",
    "russia's",
    "ukraine's",
    "top",
    "senior",
    "former",
    "foreign",
    "defense",
    "defence",
    "state",
    "the",
    "negotiator",
    "aide",
    "presidential",
];

/// Capitalized words that begin sentences or are not names.
const NOT_NAMES: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "and",
    "but",
    "it",
    "this",
    "that",
    "these",
    "those",
    "we",
    "they",
    "i",
    "he",
    "she",
    "his",
    "her",
    "their",
    "our",
    "according",
    "while",
    "when",
    "after",
    "before",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

static CAPITALIZED_RUN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*)+").expect("valid regex")
});

/// The full names seen so far in an article, and the forms each was
/// written in.
#[derive(Debug, Default)]
pub struct NameBook {
    /// Full name → other forms seen (surnames, titled forms).
    full_names: BTreeMap<String, Vec<String>>,
}

/// Strips titles and roles in front of a name: "U.S. Special Envoy Steve
/// Witkoff" → "Steve Witkoff". `None` if nothing name-like is left.
pub fn strip_titles(written: &str) -> Option<String> {
    let all: Vec<&str> = written.split_whitespace().collect();
    // "Donald Trump’s Special Envoy Steve Witkoff": the name follows the
    // last possessive.
    let after_possessive = all
        .iter()
        .rposition(|w| w.ends_with("’s") || w.ends_with("'s"))
        .map_or(0, |i| i + 1);
    let words = &all[after_possessive..];
    let is_title = |w: &&str| TITLE_WORDS.contains(&w.to_lowercase().as_str());
    let first_name_word = words.iter().position(|w| !is_title(w))?;
    let name: Vec<&str> = words[first_name_word..].to_vec();
    if name
        .iter()
        .any(|w| NOT_NAMES.contains(&w.to_lowercase().as_str()))
    {
        return None;
    }
    let name = name.join(" ");
    let name = name
        .trim_end_matches(['.', ',', '’', '\''])
        .trim_end_matches("’s")
        .to_string();
    (!name.is_empty()).then_some(name)
}

impl NameBook {
    /// Records the multi-word names in `text`.
    pub fn learn(&mut self, text: &str) {
        for m in CAPITALIZED_RUN.find_iter(text) {
            if let Some(name) = strip_titles(m.as_str()) {
                if name.split_whitespace().count() >= 2 {
                    self.full_names.entry(name).or_default();
                }
            }
        }
    }

    /// The full name for a speaker as written: itself when it is a full
    /// name, the unique known full name ending with it when it is a surname.
    pub fn resolve(&mut self, written: &str) -> Option<String> {
        let name = strip_titles(written)?;
        if name.split_whitespace().count() >= 2 {
            self.full_names.entry(name.clone()).or_default();
            return Some(name);
        }
        let matches: Vec<String> = self
            .full_names
            .keys()
            .filter(|full| full.rsplit(' ').next() == Some(name.as_str()))
            .cloned()
            .collect();
        match matches.as_slice() {
            [full] => {
                let forms = self.full_names.get_mut(full).expect("present");
                if !forms.contains(&name) {
                    forms.push(name);
                }
                Some(full.clone())
            }
            _ => None,
        }
    }

    /// Each full name with the other forms it was written in.
    pub fn aliases(&self) -> Vec<(String, Vec<String>)> {
        self.full_names
            .iter()
            .filter(|(_, forms)| !forms.is_empty())
            .map(|(full, forms)| (full.clone(), forms.clone()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_stripped() {
        assert_eq!(
            strip_titles("U.S. Special Envoy Steve Witkoff").as_deref(),
            Some("Steve Witkoff")
        );
        assert_eq!(strip_titles("President").as_deref(), None);
        assert_eq!(
            strip_titles("Donald Trump’s Special Envoy Steve Witkoff").as_deref(),
            Some("Steve Witkoff")
        );
    }

    #[test]
    fn surname_resolves_to_full_name() {
        let mut book = NameBook::default();
        book.learn("Envoy Steve Witkoff met Jared Kushner.");
        assert_eq!(book.resolve("Witkoff").as_deref(), Some("Steve Witkoff"));
        assert_eq!(book.resolve("Smith"), None);
    }
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
mod spelling_tests {
    use super::spelling_key;

    #[test]
    fn transliteration_variants_share_a_key() {
        assert_eq!(spelling_key("yury"), spelling_key("yuri"));
        assert_eq!(spelling_key("zelenskyy"), spelling_key("zelensky"));
        assert_eq!(spelling_key("zelenskiy"), spelling_key("zelensky"));
        assert_ne!(spelling_key("putin"), spelling_key("peskov"));
    }
}
