/**
 * Writes a build to where it goes: blobs and trees into the publishing branch, committed on top of its tip and
 * moved by compare-and-swap (never forced), or files into an {@code --out} directory. The previous build's
 * manifest and source commit are read back from the branch itself, so a restarted process needs nothing else.
 */
package dev.imprint.publish;
