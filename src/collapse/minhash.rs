//! MinHash signatures and LSH band keys over word shingles.
//!
//! Two texts whose shingle sets have Jaccard similarity `J` agree on each
//! signature position with probability `J`, so the share of equal positions
//! estimates `J` without comparing the texts. Cutting the signature into
//! [`BANDS`] bands of [`ROWS`] rows and hashing each band gives keys that two
//! similar texts very likely share (at `J` = 0.6, 81 %; at 0.7, 96 %; at
//! 0.8, 99.8 %) and dissimilar ones rarely do (at 0.3, 9 %), so candidates
//! are found by key
//! lookup instead of by comparing every pair. The hash functions are fixed
//! here (not `std`'s), because the keys are stored in the index and must
//! stay the same across runs and builds.

/// Positions in a signature.
pub const HASHES: usize = 48;
/// Bands the signature is cut into; each gives one lookup key.
pub const BANDS: usize = 12;
/// Signature positions per band.
pub const ROWS: usize = HASHES / BANDS;

/// A MinHash signature.
pub type Signature = [u32; HASHES];

/// SplitMix64's finalizer: a fast, well-mixing 64-bit permutation.
pub const fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// FNV-1a over bytes, finalized with [`mix`].
pub fn hash_bytes(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    mix(h)
}

/// Combines a running hash with another value (order matters).
pub fn combine(h: u64, value: u64) -> u64 {
    mix(h.rotate_left(5) ^ value.wrapping_mul(0x9e37_79b9_7f4a_7c15))
}

/// The multipliers and offsets of the `HASHES` hash functions
/// `x ↦ (a·x + b) >> 32`, derived from fixed seeds.
const fn functions() -> ([u64; HASHES], [u64; HASHES]) {
    let mut a = [0u64; HASHES];
    let mut b = [0u64; HASHES];
    let mut i = 0;
    while i < HASHES {
        a[i] = mix(0x5eed_0000 + 2 * i as u64) | 1;
        b[i] = mix(0x5eed_0000 + 2 * i as u64 + 1);
        i += 1;
    }
    (a, b)
}

const FUNCTIONS: ([u64; HASHES], [u64; HASHES]) = functions();

/// Hashes of the word `k`-shingles of `words` (the whole text as one
/// shingle when it has fewer than `k` words).
pub fn shingles(words: &[u64], k: usize) -> Vec<u64> {
    if words.is_empty() {
        return Vec::new();
    }
    let k = k.min(words.len()).max(1);
    let mut out: Vec<u64> = words
        .windows(k)
        .map(|w| w.iter().fold(k as u64, |h, &x| combine(h, x)))
        .collect();
    out.sort_unstable();
    out.dedup();
    out
}

/// The MinHash signature of a set of shingle hashes.
pub fn signature(shingles: &[u64]) -> Signature {
    let (a, b) = &FUNCTIONS;
    let mut sig = [u32::MAX; HASHES];
    for &s in shingles {
        for i in 0..HASHES {
            let h = (a[i].wrapping_mul(s).wrapping_add(b[i]) >> 32) as u32;
            if h < sig[i] {
                sig[i] = h;
            }
        }
    }
    sig
}

/// The estimated Jaccard similarity of the sets behind two signatures.
pub fn similarity(x: &Signature, y: &Signature) -> f32 {
    let equal = x.iter().zip(y).filter(|(a, b)| a == b).count();
    equal as f32 / HASHES as f32
}

/// The lookup key of each band of `sig`, tagged with `tag` so that keys of
/// different kinds of text never meet. Keys have 32 bits: they are stored
/// in the index, whose term dictionary builds several times faster for
/// short keys, and a rare collision only costs one more verification.
pub fn band_keys(tag: u64, sig: &Signature) -> [u64; BANDS] {
    let mut keys = [0u64; BANDS];
    for (band, key) in keys.iter_mut().enumerate() {
        let rows = &sig[band * ROWS..(band + 1) * ROWS];
        let hash = rows
            .iter()
            .fold(combine(tag, band as u64), |h, &v| combine(h, u64::from(v)));
        *key = hash >> 32;
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<u64> {
        text.split_whitespace()
            .map(|w| hash_bytes(w.as_bytes()))
            .collect()
    }

    fn sig(text: &str) -> Signature {
        signature(&shingles(&words(text), 3))
    }

    #[test]
    fn identical_texts_have_identical_signatures_and_keys() {
        let a = sig("the talks were productive and constructive said the envoy");
        let b = sig("the talks were productive and constructive said the envoy");
        assert_eq!(similarity(&a, &b), 1.0);
        assert_eq!(band_keys(1, &a), band_keys(1, &b));
        assert_ne!(band_keys(1, &a), band_keys(2, &a));
    }

    #[test]
    fn estimate_tracks_jaccard() {
        // 40 distinct words; the second text changes the last 10.
        let base: Vec<String> = (0..40).map(|i| format!("w{i}")).collect();
        let mut edited = base.clone();
        for w in edited.iter_mut().skip(30) {
            w.push('x');
        }
        let (a, b) = (sig(&base.join(" ")), sig(&edited.join(" ")));
        // 3-shingles: 38 each, 28 shared, so J = 28 / 48 ≈ 0.58.
        let estimate = similarity(&a, &b);
        assert!((0.4..0.75).contains(&estimate), "{estimate}");
        let unrelated = sig(&(100..140)
            .map(|i| format!("w{i}"))
            .collect::<Vec<_>>()
            .join(" "));
        assert!(similarity(&a, &unrelated) < 0.1);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles(&words("two words"), 3).len(), 1);
        assert!(shingles(&[], 3).is_empty());
    }
}
