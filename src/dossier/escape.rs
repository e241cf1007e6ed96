//! Corpus text is data: these functions make it inert in the two places the
//! markdown writer puts it (markdown inline text and raw HTML).

/// Escape text for raw HTML (element content and attribute values).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    // The characters replaced are ASCII, so the runs between them are
    // copied whole (an ASCII byte is always a character boundary).
    let mut run = 0;
    for (i, b) in text.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&text[run..i]);
        out.push_str(entity);
        run = i + 1;
    }
    out.push_str(&text[run..]);
    out
}

/// Escape text for XML (feeds): like [`html`], and without the characters
/// XML 1.0 forbids (C0 controls other than tab, line feed and carriage
/// return; U+FFFE, U+FFFF), so the document stays well-formed.
pub fn xml(text: &str) -> String {
    let allowed = |c: &char| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}');
    html(&text.chars().filter(allowed).collect::<String>())
}

/// Escape text so that markdown renders it literally, as one inline run:
/// no emphasis, links, HTML, code, headings, lists, tables, line breaks,
/// superscripts, math or smart punctuation, whatever extensions the renderer
/// has on. White space is folded and control characters dropped.
pub fn markdown(text: &str) -> String {
    // White space folded, then control characters dropped (a word made
    // only of them leaves its two spaces), in one pass.
    let mut folded = String::with_capacity(text.len());
    for (i, word) in text.split_whitespace().enumerate() {
        if i > 0 {
            folded.push(' ');
        }
        // Control characters (Cc) are C0, DEL and C1, whose UTF-8 starts
        // with 0xC2: a word without those bytes has none.
        if word.bytes().any(|b| b < 0x20 || b == 0x7f || b == 0xc2) {
            folded.extend(word.chars().filter(|c| !c.is_control()));
        } else {
            folded.push_str(word);
        }
    }
    // Every character markdown gives a meaning to is ASCII, and so is "..",
    // which smart punctuation would turn into an ellipsis: escaping works
    // on bytes (a backslash before an ASCII byte keeps UTF-8 whole).
    let bytes = folded.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 8 + 8);
    for (i, &b) in bytes.iter().enumerate() {
        let special = matches!(
            b,
            b'\\'
                | b'`'
                | b'*'
                | b'_'
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'<'
                | b'>'
                | b'('
                | b')'
                | b'#'
                | b'+'
                | b'-'
                | b'!'
                | b'|'
                | b'~'
                | b'&'
                | b'$'
                | b'='
                | b':'
                | b'"'
                | b'\''
                | b'^'
        ) || b == b'.' && bytes.get(i + 1) == Some(&b'.');
        if special {
            out.push(b'\\');
        }
        out.push(b);
    }
    let mut out = String::from_utf8(out).expect("ASCII backslashes keep UTF-8 valid");
    // "1." or "1)" at the start would open an ordered list.
    let digits = out.chars().take_while(|c| c.is_ascii_digit()).count();
    if digits > 0 && matches!(out[digits..].chars().next(), Some('.')) {
        out.insert(digits, '\\');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html(r#"<b>"x" & 'y'</b>"#),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn markdown_folds_white_space_then_drops_controls() {
        assert_eq!(markdown("  a \u{7} b\t\n\u{1b}c\u{85}d "), "a  b c d");
        assert_eq!(markdown("\u{7}"), "");
        // C1 controls and DEL go; other characters of the same lead byte stay.
        assert_eq!(markdown("a\u{80}b\u{9f}c\u{7f}d £ é"), "abcd £ é");
    }

    #[test]
    fn xml_drops_forbidden_characters() {
        assert_eq!(
            xml("a\u{0}b\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}\tc\nd\re<&>"),
            "ab\tc\nd\re&lt;&amp;&gt;"
        );
    }

    /// The events markdown makes of escaped text: the text of one paragraph,
    /// or an error naming the first event that is not plain text.
    fn plain_text(escaped: &str, options: Options) -> Result<String, String> {
        let mut text = String::new();
        for (i, event) in Parser::new_ext(escaped, options).enumerate() {
            match event {
                Event::Start(Tag::Paragraph) if i == 0 => {}
                Event::End(TagEnd::Paragraph) => {}
                Event::Text(t) => text.push_str(&t),
                other => return Err(format!("{other:?} in {escaped:?}")),
            }
        }
        Ok(text)
    }

    fn folded(s: &str) -> String {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn markdown_escapes_every_inline_construct() {
        for nasty in [
            "*bold* _em_ [link](http://x) <script>alert(1)</script> `code` ![img](x.png)",
            "# not a heading",
            "- not a list",
            "1. not a list",
            "2) not a list",
            "| a | b |",
            "a\n\nb",
            "&amp; ~~strike~~ [^1] $x$ ^sup^ ~sub~",
            "<http://example.org> www.example.org https://example.org",
            "[[wiki]] {#id} ::: --- === ...",
            "> quote",
            "\\ trailing backslash \\",
            "    indented code",
            "- [ ] task",
        ] {
            for options in [crate::render::markdown::options(), Options::all()] {
                let text = plain_text(&markdown(nasty), options);
                assert_eq!(text, Ok(folded(nasty)), "{nasty:?} with {options:?}");
            }
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Any text, escaped, renders as exactly that text (white space
        /// folded): no tag, link, emphasis, code or entity is created, with
        /// the options dossier renders with and with every extension on.
        #[test]
        fn markdown_renders_any_text_as_itself(s in any::<String>()) {
            let expected = folded(&s.chars().filter(|c| !c.is_control() || c.is_whitespace()).collect::<String>());
            for options in [crate::render::markdown::options(), Options::all()] {
                prop_assert_eq!(plain_text(&markdown(&s), options), Ok(expected.clone()));
            }
        }

        /// The same for text made of markdown's own characters, which random
        /// strings rarely hit in dangerous orders.
        #[test]
        fn markdown_renders_markdown_syntax_as_text(s in r"[-*_`~#>=+.!|:\[\](){}<&;$^@'\x22\\ 0-9a-zA-Z\n\t]{0,60}") {
            for options in [crate::render::markdown::options(), Options::all()] {
                prop_assert_eq!(plain_text(&markdown(&s), options), Ok(folded(&s)));
            }
        }

        /// HTML escaping lets no markup character through raw and loses
        /// nothing.
        #[test]
        fn html_lets_no_markup_through(s in any::<String>()) {
            let out = html(&s);
            prop_assert!(!out.contains(['<', '>', '"', '\'']), "{out:?}");
            let mut rest = out.as_str();
            while let Some(at) = rest.find('&') {
                rest = &rest[at..];
                let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .into_iter()
                    .find(|e| rest.starts_with(e));
                prop_assert!(entity.is_some(), "raw & in {out:?}");
                rest = &rest[1..];
            }
            let back = out
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&quot;", "\"")
                .replace("&#39;", "'")
                .replace("&amp;", "&");
            prop_assert_eq!(back, s);
        }

        /// XML escaping of any text gives an element an XML parser accepts
        /// (feeds, SVG) whose text is the input less the characters XML
        /// cannot hold.
        #[test]
        fn xml_is_well_formed_and_keeps_the_text(s in any::<String>()) {
            let document = format!("<t>{}</t>", xml(&s));
            let mut reader = quick_xml::Reader::from_str(&document);
            let mut text = String::new();
            loop {
                match reader.read_event() {
                    Ok(quick_xml::events::Event::Text(t)) => text.push_str(&t.xml10_content()),
                    Ok(quick_xml::events::Event::GeneralRef(r)) if r.is_char_ref() => {
                        text.extend(r.resolve_char_ref().expect("a valid character reference"));
                    }
                    Ok(quick_xml::events::Event::GeneralRef(r)) => {
                        let c = match r.xml10_content().as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            other => panic!("unexpected entity {other:?} in {document:?}"),
                        };
                        text.push(c);
                    }
                    Ok(quick_xml::events::Event::Eof) => break,
                    Ok(_) => {}
                    Err(e) => panic!("{e} in {document:?}"),
                }
            }
            let allowed: String = s
                .chars()
                .filter(|c| !matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}'))
                .collect::<String>()
                // A parser reads every line end as a line feed (XML 1.0).
                .replace("\r\n", "\n")
                .replace('\r', "\n");
            prop_assert_eq!(text, allowed);
        }
    }
}
