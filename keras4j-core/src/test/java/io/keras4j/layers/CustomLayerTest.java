package io.keras4j.layers;

import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import io.keras4j.trainers.FitOptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** A user's layer, written as Keras's guide writes {@code Linear}: it must work wherever a built-in layer does. */
class CustomLayerTest {
    static final class Linear extends Layer {
        private final int units;
        private Variable w;
        private Variable b;

        Linear(int units) { this.units = units; }

        @Override public void build(Shape inputShape) {
            w = addWeight("w", Shape.of(inputShape.dim(-1), units), Initializers.get("random_normal"), true);
            b = addWeight("b", Shape.of(units), Initializers.get("zeros"), true);
        }

        @Override public Tensor call(Tensor inputs, boolean training) { return Ops.add(Ops.matmul(inputs, w.value()), b.value()); }

        @Override public Shape computeOutputShape(Shape inputShape) { return inputShape.withDim(-1, units); }

        @Override public Map<String, Object> getConfig() {
            Map<String, Object> c = super.getConfig();
            c.put("units", units);
            return c;
        }
    }

    @BeforeEach void reset() {
        Layer.clearSession();
        Random.setSeed(3);
    }

    @Test void trainsInASequentialModelAndShowsInTheSummary() {
        Sequential m = new Sequential(Input.of(2), new Linear(1));
        assertTrue(m.summaryString().contains("│ linear (Linear) "), m.summaryString());
        assertTrue(m.summaryString().contains("Total params: 3 (12.00 B)"), m.summaryString());
        // y = 2 x0 - x1 + 0.5 is learnable exactly.
        Tensor x = Random.uniform(Shape.of(64, 2), -1, 1, DType.FLOAT32, 1L);
        Tensor y = Ops.add(Ops.matmul(x, Tensor.of(new float[] {2, -1}, 2, 1)), 0.5);
        m.compile(new io.keras4j.optimizers.SGD().learningRate(0.1), "mse");
        m.fit(x, y, new FitOptions().epochs(100).batchSize(16).verbose(0));
        assertEquals(0, m.evaluate(x, y, 64, 0).get("loss"), 1e-3);
        assertEquals(2.0, m.getWeights().get(0).get(0, 0), 0.05);
        assertEquals(0.5, m.getWeights().get(1).get(0), 0.05);
        assertEquals(1, m.getLayer("linear").getConfig().get("units"));
    }

    @Test void worksInTheFunctionalApi() {
        KerasTensor in = Input.of(3);
        Model m = new Model(in, new Linear(2).apply(in));
        assertEquals(Shape.of(-1, 2), m.outputs().get(0).shape());
        assertEquals(Shape.of(4, 2), m.predict(Tensor.zeros(4, 3)).shape());
    }
}
