package org.signaltracker.core.protocol.webtorrent;

import com.dslplatform.json.DslJson;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Test-side JSON reading and building of WebTorrent ids (latin1 "binary strings"). */
final class TestJson {

    private static final DslJson<Object> DSL = new DslJson<>();

    private TestJson() {
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        try {
            return DSL.deserialize(Map.class, bytes, bytes.length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 20-character id string whose characters are a name padded with '-'. */
    static String id(String name) {
        StringBuilder sb = new StringBuilder(name);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    /** Escapes a Java string as a JSON string literal, leaving chars >= 0x80 as UTF-8 (like JSON.stringify). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
