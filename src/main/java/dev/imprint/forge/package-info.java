/**
 * What comes from forges, and what Imprint tells them. In: webhook deliveries from GitHub, Gitea/Forgejo, GitLab and a
 * plain post-receive hook, verified against their signatures or tokens and reduced to one push event, or to one
 * pull-request event ({@link dev.imprint.forge.PullRequestEvent}, read by {@code PullRequestHook}) for previews; a
 * webhook only says "look at this repository" (or "at this pull request"), the worker decides what to do. Out:
 * {@link dev.imprint.forge.ForgeClient}, the REST calls for pull-request previews (one review comment kept up to
 * date, a commit status, a pull request's state, one pull request opened or updated) on GitHub, Gitea/Forgejo and
 * GitLab, configured by {@link dev.imprint.forge.ForgeConfig}; each call answers a
 * {@link dev.imprint.forge.ForgeResult} in the forge's own words and never throws for what the forge does.
 */
package dev.imprint.forge;
