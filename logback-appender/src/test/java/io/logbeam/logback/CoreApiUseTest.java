package io.logbeam.logback;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The adapter is thin glue: of appender-core it uses only what adapters are meant to use (the facade, {@code config},
 * the engine's shipper, the {@code event} SPI, {@code util}), never a destination, the spool, the AWS SDK layer or the
 * JSON writer itself. The other adapter is held to the same rule.
 */
class CoreApiUseTest {

    private static final JavaClasses ADAPTER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.logbeam.logback");

    @Test
    void theAdapterUsesOnlyTheCoresApiAndSpi() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("io.logbeam.core.destination..",
                "io.logbeam.core.fallback..", "io.logbeam.core.json..", "io.logbeam.core.aws..",
                "io.logbeam.core.kinesis..", "io.logbeam.core.firehose..", "io.logbeam.core.cloudwatch..",
                "io.logbeam.core.spool..", "software.amazon.awssdk..").check(ADAPTER);
    }
}
