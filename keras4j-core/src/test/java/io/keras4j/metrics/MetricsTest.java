package io.keras4j.metrics;

import io.keras4j.tensor.Shape;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetricsTest {
    @Test void resolvesKerasNamesSnakeCaseAndAliases() {
        assertInstanceOf(MeanSquaredError.class, Metrics.get("mse"));
        assertInstanceOf(MeanSquaredError.class, Metrics.get("MSE"));
        assertInstanceOf(MeanSquaredError.class, Metrics.get("mean_squared_error"));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("rmse"));
        assertInstanceOf(RootMeanSquaredError.class, Metrics.get("root_mean_squared_error"));
        assertInstanceOf(MeanAbsoluteError.class, Metrics.get("mae"));
        assertInstanceOf(MeanAbsoluteError.class, Metrics.get("mean_absolute_error"));
        assertInstanceOf(TopKCategoricalAccuracy.class, Metrics.get("top_k_categorical_accuracy"));
        assertInstanceOf(SparseTopKCategoricalAccuracy.class, Metrics.get("sparse_top_k_categorical_accuracy"));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.get("SparseCategoricalAccuracy"));
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("binary_accuracy"));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.get("categorical_accuracy"));
        assertInstanceOf(Precision.class, Metrics.get("precision"));
        assertInstanceOf(Recall.class, Metrics.get("Recall"));
        assertInstanceOf(AUC.class, Metrics.get("auc"));
        assertInstanceOf(AUC.class, Metrics.get("AUC"));
        assertInstanceOf(F1Score.class, Metrics.get("f1_score"));
        assertInstanceOf(FBetaScore.class, Metrics.get("f_beta_score"));
        assertInstanceOf(Accuracy.class, Metrics.get("accuracy")); // keras.metrics.get, outside compile
        // each call makes a new metric with the class's default name
        assertTrue(Metrics.get("precision") != Metrics.get("precision"));
        assertEquals("mean_squared_error", Metrics.get("mse").name());
    }

    @Test void snakeCaseAsKeras() {
        assertEquals("top_k_categorical_accuracy", Metrics.snakeCase("TopKCategoricalAccuracy"));
        assertEquals("auc", Metrics.snakeCase("AUC"));
        assertEquals("f1_score", Metrics.snakeCase("F1Score"));
        assertEquals("f_beta_score", Metrics.snakeCase("FBetaScore"));
    }

    @Test void unknownNamesListTheValidOnes() {
        var e = assertThrows(IllegalArgumentException.class, () -> Metrics.get("accuracyy"));
        assertTrue(e.getMessage().startsWith("Could not interpret metric identifier: accuracyy. Expected one of: "), e.getMessage());
        assertTrue(e.getMessage().contains("sparse_categorical_accuracy") && e.getMessage().contains("mse"), e.getMessage());
        assertTrue(Metrics.names().contains("rmse"));
    }

    @Test void compileStyleGetNamesTheMetricAfterItsIdentifier() {
        Metric mse = Metrics.get("mse", "mean_squared_error", Shape.of(8, 1), Shape.of(8, 1));
        assertInstanceOf(MeanSquaredError.class, mse);
        assertEquals("mse", mse.name());
        Metric acc = Metrics.get("acc", null, Shape.of(8), Shape.of(8, 10));
        assertInstanceOf(SparseCategoricalAccuracy.class, acc);
        assertEquals("acc", acc.name());
        assertInstanceOf(BinaryAccuracy.class, Metrics.get("Accuracy", null, Shape.of(8, 1), Shape.of(8, 1)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.get(null, null, Shape.of(1), Shape.of(1)));
    }

    @Test void accuracyFollowsKeras3ShapeRules() {
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(32, 1), Shape.of(32, 1)));
        // y_pred's last dimension of 1 is checked first
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(32), Shape.of(32, 1)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(32), Shape.of(32, 10)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(32, 1), Shape.of(32, 10)));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(32, 10), Shape.of(32, 10)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy(null, Shape.of(4, 20), Shape.of(4, 20, 100)));
        // Keras 3 looks at shapes, not the loss: multi-label binary cross-entropy still gets categorical accuracy
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolveAccuracy("binary_crossentropy", Shape.of(32, 5), Shape.of(32, 5)));
        assertEquals("accuracy", Metrics.resolveAccuracy(null, Shape.of(32, 1), Shape.of(32, 1)).name());
    }

    @Test void accuracyFallsBackToTheLossWhenShapesCannotDecide() {
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolveAccuracy("binary_crossentropy", null, null));
        assertInstanceOf(BinaryAccuracy.class, Metrics.resolveAccuracy("BinaryCrossentropy", Shape.of(-1, -1), Shape.of(-1, -1)));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy("SparseCategoricalCrossentropy", null, null));
        assertInstanceOf(SparseCategoricalAccuracy.class, Metrics.resolveAccuracy("sparse_categorical_crossentropy", null, Shape.of(-1, -1)));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolveAccuracy("categorical_crossentropy", null, null));
        assertInstanceOf(CategoricalAccuracy.class, Metrics.resolveAccuracy(null, null, null));
    }
}
