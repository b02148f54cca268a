package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.keras4j.losses.LossChecks.assertAllClose;
import static io.keras4j.losses.LossChecks.f64;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keras's loss identifiers (keras/src/losses/__init__.py) and the function forms. */
class LossesTest {
    @ParameterizedTest
    @CsvSource({
            "mse, MeanSquaredError", "MSE, MeanSquaredError", "mean_squared_error, MeanSquaredError",
            "mae, MeanAbsoluteError", "MAE, MeanAbsoluteError", "mean_absolute_error, MeanAbsoluteError",
            "mape, MeanAbsolutePercentageError", "mean_absolute_percentage_error, MeanAbsolutePercentageError",
            "msle, MeanSquaredLogarithmicError", "mean_squared_logarithmic_error, MeanSquaredLogarithmicError",
            "binary_crossentropy, BinaryCrossentropy", "bce, BinaryCrossentropy",
            "categorical_crossentropy, CategoricalCrossentropy",
            "sparse_categorical_crossentropy, SparseCategoricalCrossentropy",
            "hinge, Hinge", "squared_hinge, SquaredHinge", "categorical_hinge, CategoricalHinge",
            "huber, Huber", "log_cosh, LogCosh", "logcosh, LogCosh",
            "kld, KLDivergence", "KLD, KLDivergence", "kl_divergence, KLDivergence",
            "poisson, Poisson", "cosine_similarity, CosineSimilarity"})
    void functionNamesResolveToTheirClassNamedAsTheIdentifier(String identifier, String className) {
        Loss loss = Losses.get(identifier);
        assertEquals(className, loss.className());
        assertEquals(identifier, loss.name());
        assertEquals("sum_over_batch_size", loss.reduction());
    }

    @ParameterizedTest
    @CsvSource({
            "MeanSquaredError, mean_squared_error", "MeanAbsoluteError, mean_absolute_error",
            "MeanAbsolutePercentageError, mean_absolute_percentage_error",
            "MeanSquaredLogarithmicError, mean_squared_logarithmic_error",
            "BinaryCrossentropy, binary_crossentropy", "CategoricalCrossentropy, categorical_crossentropy",
            "SparseCategoricalCrossentropy, sparse_categorical_crossentropy", "Hinge, hinge",
            "SquaredHinge, squared_hinge", "CategoricalHinge, categorical_hinge", "Huber, huber_loss",
            "LogCosh, log_cosh", "KLDivergence, kl_divergence", "Poisson, poisson", "CosineSimilarity, cosine_similarity"})
    void classNamesResolveToDefaults(String className, String defaultName) {
        Loss loss = Losses.get(className);
        assertEquals(className, loss.className());
        assertEquals(defaultName, loss.name());
        assertNotSame(loss, Losses.get(className));
    }

    @Test void unknownIdentifierListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Losses.get("mean_cubed_error"));
        assertTrue(e.getMessage().startsWith("Could not interpret loss identifier: mean_cubed_error"), e.getMessage());
        assertTrue(e.getMessage().contains("mse") && e.getMessage().contains("SparseCategoricalCrossentropy"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Losses.get((String) null));
    }

    @Test void serializedConfigResolvesWithItsArguments() {
        Loss loss = Losses.get(Map.of("class_name", "CategoricalCrossentropy",
                "config", Map.of("from_logits", true, "label_smoothing", 0.1, "reduction", "sum")));
        CategoricalCrossentropy cce = assertInstanceOf(CategoricalCrossentropy.class, loss);
        assertTrue(cce.fromLogits());
        assertEquals(0.1, cce.labelSmoothing());
        assertEquals("sum", cce.reduction());
        assertEquals(2.0, assertInstanceOf(Huber.class, Losses.get(Map.of("class_name", "Huber", "config", Map.of("delta", 2)))).delta());
        assertThrows(IllegalArgumentException.class, () -> Losses.get(Map.of("class_name", "Nope", "config", Map.of())));
    }

    @Test void functionFormsReturnPerSampleLosses() {
        Tensor t = f64(new double[][] {{0, 1}, {1, 0}});
        Tensor p = f64(new double[][] {{0.2, 0.6}, {0.7, 0.4}});
        assertAllClose(new double[] {(0.04 + 0.16) / 2, (0.09 + 0.16) / 2}, Losses.meanSquaredError(t, p), 1e-12);
        assertAllClose(new double[] {0.3, 0.35}, Losses.meanAbsoluteError(t, p), 1e-12);
        // Labels 0/1 become -1/1: margins 1.2, 0.4 and 0.3, 1.4.
        assertAllClose(new double[] {0.8, 0.85}, Losses.hinge(t, p), 1e-12);
        assertAllClose(new double[] {(1.44 + 0.16) / 2, (0.09 + 1.96) / 2}, Losses.squaredHinge(t, p), 1e-12);
        assertAllClose(new double[] {-Math.log(0.6 / 0.8), -Math.log(0.7 / 1.1)}, Losses.categoricalCrossentropy(t, p), 1e-12);
        assertAllClose(new double[] {-Math.log(0.6 / 0.8), -Math.log(0.7 / 1.1)},
                Losses.sparseCategoricalCrossentropy(f64(1, 0), p), 1e-12);
        double b1 = -(Math.log(0.8) + Math.log(0.6)) / 2, b2 = -(Math.log(0.7) + Math.log(0.6)) / 2;
        assertAllClose(new double[] {b1, b2}, Losses.binaryCrossentropy(t, p), 1e-12);
        assertAllClose(Losses.binaryCrossentropy(t, p).toDoubleArray(), Losses.binaryCrossentropy(t, p, false, 0), 1e-15);
    }
}
