//! Arithmetic in GF(32), the field behind the check symbol.
//!
//! The check symbol is a Damm check over the quasigroup `x ∘ y = 2·x ⊕ y` in GF(2⁵).
//! Because 2 ≠ 0 and 2 ≠ 1 this quasigroup is totally anti-symmetric, which is exactly
//! what makes every single substitution and every swap of two adjacent symbols
//! (the check symbol included) change the result.

/// x⁵ + x² + 1, a primitive polynomial for GF(32).
const POLY: u8 = 0b10_0101;

/// Multiplies by the field element `2` (i.e. by x).
fn times_two(v: u8) -> u8 {
    let shifted = v << 1;
    if shifted & 0b10_0000 != 0 {
        shifted ^ POLY
    } else {
        shifted
    }
}

/// Folds symbols (each < 32) through the quasigroup, starting from 0.
pub fn damm_fold(symbols: impl IntoIterator<Item = u8>) -> u8 {
    symbols
        .into_iter()
        .fold(0, |interim, symbol| times_two(interim) ^ symbol)
}

/// The symbol that makes the fold of `payload` followed by it come out as 0.
pub fn check_symbol(payload: impl IntoIterator<Item = u8>) -> u8 {
    times_two(damm_fold(payload))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_two_is_a_permutation_of_the_field() {
        let mut seen = [false; 32];
        for v in 0..32 {
            seen[times_two(v) as usize] = true;
        }
        assert!(seen.iter().all(|s| *s));
    }

    #[test]
    fn payload_with_its_check_folds_to_zero() {
        let payload = [3u8, 31, 0, 17, 8, 8, 22];
        let check = check_symbol(payload);
        assert_eq!(damm_fold(payload.into_iter().chain([check])), 0);
    }
}
