fn main() {
    for _ in 0..2 {
        std::hint::black_box(clickbait::Classifier::builder().build().unwrap());
    }
}
