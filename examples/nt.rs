fn main() {
    for t in std::env::args().skip(1) {
        println!("{:?}", clickbait::normalize::normalize(&t).as_str());
    }
}
