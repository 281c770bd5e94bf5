//! Normalization alone over the public titles (env ITER passes, default 200):
//! `normbench [plain|other]` keeps only the ASCII titles normalization maps
//! byte for byte (nearly all take the bulk path; a few with doubled spaces
//! or spaced letters fold and drop out), or only the rest.
#[path = "../benches/support/corpus.rs"]
mod corpus;
use corpus::{data_dir, load_titles};

fn main() {
    let (titles, _) = load_titles(&data_dir());
    let which = std::env::args().nth(1).unwrap_or_default();
    let iters: usize = std::env::var("ITER")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let mut x = clickbait::normalize::Normalized::new();
    let chosen: Vec<&str> = titles
        .iter()
        .map(String::as_str)
        .filter(|t| {
            x.normalize_from(t);
            let plain =
                x.as_str().len() == t.len() && t.is_ascii() && x.original_span(0..1) == (0..1);
            match which.as_str() {
                "plain" => plain,
                "other" => !plain,
                _ => true,
            }
        })
        .collect();
    let t0 = std::time::Instant::now();
    let mut s = 0;
    for _ in 0..iters {
        for t in &chosen {
            x.normalize_from(std::hint::black_box(t));
            s += x.as_str().len();
        }
    }
    let n = (iters * chosen.len()) as u32;
    eprintln!(
        "{} titles, {s}: {:?} per title",
        chosen.len(),
        t0.elapsed() / n
    );
}
