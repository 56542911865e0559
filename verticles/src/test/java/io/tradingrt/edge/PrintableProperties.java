package io.tradingrt.edge;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;

class PrintableProperties {

  @Property
  void noControlCharacterOrLineSeparatorSurvives(@ForAll @StringLength(max = 200) String text) {
    String escaped = Printable.escape(text);
    assertFalse(escaped.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029), escaped);
  }

  @Property
  void printableTextIsLeftAsItIs(@ForAll @CharRange(from = ' ', to = '~') @StringLength(max = 200) String text) {
    assertSame(text, Printable.escape(text));
  }

  @Property
  void aForgedLineStaysOnTheFirstLine(@ForAll @CharRange(from = 'a', to = 'z') String before,
                                      @ForAll @CharRange(from = 'a', to = 'z') String after) {
    assertEquals(before + "\\nSEVERE " + after + "\\r\\t\\u0000\\u2028",
        Printable.escape(before + "\nSEVERE " + after + "\r\t\u0000\u2028"));
  }
}
