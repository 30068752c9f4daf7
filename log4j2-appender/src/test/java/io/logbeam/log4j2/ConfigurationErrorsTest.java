package io.logbeam.log4j2;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.log4j2.testing.Contexts;
import io.logbeam.log4j2.testing.MemoryDestination;
import io.logbeam.log4j2.testing.StatusCapture;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Core;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.plugins.util.PluginManager;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Plugin discovery and invalid configuration: errors name the attribute, the application keeps running. */
class ConfigurationErrorsTest {

    @Test
    void thePluginsAreFoundWithoutAPackagesAttribute() {
        PluginManager plugins = new PluginManager(Core.CATEGORY_NAME);
        plugins.collectPlugins();

        assertThat(plugins.getPluginType("kinesis").getPluginClass()).isEqualTo(KinesisAppender.class);
        assertThat(plugins.getPluginType("firehose").getPluginClass()).isEqualTo(FirehoseAppender.class);
        assertThat(plugins.getPluginType("cloudwatchlogs").getPluginClass()).isEqualTo(CloudWatchLogsAppender.class);
    }

    @Test
    void eachElementIsBuiltFromALog4j2XmlWithoutPackages() {
        // Required destination attributes left out on purpose: the errors prove that Log4j2 found each plugin
        // and ran its builder (an unknown element would give "Invalid element" instead).
        String xml = "<Configuration>\n  <Appenders>\n"
                + "    <Kinesis name=\"k\" jmx=\"false\"/>\n"
                + "    <Firehose name=\"f\" jmx=\"false\"/>\n"
                + "    <CloudWatchLogs name=\"c\" jmx=\"false\"/>\n"
                + "  </Appenders>\n  <Loggers><Root level=\"info\"/></Loggers>\n</Configuration>\n";
        try (StatusCapture status = StatusCapture.start()) {
            LoggerContext context = Contexts.start(xml);
            try {
                assertThat(status.messages(Level.ERROR))
                        .anySatisfy(m -> assertThat(m).contains("<Kinesis name=\"k\">", "attribute 'streamName'"))
                        .anySatisfy(m -> assertThat(m).contains("<Firehose name=\"f\">", "attribute 'deliveryStreamName'"))
                        .anySatisfy(m -> assertThat(m).contains("<CloudWatchLogs name=\"c\">", "attribute 'logGroup'"))
                        .noneSatisfy(m -> assertThat(m).containsIgnoringCase("invalid element"));
            } finally {
                context.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void everyInvalidAttributeIsReportedByNameAndTheRestOfTheConfigurationWorks() {
        String xml = Contexts.config(
                "    <LogbeamMemory name=\"bad\" sink=\"cfg-bad\" jmx=\"false\" bufferSize=\"1000\" bufferMaxBytes=\"100\""
                        + " maxInFlight=\"many\""
                        + " includeMdc=\"yes\" overflowPolicy=\"sometimes\" flushOnLevel=\"LOUD\" blockTimeout=\"soon\""
                        + " endpoint=\"ftp://x\" staticFields=\"novalue\"/>\n"
                        + "    <LogbeamMemory name=\"good\" sink=\"cfg-good\" jmx=\"false\" maxBatchDelay=\"20ms\"/>",
                "info", "good\"/><AppenderRef ref=\"bad");
        try (StatusCapture status = StatusCapture.start()) {
            LoggerContext context = Contexts.start(xml);
            try {
                List<String> errors = status.messages(Level.ERROR);
                for (String attribute : List.of("bufferSize", "bufferMaxBytes", "maxInFlight", "includeMdc", "overflowPolicy",
                        "flushOnLevel", "blockTimeout", "endpoint", "staticFields")) {
                    assertThat(errors).as(attribute)
                            .anySatisfy(m -> assertThat(m).contains("<LogbeamMemory name=\"bad\">", "'" + attribute + "'"));
                }
                assertThat(context.getConfiguration().getAppenders()).containsKey("good").doesNotContainKey("bad");

                context.getLogger("com.acme.Orders").info("still logging");
                MemoryDestination good = MemoryDestination.named("cfg-good");
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .until(() -> good.messages().contains("still logging"));
                assertThat(MemoryDestination.named("cfg-bad").opened()).isZero();
            } finally {
                context.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void anUnknownAttributeIsReportedByLog4j2WithItsName() {
        String xml = Contexts.config("    <LogbeamMemory name=\"typo\" sink=\"cfg-typo\" jmx=\"false\" bufferSise=\"1024\"/>",
                "info", "typo");
        try (StatusCapture status = StatusCapture.start()) {
            LoggerContext context = Contexts.start(xml);
            try {
                assertThat(status.messages(Level.ERROR)).anySatisfy(m -> assertThat(m).contains("bufferSise"));
                // The appender itself is valid: only the unknown attribute is ignored.
                assertThat(context.getConfiguration().getAppenders()).containsKey("typo");
            } finally {
                context.stop(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void aNonTextLayoutIsRejectedByName() {
        String xml = Contexts.config("    <LogbeamMemory name=\"lay\" sink=\"cfg-lay\" jmx=\"false\">"
                + "<SerializedLayout/></LogbeamMemory>", "info", "lay");
        try (StatusCapture status = StatusCapture.start()) {
            LoggerContext context = Contexts.start(xml);
            try {
                assertThat(status.messages(Level.ERROR)).anySatisfy(m -> assertThat(m).contains("'layout'"));
                assertThat(context.getConfiguration().getAppenders()).doesNotContainKey("lay");
            } finally {
                context.stop(5, TimeUnit.SECONDS);
            }
        }
    }
}
