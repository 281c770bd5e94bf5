//! The plain-ASCII bulk path: one pass of 64-byte bit masks decides that an ASCII
//! title needs none of the stream's rules, so the common case is a lowercase copy.

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct Punct {
    pub exclamations: u32,
    /// Runs of two or more of `?`/`!` containing a `?`.
    pub question_runs: u32,
    pub has_digit: bool,
    /// Four capital letters in a row somewhere (a shouted word may be there).
    pub capital_run: bool,
    /// A digit, `$` or `@` right after a letter, or `$`/`@` right before one:
    /// a disguised word ("l0sing", "$cam") may be there.
    pub leet_candidate: bool,
}

/// If an ASCII title surely needs none of the stream rules — no control
/// characters or backticks, no leading, trailing or doubled spaces, no run of
/// three identical letters, no three single letters in a row between
/// separators ("l o s i n g") — its punctuation counts; otherwise `None`, and
/// the stream takes over.
///
/// The title is read in 64-byte chunks, each turned into one bit mask per byte
/// class (bit `i` for byte `i`); every rule is then a few shifts and ANDs of
/// whole masks rather than work per byte. The spaced-letter rule is widened to
/// any non-alphanumeric byte in place of a separator, repeated or not ("a-b.c"
/// trips it): a title it sends to the stream for nothing comes out the same,
/// only slower.
pub(super) fn scan_plain_ascii(b: &[u8]) -> Option<Punct> {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return None;
    }
    let mut prev = Masks::default();
    let mut prev_byte = PAD;
    let mut bad = 0u64;
    let (mut exclamations, mut question, mut digit, mut capital_run) = (0u32, 0u64, 0u64, 0u64);
    let mut leet = 0u64;
    // The spaced-letter rule looks at the byte after a run's last letter:
    // past the title's end that is padding, so a title that fills its last
    // chunk gets one more, all padding ("… c-r-y" as byte 64 ends).
    let past_end = b.len().is_multiple_of(64).then_some(&b[..0]);
    for chunk in b.chunks(64).chain(past_end) {
        let mut bytes = [PAD; 64];
        bytes[..chunk.len()].copy_from_slice(chunk);
        let m = Masks::of(&bytes, prev_byte);
        // Bit i of `back(x, k)` is byte i - k's bit, reaching into the last chunk.
        let back = |x: u64, p: u64, k: u32| (x << k) | (p >> (64 - k));
        bad |= m.special;
        bad |= m.space & back(m.space, prev.space, 1);
        bad |= m.alpha & m.same_as_prev & back(m.same_as_prev, prev.same_as_prev, 1);
        // Three single letters, each between non-word bytes: the shortest run
        // the spaced-letter pass joins. (Two are common, "it's a", "U.S.".)
        let non_word = !m.word;
        let single_letter_before =
            |k: u32| back(m.alpha, prev.alpha, k) & back(non_word, !prev.word, k + 1);
        bad |=
            non_word & single_letter_before(1) & single_letter_before(3) & single_letter_before(5);
        capital_run |= m.upper
            & back(m.upper, prev.upper, 1)
            & back(m.upper, prev.upper, 2)
            & back(m.upper, prev.upper, 3);
        let leet_byte = (m.word & !m.alpha) | m.symbol;
        leet |=
            (leet_byte & back(m.alpha, prev.alpha, 1)) | (m.alpha & back(m.symbol, prev.symbol, 1));
        exclamations += m.exclamation.count_ones();
        question |= m.question;
        digit |= m.word & !m.alpha;
        prev = m;
        prev_byte = bytes[63];
    }
    if bad != 0 {
        return None;
    }
    Some(Punct {
        exclamations,
        question_runs: if question != 0 { question_runs(b) } else { 0 },
        has_digit: digit != 0,
        capital_run: capital_run != 0,
        leet_candidate: leet != 0,
    })
}

/// Fills a chunk past the end of the title: in no class.
pub(super) const PAD: u8 = b'"';

/// Byte classes of a 64-byte chunk as bit masks: bit `i` for byte `i`.
#[derive(Clone, Copy)]
pub(super) struct Masks {
    pub(super) alpha: u64,
    pub(super) upper: u64,
    /// A letter or digit.
    pub(super) word: u64,
    pub(super) space: u64,
    /// A control character or backtick.
    pub(super) special: u64,
    pub(super) exclamation: u64,
    pub(super) question: u64,
    /// `$` or `@`, which may stand for a letter.
    pub(super) symbol: u64,
    /// Same byte as the one before, ignoring case.
    pub(super) same_as_prev: u64,
}

impl Default for Masks {
    /// The chunk before a title: all word bits clear, as if non-word bytes.
    fn default() -> Masks {
        Masks {
            alpha: 0,
            upper: 0,
            word: 0,
            space: 0,
            special: 0,
            exclamation: 0,
            question: 0,
            symbol: 0,
            same_as_prev: 0,
        }
    }
}

impl Masks {
    /// The masks of `bytes`; `prev` is the byte before them.
    ///
    /// Each class is first written as one 0/1 byte per input byte (loops of
    /// fixed length the compiler turns into vector compares), then packed eight
    /// bytes at a time into bits by a multiplication.
    #[inline(always)]
    pub(super) fn of(bytes: &[u8; 64], prev: u8) -> Masks {
        #[cfg(target_arch = "x86_64")]
        #[allow(unsafe_code)]
        // SAFETY: `of_sse2`'s only requirement is `#[target_feature(enable =
        // "sse2")]`: the CPU must have SSE2. This line is compiled only for
        // x86_64, whose baseline ABI includes SSE2, so every CPU it runs on has it.
        unsafe {
            Masks::of_sse2(bytes, prev)
        }
        #[cfg(not(target_arch = "x86_64"))]
        {
            Masks::of_portable(bytes, prev)
        }
    }

    /// SSE2, part of every x86-64 CPU: sixteen bytes per compare, and one
    /// `movemask` turns sixteen compare results into sixteen bits. Safe code:
    /// the intrinsics take no pointers, and the target always has the feature.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "sse2")]
    pub(super) fn of_sse2(bytes: &[u8; 64], prev: u8) -> Masks {
        use std::arch::x86_64::*;
        let set = |b: u8| _mm_set1_epi8(b as i8);
        let load = |b: &[u8]| {
            let lo = u64::from_le_bytes(b[..8].try_into().unwrap_or_default());
            let hi = u64::from_le_bytes(b[8..16].try_into().unwrap_or_default());
            _mm_set_epi64x(hi as i64, lo as i64)
        };
        // Unsigned `lo <= x < lo + n`, by a wrapping shift into signed range.
        let in_range = |x: __m128i, lo: u8, n: u8| {
            _mm_cmplt_epi8(
                _mm_sub_epi8(x, set(lo.wrapping_add(128))),
                set(n.wrapping_sub(128)),
            )
        };
        let mut m = Masks::default();
        let mut before = set(prev);
        for k in 0..4 {
            let v = load(&bytes[16 * k..16 * k + 16]);
            // The sixteen bytes one position back.
            let p = _mm_or_si128(_mm_slli_si128::<1>(v), _mm_srli_si128::<15>(before));
            before = v;
            let lower = _mm_or_si128(v, set(0x20));
            let alpha = in_range(lower, b'a', 26);
            let word = _mm_or_si128(alpha, in_range(v, b'0', 10));
            // ASCII only: a signed compare is an unsigned one here.
            let special = _mm_or_si128(
                _mm_cmplt_epi8(v, set(0x20)),
                _mm_or_si128(_mm_cmpeq_epi8(v, set(0x7F)), _mm_cmpeq_epi8(v, set(b'`'))),
            );
            let same = _mm_cmpeq_epi8(lower, _mm_or_si128(p, set(0x20)));
            let bits = |x: __m128i| u64::from(_mm_movemask_epi8(x) as u16) << (16 * k);
            m.alpha |= bits(alpha);
            m.upper |= bits(in_range(v, b'A', 26));
            m.word |= bits(word);
            m.space |= bits(_mm_cmpeq_epi8(v, set(b' ')));
            m.special |= bits(special);
            m.exclamation |= bits(_mm_cmpeq_epi8(v, set(b'!')));
            m.question |= bits(_mm_cmpeq_epi8(v, set(b'?')));
            m.symbol |= bits(_mm_or_si128(
                _mm_cmpeq_epi8(v, set(b'$')),
                _mm_cmpeq_epi8(v, set(b'@')),
            ));
            m.same_as_prev |= bits(same);
        }
        m
    }

    /// Each class is first written as one 0/1 byte per input byte (loops of
    /// fixed length the compiler turns into vector compares), then packed eight
    /// bytes at a time into bits by a multiplication.
    #[cfg(any(test, not(target_arch = "x86_64")))]
    pub(super) fn of_portable(bytes: &[u8; 64], prev: u8) -> Masks {
        let mut alpha = [0u8; 64];
        let mut upper = [0u8; 64];
        let mut word = [0u8; 64];
        let mut space = [0u8; 64];
        let mut special = [0u8; 64];
        let mut exclamation = [0u8; 64];
        let mut question = [0u8; 64];
        let mut symbol = [0u8; 64];
        let mut same_as_next = [0u8; 64];
        for i in 0..64 {
            let c = bytes[i];
            let lower = c | 0x20;
            let letter = lower.wrapping_sub(b'a') < 26;
            let digit = c.wrapping_sub(b'0') < 10;
            alpha[i] = u8::from(letter);
            upper[i] = u8::from(c.wrapping_sub(b'A') < 26);
            word[i] = u8::from(letter | digit);
            space[i] = u8::from(c == b' ');
            special[i] = u8::from((c < 0x20) | (c == 0x7F) | (c == b'`'));
            exclamation[i] = u8::from(c == b'!');
            question[i] = u8::from(c == b'?');
            symbol[i] = u8::from((c == b'$') | (c == b'@'));
        }
        for ((s, &a), &b) in same_as_next.iter_mut().zip(&bytes[..63]).zip(&bytes[1..]) {
            *s = u8::from(a | 0x20 == b | 0x20);
        }
        Masks {
            alpha: pack_bits(&alpha),
            upper: pack_bits(&upper),
            word: pack_bits(&word),
            space: pack_bits(&space),
            special: pack_bits(&special),
            exclamation: pack_bits(&exclamation),
            question: pack_bits(&question),
            symbol: pack_bits(&symbol),
            same_as_prev: (pack_bits(&same_as_next) << 1)
                | u64::from(prev | 0x20 == bytes[0] | 0x20),
        }
    }
}

/// Packs 64 bytes, each 0 or 1, into the bits of a `u64` (byte `i` → bit `i`).
#[cfg(any(test, not(target_arch = "x86_64")))]
#[inline(always)]
pub(super) fn pack_bits(flags: &[u8; 64]) -> u64 {
    let mut bits = 0u64;
    for (k, group) in flags.chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(group.try_into().unwrap_or([0; 8]));
        // Byte j's low bit lands on bit 56 + j, and no two partial products
        // share a bit, so nothing carries.
        bits |= (x.wrapping_mul(0x0102_0408_1020_4080) >> 56) << (8 * k);
    }
    bits
}

/// The evasion separators among ASCII bytes, as compares that vectorize.
#[inline(always)]
pub(super) const fn is_separator_byte(c: u8) -> bool {
    (c == b' ')
        | (c == b'-')
        | (c == b'.')
        | (c == b'_')
        | (c == b'*')
        | (c == b'/')
        | (c == b'\\')
        | (c == b'|')
        | (c == b'~')
        | (c == b'+')
        | (c == b'=')
        | (c == b'^')
        | (c == b'#')
}

/// Runs of two or more of `?`/`!` containing a `?`.
pub(super) fn question_runs(b: &[u8]) -> u32 {
    let (mut n, mut run, mut q) = (0, 0, false);
    for &c in b.iter().chain(std::iter::once(&b' ')) {
        if c == b'!' || c == b'?' {
            run += 1;
            q |= c == b'?';
        } else {
            n += u32::from(run >= 2 && q);
            run = 0;
            q = false;
        }
    }
    n
}

#[cfg(test)]
pub(super) fn is_plain_ascii(b: &[u8]) -> bool {
    scan_plain_ascii(b).is_some()
}
