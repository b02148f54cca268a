package io.keras4j.layers.reshaping;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** Every layer of the package comes back from its own Keras config unchanged, with the Keras 3 class name. */
class ConfigRoundTripTest {
    @Test void getConfigThenFromConfigIsTheSameLayer() {
        List<Layer> layers = List.of(new Permute(3, 1, 2), new RepeatVector(4), new Cropping1D().cropping(2, 1), new Cropping2D().cropping(new int[][] {{1, 2}, {3, 4}}).dataFormat("channels_first"),
                new Cropping3D().cropping(1, 2, 3), new UpSampling1D().size(3), new UpSampling2D().size(2, 3).interpolation("bilinear"),
                new UpSampling3D().size(1, 2, 3).dataFormat("channels_first"), new ZeroPadding1D().padding(0, 2).dataFormat("channels_first"),
                new ZeroPadding2D().padding(new int[][] {{1, 0}, {2, 3}}), new ZeroPadding3D().padding(1, 2, 3));
        for (Layer l : layers) {
            assertTrue(Layers.isRegistered(l.className()), l.className());
            Map<String, Object> config = l.getConfig();
            Layer back = Layers.fromConfig(l.className(), config);
            assertEquals(l.getClass(), back.getClass());
            assertEquals(config, back.getConfig(), l.className());
        }
    }
}
