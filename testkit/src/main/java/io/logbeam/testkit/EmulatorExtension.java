package io.logbeam.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/**
 * The JUnit 5 extension behind {@link RequiresEmulator}: skips (or, with {@code -Dlogbeam.requireEmulators=true},
 * fails) tests whose emulators are missing, and injects started {@link MotoServer} / {@link KinesisLocal} instances
 * that live as long as the test class.
 */
public final class EmulatorExtension implements ExecutionCondition, ParameterResolver {

    /** System property that turns a missing emulator from a skip into a failure. */
    public static final String REQUIRE_PROPERTY = "logbeam.requireEmulators";

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmulatorExtension.class);

    /** Whether CI asked for emulators to be mandatory. */
    public static boolean emulatorsRequired() {
        return Boolean.parseBoolean(System.getProperty(REQUIRE_PROPERTY, "false"));
    }

    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        List<String> missing = new ArrayList<>();
        for (Emulator emulator : required(context)) {
            emulator.unavailableReason().ifPresent(missing::add);
        }
        if (missing.isEmpty()) {
            return ConditionEvaluationResult.enabled("emulators available");
        }
        String reason = String.join("; ", missing);
        if (emulatorsRequired()) {
            // Run anyway: starting the emulator then fails the test with this same reason.
            return ConditionEvaluationResult.enabled(REQUIRE_PROPERTY + "=true, so missing emulators fail: " + reason);
        }
        return ConditionEvaluationResult.disabled(reason);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        return type == MotoServer.class || type == KinesisLocal.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        Class<?> type = parameterContext.getParameter().getType();
        ExtensionContext.Store store = classContext(extensionContext).getStore(NAMESPACE);
        try {
            if (type == MotoServer.class) {
                return store.getOrComputeIfAbsent(MotoServer.class, key -> MotoServer.start(), MotoServer.class);
            }
            return store.getOrComputeIfAbsent(KinesisLocal.class, key -> KinesisLocal.start(), KinesisLocal.class);
        } catch (IllegalStateException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
    }

    /** Instances stored here are {@link AutoCloseable}, so JUnit closes them when the class finishes. */
    private static ExtensionContext classContext(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }

    private static List<Emulator> required(ExtensionContext context) {
        List<Emulator> emulators = new ArrayList<>();
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
             current = current.get().getParent()) {
            current.get().getElement()
                    .flatMap(element -> AnnotationSupport.findAnnotation(element, RequiresEmulator.class))
                    .ifPresent(annotation -> emulators.addAll(List.of(annotation.value())));
        }
        return emulators;
    }
}
