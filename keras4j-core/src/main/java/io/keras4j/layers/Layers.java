package io.keras4j.layers;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.activations.Activation;
import io.keras4j.layers.core.Dense;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.layers.regularization.Dropout;
import io.keras4j.layers.reshaping.Flatten;
import io.keras4j.layers.reshaping.Reshape;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * Builds layers from Keras configs ({@code keras.layers.deserialize} / {@code Layer.from_config}),
 * by class name. Reads Keras 3 configs and the Keras 1/2 spellings found in old model files
 * ({@code output_dim}, {@code init}, {@code p}, {@code batch_input_shape}, {@code input_dtype},
 * ...). Every key a layer does not take is refused, as Python refuses an unexpected keyword
 * argument, so that nothing in a file is silently dropped.
 * <pre>{@code
 * Layer dense = Layers.fromConfig("Dense", Map.of("units", 2, "activation", "relu"));
 * }</pre>
 */
public final class Layers {
    private Layers() {}

    /** Makes one layer class from its config. */
    @FunctionalInterface
    public interface Factory {
        Layer create(Config config);
    }

    /** Keras class name → factory: the one place where a layer class becomes loadable. */
    private static final Map<String, Factory> FACTORIES = new LinkedHashMap<>();

    static {
        FACTORIES.put("InputLayer", Layers::inputLayer);
        FACTORIES.put("Dense", Layers::dense);
        FACTORIES.put("EinsumDense", io.keras4j.layers.core.EinsumDense::fromConfig);
        FACTORIES.put("Activation", c -> new Activation(c.activation("activation")));
        FACTORIES.put("Dropout", Layers::dropout);
        FACTORIES.put("Flatten", c -> new Flatten().dataFormat(c.string("data_format", "channels_last")));
        FACTORIES.put("Reshape", c -> new Reshape(c.ints("target_shape")));
        FACTORIES.put("Masking", io.keras4j.layers.core.Masking::fromConfig);
        FACTORIES.put("Attention", io.keras4j.layers.attention.Attention::fromConfig);
        FACTORIES.put("AdditiveAttention", io.keras4j.layers.attention.AdditiveAttention::fromConfig);
        FACTORIES.put("MultiHeadAttention", io.keras4j.layers.attention.MultiHeadAttention::fromConfig);
        FACTORIES.put("Permute", io.keras4j.layers.reshaping.Permute::fromConfig);
        FACTORIES.put("RepeatVector", io.keras4j.layers.reshaping.RepeatVector::fromConfig);
        FACTORIES.put("Cropping1D", io.keras4j.layers.reshaping.Cropping1D::fromConfig);
        FACTORIES.put("Cropping2D", io.keras4j.layers.reshaping.Cropping2D::fromConfig);
        FACTORIES.put("Cropping3D", io.keras4j.layers.reshaping.Cropping3D::fromConfig);
        FACTORIES.put("UpSampling1D", io.keras4j.layers.reshaping.UpSampling1D::fromConfig);
        FACTORIES.put("UpSampling2D", io.keras4j.layers.reshaping.UpSampling2D::fromConfig);
        FACTORIES.put("UpSampling3D", io.keras4j.layers.reshaping.UpSampling3D::fromConfig);
        FACTORIES.put("ZeroPadding1D", io.keras4j.layers.reshaping.ZeroPadding1D::fromConfig);
        FACTORIES.put("ZeroPadding2D", io.keras4j.layers.reshaping.ZeroPadding2D::fromConfig);
        FACTORIES.put("ZeroPadding3D", io.keras4j.layers.reshaping.ZeroPadding3D::fromConfig);
        FACTORIES.put("ReLU", io.keras4j.layers.activations.ReLU::fromConfig);
        FACTORIES.put("LeakyReLU", io.keras4j.layers.activations.LeakyReLU::fromConfig);
        FACTORIES.put("PReLU", io.keras4j.layers.activations.PReLU::fromConfig);
        FACTORIES.put("ELU", io.keras4j.layers.activations.ELU::fromConfig);
        FACTORIES.put("ThresholdedReLU", io.keras4j.layers.activations.ThresholdedReLU::fromConfig);
        FACTORIES.put("Softmax", io.keras4j.layers.activations.Softmax::fromConfig);
        FACTORIES.put("SpatialDropout1D", io.keras4j.layers.regularization.SpatialDropout1D::fromConfig);
        FACTORIES.put("SpatialDropout2D", io.keras4j.layers.regularization.SpatialDropout2D::fromConfig);
        FACTORIES.put("SpatialDropout3D", io.keras4j.layers.regularization.SpatialDropout3D::fromConfig);
        FACTORIES.put("GaussianNoise", io.keras4j.layers.regularization.GaussianNoise::fromConfig);
        FACTORIES.put("GaussianDropout", io.keras4j.layers.regularization.GaussianDropout::fromConfig);
        FACTORIES.put("AlphaDropout", io.keras4j.layers.regularization.AlphaDropout::fromConfig);
        FACTORIES.put("ActivityRegularization", io.keras4j.layers.regularization.ActivityRegularization::fromConfig);
        FACTORIES.put("Conv1DTranspose", io.keras4j.layers.convolutional.Conv1DTranspose::fromConfig);
        FACTORIES.put("Conv2DTranspose", io.keras4j.layers.convolutional.Conv2DTranspose::fromConfig);
        FACTORIES.put("Conv3DTranspose", io.keras4j.layers.convolutional.Conv3DTranspose::fromConfig);
        FACTORIES.put("DepthwiseConv1D", io.keras4j.layers.convolutional.DepthwiseConv1D::fromConfig);
        FACTORIES.put("DepthwiseConv2D", io.keras4j.layers.convolutional.DepthwiseConv2D::fromConfig);
        FACTORIES.put("SeparableConv1D", io.keras4j.layers.convolutional.SeparableConv1D::fromConfig);
        FACTORIES.put("SeparableConv2D", io.keras4j.layers.convolutional.SeparableConv2D::fromConfig);
        FACTORIES.put("Add", c -> new io.keras4j.layers.merging.Add());
        FACTORIES.put("Subtract", c -> new io.keras4j.layers.merging.Subtract());
        FACTORIES.put("Multiply", c -> new io.keras4j.layers.merging.Multiply());
        FACTORIES.put("Average", c -> new io.keras4j.layers.merging.Average());
        FACTORIES.put("Maximum", c -> new io.keras4j.layers.merging.Maximum());
        FACTORIES.put("Minimum", c -> new io.keras4j.layers.merging.Minimum());
        FACTORIES.put("Concatenate", c -> new io.keras4j.layers.merging.Concatenate(c.integer("axis", -1)));
        FACTORIES.put("Dot", Layers::dot);
        FACTORIES.put("SimpleRNNCell", io.keras4j.layers.rnn.SimpleRNNCell::fromConfig);
        FACTORIES.put("SimpleRNN", io.keras4j.layers.rnn.SimpleRNN::fromConfig);
        FACTORIES.put("LSTMCell", io.keras4j.layers.rnn.LSTMCell::fromConfig);
        FACTORIES.put("LSTM", io.keras4j.layers.rnn.LSTM::fromConfig);
        FACTORIES.put("GRUCell", io.keras4j.layers.rnn.GRUCell::fromConfig);
        FACTORIES.put("GRU", io.keras4j.layers.rnn.GRU::fromConfig);
        FACTORIES.put("RNN", io.keras4j.layers.rnn.RNN::fromConfig);
        FACTORIES.put("Bidirectional", io.keras4j.layers.rnn.Bidirectional::fromConfig);
        FACTORIES.put("TimeDistributed", io.keras4j.layers.rnn.TimeDistributed::fromConfig);
        FACTORIES.put("Conv1D", io.keras4j.layers.convolutional.Conv1D::fromConfig);
        FACTORIES.put("Conv2D", io.keras4j.layers.convolutional.Conv2D::fromConfig);
        FACTORIES.put("Conv3D", io.keras4j.layers.convolutional.Conv3D::fromConfig);
        FACTORIES.put("MaxPooling1D", io.keras4j.layers.pooling.MaxPooling1D::fromConfig);
        FACTORIES.put("GlobalMaxPooling1D", io.keras4j.layers.pooling.GlobalMaxPooling1D::fromConfig);
        FACTORIES.put("MaxPooling2D", io.keras4j.layers.pooling.MaxPooling2D::fromConfig);
        FACTORIES.put("GlobalMaxPooling2D", io.keras4j.layers.pooling.GlobalMaxPooling2D::fromConfig);
        FACTORIES.put("MaxPooling3D", io.keras4j.layers.pooling.MaxPooling3D::fromConfig);
        FACTORIES.put("GlobalMaxPooling3D", io.keras4j.layers.pooling.GlobalMaxPooling3D::fromConfig);
        FACTORIES.put("AveragePooling1D", io.keras4j.layers.pooling.AveragePooling1D::fromConfig);
        FACTORIES.put("GlobalAveragePooling1D", io.keras4j.layers.pooling.GlobalAveragePooling1D::fromConfig);
        FACTORIES.put("AveragePooling2D", io.keras4j.layers.pooling.AveragePooling2D::fromConfig);
        FACTORIES.put("GlobalAveragePooling2D", io.keras4j.layers.pooling.GlobalAveragePooling2D::fromConfig);
        FACTORIES.put("AveragePooling3D", io.keras4j.layers.pooling.AveragePooling3D::fromConfig);
        FACTORIES.put("GlobalAveragePooling3D", io.keras4j.layers.pooling.GlobalAveragePooling3D::fromConfig);
        FACTORIES.put("BatchNormalization", io.keras4j.layers.normalization.BatchNormalization::fromConfig);
        FACTORIES.put("LayerNormalization", io.keras4j.layers.normalization.LayerNormalization::fromConfig);
        FACTORIES.put("GroupNormalization", io.keras4j.layers.normalization.GroupNormalization::fromConfig);
        FACTORIES.put("UnitNormalization", io.keras4j.layers.normalization.UnitNormalization::fromConfig);
        FACTORIES.put("Embedding", io.keras4j.layers.core.Embedding::fromConfig);
        FACTORIES.put("Rescaling", io.keras4j.layers.preprocessing.Rescaling::fromConfig);
        FACTORIES.put("Normalization", io.keras4j.layers.preprocessing.Normalization::fromConfig);
        FACTORIES.put("CategoryEncoding", io.keras4j.layers.preprocessing.CategoryEncoding::fromConfig);
        FACTORIES.put("Discretization", io.keras4j.layers.preprocessing.Discretization::fromConfig);
        FACTORIES.put("Hashing", io.keras4j.layers.preprocessing.Hashing::fromConfig);
        FACTORIES.put("StringLookup", io.keras4j.layers.preprocessing.StringLookup::fromConfig);
        FACTORIES.put("IntegerLookup", io.keras4j.layers.preprocessing.IntegerLookup::fromConfig);
        FACTORIES.put("TextVectorization", io.keras4j.layers.preprocessing.TextVectorization::fromConfig);
        FACTORIES.put("Resizing", io.keras4j.layers.preprocessing.Resizing::fromConfig);
        FACTORIES.put("CenterCrop", io.keras4j.layers.preprocessing.CenterCrop::fromConfig);
        FACTORIES.put("RandomCrop", io.keras4j.layers.preprocessing.RandomCrop::fromConfig);
        FACTORIES.put("RandomFlip", io.keras4j.layers.preprocessing.RandomFlip::fromConfig);
        FACTORIES.put("RandomRotation", io.keras4j.layers.preprocessing.RandomRotation::fromConfig);
        FACTORIES.put("RandomZoom", io.keras4j.layers.preprocessing.RandomZoom::fromConfig);
        FACTORIES.put("RandomTranslation", io.keras4j.layers.preprocessing.RandomTranslation::fromConfig);
        FACTORIES.put("RandomContrast", io.keras4j.layers.preprocessing.RandomContrast::fromConfig);
        FACTORIES.put("RandomBrightness", io.keras4j.layers.preprocessing.RandomBrightness::fromConfig);
    }

    /** Dot's {@code axes}: one axis for both inputs, or a pair. */
    private static Layer dot(Config c) {
        Object axes = c.raw("axes");
        boolean normalize = c.bool("normalize", false);
        if (axes instanceof Number n) return new io.keras4j.layers.merging.Dot(n.intValue()).normalize(normalize);
        if (axes instanceof List<?> l && l.size() == 2 && l.get(0) instanceof Number a && l.get(1) instanceof Number b) {
            return new io.keras4j.layers.merging.Dot(a.intValue(), b.intValue()).normalize(normalize);
        }
        throw new IllegalArgumentException("Invalid format for argument `axes`: expected an integer or a list of 2 integers. Received: axes=" + axes);
    }

    /** The class names {@link #fromConfig} knows, sorted. */
    public static Set<String> names() { return Collections.unmodifiableSet(new TreeSet<>(FACTORIES.keySet())); }

    public static boolean isRegistered(String className) { return FACTORIES.containsKey(className); }

    /** A layer from a Keras 3 config (Keras 1/2 spellings of keys are accepted too). */
    public static Layer fromConfig(String className, Map<String, ?> config) { return fromConfig(className, config, 3); }

    /**
     * A layer from a config written by Keras {@code kerasVersion} (1, 2 or 3). The version matters
     * only where the same words meant something else before Keras 3: {@code "hard_sigmoid"} is
     * {@code clip(0.2 x + 0.5, 0, 1)} for versions 1 and 2, {@code relu6(x + 3) / 6} for 3.
     */
    public static Layer fromConfig(String className, Map<String, ?> config, int kerasVersion) {
        Factory factory = FACTORIES.get(className);
        if (factory == null) {
            throw new IllegalArgumentException("Unknown layer: '" + className + "'. Please ensure you are using a "
                    + "`keras.utils.custom_object_scope` and that this object is included in the scope. See "
                    + "https://www.tensorflow.org/guide/keras/save_and_serialize#registering_the_custom_object for details.");
        }
        if (kerasVersion < 1 || kerasVersion > 3) throw new IllegalArgumentException("Unknown Keras version: " + kerasVersion + ". Expected 1, 2 or 3.");
        Config c = new Config(className, config == null ? Map.of() : config, kerasVersion);
        Layer layer = factory.create(c);
        c.applyBaseArguments(layer);
        c.rejectUnused();
        return layer;
    }

    /**
     * The input shape (batch dimension first, -1 for None) that a config declares with
     * {@code batch_input_shape}, {@code input_shape} (+ {@code batch_size}) or {@code input_dim},
     * as a Sequential model's first layer may; null when it declares none. Keras then puts an
     * {@code InputLayer} of that shape in front of the layer.
     */
    public static Shape declaredInputShape(Map<String, ?> config) {
        Object batchInputShape = config.get("batch_input_shape");
        if (batchInputShape != null) return Shape.of(dims("batch_input_shape", batchInputShape));
        int batch = config.get("batch_size") instanceof Number n ? n.intValue() : Shape.UNKNOWN;
        Object inputShape = config.get("input_shape");
        if (inputShape != null) return Shape.of(dims("input_shape", inputShape)).prepend(batch);
        Object inputDim = config.get("input_dim");
        if (inputDim instanceof Number n) return Shape.of(batch, n.intValue());
        return null;
    }

    // ------------------------------------------------------------------ factories

    /**
     * Integer input dtypes keras4j has no tensor type for (tf.keras files use e.g. uint16 token ids);
     * int32 holds all their values, and the layers after an input only read them as indices.
     */
    private static final Set<Object> SMALL_INTEGER_INPUTS = Set.of("uint8", "uint16", "int8", "int16");

    private static Layer inputLayer(Config c) {
        // Keras 3 spells it shape / batch_shape; Keras 2 batch_input_shape; Keras 1 also input_dtype.
        Shape batchShape;
        String batchKey = c.firstPresent("batch_shape", "batch_input_shape");
        String shapeKey = c.firstPresent("shape", "input_shape");
        if (batchKey != null && shapeKey != null) {
            throw new IllegalArgumentException("You cannot pass both `shape` and `batch_shape` at the same time.");
        }
        if (batchKey != null) {
            if (c.has("batch_size")) throw new IllegalArgumentException("You cannot pass both `batch_size` and `batch_shape` at the same time.");
            batchShape = Shape.of(c.ints(batchKey));
        } else if (shapeKey != null) {
            batchShape = Shape.of(c.ints(shapeKey)).prepend(c.integer("batch_size", Shape.UNKNOWN));
        } else {
            throw new IllegalArgumentException("You must pass a `shape` argument.");
        }
        String dtypeKey = c.firstPresent("dtype", "input_dtype");
        DType dtype = dtypeKey == null ? DType.FLOAT32 : SMALL_INTEGER_INPUTS.contains(c.raw(dtypeKey)) ? DType.INT32 : c.dtype(dtypeKey);
        if (c.bool("sparse", false)) throw new UnsupportedOperationException("`sparse=True` is not supported yet. Received: sparse=True");
        if (c.bool("ragged", false)) throw new UnsupportedOperationException("`ragged=True` is not supported yet. Received: ragged=True");
        c.requireNull("input_tensor");
        if (c.bool("optional", false)) throw new UnsupportedOperationException("`optional=True` is not supported yet. Received: optional=True");
        String name = c.string("name", null);
        return new InputLayer(batchShape, dtype, name);
    }

    private static Layer dense(Config c) {
        String unitsKey = c.firstPresent("units", "output_dim");
        if (unitsKey == null) throw new IllegalArgumentException("Dense.__init__() missing 1 required positional argument: 'units'");
        Dense d = new Dense(c.integer(unitsKey, 0)).activation(c.activation("activation"));
        String biasKey = c.firstPresent("use_bias", "bias");
        if (biasKey != null) d.useBias(c.bool(biasKey, true));
        String kernelInit = c.firstPresent("kernel_initializer", "init");
        if (kernelInit != null) d.kernelInitializer(c.initializer(kernelInit));
        if (c.has("bias_initializer")) d.biasInitializer(c.initializer("bias_initializer"));
        // Keras 1 spelled them W_ and b_.
        String key = c.firstPresent("kernel_regularizer", "W_regularizer");
        if (key != null) d.kernelRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("bias_regularizer", "b_regularizer")) != null) d.biasRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("kernel_constraint", "W_constraint")) != null) d.kernelConstraint(c.constraint(key));
        if ((key = c.firstPresent("bias_constraint", "b_constraint")) != null) d.biasConstraint(c.constraint(key));
        c.requireNull("lora_rank");
        c.requireNull("quantization_config");
        // Only read when lora_rank is set, which is refused above.
        c.raw("lora_alpha");
        // Keras 1's initial weight list; a file carries the weights separately.
        c.requireNull("weights");
        return d;
    }

    private static Layer dropout(Config c) {
        String rateKey = c.firstPresent("rate", "p");
        if (rateKey == null) throw new IllegalArgumentException("Dropout.__init__() missing 1 required positional argument: 'rate'");
        Dropout d = new Dropout(c.number(rateKey, 0));
        if (c.has("noise_shape")) d.noiseShape(c.ints("noise_shape"));
        else c.raw("noise_shape");
        if (c.raw("seed") instanceof Number n) d.seed(n.longValue());
        else if (c.has("seed")) throw new IllegalArgumentException("Dropout: argument `seed` must be an integer. Received: seed=" + c.raw("seed"));
        return d;
    }

    private static int[] dims(String key, Object value) {
        if (!(value instanceof List<?> list)) {
            throw new IllegalArgumentException("Argument `" + key + "` must be a list of integers. Received: " + key + "=" + value);
        }
        int[] d = new int[list.size()];
        for (int i = 0; i < d.length; i++) {
            Object v = list.get(i);
            if (v == null) d[i] = Shape.UNKNOWN;
            else if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) d[i] = n.intValue();
            else throw new IllegalArgumentException("Argument `" + key + "` must be a list of integers. Received: " + key + "=" + value);
        }
        return d;
    }

    // ------------------------------------------------------------------ config reading

    /**
     * One layer's config being read: typed getters that remember which keys were used, so that
     * {@link #fromConfig} can refuse the rest with Keras's "Unrecognized keyword arguments" error.
     */
    public static final class Config {
        /** Keys every layer takes (Keras's base {@code Layer.__init__}), applied after the factory. */
        private static final Set<String> BASE = Set.of("name", "trainable", "dtype", "autocast", "activity_regularizer",
                "batch_input_shape", "input_shape", "input_dim", "batch_size");

        private final String className;
        private final Map<String, ?> values;
        private final int kerasVersion;
        private final Set<String> used = new HashSet<>();

        Config(String className, Map<String, ?> values, int kerasVersion) {
            this.className = className;
            this.values = values;
            this.kerasVersion = kerasVersion;
        }

        public String className() { return className; }

        /** The Keras major version the config was written by (1, 2 or 3). */
        public int kerasVersion() { return kerasVersion; }

        /** Whether the key is present with a value other than null (Python's None). */
        public boolean has(String key) { return values.get(key) != null; }

        /** The first of these keys that {@link #has} a value (a current name and its older aliases), or null. */
        public String firstPresent(String... keys) {
            String found = null;
            for (String k : keys) {
                if (!has(k)) used.add(k); // absent or None: nothing to refuse
                else if (found == null) found = k;
            }
            return found;
        }

        /** The raw value (null when absent), marking the key as read. */
        public Object raw(String key) {
            used.add(key);
            return values.get(key);
        }

        public int integer(String key, int fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
            throw invalid(key, v, "an integer");
        }

        public double number(String key, double fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof Number n) return n.doubleValue();
            throw invalid(key, v, "a float");
        }

        public boolean bool(String key, boolean fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof Boolean b) return b;
            throw invalid(key, v, "a boolean");
        }

        public String string(String key, String fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof String s) return s;
            throw invalid(key, v, "a string");
        }

        /** A list of integers; Python's None in it (an unknown dimension) reads as -1. */
        public int[] ints(String key) {
            Object v = raw(key);
            if (v == null) throw new IllegalArgumentException(className + ".__init__() missing required argument: '" + key + "'");
            return dims(key, v);
        }

        /** An activation by name ({@code "relu"}; null is linear) or Keras's serialised function. */
        public ActivationFunction activation(String key) {
            Object v = raw(key);
            String name;
            if (v == null) name = "linear";
            else if (v instanceof String s) name = s;
            else if (v instanceof Map<?, ?> m && m.get("config") instanceof String s) name = s; // {"class_name": "function", "config": "relu"}
            else throw new IllegalArgumentException("Could not interpret activation function identifier: " + v);
            if (kerasVersion < 3 && name.equals("hard_sigmoid")) {
                // Keras 1/2 defined it as clip(0.2 x + 0.5, 0, 1); Keras 3 changed the slope to 1/6.
                return ActivationFunction.named("hard_sigmoid", Activations::hardSigmoidKeras2);
            }
            return Activations.get(name);
        }

        /** An initializer by name ({@code "glorot_uniform"}) or Keras's serialised form (Keras 2 or 3). */
        public Initializer initializer(String key) {
            Object v = raw(key);
            if (v instanceof String s) return Initializers.get(s);
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked") Map<String, ?> map = (Map<String, ?>) m;
                return Initializers.deserialize(map);
            }
            throw new IllegalArgumentException("Could not interpret initializer identifier: " + v);
        }

        /** A dtype given as a name or as Keras 3's serialised {@code DTypePolicy}. */
        public DType dtype(String key) {
            Object v = raw(key);
            if (v instanceof Map<?, ?> m && m.get("config") instanceof Map<?, ?> policy) v = policy.get("name");
            if (!(v instanceof String s)) throw new IllegalArgumentException("Could not interpret dtype: " + v);
            if (s.startsWith("mixed_")) throw new UnsupportedOperationException("Mixed precision is not supported yet. Received: dtype=" + s);
            return DType.of(s);
        }

        /** Reads an argument keras4j does not implement yet: None is fine, anything else is refused. */
        public void requireNull(String key) {
            Object v = raw(key);
            if (v != null) {
                throw new UnsupportedOperationException(className + ": argument `" + key + "` is not supported yet. Received: " + key + "=" + v);
            }
        }

        /** Name, trainable and dtype, which every Keras layer takes; the input-shape keys are Sequential's business. */
        void applyBaseArguments(Layer layer) {
            if (has("name") && !used.contains("name")) layer.name(string("name", null));
            used.add("name");
            if (has("trainable")) layer.trainable(bool("trainable", true));
            if (has("dtype") && !used.contains("dtype")) {
                DType d = dtype("dtype");
                // Keras 1/2 layers created their weights in floatx whatever their `dtype`, which
                // named the dtype of the model input (Keras 2.0's Embedding says int32).
                if (!(layer instanceof InputLayer) && (kerasVersion == 3 || d.isFloating())) layer.dtype(d);
            }
            // Keras 1 named the input dtype of a first layer `input_dtype` (the InputLayer reads it).
            if (kerasVersion == 1) used.add("input_dtype");
            if (!bool("autocast", true)) throw new UnsupportedOperationException("`autocast=False` is not supported yet");
            Object activity = raw("activity_regularizer");
            if (activity != null) layer.activityRegularizer(Regularizers.get(activity));
            declaredInputShape(values); // validates the shape keys
            used.addAll(BASE);
        }

        void rejectUnused() {
            StringJoiner unknown = new StringJoiner(", ", "{", "}");
            boolean any = false;
            for (Map.Entry<String, ?> e : values.entrySet()) {
                if (!used.contains(e.getKey())) {
                    unknown.add("'" + e.getKey() + "': " + e.getValue());
                    any = true;
                }
            }
            if (any) throw new IllegalArgumentException("Unrecognized keyword arguments passed to " + className + ": " + unknown);
        }

        private IllegalArgumentException invalid(String key, Object v, String what) {
            return new IllegalArgumentException(className + ": argument `" + key + "` must be " + what + ". Received: " + key + "=" + v);
        }

        /** An argument that is an integer or a list of integers (an axis or axes): an Integer or an int[]. */
        public Object integerOrInts(String key, int fallback) {
            Object v = raw(key);
            if (v == null) return fallback;
            if (v instanceof List<?>) return dims(key, v);
            return integer(key, fallback);
        }

        /** Whether the key is in the config at all, even with the value null (Python's None). */
        public boolean containsKey(String key) { return values.containsKey(key); }

        /**
         * Integers per spatial axis as the padding and cropping layers take them: a list whose
         * entries are an int (both sides alike, as a one-element row) or a list of ints.
         */
        public int[][] intRows(String key) {
            Object v = raw(key);
            if (!(v instanceof List<?> list)) throw invalid(key, v, "a list");
            int[][] rows = new int[list.size()][];
            for (int i = 0; i < rows.length; i++) {
                Object e = list.get(i);
                rows[i] = e instanceof List<?> ? dims(key, e) : dims(key, List.of(e == null ? "None" : e));
            }
            return rows;
        }

        /** A regularizer by name ({@code "l2"}) or Keras's serialised form; null when absent or None. */
        public Regularizer regularizer(String key) { return Regularizers.get(raw(key)); }

        /** A constraint by name ({@code "non_neg"}) or Keras's serialised form; null when absent or None. */
        public Constraint constraint(String key) { return Constraints.get(raw(key)); }
    }
}
