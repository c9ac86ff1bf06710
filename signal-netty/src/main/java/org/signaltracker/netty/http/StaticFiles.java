package org.signaltracker.netty.http;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * The files shipped under {@code static/} on the class path (the demo page and its scripts), read once at
 * startup so that serving one never touches the disk on an event loop. {@code GET /} is
 * {@code static/index.html}; {@code GET /name} is {@code static/name}. Only those files exist: a path is
 * looked up in the table, never resolved on a file system. Immutable after construction, thread-safe.
 */
public final class StaticFiles {

    private static final String ROOT = "static/";
    /** The demo is small; anything bigger under static/ is a packaging mistake, not a file to hold in memory. */
    private static final int MAX_FILE_BYTES = 1 << 20;

    private record File(byte[] bytes, String contentType) {
    }

    private final Map<String, File> byPath;

    private StaticFiles(Map<String, File> byPath) {
        this.byPath = Map.copyOf(byPath);
    }

    public static StaticFiles none() {
        return new StaticFiles(Map.of());
    }

    /** Every file under {@code static/} of {@code loader}'s class path, whether in a directory or a jar. */
    public static StaticFiles load(ClassLoader loader) {
        Map<String, File> files = new HashMap<>();
        try {
            Enumeration<URL> roots = loader.getResources(ROOT);
            while (roots.hasMoreElements()) {
                URL root = roots.nextElement();
                if ("file".equals(root.getProtocol())) {
                    Path dir = Path.of(root.toURI());
                    try (Stream<Path> walk = Files.walk(dir)) {
                        for (Path file : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                            add(files, dir.relativize(file).toString().replace('\\', '/'), Files.readAllBytes(file));
                        }
                    }
                } else if ("jar".equals(root.getProtocol())) {
                    JarURLConnection connection = (JarURLConnection) root.openConnection();
                    connection.setUseCaches(false);
                    try (JarFile jar = connection.getJarFile()) {
                        for (JarEntry entry : (Iterable<JarEntry>) jar.stream()::iterator) {
                            if (!entry.isDirectory() && entry.getName().startsWith(ROOT)) {
                                try (InputStream in = jar.getInputStream(entry)) {
                                    add(files, entry.getName().substring(ROOT.length()), in.readAllBytes());
                                }
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the static files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        return new StaticFiles(files);
    }

    private static void add(Map<String, File> files, String name, byte[] bytes) {
        if (bytes.length > MAX_FILE_BYTES) {
            throw new IllegalStateException("static/" + name + " is over " + MAX_FILE_BYTES + " bytes");
        }
        File file = new File(bytes, contentType(name));
        files.put("/" + name, file);
        if (name.equals("index.html")) {
            files.put("/", file);
        }
    }

    static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(java.util.Locale.ROOT);
        return switch (ext) {
            case "html", "htm" -> "text/html; charset=utf-8";
            case "js", "mjs" -> "text/javascript; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "json" -> "application/json";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "ico" -> "image/x-icon";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    public boolean has(String path) {
        return byPath.containsKey(path);
    }

    /** The file at {@code path} (which {@link #has}), as a 200; without its body for HEAD. */
    FullHttpResponse response(String path, boolean headOnly) {
        File file = byPath.get(path);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                headOnly ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(file.bytes()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, file.contentType());
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        response.headers().set("X-Content-Type-Options", "nosniff");
        HttpUtil.setContentLength(response, file.bytes().length);
        return response;
    }
}
