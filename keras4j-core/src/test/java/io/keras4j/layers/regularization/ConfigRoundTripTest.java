package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every layer of the package comes back from its own Keras config unchanged, with the Keras 3 class name. */
class ConfigRoundTripTest {
    @Test void getConfigThenFromConfigIsTheSameLayer() {
        List<Layer> layers = List.of(new SpatialDropout1D(0.1).seed(3), new SpatialDropout2D(0.2).dataFormat("channels_first"), new SpatialDropout3D(0.3),
                new GaussianNoise(0.4), new GaussianNoise(0.4).seed(5), new GaussianDropout(0.5).seed(6), new AlphaDropout(0.1).noiseShape(-1, 1),
                new ActivityRegularization().l1(0.01).l2(0.02));
        for (Layer l : layers) {
            assertTrue(Layers.isRegistered(l.className()), l.className());
            Map<String, Object> config = l.getConfig();
            Layer back = Layers.fromConfig(l.className(), config);
            assertEquals(l.getClass(), back.getClass());
            assertEquals(config, back.getConfig(), l.className());
        }
    }
}
