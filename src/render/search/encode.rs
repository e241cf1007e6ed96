//! Compact number encodings inside JSON strings, decoded by `js/search.js`.
//!
//! Both use the 64 characters of [`DIGITS`], none of which JSON escapes.
//! - A *varint* is a number in base 32, most significant digit first: every
//!   digit but the last is written as `DIGITS[32 + d]`, the last as
//!   `DIGITS[d]`, so 0–31 take one character, up to 1023 two, and so on.
//! - A *page id* (24 bits) is four characters of 6 bits, most significant
//!   first.

/// The digit alphabet (base64url order).
pub const DIGITS: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Appends `v` as a varint.
pub fn varint(out: &mut String, v: u32) {
    let mut digits = [0u8; 7];
    let mut n = 0;
    let mut rest = v;
    loop {
        digits[n] = (rest & 31) as u8;
        n += 1;
        rest >>= 5;
        if rest == 0 {
            break;
        }
    }
    for i in (0..n).rev() {
        let d = digits[i] | if i > 0 { 32 } else { 0 };
        out.push(DIGITS[d as usize] as char);
    }
}

/// How many characters [`varint`] writes for `v`.
pub fn varint_len(v: u32) -> usize {
    let bits = 32 - v.leading_zeros() as usize;
    bits.div_ceil(5).max(1)
}

/// Appends a 24-bit page id as four characters.
pub fn page_id(out: &mut String, id: u32) {
    debug_assert!(id < 1 << 24);
    for shift in [18, 12, 6, 0] {
        out.push(DIGITS[((id >> shift) & 63) as usize] as char);
    }
}

#[cfg(test)]
pub fn read_varints(s: &str) -> Vec<u32> {
    let mut out = Vec::new();
    let mut v = 0u32;
    for b in s.bytes() {
        let d = DIGITS.iter().position(|&x| x == b).expect("a digit") as u32;
        v = v * 32 + (d & 31);
        if d < 32 {
            out.push(v);
            v = 0;
        }
    }
    assert_eq!(v, 0, "unterminated varint in {s:?}");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_have_the_stated_length() {
        let values = [0, 1, 31, 32, 1023, 1024, 32767, 32768, 1 << 24, u32::MAX];
        let mut s = String::new();
        for v in values {
            let before = s.len();
            varint(&mut s, v);
            assert_eq!(s.len() - before, varint_len(v), "{v}");
        }
        assert_eq!(read_varints(&s), values);
        let mut one = String::new();
        varint(&mut one, 33);
        assert_eq!(
            one, "hB",
            "33 = 1·32 + 1: continuation digit 1, final digit 1"
        );
    }

    #[test]
    fn page_ids_are_four_digits() {
        let mut s = String::new();
        page_id(&mut s, 0);
        page_id(&mut s, (1 << 24) - 1);
        page_id(&mut s, 64 + 2);
        assert_eq!(s, "AAAA____AABC");
    }

    #[test]
    fn digits_need_no_json_escape() {
        let all = std::str::from_utf8(DIGITS).unwrap();
        assert_eq!(serde_json::to_string(all).unwrap(), format!("\"{all}\""));
        let mut unique = DIGITS.to_vec();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), 64);
    }
}
