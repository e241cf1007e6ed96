//! URL slugs: ASCII, lowercase, hyphen-separated, stable for the same input.

/// Turn any text (any script) into a URL-safe slug. Never returns an empty string.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len());
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            dash = false;
        } else if !out.is_empty() && !dash {
            out.push('-');
            dash = true;
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    if out.len() > 80 {
        out.truncate(80);
        while out.ends_with('-') {
            out.pop();
        }
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_ascii_and_hyphenated() {
        assert_eq!(
            slugify("Trump Eases Belarus Sanctions!"),
            "trump-eases-belarus-sanctions"
        );
        assert_eq!(slugify("Лукашенко"), "lukashenko");
        assert_eq!(slugify("  --  "), "untitled");
        assert_eq!(slugify("Ales Bialiatski’s case"), "ales-bialiatski-s-case");
    }
}
