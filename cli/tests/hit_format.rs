//! One JSON shape for a hit (issue 19.3): `clickbait score --explain` writes
//! exactly what the library's serde writes, and it reads back to the same hits.

mod common;

use common::{bin, json_lines};
use serde_json::Value;

const TITLES: [&str; 5] = [
    "Used EV prices CRASH: dealers cannot give them away 亏麻了!!!",
    "小米SU7二手价崩盘！车商亏麻了",
    "😱😱 二手車價格崩盤",
    "Dealers say prices are not crashing, really crashing",
    "Xiaomi says claims of 'slow sales' are dealer exaggeration",
];

#[test]
fn score_explain_hits_are_the_library_serde_hits() {
    let input: String = TITLES.iter().map(|t| format!("{t}\n")).collect();
    let out = bin()
        .args(["score", "--explain"])
        .write_stdin(input)
        .assert()
        .success()
        .get_output()
        .clone();
    let rows = json_lines(&out.stdout);
    assert_eq!(rows.len(), TITLES.len());
    for (t, row) in TITLES.iter().zip(&rows) {
        let v = clickbait::score(t);
        assert_eq!(row["hits"], serde_json::to_value(&v.hits).unwrap(), "{t}");
        assert_eq!(row["signals"], serde_json::to_value(&v.signals).unwrap());
        let hits: Vec<clickbait::Hit> = serde_json::from_value(row["hits"].clone()).unwrap();
        assert_eq!(hits, v.hits, "round trip");
        for h in row["hits"].as_array().unwrap() {
            let keys: Vec<&str> = h.as_object().unwrap().keys().map(String::as_str).collect();
            assert_eq!(
                keys,
                [
                    "phrase",
                    "category",
                    "start",
                    "end",
                    "char_start",
                    "char_end",
                    "weight",
                    "contribution",
                    "context"
                ]
            );
            let (s, e) = (h["start"].as_u64().unwrap(), h["end"].as_u64().unwrap());
            let (cs, ce) = (
                h["char_start"].as_u64().unwrap(),
                h["char_end"].as_u64().unwrap(),
            );
            let by_bytes = &t[s as usize..e as usize];
            let by_chars: String = t
                .chars()
                .skip(cs as usize)
                .take((ce - cs) as usize)
                .collect();
            assert_eq!(by_bytes, by_chars);
            assert!(h["context"].is_array());
        }
    }
    let negated = &rows[3]["hits"][0];
    // "Dealers say" is an attribution cue too: context is a list of names.
    assert_eq!(negated["context"], Value::from(vec!["negated", "debunked"]));
}
