//! URL slugs: ASCII, lowercase, hyphen-separated, stable for the same input.
//!
//! A slug is used as a file name (`sources/<slug>.html`), so it is never
//! empty, at most [`MAX_LEN`] bytes, made of `a-z`, `0-9` and inner single
//! hyphens (so no `/`, `.`, `..` or leading dot), and never a name that is
//! taken: the device names Windows reserves in every folder (`con`, `nul`,
//! `com1`, ...), and `index`, the file a section's own page is written to.
//! Such a name gets [`RESERVED_SUFFIX`]. `slugify(slugify(x)) == slugify(x)`.

/// The longest slug, in bytes.
pub const MAX_LEN: usize = 80;

/// Appended to a slug that would be a reserved name: `con` → `con-0`.
pub const RESERVED_SUFFIX: &str = "-0";

/// Turn any text (any script) into a URL-safe slug. Never returns an empty string.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text).to_lowercase();
    let mut out = String::with_capacity(ascii.len().min(MAX_LEN + 8));
    let mut dash = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if out.len() >= MAX_LEN {
                break;
            }
            out.push(c);
            dash = false;
        } else if !out.is_empty() && !dash {
            out.push('-');
            dash = true;
        }
    }
    out.truncate(MAX_LEN);
    while out.ends_with('-') {
        out.pop();
    }
    if out.is_empty() {
        out.push_str("untitled");
    }
    if is_reserved(&out) {
        out.push_str(RESERVED_SUFFIX);
    }
    out
}

/// Names a slug may not be (see the module documentation).
pub fn is_reserved(slug: &str) -> bool {
    match slug {
        "con" | "prn" | "aux" | "nul" | "index" => true,
        _ => {
            let (stem, digit) = slug.split_at(slug.len().saturating_sub(1));
            matches!(stem, "com" | "lpt") && digit.bytes().all(|b| b.is_ascii_digit())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]

        /// Whatever the text, the slug is a safe file name, and slugging a
        /// slug changes nothing.
        #[test]
        fn slugs_are_safe_file_names(text in prop_oneof![
            any::<String>(),
            r"[ ./\\:a-zA-Z0-9_-]{0,20}",
            r"(con|prn|aux|nul|com[0-9]|lpt[0-9]|index|CON|Nul|COM1)[ .!-]{0,3}",
            r"\PC{0,300}",
        ]) {
            let slug = slugify(&text);
            prop_assert!(!slug.is_empty());
            prop_assert!(slug.len() <= MAX_LEN + RESERVED_SUFFIX.len(), "{}", slug);
            prop_assert!(
                slug.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{}", slug
            );
            prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"), "{}", slug);
            prop_assert!(!slug.contains('/') && !slug.contains("..") && !slug.starts_with('.'));
            prop_assert!(!is_reserved(&slug), "{}", slug);
            prop_assert_eq!(slugify(&slug), slug.clone());
        }
    }

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

    #[test]
    fn hostile_titles() {
        assert_eq!(slugify("../../etc/passwd"), "etc-passwd");
        assert_eq!(slugify(".hidden"), "hidden");
        assert_eq!(slugify("CON"), "con-0");
        assert_eq!(slugify("nul"), "nul-0");
        assert_eq!(slugify("Aux"), "aux-0");
        assert_eq!(slugify("COM1"), "com1-0");
        assert_eq!(slugify("lpt9"), "lpt9-0");
        assert_eq!(slugify("Index"), "index-0");
        assert_eq!(slugify("com10"), "com10");
        assert_eq!(slugify("console"), "console");
        assert_eq!(slugify("?!…*"), "untitled");
        assert_eq!(slugify(&"a".repeat(500)).len(), MAX_LEN);
        let long = "word ".repeat(100);
        let s = slugify(&long);
        assert!(s.len() <= MAX_LEN && !s.ends_with('-'), "{s}");
        assert_eq!(slugify(&s), s);
    }
}
