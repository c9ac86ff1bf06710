package org.signaltracker.netty.it;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.dslplatform.json.DslJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A WebSocket client over the JDK's HttpClient that queues every text message it receives and records
 * the close code. Every wait has a timeout so a broken server fails the test instead of hanging it.
 */
final class TestClient implements AutoCloseable {

    static final Duration WAIT = Duration.ofSeconds(5);
    private static final DslJson<Object> JSON = new DslJson<>();

    private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private final WebSocket socket;

    private TestClient(URI uri, String cookie) throws Exception {
        this(HttpClient.newHttpClient(), uri, cookie);
    }

    private TestClient(HttpClient http, URI uri, String cookie) throws Exception {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(WAIT);
        if (cookie != null) {
            builder.header("Cookie", cookie);
        }
        socket = builder.buildAsync(uri, new Listener()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    static TestClient connect(URI uri) throws Exception {
        return new TestClient(uri, null);
    }

    /** Connects through {@code http}: for wss://, one whose SSLContext trusts the test certificate. */
    static TestClient connect(HttpClient http, URI uri) throws Exception {
        return new TestClient(http, uri, null);
    }

    /** Connects with a {@code Cookie} header, as a browser would after {@code POST /v1/register}. */
    static TestClient connect(URI uri, String cookie) throws Exception {
        return new TestClient(uri, cookie);
    }

    void send(String json) throws Exception {
        socket.sendText(json, true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    void sendBinary(byte[] bytes) throws Exception {
        socket.sendBinary(ByteBuffer.wrap(bytes), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    /** The next message, parsed; fails if none arrives in time. */
    Map<String, Object> next() throws InterruptedException {
        String text = messages.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(text, "no message within " + WAIT);
        return parse(text);
    }

    /** The next raw message text, or null after {@code millis}. */
    String poll(long millis) throws InterruptedException {
        return messages.poll(millis, TimeUnit.MILLISECONDS);
    }

    int closeCode() throws Exception {
        return closeCode.get(WAIT.toSeconds() * 3, TimeUnit.SECONDS);
    }

    boolean isClosed() {
        return closeCode.isDone();
    }

    int pingsReceived() {
        return pings.get();
    }

    @Override
    public void close() {
        socket.abort();
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return JSON.deserialize(Map.class, bytes, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                messages.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeCode.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeCode.complete(-1);
        }
    }
}
