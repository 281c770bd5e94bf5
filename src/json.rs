//! The one JSON shape of a hit, shared by serde, the CLI and the Python
//! bindings: flat byte and character offsets, and the context as a list of
//! names (see [`Hit`]'s "As JSON").

use std::fmt;

use serde::de::{self, SeqAccess, Visitor};
use serde::ser::{SerializeSeq, SerializeStruct};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::lexicon::Category;
use crate::verdict::{Context, Hit};

/// The field names of a hit's JSON, in order.
pub(crate) const HIT_FIELDS: [&str; 9] = [
    "phrase",
    "category",
    "start",
    "end",
    "char_start",
    "char_end",
    "weight",
    "contribution",
    "context",
];

impl Serialize for Hit {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut st = s.serialize_struct("Hit", HIT_FIELDS.len())?;
        st.serialize_field("phrase", &self.phrase)?;
        st.serialize_field("category", &self.category)?;
        st.serialize_field("start", &self.span.start)?;
        st.serialize_field("end", &self.span.end)?;
        st.serialize_field("char_start", &self.char_span.start)?;
        st.serialize_field("char_end", &self.char_span.end)?;
        st.serialize_field("weight", &shortest(self.weight))?;
        st.serialize_field("contribution", &shortest(self.contribution))?;
        st.serialize_field("context", &self.context)?;
        st.end()
    }
}

/// `x` as the `f64` whose shortest decimal is `x`'s own (2.8, not
/// 2.799999952316284): serializers that widen an `f32` to `f64`
/// (`serde_json::Value`, TOML, Python) then print what the `f32` holds.
fn shortest(x: f32) -> f64 {
    // `f32`'s Display is the shortest decimal that reads back to `x`.
    x.to_string().parse().unwrap_or(f64::from(x))
}

/// Serializes an `f32` field as [`shortest`] (`serialize_with`).
pub(crate) fn f32_shortest<S: Serializer>(x: &f32, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64(shortest(*x))
}

/// A hit as its JSON reads, before it becomes a [`Hit`].
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct HitJson {
    phrase: String,
    category: Category,
    start: usize,
    end: usize,
    char_start: usize,
    char_end: usize,
    weight: f32,
    contribution: f32,
    context: Context,
}

impl From<HitJson> for Hit {
    fn from(h: HitJson) -> Hit {
        Hit {
            phrase: h.phrase,
            category: h.category,
            span: h.start..h.end,
            char_span: h.char_start..h.char_end,
            weight: h.weight,
            contribution: h.contribution,
            context: h.context,
        }
    }
}

impl Serialize for Context {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut seq = s.serialize_seq(None)?;
        for name in self.names() {
            seq.serialize_element(name)?;
        }
        seq.end()
    }
}

impl<'de> Deserialize<'de> for Context {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Context, D::Error> {
        /// Reads a list of context names.
        struct Names;

        impl<'de> Visitor<'de> for Names {
            type Value = Context;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str(
                    "a list of context names (negated, quoted, debunked, intensified, shouted, prose)",
                )
            }

            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Context, A::Error> {
                let mut c = Context::default();
                while let Some(name) = seq.next_element::<std::borrow::Cow<str>>()? {
                    if !c.set(&name) {
                        return Err(de::Error::unknown_variant(
                            &name,
                            &[
                                "negated",
                                "quoted",
                                "debunked",
                                "intensified",
                                "shouted",
                                "prose",
                            ],
                        ));
                    }
                }
                Ok(c)
            }
        }

        d.deserialize_seq(Names)
    }
}

/// Character offsets of byte offsets into `title`, for hits sorted by start:
/// one walk over the title for all of them.
pub(crate) fn set_char_spans(title: &str, hits: &mut [Hit]) {
    let count = |bytes: &[u8]| bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    let bytes = title.as_bytes();
    let (mut at, mut chars) = (0usize, 0usize);
    for h in hits {
        let start = h.span.start.clamp(at, bytes.len());
        chars += count(&bytes[at..start]);
        at = start;
        let end = h.span.end.clamp(start, bytes.len());
        h.char_span = chars..chars + count(&bytes[start..end]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hits_serialize_in_the_documented_shape_and_read_back() {
        let title = "亏麻了! Prices are not CRASHING";
        let v = crate::score(title);
        let json = serde_json::to_value(&v.hits).unwrap();
        for (h, j) in v.hits.iter().zip(json.as_array().unwrap()) {
            // Key order depends on serde_json's `preserve_order`: compare sets.
            let mut keys: Vec<&str> = j.as_object().unwrap().keys().map(String::as_str).collect();
            let mut want = HIT_FIELDS.to_vec();
            keys.sort_unstable();
            want.sort_unstable();
            assert_eq!(keys, want);
            let chars: Vec<char> = title.chars().collect();
            let by_chars: String = chars[h.char_span.clone()].iter().collect();
            assert_eq!(by_chars, &title[h.span.clone()]);
        }
        let back: Vec<Hit> = serde_json::from_value(json).unwrap();
        assert_eq!(back, v.hits);
        let shouted = v.hits.iter().find(|h| h.context.negated).unwrap();
        assert_eq!(
            serde_json::to_string(&shouted.context).unwrap(),
            r#"["negated","shouted"]"#
        );
        assert!(serde_json::from_str::<Context>(r#"["loud"]"#).is_err());
    }

    #[test]
    fn numbers_are_what_the_f32_holds_even_widened() {
        let v = crate::score("Used EV prices CRASH: dealers cannot give them away");
        let value = serde_json::to_value(&v).unwrap();
        let text = serde_json::to_string(&v).unwrap();
        assert_eq!(
            value,
            serde_json::from_str::<serde_json::Value>(&text).unwrap()
        );
        assert_eq!(value["hits"][1]["weight"], serde_json::json!(2.6));
        assert_eq!(shortest(2.8), 2.8);
        let back: crate::Verdict = serde_json::from_value(value).unwrap();
        assert_eq!(back, v);
    }

    #[test]
    fn char_spans_survive_spans_past_the_end() {
        let mut v = crate::score("二手车崩盘");
        let n = v.hits.len();
        assert!(n > 0);
        v.hits[n - 1].span = 3..99;
        set_char_spans("二手车崩盘", &mut v.hits);
        assert_eq!(v.hits[n - 1].char_span.end, 5);
    }
}
