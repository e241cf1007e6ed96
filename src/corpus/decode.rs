//! Bytes to clean text: encoding detection, line endings, odd whitespace.

/// Why a file could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Empty,
    Binary,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "empty file"),
            DecodeError::Binary => write!(f, "not a text file (binary content)"),
        }
    }
}

/// Decode raw bytes: UTF-8 (with or without BOM), UTF-16 with BOM, or a legacy
/// encoding guessed by `chardetng`; then normalise the text (see [`normalise`]).
pub fn decode(bytes: &[u8]) -> Result<String, DecodeError> {
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        return Err(DecodeError::Empty);
    }
    let text = if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        encoding
            .decode_without_bom_handling(&bytes[bom..])
            .0
            .into_owned()
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else {
        let mut detector = chardetng::EncodingDetector::new();
        detector.feed(bytes, true);
        let encoding = detector.guess(None, true);
        encoding.decode_without_bom_handling(bytes).0.into_owned()
    };
    if text.contains('\0') {
        return Err(DecodeError::Binary);
    }
    let text = normalise(&text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

/// Normalise line endings to `\n`, turn odd spaces (NBSP, thin spaces, tabs)
/// into plain spaces, drop invisible characters (zero-width, soft hyphen,
/// BOM), collapse runs of spaces and trim every line. Line count is kept.
pub fn normalise(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        let mut space = false;
        let start = out.len();
        for c in line.chars() {
            match c {
                '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
                c if c.is_whitespace() || c.is_control() => space = true,
                c => {
                    if space && out.len() > start {
                        out.push(' ');
                    }
                    space = false;
                    out.push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Café news".as_bytes()).unwrap(), "Café news");
        let mut bom = vec![0xEF, 0xBB, 0xBF];
        bom.extend_from_slice("Café news".as_bytes());
        assert_eq!(decode(&bom).unwrap(), "Café news");
    }

    #[test]
    fn windows_1251_is_detected() {
        let source =
            "Президент Варнавский заявил журналистам, что переговоры продолжатся в понедельник.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode(source);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), source);
    }

    #[test]
    fn latin1_is_detected() {
        let source = "Le ministre a déclaré à la presse que la réunion était terminée.";
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(source);
        assert!(std::str::from_utf8(&bytes).is_err());
        assert_eq!(decode(&bytes).unwrap(), source);
    }

    #[test]
    fn line_endings_and_odd_whitespace_are_normalised() {
        let text = "One\u{00A0}two\r\nthree\u{200B}\tfour  \rfive\u{202F}six\u{00AD}";
        assert_eq!(
            decode(text.as_bytes()).unwrap(),
            "One two\nthree four\nfive six"
        );
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(decode(b"  \n\n "), Err(DecodeError::Empty));
        assert_eq!(decode(b""), Err(DecodeError::Empty));
        assert_eq!(decode(b"ab\0cd"), Err(DecodeError::Binary));
    }
}
