//! MD5 of many messages at once.
//!
//! A fingerprint hashes thousands of tiny messages (one per shingle), and a
//! single MD5 is a chain of 64 dependent steps: the CPU spends most of its
//! time waiting on the previous step. Hashing [`LANES`] independent messages
//! in lockstep gives it independent work to overlap. The rounds are written
//! once, as plain scalar code over arrays of lanes, and compiled twice:
//!
//! * for x86-64 CPUs with AVX2 (checked at run time), as one function over
//!   all 16 lanes that LLVM turns into 256-bit vector code: about 90
//!   instructions per message instead of about 600;
//! * everywhere else, over groups of 4 lanes, which keeps the scalar state in
//!   registers (measured on the benchmark's shingles: 4 lanes hash ~2.9x
//!   faster than `md-5` one message at a time; 8 scalar lanes only ~1.7x).
//!
//! Single-block messages (at most [`ONE_BLOCK_MAX`] bytes, nearly every
//! shingle) go through [`Batch`], which writes them straight into the
//! transposed block. Longer ones go through [`LongBatch`], whose lanes each
//! walk their own message block by block and are refilled as soon as they
//! finish: pages that embed kilobyte-long JSON "words" (LinkedIn does) have
//! megabytes of such shingles, and hashing them one at a time would cost as
//! much as the rest of the fingerprint together. Unit tests check every lane
//! of both compiled forms against the `md-5` crate, and the Python
//! differential test checks the end result.

/// Number of messages hashed together (see the module docs).
pub(crate) const LANES: usize = 16;

/// Lanes per group in the portable form.
const GROUP: usize = 4;

/// Longest message that fits in one padded MD5 block: 64 bytes minus the
/// mandatory 0x80 terminator byte minus the 8-byte length trailer.
pub(crate) const ONE_BLOCK_MAX: usize = 55;

/// MD5's initial chaining value (RFC 1321, section 3.3).
const MD5_INIT: [u32; 4] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476];

/// Per-step additive constants, `floor(abs(sin(i + 1)) * 2^32)` (RFC 1321).
#[rustfmt::skip]
const K: [u32; 64] = [
    0xd76a_a478, 0xe8c7_b756, 0x2420_70db, 0xc1bd_ceee, 0xf57c_0faf, 0x4787_c62a, 0xa830_4613, 0xfd46_9501,
    0x6980_98d8, 0x8b44_f7af, 0xffff_5bb1, 0x895c_d7be, 0x6b90_1122, 0xfd98_7193, 0xa679_438e, 0x49b4_0821,
    0xf61e_2562, 0xc040_b340, 0x265e_5a51, 0xe9b6_c7aa, 0xd62f_105d, 0x0244_1453, 0xd8a1_e681, 0xe7d3_fbc8,
    0x21e1_cde6, 0xc337_07d6, 0xf4d5_0d87, 0x455a_14ed, 0xa9e3_e905, 0xfcef_a3f8, 0x676f_02d9, 0x8d2a_4c8a,
    0xfffa_3942, 0x8771_f681, 0x6d9d_6122, 0xfde5_380c, 0xa4be_ea44, 0x4bde_cfa9, 0xf6bb_4b60, 0xbebf_bc70,
    0x289b_7ec6, 0xeaa1_27fa, 0xd4ef_3085, 0x0488_1d05, 0xd9d4_d039, 0xe6db_99e5, 0x1fa2_7cf8, 0xc4ac_5665,
    0xf429_2244, 0x432a_ff97, 0xab94_23a7, 0xfc93_a039, 0x655b_59c3, 0x8f0c_cc92, 0xffef_f47d, 0x8584_5dd1,
    0x6fa8_7e4f, 0xfe2c_e6e0, 0xa301_4314, 0x4e08_11a1, 0xf753_7e82, 0xbd3a_f235, 0x2ad7_d2bb, 0xeb86_d391,
];

/// Per-step left-rotation amounts (RFC 1321).
const S: [u32; 64] = {
    const PER_ROUND: [[u32; 4]; 4] = [[7, 12, 17, 22], [5, 9, 14, 20], [4, 11, 16, 23], [6, 10, 15, 21]];
    let mut s = [0; 64];
    let mut i = 0;
    while i < 64 {
        s[i] = PER_ROUND[i / 16][i % 4];
        i += 1;
    }
    s
};

/// Which message word each step reads (RFC 1321).
const G: [usize; 64] = {
    let mut g = [0; 64];
    let mut i = 0;
    while i < 64 {
        g[i] = match i / 16 {
            0 => i,
            1 => (5 * i + 1) % 16,
            2 => (3 * i + 5) % 16,
            _ => (7 * i) % 16,
        };
        i += 1;
    }
    g
};

/// One state or message word for every lane.
type Lanes<const N: usize> = [u32; N];

macro_rules! define_op {
    ($name:ident, |$b:ident, $c:ident, $d:ident| $mix:expr) => {
        #[inline(always)]
        fn $name<const N: usize>(
            a: &mut Lanes<N>,
            b: &Lanes<N>,
            c: &Lanes<N>,
            d: &Lanes<N>,
            m: &Lanes<N>,
            k: u32,
            s: u32,
        ) {
            for l in 0..N {
                let ($b, $c, $d) = (b[l], c[l], d[l]);
                a[l] = ($mix).wrapping_add(a[l]).wrapping_add(m[l]).wrapping_add(k).rotate_left(s).wrapping_add(b[l]);
            }
        }
    };
}

// The four round functions, in the forms with the fewest operations.
define_op!(op_f, |x, y, z| z ^ (x & (y ^ z)));
define_op!(op_g, |x, y, z| y ^ (z & (x ^ y)));
define_op!(op_h, |x, y, z| x ^ y ^ z);
define_op!(op_i, |x, y, z| y ^ (x | !z));

/// The 64 MD5 steps on `N` blocks from chaining value `state`, returning the
/// registers before the final addition of `state`.
#[rustfmt::skip]
#[inline(always)]
fn rounds<const N: usize>(state: [Lanes<N>; 4], m: &[Lanes<N>; 16]) -> [Lanes<N>; 4] {
    let [mut a, mut b, mut c, mut d] = state;

    // Step `i` with the register roles rotating as in RFC 1321; `i` is a
    // literal so the table lookups fold into constants.
    macro_rules! step {
        ($op:ident, $a:ident, $b:ident, $c:ident, $d:ident, $i:literal) => {
            $op(&mut $a, &$b, &$c, &$d, &m[G[$i]], K[$i], S[$i]);
        };
    }

    step!(op_f, a, b, c, d, 0); step!(op_f, d, a, b, c, 1); step!(op_f, c, d, a, b, 2); step!(op_f, b, c, d, a, 3);
    step!(op_f, a, b, c, d, 4); step!(op_f, d, a, b, c, 5); step!(op_f, c, d, a, b, 6); step!(op_f, b, c, d, a, 7);
    step!(op_f, a, b, c, d, 8); step!(op_f, d, a, b, c, 9); step!(op_f, c, d, a, b, 10); step!(op_f, b, c, d, a, 11);
    step!(op_f, a, b, c, d, 12); step!(op_f, d, a, b, c, 13); step!(op_f, c, d, a, b, 14); step!(op_f, b, c, d, a, 15);

    step!(op_g, a, b, c, d, 16); step!(op_g, d, a, b, c, 17); step!(op_g, c, d, a, b, 18); step!(op_g, b, c, d, a, 19);
    step!(op_g, a, b, c, d, 20); step!(op_g, d, a, b, c, 21); step!(op_g, c, d, a, b, 22); step!(op_g, b, c, d, a, 23);
    step!(op_g, a, b, c, d, 24); step!(op_g, d, a, b, c, 25); step!(op_g, c, d, a, b, 26); step!(op_g, b, c, d, a, 27);
    step!(op_g, a, b, c, d, 28); step!(op_g, d, a, b, c, 29); step!(op_g, c, d, a, b, 30); step!(op_g, b, c, d, a, 31);

    step!(op_h, a, b, c, d, 32); step!(op_h, d, a, b, c, 33); step!(op_h, c, d, a, b, 34); step!(op_h, b, c, d, a, 35);
    step!(op_h, a, b, c, d, 36); step!(op_h, d, a, b, c, 37); step!(op_h, c, d, a, b, 38); step!(op_h, b, c, d, a, 39);
    step!(op_h, a, b, c, d, 40); step!(op_h, d, a, b, c, 41); step!(op_h, c, d, a, b, 42); step!(op_h, b, c, d, a, 43);
    step!(op_h, a, b, c, d, 44); step!(op_h, d, a, b, c, 45); step!(op_h, c, d, a, b, 46); step!(op_h, b, c, d, a, 47);

    step!(op_i, a, b, c, d, 48); step!(op_i, d, a, b, c, 49); step!(op_i, c, d, a, b, 50); step!(op_i, b, c, d, a, 51);
    step!(op_i, a, b, c, d, 52); step!(op_i, d, a, b, c, 53); step!(op_i, c, d, a, b, 54); step!(op_i, b, c, d, a, 55);
    step!(op_i, a, b, c, d, 56); step!(op_i, d, a, b, c, 57); step!(op_i, c, d, a, b, 58); step!(op_i, b, c, d, a, 59);
    step!(op_i, a, b, c, d, 60); step!(op_i, d, a, b, c, 61); step!(op_i, c, d, a, b, 62); step!(op_i, b, c, d, a, 63);

    [a, b, c, d]
}

/// [`rounds`] on all lanes; `busy` has bit `l` set for each lane whose
/// result matters (others may come back as anything).
#[inline]
fn compress(state: &[Lanes<LANES>; 4], m: &[Lanes<LANES>; 16], busy: u32) -> [Lanes<LANES>; 4] {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2") {
        // SAFETY: the CPU supports AVX2, as just checked; that is the only
        // requirement of a `#[target_feature(enable = "avx2")]` function.
        return unsafe { compress_avx2(state, m) };
    }
    compress_portable(state, m, busy)
}

/// [`rounds`] on all lanes at once, compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn compress_avx2(state: &[Lanes<LANES>; 4], m: &[Lanes<LANES>; 16]) -> [Lanes<LANES>; 4] {
    rounds(*state, m)
}

/// [`rounds`] on the groups of [`GROUP`] lanes that hold a busy lane, in
/// scalar code that runs anywhere.
fn compress_portable(state: &[Lanes<LANES>; 4], m: &[Lanes<LANES>; 16], busy: u32) -> [Lanes<LANES>; 4] {
    let mut out = *state;
    for group in (0..LANES / GROUP).filter(|g| busy >> (g * GROUP) & ((1 << GROUP) - 1) != 0) {
        let lanes = group * GROUP..(group + 1) * GROUP;
        let pick = |words: &Lanes<LANES>| -> Lanes<GROUP> { std::array::from_fn(|l| words[group * GROUP + l]) };
        let result = rounds(state.map(|w| pick(&w)), &m.map(|w| pick(&w)));
        for (out, result) in out.iter_mut().zip(result) {
            out[lanes.clone()].copy_from_slice(&result);
        }
    }
    out
}

/// Up to [`LANES`] padded single-block messages waiting to be hashed.
pub(crate) struct Batch {
    /// Message words transposed, `words[w][lane]`, so a step reads word `w`
    /// of every lane from one contiguous array.
    words: [Lanes<LANES>; 16],
    len: usize,
}

impl Batch {
    /// An empty batch.
    pub(crate) fn new() -> Self {
        Self { words: [[0; LANES]; 16], len: 0 }
    }

    /// Whether the batch has no room for another message.
    pub(crate) fn is_full(&self) -> bool {
        self.len == LANES
    }

    /// Queues `message`, which must be at most [`ONE_BLOCK_MAX`] bytes long;
    /// the batch must not be full.
    #[inline]
    pub(crate) fn push(&mut self, message: &[u8]) {
        debug_assert!(message.len() <= ONE_BLOCK_MAX && !self.is_full());
        let len = message.len();
        let mut block = [0u8; 64];
        block[..len].copy_from_slice(message);
        block[len] = 0x80;
        block[56..].copy_from_slice(&((len as u64) * 8).to_le_bytes());
        let lane = self.len;
        for (word, bytes) in self.words.iter_mut().zip(block.chunks_exact(4)) {
            word[lane] = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
        }
        self.len += 1;
    }

    /// Hashes the queued messages, passes the last 8 digest bytes of each
    /// (read big-endian, as Python's simhash does) to `emit`, and empties
    /// the batch.
    pub(crate) fn drain(&mut self, mut emit: impl FnMut(u64)) {
        if self.len == 0 {
            return;
        }
        let state = MD5_INIT.map(|word| [word; LANES]);
        let busy = (1u32 << self.len) - 1;
        let [_, _, c, d] = compress(&state, &self.words, busy);
        for lane in 0..self.len {
            // The digest is the state words in little-endian byte order, so
            // its last 8 bytes are words 2 and 3; swapping reads them as
            // big-endian.
            let c = MD5_INIT[2].wrapping_add(c[lane]).swap_bytes();
            let d = MD5_INIT[3].wrapping_add(d[lane]).swap_bytes();
            emit((u64::from(c) << 32) | u64::from(d));
        }
        self.len = 0;
    }
}

/// Up to [`LANES`] messages of any length being hashed, one block per lane
/// per step.
pub(crate) struct LongBatch {
    /// Each lane's message, padded to whole blocks (buffers are reused).
    messages: [Vec<u8>; LANES],
    /// Offset of each lane's next block; a lane whose offset has reached its
    /// message's length is free.
    next: [usize; LANES],
    /// The chaining value `[a, b, c, d]`, each word for every lane.
    state: [Lanes<LANES>; 4],
}

impl LongBatch {
    /// A batch with every lane free.
    pub(crate) fn new() -> Self {
        Self { messages: Default::default(), next: [0; LANES], state: MD5_INIT.map(|word| [word; LANES]) }
    }

    fn busy(&self, lane: usize) -> bool {
        self.next[lane] < self.messages[lane].len()
    }

    /// Queues `message`, first hashing until a lane is free if none is;
    /// hashes of messages that finish meanwhile go to `emit`.
    pub(crate) fn push(&mut self, message: &[u8], mut emit: impl FnMut(u64)) {
        let lane = loop {
            if let Some(lane) = (0..LANES).find(|&lane| !self.busy(lane)) {
                break lane;
            }
            self.step(&mut emit);
        };
        let padded = &mut self.messages[lane];
        padded.clear();
        padded.extend_from_slice(message);
        padded.push(0x80);
        let blocks = (message.len() + 9).div_ceil(64);
        padded.resize(blocks * 64 - 8, 0);
        padded.extend_from_slice(&((message.len() as u64).wrapping_mul(8)).to_le_bytes());
        self.next[lane] = 0;
        for (word, init) in self.state.iter_mut().zip(MD5_INIT) {
            word[lane] = init;
        }
    }

    /// Hashes everything queued, passing each hash to `emit`.
    pub(crate) fn finish(&mut self, mut emit: impl FnMut(u64)) {
        while (0..LANES).any(|lane| self.busy(lane)) {
            self.step(&mut emit);
        }
    }

    /// Compresses the next block of every busy lane.
    fn step(&mut self, emit: &mut impl FnMut(u64)) {
        let mut words = [[0u32; LANES]; 16];
        let mut busy = 0u32;
        for lane in (0..LANES).filter(|&lane| self.busy(lane)) {
            busy |= 1 << lane;
            let block = &self.messages[lane][self.next[lane]..self.next[lane] + 64];
            for (word, bytes) in words.iter_mut().zip(block.chunks_exact(4)) {
                word[lane] = u32::from_le_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]);
            }
        }
        let out = compress(&self.state, &words, busy);
        for lane in (0..LANES).filter(|&lane| busy >> lane & 1 != 0) {
            for (word, out) in self.state.iter_mut().zip(&out) {
                word[lane] = word[lane].wrapping_add(out[lane]);
            }
            self.next[lane] += 64;
            if !self.busy(lane) {
                let c = self.state[2][lane].swap_bytes();
                let d = self.state[3][lane].swap_bytes();
                emit((u64::from(c) << 32) | u64::from(d));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use md5::{Digest, Md5};

    fn reference(message: &str) -> u64 {
        let digest = Md5::digest(message.as_bytes());
        u64::from_be_bytes(digest[8..].try_into().expect("MD5 digests are 16 bytes"))
    }

    fn hash_all(messages: &[String]) -> Vec<u64> {
        let mut batch = Batch::new();
        let mut out = Vec::new();
        for message in messages {
            if batch.is_full() {
                batch.drain(|h| out.push(h));
            }
            batch.push(message.as_bytes());
        }
        batch.drain(|h| out.push(h));
        out
    }

    #[test]
    fn every_lane_matches_md5_for_every_single_block_length() {
        // GIVEN messages of every length 0..=55, ASCII and multi-byte, so
        // each lane sees many lengths and partial batches occur
        let mut messages: Vec<String> = (0..=ONE_BLOCK_MAX).map(|n| "x".repeat(n)).collect();
        messages.extend((0..=ONE_BLOCK_MAX / 4).map(|n| "東🚀".repeat(n / 2) + &"é".repeat(n % 2)));
        messages.push("senior rust engineer".to_string());
        // WHEN hashed in batches
        let ours = hash_all(&messages);
        // THEN each result equals md-5's, in order
        let expected: Vec<u64> = messages.iter().map(|m| reference(m)).collect();
        assert_eq!(ours, expected);
    }

    #[test]
    fn drained_batch_is_empty_again() {
        // GIVEN a drained batch
        let mut batch = Batch::new();
        batch.push(b"lead data engineer");
        let mut out = Vec::new();
        batch.drain(|h| out.push(h));
        assert_eq!(out, [reference("lead data engineer")]);
        // WHEN drained again
        // THEN nothing is emitted
        batch.drain(|_| panic!("the batch was drained already"));
    }

    #[test]
    fn long_batch_matches_md5_for_mixed_lengths_in_any_lane() {
        // GIVEN messages from 0 bytes to several blocks, lengths around
        // every padding edge, interleaved so lanes finish at different times
        let mut messages: Vec<String> = Vec::new();
        for len in (0..=200).chain([511, 512, 513, 4096, 10_000]) {
            messages.push("ab€".repeat(len / 5) + &"z".repeat(len % 5));
        }
        messages.sort_by_key(|m| (m.len() * 7919) % 97);
        // WHEN hashed through the long batch
        let mut batch = LongBatch::new();
        let mut ours = Vec::new();
        for message in &messages {
            batch.push(message.as_bytes(), |h| ours.push(h));
        }
        batch.finish(|h| ours.push(h));
        // THEN the multiset of hashes is md-5's (lanes emit out of order)
        let mut expected: Vec<u64> = messages.iter().map(|m| reference(m)).collect();
        ours.sort_unstable();
        expected.sort_unstable();
        assert_eq!(ours, expected);
        // AND finishing again emits nothing
        batch.finish(|_| panic!("all lanes were free"));
    }

    #[test]
    fn portable_and_dispatched_compression_agree_on_every_lane() {
        // GIVEN blocks and chaining values that differ in every lane
        let state: [Lanes<LANES>; 4] =
            std::array::from_fn(|w| std::array::from_fn(|l| (w * 977 + l * 131) as u32 ^ 0x9E37_79B9));
        let m: [Lanes<LANES>; 16] = std::array::from_fn(|w| std::array::from_fn(|l| (w * 31 + l * 7919) as u32));
        // WHEN compressed by the portable code and by whatever this CPU uses
        let all = (1u32 << LANES) - 1;
        let portable = compress_portable(&state, &m, all);
        // THEN the results are identical, also to 4 lanes at a time by hand
        assert_eq!(portable, compress(&state, &m, all));
        let by_hand: [Lanes<4>; 4] =
            rounds(state.map(|w| [w[4], w[5], w[6], w[7]]), &m.map(|w| [w[4], w[5], w[6], w[7]]));
        assert_eq!(by_hand, portable.map(|w| [w[4], w[5], w[6], w[7]]));
    }

    #[test]
    fn draining_an_empty_batch_emits_nothing() {
        let mut batch = Batch::new();
        batch.drain(|_| panic!("no message was queued"));
    }
}
