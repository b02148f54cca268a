package io.keras4j.losses;

import io.keras4j.tensor.Tensor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static io.keras4j.losses.LossChecks.f64;
import static io.keras4j.losses.LossChecks.gradientRelativeError;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * The tape's gradient of every loss with respect to yPred against float64 central differences,
 * with and without sample weights, at points away from the kinks (|e| = delta, margins of 0, clip bounds).
 */
class LossGradientTest {
    static final Tensor REG_TRUE = f64(new double[][] {{0.3, -1.2, 2.0}, {1.5, 0.7, -0.4}});
    static final Tensor REG_PRED = f64(new double[][] {{0.9, -0.5, 1.1}, {-0.2, 1.6, 0.35}});
    static final Tensor POS_TRUE = f64(new double[][] {{0.3, 1.2, 2.0}, {1.5, 0.7, 0.4}});
    static final Tensor POS_PRED = f64(new double[][] {{0.9, 0.5, 1.1}, {0.2, 1.6, 0.35}});
    static final Tensor BIN_TRUE = f64(new double[][] {{0, 1, 1}, {1, 0, 0}});
    static final Tensor PROBS = f64(new double[][] {{0.2, 0.5, 0.3}, {0.6, 0.15, 0.25}});
    static final Tensor LOGITS = f64(new double[][] {{1.5, -0.3, 0.0}, {-2.0, 0.8, 0.4}});
    static final Tensor WEIGHTS = f64(0.7, 1.8);

    static Stream<Arguments> cases() {
        Tensor oneHot = f64(new double[][] {{0, 1, 0}, {0, 0, 1}});
        Tensor sparse = f64(1, 2);
        Tensor dists = f64(new double[][] {{0.1, 0.6, 0.3}, {0.25, 0.25, 0.5}});
        return Stream.of(
                arguments("MeanSquaredError", new MeanSquaredError(), REG_TRUE, REG_PRED),
                arguments("MeanAbsoluteError", new MeanAbsoluteError(), REG_TRUE, REG_PRED),
                arguments("MeanAbsolutePercentageError", new MeanAbsolutePercentageError(), REG_TRUE, REG_PRED),
                arguments("MeanSquaredLogarithmicError", new MeanSquaredLogarithmicError(), POS_TRUE, POS_PRED),
                arguments("CosineSimilarity", new CosineSimilarity(), REG_TRUE, REG_PRED),
                arguments("CosineSimilarity axis 0", new CosineSimilarity().axis(0).reduction("sum"), REG_TRUE, REG_PRED),
                arguments("Huber", new Huber(), REG_TRUE, REG_PRED),
                arguments("Huber delta 0.5", new Huber().delta(0.5), REG_TRUE, REG_PRED),
                arguments("LogCosh", new LogCosh(), REG_TRUE, REG_PRED),
                arguments("Hinge", new Hinge(), BIN_TRUE, LOGITS),
                arguments("SquaredHinge", new SquaredHinge(), BIN_TRUE, LOGITS),
                arguments("CategoricalHinge", new CategoricalHinge(), oneHot, LOGITS),
                arguments("KLDivergence", new KLDivergence(), dists, PROBS),
                arguments("Poisson", new Poisson(), POS_TRUE, POS_PRED),
                arguments("BinaryCrossentropy", new BinaryCrossentropy(), BIN_TRUE, PROBS),
                arguments("BinaryCrossentropy smoothed", new BinaryCrossentropy().labelSmoothing(0.2), BIN_TRUE, PROBS),
                arguments("BinaryCrossentropy logits", new BinaryCrossentropy().fromLogits(true), BIN_TRUE, LOGITS),
                arguments("CategoricalCrossentropy", new CategoricalCrossentropy(), oneHot, PROBS),
                arguments("CategoricalCrossentropy smoothed logits",
                        new CategoricalCrossentropy().fromLogits(true).labelSmoothing(0.1), oneHot, LOGITS),
                arguments("CategoricalCrossentropy axis 0", new CategoricalCrossentropy().axis(0), dists, PROBS),
                arguments("SparseCategoricalCrossentropy", new SparseCategoricalCrossentropy(), sparse, PROBS),
                arguments("SparseCategoricalCrossentropy logits",
                        new SparseCategoricalCrossentropy().fromLogits(true).reduction("sum"), sparse, LOGITS),
                arguments("SparseCategoricalCrossentropy ignore class",
                        new SparseCategoricalCrossentropy().fromLogits(true).ignoreClass(1), f64(1, 2), LOGITS));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void tapeGradientMatchesFiniteDifferences(String label, Loss loss, Tensor yTrue, Tensor yPred) {
        double unweighted = gradientRelativeError(loss, yTrue, yPred, null);
        assertTrue(unweighted < 1e-6, label + ": relative error " + unweighted);
        if (!loss.call(yTrue, yPred).shape().equals(WEIGHTS.shape())) return; // an axis-0 loss has no per-sample values
        double weighted = gradientRelativeError(loss, yTrue, yPred, WEIGHTS);
        assertTrue(weighted < 1e-6, label + " weighted: relative error " + weighted);
    }
}
