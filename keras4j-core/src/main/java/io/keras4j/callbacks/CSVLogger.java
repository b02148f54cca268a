package io.keras4j.callbacks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams the epoch logs to a CSV file (Keras's {@code CSVLogger}): a header {@code epoch,<keys>}
 * with the keys of the first epoch sorted (plus {@code val_<key>} columns when there are none), then
 * one row per epoch with Python's text of each value, "NA" for a missing one. Rows end in CRLF and
 * fields are quoted as Python's {@code csv} module does in its default (excel) dialect.
 */
public class CSVLogger extends Callback {
    private final Path filename;
    private String separator = ",";
    private boolean append;

    private Writer writer;
    private List<String> keys;
    private boolean appendHeader = true;

    public CSVLogger(String filename) { this(Path.of(filename)); }

    public CSVLogger(Path filename) {
        if (filename == null) throw new IllegalArgumentException("Argument `filename` must be a path. Received: filename=None");
        this.filename = filename;
    }

    /** The one-character field delimiter, "," by default. */
    public CSVLogger separator(String value) {
        if (value == null || value.length() != 1) throw new IllegalArgumentException("\"delimiter\" must be a 1-character string. Received: separator=" + value);
        separator = value;
        return this;
    }

    /** Appends to an existing file (no header when it already has a first line) instead of overwriting it. */
    public CSVLogger append(boolean value) { append = value; return this; }

    @Override public void onTrainBegin(Map<String, Double> logs) {
        try {
            closeWriter();
            appendHeader = true;
            if (append && Files.exists(filename)) {
                try (BufferedReader r = Files.newBufferedReader(filename, StandardCharsets.UTF_8)) {
                    String first = r.readLine();
                    appendHeader = first == null;
                }
            }
            writer = Files.newBufferedWriter(filename, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING);
            keys = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void onEpochEnd(int epoch, Map<String, Double> logs) {
        Map<String, Double> l = logs == null ? Map.of() : logs;
        try {
            if (keys == null) {
                keys = new ArrayList<>(new TreeMap<>(l).keySet());
                if (!keys.isEmpty() && keys.stream().noneMatch(k -> k.startsWith("val_"))) {
                    for (String k : List.copyOf(keys)) keys.add("val_" + k);
                }
                if (appendHeader) {
                    List<String> header = new ArrayList<>();
                    header.add("epoch");
                    header.addAll(keys);
                    writeRow(header);
                }
            }
            List<String> row = new ArrayList<>();
            row.add(Integer.toString(epoch));
            for (String k : keys) row.add(l.containsKey(k) && l.get(k) != null ? PythonFormat.repr(l.get(k)) : "NA");
            writeRow(row);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override public void onTrainEnd(Map<String, Double> logs) {
        try {
            closeWriter();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void closeWriter() throws IOException {
        if (writer != null) writer.close();
        writer = null;
    }

    private void writeRow(List<String> fields) throws IOException {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) b.append(separator);
            b.append(quote(fields.get(i)));
        }
        writer.write(b.append("\r\n").toString());
    }

    // Python's csv QUOTE_MINIMAL: quote a field holding the delimiter, a quote or a line break; double inner quotes.
    private String quote(String f) {
        if (f.contains(separator) || f.contains("\"") || f.contains("\n") || f.contains("\r")) return "\"" + f.replace("\"", "\"\"") + "\"";
        return f;
    }
}
