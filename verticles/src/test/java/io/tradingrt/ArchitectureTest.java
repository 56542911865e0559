package io.tradingrt;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The layering of the runtime, kept by the build (docs/architecture.md explains it). Production classes only: tests
 * may reach across packages to set things up. Plain JUnit tests that check each rule, not {@code @ArchTest} fields:
 * Surefire 3.5.3 silently skips those (TNG/ArchUnit#1442).
 */
class ArchitectureTest {
  private static final JavaClasses RUNTIME = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // in a reactor verify the codecs tests arrive as a test-jar, which DO_NOT_INCLUDE_TESTS does not recognise
      .withImportOption(location -> !location.contains("-tests.jar")).importPackages("io.tradingrt");

  /**
   * Shells as a whole: they exist to connect the cores to Vert.x. http and bridge are the network edges, edge turns
   * their JSON into contract records, flow holds the bus helpers every role verticle shares, launcher starts it all.
   */
  static final List<String> SHELL_PACKAGES = List.of("io.tradingrt.http..", "io.tradingrt.bridge..",
      "io.tradingrt.edge..", "io.tradingrt.flow..", "io.tradingrt.launcher..");

  /** Classes outside the shell packages that may use Vert.x besides the verticles, each with the reason. */
  static final Map<String, String> ADAPTERS = Map.of(
      "io.tradingrt.journal.DurableSender",
      "the bus client of the storage writer: request/reply with retries until COMMIT is what it is for",
      "io.tradingrt.journal.JournalFetch",
      "the bus client of the journal read at start: request/reply with retries until storage answers",
      "io.tradingrt.backtest.ClusterSweepRunner",
      "the bus client of the backtest role: one request per parameter set, bounded in flight, sent again on time-out");

  static final List<String> TRADING_CONCERNS = List.of("signal", "risk", "execution", "portfolio");

  private static final DescribedPredicate<JavaClass> CORE = DescribedPredicate.describe(
      "core classes (not in " + SHELL_PACKAGES + ", not a *Verticle, not an adapter " + ADAPTERS.keySet() + ")",
      c -> c.getPackageName().startsWith("io.tradingrt.") && !c.getPackageName().startsWith("io.tradingrt.codecs")
          && !resideInAnyPackage(SHELL_PACKAGES.toArray(String[]::new)).test(c)
          && !topLevel(c).getSimpleName().endsWith("Verticle") && !ADAPTERS.containsKey(topLevel(c).getName()));

  static final ArchRule coresImportNoVertx = noClasses().that(CORE)
      .should().dependOnClassesThat().resideInAPackage("io.vertx..")
      .because("a core is deterministic and testable without Vert.x; its verticle is the shell (DESIGN.md §4)");

  static final ArchRule tradingConcernsImportNoStorageHttpBridgeOrMetrics = noClasses()
      .that().resideInAnyPackage(concerns(""))
      .should().dependOnClassesThat().resideInAnyPackage("io.tradingrt.storage..", "io.tradingrt.http..",
          "io.tradingrt.bridge..", "io.tradingrt.metrics..")
      .because("trading concerns reach storage, the edges and metrics only over the bus (durable sends: journal)");

  static final ArchRule httpImportsNoMetrics = noClasses().that().resideInAPackage("io.tradingrt.http..")
      .should().dependOnClassesThat().resideInAPackage("io.tradingrt.metrics..")
      .because("each figure has one definition (figures) and tick-to-trade one recorder, the metrics role's: http "
          + "reads it over the bus instead of measuring again");

  static final ArchRule tradingConcernsDoNotImportOneAnother = classes()
      .that().resideInAnyPackage(concerns(""))
      .should(new ArchCondition<>("depend on no other trading concern " + TRADING_CONCERNS) {
        @Override
        public void check(JavaClass item, ConditionEvents events) {
          String own = concernOf(item).orElseThrow();
          for (Dependency dependency : item.getDirectDependenciesFromSelf()) {
            concernOf(dependency.getTargetClass()).filter(other -> !other.equals(own)).ifPresent(other ->
                events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription())));
          }
        }
      })
      .because("what several cores share lives in book or time; concerns meet on the bus");

  static final ArchRule codecsImportNothingOfTheRuntime = noClasses().that().resideInAPackage("io.tradingrt.codecs..")
      .should().dependOnClassesThat(resideInAPackage("io.tradingrt..")
          .and(DescribedPredicate.not(resideInAPackage("io.tradingrt.codecs.."))))
      .because("the contract is shared by every node, bridge and client; the runtime depends on it, never back");

  static final ArchRule concernsAreFreeOfCycles = slices().matching("io.tradingrt.(*)..").should().beFreeOfCycles();

  static final ArchRule packagesAreFreeOfCycles = slices().matching("io.tradingrt.(**)").should().beFreeOfCycles()
      .as("every package, subpackages of storage included, is free of cycles");

  @Test
  void theImportSeesTheWholeRuntime() {
    assertTrue(RUNTIME.contain(io.tradingrt.risk.RiskEngine.class) && RUNTIME.contain(
        io.tradingrt.codecs.OrderEvent.class) && RUNTIME.size() > 200, "imported " + RUNTIME.size() + " classes");
  }

  @Test
  void coresImportNoVertx() {
    coresImportNoVertx.check(RUNTIME);
  }

  @Test
  void tradingConcernsImportNoStorageHttpBridgeOrMetrics() {
    tradingConcernsImportNoStorageHttpBridgeOrMetrics.check(RUNTIME);
  }

  @Test
  void httpImportsNoMetrics() {
    httpImportsNoMetrics.check(RUNTIME);
  }

  @Test
  void tradingConcernsDoNotImportOneAnother() {
    tradingConcernsDoNotImportOneAnother.check(RUNTIME);
  }

  @Test
  void codecsImportNothingOfTheRuntime() {
    codecsImportNothingOfTheRuntime.check(RUNTIME);
  }

  @Test
  void concernsAreFreeOfCycles() {
    concernsAreFreeOfCycles.check(RUNTIME);
  }

  @Test
  void packagesAreFreeOfCycles() {
    packagesAreFreeOfCycles.check(RUNTIME);
  }

  private static String[] concerns(String suffix) {
    return TRADING_CONCERNS.stream().map(c -> "io.tradingrt." + c + ".." + suffix).toArray(String[]::new);
  }

  private static Optional<String> concernOf(JavaClass c) {
    return TRADING_CONCERNS.stream().filter(concern -> c.getPackageName().equals("io.tradingrt." + concern)
        || c.getPackageName().startsWith("io.tradingrt." + concern + ".")).findFirst();
  }

  private static JavaClass topLevel(JavaClass c) {
    JavaClass top = c;
    while (top.getEnclosingClass().isPresent()) {
      top = top.getEnclosingClass().get();
    }
    return top;
  }
}
