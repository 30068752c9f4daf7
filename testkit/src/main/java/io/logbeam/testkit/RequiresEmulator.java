package io.logbeam.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class or method that needs third-party emulators.
 *
 * <p>When one is missing the test is skipped with the reason (e.g. "moto_server not found on PATH; install moto or
 * run .ci/run"), unless system property {@code logbeam.requireEmulators} is {@code true} (as in CI), in which case it
 * fails with that reason.
 *
 * <p>Test methods and lifecycle methods may declare {@link MotoServer} and {@link KinesisLocal} parameters: each is
 * started once per test class, on first use, and closed after the class.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(EmulatorExtension.class)
public @interface RequiresEmulator {

    /** The emulators the test needs. */
    Emulator[] value();
}
