package io.logbeam.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The model-constraint messages every fake shares, word for word as the services send them. */
class ValidationErrorsTest {

    private static final Pattern NAME = Pattern.compile("[a-z]+");

    @Test
    void aRequiredTextMemberMustBePresentFitAndMatch() {
        ValidationErrors errors = new ValidationErrors();
        assertThat(errors.requiredText("streamName", null, 8)).isFalse();
        assertThat(errors.requiredText("streamName", "", 8)).isFalse();
        assertThat(errors.requiredText("streamName", "toolongname", 8)).isFalse();
        assertThat(errors.requiredText("streamName", "Fits", 8)).isTrue();
        errors.matches("streamName", "Fits", NAME, "[a-z]+");
        errors.matches("streamName", "fits", NAME, "[a-z]+");

        assertThatThrownBy(() -> errors.throwIfAny("ValidationException")).hasMessage("4 validation errors detected: "
                + "Value null at 'streamName' failed to satisfy constraint: Member must not be null; "
                + "Value '' at 'streamName' failed to satisfy constraint: Member must have length between 1 and 8; "
                + "Value 'toolongname' at 'streamName' failed to satisfy constraint: Member must have length between 1 "
                + "and 8; "
                + "Value 'Fits' at 'streamName' failed to satisfy constraint: Member must satisfy regular expression "
                + "pattern: [a-z]+");
    }
}
