//! The text analyzers of the index, registered every time an index is
//! opened (tantivy does not persist them).
//!
//! - `news` for article text and titles: words, lower case, accents folded,
//!   English stemming, so `talks` matches `talk` and `Zelenskyy’s` matches
//!   `zelenskyy`.
//! - `folded` for outlets and authors: the same without stemming, so
//!   `--source bloomberg` matches "Bloomberg News" but not "Bloom".
//! - `name` for speakers: `folded` plus a spelling key that merges
//!   transliteration variants ("Yury"/"Yuri", "Zelensky"/"Zelenskyy").

use super::stemming::EnglishStemmer;
use crate::attribution::names::spelling_key;
use tantivy::tokenizer::{
    AsciiFoldingFilter, LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, Token,
    TokenFilter, TokenStream, Tokenizer,
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
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .filter(EnglishStemmer)
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
    fn news_text_is_stemmed_and_folded() {
        let mut a = news();
        assert_eq!(tokens(&mut a, "Talks in Kyïv"), ["talk", "in", "kyiv"]);
    }
}
