package io.keras4j.wrappers;

import io.keras4j.models.Model;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Exhaustive search over a {@link ParameterGrid} with cross-validation, as scikit-learn's
 * {@code GridSearchCV}:
 * <pre>{@code
 * GridSearchCV search = new GridSearchCV(p -> {
 *         Sequential m = new Sequential(Input.of(4), new Dense(p.getInt("units"), "relu"), new Dense(3, "softmax"));
 *         m.compile(p.getString("optimizer"), "sparse_categorical_crossentropy", "accuracy");
 *         return m;
 *     }, Map.of("units", List.of(8, 16), "optimizer", List.of("adam", "sgd"), "batch_size", List.of(16, 32)))
 *     .cv(new StratifiedKFold(3).shuffle(true).seed(0)).epochs(20).seed(42);
 * System.out.println(search.fit(x, y));   // the results table
 * Model best = search.bestModel();        // the best setting, trained on all of x
 * }</pre>
 */
public final class GridSearchCV extends BaseSearchCV<GridSearchCV> {
    private final ParameterGrid grid;

    public GridSearchCV(Function<Params, Model> model, ParameterGrid paramGrid) {
        super(model);
        if (paramGrid == null) throw new IllegalArgumentException("Argument `param_grid` must be a ParameterGrid. Received: param_grid=null");
        this.grid = paramGrid;
    }

    /** {@code paramGrid}: each parameter name with the list of values to try. */
    public GridSearchCV(Function<Params, Model> model, Map<String, ? extends List<?>> paramGrid) {
        this(model, new ParameterGrid(paramGrid));
    }

    public ParameterGrid paramGrid() { return grid; }

    @Override protected List<Params> candidates(long seed) { return grid.settings(); }
}
