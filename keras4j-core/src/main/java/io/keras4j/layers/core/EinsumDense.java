package io.keras4j.layers.core;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.autodiff.Variable;
import io.keras4j.constraints.Constraint;
import io.keras4j.constraints.Constraints;
import io.keras4j.initializers.Initializer;
import io.keras4j.initializers.Initializers;
import io.keras4j.initializers.VarianceScaling;
import io.keras4j.layers.InputSpec;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.ops.Ops;
import io.keras4j.regularizers.Regularizer;
import io.keras4j.regularizers.Regularizers;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keras's {@code EinsumDense}: {@code activation(einsum(equation, inputs, kernel) + bias)}, a dense
 * layer of any dimensionality. The equation has the form {@code ab,bc->ac}, {@code ...ab,bc->...ac}
 * or {@code ab...,bc->ac...}; {@code output_shape} gives the output's dimensions without the batch
 * and the elided ones (-1 for None); {@code bias_axes} names the output letters that get a bias.
 * The kernel's axes follow the letters of the equation's second operand, the bias's the output
 * letters from the first biased one on (size 1 for unbiased ones), as in Keras's weight files.
 * <pre>{@code
 * EinsumDense d = new EinsumDense("abc,cd->abd", -1, 64).biasAxes("d"); // (batch, 32, 128) → (batch, 32, 64)
 * }</pre>
 */
public final class EinsumDense extends Layer {
    private final String equation;
    private final int[] partialOutputShape;
    private ActivationFunction activation = Activations.get("linear");
    private String biasAxes;
    private Initializer kernelInitializer = Initializers.get("glorot_uniform");
    private Initializer biasInitializer = Initializers.get("zeros");
    private Regularizer kernelRegularizer;
    private Regularizer biasRegularizer;
    private Constraint kernelConstraint;
    private Constraint biasConstraint;
    private Variable kernel;
    private Variable bias;

    public EinsumDense(String equation, int... outputShape) {
        if (equation == null) throw new IllegalArgumentException("EinsumDense.__init__() missing 1 required positional argument: 'equation'");
        this.equation = equation;
        this.partialOutputShape = outputShape.clone();
    }

    public static EinsumDense fromConfig(Layers.Config c) {
        String equation = c.string("equation", null);
        if (!c.has("output_shape")) throw new IllegalArgumentException("EinsumDense.__init__() missing 1 required positional argument: 'output_shape'");
        Object os = c.raw("output_shape");
        int[] shape = os instanceof Number n ? new int[] {n.intValue()} : c.ints("output_shape");
        EinsumDense d = new EinsumDense(equation, shape).activation(c.activation("activation"));
        d.biasAxes(c.string("bias_axes", null));
        if (c.has("kernel_initializer")) d.kernelInitializer(c.initializer("kernel_initializer"));
        if (c.has("bias_initializer")) d.biasInitializer(c.initializer("bias_initializer"));
        d.kernelRegularizer(c.regularizer("kernel_regularizer"));
        d.biasRegularizer(c.regularizer("bias_regularizer"));
        d.kernelConstraint(c.constraint("kernel_constraint"));
        d.biasConstraint(c.constraint("bias_constraint"));
        c.requireNull("lora_rank");
        c.raw("lora_alpha"); // only read with lora_rank, refused above
        c.requireNull("quantization_config");
        c.requireNull("gptq_unpacked_column_size");
        return d;
    }

    public EinsumDense activation(String name) { return activation(Activations.get(name)); }

    public EinsumDense activation(ActivationFunction f) { checkNotBuilt(); activation = f == null ? Activations.get("linear") : f; return this; }

    /** The output letters that get a bias (null: no bias). */
    public EinsumDense biasAxes(String value) { checkNotBuilt(); biasAxes = value; return this; }

    public EinsumDense kernelInitializer(String name) { return kernelInitializer(Initializers.get(name)); }

    public EinsumDense kernelInitializer(Initializer init) { checkNotBuilt(); kernelInitializer = init; return this; }

    public EinsumDense biasInitializer(String name) { return biasInitializer(Initializers.get(name)); }

    public EinsumDense biasInitializer(Initializer init) { checkNotBuilt(); biasInitializer = init; return this; }

    public EinsumDense kernelRegularizer(Regularizer r) { checkNotBuilt(); kernelRegularizer = r; return this; }

    public EinsumDense biasRegularizer(Regularizer r) { checkNotBuilt(); biasRegularizer = r; return this; }

    public EinsumDense kernelConstraint(Constraint c) { checkNotBuilt(); kernelConstraint = c; return this; }

    public EinsumDense biasConstraint(Constraint c) { checkNotBuilt(); biasConstraint = c; return this; }

    public Variable kernel() { return kernel; }

    public Variable bias() { return bias; }

    // ------------------------------------------------------------------ the equation

    /**
     * What the equation says for one input shape (Keras's {@code _analyze_einsum_string}); the
     * specs have the elided axes spelled out with letters no equation can use.
     */
    private record Analysis(int[] kernelShape, int[] biasShape, int[] outputShape, int[] inputAxes, int[] outputAxes,
                            String inputSpec, String weightSpec, String outputSpec) {}

    private static final Pattern PLAIN = Pattern.compile("([a-zA-Z]+),([a-zA-Z]+)->([a-zA-Z]+)");
    private static final Pattern LEFT = Pattern.compile("0([a-zA-Z]+),([a-zA-Z]+)->0([a-zA-Z]+)");
    private static final Pattern RIGHT = Pattern.compile("([a-zA-Z]{2,})0,([a-zA-Z]+)->([a-zA-Z]+)0");

    private Analysis analyze(Shape inputShape) {
        String s = equation.replace("...", "0");
        Matcher m;
        boolean left = false, ellipsis = true;
        if ((m = PLAIN.matcher(s)).matches()) ellipsis = false;
        else if ((m = LEFT.matcher(s)).matches()) left = true;
        else if (!(m = RIGHT.matcher(s)).matches()) {
            throw new IllegalArgumentException("Invalid einsum equation '" + equation + "'. Equations must be in the form "
                    + "[X],[Y]->[Z], ...[X],[Y]->...[Z], or [X]...,[Y]->[Z]....");
        }
        String in = m.group(1), w = m.group(2), out = m.group(3);
        int[] x = inputShape.dims();
        int elided = x.length - in.length();
        if (elided < 0 || (!ellipsis && elided > 0)) {
            throw new IllegalArgumentException("EinsumDense: the equation '" + equation + "' describes inputs of rank " + in.length()
                    + ", but the input has shape " + inputShape);
        }
        // Spell the elided axes out: letters Keras's equations cannot contain.
        StringBuilder extra = new StringBuilder();
        for (int i = 0; i < elided; i++) extra.append((char) ('\u0100' + i));
        String inFull = left ? extra + in : in + extra;
        String outFull = left ? extra + out : out + extra;
        List<Integer> outShape = new ArrayList<>();
        outShape.add(x[0]);
        if (left) for (int i = 1; i < elided; i++) outShape.add(x[i]);
        for (int d : partialOutputShape) outShape.add(d);
        if (!left) for (int i = x.length - elided; i < x.length; i++) outShape.add(x[i]);
        // Keras's output_shape leaves out the batch and the elided axes.
        if (outShape.size() != outFull.length()) {
            throw new IllegalArgumentException("EinsumDense: `output_shape` " + java.util.Arrays.toString(partialOutputShape)
                    + " does not fit the output '" + out + "' of the equation '" + equation + "'");
        }
        for (int i = 0; i < in.length(); i++) {
            char dim = in.charAt(i);
            int o = out.indexOf(dim);
            if (o < 0) continue;
            int inDim = x[(left ? elided : 0) + i], outDim = outShape.get((left ? elided : 0) + o);
            if (outDim != Shape.UNKNOWN && outDim != inDim) {
                throw new IllegalArgumentException("Input shape and output shape do not match at shared dimension '" + dim + "'. Input shape is "
                        + inDim + ", and output shape is " + outDim + ".");
            }
            // An output dimension given as None that the input fixes (Keras leaves it None).
            if (outDim == Shape.UNKNOWN) outShape.set((left ? elided : 0) + o, inDim);
        }
        for (char dim : out.toCharArray()) {
            if (in.indexOf(dim) < 0 && w.indexOf(dim) < 0) {
                throw new IllegalArgumentException("Dimension '" + dim + "' was specified in the output '" + out + "' but has no corresponding dim "
                        + "in the input spec '" + in + "' or weight spec '" + out + "'");
            }
        }
        int[] kernelShape = new int[w.length()];
        List<Integer> inputAxes = new ArrayList<>(), outputAxes = new ArrayList<>();
        for (int i = 0; i < w.length(); i++) {
            char dim = w.charAt(i);
            if (out.indexOf(dim) >= 0) {
                kernelShape[i] = outShape.get((left ? elided : 0) + out.indexOf(dim));
                outputAxes.add(i);
            } else if (in.indexOf(dim) >= 0) {
                kernelShape[i] = x[(left ? elided : 0) + in.indexOf(dim)];
                inputAxes.add(i);
            } else {
                throw new IllegalArgumentException("Weight dimension '" + dim + "' did not have a match in either the input spec '" + in
                        + "' or the output spec '" + out + "'. For this layer, the weight must be fully specified.");
            }
        }
        int[] biasShape = null;
        if (biasAxes != null) {
            int first = Integer.MAX_VALUE;
            for (char ch : biasAxes.toCharArray()) {
                if (out.indexOf(ch) < 0) {
                    throw new IllegalArgumentException("Bias dimension '" + ch + "' was requested, but is not part of the output spec '" + out + "'");
                }
                first = Math.min(first, out.indexOf(ch));
            }
            List<Integer> b = new ArrayList<>();
            for (int i = first; i < out.length(); i++) {
                b.add(biasAxes.indexOf(out.charAt(i)) >= 0 ? outShape.get((left ? elided : 0) + i) : 1);
            }
            if (!left) for (int i = 0; i < elided; i++) b.add(1);
            biasShape = b.stream().mapToInt(Integer::intValue).toArray();
        }
        return new Analysis(kernelShape, biasShape, outShape.stream().mapToInt(Integer::intValue).toArray(),
                inputAxes.stream().mapToInt(Integer::intValue).toArray(), outputAxes.stream().mapToInt(Integer::intValue).toArray(),
                inFull, w, outFull);
    }

    // ------------------------------------------------------------------ Keras contract

    @Override public void build(Shape inputShape) {
        Analysis a = analyze(inputShape);
        for (int d : a.kernelShape()) {
            if (d == Shape.UNKNOWN) throw new IllegalArgumentException("EinsumDense: the kernel shape must be fully defined; `output_shape` "
                    + "has None where the equation '" + equation + "' needs a size");
        }
        inputSpec = InputSpec.ndim(inputShape.rank());
        Initializer init = kernelInitializer;
        if (init instanceof VarianceScaling) init = withFanAxes(init, a.inputAxes(), a.outputAxes());
        kernel = addWeight("kernel", Shape.of(a.kernelShape()), init, true, kernelRegularizer, kernelConstraint);
        if (a.biasShape() != null) bias = addWeight("bias", Shape.of(a.biasShape()), biasInitializer, true, biasRegularizer, biasConstraint);
    }

    /**
     * A variance-scaling initializer whose fans come from the kernel's input and output axes, as
     * Keras clones it (keeping its seed) unless the user gave the axes.
     */
    private static Initializer withFanAxes(Initializer init, int[] inputAxes, int[] outputAxes) {
        Map<String, Object> serialized = new LinkedHashMap<>(Initializers.serialize(init));
        @SuppressWarnings("unchecked") Map<String, Object> config = new LinkedHashMap<>((Map<String, Object>) serialized.get("config"));
        if (config.get("input_axes") != null && config.get("output_axes") != null) return init;
        config.put("input_axes", toList(inputAxes));
        config.put("output_axes", toList(outputAxes));
        serialized.put("config", config);
        return Initializers.deserialize(serialized);
    }

    @Override public Tensor call(Tensor inputs, boolean training) {
        Analysis a = analyze(inputs.shape());
        Tensor y = einsum(inputs, a.inputSpec(), Ops.cast(kernel.value(), inputs.dtype()), a.weightSpec(), a.outputSpec());
        if (bias != null) y = Ops.add(y, Ops.cast(bias.value(), y.dtype()));
        return activation.apply(y);
    }

    @Override public Shape computeOutputShape(Shape inputShape) { return Shape.of(analyze(inputShape).outputShape()); }

    /**
     * einsum of two operands without repeated letters in either: letters of x alone are summed
     * out, then x as (shared, x-only, contracted) times w as (shared, contracted, w-only), one
     * (batched) matmul, and the result's axes put in the output's order.
     */
    private static Tensor einsum(Tensor x, String xs, Tensor w, String ws, String os) {
        StringBuilder kept = new StringBuilder();
        List<Integer> summed = new ArrayList<>();
        for (int i = 0; i < xs.length(); i++) {
            char c = xs.charAt(i);
            if (xs.indexOf(c) != i || ws.indexOf(c) != ws.lastIndexOf(c)) {
                throw new UnsupportedOperationException("EinsumDense: repeated letters in one operand are not supported yet. Received: " + xs + "," + ws);
            }
            if (ws.indexOf(c) < 0 && os.indexOf(c) < 0) summed.add(i);
            else kept.append(c);
        }
        if (!summed.isEmpty()) x = Ops.sum(x, summed.stream().mapToInt(Integer::intValue).toArray(), false);
        xs = kept.toString();
        StringBuilder shared = new StringBuilder(), xOnly = new StringBuilder(), contracted = new StringBuilder(), wOnly = new StringBuilder();
        for (char c : xs.toCharArray()) {
            boolean inW = ws.indexOf(c) >= 0, inO = os.indexOf(c) >= 0;
            if (inW && inO) shared.append(c);
            else if (inW) contracted.append(c);
            else xOnly.append(c);
        }
        for (char c : ws.toCharArray()) if (xs.indexOf(c) < 0) wOnly.append(c);
        int nb = size(x, xs, shared), nx = size(x, xs, xOnly), nc = size(x, xs, contracted), nw = size(w, ws, wOnly);
        Tensor xm = Ops.transpose(x, perm(xs, shared + "" + xOnly + contracted));
        Tensor wm = Ops.transpose(w, perm(ws, shared + "" + contracted + wOnly));
        Tensor y = shared.length() == 0
                ? Ops.matmul(Ops.reshape(xm, nx, nc), Ops.reshape(wm, nc, nw))
                : Ops.matmul(Ops.reshape(xm, nb, nx, nc), Ops.reshape(wm, nb, nc, nw));
        String ys = shared + "" + xOnly + wOnly;
        int[] dims = new int[ys.length()];
        for (int i = 0; i < dims.length; i++) {
            char c = ys.charAt(i);
            dims[i] = xs.indexOf(c) >= 0 ? x.shape().dim(xs.indexOf(c)) : w.shape().dim(ws.indexOf(c));
        }
        return Ops.transpose(Ops.reshape(y, dims), perm(ys, os));
    }

    private static int size(Tensor t, String spec, CharSequence letters) {
        int n = 1;
        for (int i = 0; i < letters.length(); i++) n *= t.shape().dim(spec.indexOf(letters.charAt(i)));
        return n;
    }

    /** The permutation taking axes named by {@code from} to the order of {@code to}. */
    private static int[] perm(String from, String to) {
        int[] p = new int[to.length()];
        for (int i = 0; i < p.length; i++) p[i] = from.indexOf(to.charAt(i));
        return p;
    }

    private static List<Integer> toList(int[] v) {
        List<Integer> l = new ArrayList<>();
        for (int d : v) l.add(d);
        return l;
    }

    @Override public Map<String, Object> getConfig() {
        Map<String, Object> c = super.getConfig();
        List<Integer> shape = new ArrayList<>();
        for (int d : partialOutputShape) shape.add(d == Shape.UNKNOWN ? null : d);
        c.put("output_shape", shape);
        c.put("equation", equation);
        c.put("activation", activation.name());
        c.put("bias_axes", biasAxes);
        c.put("kernel_initializer", Initializers.serialize(kernelInitializer));
        c.put("bias_initializer", Initializers.serialize(biasInitializer));
        c.put("kernel_regularizer", Regularizers.serialize(kernelRegularizer));
        c.put("bias_regularizer", Regularizers.serialize(biasRegularizer));
        c.put("kernel_constraint", Constraints.serialize(kernelConstraint));
        c.put("bias_constraint", Constraints.serialize(biasConstraint));
        c.put("quantization_config", null);
        return c;
    }
}
