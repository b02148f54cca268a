package io.keras4j.layers.preprocessing;

import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code CategoryEncoding}: integer category ids in {@code [0, num_tokens)} to
 * {@code "one_hot"}, {@code "multi_hot"} (default) or {@code "count"} vectors of length
 * {@code num_tokens}, in the layer's dtype (float32). Not differentiable (its input is integers).
 */
public final class CategoryEncoding extends Layer {
    private final int numTokens;
    private String outputMode = "multi_hot";

    public CategoryEncoding(int numTokens) {
        if (numTokens < 1) throw new IllegalArgumentException("`num_tokens` must be >= 1. Received: num_tokens=" + numTokens + ".");
        this.numTokens = numTokens;
    }

    /** "one_hot", "multi_hot" (default) or "count"; Keras's old name "binary" means "multi_hot". */
    public CategoryEncoding outputMode(String mode) {
        checkNotBuilt();
        if ("binary".equals(mode)) mode = "multi_hot";
        if (!"count".equals(mode) && !"one_hot".equals(mode) && !"multi_hot".equals(mode)) {
            throw new IllegalArgumentException("Unknown arg for output_mode: " + mode);
        }
        outputMode = mode;
        return this;
    }

    public int numTokens() { return numTokens; }

    public String outputMode() { return outputMode; }

    public static CategoryEncoding fromConfig(Layers.Config c) {
        if (!c.has("num_tokens")) {
            c.raw("num_tokens");
            throw new IllegalArgumentException("num_tokens must be set to use this layer. If the number of tokens is not known beforehand, use the IntegerLookup layer instead.");
        }
        CategoryEncoding e = new CategoryEncoding(c.integer("num_tokens", 0)).outputMode(c.string("output_mode", "multi_hot"));
        if (c.bool("sparse", false)) throw new UnsupportedOperationException("CategoryEncoding: `sparse=True` is not supported. Received: sparse=True");
        return e;
    }

    @Override public Tensor call(Tensor inputs, boolean training) { return encode(inputs, null); }

    /** The call with Keras's {@code count_weights} (same shape as the inputs; "count" mode only). */
    public Tensor encode(Tensor inputs, Tensor countWeights) {
        double[] weights = null;
        if (countWeights != null) {
            if (!outputMode.equals("count")) {
                throw new IllegalArgumentException("`count_weights` is not used when `output_mode` is not `'count'`. Received `count_weights="
                        + countWeights + "`.");
            }
            if (!countWeights.shape().equals(inputs.shape())) {
                throw new IllegalArgumentException("`count_weights` must have the shape of the inputs " + inputs.shape() + ". Received: " + countWeights.shape());
            }
            weights = countWeights.toDoubleArray();
        }
        long[] ids = CategoricalInputs.longs(inputs);
        for (long id : ids) {
            if (id < 0 || id >= numTokens) {
                throw new IllegalArgumentException("Input values must be in the range 0 <= values < num_tokens with num_tokens=" + numTokens
                        + ". Received: value " + id);
            }
        }
        return CategoricalInputs.encode(ids, inputs.shape(), outputMode, numTokens, dtype(), weights, null);
    }

    @Override public Shape computeOutputShape(Shape inputShape) {
        if (inputShape.rank() == 0) return Shape.of(numTokens);
        if (outputMode.equals("one_hot") && inputShape.rank() == 1) return inputShape.append(numTokens);
        return CategoricalInputs.outputShape(inputShape, outputMode, numTokens);
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("num_tokens", numTokens);
        c.put("output_mode", outputMode);
        c.put("sparse", false);
        return c;
    }
}
