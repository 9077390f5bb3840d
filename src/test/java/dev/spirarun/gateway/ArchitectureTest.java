package dev.spirarun.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Keeps the capability packages honest: no cycles, Spira only behind its client, the demo reachable by nothing. */
@AnalyzeClasses(packages = "dev.spirarun.gateway", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule noCyclesBetweenCapabilities = slices().matching("dev.spirarun.gateway.(*)..").should()
            .beFreeOfCycles();

    @ArchTest
    static final ArchRule systemKnowsNoCapability = noClasses().that().resideInAPackage("..gateway.system..").should()
            .dependOnClassesThat().resideInAnyPackage("..gateway.runs..", "..gateway.spira..", "..gateway.batch..",
                    "..gateway.idempotency..", "..gateway.demo..");

    @ArchTest
    static final ArchRule nothingDependsOnTheDemoStandIn = noClasses().that().resideOutsideOfPackage("..gateway.demo..")
            .should().dependOnClassesThat().resideInAPackage("..gateway.demo..");

    @ArchTest
    static final ArchRule onlyTheSpiraPackageTalksHttpToSpira = noClasses().that().resideOutsideOfPackage("..gateway.spira..")
            .should().dependOnClassesThat().haveFullyQualifiedName("org.springframework.web.reactive.function.client.WebClient");
}
