package io.keras4j.layers;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.keras4j.autodiff.GradCheck;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.rnn.RecurrentCell;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every layer class {@link Layers} can load, checked three ways with a representative config:
 * (a) {@code computeOutputShape} agrees with what {@code call} returns; (b) float64 finite
 * differences agree with the tape's gradients w.r.t. the floating inputs and every trainable
 * weight; (c) the config survives JSON and {@code fromConfig}, and the rebuilt layer with the same
 * weights computes the same outputs. Further rows ({@code Class[label]}) repeat the checks with
 * non-default arguments where layers branch (padding, data format, merge modes, ...); shapes are
 * also checked with the batch size unknown. A registered class without a row here fails
 * {@link #everyRegisteredLayerHasARow}, so a new layer cannot skip these checks.
 */
class AllLayersTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** How a row's inputs are made and its layer is called. */
    enum Kind { FLOAT, INT, STRING, CELL, NOT_CALLABLE }

    /**
     * One layer under test. {@code noGradient} says why the gradient check (b) does not apply
     * (null: it does); {@code intHigh} bounds integer inputs to [1, intHigh).
     */
    record Row(String name, String className, Map<String, Object> config, List<int[]> inputShapes, Kind kind, int intHigh, String noGradient) {
        Row(String className, Map<String, Object> config, List<int[]> inputShapes, Kind kind, int intHigh, String noGradient) {
            this(className, className, config, inputShapes, kind, intHigh, noGradient);
        }

        @Override public String toString() { return name; }
    }

    private static final Map<String, Row> ROWS = new LinkedHashMap<>();

    private static void row(String cls, Map<String, Object> config, int[]... shapes) { put(new Row(cls, config, List.of(shapes), Kind.FLOAT, 0, null)); }

    private static void put(Row r) {
        if (ROWS.put(r.name(), r) != null) throw new IllegalStateException("two rows named " + r.name());
    }

    /** A further config of a class already in the table, named {@code Class[label]}. */
    private static void variant(String label, String cls, Map<String, Object> config, int[]... shapes) {
        put(new Row(cls + "[" + label + "]", cls, config, List.of(shapes), Kind.FLOAT, 0, null));
    }

    /** A config in float64 (so that finite differences are accurate), from alternating keys and values. */
    private static Map<String, Object> cfg(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("dtype", "float64");
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** A serialised nested layer, as wrappers hold them. */
    private static Map<String, Object> nested(String cls, Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", cls);
        m.put("config", cfg(kv));
        return m;
    }

    private static int[] s(int... d) { return d; }

    /** A serialised RandomUniform initializer. */
    private static Map<String, Object> uniform(double lo, double hi) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("minval", lo);
        c.put("maxval", hi);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "RandomUniform");
        m.put("config", c);
        return m;
    }

    private static List<Object> l(Object... v) { return Arrays.asList(v); }

    static {
        put(new Row("InputLayer", cfg("batch_shape", l(null, 3)), List.of(), Kind.NOT_CALLABLE, 0, "an input layer is not called on tensors"));
        row("Dense", cfg("units", 3, "bias_initializer", "random_normal"), s(2, 4));
        row("EinsumDense", cfg("equation", "abc,cde->abde", "output_shape", l(null, 2, 3), "bias_axes", "de",
                "bias_initializer", "random_normal", "activation", "tanh"), s(2, 3, 4));
        row("Activation", cfg("activation", "tanh"), s(2, 3));
        row("Dropout", cfg("rate", 0.5), s(2, 3));
        row("Flatten", cfg(), s(2, 3, 2));
        row("Reshape", cfg("target_shape", l(3, 2)), s(2, 6));
        row("Masking", cfg("mask_value", 0.0), s(2, 3, 2));
        row("Attention", cfg("use_scale", true), s(2, 3, 4), s(2, 5, 4));
        row("AdditiveAttention", cfg(), s(2, 3, 4), s(2, 5, 4));
        row("MultiHeadAttention", cfg("num_heads", 2, "key_dim", 3, "bias_initializer", "random_normal"), s(2, 3, 4), s(2, 5, 4));
        row("Permute", cfg("dims", l(2, 1)), s(2, 3, 4));
        row("RepeatVector", cfg("n", 3), s(2, 4));
        row("Cropping1D", cfg("cropping", l(1, 1)), s(2, 5, 3));
        row("Cropping2D", cfg("cropping", l(l(1, 0), l(0, 1))), s(2, 4, 4, 2));
        row("Cropping3D", cfg("cropping", l(l(1, 0), l(0, 1), l(1, 1))), s(2, 3, 3, 4, 2));
        row("UpSampling1D", cfg("size", 2), s(2, 3, 2));
        row("UpSampling2D", cfg("size", l(2, 2)), s(2, 2, 3, 2));
        row("UpSampling3D", cfg("size", l(2, 1, 2)), s(2, 2, 2, 2, 1));
        row("ZeroPadding1D", cfg("padding", 1), s(2, 3, 2));
        row("ZeroPadding2D", cfg("padding", l(l(1, 0), l(0, 1))), s(2, 2, 3, 2));
        row("ZeroPadding3D", cfg("padding", 1), s(2, 2, 2, 2, 1));
        row("ReLU", cfg(), s(2, 6));
        row("LeakyReLU", cfg("negative_slope", 0.2), s(2, 6));
        row("PReLU", cfg("alpha_initializer", "random_normal"), s(2, 6));
        row("ELU", cfg(), s(2, 6));
        row("ThresholdedReLU", cfg("theta", 0.5), s(2, 6));
        row("Softmax", cfg(), s(2, 5));
        row("SpatialDropout1D", cfg("rate", 0.3), s(2, 3, 4));
        row("SpatialDropout2D", cfg("rate", 0.3), s(2, 3, 3, 2));
        row("SpatialDropout3D", cfg("rate", 0.3), s(1, 2, 2, 2, 2));
        row("GaussianNoise", cfg("stddev", 0.1), s(2, 3));
        row("GaussianDropout", cfg("rate", 0.2), s(2, 3));
        row("AlphaDropout", cfg("rate", 0.2), s(2, 3));
        row("ActivityRegularization", cfg("l1", 0.01), s(2, 3));
        row("Conv1DTranspose", cfg("filters", 2, "kernel_size", 3, "strides", 2, "bias_initializer", "random_normal"), s(2, 4, 3));
        row("Conv2DTranspose", cfg("filters", 2, "kernel_size", l(2, 2), "strides", l(2, 1), "bias_initializer", "random_normal"), s(2, 3, 3, 2));
        row("Conv3DTranspose", cfg("filters", 2, "kernel_size", 2, "bias_initializer", "random_normal"), s(1, 2, 2, 2, 2));
        row("DepthwiseConv1D", cfg("kernel_size", 2, "depth_multiplier", 2, "bias_initializer", "random_normal"), s(2, 4, 3));
        row("DepthwiseConv2D", cfg("kernel_size", 2, "bias_initializer", "random_normal"), s(2, 3, 3, 2));
        row("SeparableConv1D", cfg("filters", 3, "kernel_size", 2, "bias_initializer", "random_normal"), s(2, 4, 2));
        row("SeparableConv2D", cfg("filters", 3, "kernel_size", 2, "bias_initializer", "random_normal"), s(2, 3, 3, 2));
        for (String merge : List.of("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum")) row(merge, cfg(), s(2, 3), s(2, 3));
        row("Concatenate", cfg("axis", -1), s(2, 3), s(2, 2));
        row("Dot", cfg("axes", 1), s(2, 3), s(2, 3));
        for (String cell : List.of("SimpleRNNCell", "LSTMCell", "GRUCell")) {
            put(new Row(cell, cfg("units", 3, "bias_initializer", "random_normal"), List.of(s(2, 4)), Kind.CELL, 0, null));
        }
        row("SimpleRNN", cfg("units", 3, "bias_initializer", "random_normal"), s(2, 4, 2));
        row("LSTM", cfg("units", 3, "bias_initializer", "random_normal"), s(2, 4, 2));
        row("GRU", cfg("units", 3, "return_sequences", true, "bias_initializer", "random_normal"), s(2, 4, 2));
        row("RNN", cfg("cell", nested("SimpleRNNCell", "units", 3), "return_sequences", true), s(2, 3, 2));
        row("Bidirectional", cfg("layer", nested("LSTM", "units", 2)), s(2, 3, 2));
        row("TimeDistributed", cfg("layer", nested("Dense", "units", 2)), s(2, 3, 4));
        row("Conv1D", cfg("filters", 2, "kernel_size", 2, "bias_initializer", "random_normal"), s(2, 4, 3));
        row("Conv2D", cfg("filters", 2, "kernel_size", 2, "bias_initializer", "random_normal"), s(2, 3, 3, 2));
        row("Conv3D", cfg("filters", 2, "kernel_size", 2, "bias_initializer", "random_normal"), s(1, 3, 3, 3, 1));
        row("MaxPooling1D", cfg("pool_size", 2), s(2, 4, 3));
        row("MaxPooling2D", cfg("pool_size", l(2, 2)), s(2, 4, 4, 2));
        row("MaxPooling3D", cfg("pool_size", l(2, 2, 2)), s(1, 2, 2, 4, 2));
        row("AveragePooling1D", cfg("pool_size", 2), s(2, 4, 3));
        row("AveragePooling2D", cfg("pool_size", l(2, 2)), s(2, 4, 4, 2));
        row("AveragePooling3D", cfg("pool_size", l(2, 2, 2)), s(1, 2, 2, 4, 2));
        row("GlobalMaxPooling1D", cfg(), s(2, 3, 4));
        row("GlobalMaxPooling2D", cfg(), s(2, 3, 3, 2));
        row("GlobalMaxPooling3D", cfg(), s(1, 2, 2, 2, 2));
        row("GlobalAveragePooling1D", cfg(), s(2, 3, 4));
        row("GlobalAveragePooling2D", cfg(), s(2, 3, 3, 2));
        row("GlobalAveragePooling3D", cfg(), s(1, 2, 2, 2, 2));
        row("BatchNormalization", cfg("beta_initializer", "random_normal", "gamma_initializer", "random_normal",
                "moving_mean_initializer", "random_normal", "moving_variance_initializer", uniform(0.5, 1.5)), s(4, 3));
        row("LayerNormalization", cfg("beta_initializer", "random_normal", "gamma_initializer", "random_normal"), s(2, 4));
        row("GroupNormalization", cfg("groups", 2, "beta_initializer", "random_normal", "gamma_initializer", "random_normal"), s(2, 3, 4));
        row("UnitNormalization", cfg(), s(2, 4));
        put(new Row("Embedding", cfg("input_dim", 5, "output_dim", 3), List.of(s(2, 3)), Kind.INT, 5, null));
        row("Rescaling", cfg("scale", 0.5, "offset", 0.1), s(2, 3));
        row("Normalization", cfg("mean", 0.5, "variance", 2.0), s(2, 3));
        put(new Row("CategoryEncoding", cfg("num_tokens", 4, "output_mode", "multi_hot"), List.of(s(2, 3)), Kind.INT, 4,
                "integer inputs and no weights"));
        put(new Row("Discretization", cfg("bin_boundaries", l(0.0, 0.5)), List.of(s(2, 3)), Kind.FLOAT, 0,
                "piecewise constant: its gradient is zero almost everywhere"));
        put(new Row("Hashing", cfg("num_bins", 4), List.of(s(2, 3)), Kind.INT, 9, "integer inputs and no weights"));
        put(new Row("IntegerLookup", cfg("vocabulary", l(1, 2, 3)), List.of(s(2, 3)), Kind.INT, 5, "integer inputs and no weights"));
        put(new Row("StringLookup", cfg("vocabulary", l("a", "b", "c")), List.of(s(2, 3)), Kind.STRING, 0, "string inputs"));
        put(new Row("TextVectorization", cfg("vocabulary", l("a", "b"), "output_sequence_length", 4), List.of(s(2)), Kind.STRING, 0, "string inputs"));
        put(new Row("Resizing", cfg("height", 2, "width", 2), List.of(s(1, 3, 3, 2)), Kind.FLOAT, 0,
                "preprocessing layer computed outside the gradient tape"));
        put(new Row("CenterCrop", cfg("height", 2, "width", 2), List.of(s(1, 3, 3, 2)), Kind.FLOAT, 0,
                "preprocessing layer computed outside the gradient tape"));
        put(new Row("RandomCrop", cfg("height", 2, "width", 2), List.of(s(1, 3, 3, 2)), Kind.FLOAT, 0,
                "preprocessing layer computed outside the gradient tape"));
        row("RandomFlip", cfg(), s(1, 3, 3, 2));
        row("RandomRotation", cfg("factor", 0.1), s(1, 3, 3, 2));
        row("RandomZoom", cfg("height_factor", 0.1), s(1, 3, 3, 2));
        row("RandomTranslation", cfg("height_factor", 0.1, "width_factor", 0.1), s(1, 3, 3, 2));
        row("RandomContrast", cfg("factor", 0.1), s(1, 3, 3, 2));
        row("RandomBrightness", cfg("factor", 0.1), s(1, 3, 3, 2));

        // Non-default arguments, where layers branch.
        variant("same,channels_first", "Conv2D", cfg("filters", 2, "kernel_size", 3, "padding", "same", "data_format", "channels_first",
                "bias_initializer", "random_normal"), s(2, 2, 4, 4));
        variant("strided", "Conv2D", cfg("filters", 2, "kernel_size", 2, "strides", 2, "bias_initializer", "random_normal"), s(1, 5, 5, 2));
        variant("dilated", "Conv2D", cfg("filters", 2, "kernel_size", 2, "dilation_rate", 2), s(1, 5, 5, 2));
        variant("causal,dilated", "Conv1D", cfg("filters", 2, "kernel_size", 2, "padding", "causal", "dilation_rate", 2), s(2, 5, 3));
        variant("groups", "Conv1D", cfg("filters", 4, "kernel_size", 2, "groups", 2), s(2, 4, 4));
        variant("same", "Conv3D", cfg("filters", 2, "kernel_size", 2, "padding", "same", "strides", 2), s(1, 3, 3, 3, 1));
        variant("same", "Conv2DTranspose", cfg("filters", 2, "kernel_size", 3, "strides", 2, "padding", "same"), s(1, 3, 3, 2));
        variant("channels_first", "Conv1DTranspose", cfg("filters", 2, "kernel_size", 2, "data_format", "channels_first"), s(2, 3, 4));
        variant("same,channels_first", "DepthwiseConv2D", cfg("kernel_size", 2, "padding", "same", "data_format", "channels_first",
                "depth_multiplier", 2), s(1, 2, 3, 3));
        variant("same,strided", "SeparableConv1D", cfg("filters", 2, "kernel_size", 3, "strides", 2, "padding", "same"), s(2, 5, 2));
        variant("dilated", "SeparableConv2D", cfg("filters", 2, "kernel_size", 2, "dilation_rate", 2, "depth_multiplier", 2), s(1, 4, 4, 2));
        variant("same,strided", "MaxPooling2D", cfg("pool_size", l(3, 3), "strides", l(2, 2), "padding", "same"), s(2, 5, 5, 2));
        variant("same", "AveragePooling1D", cfg("pool_size", 3, "strides", 2, "padding", "same"), s(2, 5, 3));
        variant("same,channels_first", "AveragePooling2D", cfg("pool_size", l(2, 2), "padding", "same", "data_format", "channels_first"), s(1, 2, 3, 3));
        variant("same", "MaxPooling1D", cfg("pool_size", 2, "padding", "same"), s(2, 5, 3));
        variant("keepdims,channels_first", "GlobalAveragePooling2D", cfg("keepdims", true, "data_format", "channels_first"), s(2, 3, 3, 2));
        variant("keepdims", "GlobalMaxPooling1D", cfg("keepdims", true), s(2, 3, 4));
        variant("backwards,states", "LSTM", cfg("units", 2, "go_backwards", true, "return_state", true, "return_sequences", true,
                "bias_initializer", "random_normal"), s(2, 3, 2));
        variant("reset_before", "GRU", cfg("units", 2, "reset_after", false, "bias_initializer", "random_normal"), s(2, 3, 2));
        variant("backwards", "SimpleRNN", cfg("units", 2, "go_backwards", true, "return_sequences", true, "activation", "relu",
                "bias_initializer", "random_normal"), s(2, 3, 2));
        variant("unroll", "GRU", cfg("units", 2, "unroll", true, "bias_initializer", "random_normal"), s(2, 3, 2));
        variant("sum", "Bidirectional", cfg("layer", nested("GRU", "units", 2, "return_sequences", true), "merge_mode", "sum"), s(2, 3, 2));
        variant("mul", "Bidirectional", cfg("layer", nested("SimpleRNN", "units", 2), "merge_mode", "mul"), s(2, 3, 2));
        variant("ave", "Bidirectional", cfg("layer", nested("LSTM", "units", 2), "merge_mode", "ave"), s(2, 3, 2));
        variant("concat", "Attention", cfg("score_mode", "concat", "use_scale", true), s(2, 3, 4), s(2, 5, 4));
        variant("self", "Attention", cfg("use_scale", true), s(2, 3, 4), s(2, 3, 4));
        variant("no_scale", "AdditiveAttention", cfg("use_scale", false), s(2, 3, 4), s(2, 5, 4), s(2, 5, 4));
        variant("axes,value_dim,output_shape", "MultiHeadAttention", cfg("num_heads", 2, "key_dim", 2, "value_dim", 3,
                "attention_axes", l(2), "output_shape", l(5), "bias_initializer", "random_normal"), s(1, 2, 3, 4), s(1, 2, 4, 4));
        variant("no_bias,self", "MultiHeadAttention", cfg("num_heads", 1, "key_dim", 2, "use_bias", false), s(2, 3, 4), s(2, 3, 4));
        variant("normalize,3d", "Dot", cfg("axes", l(2, 2), "normalize", true), s(2, 3, 4), s(2, 5, 4));
        variant("batch_axes", "Dot", cfg("axes", l(1, 1)), s(2, 3, 4), s(2, 3, 5));
        variant("axis1", "Concatenate", cfg("axis", 1), s(2, 3, 4), s(2, 2, 4));
        variant("broadcast", "Add", cfg(), s(2, 3, 4), s(2, 1, 4));
        variant("axis1,no_center", "BatchNormalization", cfg("axis", 1, "center", false, "gamma_initializer", "random_normal",
                "moving_variance_initializer", uniform(0.5, 1.5)), s(3, 2, 4));
        variant("axes,rms", "LayerNormalization", cfg("axis", l(1, 2), "rms_scaling", true, "gamma_initializer", "random_normal"), s(2, 3, 4));
        variant("no_scale", "LayerNormalization", cfg("scale", false, "beta_initializer", "random_normal"), s(2, 3, 4));
        variant("instance", "GroupNormalization", cfg("groups", -1, "beta_initializer", "random_normal"), s(2, 3, 4));
        variant("axis1", "UnitNormalization", cfg("axis", l(1)), s(2, 3, 4));
        variant("axis1", "Softmax", cfg("axis", 1), s(2, 3, 4));
        variant("max,threshold", "ReLU", cfg("max_value", 0.6, "threshold", 0.3, "negative_slope", 0.1), s(2, 6));
        variant("alpha", "ELU", cfg("alpha", 0.5), s(2, 6));
        variant("shared_axes", "PReLU", cfg("shared_axes", l(1), "alpha_initializer", "random_normal"), s(2, 3, 4));
        variant("channels_first", "Flatten", cfg("data_format", "channels_first"), s(2, 3, 2, 2));
        variant("rank4", "Permute", cfg("dims", l(3, 1, 2)), s(2, 3, 4, 2));
        variant("channels_first", "Cropping2D", cfg("cropping", l(l(1, 0), l(0, 1)), "data_format", "channels_first"), s(2, 2, 4, 4));
        variant("bilinear", "UpSampling2D", cfg("size", l(2, 2), "interpolation", "bilinear"), s(1, 2, 3, 2));
        variant("channels_first", "ZeroPadding2D", cfg("padding", l(l(1, 0), l(0, 1)), "data_format", "channels_first"), s(2, 2, 2, 3));
        variant("unknown_dim", "Reshape", cfg("target_shape", l(-1, 2)), s(2, 6));
        variant("backwards_gru_cell", "RNN", cfg("cell", nested("GRUCell", "units", 2), "go_backwards", true), s(2, 3, 2));
        variant("sigmoid,no_bias", "Dense", cfg("units", 2, "activation", "sigmoid", "use_bias", false), s(2, 3, 4));
        variant("conv", "TimeDistributed", cfg("layer", nested("Conv1D", "filters", 2, "kernel_size", 2)), s(2, 3, 4, 2));
    }

    @Test void everyRegisteredLayerHasARow() {
        TreeSet<String> covered = new TreeSet<>();
        for (Row r : ROWS.values()) covered.add(r.className());
        TreeSet<String> missing = new TreeSet<>(Layers.names());
        missing.removeAll(covered);
        assertTrue(missing.isEmpty(), () -> "registered layers without a row in AllLayersTest: " + missing);
        TreeSet<String> stale = new TreeSet<>(covered);
        stale.removeAll(Layers.names());
        assertTrue(stale.isEmpty(), () -> "rows for classes Layers does not register: " + stale);
    }

    @TestFactory Stream<DynamicTest> outputShapes() {
        return callable().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Layer layer = make(r);
            List<Tensor> out = call(layer, r, inputs(r));
            List<Shape> in = new ArrayList<>();
            for (int[] d : r.inputShapes()) in.add(Shape.of(d));
            List<Shape> expected = layer.computeOutputShapes(in);
            assertEquals(expected.size(), out.size(), "number of outputs");
            for (int i = 0; i < out.size(); i++) assertEquals(expected.get(i), out.get(i).shape(), "output " + i);
            // A symbolic input (Functional API) has no batch size: the rest must not change.
            List<Shape> unknownBatch = new ArrayList<>();
            for (Shape sh : in) unknownBatch.add(sh.withDim(0, Shape.UNKNOWN));
            List<Shape> symbolic = layer.computeOutputShapes(unknownBatch);
            for (int i = 0; i < out.size(); i++) {
                assertEquals(out.get(i).shape().withDim(0, Shape.UNKNOWN), symbolic.get(i), "output " + i + " for batch None");
            }
        }));
    }

    @TestFactory Stream<DynamicTest> gradients() {
        return callable().filter(r -> r.noGradient() == null).map(r -> DynamicTest.dynamicTest(r.name(), () -> checkGradients(r, false)));
    }

    /**
     * Layers whose training call is deterministic but differs from inference, checked in
     * training mode too (BatchNormalization then normalises with the batch's own moments).
     */
    @TestFactory Stream<DynamicTest> trainingGradients() {
        return Stream.of("BatchNormalization", "Normalization", "LayerNormalization", "GroupNormalization")
                .map(ROWS::get).map(r -> DynamicTest.dynamicTest(r.name(), () -> checkGradients(r, true)));
    }

    private static void checkGradients(Row r, boolean training) {
        Layer layer = make(r);
        List<Tensor> inputs = inputs(r);
        call(layer, r, inputs, training); // builds
        List<Variable> vars = layer.trainableWeights();
        List<Tensor> originals = new ArrayList<>();
        for (Variable v : vars) originals.add(v.numpy());
        List<Integer> floating = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) if (inputs.get(i).dtype().isFloating()) floating.add(i);
        List<Tensor> checked = new ArrayList<>();
        for (int i : floating) checked.add(inputs.get(i));
        // The weights are checked through their live tensors, which the tape follows; a
        // perturbed copy from the finite differences is assigned in before the call.
        for (Variable v : vars) checked.add(v.peek());
        Function<List<Tensor>, Tensor> f = args -> {
            for (int k = 0; k < vars.size(); k++) {
                Tensor a = args.get(floating.size() + k);
                vars.get(k).assign(a == vars.get(k).peek() ? originals.get(k) : a);
            }
            List<Tensor> in = new ArrayList<>(inputs);
            for (int j = 0; j < floating.size(); j++) in.set(floating.get(j), args.get(j));
            return call(layer, r, in, training).get(0);
        };
        assertTrue(!checked.isEmpty(), "nothing to check: give the row a reason instead");
        try {
            assertGradientsMatch(f, checked.toArray(Tensor[]::new));
        } finally {
            for (int k = 0; k < vars.size(); k++) vars.get(k).assign(originals.get(k));
        }
    }

    @TestFactory Stream<DynamicTest> configRoundTrips() {
        return ROWS.values().stream().map(r -> DynamicTest.dynamicTest(r.name(), () -> {
            Layer layer = make(r);
            List<Tensor> inputs = r.kind() == Kind.NOT_CALLABLE ? List.of() : inputs(r);
            List<Tensor> out = r.kind() == Kind.NOT_CALLABLE ? List.of() : call(layer, r, inputs);
            Map<String, Object> config = layer.getConfig();
            // Through JSON text, as a file carries it: arrays, numbers and nested maps as Keras writes them.
            String json = JSON.writeValueAsString(config);
            Map<String, Object> read = JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
            Layer copy = Layers.fromConfig(r.className(), read);
            assertEquals(json, JSON.writeValueAsString(copy.getConfig()), "config after fromConfig(getConfig())");
            if (r.kind() == Kind.NOT_CALLABLE) return;
            List<Shape> shapes = new ArrayList<>();
            for (Tensor t : inputs) shapes.add(t.shape());
            if (r.kind() == Kind.CELL) copy.ensureBuilt(shapes.get(0));
            else copy.ensureBuiltAll(shapes);
            copy.setWeights(layer.getWeights());
            List<Tensor> again = call(copy, r, inputs);
            assertEquals(out.size(), again.size());
            for (int i = 0; i < out.size(); i++) {
                assertEquals(out.get(i).shape(), again.get(i).shape());
                if (out.get(i).dtype().isFloating()) assertArrayEquals(out.get(i).toDoubleArray(), again.get(i).toDoubleArray(), "output " + i);
                else assertEquals(out.get(i).toString(), again.get(i).toString(), "output " + i);
            }
        }));
    }

    // ---------------------------------------------------------------- helpers

    /**
     * GradCheck's comparison, except that an argument's error is relative to at least a
     * thousandth of the largest gradient of any argument: some weights have a gradient that is
     * zero in exact arithmetic (MultiHeadAttention's key bias shifts every score of a query
     * alike, which softmax ignores), and relative to itself its rounding noise would fail.
     */
    private static void assertGradientsMatch(Function<List<Tensor>, Tensor> f, Tensor... args) {
        List<double[]> analytic = GradCheck.analytic(f, args);
        List<double[]> numeric = GradCheck.numeric(GradCheck.STEP, f, args);
        double global = 0;
        for (double[] g : numeric) for (double v : g) global = Math.max(global, Math.abs(v));
        assertTrue(global > 0, "numeric gradient is zero everywhere: the check would be vacuous");
        for (int i = 0; i < args.length; i++) {
            double diff = 0, scale = 1e-3 * global;
            for (int k = 0; k < analytic.get(i).length; k++) {
                diff = Math.max(diff, Math.abs(analytic.get(i)[k] - numeric.get(i)[k]));
                scale = Math.max(scale, Math.max(Math.abs(analytic.get(i)[k]), Math.abs(numeric.get(i)[k])));
            }
            double err = diff / scale;
            int arg = i;
            assertTrue(err < GradCheck.TOLERANCE, () -> "argument " + arg + ": relative error " + err
                    + "\n analytic " + Arrays.toString(analytic.get(arg)) + "\n numeric  " + Arrays.toString(numeric.get(arg)));
        }
    }

    private static Stream<Row> callable() { return ROWS.values().stream().filter(r -> r.kind() != Kind.NOT_CALLABLE); }

    private static Layer make(Row r) {
        Layer.clearSession();
        return Layers.fromConfig(r.className(), r.config());
    }

    private static List<Tensor> inputs(Row r) {
        List<Tensor> out = new ArrayList<>();
        long seed = r.className().hashCode();
        for (int[] shape : r.inputShapes()) {
            seed++;
            int n = Shape.of(shape).size();
            switch (r.kind()) {
                case INT -> {
                    java.util.Random rnd = new java.util.Random(seed);
                    int[] v = new int[n];
                    for (int i = 0; i < n; i++) v[i] = 1 + rnd.nextInt(r.intHigh() - 1);
                    out.add(Tensor.ofInts(v, shape));
                }
                case STRING -> {
                    String[] words = {"a", "b", "c", "d", "a b", "c d a"};
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) v[i] = words[(int) ((seed + i) % words.length)];
                    out.add(Tensor.ofStrings(v, shape));
                }
                // Away from zero: ReLU-like kinks at 0 would spoil central differences.
                default -> out.add(GradCheck.awayFromZero(seed, 0.2, 1.0, shape));
            }
        }
        return out;
    }

    private static List<Tensor> call(Layer layer, Row r, List<Tensor> inputs) { return call(layer, r, inputs, false); }

    private static List<Tensor> call(Layer layer, Row r, List<Tensor> inputs, boolean training) {
        if (r.kind() == Kind.CELL) {
            RecurrentCell cell = (RecurrentCell) layer;
            Tensor x = inputs.get(0);
            List<Tensor> states = new ArrayList<>();
            // Non-zero states, so that the recurrent kernel's gradient is not zero.
            int k = 0;
            for (Tensor z : cell.getInitialState(x.shape().dim(0))) {
                states.add(GradCheck.awayFromZero(77 + k++, 0.2, 1.0, z.shape().dims()));
            }
            return List.of(cell.call(x, states, training).get(0));
        }
        return layer.applyAll(inputs, training);
    }
}
