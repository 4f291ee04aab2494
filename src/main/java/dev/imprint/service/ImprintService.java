package dev.imprint.service;

import java.io.IOException;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.DispatcherType;

import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.imprint.pipeline.BuildRequest;
import dev.imprint.pipeline.Builder;
import dev.imprint.pipeline.PublishTarget;
import dev.imprint.publish.PublishResult;
import dev.imprint.forge.Delivery;
import dev.imprint.forge.DeliveryLog;
import dev.imprint.forge.Provider;
import dev.imprint.forge.ForgeClient;
import dev.imprint.forge.PullRequestEvent;
import dev.imprint.forge.WebhookOutcome;
import dev.imprint.forge.WebhookVerifier;
import dev.imprint.publish.Housekeeping;
import dev.imprint.service.ServiceConfig.ConfigException;
import dev.imprint.source.Redact;
import dev.imprint.source.SourceRepository;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.pebbletemplates.pebble.PebbleEngine;
import io.pebbletemplates.pebble.loader.ClasspathLoader;

/**
 * {@code imprint serve}: webhooks in, publishes out, plus the built-in Git host, the published sites, a status
 * page, JSON, health and metrics. All wiring lives here; the work is done by one {@link Worker} per repository.
 */
public final class ImprintService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ImprintService.class);

    private final ServiceConfig config;
    private final Path dataDir;
    private final Metrics metrics = new Metrics();
    private final DeliveryLog deliveries = new DeliveryLog();
    private final WebhookLog webhookLog = new WebhookLog(LOG::info);
    private final Map<String, Repo> repos = new TreeMap<>();
    private final ExecutorService pool;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "imprint-scheduler");
        t.setDaemon(true);
        return t;
    });
    private final GitHost gitHost;
    private final PebbleEngine pages = new PebbleEngine.Builder()
            .loader(prefixed()).newLineTrimming(true).build();
    private final Housekeeping housekeeping = new Housekeeping();
    private final Map<String, Repository> openSites = new ConcurrentHashMap<>();
    private Javalin app;

    /**
     * One configured repository: its worker, its previews, where its site is published (and served from), and its
     * webhook secret.
     */
    private record Repo(ServiceConfig.Repo spec, Worker worker, Previews previews, PublishTarget target,
                        byte[] webhookSecret) {
    }

    public ImprintService(ServiceConfig config, Path dataDir, Map<String, String> environment)
            throws ConfigException, IOException {
        refuseOpenHostOffLoopback(config);
        this.config = config;
        this.dataDir = dataDir.toAbsolutePath().normalize();
        this.pool = Executors.newFixedThreadPool(config.maxParallelBuilds, r -> {
            Thread t = new Thread(r, "imprint-build");
            t.setDaemon(true);
            return t;
        });
        this.gitHost = new GitHost(this.dataDir.resolve("git"), name -> trigger(name, "push to the built-in Git host"));
        for (ServiceConfig.Repo spec : config.repos) {
            repos.put(spec.name, repo(spec, environment));
        }
    }

    private Repo repo(ServiceConfig.Repo spec, Map<String, String> environment) throws ConfigException, IOException {
        byte[] token = ServiceConfig.secret(spec.source.tokenEnv, spec.source.tokenFile, environment);
        var credentials = token == null ? null
                : new UsernamePasswordCredentialsProvider("x-access-token", new String(token, StandardCharsets.UTF_8));
        byte[] secret = spec.webhook == null ? null
                : ServiceConfig.secret(spec.webhook.secretEnv, spec.webhook.secretFile, environment);
        String source;
        if (spec.source.hosted) {
            ServiceConfig.GitHostSettings host = spec.gitHost != null ? spec.gitHost : new ServiceConfig.GitHostSettings();
            List<GitAccess.Account> users = GitAccess.accounts(spec.name, host.users, environment);
            gitHost.ensure(spec.name, spec.source.branch, "template".equals(spec.source.seed));
            gitHost.serve(spec.name, spec.publish.branch, host, users);
            source = gitHost.path(spec.name).toString();
        } else {
            source = spec.source.url != null ? spec.source.url : Path.of(spec.source.path).toAbsolutePath().toString();
        }
        Builder builder = new Builder(dataDir.resolve("cache"), credentials).previewsAt(spec.previews.path + "/");
        BuildRequest live = new BuildRequest(source, spec.source.branch, spec.publish.branch, spec.publish.url, null,
                spec.site.baseUrl, false);
        // review before publish: every build goes to the proposals branch, and a pull request into the live one
        BuildRequest request = spec.publish.proposes() ? live.proposing(ServiceConfig.Publish.PROPOSALS) : live;
        // /site/NAME/ reads the live branch
        PublishTarget target = builder.target(live);
        // what a killed build left behind, before anything writes to these repositories again
        Housekeeping.removeStaleTempFiles(target.repository());
        if (!SourceRepository.isUrl(source)) {
            Housekeeping.removeStaleTempFiles(Path.of(source));
        }
        builder.housekeeping(housekeeping);
        Worker worker = new Worker(spec.name, request, Worker.Build.of(builder),
                Duration.ofMinutes(config.maxBuildMinutes), pool, scheduler, metrics);
        PreviewFeedback feedback = feedback(spec, environment);
        Previews previews = new Previews(spec.name, live, builder, spec.previews,
                r -> new Worker(spec.name + " " + r.preview().label(), r, Worker.Build.of(builder),
                        Duration.ofMinutes(config.maxBuildMinutes), pool, scheduler, metrics),
                feedback, credentials);
        if (spec.publish.proposes()) {
            worker.beforeEachLook(() -> {
                PublishResult followed = builder.followLive(request);
                if (!followed.ok()) {
                    throw new IOException("cannot start a new proposal from " + live.branch() + ": " + followed.message());
                }
            });
        }
        // after each look at the source (a remote's mirror fetched), its branches' previews are looked at too
        worker.afterEachLook(() -> {
            previews.reconcile();
            if (spec.publish.proposes() && feedback != null) {
                feedback.proposed(worker.records(), request.branch(), live.branch());
            }
        });
        return new Repo(spec, worker, previews, target, secret);
    }

    /**
     * Comments and statuses on the repository's forge for its pull requests' previews, when {@code forge:} names its
     * API; previews link to {@code previews.url}, else the site's base URL, else this service's {@code /site/}.
     */
    private PreviewFeedback feedback(ServiceConfig.Repo spec, Map<String, String> environment) throws ConfigException {
        if (spec.forge == null) {
            return null;
        }
        ForgeClient client;
        try {
            client = ForgeClient.of(spec.forge, environment);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("repo '" + spec.name + "': " + e.getMessage());
        }
        String configured = spec.previews.url != null ? spec.previews.url : spec.site.baseUrl;
        return new PreviewFeedback(spec.name, client, spec.forge.provider(), spec.previews,
                () -> configured != null ? configured : "http://" + config.server.bind + ":" + port() + "/site/" + spec.name + "/");
    }

    /** A hosted repository without users takes pushes from anyone who reaches the port: loopback only. */
    static void refuseOpenHostOffLoopback(ServiceConfig config) throws ConfigException {
        if (isLoopback(config.server.bind)) {
            return;
        }
        for (ServiceConfig.Repo r : config.repos) {
            if (r.source.hosted && (r.gitHost == null || r.gitHost.users.isEmpty())) {
                throw new ConfigException("refusing to listen on " + config.server.bind + ": anyone reaching it could push to '"
                        + r.name + "'; add a user (repo '" + r.name + "': git_host: { users: [{ name: ada, password_env: ADA_GIT_PASSWORD,"
                        + " access: write }] }; without --config: IMPRINT_GIT_USER and IMPRINT_GIT_PASSWORD) or bind 127.0.0.1");
            }
        }
    }

    private static boolean isLoopback(String bind) {
        try {
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Starts listening and looks at every repository once (and then every reconcile_minutes). */
    public ImprintService start() {
        app = Javalin.create(c -> {
            c.jetty.host = config.server.bind;
            c.jetty.port = config.server.port;
            c.router.ignoreTrailingSlashes = false;
            c.http.maxRequestSize = config.maxWebhookBytes;
            c.startup.showJavalinBanner = false;
            c.jetty.modifyServletContextHandler(h -> {
                h.addFilter(new FilterHolder(gitHost.access()), "/git/*", EnumSet.of(DispatcherType.REQUEST));
                h.addServlet(new ServletHolder(gitHost.servlet()), "/git/*");
            });
            c.routes.post("/hooks/{provider}/{repo}", this::webhook);
            c.routes.get("/", this::statusPage);
            c.routes.get("/builds/{repo}/{id}", this::buildPage);
            c.routes.get("/api/repos", ctx -> ctx.json(reposJson()));
            c.routes.get("/api/repos/{repo}/builds", this::buildsJson);
            c.routes.post("/api/repos/{repo}/build", ctx -> {
                if (trigger(ctx.pathParam("repo"), "requested through the API")) {
                    ctx.status(202).result("queued\n");
                } else {
                    ctx.status(404).result("no such repository\n");
                }
            });
            c.routes.get("/healthz", ctx -> ctx.result("ok\n"));
            c.routes.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
            c.routes.get("/site/{repo}", ctx -> ctx.redirect(ctx.pathParam("repo") + "/", HttpStatus.MOVED_PERMANENTLY));
            c.routes.get("/site/{repo}/", ctx -> site(ctx, ""));
            c.routes.get("/site/{repo}/<path>", ctx -> site(ctx, ctx.pathParam("path")));
        }).start();
        for (String name : repos.keySet()) {
            trigger(name, "start");
        }
        long minutes = Math.max(1, config.reconcileMinutes);
        scheduler.scheduleAtFixedRate(this::reconcile, minutes, minutes, TimeUnit.MINUTES);
        scheduler.scheduleWithFixedDelay(webhookLog::flush, 1, 1, TimeUnit.SECONDS);
        return this;
    }

    /** Looks at every repository: a webhook that never came, or a restart, loses nothing. */
    public void reconcile() {
        repos.keySet().forEach(name -> trigger(name, "reconcile"));
    }

    public int port() {
        return app.port();
    }

    boolean trigger(String name, String why) {
        Repo repo = repos.get(name);
        if (repo == null) {
            return false;
        }
        repo.worker.trigger(why);
        return true;
    }

    private void webhook(Context ctx) {
        Provider provider = Provider.of(ctx.pathParam("provider"));
        Repo repo = repos.get(ctx.pathParam("repo"));
        String providerName = ctx.pathParam("provider");
        if (provider == null || repo == null) {
            // no metric: labels taken from the URL would let random paths grow the registry without bound
            ctx.status(404).result(provider == null ? "unknown provider\n" : "unknown repository\n");
            return;
        }
        if (ctx.contentLength() > config.maxWebhookBytes) {
            metrics.webhook(providerName, "too-large");
            ctx.status(413).result("body over " + config.maxWebhookBytes + " bytes\n");
            return;
        }
        if (repo.spec.webhook == null || Provider.of(repo.spec.webhook.provider) != provider) {
            metrics.webhook(providerName, "unauthorized");
            ctx.status(401).result("this repository takes no " + providerName + " webhooks\n");
            return;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ctx.headerMap().forEach(headers::put);
        byte[] body = ctx.bodyAsBytes();
        WebhookOutcome outcome = WebhookVerifier.handle(new Delivery(provider, headers, body), repo.webhookSecret,
                repo.spec.source.branch);
        String kind = outcome.kind().name().toLowerCase();
        if (outcome.kind() == WebhookOutcome.Kind.PUSH) {
            if (deliveries.firstTime(repo.spec.name, outcome.deliveryId())) {
                repo.worker.trigger(providerName + " push");
            } else {
                kind = "duplicate";
            }
        } else if (outcome.kind() == WebhookOutcome.Kind.IGNORED && outcome.push() != null && !outcome.push().tag()
                && repo.previews.enabled()) {
            // a push to another branch: the look fetches it, and its preview follows
            repo.worker.trigger(providerName + " push to " + outcome.push().ref());
        }
        metrics.webhook(providerName, kind);
        webhookLog.delivery("webhook " + providerName + " " + repo.spec.name + ": " + outcome.httpStatus() + " " + kind
                + (outcome.reason() == null ? "" : " " + outcome.reason()));
        if (outcome.kind() == WebhookOutcome.Kind.PULL_REQUEST) {
            if (!repo.previews.enabled()) {
                ctx.status(outcome.httpStatus()).result(outcome.pullRequest().summary() + ": previews are off\n");
                return;
            }
            repo.previews.pullRequest(outcome.pullRequest());
            ctx.status(outcome.httpStatus()).result(outcome.pullRequest().summary() + ": preview "
                    + (outcome.pullRequest().action() == PullRequestEvent.Action.CLOSED ? "removed" : "queued") + "\n");
            return;
        }
        ctx.status(outcome.httpStatus()).result((kind.equals("duplicate") ? "duplicate delivery, already seen" : kind)
                + (outcome.reason() == null ? "" : ": " + outcome.reason()) + "\n");
    }

    private void site(Context ctx, String path) throws IOException {
        Repo repo = repos.get(ctx.pathParam("repo"));
        if (repo == null) {
            ctx.status(404).result("no such site\n");
            return;
        }
        Repository r = published(repo);
        if (r == null) {
            ctx.status(404).result("not published yet\n");
            return;
        }
        PublishedSite.Answer a = PublishedSite.lookup(r, repo.target.ref(), path);
        if (a.redirect() != null) {
            ctx.redirect(a.redirect(), HttpStatus.MOVED_PERMANENTLY);
            return;
        }
        if (a.etag() != null) {
            ctx.header("ETag", a.etag());
            ctx.header("Cache-Control", "no-cache");
            if (a.etag().equals(ctx.header("If-None-Match"))) {
                ctx.status(304);
                return;
            }
        }
        ctx.status(a.status()).contentType(a.contentType()).result(a.body());
    }

    /** The repository holding a site's published branch, opened once; null until it exists. */
    private Repository published(Repo repo) {
        return openSites.computeIfAbsent(repo.spec.name, n -> {
            try {
                return Git.open(repo.target.repository().toFile()).getRepository();
            } catch (IOException e) {
                return null;
            }
        });
    }

    private List<Map<String, Object>> reposJson() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Repo r : repos.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.spec.name);
            m.put("source", r.spec.source.hosted ? "hosted" : r.spec.source.url != null ? Redact.text(r.spec.source.url) : r.spec.source.path);
            m.put("branch", r.spec.source.branch);
            m.put("publish_branch", r.spec.publish.branch);
            m.put("state", r.worker.state());
            m.put("last_success", r.worker.lastSuccess() == null ? null : r.worker.lastSuccess().toString());
            m.put("last_error", r.worker.lastError());
            List<BuildRecord> records = r.worker.records();
            m.put("last_build", records.isEmpty() ? null : records.get(0));
            m.put("previews", r.previews.json());
            out.add(m);
        }
        return out;
    }

    private void buildsJson(Context ctx) {
        Repo r = repos.get(ctx.pathParam("repo"));
        if (r == null) {
            ctx.status(404).json(Map.of("error", "no such repository"));
            return;
        }
        ctx.json(r.worker.records());
    }

    private void statusPage(Context ctx) throws IOException {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Repo r : repos.values()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.spec.name);
            m.put("hosted", r.spec.source.hosted);
            m.put("source", r.spec.source.hosted ? "/git/" + r.spec.name + ".git" : r.spec.source.url != null ? Redact.text(r.spec.source.url) : r.spec.source.path);
            m.put("branch", r.spec.source.branch);
            m.put("publish", r.spec.publish.branch);
            m.put("state", r.worker.state());
            m.put("lastError", r.worker.lastError());
            m.put("lastSuccess", r.worker.lastSuccess() == null ? null : r.worker.lastSuccess().toString());
            m.put("builds", r.worker.records().stream().limit(10).toList());
            m.put("previews", r.previews.json());
            list.add(m);
        }
        String host = ctx.host() == null ? "127.0.0.1:" + port() : ctx.host();
        ctx.html(render("status.peb", Map.of("repos", list, "now", Instant.now().toString(), "request_host", host)));
    }

    private void buildPage(Context ctx) throws IOException {
        Repo r = repos.get(ctx.pathParam("repo"));
        BuildRecord record = null;
        try {
            record = r == null ? null : r.worker.record(Long.parseLong(ctx.pathParam("id")));
        } catch (NumberFormatException e) {
            // falls through to 404
        }
        if (record == null) {
            ctx.status(404).result("no such build\n");
            return;
        }
        // joined here: the page engine trims the newline after a tag, which ran a template-side loop's lines together
        ctx.html(render("build.peb", Map.of("b", record, "log", String.join("\n", record.log()))));
    }

    private String render(String template, Map<String, Object> context) throws IOException {
        StringWriter out = new StringWriter();
        pages.getTemplate(template).evaluate(out, context);
        return out.toString();
    }

    private static ClasspathLoader prefixed() {
        ClasspathLoader loader = new ClasspathLoader();
        loader.setPrefix("dev/imprint/service");
        return loader;
    }

    /** Stops taking work, lets the build in flight finish (up to 30 s) and stops the server. A ref moves by
     * compare-and-swap or not at all, so an abandoned build leaves nothing half-moved. */
    @Override
    public void close() {
        repos.values().forEach(r -> {
            r.worker.stop();
            r.previews.stop();
        });
        scheduler.shutdownNow();
        pool.shutdown();
        try {
            if (!pool.awaitTermination(30, TimeUnit.SECONDS)) {
                pool.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (app != null) {
            app.stop();
        }
        webhookLog.flush();
        gitHost.close();
        openSites.values().forEach(Repository::close);
    }

    /** The worker's recent looks at a repository, newest first. */
    public List<BuildRecord> records(String name) {
        Repo r = repos.get(name);
        return r == null ? List.of() : r.worker.records();
    }

    public Path dataDir() {
        return dataDir;
    }
}
