package io.keras4j.layers.activations;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every layer of the package comes back from its own Keras config unchanged, with the Keras 3 class name. */
class ConfigRoundTripTest {
    @Test void getConfigThenFromConfigIsTheSameLayer() {
        List<Layer> layers = List.of(new ReLU().maxValue(6.0).negativeSlope(0.1).threshold(0.5), new ReLU(), new LeakyReLU().negativeSlope(0.2), new ELU().alpha(0.7),
                new ThresholdedReLU().theta(0.9), new Softmax().axis(1), new Softmax().axis(1, 2), new PReLU().alphaInitializer("ones").sharedAxes(1, 2));
        for (Layer l : layers) {
            assertTrue(Layers.isRegistered(l.className()), l.className());
            Map<String, Object> config = l.getConfig();
            Layer back = Layers.fromConfig(l.className(), config);
            assertEquals(l.getClass(), back.getClass());
            assertEquals(config, back.getConfig(), l.className());
        }
    }
}
