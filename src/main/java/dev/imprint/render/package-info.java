/**
 * Turns one note blob into a parsed note (title, headings, links, HTML with link placeholders, plain text) — Markdown
 * through flexmark ({@link dev.imprint.render.MarkdownRenderer}), Org mode through Imprint's own renderer
 * ({@link dev.imprint.render.OrgRenderer}, go-org's semantics), both after Hugo's shortcodes
 * ({@link dev.imprint.render.Shortcodes}) — and renders pages through the Pebble templates. A parse depends only on
 * the blob and its format, so it is cached by blob id; the repository's own templates run under a budget
 * ({@link dev.imprint.render.RenderBudget}) so that none can hang a build.
 */
package dev.imprint.render;
