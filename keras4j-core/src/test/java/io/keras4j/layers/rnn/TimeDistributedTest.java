package io.keras4j.layers.rnn;

import io.keras4j.autodiff.GradCheck;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Dense;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class TimeDistributedTest {
    @BeforeEach void reset() { Layer.clearSession(); }

    @Test void appliesTheSameDenseToEveryStep() {
        TimeDistributed td = new TimeDistributed(new Dense(2)).dtype(DType.FLOAT64);
        td.ensureBuilt(Shape.of(-1, 3, 2));
        // kernel [[1, 2], [3, 4]], bias [0.5, -0.5]
        td.setWeights(List.of(Tensor.of(new double[] {1, 2, 3, 4}, 2, 2), Tensor.of(new double[] {0.5, -0.5}, 2)));
        Tensor x = Tensor.of(new double[] {1, 0, 0, 1, 1, 1}, 1, 3, 2);
        Tensor y = td.apply(x);
        assertEquals(Shape.of(1, 3, 2), y.shape());
        // steps: [1,0]→[1.5,1.5]; [0,1]→[3.5,3.5]; [1,1]→[4.5,5.5]
        assertArrayEquals(new double[] {1.5, 1.5, 3.5, 3.5, 4.5, 5.5}, y.toDoubleArray(), 1e-12);
        assertEquals(Shape.of(-1, 3, 2), td.computeOutputShape(Shape.of(-1, 3, 2)));
        assertEquals(2, td.weights().size());
    }

    @Test void refusesInputsWithoutATimeAxis() {
        TimeDistributed td = new TimeDistributed(new Dense(2));
        assertThrows(IllegalArgumentException.class, () -> td.ensureBuilt(Shape.of(-1, 2)));
    }

    @Test void gradientAndConfig() {
        TimeDistributed td = new TimeDistributed(new Dense(3, "tanh")).dtype(DType.FLOAT64);
        Tensor x = ReferenceRnn.tensor(ReferenceRnn.sequence(new java.util.SplittableRandom(1), 2, 3, 2));
        td.ensureBuilt(x.shape());
        GradCheck.check(in -> td.apply(in.get(0)), x);
        ReferenceRnn.checkWeightGradients(td, x);
        Map<String, Object> c = td.getConfig();
        assertEquals("Dense", ((Map<?, ?>) c.get("layer")).get("class_name"));
        TimeDistributed back = (TimeDistributed) Layers.fromConfig("TimeDistributed", c);
        assertTrue(back.layer() instanceof Dense);
    }

    @Test void wrappersFreezeAndReportTheLossesOfTheLayersInside() {
        Dense inner = new Dense(2).kernelInitializer("ones").activityRegularizer(new io.keras4j.regularizers.L1(1.0));
        TimeDistributed td = new TimeDistributed(inner);
        Tensor y = td.apply(Tensor.ones(1, 3, 2));
        // each step: [2, 2]; L1 over the (3, 2) output of the folded batch of 3 = 12, divided by that batch → 4
        assertEquals(1, td.losses().size());
        assertEquals(4.0, td.losses().get(0).item(), 1e-6);
        assertEquals(io.keras4j.tensor.Shape.of(1, 3, 2), y.shape());
        td.trainable(false);
        assertEquals(0, td.trainableWeights().size());
        assertEquals(2, td.nonTrainableWeights().size());
        Bidirectional bi = new Bidirectional(new LSTM(2));
        bi.ensureBuilt(io.keras4j.tensor.Shape.of(-1, 3, 2));
        bi.trainable(false);
        assertEquals(0, bi.trainableWeights().size());
        assertEquals(6, bi.nonTrainableWeights().size());
    }
}
