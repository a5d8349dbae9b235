package io.deocc.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.GeneralCodingRules;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering of ARCHITECTURE.md as executable rules: the API is JDK-only, stages never see
 * engines, engines never see each other, nothing depends on the CLI, and only the CLI prints.
 */
class ArchitectureTest {
    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.deocc");
    }

    @Test
    void theImportSeesEveryModule() {
        // Guards the rules below against passing vacuously because a module went missing.
        for (String pkg : new String[] {"io.deocc.api", "io.deocc.runtime", "io.deocc.mask", "io.deocc.content", "io.deocc.synth", "io.deocc.testkit", "io.deocc.model", "io.deocc.engine.djl",
                "io.deocc.engine.onnx", "io.deocc.cli"}) {
            if (production.stream().noneMatch(c -> c.getPackageName().startsWith(pkg))) {
                throw new AssertionError("no classes imported from " + pkg + ": is the module on the test class path?");
            }
        }
    }

    @Test
    void apiDependsOnTheJdkOnly() {
        ArchRule rule = classes().that().resideInAPackage("io.deocc.api..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.deocc.api..", "java..", "javax..");
        rule.check(production);
    }

    @Test
    void stagesNeverDependOnEnginesRuntimeOrCli() {
        ArchRule rule = noClasses().that().resideInAnyPackage("io.deocc.mask..", "io.deocc.content..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deocc.engine..", "io.deocc.runtime..", "io.deocc.cli..");
        rule.check(production);
    }

    @Test
    void theMaskStageAndTheContentStageAreIndependent() {
        noClasses().that().resideInAPackage("io.deocc.mask..").should().dependOnClassesThat().resideInAPackage("io.deocc.content..")
                .check(production);
        noClasses().that().resideInAPackage("io.deocc.content..").should().dependOnClassesThat().resideInAPackage("io.deocc.mask..")
                .check(production);
    }

    @Test
    void enginesNeverDependOnEachOther() {
        slices().matching("io.deocc.engine.(*)..").should().notDependOnEachOther().allowEmptyShould(true).check(production);
    }

    @Test
    void modelCardsKnowNoEngineStageOrRuntime() {
        // both engines read the cards, so the cards can depend on neither
        classes().that().resideInAPackage("io.deocc.model..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.deocc.model..", "io.deocc.api..",
                        "com.fasterxml.jackson..", "java..", "javax..")
                .check(production);
    }

    @Test
    void theRuntimeKnowsComponentsOnlyThroughTheSpi() {
        noClasses().that().resideInAPackage("io.deocc.runtime..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deocc.mask..", "io.deocc.content..", "io.deocc.engine..", "io.deocc.cli..")
                .check(production);
    }

    @Test
    void nothingDependsOnTheCli() {
        noClasses().that().resideOutsideOfPackage("io.deocc.cli..")
                .should().dependOnClassesThat().resideInAPackage("io.deocc.cli..")
                .check(production);
    }

    @Test
    void synthesisDependsOnTheApiOnly() {
        classes().that().resideInAPackage("io.deocc.synth..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("io.deocc.synth..", "io.deocc.api..", "java..", "javax..")
                .check(production);
    }

    @Test
    void theTestkitSeesOnlyTheApi() {
        noClasses().that().resideInAPackage("io.deocc.testkit..")
                .should().dependOnClassesThat().resideInAnyPackage("io.deocc.runtime..", "io.deocc.mask..", "io.deocc.content..",
                        "io.deocc.engine..", "io.deocc.cli..")
                .check(production);
    }

    @Test
    void onlyTheCliWritesToTheConsole() {
        noClasses().that().resideOutsideOfPackage("io.deocc.cli..")
                .should(GeneralCodingRules.ACCESS_STANDARD_STREAMS)
                .because("libraries log through SLF4J; only the CLI talks to the user")
                .check(production);
    }

    @Test
    void implementationPackagesStayInternal() {
        noClasses().that().resideOutsideOfPackages("io.deocc.mask.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.deocc.mask.internal..").check(production);
        noClasses().that().resideOutsideOfPackages("io.deocc.content.internal..")
                .should().dependOnClassesThat().resideInAPackage("io.deocc.content.internal..").check(production);
        // the engine's exported facades (Networks, the training API) sit on its internals; other modules never do
        noClasses().that().resideOutsideOfPackages("io.deocc.engine.djl..")
                .should().dependOnClassesThat().resideInAPackage("io.deocc.engine.djl.internal..").check(production);
        noClasses().that().resideOutsideOfPackages("io.deocc.engine.onnx..")
                .should().dependOnClassesThat().resideInAPackage("io.deocc.engine.onnx.internal..").check(production);
    }

    @Test
    void gradientPathsNeverUseNumberOperands() {
        // DJL frees a number operand's 0-d tensor right after the op, but libtorch's backward of these reads it
        // again: after a garbage collection in between the gradient is garbage (see the engine's Scalars)
        for (String method : new String[] {"mul", "div", "pow", "maximum", "minimum", "muli", "divi", "powi", "rdiv",
                "rdivi", "rpow", "rpowi", "maximumi", "minimumi"}) {
            noClasses().that().resideInAPackage("io.deocc.engine..")
                    .should().callMethod(ai.djl.ndarray.NDArray.class, method, Number.class)
                    .because("a Number operand of NDArray." + method + " is freed before the backward pass reads it;"
                            + " use Scalars.of(array, value)")
                    .allowEmptyShould(true)
                    .check(production);
        }
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.deocc.(**)").should().beFreeOfCycles().check(production);
    }
}
