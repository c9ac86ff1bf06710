package org.signaltracker.core.protocol.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JsonMembersTest {

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(byte[] buf, int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    @Test
    void findsEveryMemberKeyAndValueRange() {
        byte[] buf = utf8(" { \"a\" : 1 , \"b\":{\"x\":[1,{\"}\":\"]\"}]},\"c\":\"s\\\"t\" ,\"d\":null,\"e\":-1.5e3 } ");
        JsonMembers m = new JsonMembers();
        assertEquals(buf.length - 1, m.scan(buf, 0, buf.length, (byte) '{'));
        assertEquals(5, m.count());
        assertEquals("\"a\"", text(buf, m.keyStart(0), m.keyEnd(0)));
        assertEquals("1", text(buf, m.valueStart(0), m.valueEnd(0)));
        assertEquals("{\"x\":[1,{\"}\":\"]\"}]}", text(buf, m.valueStart(1), m.valueEnd(1)));
        assertEquals("\"s\\\"t\"", text(buf, m.valueStart(2), m.valueEnd(2)));
        assertEquals("null", text(buf, m.valueStart(3), m.valueEnd(3)));
        assertEquals("-1.5e3", text(buf, m.valueStart(4), m.valueEnd(4)));
        assertTrue(m.isString(buf, 2));
        assertFalse(m.isString(buf, 3));
    }

    @Test
    void theLastOfRepeatedKeysWinsAndEscapedKeysMatch() {
        byte[] buf = utf8("{\"type\":\"a\",\"t\\u0079pe\":\"b\",\"other\":1}");
        JsonMembers m = new JsonMembers();
        m.scan(buf, 0, buf.length, (byte) '{');
        assertEquals(1, m.last(buf, JsonMembers.name("type")));
        assertEquals(-1, m.last(buf, JsonMembers.name("typ")));
    }

    @Test
    void scansArraysAndRefusesTheOtherKind() {
        byte[] buf = utf8("[\"a\", 2 ,[3], {}]");
        JsonMembers m = new JsonMembers();
        assertEquals(-1, m.scan(buf, 0, buf.length, (byte) '{'));
        m.scan(buf, 0, buf.length, (byte) '[');
        assertEquals(4, m.count());
        assertEquals("{}", text(buf, m.valueStart(3), m.valueEnd(3)));
        byte[] empty = utf8("{ }");
        assertEquals(3, m.scan(empty, 0, empty.length, (byte) '{'));
        assertEquals(0, m.count());
    }

    @Test
    void growsPastItsFirstCapacity() {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < 100; i++) {
            json.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":").append(i);
        }
        byte[] buf = utf8(json.append('}').toString());
        JsonMembers m = new JsonMembers();
        m.scan(buf, 0, buf.length, (byte) '{');
        assertEquals(100, m.count());
        assertEquals(99, m.last(buf, JsonMembers.name("k99")));
    }
}
