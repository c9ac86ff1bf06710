package org.signaltracker.core.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class AsciiHexTest {

    @Test
    void everyAsciiHexDigitHasItsValueAndNothingElseIsADigit() {
        String digits = "0123456789abcdef";
        for (int c = -128; c < 0x10000; c++) {
            int lower = digits.indexOf(Character.toLowerCase((char) c));
            boolean ascii = c >= 0 && c < 128;
            int expected = ascii && lower >= 0 ? lower : -1;
            assertEquals(expected, AsciiHex.digit(c), "char " + c);
        }
        assertEquals(-1, AsciiHex.digit('\uFF10'), "a fullwidth zero is no hex digit on the wire");
    }
}
