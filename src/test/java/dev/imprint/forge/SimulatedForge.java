package dev.imprint.forge;

import dev.imprint.testing.ForgeSimulator;
import dev.imprint.testing.Forges;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A forge simulator and a client configured for it, whose retries record their waits instead of sleeping. */
final class SimulatedForge {
    static final String TOKEN = "tok-9f8e7d6c5b4a3210";
    static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

    enum Kind {
        GITHUB("github", "octo/notes"),
        GITEA("gitea", "ada/notes"),
        GITLAB("gitlab", "group/sub/notes");

        final String type;
        final String repository;

        Kind(String type, String repository) {
            this.type = type;
            this.repository = repository;
        }

        ForgeSimulator simulator(Forges forges) {
            return switch (this) {
                case GITHUB -> forges.github(repository, TOKEN);
                case GITEA -> forges.gitea(repository, TOKEN);
                case GITLAB -> forges.gitlab(repository, TOKEN);
            };
        }
    }

    final Kind kind;
    final ForgeSimulator sim;
    final ForgeClient client;
    final List<Duration> slept = new CopyOnWriteArrayList<>();

    private SimulatedForge(Kind kind, ForgeSimulator sim, String token) {
        this.kind = kind;
        this.sim = sim;
        this.client = ForgeClient.of(config(), ForgeToken.of(token), RestClient.defaultHttpClient(),
                Retries.with(slept::add, Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    static SimulatedForge start(Kind kind, Forges forges) {
        return new SimulatedForge(kind, kind.simulator(forges), TOKEN);
    }

    /** A client for the same simulator with another token. */
    SimulatedForge withToken(String token) {
        return new SimulatedForge(kind, sim, token);
    }

    ForgeConfig config() {
        return new ForgeConfig(kind.type, sim.apiUrl(), kind.repository, "IMPRINT_FORGE_TOKEN", null);
    }

    /** Calls with this method whose path ends with {@code suffix}. */
    List<ForgeSimulator.Call> calls(String method, String suffix) {
        return sim.calls().stream().filter(c -> c.method().equals(method) && c.path().endsWith(suffix)).toList();
    }

    /** Calls that change something on the forge. */
    List<ForgeSimulator.Call> writes() {
        return sim.calls().stream().filter(c -> !c.method().equals("GET")).toList();
    }
}
