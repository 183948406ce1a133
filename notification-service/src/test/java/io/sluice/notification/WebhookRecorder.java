package io.sluice.notification;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** A real webhook receiver on 127.0.0.1 that records what it is sent and answers as told. */
final class WebhookRecorder implements AutoCloseable {
    record Request(String path, String contentType, String component, String body) {
    }

    private final HttpServer server;
    private final ExecutorService handlers = Executors.newCachedThreadPool();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Map<String, Deque<Integer>> answers = new ConcurrentHashMap<>();
    private final Map<String, Deque<Duration>> delays = new ConcurrentHashMap<>();

    WebhookRecorder() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            requests.add(new Request(path, exchange.getRequestHeaders().getFirst("Content-Type"),
                    exchange.getRequestHeaders().getFirst("gotk-component"),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            Duration delay = next(delays, path);
            if (delay != null) {
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            Integer status = next(answers, path);
            exchange.sendResponseHeaders(status == null ? 200 : status, -1);
            exchange.close();
        });
        // Each request on its own thread: a slow answer holds up no other.
        server.setExecutor(handlers);
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** The statuses the next requests to {@code path} get, in order; 200 afterwards. */
    void answer(String path, Integer... statuses) {
        answers.put(path, new ArrayDeque<>(List.of(statuses)));
    }

    /** How long the next requests to {@code path} wait before their answer, in order; none afterwards. */
    void delay(String path, Duration... waits) {
        delays.put(path, new ArrayDeque<>(List.of(waits)));
    }

    List<Request> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    private static <T> T next(Map<String, Deque<T>> planned, String path) {
        Deque<T> queue = planned.get(path);
        return queue == null ? null : queue.poll();
    }

    @Override
    public void close() {
        server.stop(0);
        handlers.shutdownNow();
    }
}
