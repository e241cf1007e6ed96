//! Machine-readable files of the site: Atom feed of sources, sitemap,
//! robots.txt; [`changes`] writes the feed of what changed. Dates come from
//! the content (never the clock), so the same content gives the same bytes.

pub mod changes;

use super::index::{SiteIndex, Summary};
use crate::config::Config;
use crate::dossier::escape::xml;

/// Absolute URL of a site path when `base_url` is set, else the relative path.
fn absolute(base_url: Option<&str>, url: &str) -> String {
    match base_url {
        Some(base) => format!("{}/{}", base.trim_end_matches('/'), url),
        None => url.to_string(),
    }
}

/// RFC 3339 timestamp for a partial date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
fn timestamp(date: &str) -> String {
    let mut parts = date.split('-');
    let year = parts.next().unwrap_or("1970");
    let month = parts.next().unwrap_or("01");
    let day = parts.next().unwrap_or("01");
    format!("{year}-{month}-{day}T00:00:00Z")
}

/// The most entries a feed holds: the newest, as feed readers expect (a
/// feed is polled often; the section page lists everything).
pub const FEED_LIMIT: usize = 100;

/// Atom feed of the newest [`FEED_LIMIT`] pages of a section (newest
/// first). `name` is the feed's own path (e.g. `sources/atom.xml`).
pub fn atom(
    config: &Config,
    index: &SiteIndex,
    summary_of: &dyn Fn(&str) -> String,
    section: &str,
    name: &str,
    title: &str,
) -> Option<String> {
    let section = index.pages.get(section)?;
    let mut entries: Vec<&Summary> = section
        .pages
        .iter()
        .filter_map(|p| index.pages.get(p))
        .collect();
    entries.sort_by(|a, b| (&b.date, &a.path).cmp(&(&a.date, &b.path)));
    entries.truncate(FEED_LIMIT);
    let base = config.base_url.as_deref();
    let updated = entries
        .iter()
        .filter_map(|e| e.date.as_deref())
        .max()
        .map(timestamp)
        .unwrap_or_else(|| timestamp("1970"));
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    if let Some(b) = base {
        out.push_str(&format!(" xml:base=\"{}\"", xml(b)));
    }
    out.push_str(">\n");
    out.push_str(&format!(
        "  <title>{} · {}</title>\n",
        xml(&config.title),
        xml(title)
    ));
    out.push_str(&format!("  <id>{}</id>\n", xml(&absolute(base, name))));
    out.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        xml(&absolute(base, name))
    ));
    out.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        xml(&absolute(base, &section.url))
    ));
    out.push_str(&format!("  <updated>{updated}</updated>\n"));
    out.push_str("  <generator>dossier</generator>\n");
    for e in entries {
        out.push_str("  <entry>\n");
        out.push_str(&format!("    <title>{}</title>\n", xml(&e.title)));
        out.push_str(&format!("    <id>{}</id>\n", xml(&absolute(base, &e.url))));
        out.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            xml(&absolute(base, &e.url))
        ));
        let date = timestamp(e.date.as_deref().unwrap_or("1970"));
        out.push_str(&format!("    <updated>{date}</updated>\n"));
        if e.date.is_some() {
            out.push_str(&format!("    <published>{date}</published>\n"));
        }
        let authors: Vec<&str> = e
            .extra
            .get("authors")
            .and_then(|a| a.as_array())
            .map(|a| a.iter().filter_map(|v| v.as_str()).collect())
            .unwrap_or_default();
        if authors.is_empty() {
            let publication = e
                .extra
                .get("publication")
                .and_then(|p| p.as_str())
                .unwrap_or("unknown");
            out.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                xml(publication)
            ));
        }
        for a in authors {
            out.push_str(&format!("    <author><name>{}</name></author>\n", xml(a)));
        }
        out.push_str(&format!(
            "    <summary>{}</summary>\n",
            xml(&summary_of(&e.path))
        ));
        out.push_str("  </entry>\n");
    }
    out.push_str("</feed>\n");
    Some(out)
}

/// `sitemap.xml` listing every page (absolute URLs when `base_url` is set).
pub fn sitemap(config: &Config, index: &SiteIndex) -> String {
    let base = config.base_url.as_deref();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for page in index.pages.values() {
        out.push_str(&format!(
            "  <url><loc>{}</loc>",
            xml(&absolute(base, &page.url))
        ));
        if let Some(date) = page.date.as_deref().filter(|d| d.len() == 10) {
            out.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        out.push_str("</url>\n");
    }
    out.push_str("</urlset>\n");
    out
}

/// `robots.txt`: everything allowed; points to the sitemap when the site's
/// address is known.
pub fn robots(config: &Config) -> String {
    let mut out = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = &config.base_url {
        out.push_str(&format!(
            "Sitemap: {}/sitemap.xml\n",
            base.trim_end_matches('/')
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timestamps_from_partial_dates() {
        assert_eq!(timestamp("2025"), "2025-01-01T00:00:00Z");
        assert_eq!(timestamp("2025-09-27"), "2025-09-27T00:00:00Z");
    }

    #[test]
    fn robots_points_to_sitemap_only_with_base_url() {
        let mut config = Config::default();
        assert!(!robots(&config).contains("Sitemap"));
        config.base_url = Some("https://example.org/b/".into());
        assert!(robots(&config).contains("Sitemap: https://example.org/b/sitemap.xml"));
    }
}
