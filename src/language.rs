//! The language an article is written in, as an ISO 639-1 code (`en`,
//! `de`): what the page or record declares (`<html lang="de-AT">`,
//! `og:locale`, a `language` field), else what its text looks like.
//!
//! A crawl is never one language, and attribution's rules are English
//! rules: run on German they read every "Label: text" line as a quotation.
//! Knowing the language lets attribution stay out of text it cannot read,
//! and lets a user filter by it.
//!
//! Detection uses `whatlang` (trigram profiles of 70 languages, pure Rust,
//! no model files); only a reliable answer is kept. It reads a bounded
//! sample of the text, so its cost does not grow with the article.
//!
//! whatlang costs about a million instructions per article whatever its
//! length (a quarter of indexing a corpus of plain-text news), most of it
//! sorting trigram counts. So English, the language attribution reads and
//! most crawls are mostly written in, is recognised first by a cheap count
//! of its function words; text that count is not sure about, in any
//! language, goes to whatlang as before.

use whatlang::Lang;

/// How much of the body detection reads: enough words for a confident
/// answer, bounded so a huge article costs no more than a long one.
const SAMPLE_BYTES: usize = 8 * 1024;

/// Words frequent in English running text and rare elsewhere (no word that
/// is also common in German, Dutch, the Scandinavian languages or Polish,
/// such as `is`, `was`, `will`, `for` or `to`), given in lower case. Each
/// is matched in any case, as a [`word_key`]: a word is compared as one
/// number, where a list was searched word by word, for every word of every
/// article.
const ENGLISH_FUNCTION_WORDS: [&[u8]; 15] = [
    b"the", b"of", b"and", b"that", b"with", b"this", b"from", b"which", b"has", b"were", b"are",
    b"would", b"their", b"they", b"been",
];

/// Fewer words than this are left to whatlang, which judges whether they
/// are enough.
const ENGLISH_MIN_WORDS: usize = 50;

/// The share of [`ENGLISH_FUNCTION_WORDS`] among the words from which text
/// counts as English: 1 word in 10. English news has 1 in 6 to 1 in 5, and
/// was never below 1 in 22 in the articles measured (bbc, polnear,
/// trafilatura-eval); in non-English articles the highest was 1 in 26 (a
/// German article quoting English).
const ENGLISH_MIN_SHARE: (usize, usize) = (1, 10);

/// Function words of languages written in plain ASCII letters that news
/// mixes with English (Tagalog, Malay and Indonesian, Swahili), in lower
/// case as written (matched exactly), so that a name ("Dan", "Di") is not
/// one. Text with English clauses in such a language has as many English
/// function words as English itself, and no letters outside ASCII to tell
/// it by.
const OTHER_ASCII_FUNCTION_WORDS: [&[u8]; 22] = [
    b"ang", b"ng", b"mga", b"sa", b"ay", b"na", b"ni", b"hindi", b"yang", b"dan", b"di", b"ini",
    b"itu", b"dengan", b"untuk", b"tidak", b"akan", b"ke", b"wa", b"ya", b"kwa", b"katika",
];

/// The longest word of [`ENGLISH_FUNCTION_WORDS`] and
/// [`OTHER_ASCII_FUNCTION_WORDS`] is shorter than 8 bytes, the bytes of a
/// [`word_key`], so that a longer word cut to 8 bytes is neither.
const _: () = assert!(
    max(
        longest(&ENGLISH_FUNCTION_WORDS),
        longest(&OTHER_ASCII_FUNCTION_WORDS)
    ) < 8
);

/// The length of the longest of `words`.
const fn longest(words: &[&[u8]]) -> usize {
    let mut longest = 0;
    let mut i = 0;
    while i < words.len() {
        longest = max(longest, words[i].len());
        i += 1;
    }
    longest
}

const fn max(a: usize, b: usize) -> usize {
    if a > b {
        a
    } else {
        b
    }
}

/// A word of at most 8 bytes as one number: its bytes, little-endian, the
/// rest zero (so words of different lengths differ: letters are not 0).
const fn word_key(word: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        key |= (word[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// The [`word_key`] of each of `words`.
const fn word_keys<const N: usize>(words: [&[u8]; N]) -> [u64; N] {
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        keys[i] = word_key(words[i]);
        i += 1;
    }
    keys
}

/// A set of [`word_key`]s looked up by a perfect hash: one multiplication
/// and one comparison, with no branch. A word of every article is looked up,
/// and searching a list mispredicted where the search stopped.
struct WordSet<const SLOTS: usize> {
    multiplier: u64,
    /// Each key at its slot; 0 (no word's key) elsewhere.
    slots: [u64; SLOTS],
}

impl<const SLOTS: usize> WordSet<SLOTS> {
    /// The set of `keys`, under the first multiplier of a fixed sequence
    /// that gives every key a slot of its own (found at compile time).
    const fn new(keys: &[u64]) -> Self {
        assert!(SLOTS.is_power_of_two() && SLOTS > 1);
        let mut multiplier: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut attempts = 0;
        while attempts < 10_000 {
            let mut slots = [0; SLOTS];
            let mut i = 0;
            while i < keys.len() {
                let slot = Self::slot(multiplier, keys[i]);
                if slots[slot] != 0 {
                    break;
                }
                slots[slot] = keys[i];
                i += 1;
            }
            if i == keys.len() {
                return WordSet { multiplier, slots };
            }
            multiplier = multiplier
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407)
                | 1;
            attempts += 1;
        }
        panic!("no perfect hash for these words");
    }

    const fn slot(multiplier: u64, key: u64) -> usize {
        (key.wrapping_mul(multiplier) >> (64 - SLOTS.trailing_zeros())) as usize
    }

    /// Whether `key` (never 0) is in the set.
    fn contains(&self, key: u64) -> bool {
        self.slots[Self::slot(self.multiplier, key)] == key
    }
}

const ENGLISH_WORDS: WordSet<64> = WordSet::new(&word_keys(ENGLISH_FUNCTION_WORDS));
const OTHER_WORDS: WordSet<128> = WordSet::new(&word_keys(OTHER_ASCII_FUNCTION_WORDS));

/// The share of [`OTHER_ASCII_FUNCTION_WORDS`] above which text is left to
/// whatlang: 1 word in 40 (English news has next to none of them).
const OTHER_MAX_SHARE: (usize, usize) = (1, 40);

/// The most letters outside ASCII English text holds: 1 in 200 (names,
/// borrowed words). German, French or Polish text has many more.
const ENGLISH_MAX_FOREIGN_LETTERS: (usize, usize) = (1, 200);

/// The ISO 639-1 code of each language `whatlang` knows (its own codes are
/// ISO 639-3).
const CODES: &[(Lang, &str)] = &[
    (Lang::Epo, "eo"),
    (Lang::Eng, "en"),
    (Lang::Rus, "ru"),
    (Lang::Cmn, "zh"),
    (Lang::Spa, "es"),
    (Lang::Por, "pt"),
    (Lang::Ita, "it"),
    (Lang::Ben, "bn"),
    (Lang::Fra, "fr"),
    (Lang::Deu, "de"),
    (Lang::Ukr, "uk"),
    (Lang::Kat, "ka"),
    (Lang::Ara, "ar"),
    (Lang::Hin, "hi"),
    (Lang::Jpn, "ja"),
    (Lang::Heb, "he"),
    (Lang::Yid, "yi"),
    (Lang::Pol, "pl"),
    (Lang::Amh, "am"),
    (Lang::Jav, "jv"),
    (Lang::Kor, "ko"),
    (Lang::Nob, "nb"),
    (Lang::Dan, "da"),
    (Lang::Swe, "sv"),
    (Lang::Fin, "fi"),
    (Lang::Tur, "tr"),
    (Lang::Nld, "nl"),
    (Lang::Hun, "hu"),
    (Lang::Ces, "cs"),
    (Lang::Ell, "el"),
    (Lang::Bul, "bg"),
    (Lang::Bel, "be"),
    (Lang::Mar, "mr"),
    (Lang::Kan, "kn"),
    (Lang::Ron, "ro"),
    (Lang::Slv, "sl"),
    (Lang::Hrv, "hr"),
    (Lang::Srp, "sr"),
    (Lang::Mkd, "mk"),
    (Lang::Lit, "lt"),
    (Lang::Lav, "lv"),
    (Lang::Est, "et"),
    (Lang::Tam, "ta"),
    (Lang::Vie, "vi"),
    (Lang::Urd, "ur"),
    (Lang::Tha, "th"),
    (Lang::Guj, "gu"),
    (Lang::Uzb, "uz"),
    (Lang::Pan, "pa"),
    (Lang::Aze, "az"),
    (Lang::Ind, "id"),
    (Lang::Tel, "te"),
    (Lang::Pes, "fa"),
    (Lang::Mal, "ml"),
    (Lang::Ori, "or"),
    (Lang::Mya, "my"),
    (Lang::Nep, "ne"),
    (Lang::Sin, "si"),
    (Lang::Khm, "km"),
    (Lang::Tuk, "tk"),
    (Lang::Aka, "ak"),
    (Lang::Zul, "zu"),
    (Lang::Sna, "sn"),
    (Lang::Afr, "af"),
    (Lang::Lat, "la"),
    (Lang::Slk, "sk"),
    (Lang::Cat, "ca"),
    (Lang::Tgl, "tl"),
    (Lang::Hye, "hy"),
    (Lang::Cym, "cy"),
];

/// Codes pages still declare that name a language above by another code.
const ALIASES: &[(&str, &str)] = &[
    ("no", "nb"),
    ("nn", "nb"),
    ("iw", "he"),
    ("in", "id"),
    ("ji", "yi"),
    ("fil", "tl"),
    ("zho", "zh"),
    ("chi", "zh"),
    ("ger", "de"),
    ("fre", "fr"),
];

/// The language a tag declares: `en`, `en-GB`, `de_DE`, `deu`, `English`
/// or `Deutsch` (case-insensitive). `None` for anything else, so a page's
/// nonsense is never taken for a language.
pub fn from_declared(tag: &str) -> Option<&'static str> {
    let tag = tag.trim().to_ascii_lowercase();
    let primary = tag.split(['-', '_', ',', ';', ' ']).next().unwrap_or("");
    let known = |code: &str| CODES.iter().map(|(_, c)| *c).find(|c| *c == code);
    if let Some(code) = known(primary) {
        return Some(code);
    }
    if let Some((_, code)) = ALIASES.iter().find(|(alias, _)| *alias == primary) {
        return known(code);
    }
    CODES
        .iter()
        .find(|(lang, _)| {
            lang.code() == primary
                || lang.eng_name().eq_ignore_ascii_case(&tag)
                || lang.name().to_lowercase() == tag
        })
        .map(|(_, code)| *code)
}

/// The language `text` is written in, when the text says so reliably.
pub fn detect(text: &str) -> Option<&'static str> {
    let sample = sample(text);
    if is_plainly_english(sample) {
        return Some("en");
    }
    let info = whatlang::detect(sample)?;
    if !info.is_reliable() {
        return None;
    }
    CODES
        .iter()
        .find(|(lang, _)| *lang == info.lang())
        .map(|(_, code)| *code)
}

/// Whether `sample` is English beyond doubt: enough words, enough of them
/// English function words, and next to no letters English does not use.
fn is_plainly_english(sample: &str) -> bool {
    let counts = WordCounts::of(sample);
    let (share, of_words) = ENGLISH_MIN_SHARE;
    let (other, of_other) = OTHER_MAX_SHARE;
    let (foreign, of_letters) = ENGLISH_MAX_FOREIGN_LETTERS;
    counts.words >= ENGLISH_MIN_WORDS
        && counts.function_words * of_words >= counts.words * share
        && counts.other_function_words * of_other <= counts.words * other
        && counts.foreign_letters * of_letters
            <= (counts.ascii_letters + counts.foreign_letters) * foreign
}

/// What [`is_plainly_english`] counts in a sample. Words are runs of ASCII
/// letters.
#[derive(Debug, Default, PartialEq)]
struct WordCounts {
    words: usize,
    /// Words that are [`ENGLISH_FUNCTION_WORDS`], in any case.
    function_words: usize,
    /// Other words that are [`OTHER_ASCII_FUNCTION_WORDS`].
    other_function_words: usize,
    ascii_letters: usize,
    /// Letters outside ASCII.
    foreign_letters: usize,
}

impl WordCounts {
    /// The counts of `sample`, 64 bytes at a time: a bit mask of the
    /// chunk's letters gives its words (their starts), letters and word
    /// lengths with no branch per byte or per word, where a loop over bytes
    /// mispredicted at about every word's end.
    fn of(sample: &str) -> WordCounts {
        let bytes = sample.as_bytes();
        let mut counts = WordCounts::default();
        let chunks = bytes.len().div_ceil(CHUNK);
        let mut next = ChunkMasks::of(bytes, 0);
        // Whether the byte before the chunk is a letter.
        let mut letter_before = 0;
        for chunk in 0..chunks {
            let masks = next;
            next = ChunkMasks::of(bytes, chunk + 1);
            let base = chunk * CHUNK;
            let letters = masks.letters;
            let mut starts = letters & !((letters << 1) | letter_before);
            letter_before = letters >> (CHUNK - 1);
            counts.words += starts.count_ones() as usize;
            counts.ascii_letters += letters.count_ones() as usize;
            // The letters of this chunk and the next, so that the length
            // (up to 8) of a word starting here is read off in one step.
            let span = u128::from(letters) | u128::from(next.letters) << CHUNK;
            while starts != 0 {
                let at = starts.trailing_zeros();
                starts &= starts - 1;
                let len = (!(span >> at)).trailing_zeros().min(8) as usize;
                let key = short_word_key(bytes, base + at as usize, len);
                // Setting each letter's 0x20 bit makes it lower case.
                let lower = key | (0x2020_2020_2020_2020 >> (8 * (8 - len)));
                let english = ENGLISH_WORDS.contains(lower);
                counts.function_words += usize::from(english);
                counts.other_function_words += usize::from(!english & OTHER_WORDS.contains(key));
            }
            // Letters outside ASCII are looked for at the bytes that start
            // a character of two bytes or more.
            let mut leads = masks.leads;
            while leads != 0 {
                let at = base + leads.trailing_zeros() as usize;
                leads &= leads - 1;
                if sample[at..].chars().next().is_some_and(char::is_alphabetic) {
                    counts.foreign_letters += 1;
                }
            }
        }
        counts
    }
}

/// The bytes [`WordCounts::of`] reads at once: the bits of a `u64`.
const CHUNK: usize = 64;

/// Which bytes of a chunk are ASCII letters, and which start a character of
/// two bytes or more, one bit a byte.
#[derive(Clone, Copy)]
struct ChunkMasks {
    letters: u64,
    leads: u64,
}

impl ChunkMasks {
    /// The masks of the `chunk`th [`CHUNK`] bytes of `bytes` (0 past the
    /// end).
    fn of(bytes: &[u8], chunk: usize) -> ChunkMasks {
        let start = (chunk * CHUNK).min(bytes.len());
        let rest = &bytes[start..];
        match rest.first_chunk::<CHUNK>() {
            Some(full) => ChunkMasks::of_full(full),
            None => {
                // Zero bytes are neither letters nor leads.
                let mut padded = [0; CHUNK];
                padded[..rest.len()].copy_from_slice(rest);
                ChunkMasks::of_full(&padded)
            }
        }
    }

    /// The masks of a whole chunk, 8 bytes at a time as a `u64` with no
    /// branch: a branch a byte mispredicted at about every word's end.
    fn of_full(chunk: &[u8; CHUNK]) -> ChunkMasks {
        const HIGH: u64 = 0x8080_8080_8080_8080;
        const fn each(byte: u8) -> u64 {
            u64::from_le_bytes([byte; 8])
        }
        let (mut letters, mut leads) = (0, 0);
        for (i, eight) in chunk.chunks_exact(8).enumerate() {
            let x = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
            // Setting the 0x20 bit maps A-Z onto a-z (and no other byte
            // there); below 0x80, adding 0x80 - c sets a byte's high bit
            // where it is at least c, with no carry into the next byte.
            let lower = (x | each(0x20)) & !HIGH;
            let letter = (lower + each(0x80 - b'a')) & !(lower + each(0x80 - b'z' - 1)) & !x & HIGH;
            // 0xC0 and above: both top bits set.
            let lead = x & (x << 1) & HIGH;
            letters |= high_bits(letter) << (8 * i);
            leads |= high_bits(lead) << (8 * i);
        }
        ChunkMasks { letters, leads }
    }
}

/// The high bits of the 8 bytes of `x` (its only bits set) as the low 8
/// bits, byte 0's first: the multiplication moves byte `k`'s bit to bit
/// 56 + `k`, with no two partial products meeting.
fn high_bits(x: u64) -> u64 {
    ((x >> 7).wrapping_mul(0x0102_0408_1020_4080)) >> 56
}

/// The [`word_key`] of the word of `len` (1 to 8) bytes at `start` of
/// `bytes`: read as one number and masked where 8 bytes are left to read.
/// Longer words are cut to 8 bytes: no function word has 8, so a cut word
/// is none.
fn short_word_key(bytes: &[u8], start: usize, len: usize) -> u64 {
    match bytes.get(start..start + 8) {
        Some(eight) => {
            let eight = u64::from_le_bytes(eight.try_into().expect("8 bytes"));
            eight & (u64::MAX >> (8 * (8 - len)))
        }
        None => word_key(&bytes[start..start + len]),
    }
}

/// The first [`SAMPLE_BYTES`] of `text`, cut at a character boundary.
fn sample(text: &str) -> &str {
    if text.len() <= SAMPLE_BYTES {
        return text;
    }
    let mut end = SAMPLE_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// An article's language: the declared one if it names a language, else the
/// detected one.
pub fn of_article(declared: Option<&str>, body: &str) -> Option<&'static str> {
    declared.and_then(from_declared).or_else(|| detect(body))
}

/// Whether attribution's rules (English cue verbs, English name order, the
/// English quotation conventions) may run on an article in `lang`. Text
/// whose language could not be told (short notes, lists of names) is given
/// the benefit of the doubt.
pub fn attribution_applies(lang: Option<&str>) -> bool {
    matches!(lang, None | Some("en"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_runs_of_ascii_letters_and_foreign_letters_are_counted_once() {
        let counts = WordCounts::of("The Vorn-Ulla and Ïsel's ång, ¿sa? 7x, THEIR dan élan.");
        assert_eq!(
            counts,
            WordCounts {
                // The Vorn Ulla and sel s ng sa x THEIR dan lan
                words: 12,
                // The and THEIR
                function_words: 3,
                // ng sa dan
                other_function_words: 3,
                ascii_letters: 34,
                // Ï å é (not ¿)
                foreign_letters: 3,
            }
        );
    }

    /// The counts by the plain definition: runs of ASCII letters, looked
    /// up in the word lists.
    fn counted_word_by_word(sample: &str) -> WordCounts {
        let mut counts = WordCounts::default();
        for word in sample.split(|c: char| !c.is_ascii_alphabetic()) {
            if word.is_empty() {
                continue;
            }
            counts.words += 1;
            counts.ascii_letters += word.len();
            let lower = word.to_ascii_lowercase();
            if ENGLISH_FUNCTION_WORDS.contains(&lower.as_bytes()) {
                counts.function_words += 1;
            } else if OTHER_ASCII_FUNCTION_WORDS.contains(&word.as_bytes()) {
                counts.other_function_words += 1;
            }
        }
        counts.foreign_letters = sample
            .chars()
            .filter(|c| !c.is_ascii() && c.is_alphabetic())
            .count();
        counts
    }

    #[test]
    fn words_across_chunks_and_long_words_are_counted_as_word_by_word() {
        // Every shift puts the words at other places around the 64-byte
        // chunk boundaries; "Thereupon", "theyx" and "whichever" start
        // like function words and are none.
        let text = "Thereupon THE Ørsk of Vellmar and theyx, whichever; Sa dengan             the  Kolvé–Brann  report which  they  Were  given  by  Itu  ANG  ang";
        for shift in 0..=130 {
            let sample = format!("{}{text}{}", "x ".repeat(shift / 2), "é".repeat(shift % 3));
            for end in 0..=sample.len() {
                if sample.is_char_boundary(end) {
                    let sample = &sample[..end];
                    assert_eq!(
                        WordCounts::of(sample),
                        counted_word_by_word(sample),
                        "{sample}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_letters_of_a_chunk_are_the_ascii_letters() {
        let mut chunk = [0; CHUNK];
        for first in (0..=255u8).step_by(CHUNK) {
            for (i, byte) in chunk.iter_mut().enumerate() {
                *byte = first + i as u8;
            }
            let masks = ChunkMasks::of_full(&chunk);
            for (i, byte) in chunk.iter().enumerate() {
                assert_eq!(masks.letters >> i & 1 == 1, byte.is_ascii_alphabetic());
                assert_eq!(masks.leads >> i & 1 == 1, *byte >= 0xC0);
            }
        }
    }

    #[test]
    fn function_words_at_the_end_of_a_sample_are_counted() {
        // English words in any case, the others only as written.
        let counts = WordCounts::of("Sa ang Which THE");
        assert_eq!((counts.function_words, counts.other_function_words), (2, 1));
        let counts = WordCounts::of("katika Katika dengan");
        assert_eq!((counts.function_words, counts.other_function_words), (0, 2));
    }

    #[test]
    fn english_clauses_in_tagalog_or_malay_are_left_to_whatlang() {
        let taglish = "Ayon sa Department of Health, ang mga kaso ng dengue ay tumaas sa \
            buong bansa ngayong taon. Sinabi ni Secretary Cruz na the number of cases has \
            been rising in the provinces and that the government would release funds for the \
            hospitals that are overwhelmed. Ang mga pasyente ay dinala sa mga ospital na \
            malapit sa kanilang bahay, at ang mga doktor ay nagtatrabaho nang walang tigil \
            para sa kanila. The officials said that they were monitoring the situation.";
        assert!(!is_plainly_english(taglish));
        let malay = "Menteri Kesihatan berkata bahawa the number of cases has been rising \
            and that the hospitals were full. Kerajaan akan memberi dana yang besar untuk \
            hospital di seluruh negara, dan ini adalah langkah yang penting untuk rakyat. \
            The ministry said that it would publish the figures, and that the public would \
            be told of the plans which were made with the states.";
        assert!(!is_plainly_english(malay));
        // English naming Dan and Di is still plainly English.
        assert!(is_plainly_english(&format!(
            "Dan Holm and Di Berg said that the council would open the bridge. {LONG_ENGLISH}"
        )));
    }

    #[test]
    fn declared_tags_in_every_usual_form() {
        for (tag, code) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("de_DE", "de"),
            (" FR ", "fr"),
            ("deu", "de"),
            ("English", "en"),
            ("español", "es"),
            ("no", "nb"),
            ("pt-BR", "pt"),
        ] {
            assert_eq!(from_declared(tag), Some(code), "{tag}");
        }
        for nonsense in ["", "x", "xx-YY", "und", "{{lang}}"] {
            assert_eq!(from_declared(nonsense), None, "{nonsense}");
        }
    }

    #[test]
    fn detects_the_language_of_running_text() {
        let cases = [
            (
                "The minister said on Tuesday that the talks would continue next week, \
                 although several delegations had already left the capital.",
                "en",
            ),
            (
                "Der Minister sagte am Dienstag, dass die Gespräche in der nächsten Woche \
                 fortgesetzt würden, obwohl mehrere Delegationen die Hauptstadt bereits \
                 verlassen hatten.",
                "de",
            ),
            (
                "Le ministre a déclaré mardi que les discussions reprendraient la semaine \
                 prochaine, bien que plusieurs délégations aient déjà quitté la capitale.",
                "fr",
            ),
            (
                "El ministro dijo el martes que las conversaciones continuarían la próxima \
                 semana, aunque varias delegaciones ya habían abandonado la capital.",
                "es",
            ),
        ];
        for (text, code) in cases {
            assert_eq!(detect(text), Some(code), "{text}");
        }
    }

    const LONG_ENGLISH: &str = "The council said on Monday that the new bridge would open \
        in the spring, after engineers found that the cost of the repairs had been far \
        higher than the estimates they were given. Residents, who have waited for three \
        years, said the delay was frustrating, and that the council should have told them \
        sooner. The work, which began in 2021, has been paid for by the regional \
        government and by a loan from the national bank.";

    #[test]
    fn plain_english_is_told_by_its_function_words() {
        assert!(is_plainly_english(LONG_ENGLISH));
        assert_eq!(detect(LONG_ENGLISH), Some("en"));
    }

    #[test]
    fn other_languages_and_doubtful_text_go_to_whatlang() {
        let german = "Der Stadtrat sagte am Montag, dass die neue Brücke im Frühling \
            eröffnet werde, nachdem Ingenieure festgestellt hätten, dass die Kosten der \
            Reparaturen weit höher gewesen seien als die Schätzungen, die man ihnen gegeben \
            habe. Die Anwohner, die seit drei Jahren warten, sagten, die Verzögerung sei \
            ärgerlich, und der Stadtrat hätte es ihnen früher sagen sollen. Die Arbeiten, \
            die 2021 begannen, wurden von der Landesregierung bezahlt.";
        let dutch = "De gemeenteraad zei maandag dat de nieuwe brug in het voorjaar open \
            zou gaan, nadat ingenieurs hadden vastgesteld dat de kosten van de reparaties \
            veel hoger waren dan de ramingen die ze hadden gekregen. Bewoners, die al drie \
            jaar wachten, zeiden dat de vertraging frustrerend was en dat de gemeenteraad \
            het hun eerder had moeten vertellen. Het werk, dat in 2021 begon, is betaald \
            door de regionale overheid en met een lening van de nationale bank.";
        let german_quoting_english = format!(
            "{german} Der Bürgermeister sagte auf Englisch: \"The bridge is safe.\" \
             Die Opposition verlangte eine Abstimmung im Parlament."
        );
        let english_of_foreign_names = format!(
            "{LONG_ENGLISH} Łódź, Gdańsk, Kraków, Poznań, Wrocław, Białystok, Częstochowa, \
             Świnoujście, Zielona Góra, Jelenia Góra, Bielsko-Biała."
        );
        for (text, code) in [
            (german, Some("de")),
            (dutch, Some("nl")),
            (german_quoting_english.as_str(), Some("de")),
            (english_of_foreign_names.as_str(), Some("en")),
            ("The minister said the talks would continue.", None),
        ] {
            assert!(!is_plainly_english(text), "{text}");
            assert_eq!(detect(text), code, "{text}");
        }
    }

    #[test]
    fn too_little_text_is_not_guessed() {
        assert_eq!(detect("OK"), None);
        assert_eq!(detect(""), None);
    }

    #[test]
    fn a_declaration_wins_over_detection_unless_it_names_nothing() {
        let german = "Der Minister sagte am Dienstag, dass die Gespräche fortgesetzt würden \
                      und die Delegationen in der Hauptstadt bleiben.";
        assert_eq!(of_article(Some("en"), german), Some("en"));
        assert_eq!(of_article(Some("{{lang}}"), german), Some("de"));
        assert_eq!(of_article(None, german), Some("de"));
    }

    #[test]
    fn the_sample_ends_on_a_character_boundary() {
        let text = "é".repeat(SAMPLE_BYTES);
        let cut = sample(&text);
        assert!(cut.len() <= SAMPLE_BYTES && cut.chars().all(|c| c == 'é'));
    }

    #[test]
    fn attribution_runs_on_english_and_undetermined_text_only() {
        assert!(attribution_applies(Some("en")));
        assert!(attribution_applies(None));
        assert!(!attribution_applies(Some("de")));
    }
}
