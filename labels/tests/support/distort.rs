//! Synthetic camera frames of a printed label QR: exact module geometry, area-sampled
//! (4×4 per pixel, like a sensor integrating light), then rotation, perspective, blur and
//! noise. Shared by the robustness test and the `robustness` example.
#![allow(dead_code)]

use labels::qr::QrMatrix;
use rand::{rngs::StdRng, Rng, SeedableRng};

/// One distortion to apply to a frame.
#[derive(Debug, Clone, Copy)]
pub struct Distortion {
    /// Rotation in degrees.
    pub angle: f32,
    /// Pixels per module.
    pub module_px: f32,
    /// Corner displacement of the perspective warp, as a fraction of the symbol size.
    pub perspective: f32,
    /// Gaussian blur sigma in pixels (0 = none).
    pub blur: f32,
    /// Gaussian noise sigma in gray levels (0 = none).
    pub noise: f32,
    pub seed: u64,
}

impl Distortion {
    pub fn plain(module_px: f32) -> Self {
        Self {
            angle: 0.0,
            module_px,
            perspective: 0.0,
            blur: 0.0,
            noise: 0.0,
            seed: 1,
        }
    }
}

type M3 = [[f64; 3]; 3];

fn mul(a: &M3, b: &M3) -> M3 {
    let mut r = [[0.0; 3]; 3];
    for i in 0..3 {
        for j in 0..3 {
            r[i][j] = (0..3).map(|k| a[i][k] * b[k][j]).sum();
        }
    }
    r
}

fn inverse(m: &M3) -> M3 {
    let det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1])
        - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
        + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    let c = |a: usize, b: usize, c: usize, d: usize| m[a][b] * m[c][d];
    [
        [
            (c(1, 1, 2, 2) - c(1, 2, 2, 1)) / det,
            (c(0, 2, 2, 1) - c(0, 1, 2, 2)) / det,
            (c(0, 1, 1, 2) - c(0, 2, 1, 1)) / det,
        ],
        [
            (c(1, 2, 2, 0) - c(1, 0, 2, 2)) / det,
            (c(0, 0, 2, 2) - c(0, 2, 2, 0)) / det,
            (c(0, 2, 1, 0) - c(0, 0, 1, 2)) / det,
        ],
        [
            (c(1, 0, 2, 1) - c(1, 1, 2, 0)) / det,
            (c(0, 1, 2, 0) - c(0, 0, 2, 1)) / det,
            (c(0, 0, 1, 1) - c(0, 1, 1, 0)) / det,
        ],
    ]
}

/// Homography mapping the unit square's corners to `dst` (solved directly, 8 unknowns).
fn square_to_quad(dst: [(f64, f64); 4]) -> M3 {
    let [(x0, y0), (x1, y1), (x2, y2), (x3, y3)] = dst;
    let dx1 = x1 - x2;
    let dx2 = x3 - x2;
    let dy1 = y1 - y2;
    let dy2 = y3 - y2;
    let sx = x0 - x1 + x2 - x3;
    let sy = y0 - y1 + y2 - y3;
    let den = dx1 * dy2 - dx2 * dy1;
    let g = (sx * dy2 - dx2 * sy) / den;
    let h = (dx1 * sy - sx * dy1) / den;
    [
        [x1 - x0 + g * x1, x3 - x0 + h * x3, x0],
        [y1 - y0 + g * y1, y3 - y0 + h * y3, y0],
        [g, h, 1.0],
    ]
}

/// A `width` × `height` grayscale frame showing `qr` (with its quiet zone on white paper)
/// centred and distorted as `d` says.
pub fn frame(qr: &QrMatrix, width: usize, height: usize, d: &Distortion) -> Vec<u8> {
    let n = qr.width() as f64;
    let side = n * d.module_px as f64;
    let (cx, cy) = (width as f64 / 2.0, height as f64 / 2.0);
    let mut rng = StdRng::seed_from_u64(d.seed);
    // Where the symbol's corners land before rotation: a square, each corner pushed
    // inwards or outwards by up to `perspective` of the side (a tilted camera).
    let p = d.perspective as f64 * side;
    let mut jitter = || if p > 0.0 { rng.gen_range(-p..=p) } else { 0.0 };
    let half = side / 2.0;
    let quad = [
        (-half + jitter(), -half + jitter()),
        (half + jitter(), -half + jitter()),
        (half + jitter(), half + jitter()),
        (-half + jitter(), half + jitter()),
    ];
    // Symbol coordinates are in modules (0..n); scale to the unit square first.
    let to_unit: M3 = [[1.0 / n, 0.0, 0.0], [0.0, 1.0 / n, 0.0], [0.0, 0.0, 1.0]];
    let (s, c) = (d.angle as f64).to_radians().sin_cos();
    let rotate_and_place: M3 = [[c, -s, cx], [s, c, cy], [0.0, 0.0, 1.0]];
    let forward = mul(&rotate_and_place, &mul(&square_to_quad(quad), &to_unit));
    let back = inverse(&forward);

    let dark = |u: f64, v: f64| -> bool {
        if u < 0.0 || v < 0.0 || u >= n || v >= n {
            return false; // quiet zone and paper
        }
        qr.is_dark(u as usize, v as usize)
    };
    const SUB: usize = 4;
    let mut img = vec![0f32; width * height];
    for y in 0..height {
        for x in 0..width {
            let mut ink = 0;
            for sy in 0..SUB {
                for sx in 0..SUB {
                    let px = x as f64 + (sx as f64 + 0.5) / SUB as f64;
                    let py = y as f64 + (sy as f64 + 0.5) / SUB as f64;
                    let w = back[2][0] * px + back[2][1] * py + back[2][2];
                    let u = (back[0][0] * px + back[0][1] * py + back[0][2]) / w;
                    let v = (back[1][0] * px + back[1][1] * py + back[1][2]) / w;
                    if dark(u, v) {
                        ink += 1;
                    }
                }
            }
            // Paper is not pure white nor ink pure black in a photo.
            let coverage = ink as f32 / (SUB * SUB) as f32;
            img[y * width + x] = 230.0 - coverage * 200.0;
        }
    }
    if d.blur > 0.0 {
        img = gaussian_blur(&img, width, height, d.blur);
    }
    let mut rng = StdRng::seed_from_u64(d.seed ^ 0x5eed);
    img.iter()
        .map(|&v| {
            let noisy = if d.noise > 0.0 {
                // Box–Muller.
                let u1: f32 = rng.gen_range(f32::EPSILON..1.0);
                let u2: f32 = rng.gen();
                v + d.noise * (-2.0 * u1.ln()).sqrt() * (std::f32::consts::TAU * u2).cos()
            } else {
                v
            };
            noisy.round().clamp(0.0, 255.0) as u8
        })
        .collect()
}

fn gaussian_blur(img: &[f32], width: usize, height: usize, sigma: f32) -> Vec<f32> {
    let radius = (sigma * 3.0).ceil() as isize;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|i| (-(i * i) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let pass = |src: &[f32], horizontal: bool| -> Vec<f32> {
        let mut out = vec![0f32; src.len()];
        for y in 0..height as isize {
            for x in 0..width as isize {
                let mut acc = 0.0;
                for (k, weight) in kernel.iter().enumerate() {
                    let o = k as isize - radius;
                    let (sx, sy) = if horizontal {
                        ((x + o).clamp(0, width as isize - 1), y)
                    } else {
                        (x, (y + o).clamp(0, height as isize - 1))
                    };
                    acc += weight * src[sy as usize * width + sx as usize];
                }
                out[y as usize * width + x as usize] = acc;
            }
        }
        out
    };
    pass(&pass(img, true), false)
}

/// Pixels per module when a label of the preset with the smallest QR is printed and
/// scanned at 300 dpi.
pub fn smallest_preset_module_px(qr: &QrMatrix, code: labels::LabelCode) -> f32 {
    let content = labels::layout::LabelContent::code_only(code);
    let smallest = labels::pdf::Template::PRESETS
        .iter()
        .map(|t| {
            let g = t.geometry();
            labels::layout::layout_label(g.label.width, g.label.height, &content)
                .qr
                .width
        })
        .fold(f32::MAX, f32::min);
    smallest / qr.width_with_quiet_zone() as f32 * 300.0 / 25.4
}

/// One row of the robustness table: a named family of distortions.
pub struct Scenario {
    pub name: String,
    pub distortions: Vec<Distortion>,
}

/// The distortion families measured, each applied at the smallest preset's 300 dpi
/// module size (`module_px`). `per_case` codes are tried per parameter value.
pub fn scenarios(module_px: f32) -> Vec<Scenario> {
    let base = Distortion::plain(module_px);
    let angles: Vec<f32> = (0..24).map(|i| i as f32 * 15.0).collect();
    let rotated = |extra: &dyn Fn(&mut Distortion)| -> Vec<Distortion> {
        angles
            .iter()
            .enumerate()
            .map(|(i, &angle)| {
                let mut d = Distortion {
                    angle,
                    seed: i as u64 + 1,
                    ..base
                };
                extra(&mut d);
                d
            })
            .collect()
    };
    vec![
        Scenario {
            name: "rotation 0–345° every 15°".into(),
            distortions: rotated(&|_| {}),
        },
        Scenario {
            name: "rotation + blur σ 0.5 px".into(),
            distortions: rotated(&|d| d.blur = 0.5),
        },
        Scenario {
            name: "rotation + blur σ 1.0 px".into(),
            distortions: rotated(&|d| d.blur = 1.0),
        },
        Scenario {
            name: "rotation + noise σ 10".into(),
            distortions: rotated(&|d| d.noise = 10.0),
        },
        Scenario {
            name: "rotation + noise σ 25".into(),
            distortions: rotated(&|d| d.noise = 25.0),
        },
        Scenario {
            name: "rotation + perspective ±8 %".into(),
            distortions: rotated(&|d| d.perspective = 0.08),
        },
        Scenario {
            name: "rotation + perspective ±8 % + blur 0.5 + noise 10".into(),
            distortions: rotated(&|d| {
                d.perspective = 0.08;
                d.blur = 0.5;
                d.noise = 10.0;
            }),
        },
    ]
}

/// Decodes `code`'s label QR under each distortion; returns (successes, tries).
pub fn success_count(codes: &[labels::LabelCode], distortions: &[Distortion]) -> (usize, usize) {
    let mut ok = 0;
    let mut tries = 0;
    for (i, code) in codes.iter().enumerate() {
        let qr = QrMatrix::for_label(BASE_URL, code, labels::qr::EcLevel::Q).unwrap();
        for d in distortions {
            let d = Distortion {
                seed: d.seed * 97 + i as u64,
                ..*d
            };
            let size = (qr.width() as f32 * d.module_px * 2.0) as usize + 40;
            let img = frame(&qr, size, size, &d);
            tries += 1;
            if labels::decode::decode_label(size, size, &img) == Ok(*code) {
                ok += 1;
            }
        }
    }
    (ok, tries)
}

/// The base URL used in robustness frames (a typical length for a lab server).
pub const BASE_URL: &str = "https://eln.lab.example.org";
