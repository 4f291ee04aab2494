/**
 * What comes from forges: webhook deliveries from GitHub, Gitea/Forgejo, GitLab and a plain post-receive hook,
 * verified against their signatures or tokens and reduced to one push event; a webhook only says "look at this
 * repository", the worker decides what to do.
 */
package dev.imprint.forge;
