package io.logbeam.core.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.logbeam.core.util.ConfigException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One description per property: the tables of {@code docs/configuration.md} are {@link PropertyTable}'s rows, word for
 * word and in order, and every property is described completely.
 */
class PropertyTableTest {

    private static List<String> tableAfter(String heading) throws IOException {
        // Surefire runs in the module's directory; the reference is the project's.
        List<String> lines = Files.readAllLines(Path.of("..", "docs", "configuration.md"));
        int at = lines.indexOf(heading);
        assertThat(at).as("heading '%s' in docs/configuration.md", heading).isNotNegative();
        List<String> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : lines.subList(at + 1, lines.size())) {
            if (line.startsWith("| `")) {
                rows.add(line);
                inTable = true;
            } else if (inTable) {
                break;
            }
        }
        return rows;
    }

    private static List<String> rows(List<Property> properties) {
        return properties.stream().map(Property::markdownRow).toList();
    }

    @Test
    void theConfigurationReferenceIsTheTableWordForWord() throws IOException {
        assertThat(tableAfter("## Shared properties")).containsExactlyElementsOf(rows(PropertyTable.SHARED));
        assertThat(tableAfter("## Kinesis Data Streams (`KinesisAppender`, `<Kinesis>`)"))
                .containsExactlyElementsOf(rows(PropertyTable.KINESIS));
        assertThat(tableAfter("## Kinesis Data Firehose (`FirehoseAppender`, `<Firehose>`)"))
                .containsExactlyElementsOf(rows(PropertyTable.FIREHOSE));
        assertThat(tableAfter("## CloudWatch Logs (`CloudWatchLogsAppender`, `<CloudWatchLogs>`)"))
                .containsExactlyElementsOf(rows(PropertyTable.CLOUDWATCH_LOGS));
    }

    @Test
    void everyPropertyIsDescribedAndNamedOncePerDestination() {
        for (DestinationType type : List.of(DestinationTypes.KINESIS, DestinationTypes.FIREHOSE,
                DestinationTypes.CLOUDWATCH_LOGS)) {
            Set<String> names = new HashSet<>();
            for (Property property : AppenderProperties.of(type)) {
                assertThat(names.add(property.name())).as("%s named once for %s", property.name(), type).isTrue();
                assertThat(property.meaning()).as(property.name()).isNotBlank().endsWith(".");
                if (property.defaultValue() != null) {
                    // The default text must be valid for its type: a typo in the table would fail every start.
                    io.logbeam.core.util.ConfigException.Collector problems = new io.logbeam.core.util.ConfigException.Collector();
                    PropertyReader reader = new PropertyReader(java.util.Map.of(), problems);
                    switch (property.type()) {
                        case WHOLE_NUMBER -> reader.wholeNumber(property);
                        case BYTES -> reader.bytes(property, () -> -1L);
                        case FLAG -> reader.flag(property);
                        case DURATION -> reader.duration(property);
                        case TEXT -> reader.text(property);
                    }
                    assertThat(problems.problems()).as(property.name()).isEmpty();
                }
            }
        }
    }
}
