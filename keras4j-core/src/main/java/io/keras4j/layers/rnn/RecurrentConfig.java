package io.keras4j.layers.rnn;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;

import java.util.Map;

/**
 * Reads the config keys the recurrent layers share, in Keras 3 spelling and the Keras 1/2 ones
 * found in old files ({@code output_dim}, {@code init}, {@code inner_init}, {@code inner_activation},
 * {@code dropout_W}, {@code dropout_U}). Defaults follow the Keras version that wrote the config:
 * Keras 1/2's recurrent activation was its own hard sigmoid and its GRU reset before the matmul.
 */
final class RecurrentConfig {
    private RecurrentConfig() {}

    static int units(Layers.Config c) {
        String key = c.firstPresent("units", "output_dim");
        if (key == null) throw new IllegalArgumentException(c.className() + ".__init__() missing 1 required positional argument: 'units'");
        return c.integer(key, 0);
    }

    /** Activation, initializers, bias, dropout and seed: what every cell takes. */
    static void readCell(Layers.Config c, RecurrentCell cell) {
        if (c.has("activation")) cell.setActivation(c.activation("activation"));
        else c.raw("activation");
        String biasKey = c.firstPresent("use_bias", "bias");
        if (biasKey != null) cell.setUseBias(c.bool(biasKey, true));
        String kernelKey = c.firstPresent("kernel_initializer", "init");
        if (kernelKey != null) cell.setKernelInitializer(c.initializer(kernelKey));
        String recurrentKey = c.firstPresent("recurrent_initializer", "inner_init");
        if (recurrentKey != null) cell.setRecurrentInitializer(c.initializer(recurrentKey));
        if (c.has("bias_initializer")) cell.setBiasInitializer(c.initializer("bias_initializer"));
        else c.raw("bias_initializer");
        String dropoutKey = c.firstPresent("dropout", "dropout_W");
        if (dropoutKey != null) cell.setDropout(c.number(dropoutKey, 0));
        String recurrentDropoutKey = c.firstPresent("recurrent_dropout", "dropout_U");
        if (recurrentDropoutKey != null) cell.setRecurrentDropout(c.number(recurrentDropoutKey, 0));
        if (c.raw("seed") instanceof Number n) cell.setSeed(n.longValue());
        else if (c.has("seed")) throw new IllegalArgumentException(c.className() + ": argument `seed` must be an integer. Received: seed=" + c.raw("seed"));
        // Keras 1 spelled them W_ (kernel), U_ (recurrent) and b_ (bias).
        String key;
        if ((key = c.firstPresent("kernel_regularizer", "W_regularizer")) != null) cell.setKernelRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("recurrent_regularizer", "U_regularizer")) != null) cell.setRecurrentRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("bias_regularizer", "b_regularizer")) != null) cell.setBiasRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("kernel_constraint", "W_constraint")) != null) cell.setKernelConstraint(c.constraint(key));
        if ((key = c.firstPresent("recurrent_constraint", "U_constraint")) != null) cell.setRecurrentConstraint(c.constraint(key));
        if ((key = c.firstPresent("bias_constraint", "b_constraint")) != null) cell.setBiasConstraint(c.constraint(key));
        // Keras 2's choice of kernel layout for speed, and cuDNN selection: no effect on the results.
        c.raw("implementation");
        c.raw("use_cudnn");
    }

    /** The recurrent activation, defaulting to sigmoid (Keras 3) or Keras 1/2's hard sigmoid. */
    static ActivationFunction recurrentActivation(Layers.Config c) {
        String key = c.firstPresent("recurrent_activation", "inner_activation");
        if (key != null) return c.activation(key);
        return c.kerasVersion() < 3 ? ActivationFunction.named("hard_sigmoid", Activations::hardSigmoidKeras2) : Activations.get("sigmoid");
    }

    /** return_sequences, return_state, go_backwards, stateful, unroll and zero_output_for_mask. */
    static <T extends RNN> T readLayer(Layers.Config c, T layer) {
        layer.returnSequences(c.bool("return_sequences", false));
        layer.returnState(c.bool("return_state", false));
        layer.goBackwards(c.bool("go_backwards", false));
        layer.stateful(c.bool("stateful", false));
        layer.unroll(c.bool("unroll", false));
        layer.zeroOutputForMask(c.bool("zero_output_for_mask", false));
        if (c.bool("time_major", false)) throw new UnsupportedOperationException(c.className() + ": argument `time_major` is not supported yet. Received: time_major=True");
        c.requireNull("weights");
        return layer;
    }

    /** A nested layer, Keras's {@code {"class_name": ..., "config": ...}}; unsupported classes are refused as not supported yet. */
    static Layer nested(Layers.Config c, String key) {
        Object v = c.raw(key);
        if (!(v instanceof Map<?, ?> m) || !(m.get("class_name") instanceof String className)) {
            throw new IllegalArgumentException(c.className() + ": argument `" + key + "` must be a serialized layer. Received: " + key + "=" + v);
        }
        if (!Layers.isRegistered(className)) {
            throw new UnsupportedOperationException(c.className() + ": wrapped layer " + className + " is not supported yet");
        }
        @SuppressWarnings("unchecked") Map<String, ?> config = m.get("config") instanceof Map<?, ?> cm ? (Map<String, ?>) cm : Map.of();
        return Layers.fromConfig(className, config, c.kerasVersion());
    }
}
