package org.signaltracker.netty.admin;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.signaltracker.core.log.ThrottledLog;

/**
 * The table of admin routes (GET and HEAD, by exact path; trees of paths for every method, such as the
 * torrent API) and the one thread that runs them. Routes are
 * added at startup (the server adds {@code /health}, {@code /metrics} and {@code /stats.json}; the info-hash
 * database adds its own) and looked up by both admin front doors: the admin listener and the main port's
 * token-guarded paths. At most {@link #QUEUE} requests wait for the thread; more get 503 at once, so a burst of
 * scrapes cannot queue work without bound.
 *
 * <p>Thread-safe once started: {@link #add} before the listeners open, {@link #submit} from any loop.
 */
public final class AdminRoutes {

    static final int QUEUE = 32;
    private static final ThrottledLog FAILURES = ThrottledLog.warnings(AdminRoutes.class);

    private final Map<String, AdminRoute> routes = new LinkedHashMap<>();
    /** Routes that serve a path and everything below it, for every method; see {@link #addTree}. */
    private final Map<String, AdminRoute> trees = new LinkedHashMap<>();
    private final ThreadPoolExecutor thread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), task -> {
                Thread t = new Thread(task, "signal-tracker-admin");
                t.setDaemon(true);
                return t;
            });

    /** Serves {@code route} for GET and HEAD on {@code path}. */
    public AdminRoutes add(String path, AdminRoute route) {
        routes.put(path, route);
        return this;
    }

    /**
     * Serves {@code route} for {@code prefix} and every path below it ({@code prefix/...}), whatever the
     * method: the route reads the rest of the path and answers the methods it does not serve itself.
     */
    public AdminRoutes addTree(String prefix, AdminRoute route) {
        trees.put(prefix, route);
        return this;
    }

    /** The prefixes of the routes added with {@link #addTree}, in the order they were added. */
    public Set<String> trees() {
        return Collections.unmodifiableSet(trees.keySet());
    }

    /** The paths served, in the order they were added. */
    public Set<String> paths() {
        return Collections.unmodifiableSet(routes.keySet());
    }

    /**
     * The response to {@code request}, completed on the admin thread (or at once: 404 for an unknown path,
     * 405 for a method other than GET and HEAD on an exact path, 503 when the queue is full). Never completes exceptionally:
     * a failing route answers 500 and is logged, throttled.
     */
    public CompletableFuture<AdminResponse> submit(AdminRequest request) {
        AdminRoute exact = routes.get(request.path());
        AdminRoute route = exact != null ? exact : tree(request.path());
        if (route == null) {
            return CompletableFuture.completedFuture(AdminResponse.text(HttpResponseStatus.NOT_FOUND,
                    "Not found. Admin routes: " + String.join(", ", routes.keySet()) + "\n"));
        }
        if (exact != null && !request.method().equals("GET") && !request.isHead()) {
            return CompletableFuture.completedFuture(AdminResponse.text(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "Method not allowed: admin routes serve GET, HEAD.\n"));
        }
        try {
            return CompletableFuture.supplyAsync(() -> run(route, request), thread);
        } catch (RejectedExecutionException busy) {
            return CompletableFuture.completedFuture(AdminResponse.text(HttpResponseStatus.SERVICE_UNAVAILABLE,
                    "Admin thread busy: " + QUEUE + " requests are waiting; retry later.\n"));
        }
    }

    private AdminRoute tree(String path) {
        for (Map.Entry<String, AdminRoute> tree : trees.entrySet()) {
            String prefix = tree.getKey();
            if (path.equals(prefix) || path.startsWith(prefix) && path.charAt(prefix.length()) == '/') {
                return tree.getValue();
            }
        }
        return null;
    }

    private static AdminResponse run(AdminRoute route, AdminRequest request) {
        try {
            return route.handle(request);
        } catch (RuntimeException e) {
            FAILURES.report(() -> "admin route " + request.path() + " failed: " + e);
            return AdminResponse.text(HttpResponseStatus.INTERNAL_SERVER_ERROR, "Internal error; see the log.\n");
        }
    }

    /** Stops the admin thread; requests still queued are dropped (their connections are closing anyway). */
    public void stop() {
        thread.shutdownNow();
    }
}
