//! Median time to build the default classifier (40 builds): a quicker check
//! than the criterion `build` group while working on start-up.
fn main() {
    let mut v = vec![];
    for _ in 0..40 {
        let t0 = std::time::Instant::now();
        let c = clickbait::Classifier::builder().build().unwrap();
        v.push(t0.elapsed());
        std::hint::black_box(&c);
    }
    v.sort();
    eprintln!("build median {:?}", v[v.len() / 2]);
}
