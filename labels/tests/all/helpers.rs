use labels::layout::LabelContent;
use labels::LabelCode;
use rand::{rngs::StdRng, SeedableRng};

pub const BASE: &str = "https://lab.example.org";

pub fn codes(n: usize, seed: u64) -> Vec<LabelCode> {
    let mut rng = StdRng::seed_from_u64(seed);
    (0..n).map(|_| LabelCode::generate(&mut rng)).collect()
}

pub fn contents(n: usize, seed: u64) -> Vec<LabelContent> {
    codes(n, seed)
        .into_iter()
        .enumerate()
        .map(|(i, code)| LabelContent {
            code,
            name: format!("Éthanol absolu {i} µL — lot de réactifs très long pour l'étiquette"),
            fields: vec![format!("Lot {}", 12345 + i), "Exp 2027-03-01".into()],
        })
        .collect()
}
