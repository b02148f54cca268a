package io.keras4j.plot;

import org.jfree.svg.SVGGraphics2D;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Writes one picture, drawn by a painter on a {@link Graphics2D}, as PNG or SVG: the file's suffix
 * picks the format, so every plot draws once and gets both formats for free.
 */
final class PictureFile {
    private PictureFile() {}

    enum Format { PNG, SVG }

    /** The format named by the file's suffix; anything else fails before any drawing is done. */
    static Format formatOf(Path file) {
        if (file == null) throw new IllegalArgumentException("Argument `file` must be a path. Received: file=null");
        String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) return Format.PNG;
        if (name.endsWith(".svg")) return Format.SVG;
        throw new IllegalArgumentException("Unsupported picture format: the file name must end with .png or .svg. Received: file=" + file);
    }

    static void requireSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("Arguments `width` and `height` must be positive integers. Received: width=" + width + ", height=" + height);
        }
    }

    /** Paints a white {@code width × height} picture with {@code painter} and writes it to {@code file}. */
    static void write(Path file, int width, int height, Consumer<Graphics2D> painter) {
        Format format = formatOf(file);
        requireSize(width, height);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            if (format == Format.PNG) {
                BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
                Graphics2D g = image.createGraphics();
                try {
                    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
                    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
                    g.setColor(Color.WHITE);
                    g.fillRect(0, 0, width, height);
                    painter.accept(g);
                } finally {
                    g.dispose();
                }
                if (!ImageIO.write(image, "png", file.toFile())) throw new IOException("No PNG writer is available");
            } else {
                SVGGraphics2D g = new SVGGraphics2D(width, height);
                g.setColor(Color.WHITE);
                g.fillRect(0, 0, width, height);
                painter.accept(g);
                // No DOCTYPE (getSVGDocument writes one): readers would fetch the DTD from w3.org,
                // and the SVG 2 recommendation drops it.
                Files.writeString(file, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n", StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the picture " + file, e);
        }
    }
}
