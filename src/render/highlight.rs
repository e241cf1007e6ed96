//! Code highlighting with syntect, as CSS classes (no inline styles). The
//! syntax set is loaded only when a page has a code block.

use std::sync::LazyLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{css_for_theme_with_class_style, ClassStyle, ClassedHTMLGenerator};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

static SYNTAXES: LazyLock<SyntaxSet> = LazyLock::new(SyntaxSet::load_defaults_newlines);

/// Highlight `code` written in `lang` (a fence token such as `rust` or `yaml`);
/// unknown languages are shown as plain text. Returns a `<pre>` element.
pub fn highlight(code: &str, lang: &str) -> String {
    let syntaxes = &*SYNTAXES;
    let syntax = syntaxes
        .find_syntax_by_token(lang)
        .unwrap_or_else(|| syntaxes.find_syntax_plain_text());
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, syntaxes, STYLE);
    for line in LinesWithEndings::from(code) {
        if generator
            .parse_html_for_line_which_includes_newline(line)
            .is_err()
        {
            return plain(code, lang);
        }
    }
    let lang_class = crate::slug::slugify(lang);
    format!(
        "<pre class=\"code\"><code class=\"language-{lang_class}\">{}</code></pre>\n",
        generator.finalize()
    )
}

fn plain(code: &str, lang: &str) -> String {
    format!(
        "<pre class=\"code\"><code class=\"language-{}\">{}</code></pre>\n",
        crate::slug::slugify(lang),
        crate::dossier::escape::html(code)
    )
}

/// The stylesheet for the highlighting classes: a light theme, and a dark
/// one under `prefers-color-scheme: dark`.
pub fn stylesheet() -> String {
    let themes = ThemeSet::load_defaults();
    let light =
        css_for_theme_with_class_style(&themes.themes["InspiredGitHub"], STYLE).unwrap_or_default();
    let dark = css_for_theme_with_class_style(&themes.themes["base16-ocean.dark"], STYLE)
        .unwrap_or_default();
    format!("{light}\n@media (prefers-color-scheme: dark) {{\n{dark}\n}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn highlights_with_classes_not_styles() {
        let html = highlight("fn main() { let x = 1; }\n", "rust");
        assert!(html.contains("class=\"hl-"), "{html}");
        assert!(!html.contains("style="), "{html}");
        assert!(html.starts_with("<pre class=\"code\"><code class=\"language-rust\">"));
    }

    #[test]
    fn unknown_language_is_escaped_plain_text() {
        let html = highlight("<b>x</b>\n", "no-such-lang");
        assert!(html.contains("&lt;b&gt;"), "{html}");
    }

    #[test]
    fn stylesheet_has_both_schemes() {
        let css = stylesheet();
        assert!(css.contains(".hl-"));
        assert!(css.contains("prefers-color-scheme: dark"));
    }
}
