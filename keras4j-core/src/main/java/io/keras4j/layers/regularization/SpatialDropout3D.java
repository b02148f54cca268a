package io.keras4j.layers.regularization;

import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;

import java.util.Map;

/** Drops whole feature maps of volumes in training (Keras's {@code SpatialDropout3D}). */
public final class SpatialDropout3D extends BaseSpatialDropout {
    private String dataFormat = "channels_last";

    public SpatialDropout3D(double rate) {
        super(rate);
        inputSpec = InputSpec.ndim(5);
    }

    public SpatialDropout3D dataFormat(String value) {
        this.dataFormat = standardizeDataFormat(value);
        return this;
    }

    /** From a Keras config: {@code rate}, {@code seed}, {@code data_format}; Keras 2's {@code noise_shape} only as None. */
    public static SpatialDropout3D fromConfig(Layers.Config c) {
        if (!c.has("rate")) throw new IllegalArgumentException("SpatialDropout3D.__init__() missing 1 required positional argument: 'rate'");
        SpatialDropout3D l = new SpatialDropout3D(c.number("rate", 0)).dataFormat(c.string("data_format", null));
        c.requireNull("noise_shape");
        if (c.raw("seed") != null) l.seed(c.integer("seed", 0));
        return l;
    }

    @Override Shape noiseShape(Shape s) {
        return dataFormat.equals("channels_first") ? Shape.of(s.dim(0), s.dim(1), 1, 1, 1) : Shape.of(s.dim(0), 1, 1, 1, s.dim(4));
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("data_format", dataFormat);
        return c;
    }
}
