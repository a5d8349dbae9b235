package io.deocc.engine.djl.export;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.deocc.api.DeoccException;
import io.deocc.model.BackboneSpec;
import io.deocc.engine.djl.backbone.Backbones;
import io.deocc.engine.djl.internal.OnnxExporter;
import io.deocc.engine.djl.model.LoadedModel;
import io.deocc.model.ModelCard;
import io.deocc.model.WeightsFiles;
import io.deocc.api.io.AtomicFiles;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the engine's networks as ONNX models, for runtimes other than libtorch (ONNX Runtime and
 * the like). Every bound backbone exports: {@code unet}, {@code resnet-unet}, {@code ae}, {@code vae},
 * {@code stacked-unet}, {@code stacked-unet-plain}, {@code pconv-unet}, {@code pconv-pga}.
 *
 * <p>The graph: ONNX opset {@value #OPSET}; the batch dimension of every input and output is the
 * symbolic {@code N}; height and width are those exported (the autoencoders' dense latent and the pose
 * prior's resized masks are fixed to them); weights are initializers; the network runs in inference
 * mode, and each batch norm that directly follows a convolution is folded into that convolution's
 * weights and bias. A VAE exports its deterministic path: the decoder reads the latent mean.
 *
 * <p>Names: inputs {@code input} (N×C×H×W) and, for {@code pconv-pga}, {@code visible_parsing} and
 * {@code amodal_parsing} (N×19×H×W one-hot); outputs {@code output}, except {@code stacked-unet}:
 * {@code visible_parsing, refined_visible, amodal_parsing, amodal} (logits; {@code stacked-unet-plain}:
 * {@code refined_visible, amodal}) and {@code vae}: {@code output, latent_mean, latent_log_variance}.
 *
 * <p>Metadata (ONNX {@code metadata_props}): {@value #BACKBONE_SPEC_KEY} always, and for a loaded model
 * {@value #BACKBONE_KEY} and its whole model card as JSON under {@value #MODEL_CARD_KEY}, so the card
 * travels inside the file. (That card's weights file and hash name the DJL {@code .params} file the ONNX
 * weights were taken from; the card written beside the ONNX file names the ONNX file itself.)
 *
 * <p>A block type the exporter does not know fails with {@code INVALID_ARGUMENT} naming its class; the
 * exporter never writes a graph that leaves a block out.
 */
public final class OnnxExport {
    /** The ONNX operator set version of exported graphs. */
    public static final int OPSET = OnnxExporter.OPSET;
    /** Metadata key of the model card's JSON. */
    public static final String MODEL_CARD_KEY = "deocc.model-card";
    /** Metadata key of the backbone's bound name. */
    public static final String BACKBONE_KEY = "deocc.backbone";
    /** Metadata key of the backbone spec, written as {@code inputChannels,outputChannels,depth,width}. */
    public static final String BACKBONE_SPEC_KEY = "deocc.backbone-spec";

    private OnnxExport() {
    }

    /**
     * Exports a built and initialised block.
     *
     * @param block the network, e.g. from {@code Networks.build(name, spec)}, initialised or with loaded weights
     * @param spec the spec it was built with (recorded in the file's metadata)
     * @param inputShapes one shape per forward input, batch first (any batch: it becomes dynamic), at the
     *     height and width the graph should run at; e.g. {@code backbone.inputShapes(spec, 1, 64, 64)}
     * @param out the file to write (replaced atomically; folders are created)
     * @throws DeoccException {@code INVALID_ARGUMENT} for null arguments, an uninitialised block or a block
     *     type that cannot be exported yet; {@code SIZE_MISMATCH} for shapes the block rejects;
     *     {@code IO_FAILURE} when the file cannot be written
     */
    public static OnnxExportSummary write(Block block, BackboneSpec spec, Shape[] inputShapes, Path out) {
        DeoccException.checkNotNull(spec, "spec");
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(BACKBONE_SPEC_KEY, specText(spec));
        return write(block, inputShapes, metadata, out, false);
    }

    /**
     * Exports a loaded native model at its card's input size, with the card in the file's metadata, and
     * writes the card of the ONNX file beside it ({@code NAME.card.json} for {@code NAME.onnx}: the same
     * card naming the ONNX file and its SHA-256), which ONNX Runtime components load.
     *
     * @param model a model loaded by {@code ModelFiles.load}
     * @param backbones the bound backbones (e.g. {@code Networks.backbones()}), for the card's input shapes
     * @param out the file to write, a plain name ending in {@code .onnx}
     * @param keepParameters keep every DJL parameter unchanged as an initializer named by its path (no batch
     *     norm folded; ONNX Runtime fuses them when it loads the file), so that the DJL engine can also load
     *     the weights from this file through the card beside it; false folds batch norms
     * @throws DeoccException {@code INVALID_ARGUMENT} for a foreign model (export it from PyTorch with
     *     {@code torch.onnx.export}), a file name a card cannot name, or null arguments; otherwise as
     *     {@link #write(Block, BackboneSpec, Shape[], Path)}
     */
    public static OnnxExportSummary write(LoadedModel model, Backbones backbones, Path out, boolean keepParameters) {
        DeoccException.checkNotNull(model, "model");
        DeoccException.checkNotNull(backbones, "backbones");
        DeoccException.checkNotNull(out, "out");
        ModelCard card = model.card();
        DeoccException.checkArgument(!card.isForeign(), "the model is a " + card.backbone() + " network, which deocc"
                + " cannot convert: export it from PyTorch with torch.onnx.export instead");
        String fileName = out.getFileName() == null ? "" : out.getFileName().toString();
        DeoccException.checkArgument(fileName.endsWith(ModelCard.ONNX_SUFFIX) && fileName.length() > ModelCard.ONNX_SUFFIX.length(),
                "output '" + out + "' does not end in " + ModelCard.ONNX_SUFFIX + ": name the file NAME.onnx, so that its"
                        + " card NAME" + ModelCard.CARD_SUFFIX + " can sit beside it");
        // fails early, before the export, when a card cannot name the file
        ModelCard onnxCard = card.withWeights(fileName, "0".repeat(64));
        Shape[] inputShapes = backbones.get(card.backbone()).inputShapes(card.spec(), 1, card.inputSize(), card.inputSize());
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(BACKBONE_KEY, card.backbone());
        metadata.put(BACKBONE_SPEC_KEY, specText(card.spec()));
        metadata.put(MODEL_CARD_KEY, card.toJson());
        OnnxExportSummary summary = write(model.block(), inputShapes, metadata, out, keepParameters);
        String stem = fileName.substring(0, fileName.length() - ModelCard.ONNX_SUFFIX.length());
        Path cardFile = out.toAbsolutePath().resolveSibling(stem + ModelCard.CARD_SUFFIX);
        AtomicFiles.writeString(cardFile, onnxCard.withWeights(fileName, WeightsFiles.hash(out)).toJson());
        return summary.withCard(cardFile);
    }

    private static OnnxExportSummary write(Block block, Shape[] inputShapes, Map<String, String> metadata, Path out,
            boolean keepParameters) {
        OnnxExporter.Exported exported = OnnxExporter.write(block, inputShapes, metadata, out, keepParameters);
        return new OnnxExportSummary(out, exported.inputs(), exported.outputs(), OPSET, exported.nodes(),
                exported.foldedBatchNorms(), exported.bytes(), Optional.empty());
    }

    private static String specText(BackboneSpec spec) {
        return spec.inputChannels() + "," + spec.outputChannels() + "," + spec.depth() + "," + spec.width();
    }
}
