package dev.nethergaze.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency directions of DESIGN.md: sources/detect/enrich/store/export see only the model. */
class ArchitectureTest {

    private static final String ROOT = "dev.nethergaze.";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.nethergaze");
    }

    private static String pkg(String name) {
        return ROOT + name + "..";
    }

    @Test
    void modelDependsOnNothingOfOurs() {
        noClasses()
                .that()
                .resideInAPackage(pkg("model"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        pkg("source"),
                        pkg("engine"),
                        pkg("detect"),
                        pkg("enrich"),
                        pkg("store"),
                        pkg("act"),
                        pkg("export"),
                        pkg("control"),
                        pkg("ui"),
                        pkg("fleet"),
                        pkg("cli"),
                        pkg("config"))
                .check(classes);
    }

    @Test
    void pipelineStagesDependOnlyOnTheModel() {
        for (String stage : new String[] {"source", "detect", "enrich", "store", "export"}) {
            noClasses()
                    .that()
                    .resideInAPackage(pkg(stage))
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(pkg("engine"), pkg("act"), pkg("control"), pkg("ui"), pkg("fleet"), pkg("cli"))
                    .allowEmptyShould(true)
                    .check(classes);
        }
    }

    @Test
    void engineSeesModelDetectAndTheSourceInterfacesOnly() {
        noClasses()
                .that()
                .resideInAPackage(pkg("engine"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        pkg("enrich"),
                        pkg("store"),
                        pkg("act"),
                        pkg("export"),
                        pkg("control"),
                        pkg("ui"),
                        pkg("fleet"),
                        pkg("cli"),
                        pkg("source.conn"),
                        pkg("source.httplog"),
                        pkg("source.demo"))
                .check(classes);
    }

    @Test
    void nothingDependsOnUiOrCli() {
        noClasses()
                .that()
                .resideOutsideOfPackages(pkg("ui"), pkg("cli"))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(pkg("ui"), pkg("cli"))
                .check(classes);
    }

    @Test
    void onlyActAndSourcesStartProcesses() {
        noClasses()
                .that()
                .resideOutsideOfPackages(pkg("act"), pkg("source.authlog"))
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.lang.ProcessBuilder")
                .check(classes);
    }
}
