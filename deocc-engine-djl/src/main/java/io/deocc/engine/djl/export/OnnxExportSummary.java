package io.deocc.engine.djl.export;

import io.deocc.api.DeoccException;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What {@link OnnxExport} wrote.
 *
 * @param file the ONNX file
 * @param inputs the graph's input names, in the network's forward order
 * @param outputs the graph's output names, in the network's output order
 * @param opset the ONNX operator set version
 * @param nodes the number of graph nodes
 * @param foldedBatchNorms batch norms folded into the convolution before them (the rest are nodes)
 * @param bytes the file's size
 * @param card the model card written beside the file, for an exported model; empty for a bare block
 */
public record OnnxExportSummary(Path file, List<String> inputs, List<String> outputs, int opset, int nodes,
        int foldedBatchNorms, long bytes, Optional<Path> card) {
    /** Validates and copies the name lists. */
    public OnnxExportSummary {
        DeoccException.checkNotNull(file, "file");
        inputs = List.copyOf(DeoccException.checkNotNull(inputs, "inputs"));
        outputs = List.copyOf(DeoccException.checkNotNull(outputs, "outputs"));
        DeoccException.checkNotNull(card, "card");
        DeoccException.checkArgument(opset > 0 && nodes >= 0 && foldedBatchNorms >= 0 && bytes >= 0,
                "export summary counts must not be negative (opset " + opset + ", nodes " + nodes + ", folded "
                        + foldedBatchNorms + ", bytes " + bytes + "): pass the counts of a written file");
    }

    /** This summary with the card written beside the file. */
    public OnnxExportSummary withCard(Path cardFile) {
        return new OnnxExportSummary(file, inputs, outputs, opset, nodes, foldedBatchNorms, bytes, Optional.of(cardFile));
    }
}
