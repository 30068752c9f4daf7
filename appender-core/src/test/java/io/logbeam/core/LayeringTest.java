package io.logbeam.core;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * appender-core's packages depend one way only (docs/architecture.md draws it):
 * <pre>
 * util &lt;- json &lt;- event &lt;- destination, fallback &lt;- aws &lt;- kinesis, firehose, cloudwatch
 *                                             &lt;- spool &lt;- engine &lt;- config &lt;- io.logbeam.core (Logbeam), lambda
 * </pre>
 * The engine knows no destination (only the destination SPI), the destinations know neither each other nor the
 * engine, and only {@code config} knows every destination. Nothing in core knows Logback or Log4j2.
 */
class LayeringTest {

    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.logbeam.core");

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("util").definedBy("io.logbeam.core.util..")
                .layer("json").definedBy("io.logbeam.core.json..")
                .layer("event").definedBy("io.logbeam.core.event..")
                .layer("destination").definedBy("io.logbeam.core.destination..")
                .layer("fallback").definedBy("io.logbeam.core.fallback..")
                .layer("aws").definedBy("io.logbeam.core.aws..")
                .layer("kinesis").definedBy("io.logbeam.core.kinesis..")
                .layer("firehose").definedBy("io.logbeam.core.firehose..")
                .layer("cloudwatch").definedBy("io.logbeam.core.cloudwatch..")
                .layer("spool").definedBy("io.logbeam.core.spool..")
                .layer("engine").definedBy("io.logbeam.core.engine..")
                .layer("config").definedBy("io.logbeam.core.config..")
                .layer("api").definedBy("io.logbeam.core", "io.logbeam.core.lambda..")
                .whereLayer("util").mayNotAccessAnyLayer()
                .whereLayer("json").mayOnlyAccessLayers("util")
                .whereLayer("event").mayOnlyAccessLayers("util", "json")
                .whereLayer("destination").mayOnlyAccessLayers("util", "event")
                .whereLayer("fallback").mayOnlyAccessLayers("util", "event")
                .whereLayer("aws").mayOnlyAccessLayers("util", "destination")
                .whereLayer("kinesis").mayOnlyAccessLayers("util", "json", "event", "destination", "aws")
                .whereLayer("firehose").mayOnlyAccessLayers("util", "json", "event", "destination", "aws")
                .whereLayer("cloudwatch").mayOnlyAccessLayers("util", "json", "event", "destination", "aws")
                .whereLayer("spool").mayOnlyAccessLayers("util", "event", "destination")
                .whereLayer("engine").mayOnlyAccessLayers("util", "json", "event", "destination", "fallback", "spool")
                .whereLayer("config").mayOnlyAccessLayers("util", "json", "event", "destination", "fallback", "aws",
                        "kinesis", "firehose", "cloudwatch", "spool", "engine")
                .whereLayer("api").mayOnlyAccessLayers("util", "event", "engine", "config")
                .check(CORE);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.logbeam.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreKnowsNeitherLogbackNorLog4j2() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("ch.qos.logback..", "org.slf4j..",
                "org.apache.logging.log4j..").check(CORE);
    }
}
