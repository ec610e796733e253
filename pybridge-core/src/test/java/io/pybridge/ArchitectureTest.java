package io.pybridge;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarFile;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of pybridge-core, as docs/architecture.md draws them, checked on the compiled classes: every
 * dependency points down, the internal packages form no cycle, the public classes make no C API calls, and
 * only the binding packages declare native functions. A change that breaks one fails here, naming the
 * classes and the dependency.
 */
class ArchitectureTest {
    /**
     * The public API's plain value types: they hold data, depend on nothing but each other, and every layer
     * may name them, as it names {@code java.lang}. Their fixed names put them in the same packages as the
     * entry points, which is why they are listed by class.
     */
    private static final Set<String> VOCABULARY_CLASSES = Set.of("io.pybridge.PythonVersion", "io.pybridge.PythonRuntime",
            "io.pybridge.DiscoveryReport", "io.pybridge.RuntimeCandidate", "io.pybridge.RuntimeCandidate$Verdict",
            "io.pybridge.numpy.DType");
    private static final String[] VOCABULARY_PACKAGES = {"io.pybridge.convert", "io.pybridge.spi"};
    private static final String[] API_PACKAGES = {"io.pybridge", "io.pybridge.numpy", "io.pybridge.ml"};

    /** pybridge-core's own classes: other modules' tests run this class too, with their classes beside core's. */
    private static final JavaClasses CLASSES = new ClassFileImporter().importLocations(Set.of(locationOf(Python.class)));

    private static final DescribedPredicate<JavaClass> VOCABULARY = DescribedPredicate.describe("the API's value types",
            ArchitectureTest::isVocabulary);
    private static final DescribedPredicate<JavaClass> ENTRY_POINTS = DescribedPredicate.describe("the API's entry points",
            c -> resideInAnyPackage(API_PACKAGES).test(c) && !VOCABULARY.test(c));

    private static Location locationOf(Class<?> type) {
        try {
            Path where = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isDirectory(where) ? Location.of(where) : Location.of(new JarFile(where.toFile()));
        } catch (URISyntaxException | IOException e) {
            throw new IllegalStateException("cannot locate the classes of " + type, e);
        }
    }

    private static boolean isVocabulary(JavaClass type) {
        JavaClass element = type.isArray() ? type.getBaseComponentType() : type;
        return VOCABULARY_CLASSES.contains(element.getName()) || resideInAnyPackage(VOCABULARY_PACKAGES).test(element);
    }

    @Test
    void everyDependencyPointsDown() {
        ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInAnyPackage("io.pybridge..")
                .layer("API").definedBy(ENTRY_POINTS)
                .layer("Bind").definedBy("io.pybridge.internal.bind..")
                .layer("Features").definedBy("io.pybridge.internal.aio..", "io.pybridge.internal.iteration..",
                        "io.pybridge.internal.context..", "io.pybridge.internal.output..",
                        "io.pybridge.internal.submit..", "io.pybridge.internal.subinterp..")
                .layer("Convert").definedBy("io.pybridge.internal.convert..")
                .layer("Runtime").definedBy("io.pybridge.internal.runtime..")
                .layer("Discovery").definedBy("io.pybridge.internal.discovery..")
                .layer("ApiLink").definedBy("io.pybridge.internal.api..")
                .layer("CApi").definedBy("io.pybridge.internal.capi..")
                .layer("Nvml").definedBy("io.pybridge.internal.nvml..")
                .layer("Vocabulary").definedBy(VOCABULARY)
                .whereLayer("API").mayNotBeAccessedByAnyLayer()
                .whereLayer("Bind").mayOnlyAccessLayers("Features", "Convert", "Runtime", "ApiLink", "CApi", "Vocabulary")
                .whereLayer("Features").mayOnlyAccessLayers("Convert", "Runtime", "ApiLink", "CApi", "Vocabulary")
                .whereLayer("Convert").mayOnlyAccessLayers("Runtime", "ApiLink", "CApi", "Vocabulary")
                .whereLayer("Runtime").mayOnlyAccessLayers("Discovery", "ApiLink", "CApi", "Vocabulary")
                .whereLayer("Discovery").mayOnlyAccessLayers("ApiLink", "Vocabulary")
                .whereLayer("ApiLink").mayNotAccessAnyLayer()
                .whereLayer("CApi").mayNotAccessAnyLayer()
                .whereLayer("Nvml").mayNotAccessAnyLayer()
                .whereLayer("Vocabulary").mayOnlyAccessLayers("Vocabulary");
        layers.check(CLASSES);
    }

    @Test
    void theInternalPackagesFormNoCycle() {
        slices().matching("io.pybridge.internal.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    @Test
    void publicClassesMakeNoCApiCalls() {
        noClasses().that(resideInAnyPackage(API_PACKAGES)).should().dependOnClassesThat()
                .resideInAPackage("io.pybridge.internal.capi..")
                .because("public classes hold no downcalls: they reach CPython through the layers below")
                .check(CLASSES);
    }

    @Test
    void onlyTheBindingsDeclareNativeFunctions() {
        noClasses().that().resideOutsideOfPackages("io.pybridge.internal.capi..", "io.pybridge.internal.nvml..")
                .should().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.Linker")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.FunctionDescriptor")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.foreign.SymbolLookup")
                .because("symbols, downcall handles and upcall signatures are declared in internal.capi (and NVML's in internal.nvml)")
                .check(CLASSES);
    }
}
