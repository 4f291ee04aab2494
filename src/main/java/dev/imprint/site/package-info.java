/**
 * The site model of one commit, immutable once built: notes with their URLs, sections, tags, the site-wide
 * chronology behind "Previously" / "Next", and the link graph (wikilinks, relative links, backlinks, broken links).
 * {@link dev.imprint.site.SiteBuilder} makes it from a snapshot; {@link dev.imprint.site.Urls} owns every rule about
 * output paths and the relative hrefs between them.
 */
package dev.imprint.site;
