//! Bit and byte I/O for the codes the format's grammar names: LEB128
//! varints and length-prefixed strings, and, at bit granularity, Rice,
//! Elias gamma, truncated binary and binary interpolative codes.
//!
//! Readers never panic on bytes no writer wrote: a read past the end or an
//! impossible code sets `bad` and yields zeros, and callers check `bad` (or
//! bound what they decode) before trusting what they read.

/// Appends `v` as a LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Appends a varint length and the bytes of `s`.
pub fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// A cursor over bytes that never panics: reads past the end yield zeros and
/// set `bad`, so a corrupt index gives wrong answers, never a dead page.
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    /// Set when a read ran past the end.
    pub bad: bool,
}

impl<'a> Reader<'a> {
    /// A cursor at the start of `bytes`.
    pub fn new(bytes: &'a [u8]) -> Reader<'a> {
        Reader { bytes, pos: 0, bad: false }
    }

    /// A cursor at `pos` within `bytes`.
    pub fn at(bytes: &'a [u8], pos: usize) -> Reader<'a> {
        Reader { bytes, pos, bad: pos > bytes.len() }
    }

    /// The byte offset of the cursor.
    pub fn pos(&self) -> usize {
        self.pos
    }


    /// One varint.
    #[inline]
    pub fn varint(&mut self) -> u64 {
        let mut v: u64 = 0;
        let mut shift = 0u32;
        loop {
            let Some(&b) = self.bytes.get(self.pos) else {
                self.bad = true;
                return v;
            };
            self.pos += 1;
            if shift < 64 {
                v |= ((b & 0x7f) as u64) << shift;
            }
            if b < 0x80 {
                return v;
            }
            shift += 7;
        }
    }

    /// `n` raw bytes (fewer at the end).
    pub fn bytes(&mut self, n: usize) -> &'a [u8] {
        let start = self.pos.min(self.bytes.len());
        let end = start.saturating_add(n).min(self.bytes.len());
        if end - start < n {
            self.bad = true;
        }
        self.pos = end;
        &self.bytes[start..end]
    }

    /// A varint-length string (lossy on invalid UTF-8).
    pub fn string(&mut self) -> String {
        let n = self.varint() as usize;
        let bytes = self.bytes(n);
        // The strict check is the fast one; the lossy one only for bad bytes.
        match std::str::from_utf8(bytes) {
            Ok(s) => s.to_owned(),
            Err(_) => String::from_utf8_lossy(bytes).into_owned(),
        }
    }

    /// One byte.
    pub fn u8(&mut self) -> u8 {
        self.bytes(1).first().copied().unwrap_or(0)
    }

    /// A little-endian u32.
    pub fn u32(&mut self) -> u32 {
        let b = self.bytes(4);
        let mut a = [0u8; 4];
        a[..b.len()].copy_from_slice(b);
        u32::from_le_bytes(a)
    }

    /// A little-endian f32.
    pub fn f32(&mut self) -> f32 {
        f32::from_bits(self.u32())
    }
}

/// A little-endian u32 at `pos`, 0 past the end.
#[inline]
pub fn u32_at(bytes: &[u8], pos: usize) -> u32 {
    match bytes.get(pos..pos + 4) {
        Some(b) => u32::from_le_bytes([b[0], b[1], b[2], b[3]]),
        None => 0,
    }
}

/// Largest unary quotient of a Rice code; a larger one escapes to a raw
/// 40-bit value, so one outlier gap cannot cost thousands of bits.
pub const RICE_ESCAPE: u64 = 40;

#[cfg(feature = "build")]
/// Writes bits least-significant first.
#[derive(Debug, Default)]
pub struct BitWriter {
    /// The bytes written so far (the last one may be partial).
    pub bytes: Vec<u8>,
    acc: u64,
    n: u32,
}

#[cfg(feature = "build")]
impl BitWriter {
    /// How many bits were written.
    pub fn bit_len(&self) -> u64 {
        self.bytes.len() as u64 * 8 + self.n as u64
    }

    /// Appends the low `n` bits of `v` (`n` ≤ 32).
    pub fn bits(&mut self, v: u64, n: u32) {
        debug_assert!(n <= 32);
        if n == 0 {
            return;
        }
        self.acc |= (v & ((1u64 << n) - 1)) << self.n;
        self.n += n;
        while self.n >= 8 {
            self.bytes.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// `q` zeros, then a one.
    pub fn unary(&mut self, mut q: u64) {
        while q >= 32 {
            self.bits(0, 32);
            q -= 32;
        }
        self.bits(1 << q, q as u32 + 1);
    }

    /// Rice code of `v` with parameter `k` (`k` ≤ 24).
    pub fn rice(&mut self, v: u64, k: u32) {
        let q = v >> k;
        if q >= RICE_ESCAPE {
            self.unary(RICE_ESCAPE);
            self.bits(v & 0xFFFF_FFFF, 32);
            self.bits(v >> 32, 8);
            return;
        }
        self.unary(q);
        self.bits(v, k);
    }

    /// Truncated binary code of `v` < `r` (`r` ≤ 2^32): the `u` smallest
    /// values take `floor(log2 r)` bits, the others one more, where
    /// `u = 2^(floor(log2 r) + 1) - r`. Nothing when `r` ≤ 1.
    pub fn truncated(&mut self, v: u64, r: u64) {
        if r <= 1 {
            return;
        }
        let k = 63 - r.leading_zeros();
        let u = (2u64 << k) - r;
        if v < u {
            self.bits(v, k);
        } else {
            // The long code word's high k bits come first: they are at
            // least `u`, which is how the reader tells the two apart.
            let c = v + u;
            self.bits(c >> 1, k);
            self.bits(c & 1, 1);
        }
    }

    /// Binary interpolative code of `values`, ascending and distinct, all in
    /// `[lo, hi)`: the middle value, truncated-binary coded within the range
    /// its rank leaves it, then the values below it, then those above.
    /// Values the range fixes (as many as the range's size) cost nothing.
    pub fn interpolative(&mut self, values: &[u32], lo: u32, hi: u32) {
        let n = values.len() as u32;
        if n == 0 || hi - lo == n {
            return;
        }
        let m = n / 2;
        let v = values[m as usize];
        self.truncated((v - lo - m) as u64, (hi - lo - n + 1) as u64);
        self.interpolative(&values[..m as usize], lo, v);
        self.interpolative(&values[m as usize + 1..], v + 1, hi);
    }

    /// Elias gamma code of `v` ≥ 1.
    pub fn gamma(&mut self, v: u64) {
        let v = v.max(1);
        let n = 63 - v.leading_zeros();
        self.unary(n as u64);
        self.bits(v & ((1u64 << n) - 1), n);
    }

    /// Pads to a whole byte and returns the bytes.
    pub fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.bytes.push(self.acc as u8);
        }
        self.bytes
    }
}

/// Reads what [`BitWriter`] wrote; past the end it reads zeros and sets `bad`.
#[derive(Debug, Clone)]
pub struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bit offset of the next read.
    pub pos: u64,
    /// Set when a read ran past the end.
    pub bad: bool,
}

impl<'a> BitReader<'a> {
    /// The bytes it reads.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// A reader at bit `pos` of `bytes`.
    pub fn new(bytes: &'a [u8], pos: u64) -> BitReader<'a> {
        BitReader { bytes, pos, bad: false }
    }

    /// The next 57 or more bits, without consuming them.
    #[inline]
    fn peek(&mut self) -> u64 {
        let byte = (self.pos / 8) as usize;
        let word = match self.bytes.get(byte..byte + 8) {
            Some(b) => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
            None => {
                let mut a = [0u8; 8];
                let rest = self.bytes.get(byte..).unwrap_or(&[]);
                a[..rest.len()].copy_from_slice(rest);
                if rest.is_empty() {
                    self.bad = true;
                }
                u64::from_le_bytes(a)
            }
        };
        word >> (self.pos % 8)
    }

    /// `n` bits (`n` ≤ 32).
    #[inline]
    pub fn bits(&mut self, n: u32) -> u64 {
        if n == 0 {
            return 0;
        }
        let v = self.peek() & ((1u64 << n) - 1);
        self.pos += n as u64;
        v
    }

    /// A unary count (zeros before a one), at most `limit`.
    #[inline]
    fn unary(&mut self, limit: u64) -> u64 {
        let mut count = 0;
        loop {
            let w = self.peek();
            let tz = w.trailing_zeros() as u64;
            if tz < 56 {
                self.pos += tz + 1;
                return count + tz;
            }
            self.pos += 56;
            count += 56;
            if count >= limit || self.bad {
                self.bad = true;
                return limit;
            }
        }
    }

    /// A Rice-coded value.
    #[inline]
    pub fn rice(&mut self, k: u32) -> u64 {
        // Fast path: quotient and remainder in one 57-bit window.
        let w = self.peek();
        let tz = w.trailing_zeros();
        if (tz as u64) < RICE_ESCAPE && tz + 1 + k <= 57 {
            self.pos += (tz + 1 + k) as u64;
            return ((tz as u64) << k) | ((w >> (tz + 1)) & ((1u64 << k) - 1));
        }
        let q = self.unary(RICE_ESCAPE);
        if q >= RICE_ESCAPE {
            let lo = self.bits(32);
            let hi = self.bits(8);
            return lo | hi << 32;
        }
        (q << k) | self.bits(k)
    }

    /// A truncated-binary-coded value below `r` (see
    /// [`BitWriter::truncated`]); always below `r`, whatever the bits.
    #[inline]
    pub fn truncated(&mut self, r: u64) -> u64 {
        if r <= 1 {
            return 0;
        }
        let r = r.min(1 << 32);
        let k = 63 - r.leading_zeros();
        let u = (2u64 << k) - r;
        let w = self.peek();
        let x = w & ((1u64 << k) - 1);
        // Which code word length is as likely as not: a select, not a
        // branch the processor would mispredict half the time.
        let long = x >= u;
        let y = ((x << 1) | ((w >> k) & 1)).wrapping_sub(u);
        self.pos += k as u64 + long as u64;
        if long {
            y
        } else {
            x
        }
    }

    /// `n` interpolative-coded values in `[lo, hi)` (see
    /// [`BitWriter::interpolative`]), passed to `emit` in ascending order.
    /// Returns false, having emitted nothing, when `n` values cannot fit
    /// the range (corrupt bytes). Every value decoded lies in its range, so
    /// the recursion is at most log2(n) + 1 deep and emits exactly `n`.
    #[inline]
    pub fn interpolative(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) -> bool {
        if hi < lo || n > hi - lo {
            return false;
        }
        self.interpolative_in(n, lo, hi, emit);
        true
    }

    #[inline]
    fn interpolative_in(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) {
        // Most postings have one position in a field, or none: no recursion.
        if n <= 1 {
            if n == 1 {
                emit(lo + self.truncated((hi - lo) as u64) as u32);
            }
            return;
        }
        self.interpolative_many(n, lo, hi, emit);
    }

    fn interpolative_many(&mut self, n: u32, lo: u32, hi: u32, emit: &mut impl FnMut(u32)) {
        if hi - lo == n {
            for v in lo..hi {
                emit(v);
            }
            return;
        }
        let m = n / 2;
        let v = lo + m + self.truncated((hi - lo - n + 1) as u64) as u32;
        self.interpolative_in(m, lo, v, emit);
        emit(v);
        self.interpolative_in(n - m - 1, v + 1, hi, emit);
    }

    /// A gamma-coded value.
    #[inline]
    pub fn gamma(&mut self) -> u64 {
        let w = self.peek();
        let n = w.trailing_zeros();
        if 2 * n < 57 {
            self.pos += (2 * n + 1) as u64;
            return (1u64 << n) | ((w >> (n + 1)) & ((1u64 << n) - 1));
        }
        let n = self.unary(33).min(32) as u32;
        (1u64 << n) | self.bits(n)
    }
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bit_codes_round_trip() {
        let values: Vec<u64> = (0..2000u64).map(|i| (i * 7919) % 5000).chain([0, 1, 1 << 30, u32::MAX as u64]).collect();
        for k in [0, 1, 3, 7, 12, 24] {
            let mut w = BitWriter::default();
            for &v in &values {
                w.rice(v, k);
                w.gamma(v + 1);
                w.bits(v & 1, 1);
            }
            let bytes = w.finish();
            let mut r = BitReader::new(&bytes, 0);
            for &v in &values {
                assert_eq!(r.rice(k), v, "rice k={k}");
                assert_eq!(r.gamma(), v + 1, "gamma");
                assert_eq!(r.bits(1), v & 1);
            }
            assert!(!r.bad);
        }
    }

    #[test]
    fn interpolative_round_trips_and_survives_garbage() {
        let sets: Vec<(Vec<u32>, u32, u32)> = vec![
            (vec![], 5, 5),
            (vec![7], 3, 20),
            (vec![3, 4, 5, 6], 3, 7),
            (vec![0, 2, 3, 9, 10, 40, 41, 42, 99], 0, 100),
            ((10..500).step_by(7).collect(), 10, 600),
            (vec![65_000, 65_534], 2, 65_537),
        ];
        let mut w = BitWriter::default();
        for (values, lo, hi) in &sets {
            w.interpolative(values, *lo, *hi);
            w.truncated(5, 6);
        }
        let bytes = w.finish();
        let mut r = BitReader::new(&bytes, 0);
        for (values, lo, hi) in &sets {
            let mut got = Vec::new();
            assert!(r.interpolative(values.len() as u32, *lo, *hi, &mut |v| got.push(v)));
            assert_eq!(&got, values);
            assert_eq!(r.truncated(6), 5);
        }
        assert!(!r.bad);
        // Garbage decodes to the asked count of in-range values, or nothing.
        let junk: Vec<u8> = (0..64u32).map(|i| (i * 151 + 7) as u8).collect();
        for (n, lo, hi) in [(5, 0, 9), (30, 100, 131), (1000, 0, 70_000), (4, 9, 3), (8, 0, 7)] {
            let mut got = Vec::new();
            let ok = BitReader::new(&junk, 3).interpolative(n, lo, hi, &mut |v| got.push(v));
            assert_eq!(ok, hi >= lo && n <= hi - lo);
            assert_eq!(got.len(), if ok { n as usize } else { 0 });
            assert!(got.windows(2).all(|p| p[0] < p[1]) && got.iter().all(|&v| v >= lo && v < hi));
        }
    }
}
