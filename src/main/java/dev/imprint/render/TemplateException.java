package dev.imprint.render;

/**
 * A template could not be loaded, parsed or rendered. The message names the template file
 * (and the line, when known), e.g. {@code "base.peb line 12: Unexpected end of template"}.
 */
public final class TemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String templateName;
    private final Integer line;
    private final boolean runaway;

    public TemplateException(String templateName, Integer line, String message, Throwable cause) {
        this(templateName, line, message, cause, false);
    }

    /** @param runaway the template went past a limit or recursed without end, rather than just being wrong */
    public TemplateException(String templateName, Integer line, String message, Throwable cause, boolean runaway) {
        super(message, cause);
        this.templateName = templateName;
        this.line = line;
        this.runaway = runaway;
    }

    /** Whether the template ran away (past the time or output limit, or recursing without end) rather than erred. */
    public boolean runaway() {
        return runaway;
    }

    /** The file the error occurred in (may differ from the template asked for, e.g. its base). */
    public String templateName() {
        return templateName;
    }

    /** 1-based line of the error, or null when unknown. */
    public Integer line() {
        return line;
    }
}
