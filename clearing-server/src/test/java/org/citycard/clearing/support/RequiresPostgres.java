package org.citycard.clearing.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Runs a test class against a real PostgreSQL server ({@link PostgresCluster}) with the {@code postgres} profile; the
 * class is skipped, with the reason, when no server can be had.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresPostgres.Condition.class)
@ActiveProfiles("postgres")
public @interface RequiresPostgres {
    /** Evaluated before Spring loads the context. */
    class Condition implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return PostgresCluster.get().isPresent()
                    ? ConditionEvaluationResult.enabled(
                            "PostgreSQL at " + PostgresCluster.get().get().url())
                    : ConditionEvaluationResult.disabled("SKIPPED: " + PostgresCluster.unavailableReason());
        }

        /** The datasource properties of the cluster; call from a {@code @DynamicPropertySource} method. */
        public static void register(DynamicPropertyRegistry registry) {
            registry.add(
                    "spring.datasource.url",
                    () -> PostgresCluster.get().orElseThrow().url());
            registry.add(
                    "spring.datasource.username",
                    () -> PostgresCluster.get().orElseThrow().user());
            registry.add(
                    "spring.datasource.password",
                    () -> PostgresCluster.get().orElseThrow().password());
        }
    }
}
