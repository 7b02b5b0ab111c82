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
    let mut h = ByteHasher::new();
    h.write(bytes);
    h.finish()
}

/// [`hash_bytes`] fed a piece at a time, for hashing a word while it is
/// being normalized.
#[derive(Debug, Clone, Copy)]
pub struct ByteHasher(u64);

impl ByteHasher {
    pub const fn new() -> ByteHasher {
        ByteHasher(0xcbf2_9ce4_8422_2325)
    }

    #[inline]
    pub fn write_byte(&mut self, b: u8) {
        self.0 ^= u64::from(b);
        self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
    }

    #[inline]
    pub fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.write_byte(b);
        }
    }

    /// The hash of the bytes written.
    pub fn finish(self) -> u64 {
        mix(self.0)
    }
}

impl Default for ByteHasher {
    fn default() -> Self {
        ByteHasher::new()
    }
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

/// The low and high halves of a table of 64-bit constants.
const fn halves(x: &[u64; HASHES]) -> ([u32; HASHES], [u32; HASHES]) {
    let mut low = [0u32; HASHES];
    let mut high = [0u32; HASHES];
    let mut i = 0;
    while i < HASHES {
        low[i] = x[i] as u32;
        high[i] = (x[i] >> 32) as u32;
        i += 1;
    }
    (low, high)
}

const A: ([u32; HASHES], [u32; HASHES]) = halves(&FUNCTIONS.0);
const B: ([u32; HASHES], [u32; HASHES]) = halves(&FUNCTIONS.1);

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
///
/// This is most of the cost of grouping copies (every shingle of every
/// passage and quotation goes through all `HASHES` functions), so the
/// arithmetic is done in 32-bit halves, which vectorizes, and with AVX2 when
/// the processor has it.
pub fn signature(shingles: &[u64]) -> Signature {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the processor supports AVX2, checked just above.
        return unsafe { signature_avx2(shingles) };
    }
    signature_in_halves(shingles)
}

#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
unsafe fn signature_avx2(shingles: &[u64]) -> Signature {
    signature_in_halves(shingles)
}

/// `(a·s + b) mod 2⁶⁴ >> 32` for each function, from 32-bit halves: with
/// `a = aₕ·2³² + aₗ` (and so on), the high half of the sum is
/// `hi(aₗ·sₗ + bₗ) + aₕ·sₗ + aₗ·sₕ + bₕ (mod 2³²)`, as `aₕ·sₕ·2⁶⁴` vanishes.
#[inline(always)]
fn signature_in_halves(shingles: &[u64]) -> Signature {
    let ((a_low, a_high), (b_low, b_high)) = (&A, &B);
    let mut sig = [u32::MAX; HASHES];
    for &s in shingles {
        let (s_low, s_high) = (s as u32, (s >> 32) as u32);
        for i in 0..HASHES {
            let low = u64::from(a_low[i]) * u64::from(s_low) + u64::from(b_low[i]);
            let h = ((low >> 32) as u32)
                .wrapping_add(a_high[i].wrapping_mul(s_low))
                .wrapping_add(a_low[i].wrapping_mul(s_high))
                .wrapping_add(b_high[i]);
            sig[i] = sig[i].min(h);
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

    /// The definition `signature` implements, in 64-bit arithmetic.
    fn signature_in_u64(shingles: &[u64]) -> Signature {
        let (a, b) = &FUNCTIONS;
        let mut sig = [u32::MAX; HASHES];
        for &s in shingles {
            for i in 0..HASHES {
                let h = (a[i].wrapping_mul(s).wrapping_add(b[i]) >> 32) as u32;
                sig[i] = sig[i].min(h);
            }
        }
        sig
    }

    proptest::proptest! {
        #[test]
        fn signature_is_the_minimum_of_the_64_bit_hashes(
            shingles in proptest::collection::vec(proptest::num::u64::ANY, 0..40)
        ) {
            proptest::prop_assert_eq!(signature(&shingles), signature_in_u64(&shingles));
            proptest::prop_assert_eq!(signature_in_halves(&shingles), signature_in_u64(&shingles));
        }
    }

    #[test]
    fn signature_of_extreme_shingles() {
        let shingles = [
            0,
            1,
            u64::MAX,
            u64::MAX - 1,
            1 << 32,
            (1 << 32) - 1,
            1 << 63,
        ];
        for s in shingles {
            assert_eq!(signature(&[s]), signature_in_u64(&[s]), "{s}");
        }
        assert_eq!(signature(&shingles), signature_in_u64(&shingles));
    }

    #[test]
    fn short_texts_are_one_shingle() {
        assert_eq!(shingles(&words("two words"), 3).len(), 1);
        assert!(shingles(&[], 3).is_empty());
    }
}
