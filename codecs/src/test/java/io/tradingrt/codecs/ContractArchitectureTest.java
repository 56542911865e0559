package io.tradingrt.codecs;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The contract stands alone: see docs/architecture.md (and ArchitectureTest in verticles for why plain tests). */
class ContractArchitectureTest {
  private static final JavaClasses CONTRACT = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      // in a reactor verify the codecs tests arrive as a test-jar, which DO_NOT_INCLUDE_TESTS does not recognise
      .withImportOption(location -> !location.contains("-tests.jar")).importPackages("io.tradingrt");

  static final ArchRule codecsImportNothingOfTheRuntime = noClasses().that().resideInAPackage("io.tradingrt.codecs..")
      .should().dependOnClassesThat(resideInAPackage("io.tradingrt..").and(not(resideInAPackage("io.tradingrt.codecs.."))))
      .because("the runtime (module verticles) depends on the contract, never the other way round");

  static final ArchRule onlyTheWireCodecsUseVertx = noClasses().that().resideInAPackage("io.tradingrt.codecs..")
      .and().resideOutsideOfPackage("io.tradingrt.codecs.wire..")
      .should().dependOnClassesThat().resideInAPackage("io.vertx..")
      .because("records, Fixed and the JSON mapping are plain Java; only the MessageCodecs touch Vert.x");

  static final ArchRule contractPackagesAreFreeOfCycles = slices().matching("io.tradingrt.(**)").should()
      .beFreeOfCycles();

  @Test
  void theImportSeesTheContract() {
    assertTrue(CONTRACT.contain(OrderEvent.class) && CONTRACT.size() > 20, "imported " + CONTRACT.size());
  }

  @Test
  void codecsImportNothingOfTheRuntime() {
    codecsImportNothingOfTheRuntime.check(CONTRACT);
  }

  @Test
  void onlyTheWireCodecsUseVertx() {
    onlyTheWireCodecsUseVertx.check(CONTRACT);
  }

  @Test
  void contractPackagesAreFreeOfCycles() {
    contractPackagesAreFreeOfCycles.check(CONTRACT);
  }
}
