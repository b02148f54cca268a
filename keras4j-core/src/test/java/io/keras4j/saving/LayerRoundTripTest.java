package io.keras4j.saving;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.core.Input;
import io.keras4j.models.Model;
import io.keras4j.models.Models;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Every layer class registered in {@link Layers}, in a small Functional model, saved and loaded in
 * every format: the loaded model has the same config, the same weights and the same predictions.
 * The weights are set to random values first, so that a loader that left the fresh initial
 * weights in place would fail.
 */
class LayerRoundTripTest {

    /** A saving format: how to save, and how to get the model back. */
    enum Format {
        KERAS(".keras") {
            @Override Model roundTrip(Model m, Path file) {
                m.save(file);
                return Models.loadModel(file);
            }
        },
        WEIGHTS_H5(".weights.h5") {
            @Override Model roundTrip(Model m, Path file) {
                m.saveWeights(file);
                Model fresh = ModelConfigs.fromConfig(ModelConfigs.toConfig(m));
                fresh.loadWeights(file);
                return fresh;
            }
        },
        LEGACY_H5(".h5") {
            @Override Model roundTrip(Model m, Path file) {
                m.save(file);
                return Models.loadModel(file);
            }
        };

        final String suffix;

        Format(String suffix) { this.suffix = suffix; }

        abstract Model roundTrip(Model m, Path file);
    }

    /** One sample per layer class: its config and the input shapes (without batch) it is called on. */
    private record Sample(Map<String, Object> config, List<int[]> inputs, DType dtype) {}

    private static final Map<String, Sample> SAMPLES = new LinkedHashMap<>();

    private static void sample(String cls, Map<String, Object> config, int[]... inputs) { SAMPLES.put(cls, new Sample(config, List.of(inputs), DType.FLOAT32)); }

    private static Map<String, Object> nested(String cls, Map<String, Object> config) { return Map.of("class_name", cls, "config", config); }

    static {
        int[] vec = {4}, seq = {5, 3}, img = {5, 5, 2}, vol = {4, 4, 4, 2};
        sample("Dense", Map.of("units", 3, "activation", "relu"), vec);
        sample("EinsumDense", Map.of("equation", "ab,bc->ac", "output_shape", List.of(3), "bias_axes", "c"), vec);
        sample("Activation", Map.of("activation", "tanh"), vec);
        sample("Dropout", Map.of("rate", 0.5), vec);
        sample("Flatten", Map.of(), img);
        sample("Reshape", Map.of("target_shape", List.of(2, 2)), vec);
        sample("Masking", Map.of(), seq);
        sample("Attention", Map.of(), seq, seq);
        sample("AdditiveAttention", Map.of(), seq, seq);
        sample("MultiHeadAttention", Map.of("num_heads", 2, "key_dim", 2), seq, seq);
        sample("Permute", Map.of("dims", List.of(2, 1)), seq);
        sample("RepeatVector", Map.of("n", 2), vec);
        sample("Cropping1D", Map.of(), seq);
        sample("Cropping2D", Map.of("cropping", List.of(List.of(1, 1), List.of(1, 1))), img);
        sample("Cropping3D", Map.of(), vol);
        sample("UpSampling1D", Map.of(), seq);
        sample("UpSampling2D", Map.of(), img);
        sample("UpSampling3D", Map.of(), vol);
        sample("ZeroPadding1D", Map.of(), seq);
        sample("ZeroPadding2D", Map.of(), img);
        sample("ZeroPadding3D", Map.of(), vol);
        sample("ReLU", Map.of(), vec);
        sample("LeakyReLU", Map.of(), vec);
        sample("PReLU", Map.of(), vec);
        sample("ELU", Map.of(), vec);
        sample("ThresholdedReLU", Map.of(), vec);
        sample("Softmax", Map.of(), vec);
        sample("SpatialDropout1D", Map.of("rate", 0.5), seq);
        sample("SpatialDropout2D", Map.of("rate", 0.5), img);
        sample("SpatialDropout3D", Map.of("rate", 0.5), vol);
        sample("GaussianNoise", Map.of("stddev", 0.1), vec);
        sample("GaussianDropout", Map.of("rate", 0.1), vec);
        sample("AlphaDropout", Map.of("rate", 0.1), vec);
        sample("ActivityRegularization", Map.of("l2", 0.01), vec);
        sample("Conv1DTranspose", Map.of("filters", 2, "kernel_size", 2), seq);
        sample("Conv2DTranspose", Map.of("filters", 2, "kernel_size", 2), img);
        sample("Conv3DTranspose", Map.of("filters", 2, "kernel_size", 2), vol);
        sample("DepthwiseConv1D", Map.of("kernel_size", 2), seq);
        sample("DepthwiseConv2D", Map.of("kernel_size", 2), img);
        sample("SeparableConv1D", Map.of("filters", 2, "kernel_size", 2), seq);
        sample("SeparableConv2D", Map.of("filters", 2, "kernel_size", 2), img);
        for (String merge : List.of("Add", "Subtract", "Multiply", "Average", "Maximum", "Minimum", "Concatenate")) sample(merge, Map.of(), vec, vec);
        sample("Dot", Map.of("axes", 1), vec, vec);
        sample("SimpleRNNCell", Map.of("units", 3), seq); // used through RNN, see model()
        sample("LSTMCell", Map.of("units", 3), seq);
        sample("GRUCell", Map.of("units", 3), seq);
        sample("SimpleRNN", Map.of("units", 3), seq);
        sample("LSTM", Map.of("units", 3, "return_sequences", true), seq);
        sample("GRU", Map.of("units", 3), seq);
        sample("RNN", Map.of("cell", nested("LSTMCell", Map.of("units", 3))), seq);
        sample("Bidirectional", Map.of("layer", nested("LSTM", Map.of("units", 3))), seq);
        sample("TimeDistributed", Map.of("layer", nested("Dense", Map.of("units", 3))), seq);
        sample("Conv1D", Map.of("filters", 2, "kernel_size", 2), seq);
        sample("Conv2D", Map.of("filters", 2, "kernel_size", 2), img);
        sample("Conv3D", Map.of("filters", 2, "kernel_size", 2), vol);
        for (String dim : List.of("1D", "2D", "3D")) {
            int[] in = dim.equals("1D") ? seq : dim.equals("2D") ? img : vol;
            for (String kind : List.of("MaxPooling", "AveragePooling", "GlobalMaxPooling", "GlobalAveragePooling")) sample(kind + dim, Map.of(), in);
        }
        sample("BatchNormalization", Map.of(), vec);
        sample("LayerNormalization", Map.of(), vec);
        sample("GroupNormalization", Map.of("groups", 2), vec);
        sample("UnitNormalization", Map.of(), vec);
        SAMPLES.put("Embedding", new Sample(Map.of("input_dim", 5, "output_dim", 3), List.<int[]>of(vec), DType.INT32));
        // Preprocessing layers (the random ones are the identity at inference, RandomCrop crops and resizes).
        sample("Rescaling", Map.of("scale", 0.5, "offset", 1.0), vec);
        sample("Normalization", Map.of(), vec);
        sample("Discretization", Map.of("bin_boundaries", List.of(-1.0, 0.0, 1.0)), vec);
        SAMPLES.put("CategoryEncoding", new Sample(Map.of("num_tokens", 5), List.<int[]>of(vec), DType.INT32));
        SAMPLES.put("Hashing", new Sample(Map.of("num_bins", 3), List.<int[]>of(vec), DType.INT32));
        SAMPLES.put("IntegerLookup", new Sample(Map.of("vocabulary", List.of(0, 1, 2)), List.<int[]>of(vec), DType.INT32));
        SAMPLES.put("StringLookup", new Sample(Map.of("vocabulary", List.of("t0", "t1", "t2")), List.<int[]>of(vec), DType.STRING));
        SAMPLES.put("TextVectorization", new Sample(Map.of("vocabulary", List.of("t0", "t1"), "output_sequence_length", 3), List.<int[]>of(new int[] {1}), DType.STRING));
        sample("Resizing", Map.of("height", 3, "width", 4), img);
        sample("CenterCrop", Map.of("height", 3, "width", 3), img);
        sample("RandomCrop", Map.of("height", 3, "width", 2, "seed", 1), img);
        sample("RandomFlip", Map.of("seed", 1), img);
        sample("RandomRotation", Map.of("factor", 0.1), img);
        sample("RandomZoom", Map.of("height_factor", 0.1), img);
        sample("RandomTranslation", Map.of("height_factor", 0.1, "width_factor", 0.2), img);
        sample("RandomContrast", Map.of("factor", 0.1), img);
        sample("RandomBrightness", Map.of("factor", 0.1), img);
    }

    /** Layer classes that are not used as a layer of a model on their own. */
    private static final List<String> NOT_ALONE = List.of("InputLayer");

    @Test void everyRegisteredLayerHasASample() {
        TreeSet<String> missing = new TreeSet<>(Layers.names());
        missing.removeAll(SAMPLES.keySet());
        missing.removeAll(NOT_ALONE);
        assertTrue(missing.isEmpty(), "Layers without a round-trip sample in LayerRoundTripTest: " + missing);
    }

    /** The formats under test: every format keras4j writes. */
    private static final List<Format> FORMATS = List.of(Format.values());

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Format f : FORMATS) for (String cls : SAMPLES.keySet()) out.add(Arguments.of(f, cls));
        return out.stream();
    }

    private static Model model(String cls) {
        Sample s = SAMPLES.get(cls);
        List<KerasTensor> ins = new ArrayList<>();
        for (int[] shape : s.inputs()) ins.add(Input.of(Shape.of(shape), s.dtype(), null));
        Layer layer = cls.endsWith("Cell")
                ? Layers.fromConfig("RNN", Map.of("cell", nested(cls, s.config())))
                : Layers.fromConfig(cls, s.config());
        return new Model(ins, layer.applyAll(ins));
    }

    private static List<Tensor> inputs(String cls, long seed) {
        Sample s = SAMPLES.get(cls);
        Random r = new Random(seed);
        List<Tensor> xs = new ArrayList<>();
        for (int[] shape : s.inputs()) {
            Shape full = Shape.of(shape).prepend(2);
            if (s.dtype() == DType.STRING) {
                String[] v = new String[full.size()];
                for (int i = 0; i < v.length; i++) v[i] = "t" + r.nextInt(5);
                xs.add(Tensor.ofStrings(v, full.dims()));
            } else if (s.dtype() == DType.INT32) {
                int[] v = new int[full.size()];
                for (int i = 0; i < v.length; i++) v[i] = r.nextInt(5);
                xs.add(Tensor.ofInts(v, full.dims()));
            } else {
                float[] v = new float[full.size()];
                for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
                xs.add(Tensor.of(v, full.dims()));
            }
        }
        return xs;
    }

    /** Random values in [0.5, 1.5) (positive, so that moving variances stay valid). */
    static void randomize(Model m, long seed) {
        Random r = new Random(seed);
        for (Variable v : m.weights()) {
            float[] vals = new float[v.shape().size()];
            for (int i = 0; i < vals.length; i++) vals[i] = 0.5f + r.nextFloat();
            v.assign(Tensor.of(vals, v.shape().dims()));
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @MethodSource("cases")
    void roundTrip(Format format, String cls, @TempDir Path dir) {
        Model m = model(cls);
        randomize(m, cls.hashCode());
        Model loaded = format.roundTrip(m, dir.resolve("model" + format.suffix));
        assertEquals(m.toJson(), loaded.toJson(), "config");
        List<Variable> a = m.weights(), b = loaded.weights();
        assertEquals(a.size(), b.size(), "number of weights");
        for (int i = 0; i < a.size(); i++) {
            assertEquals(a.get(i).shape(), b.get(i).shape(), a.get(i).name());
            assertArrayEquals(a.get(i).numpy().toFloatArray(), b.get(i).numpy().toFloatArray(), a.get(i).name());
        }
        List<Tensor> x = inputs(cls, 7);
        List<Tensor> want = m.predictAll(x), got = loaded.predictAll(x);
        for (int i = 0; i < want.size(); i++) assertArrayEquals(want.get(i).toFloatArray(), got.get(i).toFloatArray(), "prediction " + i);
    }
}
