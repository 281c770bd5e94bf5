//! Scores every line of a file with `Classifier::score_value` on one thread and
//! prints the seconds it took (reading the file excluded): the Rust library's
//! own batch time, for `python/bench.py` to compare the bindings against.
//!
//! ```text
//! cargo run --release --example score_file -- titles.txt
//! ```

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: score_file FILE");
        std::process::exit(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let titles: Vec<&str> = text.lines().collect();
    let c = clickbait::Classifier::default_ref();
    c.score_value("warm up");
    let start = std::time::Instant::now();
    let total: f64 = titles.iter().map(|t| f64::from(c.score_value(t))).sum();
    let secs = start.elapsed().as_secs_f64();
    println!("{secs:.6}");
    eprintln!(
        "{} titles, mean score {:.4}",
        titles.len(),
        total / titles.len().max(1) as f64
    );
}
