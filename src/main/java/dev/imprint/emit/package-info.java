/**
 * One emitter per kind of output (note pages, section indexes, home, tags, feeds, sitemap, search index, aliases,
 * assets, 404): each lists every file it makes with a fingerprint of what is rendered and the
 * {@link dev.imprint.emit.Inputs} it is made from, declared once, without rendering. The build renders only outputs
 * whose fingerprint moved; a full build is the same list against an empty manifest.
 */
package dev.imprint.emit;
