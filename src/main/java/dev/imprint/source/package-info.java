/**
 * The notes repository at one commit, read straight from Git objects (no work tree, no checkout): which files are
 * notes, assets and templates ({@link dev.imprint.source.Snapshot}), the site configuration
 * ({@link dev.imprint.source.SiteConfig} from imprint.yml, or a Hugo site's own config:
 * {@link dev.imprint.source.HugoConfig}), dates and authors from history
 * ({@link dev.imprint.source.HistoryIndex}), and the repository itself, local or a mirror of a URL
 * ({@link dev.imprint.source.SourceRepository}). Nothing here knows about pages.
 */
package dev.imprint.source;
