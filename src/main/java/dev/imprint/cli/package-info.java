/**
 * The command line: {@code build} (one build, for a laptop or a CI job), {@code check} (every warning and broken
 * link, like a compiler) and {@code serve}.
 */
package dev.imprint.cli;
