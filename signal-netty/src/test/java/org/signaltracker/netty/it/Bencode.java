package org.signaltracker.netty.it;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict bencode reader for the tests: byte strings become ISO-8859-1 strings (one char per byte, so
 * binary peers and hashes survive), integers {@code Long}, lists and dictionaries (in wire order). It
 * refuses keys out of byte order and trailing bytes, so a test that parses an answer also checks its form.
 */
final class Bencode {

    private final byte[] in;
    private int at;

    private Bencode(byte[] in) {
        this.in = in;
    }

    static Object parse(byte[] bytes) {
        Bencode b = new Bencode(bytes);
        Object value = b.value();
        if (b.at != bytes.length) {
            throw new IllegalArgumentException("trailing bytes at " + b.at);
        }
        return value;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> dict(byte[] bytes) {
        return (Map<String, Object>) parse(bytes);
    }

    private Object value() {
        byte b = in[at];
        if (b == 'i') {
            int end = indexOf('e', at);
            long v = Long.parseLong(new String(in, at + 1, end - at - 1, StandardCharsets.US_ASCII));
            at = end + 1;
            return v;
        }
        if (b == 'l') {
            at++;
            List<Object> list = new ArrayList<>();
            while (in[at] != 'e') {
                list.add(value());
            }
            at++;
            return list;
        }
        if (b == 'd') {
            at++;
            Map<String, Object> map = new LinkedHashMap<>();
            String previous = null;
            while (in[at] != 'e') {
                String key = string();
                if (previous != null && key.compareTo(previous) <= 0) {
                    throw new IllegalArgumentException("key '" + key + "' out of order after '" + previous + "'");
                }
                previous = key;
                map.put(key, value());
            }
            at++;
            return map;
        }
        return string();
    }

    private String string() {
        int colon = indexOf(':', at);
        int length = Integer.parseInt(new String(in, at, colon - at, StandardCharsets.US_ASCII));
        String s = new String(in, colon + 1, length, StandardCharsets.ISO_8859_1);
        at = colon + 1 + length;
        return s;
    }

    private int indexOf(char c, int from) {
        for (int i = from; i < in.length; i++) {
            if (in[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("no '" + c + "' after " + from);
    }
}
