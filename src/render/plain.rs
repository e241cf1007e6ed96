//! Plain text: the text of some HTML (tags dropped, the entities the
//! renderer writes decoded), and text written with its white space folded
//! as it is written ([`Folded`]), so a page's text is made in one pass
//! without a copy to fold afterwards.

use memchr::{memchr, memchr2};

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
    out.push_html(html);
    out.finish()
}

/// The length of the white space char (`char::is_whitespace`, what
/// `str::split_whitespace` splits at) that starts at byte `at` of `text`,
/// if one does. Told by the byte but for the four lead bytes of the
/// white space beyond ASCII (U+0085 to U+3000); no other byte starts one.
fn space_at(text: &str, at: usize) -> Option<usize> {
    match text.as_bytes()[at] {
        b' ' | b'\t'..=b'\r' => Some(1),
        0xC2 | 0xE1 | 0xE2 | 0xE3 => {
            let c = text[at..]
                .chars()
                .next()
                .expect("a lead byte starts a char");
            c.is_whitespace().then_some(c.len_utf8())
        }
        _ => None,
    }
}

/// Text written piece by piece with its white space folded: the words of
/// all that was written (runs of what is not white space, across pieces)
/// one space apart, nothing before the first nor after the last; what
/// `split_whitespace` and a join with spaces give of the whole text.
#[derive(Debug, Default)]
pub struct Folded {
    text: String,
    /// White space was written since the last word.
    space: bool,
}

impl Folded {
    pub fn with_capacity(capacity: usize) -> Folded {
        Folded {
            text: String::with_capacity(capacity),
            space: false,
        }
    }

    /// Write white space (a break between words).
    pub fn space(&mut self) {
        self.space = true;
    }

    /// Write `piece`. Words one space apart are copied as one stretch.
    pub fn push(&mut self, piece: &str) {
        let bytes = piece.as_bytes();
        let mut at = 0;
        while at < bytes.len() {
            if let Some(len) = space_at(piece, at) {
                self.space = true;
                at += len;
                continue;
            }
            let start = at;
            let end = loop {
                // A word (a byte that starts no white space is in it).
                while at < bytes.len() && space_at(piece, at).is_none() {
                    at += 1;
                }
                // One space, then another word: the stretch goes on.
                if bytes.get(at) == Some(&b' ')
                    && at + 1 < bytes.len()
                    && space_at(piece, at + 1).is_none()
                {
                    at += 1;
                } else {
                    break at;
                }
            };
            if self.space && !self.text.is_empty() {
                self.text.push(' ');
            }
            self.space = false;
            self.text.push_str(&piece[start..end]);
        }
    }

    /// Write the text of `html`, each tag as white space (see
    /// [`text_of_html`]).
    pub fn push_html(&mut self, html: &str) {
        read_html(html, |piece| match piece {
            Piece::Text(t) => self.push(t),
            Piece::Tag => self.space(),
        });
    }

    /// The folded text.
    pub fn finish(self) -> String {
        self.text
    }
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

    #[test]
    fn folding_as_written_is_folding_the_whole() {
        let spaces: String = (0..0x3001u32)
            .filter_map(char::from_u32)
            .filter(|c| c.is_whitespace())
            .collect();
        // Letters of the lead bytes of white space beyond ASCII, too.
        let pieces = [
            "",
            " ",
            "a",
            "b c",
            "\u{85}d\u{3000}",
            &spaces,
            "é ¢\u{2010}",
            "ü\t",
            "\u{1e01}  \u{3041}",
        ];
        let mut cases: Vec<Vec<&str>> = vec![vec![]];
        for _ in 0..4 {
            let more: Vec<Vec<&str>> = cases
                .iter()
                .flat_map(|c| {
                    pieces.iter().map(move |p| {
                        let mut c = c.clone();
                        c.push(p);
                        c
                    })
                })
                .collect();
            cases = more;
        }
        for case in cases {
            let mut folded = Folded::default();
            for piece in &case {
                folded.push(piece);
            }
            let whole = case.concat();
            let want = whole.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(folded.finish(), want, "{case:?}");
        }
        let mut folded = Folded::default();
        for piece in ["a", "b"] {
            folded.push(piece);
            folded.space();
        }
        assert_eq!(folded.finish(), "a b");
    }

    #[test]
    fn white_space_is_what_char_says() {
        for c in (0..0x11000u32).filter_map(char::from_u32) {
            let s = format!("{c}x");
            let want = c.is_whitespace().then_some(c.len_utf8());
            assert_eq!(space_at(&s, 0), want, "U+{:04X}", c as u32);
        }
    }
}
