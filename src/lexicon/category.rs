//! The kinds of sensational language a lexicon entry can belong to.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// What kind of sensational (or sober) language a lexicon phrase signals.
///
/// Categories matter for scoring: several hits in one category add up with
/// diminishing returns (three synonyms for "crash" are not three times the
/// evidence), while hits in different categories add up fully.
///
/// ```
/// use clickbait::Category;
///
/// let c: Category = "slow_sales".parse().unwrap();
/// assert_eq!(c, Category::SlowSales);
/// assert_eq!(c.to_string(), "slow_sales");
/// assert!("sales".parse::<Category>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Category {
    /// Losing money: "financial losses", "lost a fortune", 亏麻了, 血亏.
    Loss,
    /// Nobody buys: "slow sales", "can't give them away", 卖不动, 没人要.
    SlowSales,
    /// Prices or markets falling dramatically: "crash", "plunge", 崩盘, 暴跌, 腰斩.
    Collapse,
    /// Shock and disbelief: "shocking", "jaw-dropping", 震惊, 惊呆了.
    Shock,
    /// Pressure to act now: "must watch", "don't buy", 速看, 千万别买.
    Urgency,
    /// Hidden truth revealed: "the truth about", "insiders reveal", 内幕, 揭秘.
    Expose,
    /// Panic and doom: "nightmare", "disaster", 慌了, 完了.
    Fear,
    /// Exaggeration: "insane", "epic", 疯了, 逆天.
    Hype,
    /// Generic curiosity hooks: "you won't believe", "here's why", 看完你就懂了.
    Curiosity,
    /// Markers of sober reporting ("year-on-year", 同比); entries carry negative weights.
    Sober,
}

impl Category {
    /// Every category, in a stable order. A slice, so that adding a category
    /// is not a breaking change; size arrays with `Category::ALL.len()`.
    pub const ALL: &'static [Category] = &[
        Category::Loss,
        Category::SlowSales,
        Category::Collapse,
        Category::Shock,
        Category::Urgency,
        Category::Expose,
        Category::Fear,
        Category::Hype,
        Category::Curiosity,
        Category::Sober,
    ];

    /// The name used in lexicon files and in serialized verdicts.
    ///
    /// ```
    /// use clickbait::Category;
    ///
    /// assert_eq!(Category::SlowSales.as_str(), "slow_sales");
    /// for &c in Category::ALL {
    ///     assert_eq!(c.as_str().parse::<Category>(), Ok(c));
    /// }
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Category::Loss => "loss",
            Category::SlowSales => "slow_sales",
            Category::Collapse => "collapse",
            Category::Shock => "shock",
            Category::Urgency => "urgency",
            Category::Expose => "expose",
            Category::Fear => "fear",
            Category::Hype => "hype",
            Category::Curiosity => "curiosity",
            Category::Sober => "sober",
        }
    }

    /// Position of this category in [`Category::ALL`]; handy as an array index.
    ///
    /// ```
    /// use clickbait::Category;
    ///
    /// assert_eq!(Category::Loss.index(), 0);
    /// assert_eq!(Category::ALL[Category::Sober.index()], Category::Sober);
    /// // Count hits per category.
    /// let mut per = [0u32; Category::ALL.len()];
    /// for h in clickbait::score("亏麻了！二手车价格崩盘").hits {
    ///     per[h.category.index()] += 1;
    /// }
    /// assert!(per[Category::Collapse.index()] >= 1);
    /// ```
    pub fn index(self) -> usize {
        self as usize
    }
}

impl fmt::Display for Category {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error returned when a string names no [`Category`].
///
/// ```
/// let e = "gossip".parse::<clickbait::Category>().unwrap_err();
/// assert_eq!(e.0, "gossip");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnknownCategory(pub String);

impl fmt::Display for UnknownCategory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "unknown category {:?}; expected one of ", self.0)?;
        for (i, c) in Category::ALL.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(c.as_str())?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownCategory {}

impl FromStr for Category {
    type Err = UnknownCategory;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // "exposé" is how people spell it; accept it alongside the ASCII name.
        let s = s.trim();
        if s == "exposé" {
            return Ok(Category::Expose);
        }
        Category::ALL
            .iter()
            .copied()
            .find(|c| c.as_str() == s)
            .ok_or_else(|| UnknownCategory(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for &c in Category::ALL {
            assert_eq!(c.as_str().parse::<Category>().unwrap(), c);
            assert_eq!(Category::ALL[c.index()], c);
        }
    }

    #[test]
    fn unknown_name_lists_the_choices() {
        let e = "panic".parse::<Category>().unwrap_err();
        let msg = e.to_string();
        assert!(msg.contains("\"panic\""));
        assert!(msg.contains("slow_sales"));
    }
}
