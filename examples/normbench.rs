fn main() {
    let t = std::env::args().nth(1).unwrap();
    let n: usize = std::env::args().nth(2).unwrap().parse().unwrap();
    let mut x = clickbait::normalize::Normalized::new();
    let mut s = 0;
    for _ in 0..n {
        x.normalize_from(std::hint::black_box(&t));
        s += x.as_str().len();
    }
    println!("{s}");
}
