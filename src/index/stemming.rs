//! English stemming with a memo of the words already stemmed.
//!
//! Snowball stemming costs a few thousand instructions per word, and a
//! search stems the text of every hit again to place its snippet (as the
//! index did for every word of every passage). News vocabulary is
//! repetitive, so each thread keeps the stems of the words it has seen: the
//! same stems as tantivy's `Stemmer`, looked up instead of recomputed. The
//! memo is bounded; when full it starts again.

use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use tantivy::tokenizer::{Token, TokenFilter, TokenStream, Tokenizer};

/// Words remembered per thread (about 5 MB at most).
const MEMO_WORDS: usize = 100_000;

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo {
        stemmer: Stemmer::create(Algorithm::English),
        stems: FxHashMap::default(),
    });
}

struct Memo {
    stemmer: Stemmer,
    stems: FxHashMap<Box<str>, Box<str>>,
}

impl Memo {
    /// Replaces `word` by its stem.
    fn stem(&mut self, word: &mut String) {
        if let Some(stem) = self.stems.get(word.as_str()) {
            word.clear();
            word.push_str(stem);
            return;
        }
        let stem: Box<str> = self.stemmer.stem(word).into();
        if self.stems.len() >= MEMO_WORDS {
            self.stems.clear();
        }
        self.stems.insert(word.as_str().into(), stem.clone());
        word.clear();
        word.push_str(&stem);
    }
}

/// A token filter stemming English words, like tantivy's
/// `Stemmer::new(Language::English)`.
#[derive(Clone, Copy, Debug, Default)]
pub struct EnglishStemmer;

impl TokenFilter for EnglishStemmer {
    type Tokenizer<T: Tokenizer> = EnglishStemmerFilter<T>;

    fn transform<T: Tokenizer>(self, tokenizer: T) -> EnglishStemmerFilter<T> {
        EnglishStemmerFilter { inner: tokenizer }
    }
}

#[derive(Clone)]
pub struct EnglishStemmerFilter<T> {
    inner: T,
}

impl<T: Tokenizer> Tokenizer for EnglishStemmerFilter<T> {
    type TokenStream<'a> = EnglishStemmerStream<T::TokenStream<'a>>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> Self::TokenStream<'a> {
        EnglishStemmerStream {
            tail: self.inner.token_stream(text),
        }
    }
}

pub struct EnglishStemmerStream<T> {
    tail: T,
}

impl<T: TokenStream> TokenStream for EnglishStemmerStream<T> {
    fn advance(&mut self) -> bool {
        if !self.tail.advance() {
            return false;
        }
        let text = &mut self.tail.token_mut().text;
        MEMO.with(|memo| memo.borrow_mut().stem(text));
        true
    }

    fn token(&self) -> &Token {
        self.tail.token()
    }

    fn token_mut(&mut self) -> &mut Token {
        self.tail.token_mut()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::tokenizer::{Language, LowerCaser, SimpleTokenizer, TextAnalyzer};

    fn tokens(mut analyzer: TextAnalyzer, text: &str) -> Vec<String> {
        let mut stream = analyzer.token_stream(text);
        let mut out = Vec::new();
        while stream.advance() {
            out.push(stream.token().text.clone());
        }
        out
    }

    #[test]
    fn stems_as_tantivys_stemmer_does_the_first_time_and_every_time_after() {
        let text = "Talks resumed; negotiators said the talking was productive, \
                    running and runs, generously, nations national nationalities";
        let ours = || {
            TextAnalyzer::builder(SimpleTokenizer::default())
                .filter(LowerCaser)
                .filter(EnglishStemmer)
                .build()
        };
        let theirs = TextAnalyzer::builder(SimpleTokenizer::default())
            .filter(LowerCaser)
            .filter(tantivy::tokenizer::Stemmer::new(Language::English))
            .build();
        let expected = tokens(theirs, text);
        assert_eq!(tokens(ours(), text), expected);
        // Now from the memo.
        assert_eq!(tokens(ours(), text), expected);
    }

    #[test]
    fn a_full_memo_starts_again_and_still_stems() {
        let mut memo = Memo {
            stemmer: Stemmer::create(Algorithm::English),
            stems: FxHashMap::default(),
        };
        for i in 0..MEMO_WORDS + 10 {
            let mut word = format!("walking{i}");
            memo.stem(&mut word);
        }
        assert!(memo.stems.len() <= MEMO_WORDS);
        let mut word = "walking".to_string();
        memo.stem(&mut word);
        assert_eq!(word, "walk");
    }
}
