package io.tradingrt.edge;

/**
 * Text from a client made safe to echo or log: control characters (and the Unicode line and paragraph separators)
 * become visible escapes, so a newline in an order's reason or a refused value can never forge a second log line.
 */
public final class Printable {

  private Printable() {
  }

  /** {@code \n}, {@code \r} and {@code \t} as such, any other control character as {@code \}{@code uXXXX}. */
  public static String escape(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = Character.isISOControl(c) || c == '\u2028' || c == '\u2029';
      if (control && out == null) {
        out = new StringBuilder(text.length() + 16).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(c == '\n' ? "\\n" : c == '\r' ? "\\r" : c == '\t' ? "\\t" : String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }
}
