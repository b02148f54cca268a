package io.keras4j.layers.core;

import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;

import io.keras4j.autodiff.Variable;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.Map;

/**
 * Keras's {@code Embedding}: turns integer indices in {@code [0, input_dim)} into rows of an
 * {@code (input_dim, output_dim)} table, so inputs of shape {@code s} give {@code s + (output_dim,)}.
 * Gradients reach the table through {@link Ops#take}. Non-integer inputs are cast to int32 first,
 * as Keras does. With {@code mask_zero} index 0 is padding: the layer hands the mask
 * {@code inputs != 0} to the layers after it (an LSTM then skips those steps).
 */
public final class Embedding extends Layer {
    private final int inputDim;
    private final int outputDim;
    private Initializer embeddingsInitializer = Initializers.get("uniform");
    private boolean maskZero;
    private Regularizer embeddingsRegularizer;
    private Constraint embeddingsConstraint;
    private Variable embeddings;

    public Embedding(int inputDim, int outputDim) {
        if (inputDim <= 0) {
            throw new IllegalArgumentException("`input_dim` must be a positive integer. Received: input_dim=" + inputDim + " (of type int).");
        }
        if (outputDim <= 0) {
            throw new IllegalArgumentException("`output_dim` must be a positive integer. Received: output_dim=" + outputDim + " (of type int).");
        }
        this.inputDim = inputDim;
        this.outputDim = outputDim;
    }

    /** A layer from Keras's config keys (Keras 1's {@code init}, {@code W_regularizer}, ... too). */
    public static Embedding fromConfig(Layers.Config c) {
        for (String key : new String[] {"input_dim", "output_dim"}) {
            if (!c.has(key)) throw new IllegalArgumentException("Embedding.__init__() missing 1 required positional argument: '" + key + "'");
        }
        Embedding e = new Embedding(c.integer("input_dim", 0), c.integer("output_dim", 0)).maskZero(c.bool("mask_zero", false));
        String initKey = c.firstPresent("embeddings_initializer", "init");
        if (initKey != null) e.embeddingsInitializer(c.initializer(initKey));
        // Keras 1 spelled them W_regularizer and W_constraint.
        String key = c.firstPresent("embeddings_regularizer", "W_regularizer");
        if (key != null) e.embeddingsRegularizer(c.regularizer(key));
        if ((key = c.firstPresent("embeddings_constraint", "W_constraint")) != null) e.embeddingsConstraint(c.constraint(key));
        for (String k : new String[] {"weights", "lora_rank", "quantization_config"}) {
            c.requireNull(k);
        }
        c.raw("lora_alpha"); // only read when lora_rank is set, which is refused above
        c.raw("input_length"); // deprecated in Keras 3 and ignored: the output shape follows the input
        if (c.number("dropout", 0) != 0) throw new UnsupportedOperationException("Embedding: argument `dropout` is not supported yet. Received: dropout=" + c.raw("dropout"));
        return e;
    }

    public Embedding embeddingsInitializer(String name) { return embeddingsInitializer(Initializers.get(name)); }

    public Embedding embeddingsInitializer(Initializer init) {
        if (built()) throw new IllegalStateException("Layer " + name() + " is already built; set its arguments before first use");
        this.embeddingsInitializer = init;
        return this;
    }

    public Embedding embeddingsRegularizer(String name) { return embeddingsRegularizer(Regularizers.get(name)); }

    /** Penalises the embedding table: {@code regularizer(embeddings)} joins the layer's losses. */
    public Embedding embeddingsRegularizer(Regularizer regularizer) {
        if (built()) throw new IllegalStateException("Layer " + name() + " is already built; set its arguments before first use");
        this.embeddingsRegularizer = regularizer;
        return this;
    }

    public Embedding embeddingsConstraint(String name) { return embeddingsConstraint(Constraints.get(name)); }

    /** Projects the embedding table after each optimizer update. */
    public Embedding embeddingsConstraint(Constraint constraint) {
        if (built()) throw new IllegalStateException("Layer " + name() + " is already built; set its arguments before first use");
        this.embeddingsConstraint = constraint;
        return this;
    }

    /** Whether index 0 is padding to be masked out downstream (Keras's {@code mask_zero}). */
    public Embedding maskZero(boolean value) {
        this.maskZero = value;
        return this;
    }

    public int inputDim() { return inputDim; }

    public int outputDim() { return outputDim; }

    public boolean maskZero() { return maskZero; }

    public Variable embeddings() { return embeddings; }

    @Override public void build(Shape inputShape) {
        embeddings = addWeight("embeddings", Shape.of(inputDim, outputDim), embeddingsInitializer, true, embeddingsRegularizer, embeddingsConstraint);
    }

    @Override public boolean supportsMasking() { return maskZero; }

    /** {@code inputs != 0} (1 or 0) with mask_zero, else no mask. */
    @Override public Tensor computeMask(Tensor inputs, Tensor mask) {
        if (!maskZero) return null;
        return Ops.stopGradient(Ops.notEqual(inputs, Tensor.scalar(0, inputs.dtype())));
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Tensor indices = inputs.dtype() == DType.INT32 || inputs.dtype() == DType.INT64 ? inputs : Ops.cast(inputs, DType.INT32);
        return Ops.take(embeddings.value(), indices, 0);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return inputShape.append(outputDim); }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        c.put("input_dim", inputDim);
        c.put("output_dim", outputDim);
        c.put("embeddings_initializer", Initializers.serialize(embeddingsInitializer));
        c.put("embeddings_regularizer", Regularizers.serialize(embeddingsRegularizer));
        c.put("activity_regularizer", Regularizers.serialize(activityRegularizer()));
        c.put("embeddings_constraint", Constraints.serialize(embeddingsConstraint));
        c.put("mask_zero", maskZero);
        c.put("quantization_config", null);
        return c;
    }
}
