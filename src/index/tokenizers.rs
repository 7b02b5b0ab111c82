//! The text analyzers of the index, registered every time an index is
//! opened (tantivy does not persist them).
//!
//! - `news` for article text and titles: words, lower case, accents folded,
//!   English stemming, so `talks` matches `talk` and `Zelenskyy’s` matches
//!   `zelenskyy`. Stemming was most of the CPU time of indexing, and news
//!   text repeats the same few thousand words, so each thread remembers the
//!   term of every word it has seen ([`NewsWords`]).
//! - `news_de`, `news_fr`, … the same with the stemmer of each other
//!   language tantivy has one for ([`STEMMED`]) (`Häuser` matches `Haus`
//!   in German text).
//! - `news_tagged` for `stemmed_text` and `stemmed_title`, which hold the
//!   text and title of articles in those languages: a value opens with its
//!   language ([`tagged_value`]), is analysed by that language's `news_xx`,
//!   and each term carries the language ([`term_tag`]: `de:haus`), so one
//!   pair of fields serves every language (see [`tagged_news`]).
//! - `folded` for outlets and authors: the same without stemming, so
//!   `--source bloomberg` matches "Bloomberg News" but not "Bloom".
//! - `name` for speakers: `folded` plus a spelling key that merges
//!   transliteration variants ("Yury"/"Yuri", "Zelensky"/"Zelenskyy").

use crate::attribution::names::spelling_key;
use arrayvec::ArrayString;
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer, TokenizerManager,
};

pub const NEWS: &str = "news";

/// The languages besides English that have a Snowball stemmer in tantivy,
/// by ISO 639-1 code (as `crate::language` names them). An article in one
/// of them has its text and title analysed by [`analyzer_name`]`(code)` too.
pub const STEMMED: &[(&str, Language)] = &[
    ("ar", Language::Arabic),
    ("da", Language::Danish),
    ("de", Language::German),
    ("el", Language::Greek),
    ("es", Language::Spanish),
    ("fi", Language::Finnish),
    ("fr", Language::French),
    ("hu", Language::Hungarian),
    ("it", Language::Italian),
    ("nb", Language::Norwegian),
    ("nl", Language::Dutch),
    ("pt", Language::Portuguese),
    ("ro", Language::Romanian),
    ("ru", Language::Russian),
    ("sv", Language::Swedish),
    ("ta", Language::Tamil),
    ("tr", Language::Turkish),
];

/// The name of the analyzer of a language of [`STEMMED`]: `news_de`.
pub fn analyzer_name(code: &str) -> String {
    format!("{NEWS}_{code}")
}
pub const FOLDED: &str = "folded";
pub const NAME: &str = "name";

pub const TAGGED: &str = "news_tagged";

/// Registers the analyzers on `index`.
pub fn register(index: &tantivy::Index) {
    register_on(index.tokenizers(), None);
}

/// Registers the analyzers on `manager`; `news_tagged` reads a value that
/// opens with no language tag as written in `query_language` (a query is
/// parsed once per language present), or not at all.
pub fn register_on(manager: &TokenizerManager, query_language: Option<&'static str>) {
    manager.register(NEWS, news());
    manager.register(FOLDED, folded());
    manager.register(NAME, name());
    for &(code, language) in STEMMED {
        manager.register(&analyzer_name(code), news_in(language));
    }
    manager.register(TAGGED, tagged_news(query_language));
}

/// The language of [`STEMMED`] with the ISO 639-1 code `code`.
pub fn stemmed_language(code: &str) -> Option<(&'static str, Language)> {
    STEMMED.iter().copied().find(|(c, _)| *c == code)
}

/// Ends the language code that opens a value of `stemmed_text` or
/// `stemmed_title`: the first one does, whatever the text after it holds.
const VALUE_TAG_END: char = '\u{1}';

/// A value for `stemmed_text` or `stemmed_title`: `text` as written in
/// the language `code` of [`STEMMED`].
pub fn tagged_value(code: &str, text: &str) -> String {
    let mut value = String::with_capacity(code.len() + 1 + text.len());
    value.push_str(code);
    value.push(VALUE_TAG_END);
    value.push_str(text);
    value
}

/// What the terms of language `code` open with in `stemmed_text` and
/// `stemmed_title` (`de:`): the languages share the fields, not the terms,
/// so each term's frequencies are those of its own language.
pub fn term_tag(code: &str) -> String {
    format!("{code}:")
}

/// The `news_tagged` tokenizer: a value made by [`tagged_value`] is read by
/// its language's `news_xx` and each of its terms tagged by [`term_tag`];
/// an untagged value (a query's words) as written in `default`, or not at
/// all.
///
/// One field pair for all languages rather than one per language: every
/// field with norms costs a byte per document whether a document fills it
/// or not, and every segment writes its term dictionary; 34 empty fields
/// made 5% of an English index and most of the commit of one new article.
pub fn tagged_news(default: Option<&'static str>) -> TextAnalyzer {
    TextAnalyzer::builder(TaggedNewsWords {
        words: NewsWords {
            token: Token::default(),
            language: Language::English,
            starts: None,
        },
        default,
    })
    .build()
}

#[derive(Clone)]
pub struct TaggedNewsWords {
    words: NewsWords,
    default: Option<&'static str>,
}

impl Tokenizer for TaggedNewsWords {
    type TokenStream<'a> = TaggedStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TaggedStream<'a> {
        let tagged = text
            .split_once(VALUE_TAG_END)
            .and_then(|(code, body)| Some((stemmed_language(code)?, body, code.len() + 1)));
        let (language, body, skipped) = match tagged {
            Some((language, body, skipped)) => (Some(language), body, skipped),
            None => (self.default.and_then(stemmed_language), text, 0),
        };
        let (tag, body) = match language {
            Some((code, language)) => {
                self.words.language = language;
                (term_tag(code), body)
            }
            // Nothing to read it as: no terms.
            None => (String::new(), ""),
        };
        TaggedStream {
            words: self.words.token_stream(body),
            tag,
            skipped,
        }
    }
}

pub struct TaggedStream<'a> {
    words: NewsWordStream<'a>,
    tag: String,
    /// The bytes of the value's tag, before the text the offsets are in.
    skipped: usize,
}

impl TokenStream for TaggedStream<'_> {
    fn advance(&mut self) -> bool {
        if !self.words.advance() {
            return false;
        }
        let token = self.words.token_mut();
        token.text.insert_str(0, &self.tag);
        token.offset_from += self.skipped;
        token.offset_to += self.skipped;
        true
    }

    fn token(&self) -> &Token {
        self.words.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.words.token_mut()
    }
}

pub fn news() -> TextAnalyzer {
    news_in(Language::English)
}

/// `news` with the stemmer of `language`.
pub fn news_in(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(NewsWords {
        token: Token::default(),
        language,
        starts: None,
    })
    .build()
}

/// `news` for finding the words of a passage whose terms are among
/// `terms` (highlighting): the same words with the same terms, but a word
/// that starts with an ASCII character no term starts with is passed over
/// before its term is looked up (and so never comes out).
///
/// Lower-casing, folding and English stemming keep the first character of
/// a word that starts with an ASCII one: they change only case, non-ASCII
/// characters and endings (Snowball's English stemmer has no prefix rule;
/// its special forms, `skis` to `ski`, `dying` to `die`, keep it too). Most
/// words of a shown passage start with another letter than the query's
/// terms, and looking up and copying their terms was a tenth of a search
/// for one common word on the 100,000-article benchmark index (`perf`).
/// Other languages' stemmers may remove a prefix (Arabic's does), so this
/// is for English only.
pub fn news_matching(terms: &[String]) -> TextAnalyzer {
    let mut starts = AsciiStarts(0);
    for term in terms {
        if let Some(&first) = term.as_bytes().first().filter(|b| b.is_ascii()) {
            starts.0 |= 1 << first;
        }
    }
    TextAnalyzer::builder(NewsWords {
        token: Token::default(),
        language: Language::English,
        starts: Some(starts),
    })
    .build()
}

/// The ASCII characters some term starts with, one bit each.
#[derive(Clone, Copy)]
struct AsciiStarts(u128);

impl AsciiStarts {
    /// Whether `word`'s term may start with one of the characters: always
    /// for a word starting with a character outside ASCII (its lower case
    /// or folding may be anything).
    fn may_start(self, word: &str) -> bool {
        match word.as_bytes().first() {
            Some(&b) if b.is_ascii() => self.0 & (1 << b.to_ascii_lowercase()) != 0,
            _ => true,
        }
    }
}

/// What `news` does to one word, as filters: lower case, accents folded,
/// stem (of `language`).
fn news_word_chain(language: Language) -> TextAnalyzer {
    TextAnalyzer::builder(RawTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(Stemmer::new(language))
        .build()
}

/// Words of this many bytes or more are not indexed (as tantivy's
/// `RemoveLongFilter::limit(40)`).
const NEWS_MAX_WORD_BYTES: usize = 40;

pub fn folded() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build()
}

pub fn name() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(SpellingKey)
        .build()
}

/// Replaces each (folded, lower-case) word by its [`spelling_key`].
#[derive(Clone)]
pub struct SpellingKey;

impl TokenFilter for SpellingKey {
    type Tokenizer<T: Tokenizer> = SpellingKeyFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> SpellingKeyFilter<T> {
        SpellingKeyFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct SpellingKeyFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for SpellingKeyFilter<T> {
    type TokenStream<'a> = SpellingKeyStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        SpellingKeyStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct SpellingKeyStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for SpellingKeyStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let key = spelling_key(&self.tail.token().text);
        self.tail.token_mut().text = key;
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

/// The `news` tokenizer: the words of a text as [`SimpleTokenizer`] cuts
/// them (runs of letters and digits, which hidden characters such as a
/// soft hyphen join rather than cut: [`crate::invisible`]), without those of
/// [`NEWS_MAX_WORD_BYTES`] or more (as [`RemoveLongFilter`]), each turned
/// into its term by [`news_word_chain`]. Positions, offsets and terms are
/// those of the tokenizer and filters in line; but each thread sends each
/// distinct word through the filters once, and remembers its term.
///
/// This is the costliest step of indexing (every word of every passage and
/// title), and news text repeats a few thousand words: stemming alone was a
/// quarter of the instructions of a build. The memory is per thread rather
/// than per tokenizer because tantivy clones the tokenizer for every
/// snippet. Each language has its own memory (made when the thread first
/// meets the language).
#[derive(Clone)]
pub struct NewsWords {
    token: Token,
    language: Language,
    /// When set, the words passed over before their terms are looked up
    /// (see [`news_matching`]).
    starts: Option<AsciiStarts>,
}

thread_local! {
    static NEWS_TERMS: RefCell<Vec<(Language, TextAnalyzer, Terms)>> =
        RefCell::new(vec![(Language::English, news_word_chain(Language::English), Terms::default())]);
}

/// Runs `f` on the filters and the memory of `language` in this thread.
fn with_terms<R>(language: Language, f: impl FnOnce(&mut TextAnalyzer, &mut Terms) -> R) -> R {
    NEWS_TERMS.with(|memo| {
        let memo = &mut *memo.borrow_mut();
        let at = match memo.iter().position(|(l, _, _)| *l == language) {
            Some(at) => at,
            None => {
                memo.push((language, news_word_chain(language), Terms::default()));
                memo.len() - 1
            }
        };
        let (_, chain, terms) = &mut memo[at];
        f(chain, terms)
    })
}

impl Tokenizer for NewsWords {
    type TokenStream<'a> = NewsWordStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsWordStream<'a> {
        self.token.reset();
        NewsWordStream {
            text,
            at: 0,
            joined: String::new(),
            token: &mut self.token,
            language: self.language,
            starts: self.starts,
        }
    }
}

pub struct NewsWordStream<'a> {
    text: &'a str,
    /// Where the search for the next word starts.
    at: usize,
    /// The current word without its hidden characters, when it has some.
    joined: String,
    token: &'a mut Token,
    language: Language,
    starts: Option<AsciiStarts>,
}

impl NewsWordStream<'_> {
    /// The byte range of the next run of alphanumeric characters, and
    /// whether hidden characters ([`crate::invisible`]) join parts of it
    /// (`Bundes\u{ad}kanzler` is one word).
    fn next_word(&mut self) -> Option<(usize, usize, bool)> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        let start = loop {
            let (alphanumeric, len) = char_class(self.text, *bytes.get(at)?, at);
            if alphanumeric {
                break at;
            }
            at += len;
        };
        let mut end = start;
        let mut joined = false;
        while let Some(&b) = bytes.get(end) {
            let (alphanumeric, len) = char_class(self.text, b, end);
            if alphanumeric {
                end += len;
                continue;
            }
            if b.is_ascii() {
                break;
            }
            match self.hidden_run_joining(end) {
                Some(after) => {
                    joined = true;
                    end = after;
                }
                None => break,
            }
        }
        self.at = end;
        Some((start, end, joined))
    }

    /// Where the alphanumeric character after a run of hidden characters
    /// starting at `at` starts, if such a run is there.
    #[inline(never)]
    fn hidden_run_joining(&self, at: usize) -> Option<usize> {
        let mut after = at;
        for c in self.text[at..].chars() {
            if crate::invisible::is_hidden(c) {
                after += c.len_utf8();
            } else {
                return (after > at && c.is_alphanumeric()).then_some(after);
            }
        }
        None
    }
}

/// Whether the character at `at` (whose first byte is `b`) is alphanumeric,
/// and its length in bytes; without decoding ASCII.
#[inline(always)]
fn char_class(text: &str, b: u8, at: usize) -> (bool, usize) {
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), 1)
    } else {
        let c = text[at..].chars().next().expect("a character starts here");
        (c.is_alphanumeric(), c.len_utf8())
    }
}

impl TokenStream for NewsWordStream<'_> {
    fn advance(&mut self) -> bool {
        self.token.text.clear();
        loop {
            // Every word takes a position, dropped ones too, as in line.
            self.token.position = self.token.position.wrapping_add(1);
            let Some((from, to, joined)) = self.next_word() else {
                return false;
            };
            let mut word = &self.text[from..to];
            if joined {
                self.joined.clear();
                let visible = word.chars().filter(|&c| !crate::invisible::is_hidden(c));
                self.joined.extend(visible);
                word = &self.joined;
            }
            if word.len() >= NEWS_MAX_WORD_BYTES
                || self.starts.is_some_and(|starts| !starts.may_start(word))
            {
                continue;
            }
            let text = &mut self.token.text;
            let kept = with_terms(self.language, |chain, terms| {
                terms.write_term(word, chain, text)
            });
            if kept {
                self.token.offset_from = from;
                self.token.offset_to = to;
                return true;
            }
        }
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// Distinct words remembered before the memory is reset, so that a corpus
/// of ever new words (numbers, codes) cannot grow it without bound.
const MEMOIZED_WORDS: usize = 100_000;

/// Words and their terms. Short ones (most) are held inline, so that a
/// lookup reads one table slot and no other memory.
#[derive(Clone, Default)]
struct Terms {
    short: FxHashMap<ShortText, ShortTerm>,
    long: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl Terms {
    /// Replaces `out` with the term of `word`; false if the chain drops it.
    fn write_term(&mut self, word: &str, chain: &mut TextAnalyzer, out: &mut String) -> bool {
        out.clear();
        let term = match ShortText::new(word) {
            Some(key) => {
                let found = match self.short.get(&key) {
                    Some(&found) => found,
                    None => {
                        let term = term_of(chain, word);
                        let found = match &term {
                            None => ShortTerm::Dropped,
                            Some(t) => {
                                ArrayString::from(t).map_or(ShortTerm::Long, ShortTerm::Short)
                            }
                        };
                        self.make_room();
                        self.short.insert(key, found);
                        if found == ShortTerm::Long {
                            self.long.insert(word.into(), term.map(Into::into));
                        }
                        found
                    }
                };
                match found {
                    ShortTerm::Short(t) => {
                        out.push_str(t.as_str());
                        return true;
                    }
                    ShortTerm::Dropped => return false,
                    ShortTerm::Long => self.long.get(word).cloned().flatten(),
                }
            }
            None => match self.long.get(word) {
                Some(term) => term.clone(),
                None => {
                    let term: Option<Box<str>> = term_of(chain, word).map(Into::into);
                    self.make_room();
                    self.long.insert(word.into(), term.clone());
                    term
                }
            },
        };
        match term {
            Some(t) => {
                out.push_str(&t);
                true
            }
            None => false,
        }
    }

    fn make_room(&mut self) {
        if self.short.len() + self.long.len() >= MEMOIZED_WORDS {
            self.short.clear();
            self.long.clear();
        }
    }
}

/// Up to 15 bytes of text inline, zero-padded, the length in the last byte.
#[derive(Clone, Copy, PartialEq, Eq)]
struct ShortText([u8; 16]);

impl ShortText {
    fn new(text: &str) -> Option<ShortText> {
        let bytes = text.as_bytes();
        (bytes.len() < 16).then(|| {
            let mut inline = [0u8; 16];
            inline[..bytes.len()].copy_from_slice(bytes);
            inline[15] = bytes.len() as u8;
            ShortText(inline)
        })
    }
}

impl std::hash::Hash for ShortText {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u128(u128::from_ne_bytes(self.0));
    }
}

/// The term of a short word: inline, dropped, or in `Terms::long`. Held
/// as a string, so that writing it out does not check its bytes again
/// (a twelfth of a memory hit, at every word indexed or highlighted).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ShortTerm {
    Short(ArrayString<15>),
    Dropped,
    Long,
}

/// The term `chain` makes of one word (None: it drops the word).
fn term_of(chain: &mut TextAnalyzer, word: &str) -> Option<String> {
    let mut stream = chain.token_stream(word);
    stream.advance().then(|| stream.token().text.clone())
}

/// The tokens `analyzer` makes of `text`.
pub fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<String> {
    let mut stream = analyzer.token_stream(text);
    let mut out = Vec::new();
    while stream.advance() {
        out.push(stream.token().text.clone());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_variants_share_tokens() {
        let mut a = name();
        assert_eq!(
            tokens(&mut a, "Yury Ushakov"),
            tokens(&mut a, "Yuri Ushakov")
        );
        assert_eq!(tokens(&mut a, "Zelensky"), tokens(&mut a, "ZELENSKYY"));
        assert_ne!(tokens(&mut a, "Witkoff"), tokens(&mut a, "Umerov"));
    }

    /// Every token with its position and offsets.
    fn all_tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            let t = stream.token();
            out.push((t.text.clone(), t.position, t.offset_from, t.offset_to));
        }
        out
    }

    /// What `news` memoizes: the tokenizer and filters in line.
    fn news_in_line() -> TextAnalyzer {
        in_line(Language::English)
    }

    /// What `news_in(language)` memoizes.
    fn in_line(language: Language) -> TextAnalyzer {
        TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(language))
            .build()
    }

    /// The words `news_matching` finds for a term are those whose `news`
    /// term it is: passing words over by their first character loses none,
    /// whatever the case, accents, digits or stemming of the words.
    #[test]
    fn words_passed_over_for_highlighting_never_have_the_terms() {
        let text = "Talks, TALKS and talking: Zelenskyy’s talks in Kyïv; \
                    Yesterday young YOUTHS yearly; skis dying lying tying idly gently \
                    ugly early only singly sky news howe atlas cosmos bias andes \
                    Straße STRASSE 2024 2024th 3rd ünïcödé Ünïcödé Éclair eclairs \
                    Æsir aesir œuvre oeuvre ﬁnance finances ǅemal dzemal \
                    generously generous generate general GENERALLY \
                    Bundes\u{ad}kanzler bundeskanzler İstanbul istanbul ⓀⓎⒾⓋ \
                    Pneumonoultramicroscopicsilicovolcanoconiosis";
        let mut full = news();
        let terms: Vec<String> = all_tokens(&mut full, text)
            .into_iter()
            .map(|t| t.0)
            .collect();
        let ranges = |analyzer: &mut TextAnalyzer, term: &str| -> Vec<(usize, usize)> {
            all_tokens(analyzer, text)
                .into_iter()
                .filter(|t| t.0 == term)
                .map(|t| (t.2, t.3))
                .collect()
        };
        for term in &terms {
            let expected = ranges(&mut full, term);
            assert!(!expected.is_empty());
            let mut matching = news_matching(std::slice::from_ref(term));
            assert_eq!(ranges(&mut matching, term), expected, "{term}");
        }
        // Several terms at once, and words of other first letters passed
        // over: only `t`, `y` and `g` words (and those starting outside
        // ASCII) come out.
        let some = [
            "talk".to_string(),
            "young".to_string(),
            "general".to_string(),
        ];
        let mut matching = news_matching(&some);
        let out = all_tokens(&mut matching, text);
        assert!(out.iter().all(|t| t.0.starts_with(['t', 'y', 'g'])
            || !text[t.2..].starts_with(|c: char| c.is_ascii())));
        assert!(out.len() < terms.len() / 2);
    }

    #[test]
    fn memoized_terms_are_those_of_the_filters_in_line() {
        let mut in_line = news_in_line();
        let mut memoized = news();
        let text = "Talks, TALKS and talking: Zelenskyy’s talks in Kyïv; \
                    Straße STRASSE straße 2024 2024 ünïcödé Ünïcödé talks \
                    internationalisation INTERNATIONALISATIONS ǅemal ǆ Æsir œuvre ﬁnance \
                    Pneumonoultramicroscopicsilicovolcanoconiosis is 45 letters long \
                    İİİİİİİ ⓀⓎⒾⓋ";
        // Twice through the same tokenizer: the second pass is all hits.
        for _ in 0..2 {
            assert_eq!(
                all_tokens(&mut memoized, text),
                all_tokens(&mut in_line, text)
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn memoized_tokens_match_in_line(
            texts in proptest::collection::vec("(\\PC|[ ,.'’ßæœİIıﬁ]|[a-zA-Z]{1,45}){0,40}", 1..4)
        ) {
            let (mut memoized, mut in_line) = (news(), news_in_line());
            for text in texts.iter().chain(&texts) {
                proptest::prop_assert_eq!(all_tokens(&mut memoized, text), all_tokens(&mut in_line, text));
            }
        }
    }

    #[test]
    fn hidden_characters_inside_a_word_do_not_cut_it() {
        let mut news = news();
        let text =
            "Bundes\u{ad}kanzler Stein\u{200d}meier \u{200e}Kyiv\u{200f} talk\u{ad}\u{2060}s\u{ad}";
        assert_eq!(
            tokens(&mut news, text),
            tokens(&mut news_in_line(), "Bundeskanzler Steinmeier Kyiv talks")
        );
        // Offsets are those of the text as written, hidden characters
        // inside the word included.
        let spans: Vec<&str> = all_tokens(&mut news, text)
            .iter()
            .map(|(_, _, from, to)| &text[*from..*to])
            .collect();
        assert_eq!(
            spans,
            [
                "Bundes\u{ad}kanzler",
                "Stein\u{200d}meier",
                "Kyiv",
                "talk\u{ad}\u{2060}s"
            ]
        );
        // A zero-width space is a space.
        assert_eq!(
            tokens(&mut news, "Bundes\u{200b}kanzler"),
            tokens(&mut news_in_line(), "Bundes kanzler")
        );
    }

    #[test]
    fn a_word_the_filters_drop_is_remembered_as_dropped() {
        let mut chain = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(RemoveLongFilter::limit(5))
            .build();
        let mut terms = Terms::default();
        let mut out = String::new();
        for _ in 0..2 {
            assert!(terms.write_term("Keep", &mut chain, &mut out));
            assert_eq!(out, "keep");
            assert!(!terms.write_term("Elephants", &mut chain, &mut out));
            assert!(!terms.write_term("extraordinarily", &mut chain, &mut out));
            assert!(terms.write_term("THIS", &mut chain, &mut out));
            assert_eq!(out, "this");
        }
    }

    #[test]
    fn clones_of_the_tokenizer_share_the_memory_of_their_thread() {
        let text = "Negotiators said the talks were productive";
        let first = all_tokens(&mut news(), text);
        let english = || with_terms(Language::English, |_, terms| terms.short.len());
        let remembered = english();
        assert!(remembered >= 6, "{remembered}");
        assert_eq!(all_tokens(&mut news().clone(), text), first);
        assert_eq!(english(), remembered);
    }

    #[test]
    fn news_text_is_stemmed_and_folded() {
        let mut a = news();
        assert_eq!(tokens(&mut a, "Talks in Kyïv"), ["talk", "in", "kyiv"]);
    }

    #[test]
    fn each_language_is_stemmed_by_its_own_stemmer() {
        let stems = |code: &str, text: &str| {
            let language = STEMMED.iter().find(|(c, _)| *c == code).unwrap().1;
            tokens(&mut news_in(language), text)
        };
        assert_eq!(stems("de", "Häuser Haus"), ["haus", "haus"]);
        assert_eq!(stems("de", "Familien Familie"), ["famili", "famili"]);
        assert_eq!(stems("fr", "chevaux cheval"), ["cheval", "cheval"]);
        assert_eq!(
            stems("fr", "négociations négociation"),
            ["negoci", "negoci"]
        );
        assert_eq!(stems("es", "canciones canción"), ["cancion", "cancion"]);
        // The English stemmer leaves the German plural alone.
        assert_ne!(tokens(&mut news(), "Häuser"), tokens(&mut news(), "Haus"));
    }

    #[test]
    fn every_language_memoizes_the_terms_of_its_filters_in_line() {
        let text = "Die Häuser der Familien; les négociations, las canciones; \
                    Straße STRASSE 2024 Ünïcödé ÜNÏCÖDÉ Москва москвы Αθήνα";
        for &(code, language) in STEMMED.iter().chain(&[("en", Language::English)]) {
            let (mut memoized, mut in_line) = (news_in(language), in_line(language));
            for _ in 0..2 {
                assert_eq!(
                    all_tokens(&mut memoized, text),
                    all_tokens(&mut in_line, text),
                    "{code}"
                );
            }
        }
    }

    #[test]
    fn a_tagged_value_is_read_in_its_language_and_its_terms_carry_it() {
        let mut tagged = tagged_news(None);
        let value = tagged_value("de", "Die Häuser");
        assert_eq!(
            all_tokens(&mut tagged, &value),
            [
                ("de:die".to_string(), 0, 3, 6),
                ("de:haus".to_string(), 1, 7, 14)
            ]
        );
        assert_eq!(&value[7..14], "Häuser");
        assert_eq!(
            tokens(&mut tagged, &tagged_value("fr", "négociations")),
            ["fr:negoci"]
        );
        // Words without a tag: a query's, read in the language it is
        // parsed for, or not at all.
        assert!(tokens(&mut tagged, "Häuser").is_empty());
        assert_eq!(tokens(&mut tagged_news(Some("de")), "Häuser"), ["de:haus"]);
        assert_eq!(
            tokens(
                &mut tagged_news(Some("de")),
                &tagged_value("es", "canciones")
            ),
            ["es:cancion"]
        );
    }

    #[test]
    fn languages_keep_separate_memories_in_one_thread() {
        // The same word, stemmed two ways, one language after the other.
        let german = news_in(Language::German);
        for _ in 0..2 {
            assert_eq!(tokens(&mut news(), "Häuser"), ["hauser"]);
            assert_eq!(tokens(&mut german.clone(), "Häuser"), ["haus"]);
        }
    }
}
