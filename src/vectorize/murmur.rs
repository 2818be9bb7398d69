//! MurmurHash3 x86 32-bit, as scikit-learn's `murmurhash3_bytes_s32` computes it (Austin
//! Appleby's public-domain algorithm), and scikit-learn's mapping of a hash to a column.

/// The hash of `bytes` with `seed`, read as a signed 32-bit integer.
pub fn murmur3_32(bytes: &[u8], seed: u32) -> i32 {
    const C1: u32 = 0xcc9e_2d51;
    const C2: u32 = 0x1b87_3593;
    let mut h = seed;
    let mut blocks = bytes.chunks_exact(4);
    for block in &mut blocks {
        let mut k = u32::from_le_bytes([block[0], block[1], block[2], block[3]]);
        k = k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
        h ^= k;
        h = h.rotate_left(13).wrapping_mul(5).wrapping_add(0xe654_6b64);
    }
    let tail = blocks.remainder();
    if !tail.is_empty() {
        let mut k = 0u32;
        for (i, &b) in tail.iter().enumerate() {
            k |= u32::from(b) << (8 * i);
        }
        h ^= k.wrapping_mul(C1).rotate_left(15).wrapping_mul(C2);
    }
    // The length is mixed in modulo 2^32, as the C code's `uint32_t len` does.
    h ^= bytes.len() as u32;
    h ^= h >> 16;
    h = h.wrapping_mul(0x85eb_ca6b);
    h ^= h >> 13;
    h = h.wrapping_mul(0xc2b2_ae35);
    h ^= h >> 16;
    h as i32
}

/// scikit-learn's column and sign for a feature string: `abs(h) % n_features`, where
/// `abs(-2^31)` is taken as 2^31 (scikit-learn writes it `(2^31 - 1 - (n - 1)) % n`, which is
/// the same number), and the sign of `h` when `alternate_sign` is set.
pub fn column(feature: &str, n_features: u32, alternate_sign: bool) -> (u32, f64) {
    let h = murmur3_32(feature.as_bytes(), 0);
    let index = (i64::from(h).unsigned_abs() % u64::from(n_features)) as u32;
    let sign = if alternate_sign && h < 0 { -1.0 } else { 1.0 };
    (index, sign)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_hashes() {
        // Reference values of MurmurHash3_x86_32 (and of sklearn.utils.murmurhash3_32).
        assert_eq!(murmur3_32(b"", 0), 0);
        assert_eq!(murmur3_32(b"", 1), 0x514e_28b7);
        assert_eq!(murmur3_32(b"hello", 0), 0x248b_fa47_u32 as i32);
        assert_eq!(
            murmur3_32(b"The quick brown fox jumps over the lazy dog", 0),
            0x2e4f_f723
        );
    }

    #[test]
    fn the_minimum_hash_maps_like_scikit_learn() {
        // (2^31 - 1 - (n - 1)) % n == 2^31 % n for every n.
        for n in [1u32, 2, 3, 7, 1 << 20, 1_000_003] {
            let sklearn = (2_147_483_647u64 - u64::from(n - 1)) % u64::from(n);
            assert_eq!(sklearn, (1u64 << 31) % u64::from(n));
        }
    }
}
