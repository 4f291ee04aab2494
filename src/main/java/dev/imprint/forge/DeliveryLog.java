package dev.imprint.forge;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers the last N delivery ids per repository, to recognise a forge's redelivery of a webhook
 * it already sent. Thread-safe. Purely an optimisation: the service is level-triggered, so a
 * duplicate that slips through (after a restart, or past the window) costs at most a no-op build.
 *
 * <p>Call it only for deliveries that {@link WebhookVerifier} accepted, so that unauthenticated
 * requests cannot fill the window.
 */
public final class DeliveryLog {

    public static final int DEFAULT_CAPACITY = 1000;

    private final int capacity;
    private final Map<String, Window> byRepo = new ConcurrentHashMap<>();

    public DeliveryLog() {
        this(DEFAULT_CAPACITY);
    }

    public DeliveryLog(int capacityPerRepository) {
        if (capacityPerRepository < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacityPerRepository);
        }
        this.capacity = capacityPerRepository;
    }

    /**
     * Records {@code deliveryId} for {@code repo}; true when it was not among the last N ids seen for
     * that repository. A null id cannot be recognised and is always a first time.
     */
    public boolean firstTime(String repo, String deliveryId) {
        Objects.requireNonNull(repo, "repo");
        if (deliveryId == null) {
            return true;
        }
        return byRepo.computeIfAbsent(repo, r -> new Window(capacity)).add(deliveryId);
    }

    /** Insertion-ordered set of the last {@code capacity} ids; a repeated id does not move. */
    private static final class Window {
        private final LinkedHashMap<String, Boolean> ids;

        Window(int capacity) {
            this.ids = new LinkedHashMap<>(16, 0.75f, false) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                    return size() > capacity;
                }
            };
        }

        synchronized boolean add(String id) {
            return ids.putIfAbsent(id, Boolean.TRUE) == null;
        }
    }
}
