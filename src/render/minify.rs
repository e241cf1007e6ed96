//! Optional HTML minification (`minify: true`), with the minify-html crate.
//! Off by default: the unminified output is easier to diff and debug.

/// Minify one HTML page (inline CSS and JS included).
pub fn html(page: &str) -> Vec<u8> {
    let mut cfg = minify_html::Cfg::new();
    cfg.minify_css = true;
    cfg.minify_js = true;
    cfg.keep_closing_tags = true;
    cfg.keep_html_and_head_opening_tags = true;
    minify_html::minify(page.as_bytes(), &cfg)
}

#[cfg(test)]
mod tests {
    #[test]
    fn minifies_but_keeps_text_and_pre() {
        let page = "<!DOCTYPE html>\n<html>\n<head>\n<title>T</title>\n</head>\n<body>\n  <p id=\"p1\">Some   text.</p>\n<pre>a\n  b</pre>\n</body>\n</html>\n";
        let out = String::from_utf8(super::html(page)).unwrap();
        assert!(out.len() < page.len());
        assert!(
            out.contains("<p id=p1>Some text.</p>") || out.contains("<p id=\"p1\">Some text.</p>"),
            "{out}"
        );
        assert!(out.contains("<pre>a\n  b</pre>"), "{out}");
    }
}
