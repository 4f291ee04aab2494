package dev.imprint.render;

import dev.imprint.source.FrontMatter;

/** An Org note as a Markdown note would be: its keywords as front matter and its rendered body. */
public record OrgRendering(FrontMatter frontMatter, RenderedMarkdown markdown) {}
