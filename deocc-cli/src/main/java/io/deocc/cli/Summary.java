package io.deocc.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonFailure;
import io.deocc.api.model.PersonResult;
import io.deocc.api.spi.Stage;
import io.deocc.runtime.DeoccPipeline;
import io.deocc.runtime.PipelineConfig;
import io.deocc.runtime.PluginRegistry;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code summary.json}: what was run on which image, and per person the box, areas, files written,
 * components and time taken; failed people with their error code and message.
 */
final class Summary {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ObjectNode root = MAPPER.createObjectNode();
    private final ObjectNode components;
    private final ArrayNode people;
    private final ArrayNode failures;

    Summary(Path image, RgbImage rgb, Path outDir, PipelineConfig config, PluginRegistry registry, DeoccPipeline pipeline) {
        root.put("deoccVersion", VersionProvider.version());
        root.put("image", image.toString());
        root.put("width", rgb.width());
        root.put("height", rgb.height());
        root.put("outputDirectory", outDir.toAbsolutePath().normalize().toString());
        components = MAPPER.createObjectNode();
        for (Stage stage : Stage.values()) {
            var descriptor = pipeline.descriptor(stage);
            Descriptors.toJson(components.putObject(Descriptors.stageKey(stage)), descriptor, Descriptors.lookup(registry, descriptor));
        }
        root.set("components", components);
        ObjectNode settings = root.putObject("config");
        config.toMap().forEach(settings::put);
        people = root.putArray("people");
        failures = root.putArray("failures");
    }

    void addPerson(PersonResult result, Map<String, String> files, long elapsedMillis) {
        MaskCompletion masks = result.masks();
        ObjectNode person = people.addObject();
        person.put("id", result.person().id());
        person.put("score", result.person().score());
        Box box = result.person().box();
        ObjectNode boxNode = person.putObject("box");
        boxNode.put("x", box.x());
        boxNode.put("y", box.y());
        boxNode.put("width", box.width());
        boxNode.put("height", box.height());
        person.put("segmentedArea", result.person().visibleMask().area());
        person.put("visibleArea", masks.refinedVisible().area());
        person.put("amodalArea", masks.amodal().area());
        person.put("invisibleArea", masks.invisible().area());
        person.put("visibleRatio", masks.visibleRatio());
        ObjectNode fileNode = person.putObject("files");
        files.forEach(fileNode::put);
        // Components are shared by all people of a run; repeated so that each entry stands alone.
        person.set("components", components.deepCopy());
        person.put("elapsedMs", elapsedMillis);
    }

    void addFailure(PersonFailure failure, long elapsedMillis) {
        ObjectNode node = failures.addObject();
        node.put("id", failure.personId());
        node.put("errorCode", failure.error().errorCode().name());
        node.put("errorNumber", failure.error().errorCode().code());
        node.put("errorType", failure.error().errorType().name());
        node.put("message", failure.error().getMessage());
        node.put("elapsedMs", elapsedMillis);
    }

    void timings(long readMs, long setupMs, long segmentationMs, long peopleMs, long totalMs) {
        ObjectNode node = root.putObject("timingsMs");
        node.put("readImage", readMs);
        node.put("createPipeline", setupMs);
        node.put("segmentation", segmentationMs);
        node.put("people", peopleMs);
        node.put("total", totalMs);
    }

    String toJson() {
        try {
            return MAPPER.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new DeoccException(ErrorCode.INTERNAL, "cannot format the summary as JSON: " + e.getOriginalMessage(), e);
        }
    }
}
