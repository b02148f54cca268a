package io.keras4j.layers.regularization;

import io.keras4j.layers.Layer;
import io.keras4j.ops.Ops;
import io.keras4j.random.Random;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Dropout of whole feature maps (Keras's {@code BaseSpatialDropout}): one keep/drop decision per
 * sample and channel, shared over the spatial axes, kept values scaled by 1/(1-rate).
 */
public abstract class BaseSpatialDropout extends Layer {
    private final double rate;
    private Long seed;
    private SeedGenerator seeds = new SeedGenerator(null);

    BaseSpatialDropout(double rate) {
        if (!(rate >= 0 && rate < 1)) {
            throw new IllegalArgumentException("Invalid value received for argument `rate`. Expected a float value between 0 and 1 (1 excluded). Received: rate=" + rate);
        }
        this.rate = rate;
    }

    public double rate() { return rate; }

    /** The mask's shape for this input: the batch and channel axes, 1 elsewhere. */
    abstract Shape noiseShape(Shape inputShape);

    /** Sets the seed; returns this layer (cast by the caller's type). */
    @SuppressWarnings("unchecked")
    public <T extends BaseSpatialDropout> T seed(long value) {
        this.seed = value;
        this.seeds = new SeedGenerator(value);
        return (T) this;
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        if (!training || rate == 0) return inputs;
        Shape maskShape = noiseShape(inputs.shape());
        float[] keep = Random.keepMask(maskShape.size(), rate, (float) (1.0 / (1.0 - rate)), seeds.next());
        Tensor mask = Ops.cast(Tensor.wrap(keep, maskShape), inputs.dtype() == DType.FLOAT64 ? DType.FLOAT64 : DType.FLOAT32);
        return Ops.multiply(inputs, mask);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape; }

    /** Keras writes only rate, seed, name and dtype here (no trainable): its constructor takes no more. */
    @Override public Map<String, Object> getConfig() {
        Map<String, Object> base = super.getConfig();
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("rate", rate);
        c.put("seed", seed);
        c.put("name", base.get("name"));
        c.put("dtype", base.get("dtype"));
        return c;
    }

    static String standardizeDataFormat(String value) {
        if (value == null) return "channels_last";
        if (!value.equals("channels_last") && !value.equals("channels_first")) {
            throw new IllegalArgumentException("The `data_format` argument must be one of {'channels_first', 'channels_last'}. Received: data_format=" + value);
        }
        return value;
    }
}
