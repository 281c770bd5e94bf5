//! The deterministic `--holdout` split (SplitMix64 of seed and row number).

/// One step of SplitMix64 (Steele, Lea & Flood), wrapping arithmetic on `u64`.
pub fn splitmix64(x: u64) -> u64 {
    let mut z = x.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Whether data row `index` (0-based, header excluded, blank lines not
/// counted) is held out: `splitmix64(seed ^ index) / 2^64 < fraction`.
pub fn is_held_out(seed: u64, index: u64, fraction: f64) -> bool {
    (splitmix64(seed ^ index) as f64 / 18_446_744_073_709_551_616.0) < fraction
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reference_values() {
        // The first outputs of the reference SplitMix64 generator seeded with 0
        // are splitmix64(γ·k) for k = 0, 1, 2…: 0xE220A8397B1DCDAF, 0x6E789E6AA1B965F4.
        assert_eq!(splitmix64(0), 0xE220_A839_7B1D_CDAF);
        assert_eq!(splitmix64(0x9E37_79B9_7F4A_7C15), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn fractions_hold_roughly() {
        let n = (0..10_000).filter(|&i| is_held_out(42, i, 0.2)).count();
        assert!((1800..2200).contains(&n), "{n}");
        assert!(!(0..100).any(|i| is_held_out(7, i, 0.0)));
        assert!((0..100).all(|i| is_held_out(7, i, 1.0)));
    }
}
