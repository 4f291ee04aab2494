package dev.imprint.service;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imprint.forge.CommitStatus;
import dev.imprint.forge.ForgeClient;
import dev.imprint.forge.ForgeResult;
import dev.imprint.forge.Provider;
import dev.imprint.forge.PullRequestEvent;
import dev.imprint.forge.PullRequestState;
import dev.imprint.pipeline.BuildReport;
import dev.imprint.pipeline.Preview;
import dev.imprint.review.ReviewComment;
import dev.imprint.review.ReviewLinks;
import dev.imprint.review.ReviewReport;

/**
 * What a pull request's reviewers see on the forge: a commit status on the head ({@code pending} while it builds,
 * then {@code success}, or {@code failure} when it brings in broken links and {@code fail_on_broken_links} is set),
 * and one review comment, edited in place on every push and when the pull request closes. The comment is posted
 * only after the preview is published (and, with {@code check_url}, answers 200), and only once there is something
 * to say. Forge calls run one at a time off the build threads; a failed call is a warning, never a failed preview.
 */
final class PreviewFeedback {
    private static final Logger LOG = LoggerFactory.getLogger(PreviewFeedback.class);
    private static final Duration CHECK_PATIENCE = Duration.ofSeconds(60);

    private final String repo;
    private final ForgeClient forge;
    private final Provider provider;
    private final ServiceConfig.PreviewSettings settings;
    /** The site's published root URL, ending in '/' (previews are under it); known once the service listens. */
    private final Supplier<String> siteUrl;
    private final ExecutorService calls;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile String lastProblem;

    PreviewFeedback(String repo, ForgeClient forge, Provider provider, ServiceConfig.PreviewSettings settings,
                    Supplier<String> siteUrl) {
        this.repo = repo;
        this.forge = forge;
        this.provider = provider;
        this.settings = settings;
        this.siteUrl = () -> {
            String url = siteUrl.get();
            return url.endsWith("/") ? url : url + "/";
        };
        this.calls = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "imprint-forge-" + repo);
            t.setDaemon(true);
            return t;
        });
    }

    /** The last forge call that failed, in the forge's words; null when the last ones went through. */
    String lastProblem() {
        return lastProblem;
    }

    void building(PullRequestEvent event, Preview preview) {
        calls.submit(() -> check(forge.setStatus(event.headSha(), CommitStatus.of(CommitStatus.State.PENDING,
                reviewUrl(preview), "building the preview of " + preview.label()))));
    }

    void published(PullRequestEvent event, Preview preview, BuildReport report) {
        ReviewReport review = report.review();
        if (review == null) {
            return;
        }
        calls.submit(() -> {
            awaitCheckUrl(preview, report.sourceCommit());
            boolean fail = settings.failOnBrokenLinks && review.newBrokenLinks() > 0;
            check(forge.setStatus(report.sourceCommit(), CommitStatus.of(fail ? CommitStatus.State.FAILURE
                    : CommitStatus.State.SUCCESS, reviewUrl(preview), review.summary())));
            String body = ReviewComment.of(review, new ReviewLinks(siteUrl.get() + preview.folder(),
                    sourceUrl(event, report.sourceCommit())));
            boolean somethingToSay = review.pagesChanged() > 0 || !review.introduced().isEmpty()
                    || !review.fixed().isEmpty();
            if (somethingToSay) {
                check(forge.putComment(event.number(), ReviewComment.MARKER, body));
            } else {
                updateOnly(event.number(), body);
            }
        });
    }

    void upToDate(PullRequestEvent event, Preview preview) {
        calls.submit(() -> check(forge.setStatus(event.headSha(), CommitStatus.of(CommitStatus.State.SUCCESS,
                reviewUrl(preview), "the preview is up to date"))));
    }

    void failed(PullRequestEvent event, Preview preview, String error) {
        calls.submit(() -> check(forge.setStatus(event.headSha(), CommitStatus.of(CommitStatus.State.ERROR,
                reviewUrl(preview), "the preview failed: " + error))));
    }

    void closed(PullRequestEvent event, Preview preview) {
        calls.submit(() -> updateOnly(event.number(), ReviewComment.closed(preview.label(), event.merged())));
    }

    /**
     * Review before publish: after a build onto the proposals branch, one pull request from it into the live branch,
     * opened or updated, its description the review of what the build changes on the live site.
     */
    void proposed(List<BuildRecord> records, String proposals, String live) {
        if (records.isEmpty() || records.get(0).report() == null || records.get(0).report().review() == null) {
            return;
        }
        BuildReport report = records.get(0).report();
        ReviewReport review = report.review();
        calls.submit(() -> check(forge.openOrUpdatePullRequest(proposals, live,
                "Publish " + ReviewComment.shortId(report.sourceCommit()) + ": " + review.summary(),
                ReviewComment.of(review, new ReviewLinks(siteUrl.get(), null, true)))));
    }

    /** Where pull request {@code number} stands on the forge, or null when the forge could not say. */
    PullRequestState state(int number) {
        ForgeResult<PullRequestState> answer = forge.pullRequestState(number);
        check(answer);
        return answer.ok() ? answer.value() : null;
    }

    /** Edits Imprint's comment when there is one; never starts one. */
    private void updateOnly(int number, String body) {
        var found = forge.findComment(number, ReviewComment.MARKER);
        if (found.outcome() == ForgeResult.Outcome.FOUND) {
            if (!found.value().body().equals(body)) {
                check(forge.updateComment(number, found.value().id(), body));
            }
        } else {
            check(found);
        }
    }

    private void check(ForgeResult<?> result) {
        if (result.ok()) {
            lastProblem = null;
        } else {
            lastProblem = result.message();
            LOG.warn("{}: forge call failed: {}", repo, result.message());
        }
    }

    private String reviewUrl(Preview preview) {
        return siteUrl.get() + preview.folder() + "_review/";
    }

    /** previews.check_url, with {sha} and {folder} filled in, answering 200 (waited for a minute at most). */
    private void awaitCheckUrl(Preview preview, String sha) {
        if (settings.checkUrl == null) {
            return;
        }
        URI url = URI.create(settings.checkUrl.replace("{sha}", sha).replace("{folder}", preview.folder()));
        long deadline = System.nanoTime() + CHECK_PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                var answer = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.discarding());
                if (answer.statusCode() == 200) {
                    return;
                }
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                // not up yet: try again
            }
        }
        LOG.warn("{}: {} did not answer 200 within {}s; commenting anyway", repo, url, CHECK_PATIENCE.toSeconds());
    }

    /** Where the forge shows the head's files, from the pull request's web URL; null when it cannot tell. */
    private String sourceUrl(PullRequestEvent event, String sha) {
        String web = event.webUrl();
        if (web == null || event.fork()) {
            return null; // a fork's files are in its own repository
        }
        String[] split = switch (provider) {
            case GITHUB -> new String[] {"/pull/", "/blob/"};
            case GITLAB -> new String[] {"/-/merge_requests/", "/-/blob/"};
            case GITEA -> new String[] {"/pulls/", "/src/commit/"};
            default -> null;
        };
        int at = split == null ? -1 : web.lastIndexOf(split[0]);
        return at < 0 ? null : web.substring(0, at) + split[1] + sha + "/";
    }

    void stop() {
        calls.shutdown();
    }
}
