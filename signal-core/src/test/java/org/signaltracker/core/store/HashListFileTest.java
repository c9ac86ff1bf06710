package org.signaltracker.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashListFileTest {

    private static final String A = "0123456789abcdef0123456789abcdef01234567";
    private static final String B = "BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB";

    @Test
    void readsHashesNamesCommentsAndBlankLines() throws Exception {
        List<HashListFile.Line> lines = HashListFile.parse(List.of("# a comment", "", "  " + A + "   Big Buck # Bunny  ",
                "\t# indented comment", B));
        assertEquals(2, lines.size());
        assertEquals(new HashListFile.Line(3, InfoHash.parseHex(A), "Big Buck # Bunny"), lines.get(0));
        assertEquals(B.toLowerCase(), lines.get(1).infoHash().toHex());
        assertNull(lines.get(1).name());
        assertEquals(5, lines.get(1).number());
    }

    @Test
    void everyBadLineIsReportedWithItsNumber() {
        HashListFile.BadFileException e = assertThrows(HashListFile.BadFileException.class, () -> HashListFile.parse(
                List.of(A, "xyz", A.substring(1) + " short", "g" + A.substring(1), A + " again", B + " " + "n".repeat(1025))));
        assertEquals("line 2: info hash: 3 characters (expected: 40 hex digits)\n"
                + "line 3: info hash: 39 characters (expected: 40 hex digits)\n"
                + "line 4: info hash: not hex (expected: 40 hex digits)\n"
                + "line 5: info hash " + A + " repeats line 1\n"
                + "line 6: name: 1025 characters (expected: at most 1024)", e.getMessage());
    }

    @Test
    void aFileOfBadLinesReportsTheFirstTwentyAndCountsTheRest() {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            lines.add("bad");
        }
        HashListFile.BadFileException e = assertThrows(HashListFile.BadFileException.class, () -> HashListFile.parse(lines));
        List<String> reported = e.getMessage().lines().toList();
        assertEquals(21, reported.size());
        assertEquals("... and 5 more bad lines", reported.get(20));
    }

    @Test
    void formatWritesWhatParseReadsBack() throws Exception {
        InfoHash hash = InfoHash.parseHex(A);
        assertEquals(A, HashListFile.format(hash, null));
        assertEquals(A + " two words", HashListFile.format(hash, " two words "));
        assertEquals(A + " line one line two", HashListFile.format(hash, "line one\nline two"));
        HashListFile.Line back = HashListFile.parse(List.of(HashListFile.format(hash, "x\ty"))).get(0);
        assertEquals("x y", back.name());
    }
}
