package io.keras4j.conformance;

import io.keras4j.activations.ActivationFunction;
import io.keras4j.activations.Activations;
import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.KerasTensor;
import io.keras4j.models.Model;
import io.keras4j.saving.ModelConfigs;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Runs one case of {@code cases.json}: a model (built with the Functional API) or an activation function. */
final class ModelCase {
    private final CaseSet set;
    private final String id;
    private final Map<String, Object> entry;
    private final boolean hasBatch;

    private ModelCase(CaseSet set, String id, Map<String, Object> entry) {
        this.set = set;
        this.id = id;
        this.entry = entry;
        this.hasBatch = entry.get("batch") != null;
    }

    static CaseResult run(CaseSet set, String id, Map<String, Object> entry) {
        ModelCase c = new ModelCase(set, id, entry);
        try {
            return switch (String.valueOf(entry.get("kind"))) {
                case "model" -> c.runModel();
                case "activation_function" -> c.runActivation();
                case "handwritten" -> CaseResult.skipped(id, entry.get("note") != null ? String.valueOf(entry.get("note"))
                        : "expected value written by hand, not computed by Keras");
                default -> CaseResult.failed(id, "unknown kind " + entry.get("kind"));
            };
        } catch (UnsupportedOperationException e) {
            return CaseResult.skipped(id, e.getMessage());
        } catch (RuntimeException e) {
            return CaseResult.failed(id, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private Tolerance tolerance() {
        String file = String.valueOf(entry.get("file"));
        return file.startsWith("graph/") || file.startsWith("pipeline/") ? Tolerance.GRAPHS : Tolerance.LAYERS;
    }

    // ------------------------------------------------------------------ activation functions

    private CaseResult runActivation() {
        String function = String.valueOf(entry.get("function"));
        if (!Activations.names().contains(function)) return CaseResult.skipped(id, "activation " + function + " not supported yet");
        Map<String, Object> kwargs = entry.get("function_kwargs") instanceof Map<?, ?> m ? CaseSet.map(m) : Map.of();
        ActivationFunction f = activation(function, kwargs, set.kerasVersion);
        Map<String, Object> data = set.data(String.valueOf(entry.get("file")), id);
        Tensor x = CaseSet.tensor(data.get("input"), DType.FLOAT32, !hasBatch);
        return compare(f.apply(x), data.get("expected"));
    }

    /**
     * {@code keras.activations.get(name)(x, **kwargs)} as the set's Keras version defines it: Keras
     * 2's {@code hard_sigmoid} is {@code clip(0.2 x + 0.5, 0, 1)}; the other functions the keras-js
     * set uses kept their meaning (Keras 2's relu {@code alpha} is Keras 3's {@code negative_slope}).
     */
    private static ActivationFunction activation(String name, Map<String, ?> kwargs, int kerasVersion) {
        if (kerasVersion < 3 && name.equals("hard_sigmoid") && kwargs.isEmpty()) return Activations::hardSigmoidKeras2;
        return Activations.get(name, kwargs);
    }

    // ------------------------------------------------------------------ models

    private CaseResult runModel() {
        Map<String, Object> model = CaseSet.map(entry.get("model"));
        List<Map<String, Object>> layers = new ArrayList<>();
        for (Object l : (List<?>) model.get("layers")) layers.add(CaseSet.map(l));
        for (Map<String, Object> l : layers) {
            if (!Layers.isRegistered(String.valueOf(l.get("class_name")))) {
                return CaseResult.skipped(id, "layer " + l.get("class_name") + " not supported yet");
            }
        }
        Map<String, Object> data = set.data(String.valueOf(entry.get("file")), id);

        Model net = build(model, layers);
        List<Layer> built = new ArrayList<>();
        for (Map<String, Object> l : layers) built.add(net.getLayer(String.valueOf(l.get("name"))));
        String error = assignWeights(layers, built, data);
        if (error != null) return CaseResult.failed(id, error);

        List<Object> inputSpecs = data.containsKey("input") ? List.of(data.get("input")) : new ArrayList<>((List<?>) data.get("inputs"));
        List<Tensor> xs = new ArrayList<>();
        for (int i = 0; i < inputSpecs.size(); i++) xs.add(CaseSet.tensor(inputSpecs.get(i), net.inputs().get(i).dtype(), !hasBatch));
        boolean training = Boolean.TRUE.equals(entry.get("training"));
        int calls = entry.get("predict_calls") instanceof Number n ? Math.max(1, n.intValue()) : 1;
        List<Tensor> ys = null;
        // Stateful layers carry state from one call to the next; Keras recorded the last call.
        for (int i = 0; i < calls; i++) ys = training ? net.applyAll(xs, true) : net.predictAll(xs);
        CaseResult output = compare(ys.get(0), data.get("expected"));
        if (output.status() != CaseResult.Status.PASSED) return output;
        CaseResult states = compareStates(ys.subList(1, ys.size()), data.get("expected_states"));
        if (states.status() != CaseResult.Status.PASSED) return states;
        return compareMovingStatistics(net, data);
    }

    /**
     * {@code expected_states}: a layer with return_state returns [output, states...], so the model's
     * outputs after the first are the states, in Keras's order ([h, c] for LSTM).
     */
    private CaseResult compareStates(List<Tensor> got, Object expectedSpec) {
        if (expectedSpec == null) return CaseResult.passed(id);
        List<?> expected = (List<?>) expectedSpec;
        if (got.size() != expected.size()) {
            return CaseResult.failed(id, "expected_states: the model returns " + got.size() + " state(s), the case expects " + expected.size());
        }
        for (int i = 0; i < expected.size(); i++) {
            Tensor want = CaseSet.tensor(expected.get(i), DType.FLOAT32, !hasBatch);
            String mismatch = tolerance().mismatch(got.get(i), want);
            if (mismatch != null) return CaseResult.failed(id, "expected_states[" + i + "]: " + mismatch);
        }
        return CaseResult.passed(id);
    }

    /**
     * The Functional model of {@code cases.json}, written as the Keras 2 model config it stands
     * for ({@code "Model"} with {@code inbound_nodes} as {@code [[name, 0, 0, {}], ...]}) and built
     * by {@link ModelConfigs}, the reader of Keras model files. Each {@code inbound} entry is one
     * call on the first output of the named layers. A layer that returns several tensors (an RNN
     * with return_state) gives all of them when it is a model output ([output, states...]).
     */
    private Model build(Map<String, Object> model, List<Map<String, Object>> layers) {
        List<Object> entries = new ArrayList<>();
        for (Map<String, Object> l : layers) {
            Map<String, Object> config = new LinkedHashMap<>(CaseSet.map(l.getOrDefault("config", Map.of())));
            // Names in cases.json are the extractor's labels; giving them to the layers names the weights "dense_1/kernel".
            if (l.get("name") != null) config.putIfAbsent("name", l.get("name"));
            List<Object> nodes = new ArrayList<>();
            if (!"InputLayer".equals(l.get("class_name")) && l.get("inbound") instanceof List<?> calls) {
                for (Object call : calls) {
                    List<Object> node = new ArrayList<>();
                    for (Object from : (List<?>) call) node.add(new ArrayList<>(List.of(String.valueOf(from), 0, 0, Map.of())));
                    nodes.add(node);
                }
            }
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("class_name", l.get("class_name"));
            entry.put("config", config);
            entry.put("name", l.get("name"));
            entry.put("inbound_nodes", nodes);
            entries.add(entry);
        }
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("name", "model");
        config.put("layers", entries);
        config.put("input_layers", triples(model.get("inputs")));
        config.put("output_layers", triples(model.get("outputs")));
        Map<String, Object> serialized = new LinkedHashMap<>();
        serialized.put("class_name", "Model");
        serialized.put("config", config);
        Model net = ModelConfigs.fromConfig(serialized, set.kerasVersion, true);
        List<KerasTensor> outs = new ArrayList<>();
        for (KerasTensor o : net.outputs()) outs.addAll(o.node().outputs());
        return outs.size() == net.outputs().size() ? net : new Model(net.inputs(), outs);
    }

    private static List<Object> triples(Object names) {
        List<Object> out = new ArrayList<>();
        for (Object n : (List<?>) names) out.add(new ArrayList<>(List.of(String.valueOf(n), 0, 0)));
        return out;
    }

    /** Sets each layer's weights from the file's weight list; returns an error message or null. */
    private static String assignWeights(List<Map<String, Object>> layers, List<Layer> built, Map<String, Object> data) {
        List<?> all = data.get("weights") instanceof List<?> w ? w : List.of();
        for (int i = 0; i < layers.size(); i++) {
            Layer layer = built.get(i);
            List<Map<String, Object>> specs = new ArrayList<>();
            if (layers.get(i).get("weights") instanceof List<?> ws) for (Object w : ws) specs.add(CaseSet.map(w));
            List<Variable> vars = layer.weights();
            if (vars.size() != specs.size()) {
                return "layer " + layer.name() + " has " + vars.size() + " weights, the case gives " + specs.size();
            }
            if (vars.isEmpty()) continue;
            List<Tensor> values = new ArrayList<>();
            for (Map<String, Object> spec : matchByName(layer, vars, specs)) {
                int index = ((Number) spec.get("index")).intValue();
                if (index < 0 || index >= all.size()) return "weight index " + index + " of layer " + layer.name() + " is not in the data file";
                Tensor t = CaseSet.tensor(all.get(index), DType.FLOAT32, false);
                if (spec.get("shape") instanceof List<?> s && !t.shape().equals(Shape.of(s.stream().mapToInt(d -> ((Number) d).intValue()).toArray()))) {
                    return "weight " + index + " has shape " + t.shape() + " but cases.json says " + s;
                }
                values.add(t);
            }
            layer.setWeights(values);
        }
        return null;
    }

    /**
     * The weight specs in the order of the layer's variables: by name where every variable finds
     * its own ({@code dense_1/kernel} ends with {@code /kernel}; nested ones with
     * {@code /forward_lstm/kernel}), else in the order given.
     */
    private static List<Map<String, Object>> matchByName(Layer layer, List<Variable> vars, List<Map<String, Object>> specs) {
        List<Map<String, Object>> ordered = new ArrayList<>();
        for (Variable v : vars) {
            Map<String, Object> match = null;
            for (Map<String, Object> s : specs) {
                String name = String.valueOf(s.get("name"));
                if ((v.name().equals(layer.name() + "/" + name) || v.name().endsWith("/" + name)) && !ordered.contains(s)) {
                    if (match != null) return specs; // ambiguous
                    match = s;
                }
            }
            if (match == null) return specs;
            ordered.add(match);
        }
        return ordered;
    }

    /** {@code expected_moving_mean} and friends: the variable of that name after the call. */
    private CaseResult compareMovingStatistics(Model seq, Map<String, Object> data) {
        for (Map.Entry<String, Object> e : data.entrySet()) {
            if (!e.getKey().startsWith("expected_moving_")) continue;
            String suffix = "/" + e.getKey().substring("expected_".length());
            List<Variable> found = new ArrayList<>();
            for (Variable v : seq.weights()) if (v.name().endsWith(suffix)) found.add(v);
            if (found.size() != 1) return CaseResult.failed(id, e.getKey() + ": expected one variable named *" + suffix + ", found " + found.size());
            Tensor want = CaseSet.tensor(e.getValue(), DType.FLOAT32, false);
            Tensor got = found.get(0).numpy();
            // Moving statistics have no batch axis; accept a shape that only adds axes of size 1.
            if (want.size() == got.size()) want = want.withShape(got.shape());
            String mismatch = tolerance().mismatch(got, want);
            if (mismatch != null) return CaseResult.failed(id, e.getKey() + ": " + mismatch);
        }
        return CaseResult.passed(id);
    }

    private CaseResult compare(Tensor got, Object expectedSpec) {
        Tensor expected = CaseSet.tensor(expectedSpec, DType.FLOAT32, !hasBatch);
        String mismatch = tolerance().mismatch(got, expected);
        return mismatch == null ? CaseResult.passed(id) : CaseResult.failed(id, mismatch);
    }
}
