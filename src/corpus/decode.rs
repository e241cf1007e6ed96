//! Bytes to clean text: encoding detection, line endings, odd whitespace.

use encoding_rs::Encoding;

/// Why a file could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// No bytes at all.
    Empty,
    /// Only white space (or characters that normalise to nothing).
    Blank,
    /// Not text: NUL bytes or many control characters. The kind of file
    /// when its signature is known (`"image/png"`).
    Binary(Option<&'static str>),
    /// NUL bytes in the pattern of UTF-16 text without a byte order mark.
    Utf16WithoutBom,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file; skipped"),
            DecodeError::Blank => write!(f, "empty file (only white space); skipped"),
            DecodeError::Binary(Some(kind)) => {
                write!(f, "not a text file (binary content: {kind}); skipped")
            }
            DecodeError::Binary(None) => write!(f, "not a text file (binary content); skipped"),
            DecodeError::Utf16WithoutBom => write!(
                f,
                "looks like UTF-16 without a byte order mark; skipped (save it as UTF-8, or as UTF-16 with a byte order mark)"
            ),
        }
    }
}

/// How the encoding of a file was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// A byte order mark.
    Bom,
    /// The bytes are valid UTF-8 (plain ASCII included).
    Valid,
    /// An HTML page's `<meta charset>` (or XML declaration).
    Declared,
    /// Guessed from the bytes by `chardetng`.
    Guessed,
}

/// The encoding a file was decoded with, and how it was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Detected {
    pub encoding: &'static Encoding,
    pub source: Source,
}

impl std::fmt::Display for Detected {
    /// `UTF-8`, `UTF-16LE (byte order mark)`, `windows-1251 (guessed)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.encoding.name();
        match self.source {
            Source::Valid => write!(f, "{name}"),
            Source::Bom => write!(f, "{name} (byte order mark)"),
            Source::Declared => write!(f, "{name} (declared by the page)"),
            Source::Guessed => write!(f, "{name} (guessed)"),
        }
    }
}

/// Decoded, normalised text and the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub detected: Detected,
}

/// Decode raw bytes: see [`decode_as`] (no declared encoding).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    decode_as(bytes, false).map(|d| d.text)
}

/// Decode raw bytes and normalise the text (see [`normalise`]). The
/// encoding is, in order: a byte order mark (UTF-8, UTF-16LE/BE); UTF-8 when
/// the bytes are valid UTF-8; for HTML (`html`), the charset the page
/// declares in its first 1024 bytes; else a legacy encoding guessed by
/// `chardetng`. Text with NUL bytes or many control characters is refused
/// as binary.
pub fn decode_as(bytes: &[u8], html: bool) -> Result<Decoded, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let (text, detected) = if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let text = encoding.decode_without_bom_handling(&bytes[bom..]).0;
        (text.into_owned(), detected(encoding, Source::Bom))
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        (
            text.to_string(),
            detected(encoding_rs::UTF_8, Source::Valid),
        )
    } else {
        let encoding = html.then(|| declared_charset(bytes)).flatten();
        let (encoding, source) = match encoding {
            Some(e) => (e, Source::Declared),
            None => {
                let mut detector = chardetng::EncodingDetector::new();
                detector.feed(bytes, true);
                (detector.guess(None, true), Source::Guessed)
            }
        };
        let text = encoding.decode_without_bom_handling(bytes).0;
        (text.into_owned(), detected(encoding, source))
    };
    if let Some(why) = binary(bytes, &text, detected.source) {
        return Err(why);
    }
    let text = normalise(&text);
    if text.trim().is_empty() {
        return Err(DecodeError::Blank);
    }
    Ok(Decoded { text, detected })
}

fn detected(encoding: &'static Encoding, source: Source) -> Detected {
    Detected { encoding, source }
}

/// Why decoded text is not text, if it is not: a NUL, or more than five
/// control characters (other than white space and escape) in a hundred.
/// Stray ones (a bell, a backspace, a DOS end-of-file mark) are only
/// white space to [`normalise`].
fn binary(bytes: &[u8], text: &str, source: Source) -> Option<DecodeError> {
    let control = |c: char| c.is_control() && !c.is_whitespace() && c != '\u{1b}';
    let mut chars = 0usize;
    let mut controls = 0usize;
    let mut nul = false;
    for c in text.chars() {
        chars += 1;
        if c == '\0' {
            nul = true;
            break;
        }
        if control(c) {
            controls += 1;
        }
    }
    if !nul && (controls < 4 || controls * 100 <= chars * 5) {
        return None;
    }
    if source != Source::Bom && looks_like_utf16(bytes) {
        return Some(DecodeError::Utf16WithoutBom);
    }
    Some(DecodeError::Binary(
        infer::get(bytes).map(|t| t.mime_type()),
    ))
}

/// Text in UTF-16 without a byte order mark: in the first bytes, the high
/// bytes of the code units (odd positions for little-endian, even ones for
/// big-endian) take one or two values (a script's block, and 0 for spaces and
/// punctuation) while the low bytes vary.
fn looks_like_utf16(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(4096) & !1];
    if head.len() < 16 {
        return false;
    }
    let concentrated = |start: usize| {
        let mut counts = [0usize; 256];
        for &b in head.iter().skip(start).step_by(2) {
            counts[b as usize] += 1;
        }
        counts.sort_unstable_by(|a, b| b.cmp(a));
        (counts[0] + counts[1]) * 10 >= head.len() / 2 * 9
    };
    concentrated(0) != concentrated(1)
}

/// The encoding an HTML page declares in its first 1024 bytes (`<meta
/// charset=…>`, `<meta http-equiv content="…; charset=…">` or an XML
/// declaration), as the WHATWG encoding standard maps the label. A page
/// cannot declare UTF-16 for itself (the standard reads it as UTF-8).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    static CHARSET: std::sync::LazyLock<regex::bytes::Regex> = std::sync::LazyLock::new(|| {
        regex::bytes::Regex::new(
            r#"(?i)(?:<meta\b[^>]*?\bcharset|<\?xml\b[^>]*?\bencoding)\s*=\s*["']?\s*([a-z0-9_:.+-]+)"#,
        )
        .expect("valid regex")
    });
    let head = &bytes[..bytes.len().min(1024)];
    let label = CHARSET.captures(head)?.get(1)?.as_bytes();
    Encoding::for_label(label).map(Encoding::output_encoding)
}

/// Characters that change the direction text is displayed in (embeddings,
/// overrides, isolates). Corpus text never needs them, and an unbalanced one
/// reorders whatever follows it on the page.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Normalise line endings to `\n`, turn odd spaces (NBSP, thin spaces, tabs)
/// and control characters into plain spaces, drop invisible characters
/// (zero-width, soft hyphen, BOM, bidirectional controls), collapse runs of
/// spaces and trim every line. Line count is kept.
pub fn normalise(text: &str) -> String {
    let text = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        push_line(&mut out, line);
    }
    out
}

/// One line of [`normalise`]: printable ASCII is copied a run at a time;
/// ASCII spaces and controls become one space between words; other
/// characters are looked at one by one.
fn push_line(out: &mut String, line: &str) {
    let bytes = line.as_bytes();
    let start = out.len();
    let mut space = false;
    let keep = |out: &mut String, text: &str, space: &mut bool| {
        if *space && out.len() > start {
            out.push(' ');
        }
        *space = false;
        out.push_str(text);
    };
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_graphic() {
            let end = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_graphic())
                .map_or(bytes.len(), |n| i + n);
            keep(out, &line[i..end], &mut space);
            i = end;
            continue;
        }
        if b.is_ascii() {
            // Every other ASCII character is white space or a control.
            space = true;
            i += 1;
            continue;
        }
        let c = line[i..].chars().next().expect("a character starts here");
        i += c.len_utf8();
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            c if is_bidi_control(c) => {}
            c if c.is_whitespace() || c.is_control() => space = true,
            c => keep(out, c.encode_utf8(&mut [0; 4]), &mut space),
        }
    }
}

/// [`normalise`] text that must be one line (a title, a name): line breaks
/// become spaces.
pub fn one_line(text: &str) -> String {
    normalise(text)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    const CYRILLIC: &str = "Мэр города Заречный объявил во вторник, что новый мост через реку откроют весной. Жители ждали этого решения почти десять лет.";
    const FRENCH: &str = "Le maire de Rivebelle a déclaré à la presse que la réunion était terminée et que les travaux du pont commenceraient à l'été.";

    fn described(bytes: &[u8], html: bool) -> String {
        decode_as(bytes, html).unwrap().detected.to_string()
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Café news".as_bytes()).unwrap(), "Café news");
        assert_eq!(described("Café news".as_bytes(), false), "UTF-8");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Café news".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "Café news");
        assert_eq!(described(&bom, false), "UTF-8 (byte order mark)");
    }

    #[test]
    fn utf16_with_bom_both_byte_orders() {
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for unit in CYRILLIC.encode_utf16() {
            le.extend_from_slice(&unit.to_le_bytes());
            be.extend_from_slice(&unit.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), CYRILLIC);
        assert_eq!(decode(&be).unwrap(), CYRILLIC);
        assert_eq!(described(&le, false), "UTF-16LE (byte order mark)");
        assert_eq!(described(&be, false), "UTF-16BE (byte order mark)");
        // Without the mark it is refused with a message saying why.
        assert_eq!(decode(&le[2..]), Err(DecodeError::Utf16WithoutBom));
        assert_eq!(decode(&be[2..]), Err(DecodeError::Utf16WithoutBom));
    }

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(CYRILLIC);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), CYRILLIC);
        assert_eq!(described(&bytes, false), "windows-1251 (guessed)");
    }

    #[test]
    fn latin1_is_detected() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(FRENCH);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), FRENCH);
        assert_eq!(described(&bytes, false), "windows-1252 (guessed)");
    }

    #[test]
    fn html_declared_charset_wins_over_a_guess() {
        // KOI8-R bytes that a guess alone could take for another Cyrillic
        // encoding; the page says what they are.
        let page = format!("<html><head><meta charset=\"koi8-r\"><title>Мост</title></head><body><p>{CYRILLIC}</p></body></html>");
        let (bytes, _, _) = encoding_rs::KOI8_R.encode(&page);
        let decoded = decode_as(&bytes, true).unwrap();
        assert_eq!(decoded.text, page);
        assert_eq!(
            decoded.detected.to_string(),
            "KOI8-R (declared by the page)"
        );
        let http_equiv = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=windows-1252\"><p>caf\xe9</p>";
        assert_eq!(
            described(http_equiv, true),
            "windows-1252 (declared by the page)"
        );
        // Valid UTF-8 is UTF-8 whatever the page claims.
        let utf8 = "<meta charset=windows-1251><p>café</p>";
        assert_eq!(decode_as(utf8.as_bytes(), true).unwrap().text, utf8);
        // Outside HTML a declaration-like text means nothing.
        let (plain, _, _) = encoding_rs::WINDOWS_1252
            .encode("<meta charset=koi8-r> déjà vu, à bientôt, café crème");
        assert_eq!(described(&plain, false), "windows-1252 (guessed)");
    }

    #[test]
    fn line_endings_odd_whitespace_and_bidi_controls_are_normalised() {
        let text = "One\u{00A0}two\r\nthree\u{200B}\tfour  \rfive\u{202F}six\u{00AD}";
        assert_eq!(
            decode(text.as_bytes()).unwrap(),
            "One two\nthree four\nfive six"
        );
        assert_eq!(
            normalise("abc\u{202E}fed\u{202C} \u{2067}x\u{2069}\u{7}y"),
            "abcfed x y"
        );
        assert_eq!(one_line(" a\n\n b\r\nc\u{0}d "), "a b c d");
        // Runs of ASCII, spaces and controls between them, characters
        // outside ASCII kept or dropped one by one, every line trimmed.
        assert_eq!(
            normalise(
                "\t  «Mińsk»\u{7f}\u{b}said:\u{2003}\u{200D}“yes”  \n\u{c}\n x\u{85}y \u{3000}"
            ),
            "«Mińsk» said: “yes”\n\nx y"
        );
        assert_eq!(normalise("\n\n"), "\n\n");
    }

    #[test]
    fn empty_blank_and_binary_are_errors() {
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"  \n\n "), Err(DecodeError::Blank));
        assert_eq!(
            decode("\u{00A0}\u{200B}\n\u{FEFF}".as_bytes()),
            Err(DecodeError::Blank)
        );
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary(None)));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10";
        assert_eq!(decode(png), Err(DecodeError::Binary(Some("image/png"))));
        let controls: Vec<u8> = (0..400u32)
            .map(|i| if i % 10 == 0 { 0x01 } else { b'a' })
            .collect();
        assert_eq!(decode(&controls), Err(DecodeError::Binary(None)));
        // A stray control character or two is only white space.
        assert_eq!(
            decode(b"Text\x1a with a DOS end\x0b.").unwrap(),
            "Text with a DOS end ."
        );
    }
}
