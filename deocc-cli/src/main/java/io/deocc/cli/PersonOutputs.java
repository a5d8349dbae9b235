package io.deocc.cli;

import io.deocc.api.image.RgbImage;
import io.deocc.api.io.ImageFiles;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonResult;
import io.deocc.content.composite.Panels;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files written for one person, in {@code DIR/person-<id>/}; each is written atomically. */
final class PersonOutputs {
    static final String REFINED_VISIBLE = "refined-visible.png";
    static final String AMODAL = "amodal.png";
    static final String INVISIBLE = "invisible.png";
    static final String LAYER = "layer.png";
    static final String COMPOSITE = "composite.png";
    static final String PANEL = "panel.png";
    static final List<String> FILES = List.of(REFINED_VISIBLE, AMODAL, INVISIBLE, LAYER, COMPOSITE, PANEL);

    private PersonOutputs() {}

    static String folderName(int personId) {
        return "person-" + personId;
    }

    /**
     * Writes the person's six images.
     *
     * @return the file names relative to {@code outDir}, keyed by what they hold
     */
    static Map<String, String> write(Path outDir, RgbImage input, PersonResult result) {
        String folder = folderName(result.person().id());
        Path dir = outDir.resolve(folder);
        MaskCompletion masks = result.masks();
        ImageFiles.writePng(masks.refinedVisible(), dir.resolve(REFINED_VISIBLE));
        ImageFiles.writePng(masks.amodal(), dir.resolve(AMODAL));
        ImageFiles.writePng(masks.invisible(), dir.resolve(INVISIBLE));
        ImageFiles.writePng(result.content().personLayer(), dir.resolve(LAYER));
        ImageFiles.writePng(result.content().composite(), dir.resolve(COMPOSITE));
        ImageFiles.writePng(Panels.render(input, masks, result.content().composite()), dir.resolve(PANEL));
        Map<String, String> files = new LinkedHashMap<>();
        files.put("refinedVisible", folder + "/" + REFINED_VISIBLE);
        files.put("amodal", folder + "/" + AMODAL);
        files.put("invisible", folder + "/" + INVISIBLE);
        files.put("layer", folder + "/" + LAYER);
        files.put("composite", folder + "/" + COMPOSITE);
        files.put("panel", folder + "/" + PANEL);
        return files;
    }
}
