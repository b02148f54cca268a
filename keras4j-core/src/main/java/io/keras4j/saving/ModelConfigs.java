package io.keras4j.saving;

import io.keras4j.layers.KerasTensor;
import io.keras4j.layers.Layer;
import io.keras4j.layers.Layers;
import io.keras4j.layers.Node;
import io.keras4j.layers.core.InputLayer;
import io.keras4j.models.Model;
import io.keras4j.models.Sequential;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Model configs, both ways: {@link #toConfig} writes a model as Keras 3 serializes it (the
 * {@code config.json} of a {@code .keras} file, {@code model.to_json()}); {@link #fromConfig}
 * rebuilds a model from a config in Keras 3's form or in the Keras 1/2 dialect of legacy
 * {@code .h5} files and {@code to_json()} outputs ({@code "Model"} class name,
 * {@code batch_input_shape}, {@code inbound_nodes} as nested lists, a Sequential config that is a
 * bare list). Functional graphs follow Keras's {@code functional_from_config}: layers are created
 * in order, and each layer call waits until the tensors it needs exist, so shared layers and
 * layers listed before their inputs work. A model used as a layer is rebuilt from its own config.
 * <pre>{@code
 * Map<String, Object> config = ModelConfigs.toConfig(model);
 * Model copy = ModelConfigs.fromConfig(config);
 * }</pre>
 */
public final class ModelConfigs {
    private ModelConfigs() {}

    // ------------------------------------------------------------------ writing (Keras 3)

    /** The model serialized as Keras 3 does: {@code {"module", "class_name", "config", "registered_name", "build_config"}}. */
    public static Map<String, Object> toConfig(Model model) { return SerializationLib.serializeLayer(model); }

    /** {@code model.to_json()}: the Keras 3 serialized model as JSON. */
    public static String toJson(Model model) { return KerasJson.write(toConfig(model)); }

    /** {@code keras.models.model_from_json}: a model from {@code to_json()} output (Keras 1, 2 or 3). */
    public static Model fromJson(String json) { return fromConfig(KerasJson.readObject(json, "The model JSON")); }

    /** {@code get_config()} of a Functional model: layers with their inbound nodes, input and output layers. */
    public static Map<String, Object> functionalConfig(Model model) {
        Map<Node, Integer> nodeIndex = nodeIndices(model);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", model.name());
        c.put("trainable", model.trainable());
        List<Object> layers = new ArrayList<>();
        for (Layer layer : model.layers()) {
            Map<String, Object> entry = new LinkedHashMap<>(SerializationLib.serializeLayer(layer));
            entry.put("name", layer.name());
            List<Object> nodes = new ArrayList<>();
            if (!(layer instanceof InputLayer)) {
                for (Node n : model.graphNodes()) if (n.layer() == layer) nodes.add(serializeNode(n, nodeIndex));
            }
            entry.put("inbound_nodes", nodes);
            layers.add(entry);
        }
        c.put("layers", layers);
        List<Object> ins = new ArrayList<>(), outs = new ArrayList<>();
        for (KerasTensor t : model.inputs()) ins.add(history(t, nodeIndex));
        for (KerasTensor t : model.outputs()) outs.add(history(t, nodeIndex));
        c.put("input_layers", ins);
        c.put("output_layers", outs);
        return c;
    }

    /** {@code get_config()} of a Sequential model: its layers (InputLayer first when it has one) and build input shape. */
    public static Map<String, Object> sequentialConfig(Sequential model) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", model.name());
        c.put("trainable", model.trainable());
        c.put("dtype", SerializationLib.dtypePolicy(model.dtype().kerasName()));
        List<Object> layers = new ArrayList<>();
        if (model.inputLayer() != null) layers.add(SerializationLib.serializeLayer(model.inputLayer()));
        for (Layer l : model.layers()) layers.add(SerializationLib.serializeLayer(l));
        c.put("layers", layers);
        Shape in = model.inputShape();
        if (in != null) c.put("build_input_shape", SerializationLib.dims(in));
        return c;
    }

    /**
     * Each node's index among its layer's calls in this model, as Keras re-numbers them in
     * {@code get_config}: input layers have node 0; other layers count their calls in graph order.
     */
    private static Map<Node, Integer> nodeIndices(Model model) {
        Map<Node, Integer> index = new IdentityHashMap<>();
        Map<Layer, Integer> counts = new IdentityHashMap<>();
        for (KerasTensor in : model.inputs()) index.put(in.node(), 0);
        for (Node n : model.graphNodes()) index.put(n, counts.merge(n.layer(), 1, Integer::sum) - 1);
        return index;
    }

    private static List<Object> history(KerasTensor t, Map<Node, Integer> nodeIndex) {
        Integer node = nodeIndex.get(t.node());
        if (node == null) throw new IllegalStateException("Tensor " + t + " is not produced inside the model");
        return new ArrayList<>(List.of(t.node().layer().name(), node, t.index()));
    }

    /**
     * One call as Keras 3 records it: one input is {@code args=[tensor]}; several are one list
     * argument {@code args=[[t1, t2, ...]]} (merging and attention layers, models), except that an
     * RNN's extra inputs are its {@code initial_state} keyword argument.
     */
    private static Map<String, Object> serializeNode(Node n, Map<Node, Integer> nodeIndex) {
        List<Object> args = new ArrayList<>();
        Map<String, Object> kwargs = new LinkedHashMap<>();
        List<KerasTensor> in = n.inputs();
        boolean recurrent = n.layer() instanceof io.keras4j.layers.rnn.RNN || n.layer() instanceof io.keras4j.layers.rnn.Bidirectional;
        if (in.size() == 1) {
            args.add(kerasTensor(in.get(0), nodeIndex));
        } else if (recurrent) {
            args.add(kerasTensor(in.get(0), nodeIndex));
            List<Object> states = new ArrayList<>();
            for (KerasTensor t : in.subList(1, in.size())) states.add(kerasTensor(t, nodeIndex));
            kwargs.put("initial_state", states);
        } else {
            List<Object> list = new ArrayList<>();
            for (KerasTensor t : in) list.add(kerasTensor(t, nodeIndex));
            args.add(list);
        }
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("args", args);
        node.put("kwargs", kwargs);
        return node;
    }

    private static Map<String, Object> kerasTensor(KerasTensor t, Map<Node, Integer> nodeIndex) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("shape", SerializationLib.dims(t.shape()));
        config.put("dtype", t.dtype().kerasName());
        config.put("keras_history", history(t, nodeIndex));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("class_name", "__keras_tensor__");
        m.put("config", config);
        return m;
    }

    // ------------------------------------------------------------------ reading (Keras 1, 2, 3)

    /**
     * A model from its serialized config: {@code {"class_name": "Sequential" | "Functional" |
     * "Model", "config": ...}} (the {@code model_config} of a legacy file, {@code to_json()}
     * output, Keras 3's {@code config.json}), or a registered custom model. The Keras version is
     * told from the config's form; safe mode is on.
     */
    public static Model fromConfig(Map<String, ?> serialized) {
        return fromConfig(serialized, detectVersion(serialized), SerializationLib.inSafeMode());
    }

    /**
     * As {@link #fromConfig(Map)} for a config written by Keras {@code kerasVersion} (1, 2 or 3;
     * it decides what {@code "hard_sigmoid"} means, see {@link Layers#fromConfig(String, Map, int)}).
     */
    public static Model fromConfig(Map<String, ?> serialized, int kerasVersion, boolean safeMode) {
        return SerializationLib.withSafeMode(safeMode, () -> new Reader(kerasVersion, safeMode).model(SerializationLib.stripSharedObjectIds(serialized)));
    }

    /** Keras 3 configs carry {@code module} keys and dict-shaped nodes; Keras 1/2 configs do not. */
    static int detectVersion(Object config) {
        if (config instanceof Map<?, ?> m) {
            if (m.containsKey("module") || m.containsKey("registered_name") || m.containsKey("build_config")) return 3;
            if (m.containsKey("args") && m.containsKey("kwargs")) return 3;
            if (m.get("keras_version") instanceof String v) return v.startsWith("1.") ? 1 : v.startsWith("3.") ? 3 : 2;
            for (Object v : m.values()) if (detectVersion(v) == 3) return 3;
        } else if (config instanceof List<?> l) {
            for (Object v : l) if (detectVersion(v) == 3) return 3;
        }
        return 2;
    }

    private static final class Reader {
        private final int version;
        private final boolean safeMode;

        Reader(int version, boolean safeMode) {
            this.version = version;
            this.safeMode = safeMode;
        }

        Model model(Map<String, Object> serialized) {
            Object className = serialized.get("class_name");
            Object config = serialized.get("config");
            String registered = serialized.get("registered_name") instanceof String s ? s : null;
            if ("Sequential".equals(className) && registered == null) return sequential(config);
            if (("Functional".equals(className) || "Model".equals(className)) && (registered == null || registered.equals("Functional"))
                    && config instanceof Map<?, ?> c && c.containsKey("layers")) {
                return functional(map(c));
            }
            Object obj = SerializationLib.deserializeKerasObject(serialized, safeMode);
            if (obj instanceof Model m) return m;
            throw new IllegalArgumentException("The config does not describe a model: class_name=" + className
                    + (obj == null ? "" : " gives a " + obj.getClass().getSimpleName()));
        }

        /** A layer entry: a nested model, a registered custom layer, or a built-in layer. */
        Layer layer(Map<String, Object> entry) {
            Object className = entry.get("class_name");
            if ("Sequential".equals(className) || "Functional".equals(className) || "Model".equals(className)) {
                if (entry.get("registered_name") == null || "Functional".equals(entry.get("registered_name"))) return model(entry);
            }
            if (!(className instanceof String cls)) throw new IllegalArgumentException("Layer config without a `class_name`: " + entry);
            boolean custom = ObjectRegistry.find(entry.get("registered_name") instanceof String r ? r : null, cls) != null;
            if (version < 3 && !custom && Layers.isRegistered(cls)) {
                Map<String, Object> config = entry.get("config") instanceof Map<?, ?> c ? map(c) : new LinkedHashMap<>();
                return Layers.fromConfig(cls, config, version);
            }
            Map<String, Object> plain = new LinkedHashMap<>(entry);
                        plain.remove("inbound_nodes");
            plain.remove("name");
            // Calling the layer builds it; build_config holds only the first input's shape, too little for a merge layer.
            plain.remove("build_config");
            Object obj = SerializationLib.deserializeKerasObject(plain, safeMode);
            if (!(obj instanceof Layer l)) throw new IllegalArgumentException("Config of '" + cls + "' does not describe a layer: " + entry);
            return l;
        }

        Sequential sequential(Object config) {
            List<?> layerList;
            Map<String, Object> c = null;
            if (config instanceof List<?> l) {
                layerList = l; // Keras 2.0 - 2.2.2: the config is the list of layers
            } else if (config instanceof Map<?, ?> m && m.get("layers") instanceof List<?> l) {
                c = map(m);
                layerList = l;
            } else {
                throw new IllegalArgumentException("A Sequential config must be a list of layers or a dict with `layers`. Received: " + config);
            }
            Sequential model = new Sequential();
            if (c != null && c.get("name") instanceof String n) model.name(n);
            boolean first = true;
            for (Object o : layerList) {
                Map<String, Object> entry = map(o);
                Map<String, Object> lc = entry.get("config") instanceof Map<?, ?> x ? map(x) : Map.of();
                if (first && !"InputLayer".equals(entry.get("class_name"))) {
                    Shape declared = Layers.declaredInputShape(lc);
                    if (declared != null) {
                        DType dtype = lc.get("dtype") instanceof String d ? DType.of(d) : DType.FLOAT32;
                        String name = lc.get("name") instanceof String n ? n + "_input" : null;
                        model.add(new InputLayer(declared, dtype, name));
                    }
                }
                first = false;
                model.add(layer(entry));
            }
            if (model.inputLayer() == null && c != null && c.get("build_input_shape") instanceof List<?> shape && !model.layers().isEmpty()) {
                model.buildFrom(SerializationLib.toShape(shape));
            }
            if (c != null && Boolean.FALSE.equals(c.get("trainable"))) model.trainable(false);
            return model;
        }

        Model functional(Map<String, Object> config) {
            List<?> layerEntries = (List<?>) config.get("layers");
            Map<String, Layer> byName = new LinkedHashMap<>();
            List<String> order = new ArrayList<>();
            Map<String, List<Object>> pending = new HashMap<>();
            Map<String, List<List<KerasTensor>>> outputs = new HashMap<>();
            for (Object o : layerEntries) {
                Map<String, Object> entry = map(o);
                Layer layer = layer(entry);
                String name = entry.get("name") instanceof String n ? n : layer.name();
                byName.put(name, layer);
                order.add(name);
                outputs.put(name, new ArrayList<>());
                List<Object> nodes = new ArrayList<>();
                if (entry.get("inbound_nodes") instanceof List<?> l) nodes.addAll(l);
                if (layer instanceof InputLayer il) {
                    outputs.get(name).add(List.of(il.output()));
                    nodes.clear();
                }
                pending.put(name, nodes);
            }
            // Keras's functional_from_config: call each layer as soon as its inputs exist, in order per layer.
            boolean progress = true;
            while (progress) {
                progress = false;
                for (String name : order) {
                    List<Object> nodes = pending.get(name);
                    while (!nodes.isEmpty()) {
                        List<KerasTensor> inputs = resolveNode(nodes.get(0), outputs);
                        if (inputs == null) break;
                        outputs.get(name).add(byName.get(name).applyAll(inputs));
                        nodes.remove(0);
                        progress = true;
                    }
                }
            }
            for (String name : order) {
                if (!pending.get(name).isEmpty()) {
                    throw new IllegalArgumentException("Could not build the Functional model: the inputs of layer '" + name
                            + "' are never produced (node " + pending.get(name).get(0) + ")");
                }
            }
            List<KerasTensor> ins = tensors(config.get("input_layers"), outputs, "input_layers");
            List<KerasTensor> outs = tensors(config.get("output_layers"), outputs, "output_layers");
            Model model = new Model(ins, outs);
            if (config.get("name") instanceof String n) model.name(n);
            if (Boolean.FALSE.equals(config.get("trainable"))) model.trainable(false);
            return model;
        }

        /** The input tensors of one node, or null when one of them does not exist yet. */
        private List<KerasTensor> resolveNode(Object node, Map<String, List<List<KerasTensor>>> outputs) {
            List<List<?>> histories = new ArrayList<>();
            if (node instanceof Map<?, ?> m) {
                // Keras 3: {"args": [...], "kwargs": {...}} with __keras_tensor__ entries.
                collectHistories(m.get("args"), histories);
                if (m.get("kwargs") instanceof Map<?, ?> kwargs) {
                    for (Map.Entry<?, ?> e : kwargs.entrySet()) {
                        String key = String.valueOf(e.getKey());
                        if (key.equals("mask") || key.equals("training")) continue; // masks flow with the tensors
                        List<List<?>> found = new ArrayList<>();
                        collectHistories(e.getValue(), found);
                        if (found.isEmpty()) continue;
                        if (!key.equals("initial_state") && !key.equals("constants")) {
                            throw new UnsupportedOperationException("Layer calls with the tensor keyword argument `" + key + "` are not supported yet");
                        }
                        histories.addAll(found);
                    }
                }
            } else if (node instanceof List<?> entries) {
                // Keras 1/2: [[layer_name, node_index, tensor_index, kwargs], ...]
                for (Object e : entries) {
                    if (!(e instanceof List<?> h) || h.size() < 3) throw new IllegalArgumentException("Invalid inbound node entry: " + e);
                    histories.add(h);
                }
            } else {
                throw new IllegalArgumentException("Invalid inbound node: " + node);
            }
            List<KerasTensor> inputs = new ArrayList<>();
            for (List<?> h : histories) {
                KerasTensor t = lookup(h, outputs);
                if (t == null) return null;
                inputs.add(t);
            }
            if (inputs.isEmpty()) throw new IllegalArgumentException("A layer call without tensor inputs: " + node);
            return inputs;
        }

        private static void collectHistories(Object v, List<List<?>> out) {
            if (v instanceof Map<?, ?> m) {
                if ("__keras_tensor__".equals(m.get("class_name")) && m.get("config") instanceof Map<?, ?> c
                        && c.get("keras_history") instanceof List<?> h) {
                    out.add(h);
                } else {
                    for (Object x : m.values()) collectHistories(x, out);
                }
            } else if (v instanceof List<?> l) {
                for (Object x : l) collectHistories(x, out);
            }
        }

        private static KerasTensor lookup(List<?> history, Map<String, List<List<KerasTensor>>> outputs) {
            String layer = String.valueOf(history.get(0));
            int node = ((Number) history.get(1)).intValue();
            int tensor = ((Number) history.get(2)).intValue();
            List<List<KerasTensor>> made = outputs.get(layer);
            if (made == null) throw new IllegalArgumentException("Unknown layer '" + layer + "' in the model config (keras_history " + history + ")");
            if (node >= made.size()) return null;
            List<KerasTensor> outs = made.get(node);
            if (tensor >= outs.size()) {
                throw new IllegalArgumentException("Layer '" + layer + "' has " + outs.size() + " outputs; the config asks for output " + tensor);
            }
            return outs.get(tensor);
        }

        /** {@code input_layers}/{@code output_layers}: a list of [name, node, tensor] triples, or one triple. */
        private static List<KerasTensor> tensors(Object spec, Map<String, List<List<KerasTensor>>> outputs, String key) {
            if (!(spec instanceof List<?> l) || l.isEmpty()) throw new IllegalArgumentException("The model config has no `" + key + "`");
            List<List<?>> triples = new ArrayList<>();
            if (l.get(0) instanceof String) triples.add(l);
            else collectTriples(l, triples);
            List<KerasTensor> out = new ArrayList<>();
            for (List<?> h : triples) {
                KerasTensor t = lookup(h, outputs);
                if (t == null) throw new IllegalArgumentException("`" + key + "` names node " + h + ", which the model never creates");
                out.add(t);
            }
            return out;
        }

        private static void collectTriples(Object v, List<List<?>> out) {
            if (v instanceof List<?> l && !l.isEmpty() && l.get(0) instanceof String) out.add(l);
            else if (v instanceof List<?> l) for (Object x : l) collectTriples(x, out);
            else if (v instanceof Map<?, ?> m) for (Object x : m.values()) collectTriples(x, out);
        }
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("Expected a dict in the model config. Received: " + o);
        return (Map<String, Object>) m;
    }
}
