//! Tera set-up: the theme's templates, and the functions templates use to
//! look pages up by id (`get_page`, `get_section`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use tera::{Tera, Value};

use super::index::SiteIndex;
use super::theme::Theme;
use crate::diag::Diagnostic;

/// Compile every template of the theme. A syntax error names the template
/// file and line.
/// `bodies` holds the rendered HTML of every page, for `page_content`.
pub fn compile(
    theme: &Theme,
    index: Arc<SiteIndex>,
    bodies: Arc<BTreeMap<String, super::markdown::Rendered>>,
) -> Result<Tera, Diagnostic> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".xml", ".svg"]);
    let sources: Vec<(String, String)> = theme
        .templates
        .iter()
        .map(|(name, (source, _))| (name.clone(), source.clone()))
        .collect();
    tera.add_raw_templates(sources)
        .map_err(|e| template_error(theme, &e))?;
    // Summaries are serialized once; `get_page` leaves out a section's list
    // of pages (breadcrumbs on ten thousand pages must not copy a list of ten
    // thousand ids each time), `get_section` keeps it.
    let light: Arc<BTreeMap<String, Value>> = Arc::new(
        index
            .pages
            .iter()
            .map(|(path, summary)| {
                let mut value = serde_json::to_value(summary).expect("summary serializes");
                if let Some(map) = value.as_object_mut() {
                    map.remove("pages");
                }
                (path.clone(), value)
            })
            .collect(),
    );
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let path = path_arg(args, "get_page")?;
        light
            .get(path)
            .cloned()
            .ok_or_else(|| tera::Error::msg(format!("get_page: no page {path:?} in content")))
    });
    let sections = Arc::clone(&index);
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        let path = path_arg(args, "get_section")?;
        match sections.pages.get(path) {
            Some(summary) if summary.is_section => {
                Ok(serde_json::to_value(summary).expect("summary serializes"))
            }
            _ => Err(tera::Error::msg(format!(
                "get_section: no section {path:?} in content"
            ))),
        }
    });
    let known = Arc::clone(&index);
    tera.register_function("has_page", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or_default();
        Ok(Value::Bool(known.pages.contains_key(path)))
    });
    tera.register_function("page_content", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or_default();
        bodies
            .get(path)
            .map(|r| Value::String(r.html.clone()))
            .ok_or_else(|| tera::Error::msg(format!("page_content: no page {path:?} in content")))
    });
    Ok(tera)
}

fn path_arg<'a>(args: &'a HashMap<String, Value>, name: &str) -> tera::Result<&'a str> {
    args.get("path")
        .and_then(Value::as_str)
        .ok_or_else(|| tera::Error::msg(format!("{name} takes a `path` argument")))
}

/// Turn a Tera error into a diagnostic naming the template file (and line
/// when Tera gives one).
pub fn template_error(theme: &Theme, error: &tera::Error) -> Diagnostic {
    let mut chain = vec![error.to_string()];
    let mut source = std::error::Error::source(error);
    while let Some(e) = source {
        chain.push(e.to_string());
        source = e.source();
    }
    let text = chain.join(": ");
    let name = theme
        .templates
        .keys()
        .filter(|name| text.contains(&format!("'{name}'")) || text.contains(&format!("`{name}`")))
        .max_by_key(|name| name.len())
        .cloned();
    let line = line_of(&text);
    match name {
        Some(name) => Diagnostic::error(theme.template_location(&name), line, text),
        None => Diagnostic::error("templates", line, text),
    }
}

fn line_of(text: &str) -> Option<usize> {
    // Tera parse errors point at `--> LINE:COL`.
    let at = text.find("--> ")?;
    let rest = &text[at + 4..];
    rest.split(':').next()?.trim().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Origin;

    #[test]
    fn syntax_error_names_template_and_line() {
        let mut theme = Theme::default();
        theme.templates.insert(
            "page.html".into(),
            ("ok\n{% if %}\n".into(), Origin::File("t/page.html".into())),
        );
        let err = compile(&theme, Arc::new(SiteIndex::default()), Arc::default()).unwrap_err();
        assert_eq!(err.file, std::path::PathBuf::from("t/page.html"));
        assert_eq!(err.line, Some(2), "{err}");
    }
}
