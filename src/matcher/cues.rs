//! Context cues matched in the same pass as phrases: the kinds, the built-in
//! lists behind two style signals and the money signal's trigger words, and the
//! cue hits the context and signal stages read.

use std::ops::Range;

/// Cue kinds, as bit flags: one automaton pattern may be several at once.
pub(crate) mod cue {
    pub const NEGATOR: u8 = 1;
    pub const DEBUNK: u8 = 2;
    pub const INTENSIFIER: u8 = 4;
    pub const YOU: u8 = 8;
    pub const EMOJI: u8 = 16;
    /// A word a sum of money lost follows: the money signal's regexes run only
    /// after one.
    pub const MONEY: u8 = 32;
}

/// Built-in cues for two style signals, matched in the same pass as phrases.
pub(super) const SECOND_PERSON: &[&str] = &[
    "you", "your", "you're", "youre", "yours", "yourself", "you'll", "you've", "you'd", "ya", "你",
    "您", "你们",
];
pub(super) const ALARM_EMOJI: &[&str] = &[
    "😱", "🔥", "💥", "⚠", "🚨", "❗", "❕", "❓", "😭", "💔", "🤯", "😡", "😰", "😨", "💸", "📉",
    "🆘", "⛔", "❌", "😲", "😳", "🙀", "💣", "😤", "🤬", "😵", "🩸", "☠", "💀", "⁉",
];

/// A cue found in normalized text.
#[derive(Clone, Debug)]
pub(crate) struct Cue {
    pub kinds: u8,
    pub range: Range<usize>,
}

/// Words that start every match of the money signal's regexes (`MONEY_EN`, `MONEY_ZH` in the signals stage). The phrase
/// pass finds them as cues, and the regexes only run on titles that have one.
pub(crate) const MONEY_CUES: &[&str] = &[
    "lost", "lose", "loses", "losing", "blew", "burned", "burnt", "cost", "down", "亏", "赔",
    "损失", "蒸发", "缩水", "贬值", "少卖", "倒贴",
];
