/**
 * {@code imprint serve}: the webhook routes, one worker per repository that coalesces pushes and compares the source
 * head with the published commit (level-triggered), the built-in Git host, the status page, metrics, and the
 * published sites served from Git objects.
 */
package dev.imprint.service;
