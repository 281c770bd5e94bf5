//! The README and the repository say what is true (issue 19.7, 19.8): the
//! `explain` sample is the real output, the examples name files a clone has,
//! the licence files exist, the lexicon header states the real bias, and the
//! release profile carries no debug info.

mod common;

use std::path::{Path, PathBuf};

use common::bin;

/// The repository root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

#[test]
fn readme_explain_sample_is_the_real_output() {
    let readme = read("README.md");
    let intro = "Example (`clickbait explain \"";
    let at = readme.find(intro).expect("explain sample");
    let title_end = readme[at + intro.len()..].find("\"`)").unwrap();
    let title = &readme[at + intro.len()..at + intro.len() + title_end];
    let block = &readme[at..];
    let start = block.find("```\n").unwrap() + 4;
    let end = start + block[start..].find("```").unwrap();
    let out = bin()
        .args(["explain", title])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let real = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        &block[start..end],
        real.trim_end_matches('\n').to_string() + "\n"
    );
}

#[test]
fn readme_examples_use_files_in_the_repository() {
    let readme = read("README.md");
    assert!(readme.contains("cargo install --path cli"));
    assert!(readme.contains("PYSPARK_PYTHON"));
    let section = &readme[readme.find("## Command line").unwrap()..];
    let section = &section[..section.find("Example (").unwrap()];
    for word in section.split_whitespace() {
        let looks_like_file = ["tests/", "examples/", "lexicons/"]
            .iter()
            .any(|p| word.starts_with(p));
        if looks_like_file {
            assert!(
                root().join(word).exists(),
                "{word} is not in the repository"
            );
        }
    }
}

#[test]
fn licences_and_notice_exist() {
    assert!(read("LICENSE-MIT").contains("Permission is hereby granted"));
    assert!(read("LICENSE-APACHE").contains("Version 2.0, January 2004"));
    let notice = read("NOTICE");
    assert!(notice.contains("t2s.txt") && notice.contains("OpenCC"));
    assert!(read("Cargo.toml").contains("license = \"MIT OR Apache-2.0\""));
}

#[test]
fn lexicon_header_states_the_default_bias() {
    let w = clickbait::Weights::default();
    let header: String = read("lexicons/en.toml")
        .lines()
        .take_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    assert!(header.contains(&format!("{}", w.bias)), "{header}");
    let zh = format!("{} for Chinese", w.bias + w.language_bias.zh);
    assert!(header.contains(&zh), "{zh:?} not in {header}");
}

#[test]
fn release_builds_without_debug_info() {
    let manifest = read("Cargo.toml");
    let release = &manifest[manifest.find("[profile.release]").unwrap()..];
    let release = &release[..release[1..].find("\n[").map_or(release.len(), |i| i + 1)];
    let settings = release.lines().filter(|l| !l.trim_start().starts_with('#'));
    assert!(settings.clone().all(|l| !l.contains("debug")), "{release}");
    assert!(manifest.contains("[profile.profiling]"));
}
