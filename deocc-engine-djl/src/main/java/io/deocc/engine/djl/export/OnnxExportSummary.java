package io.deocc.engine.djl.export;

import io.deocc.api.DeoccException;

import java.nio.file.Path;
import java.util.List;

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
 */
public record OnnxExportSummary(Path file, List<String> inputs, List<String> outputs, int opset, int nodes,
        int foldedBatchNorms, long bytes) {
    /** Validates and copies the name lists. */
    public OnnxExportSummary {
        DeoccException.checkNotNull(file, "file");
        inputs = List.copyOf(DeoccException.checkNotNull(inputs, "inputs"));
        outputs = List.copyOf(DeoccException.checkNotNull(outputs, "outputs"));
        DeoccException.checkArgument(opset > 0 && nodes >= 0 && foldedBatchNorms >= 0 && bytes >= 0,
                "export summary counts must not be negative (opset " + opset + ", nodes " + nodes + ", folded "
                        + foldedBatchNorms + ", bytes " + bytes + "): pass the counts of a written file");
    }
}
