//! Render stage: reads `content/` like any SSG and renders it through the
//! theme's Tera templates into the site.
