/**
 * Turns one note blob into a parsed note (title, headings, links, HTML with link placeholders, plain text) and
 * renders pages through the Pebble templates. A parse depends only on the blob, so it is cached by blob id; the
 * repository's own templates run under a budget ({@link dev.imprint.render.RenderBudget}) so that none can hang a build.
 */
package dev.imprint.render;
