/**
 * What comes from forges: webhook deliveries from GitHub, Gitea/Forgejo, GitLab and a plain post-receive hook,
 * verified against their signatures or tokens and reduced to one push event, or to one pull-request event
 * ({@link PullRequestEvent}, read by {@code PullRequestHook}) for previews; a webhook only says
 * "look at this repository" (or "at this pull request"), the worker decides what to do.
 */
package dev.imprint.forge;
