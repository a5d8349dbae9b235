package io.deocc.engine.djl.internal;

import io.deocc.api.network.ImageTensors;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.ParsingMap;

import java.util.List;

/** Builds the label list {@link StackedMaskLoss} expects from masks and parsing maps. */
public final class StackedMaskTargets {
    private StackedMaskTargets() {
    }

    /**
     * The four N×H×W label tensors (float class indices), in the network's output order.
     *
     * @param manager where the label arrays are created (a per-step sub-manager)
     * @param visible the visible masks (ground truth of the refined visible output)
     * @param amodal the whole-body masks
     * @param visibleParsing LIP labels on the visible pixels
     * @param amodalParsing LIP labels on the whole body
     */
    public static NDList of(NDManager manager, List<BinaryMask> visible, List<BinaryMask> amodal,
            List<ParsingMap> visibleParsing, List<ParsingMap> amodalParsing) {
        DeoccException.checkNotNull(manager, "manager");
        ImageTensors.checkBatch(visible, "visible");
        ImageTensors.checkBatch(amodal, "amodal");
        ImageTensors.checkBatch(visibleParsing, "visibleParsing");
        ImageTensors.checkBatch(amodalParsing, "amodalParsing");
        int n = visible.size();
        DeoccException.checkArgument(amodal.size() == n && visibleParsing.size() == n && amodalParsing.size() == n,
                "got " + n + " visible masks, " + amodal.size() + " amodal masks, " + visibleParsing.size()
                        + " visible parsings and " + amodalParsing.size() + " amodal parsings: give one of each per sample");
        int width = visible.get(0).width();
        int height = visible.get(0).height();
        int plane = width * height;
        float[] visibleLabels = new float[n * plane];
        float[] amodalLabels = new float[n * plane];
        float[] visibleParts = new float[n * plane];
        float[] amodalParts = new float[n * plane];
        for (int s = 0; s < n; s++) {
            ImageTensors.checkSize(visible.get(s).width(), visible.get(s).height(), width, height, "visible mask " + s);
            ImageTensors.checkSize(amodal.get(s).width(), amodal.get(s).height(), width, height, "amodal mask " + s);
            ImageTensors.checkSize(visibleParsing.get(s).width(), visibleParsing.get(s).height(), width, height, "visible parsing " + s);
            ImageTensors.checkSize(amodalParsing.get(s).width(), amodalParsing.get(s).height(), width, height, "amodal parsing " + s);
            int base = s * plane;
            for (int i = 0; i < plane; i++) {
                visibleLabels[base + i] = visible.get(s).get(i) ? 1f : 0f;
                amodalLabels[base + i] = amodal.get(s).get(i) ? 1f : 0f;
                visibleParts[base + i] = visibleParsing.get(s).label(i);
                amodalParts[base + i] = amodalParsing.get(s).label(i);
            }
        }
        Shape shape = new Shape(n, height, width);
        NDArray[] ordered = new NDArray[4];
        ordered[StackedMaskNetwork.VISIBLE_PARSING] = manager.create(visibleParts, shape);
        ordered[StackedMaskNetwork.REFINED_VISIBLE] = manager.create(visibleLabels, shape);
        ordered[StackedMaskNetwork.AMODAL_PARSING] = manager.create(amodalParts, shape);
        ordered[StackedMaskNetwork.AMODAL] = manager.create(amodalLabels, shape);
        return new NDList(ordered);
    }

    /** The plain stack's two N×H×W label tensors: refined visible and amodal mask (0 or 1). */
    public static NDList masksOnly(NDManager manager, List<BinaryMask> visible, List<BinaryMask> amodal) {
        DeoccException.checkNotNull(manager, "manager");
        NDArray visibleLabels = DjlTensors.array(manager, ImageTensors.masks(visible)).squeeze(1);
        NDArray amodalLabels = DjlTensors.array(manager, ImageTensors.masks(amodal)).squeeze(1);
        DeoccException.checkArgument(visibleLabels.getShape().equals(amodalLabels.getShape()), "got visible masks "
                + visibleLabels.getShape() + " and amodal masks " + amodalLabels.getShape() + ": give one of each per sample");
        return new NDList(visibleLabels, amodalLabels);
    }
}
