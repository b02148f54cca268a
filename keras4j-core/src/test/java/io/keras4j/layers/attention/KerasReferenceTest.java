package io.keras4j.layers.attention;

import io.keras4j.autodiff.Variable;
import io.keras4j.layers.Layers;
import io.keras4j.tensor.DType;
import io.keras4j.tensor.Shape;
import io.keras4j.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Numbers computed by Keras 3.15.1 itself (numpy backend) for the same inputs and weights: every
 * tensor is {@code 0.5 sin(0.37 i + seed)} over its flat index i. Keras computed in float32, hence
 * the 1e-6 tolerance.
 */
class KerasReferenceTest {
    private static Tensor det(long seed, int... shape) {
        double[] d = new double[Shape.of(shape).size()];
        for (int i = 0; i < d.length; i++) d[i] = 0.5 * Math.sin(i * 0.37 + seed);
        return Tensor.of(d, shape);
    }

    private static void setDeterministic(io.keras4j.layers.Layer layer, int firstSeed) {
        List<Tensor> ws = new ArrayList<>();
        int s = firstSeed;
        for (Variable v : layer.weights()) ws.add(det(s++, v.shape().dims()));
        layer.setWeights(ws);
    }

    private static void assertAll(double[] expected, Tensor actual) {
        assertEquals(expected.length, actual.size());
        for (int i = 0; i < expected.length; i++) assertEquals(expected[i], actual.getDouble(i), 1e-6, "element " + i);
    }

    @Test void multiHeadCrossAttentionWithPaddingAndCausalMasks() {
        Tensor q = det(1, 2, 4, 5), v = det(2, 2, 4, 6), k = det(3, 2, 4, 3);
        MultiHeadAttention mha = new MultiHeadAttention(2, 3).valueDim(2).dtype(DType.FLOAT64);
        mha.ensureBuiltAll(List.of(q.shape(), v.shape(), k.shape()));
        setDeterministic(mha, 10);
        Tensor mask = Tensor.of(new float[] {1, 1, 1, 0, 1, 0, 1, 1}, 2, 1, 4);
        List<Tensor> r = mha.callWithMask(q, v, k, mask, true, false);
        assertAll(new double[] {-0.6654274463653564, -0.6784564256668091, -0.5996594429016113, -0.4397013783454895, -0.22023186087608337, -0.6340906620025635, -0.647544801235199, -0.5733567476272583, -0.42156749963760376, -0.21272112429141998, -0.6488614082336426, -0.6651870608329773, -0.5914827585220337, -0.4377239942550659, -0.22472138702869415, -0.6493668556213379, -0.6657223701477051, -0.5919754505157471, -0.4381074011325836, -0.22494357824325562, -0.6086059808731079, -0.6246309876441956, -0.5561150908470154, -0.41233164072036743, -0.21274101734161377, -0.6086059808731079, -0.6246309876441956, -0.5561150908470154, -0.41233164072036743, -0.21274101734161377, -0.6223335862159729, -0.6353669762611389, -0.5624064207077026, -0.41332682967185974, -0.20830538868904114, -0.6207702159881592, -0.6356165409088135, -0.5644352436065674, -0.4168602228164673, -0.21286511421203613}, r.get(0));
        assertEquals(Shape.of(2, 2, 4, 4), r.get(1).shape());
        assertAll(new double[] {1.0, 0.0, 0.0, 0.0, 0.49481624364852905, 0.5051836967468262, 0.0, 0.0, 0.3277416229248047, 0.33076292276382446, 0.34149542450904846, 0.0, 0.3245069086551666, 0.3292638063430786, 0.34622928500175476, 0.0, 1.0, 0.0, 0.0, 0.0, 0.4913879334926605, 0.5086120963096619, 0.0, 0.0, 0.336969256401062, 0.33345431089401245, 0.32957637310028076, 0.0, 0.33842748403549194, 0.33345797657966614, 0.3281145989894867, 0.0, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.5139545798301697, 0.0, 0.4860454797744751, 0.0, 0.34944427013397217, 0.0, 0.3181670308113098, 0.3323887288570404, 1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.4942668378353119, 0.0, 0.5057331323623657, 0.0, 0.33670544624328613, 0.0, 0.32777732610702515, 0.3355173170566559}, r.get(1));
    }

    @Test void multiHeadAttentionOverOneAxisOfFourDimensionalInputs() {
        Tensor x = det(4, 2, 3, 2, 4);
        MultiHeadAttention mha = new MultiHeadAttention(2, 2).attentionAxes(2).dtype(DType.FLOAT64);
        mha.ensureBuiltAll(List.of(x.shape(), x.shape()));
        setDeterministic(mha, 20);
        List<Tensor> r = mha.callWithMask(x, x, null, null, false, false);
        assertAll(new double[] {0.2931978106498718, 0.20679828524589539, 0.09240958094596863, -0.034486301243305206, 0.28996071219444275, 0.20381897687911987, 0.090091273188591, -0.035829827189445496, 0.19513463973999023, 0.10215651988983154, -0.004648000001907349, -0.11082340776920319, 0.19939956068992615, 0.10618951916694641, -0.0013928115367889404, -0.10878661274909973, 0.2589510679244995, 0.17489942908287048, 0.0671759694814682, -0.04963940382003784, 0.2541300058364868, 0.17023608088493347, 0.06330148875713348, -0.05220063030719757, 0.23232224583625793, 0.13751673698425293, 0.024098992347717285, -0.09258042275905609, 0.23708169162273407, 0.14222559332847595, 0.028119921684265137, -0.08979165554046631, 0.2199590504169464, 0.13774466514587402, 0.036887168884277344, -0.06896279752254486, 0.21587765216827393, 0.1335984766483307, 0.033237308263778687, -0.07162231206893921, 0.2700192332267761, 0.17403537034988403, 0.05449666082859039, -0.07241789996623993, 0.2729892432689667, 0.17716965079307556, 0.057370975613594055, -0.07019254565238953}, r.get(0));
        assertEquals(Shape.of(2, 3, 2, 2, 2), r.get(1).shape());
    }

    @Test void luongAttentionWithScaleValueMaskAndCausalMask() {
        Tensor q = det(5, 2, 3, 4), v = det(6, 2, 3, 4);
        Attention a = new Attention().useScale(true).dtype(DType.FLOAT64);
        a.ensureBuiltAll(List.of(q.shape(), v.shape()));
        a.setWeights(List.of(Tensor.scalar(1.7, DType.FLOAT64)));
        Tensor vMask = Tensor.of(new float[] {1, 1, 0, 1, 1, 1}, 2, 3);
        assertAll(new double[] {-0.1397077441215515, 0.04335284233093262, 0.22054582834243774, 0.3678889870643616, 0.23410636186599731, 0.325432151556015, 0.3727121949195862, 0.36954742670059204, 0.3022252023220062, 0.3768344819545746, 0.4004409611225128, 0.36984962224960327, -0.424798846244812, -0.49141523241996765, -0.49152085185050964, -0.42510145902633667, -0.39240020513534546, -0.39840489625930786, -0.3504873216152191, -0.2551329731941223, 0.013500088825821877, 0.10668884962797165, 0.18543779850006104, 0.23908859491348267}, a.callWithMask(q, v, null, null, vMask, true, false).get(0));

        Attention c = new Attention().useScale(true).scoreMode("concat").dtype(DType.FLOAT64);
        c.ensureBuiltAll(List.of(q.shape(), v.shape()));
        c.setWeights(List.of(Tensor.scalar(0.8, DType.FLOAT64), Tensor.scalar(1.3, DType.FLOAT64)));
        assertAll(new double[] {0.3254244327545166, 0.36834460496902466, 0.36141103506088257, 0.30556219816207886, 0.3102695941925049, 0.3498934209346771, 0.34216082096099854, 0.2881183326244354, 0.29572442173957825, 0.33998778462409973, 0.33823537826538086, 0.2907044291496277, 0.27145451307296753, 0.371341735124588, 0.4209696352481842, 0.4136212468147278, 0.2599582076072693, 0.3599345088005066, 0.41119539737701416, 0.4068028926849365, 0.2600405514240265, 0.36143460869789124, 0.4139102101325989, 0.4103649854660034}, c.applyAll(List.of(q, v), false).get(0));
    }

    @Test void bahdanauAttention() {
        Tensor q = det(5, 2, 3, 4), v = det(6, 2, 3, 4);
        AdditiveAttention a = new AdditiveAttention().dtype(DType.FLOAT64);
        a.ensureBuiltAll(List.of(q.shape(), v.shape()));
        a.setWeights(List.of(det(7, 4)));
        assertAll(new double[] {0.23365682363510132, 0.26933303475379944, 0.26855629682540894, 0.2314317226409912, 0.22380106151103973, 0.25467708706855774, 0.25108373165130615, 0.21350739896297455, 0.2160409688949585, 0.2510283291339874, 0.25204014778137207, 0.21893952786922455, 0.0770086720585823, 0.16758611798286438, 0.23548157513141632, 0.2715056836605072, 0.06510477513074875, 0.1549936980009079, 0.22390498220920563, 0.2625117301940918, 0.06695549935102463, 0.1602877974510193, 0.23192590475082397, 0.2721739113330841}, a.applyAll(List.of(q, v), false).get(0));
    }

    @Test void loadsTheConfigKeras3Writes() {
        // MultiHeadAttention(4, 16).get_config() from Keras 3.15.1 (the dtype policy written as its name)
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", "multi_head_attention_2");
        c.put("trainable", true);
        c.put("dtype", "float32");
        c.put("num_heads", 4);
        c.put("key_dim", 16);
        c.put("value_dim", 16);
        c.put("dropout", 0.0);
        c.put("use_bias", true);
        c.put("use_gate", false);
        c.put("output_shape", null);
        c.put("attention_axes", null);
        c.put("sliding_window", null);
        Map<String, Object> glorot = new LinkedHashMap<>();
        glorot.put("seed", null);
        c.put("kernel_initializer", Map.of("module", "keras.initializers", "class_name", "GlorotUniform", "config", glorot));
        c.put("bias_initializer", Map.of("module", "keras.initializers", "class_name", "Zeros", "config", Map.of()));
        for (String k : new String[] {"kernel_regularizer", "bias_regularizer", "activity_regularizer", "kernel_constraint", "bias_constraint", "seed"}) c.put(k, null);
        MultiHeadAttention m = (MultiHeadAttention) Layers.fromConfig("MultiHeadAttention", c);
        assertEquals(4, m.numHeads());
        assertEquals(16, m.keyDim());
        assertEquals("multi_head_attention_2", m.name());
        c.put("use_gate", true);
        assertThrows(UnsupportedOperationException.class, () -> Layers.fromConfig("MultiHeadAttention", c));
    }
}
