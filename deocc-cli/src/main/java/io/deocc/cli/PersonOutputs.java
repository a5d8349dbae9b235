package io.deocc.cli;

import io.deocc.api.image.RgbImage;
import io.deocc.api.io.AtomicFiles;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonResult;
import io.deocc.content.composite.Panels;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * The files written for one person, in {@code person-<id>/}: the same for {@code deocc run} (each file
 * written atomically into the output folder) and {@code deocc batch} (into the item's staging folder).
 */
final class PersonOutputs {
    static final String REFINED_VISIBLE = "refined-visible.png";
    static final String AMODAL = "amodal.png";
    static final String INVISIBLE = "invisible.png";
    static final String LAYER = "layer.png";
    static final String COMPOSITE = "composite.png";
    static final String PANEL = "panel.png";
    static final List<String> FILES = List.of(REFINED_VISIBLE, AMODAL, INVISIBLE, LAYER, COMPOSITE, PANEL);

    /** Where the files go: one call per file, with a {@code /}-separated path relative to the output folder. */
    @FunctionalInterface
    interface Sink {
        void write(String relativePath, AtomicFiles.Writer content) throws IOException;
    }

    private PersonOutputs() {}

    /** Writes each file atomically under {@code outDir}. */
    static Sink into(Path outDir) {
        return (relativePath, content) -> AtomicFiles.write(outDir.resolve(relativePath), content);
    }

    static String folderName(int personId) {
        return "person-" + personId;
    }

    /**
     * Writes the person's six images.
     *
     * @return the file names relative to the output folder, keyed by what they hold
     */
    static Map<String, String> write(Sink sink, RgbImage input, PersonResult result) throws IOException {
        String folder = folderName(result.person().id());
        MaskCompletion masks = result.masks();
        Map<String, String> files = new LinkedHashMap<>();
        png(sink, folder, REFINED_VISIBLE, masks.refinedVisible().toBufferedImage(), "refinedVisible", files);
        png(sink, folder, AMODAL, masks.amodal().toBufferedImage(), "amodal", files);
        png(sink, folder, INVISIBLE, masks.invisible().toBufferedImage(), "invisible", files);
        png(sink, folder, LAYER, result.content().personLayer().toBufferedImage(), "layer", files);
        png(sink, folder, COMPOSITE, result.content().composite().toBufferedImage(), "composite", files);
        png(sink, folder, PANEL, Panels.render(input, masks, result.content().composite()).toBufferedImage(), "panel", files);
        return files;
    }

    private static void png(Sink sink, String folder, String name, BufferedImage image, String key, Map<String, String> files)
            throws IOException {
        String path = folder + "/" + name;
        sink.write(path, out -> encode(image, out));
        files.put(key, path);
    }

    private static void encode(BufferedImage image, OutputStream out) throws IOException {
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer for image type " + image.getType());
        }
    }
}
