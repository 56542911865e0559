package io.tradingrt.book;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The array-based id memory answers exactly as a bounded insertion-ordered map that forgets its eldest entry: the
 * implementation it replaced, kept here as the model.
 */
class RecentOrderIdsProperties {

  static final class Model {
    private final Map<String, Boolean> ids;

    Model(int capacity) {
      ids = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
          return size() > capacity;
        }
      };
    }

    boolean add(String id) {
      return ids.putIfAbsent(id, Boolean.TRUE) == null;
    }

    int size() {
      return ids.size();
    }
  }

  @Provide
  Arbitrary<List<String>> ids() {
    // few distinct ids, so repeats, evictions and re-admissions of forgotten ids all happen; strings that collide
    // in hashCode ("Aa", "BB") are among them, so probe runs hold unequal ids with one home
    Arbitrary<String> id = Arbitraries.oneOf(Arbitraries.of("Aa", "BB", "AaAa", "BBBB", "AaBB", "BBAa"),
        Arbitraries.integers().between(0, 300).map(i -> "ma-AAPL-" + i));
    return id.list().ofMinSize(0).ofMaxSize(2_000);
  }

  @Property(tries = 300)
  void answersAsTheBoundedMap(@ForAll("ids") List<String> ids, @ForAll @IntRange(min = 1, max = 120) int capacity) {
    RecentOrderIds actual = new RecentOrderIds(capacity);
    Model model = new Model(capacity);
    for (int i = 0; i < ids.size(); i++) {
      String id = ids.get(i);
      assertEquals(model.add(id), actual.add(id), "add #" + i + " of " + id);
      assertEquals(model.size(), actual.size(), "size after add #" + i);
    }
  }

  @Property(tries = 20)
  void forgetsExactlyTheEldestBeyondTheCapacity(@ForAll @IntRange(min = 1, max = 5_000) int capacity) {
    RecentOrderIds ids = new RecentOrderIds(capacity);
    for (int i = 0; i < capacity * 3; i++) {
      assertEquals(true, ids.add("o-" + i));
    }
    for (int i = 0; i < capacity * 2; i++) {
      assertEquals(true, ids.add("o-" + i), "o-" + i + " was forgotten");
    }
    assertEquals(capacity, ids.size());
  }
}
