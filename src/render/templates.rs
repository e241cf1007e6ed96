//! Tera set-up: the theme's templates, the functions templates use to look
//! pages up by id (`get_page`, `get_section`, `has_page`, `page_content`),
//! which record what each render reads ([`super::deps`]), and the
//! fingerprint of each template with everything it uses.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Arc;

use tera::{Tera, Value};

use super::content::Content;
use super::deps::{record, Dep};
use super::index::SiteIndex;
use super::text::Texts;
use super::theme::Theme;
use crate::diag::Diagnostic;

/// Compile every template of the theme. A syntax error names the template
/// file and line. `content` gives `page_content` its bodies, `texts` the
/// text excerpts `get_page(path=..., text=true)` adds.
pub fn compile(
    theme: &Theme,
    index: Arc<SiteIndex>,
    content: Arc<Content>,
    texts: Arc<Texts>,
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
    let cards = Arc::clone(&index);
    tera.register_function("get_page", move |args: &HashMap<String, Value>| {
        let path = path_arg(args, "get_page")?;
        let mut card = cards
            .card(path)
            .ok_or_else(|| tera::Error::msg(format!("get_page: no page {path:?} in content")))?;
        if args.get("text").and_then(Value::as_bool) == Some(true) {
            record(Dep::Text(path.to_string()));
            let text = texts.get(path).expect("every indexed page has a body");
            if let Some(map) = card.as_object_mut() {
                map.insert("summary".into(), Value::String(text.summary.clone()));
                map.insert("words".into(), Value::from(text.words));
            }
        } else {
            record(Dep::Card(path.to_string()));
        }
        Ok(card)
    });
    let sections = Arc::clone(&index);
    tera.register_function("get_section", move |args: &HashMap<String, Value>| {
        let path = path_arg(args, "get_section")?;
        match sections.pages.get(path) {
            Some(summary) if summary.is_section => {
                record(Dep::Section(path.to_string()));
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
        record(Dep::Exists(path.to_string()));
        Ok(Value::Bool(known.pages.contains_key(path)))
    });
    tera.register_function("page_content", move |args: &HashMap<String, Value>| {
        let path = args.get("path").and_then(Value::as_str).unwrap_or_default();
        record(Dep::Body(path.to_string()));
        let page = content
            .pages
            .get(path)
            .filter(|p| index.pages.contains_key(&p.path))
            .ok_or_else(|| {
                tera::Error::msg(format!("page_content: no page {path:?} in content"))
            })?;
        let body = page.body().map_err(|d| tera::Error::msg(d.to_string()))?;
        Ok(Value::String(super::markdown::render(&body).html))
    });
    Ok(tera)
}

/// A fingerprint of each template together with every template it extends,
/// imports macros from or includes (transitively): a page is rendered again
/// when the fingerprint of its template changes.
pub fn fingerprints(theme: &Theme, tera: &Tera) -> BTreeMap<String, [u8; 32]> {
    let uses = |name: &str| -> Vec<String> {
        let Some(t) = tera.templates.get(name) else {
            return Vec::new();
        };
        let mut used: Vec<String> = t.parents.clone();
        used.extend(t.parent.iter().cloned());
        used.extend(t.imported_macro_files.iter().map(|(file, _)| file.clone()));
        includes(&t.ast, &mut used);
        for m in t.macros.values() {
            includes(&m.body, &mut used);
        }
        for (_, blocks) in t.blocks_definitions.iter() {
            for (_, block) in blocks {
                includes(&block.body, &mut used);
            }
        }
        used
    };
    theme
        .templates
        .keys()
        .map(|name| {
            let mut seen = BTreeSet::new();
            let mut todo = vec![name.clone()];
            while let Some(next) = todo.pop() {
                if seen.insert(next.clone()) {
                    todo.extend(uses(&next));
                }
            }
            let mut hasher = blake3::Hasher::new();
            for used in &seen {
                let source = theme.templates.get(used).map_or("", |(s, _)| s.as_str());
                hasher.update(&(used.len() as u64).to_le_bytes());
                hasher.update(used.as_bytes());
                hasher.update(&(source.len() as u64).to_le_bytes());
                hasher.update(source.as_bytes());
            }
            (name.clone(), *hasher.finalize().as_bytes())
        })
        .collect()
}

/// The templates `{% include %}`d anywhere in `nodes`.
fn includes(nodes: &[tera::ast::Node], out: &mut Vec<String>) {
    use tera::ast::Node;
    for node in nodes {
        match node {
            Node::Include(_, names, _) => out.extend(names.iter().cloned()),
            Node::Block(_, block, _) => includes(&block.body, out),
            Node::Forloop(_, forloop, _) => includes(&forloop.body, out),
            Node::FilterSection(_, section, _) => includes(&section.body, out),
            Node::MacroDefinition(_, m, _) => includes(&m.body, out),
            Node::If(branches, _) => {
                for (_, _, body) in &branches.conditions {
                    includes(body, out);
                }
                if let Some((_, body)) = &branches.otherwise {
                    includes(body, out);
                }
            }
            _ => {}
        }
    }
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
        let content = Arc::new(Content::default());
        let texts = Arc::new(Texts::new(Arc::clone(&content)));
        let err = compile(&theme, Arc::new(SiteIndex::default()), content, texts).unwrap_err();
        assert_eq!(err.file, std::path::PathBuf::from("t/page.html"));
        assert_eq!(err.line, Some(2), "{err}");
    }
}
