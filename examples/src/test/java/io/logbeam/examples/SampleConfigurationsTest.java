package io.logbeam.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.engine.ShipperStats;
import io.logbeam.log4j2.LogbeamAppender;
import io.logbeam.logback.LogbeamAppenderBase;
import io.logbeam.testkit.KinesisRecord;
import io.logbeam.testkit.LocalAwsEndpoint;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.status.Status;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.ConfigurationFactory;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.slf4j.MDC;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every sample configuration in {@code src/main/resources/samples/} parses, starts its Logbeam appender without
 * a single status error, and delivers what is logged through it: pointed at the testkit's endpoint by the
 * {@code logbeam.endpoint} system property the samples read, with the AWS SDK's region and credentials from
 * its own system properties, as a user would point them at LocalStack.
 */
class SampleConfigurationsTest {

    private static final Map<String, String> SDK_PROPERTIES = Map.of("aws.region", "us-east-1", "aws.accessKeyId",
            "test", "aws.secretAccessKey", "test");

    private LocalAwsEndpoint endpoint;

    @BeforeAll
    static void sdkFromSystemProperties() {
        SDK_PROPERTIES.forEach(System::setProperty);
    }

    @AfterAll
    static void clearSystemProperties() {
        SDK_PROPERTIES.keySet().forEach(System::clearProperty);
    }

    @BeforeEach
    void startEndpoint() {
        endpoint = LocalAwsEndpoint.start();
        endpoint.kinesis().createStream("app-logs", 1);
        endpoint.firehose().createDeliveryStream("app-lake");
        System.setProperty("logbeam.endpoint", endpoint.uri().toString());
    }

    @AfterEach
    void stopEndpoint() {
        System.clearProperty("logbeam.endpoint");
        endpoint.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"logback/kinesis.xml", "logback/firehose.xml", "logback/cloudwatch-logs.xml",
            "logback-spring/kinesis.xml", "logback-spring/firehose.xml", "logback-spring/cloudwatch-logs.xml"})
    void logbackSamplesStartAndDeliver(String sample) {
        String xml = read("/samples/" + sample);
        if (sample.startsWith("logback-spring/")) {
            xml = withoutSpringElements(xml);
        }
        LoggerContext context = new LoggerContext();
        context.setName(sample);
        context.setMDCAdapter(MDC.getMDCAdapter());
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (JoranException e) {
            throw new IllegalStateException(statusText(context), e);
        }
        try {
            assertThat(statusText(context, Status.ERROR)).as(sample).isEmpty();
            LogbeamAppenderBase appender = logbeamAppender(context);
            assertThat(appender.isStarted()).isTrue();

            org.slf4j.Logger log = context.getLogger("com.acme.Sample");
            MDC.put("tenant", "acme");
            try {
                log.info("sample {} works", sample);
                log.atInfo().addKeyValue("log_type", "audit").log("audited");
                log.error("failure", new IllegalStateException("boom"));
            } finally {
                MDC.clear();
            }
            assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
            assertDelivered(sample, appender.stats());
        } finally {
            context.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"log4j2/kinesis.xml", "log4j2/firehose.xml", "log4j2/cloudwatch-logs.xml"})
    void log4j2SamplesStartAndDeliver(String sample) throws IOException {
        URL url = getClass().getResource("/samples/" + sample);
        org.apache.logging.log4j.core.LoggerContext context = new org.apache.logging.log4j.core.LoggerContext(sample);
        try (InputStream in = url.openStream()) {
            Configuration configuration = ConfigurationFactory.getInstance().getConfiguration(context,
                    new ConfigurationSource(in, url));
            context.start(configuration);
        }
        try {
            LogbeamAppender appender = context.getConfiguration().getAppenders().values().stream()
                    .filter(LogbeamAppender.class::isInstance).map(LogbeamAppender.class::cast).findFirst()
                    .orElseThrow(() -> new AssertionError(sample + ": no Logbeam appender was created"));
            assertThat(appender.isStarted()).isTrue();

            org.apache.logging.log4j.Logger log = context.getLogger("com.acme.Sample");
            org.apache.logging.log4j.ThreadContext.put("tenant", "acme");
            try {
                log.info("sample {} works", sample);
                org.apache.logging.log4j.ThreadContext.put("log_type", "audit");
                log.info("audited");
                org.apache.logging.log4j.ThreadContext.remove("log_type");
                log.error("failure", new IllegalStateException("boom"));
            } finally {
                org.apache.logging.log4j.ThreadContext.clearMap();
            }
            assertThat(appender.flush(Duration.ofSeconds(30))).isTrue();
            assertDelivered(sample, appender.stats());
        } finally {
            context.stop();
        }
    }

    /** The appender's accounting and what the endpoint holds agree: three events, nothing lost. */
    private void assertDelivered(String sample, ShipperStats stats) {
        assertThat(stats.getPublished()).as(sample).isEqualTo(3);
        assertThat(stats.getDelivered()).as(sample + ": " + stats.getLastError()).isEqualTo(3);
        assertThat(stats.getFallback()).isZero();
        assertThat(stored(sample)).as(sample).isEqualTo(3);
        assertThat(endpoint.violations()).isEmpty();
    }

    /** Events stored at the endpoint for the destination the sample names. */
    private int stored(String sample) {
        if (sample.endsWith("kinesis.xml")) {
            List<KinesisRecord> records = endpoint.kinesis().records("app-logs");
            return records.size();
        }
        if (sample.endsWith("firehose.xml")) {
            int lines = 0;
            for (byte[] record : endpoint.firehose().records("app-lake")) {
                lines += (int) new String(record, StandardCharsets.UTF_8).chars().filter(c -> c == '\n').count();
            }
            return lines;
        }
        int events = 0;
        for (String group : endpoint.logs().logGroupNames()) {
            for (String stream : endpoint.logs().logStreamNames(group)) {
                events += endpoint.logs().events(group, stream).size();
            }
        }
        return events;
    }

    private static LogbeamAppenderBase logbeamAppender(LoggerContext context) {
        List<LogbeamAppenderBase> found = new ArrayList<>();
        Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> it = context
                .getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        it.forEachRemaining(a -> {
            if (a instanceof LogbeamAppenderBase) {
                found.add((LogbeamAppenderBase) a);
            }
        });
        assertThat(found).as("Logbeam appenders on the root logger").hasSize(1);
        return found.get(0);
    }

    /**
     * Spring Boot's own elements, which plain Joran does not know: a profile section is kept (as with an active
     * profile other than "local"), a Spring property becomes a property with its default value.
     */
    static String withoutSpringElements(String xml) {
        return xml.replaceAll("<springProfile[^>]*>", "").replace("</springProfile>", "")
                .replaceAll("<springProperty\\s+scope=\"(\\w+)\"\\s+name=\"(\\w+)\"\\s+source=\"[^\"]*\"\\s+"
                        + "defaultValue=\"([^\"]*)\"\\s*/>", "<property scope=\"$1\" name=\"$2\" value=\"$3\"/>");
    }

    private static String read(String resource) {
        try (InputStream in = SampleConfigurationsTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String statusText(LoggerContext context) {
        return context.getStatusManager().getCopyOfStatusList().stream().map(Object::toString)
                .collect(Collectors.joining("\n"));
    }

    private static String statusText(LoggerContext context, int level) {
        return context.getStatusManager().getCopyOfStatusList().stream().filter(s -> s.getLevel() == level)
                .map(Object::toString).collect(Collectors.joining("\n"));
    }
}
