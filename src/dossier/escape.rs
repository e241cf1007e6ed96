//! Corpus text is data: these functions make it inert in the two places the
//! markdown writer puts it (markdown inline text and raw HTML).

/// Escape text for raw HTML (element content and attribute values).
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
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
/// no emphasis, links, HTML, code, headings, lists, tables or line breaks.
pub fn markdown(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`'
                | '*'
                | '_'
                | '{'
                | '}'
                | '['
                | ']'
                | '<'
                | '>'
                | '('
                | ')'
                | '#'
                | '+'
                | '-'
                | '!'
                | '|'
                | '~'
                | '&'
                | '$'
                | '='
                | ':'
                | '"'
                | '\''
        ) {
            out.push('\\');
        }
        out.push(c);
    }
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

    #[test]
    fn html_escapes_markup() {
        assert_eq!(
            html(r#"<b>"x" & 'y'</b>"#),
            "&lt;b&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/b&gt;"
        );
    }

    #[test]
    fn xml_drops_forbidden_characters() {
        assert_eq!(
            xml("a\u{0}b\u{8}\u{b}\u{c}\u{1f}\u{fffe}\u{ffff}\tc\nd\re<&>"),
            "ab\tc\nd\re&lt;&amp;&gt;"
        );
    }

    #[test]
    fn markdown_escapes_every_inline_construct() {
        let rendered = |s: &str| {
            let mut html = String::new();
            let escaped = markdown(s);
            let parser = pulldown_cmark::Parser::new_ext(&escaped, pulldown_cmark::Options::all());
            pulldown_cmark::html::push_html(&mut html, parser);
            html
        };
        for nasty in [
            "*bold* _em_ [link](http://x) <script>alert(1)</script> `code` ![img](x.png)",
            "# not a heading",
            "- not a list",
            "1. not a list",
            "| a | b |",
            "a\n\nb",
            "&amp; ~~strike~~ [^1] $x$",
        ] {
            let out = rendered(nasty);
            for tag in [
                "<em", "<strong", "<a ", "<script", "<code", "<img", "<h1", "<li", "<table",
                "<del", "<sup",
            ] {
                assert!(!out.contains(tag), "{nasty:?} rendered as {out}");
            }
            assert_eq!(out.matches("<p>").count(), 1, "{nasty:?} rendered as {out}");
        }
    }
}
