//! The mask penalty of ISO/IEC 18004 §7.8.3: a mask is chosen to avoid patterns that
//! confuse scanners (long runs, blocks, finder look-alikes, unbalanced ink).

/// Total penalty of a square `width` × `width` grid of modules (true = dark).
pub(crate) fn penalty(dark: &[bool], width: usize) -> u32 {
    let at = |x: usize, y: usize| dark[y * width + x];
    let mut score: u32 = 0;
    for horizontal in [true, false] {
        for line in 0..width {
            let cell = |i: usize| if horizontal { at(i, line) } else { at(line, i) };
            // N1: runs of five or more modules of one colour.
            let mut run = 1;
            for i in 1..width {
                if cell(i) == cell(i - 1) {
                    run += 1;
                } else {
                    if run >= 5 {
                        score += 3 + (run - 5);
                    }
                    run = 1;
                }
            }
            if run >= 5 {
                score += 3 + (run - 5);
            }
            // N3: 1:1:3:1:1 finder look-alikes with four light modules on one side.
            const FINDER: [bool; 7] = [true, false, true, true, true, false, true];
            for i in 0..width.saturating_sub(6) {
                if (0..7).all(|k| cell(i + k) == FINDER[k]) {
                    let light = |range: std::ops::Range<usize>| range.into_iter().all(|k| !cell(k));
                    let before = i >= 4 && light(i - 4..i);
                    let after = i + 11 <= width && light(i + 7..i + 11);
                    if before || after {
                        score += 40;
                    }
                }
            }
        }
    }
    // N2: 2×2 blocks of one colour.
    for y in 0..width - 1 {
        for x in 0..width - 1 {
            let c = at(x, y);
            if at(x + 1, y) == c && at(x, y + 1) == c && at(x + 1, y + 1) == c {
                score += 3;
            }
        }
    }
    // N4: deviation of the dark share from 50 %, per 5 %.
    let dark_count = dark.iter().filter(|&&d| d).count();
    let percent = dark_count * 100 / dark.len();
    score += (percent.abs_diff(50) / 5) as u32 * 10;
    score
}

#[cfg(test)]
mod tests {
    use super::penalty;

    #[test]
    fn uniform_grids_score_far_worse_than_a_checkerboard() {
        let w = 21;
        let checker: Vec<bool> = (0..w * w).map(|i| (i % w + i / w) % 2 == 0).collect();
        let dark = vec![true; w * w];
        assert_eq!(penalty(&checker, w), 0);
        assert!(penalty(&dark, w) > 1000);
    }
}
