package io.keras4j.saving;

import io.keras4j.SharedData;
import io.keras4j.layers.Layer;
import io.keras4j.models.Model;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@link SavingLib#kerasLayerOrder} against Keras's own {@code model.layers} order, recorded in
 * keras-js {@code cases.json} for multi-branch graphs (the order of the weights Keras wrote).
 */
class KerasLayerOrderTest {

    @Test void graphCasesKeepKerasOrder() throws Exception {
        Map<String, Object> cases = KerasJson.readObject(Files.readString(SharedData.dir("conformance/keras-js").resolve("cases.json")), "cases.json");
        int checked = 0;
        for (String id : List.of("graph_00", "graph_01", "graph_02", "graph_03", "graph_04", "graph_05", "graph_06", "graph_07")) {
            if (!(cases.get(id) instanceof Map<?, ?> entry)) continue;
            Map<String, Object> model = ModelConfigs.map(entry.get("model"));
            List<Object> layers = new ArrayList<>();
            List<String> kerasOrder = new ArrayList<>();
            List<Object> shuffled = new ArrayList<>((List<?>) model.get("layers"));
            // Build from a config listing the layers in another order, so the result cannot just echo the input.
            Collections.reverse(shuffled);
            for (Object o : (List<?>) model.get("layers")) kerasOrder.add(String.valueOf(ModelConfigs.map(o).get("name")));
            for (Object o : shuffled) {
                Map<String, Object> l = ModelConfigs.map(o);
                Map<String, Object> config = new LinkedHashMap<>(ModelConfigs.map(l.get("config")));
                config.put("name", l.get("name"));
                if ("InputLayer".equals(l.get("class_name")) && config.containsKey("shape")) config.put("batch_shape", withBatch(config.remove("shape")));
                List<Object> nodes = new ArrayList<>();
                if (!"InputLayer".equals(l.get("class_name"))) {
                    for (Object call : (List<?>) l.get("inbound")) {
                        List<Object> node = new ArrayList<>();
                        for (Object from : (List<?>) call) node.add(List.of(from, 0, 0, Map.of()));
                        nodes.add(node);
                    }
                }
                layers.add(Map.of("class_name", l.get("class_name"), "name", l.get("name"), "config", config, "inbound_nodes", nodes));
            }
            List<Object> ins = new ArrayList<>(), outs = new ArrayList<>();
            for (Object n : (List<?>) model.get("inputs")) ins.add(List.of(n, 0, 0));
            for (Object n : (List<?>) model.get("outputs")) outs.add(List.of(n, 0, 0));
            Model m;
            try {
                m = ModelConfigs.fromConfig(Map.of("class_name", "Model", "config", Map.of("name", id, "layers", layers, "input_layers", ins, "output_layers", outs)), 2, true);
            } catch (UnsupportedOperationException e) {
                continue;
            }
            assertEquals(kerasOrder, SavingLib.kerasLayerOrder(m).stream().map(Layer::name).toList(), id);
            checked++;
        }
        assertTrue(checked >= 6, "checked " + checked + " graphs");
    }

    private static List<Object> withBatch(Object shape) {
        List<Object> out = new ArrayList<>();
        out.add(null);
        out.addAll((List<?>) shape);
        return out;
    }
}
