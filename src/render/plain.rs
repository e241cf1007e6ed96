//! Plain text: the text of some HTML (tags dropped, the entities the
//! renderer writes decoded), as it is or written into a [`Folded`] text, so
//! a page's text is made in one pass without a copy to fold afterwards.

use memchr::{memchr, memchr2};

use crate::corpus::text::Folded;

/// The entities the renderer writes, and what they stand for.
const ENTITIES: [(&str, &str); 5] = [
    ("&lt;", "<"),
    ("&gt;", ">"),
    ("&quot;", "\""),
    ("&#39;", "'"),
    ("&amp;", "&"),
];

/// What [`read_html`] finds in some HTML.
enum Piece<'a> {
    /// Some text (an entity the renderer writes, decoded).
    Text(&'a str),
    /// The end of a tag.
    Tag,
}

/// Reads `html`, calling `f` with each piece of its text and the end of
/// each tag. A tag runs from a `<` to the next `>`; one left open hides the
/// rest of `html`.
fn read_html(html: &str, mut f: impl FnMut(Piece)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(found) = memchr2(b'<', b'&', &bytes[at..]) {
        let mark = at + found;
        if mark > at {
            f(Piece::Text(&html[at..mark]));
        }
        if bytes[mark] == b'<' {
            let Some(close) = memchr(b'>', &bytes[mark + 1..]) else {
                return;
            };
            f(Piece::Tag);
            at = mark + 1 + close + 1;
        } else {
            let rest = &html[mark..];
            match ENTITIES.iter().find(|(e, _)| rest.starts_with(e)) {
                Some((entity, decoded)) => {
                    f(Piece::Text(decoded));
                    at = mark + entity.len();
                }
                None => {
                    f(Piece::Text("&"));
                    at = mark + 1;
                }
            }
        }
    }
    if at < bytes.len() {
        f(Piece::Text(&html[at..]));
    }
}

/// Text of an HTML fragment without its tags (each tag as a space, the
/// entities the renderer writes decoded), white space as it was.
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    read_html(html, |piece| match piece {
        Piece::Text(t) => out.push_str(t),
        Piece::Tag => out.push(' '),
    });
    out
}

/// The text of some HTML with its white space folded ([`Folded`]), a tag
/// counting as white space.
pub fn text_of_html(html: &str) -> String {
    let mut out = Folded::with_capacity(html.len());
    push_html(&mut out, html);
    out.finish()
}

/// Write the text of `html` into `out`, each tag as white space (see
/// [`text_of_html`]).
pub fn push_html(out: &mut Folded, html: &str) {
    read_html(html, |piece| match piece {
        Piece::Text(t) => out.push(t),
        Piece::Tag => out.space(),
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_are_stripped_and_entities_decoded_once_folded_or_not() {
        let html = "<p id=\"p1\">A&amp;lt;b&gt; <b>bold</b>\n\t x &amp;amp; é\u{a0}ü &unknown; 1 > 0</p><br>";
        assert_eq!(
            strip_tags(html),
            " A&lt;b> \u{20}bold \n\t x &amp; é\u{a0}ü &unknown; 1 > 0  "
        );
        assert_eq!(
            text_of_html(html),
            "A&lt;b> bold x &amp; é ü &unknown; 1 > 0"
        );
        assert_eq!(text_of_html("<i>a</i><i>b</i>"), "a b");
        assert_eq!(text_of_html(""), "");
        // A tag left open hides the rest; a `<` inside a tag is in it.
        assert_eq!(strip_tags("a<b <c>d<e f"), "a d");
        assert_eq!(strip_tags("&&amp&lt&#39;>"), "&&amp&lt'>");
    }
}
