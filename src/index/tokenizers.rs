//! The text analyzers of the index, registered every time an index is
//! opened (tantivy does not persist them).
//!
//! - `news` for article text and titles: words, lower case, accents folded,
//!   English stemming, so `talks` matches `talk` and `Zelenskyy’s` matches
//!   `zelenskyy`. Stemming was most of the CPU time of indexing, and news
//!   text repeats the same few thousand words, so the per-word steps are
//!   memoized ([`Memoized`]).
//! - `folded` for outlets and authors: the same without stemming, so
//!   `--source bloomberg` matches "Bloomberg News" but not "Bloom".
//! - `name` for speakers: `folded` plus a spelling key that merges
//!   transliteration variants ("Yury"/"Yuri", "Zelensky"/"Zelenskyy").

use crate::attribution::names::spelling_key;
use rustc_hash::FxHashMap;
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RawTokenizer, RemoveLongFilter, SimpleTokenizer,
    Stemmer, TextAnalyzer, Token, TokenFilter, TokenStream, Tokenizer,
};

pub const NEWS: &str = "news";
pub const FOLDED: &str = "folded";
pub const NAME: &str = "name";

/// Registers the analyzers on `index`.
pub fn register(index: &tantivy::Index) {
    let manager = index.tokenizers();
    manager.register(NEWS, news());
    manager.register(FOLDED, folded());
    manager.register(NAME, name());
}

pub fn news() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(Memoized::new(
            TextAnalyzer::builder(RawTokenizer::default())
                .filter(LowerCaser)
                .filter(AsciiFoldingFilter)
                .filter(Stemmer::new(Language::English))
                .build(),
        ))
        .build()
}

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

/// Applies `chain` (a [`RawTokenizer`] followed by filters that each
/// rewrite or drop a single token, such as lower-casing and stemming) to
/// every token, remembering the result per distinct token text. The terms
/// are exactly those of the filters applied in line; each distinct word is
/// only lower-cased, folded and stemmed once per tokenizer (tantivy keeps
/// one tokenizer per field and indexing thread for a whole segment).
#[derive(Clone)]
pub struct Memoized {
    chain: TextAnalyzer,
}

impl Memoized {
    pub fn new(chain: TextAnalyzer) -> Memoized {
        Memoized { chain }
    }
}

/// Distinct token texts remembered before the memory is reset, so that a
/// corpus of ever new words (numbers, codes) cannot grow it without bound.
const MEMOIZED_WORDS: usize = 200_000;

impl TokenFilter for Memoized {
    type Tokenizer<T: Tokenizer> = MemoizedFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> MemoizedFilter<T> {
        MemoizedFilter {
            inner: tokenizer,
            chain: self.chain,
            terms: FxHashMap::default(),
        }
    }
}

#[derive(Clone)]
pub struct MemoizedFilter<T> {
    inner: T,
    chain: TextAnalyzer,
    /// Token text -> the term the chain makes of it (None: dropped).
    terms: FxHashMap<Box<str>, Option<Box<str>>>,
}

impl<T: Tokenizer> Tokenizer for MemoizedFilter<T> {
    type TokenStream<'a> = MemoizedStream<'a, T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        MemoizedStream {
            tail: self.inner.token_stream(text),
            chain: &mut self.chain,
            terms: &mut self.terms,
        }
    }
}

pub struct MemoizedStream<'a, T> {
    tail: T,
    chain: &'a mut TextAnalyzer,
    terms: &'a mut FxHashMap<Box<str>, Option<Box<str>>>,
}

/// The term `chain` makes of one token text (None: it drops the token).
fn term_of(chain: &mut TextAnalyzer, text: &str) -> Option<Box<str>> {
    let mut stream = chain.token_stream(text);
    stream
        .advance()
        .then(|| stream.token().text.as_str().into())
}

impl<T: TokenStream> TokenStream for MemoizedStream<'_, T> {
    fn advance(&mut self) -> bool {
        while self.tail.advance() {
            let token = self.tail.token_mut();
            let term = match self.terms.get(token.text.as_str()) {
                Some(Some(term)) => Some(term),
                Some(None) => None,
                None => {
                    if self.terms.len() >= MEMOIZED_WORDS {
                        self.terms.clear();
                    }
                    let term = term_of(self.chain, &token.text);
                    self.terms
                        .entry(token.text.as_str().into())
                        .or_insert(term)
                        .as_ref()
                }
            };
            if let Some(term) = term {
                token.text.clear();
                token.text.push_str(term);
                return true;
            }
        }
        false
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
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

    #[test]
    fn memoized_terms_are_those_of_the_filters_in_line() {
        let mut plain = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(RemoveLongFilter::limit(40))
            .filter(LowerCaser)
            .filter(AsciiFoldingFilter)
            .filter(Stemmer::new(Language::English))
            .build();
        let mut memoized = news();
        let text = "Talks, TALKS and talking: Zelenskyy’s talks in Kyïv; \
                    Straße STRASSE straße 2024 2024 ünïcödé Ünïcödé talks";
        // Twice through the same analyzer: the second pass is all hits.
        for _ in 0..2 {
            assert_eq!(tokens(&mut memoized, text), tokens(&mut plain, text));
        }
        let mut offsets = Vec::new();
        let mut stream = memoized.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            offsets.push((t.position, t.offset_from, t.offset_to));
        }
        let mut expected = Vec::new();
        let mut stream = plain.token_stream(text);
        while stream.advance() {
            let t = stream.token();
            expected.push((t.position, t.offset_from, t.offset_to));
        }
        assert_eq!(offsets, expected);
    }

    #[test]
    fn memoized_filters_may_drop_tokens() {
        let chain = TextAnalyzer::builder(RawTokenizer::default())
            .filter(LowerCaser)
            .filter(RemoveLongFilter::limit(5))
            .build();
        let mut a = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(Memoized::new(chain))
            .build();
        for _ in 0..2 {
            assert_eq!(
                tokens(&mut a, "Keep THIS, drop elephants, Keep"),
                ["keep", "this", "drop", "keep"]
            );
        }
    }

    #[test]
    fn news_text_is_stemmed_and_folded() {
        let mut a = news();
        assert_eq!(tokens(&mut a, "Talks in Kyïv"), ["talk", "in", "kyiv"]);
    }
}
