package io.deocc.engine.onnx.internal;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.network.FloatTensor;
import io.deocc.api.network.ImageTensors;
import io.deocc.api.network.PersonCrop;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the two outputs of a YOLO-style instance segmentation network become people, engine-neutral (only
 * {@link FloatTensor}s in and out), so that it can be tested without a runtime.
 *
 * <p>The network sees the whole image letterboxed into S×S ({@link #input}); its outputs are
 * {@code detections} 1×(4+C+M)×A — per anchor the box centre x, centre y, width and height in input
 * pixels, C class scores in [0, 1], M mask coefficients — and {@code prototypes} 1×M×P×P' (usually
 * P = P' = S/4), told apart by rank. An anchor is a person candidate when the person class is its best
 * class (as ultralytics' predictor assigns one class per box) and its score is at least
 * {@code scoreThreshold}. Candidates go through greedy non-maximum suppression by score (a box whose IoU
 * with a kept box is above {@code iouThreshold} is dropped). A kept box's mask is
 * sigmoid(coefficients · prototypes), upsampled bilinearly to S×S, zero outside the box, brought back
 * from the letterbox to the image ({@link PersonCrop#pasteProbabilities}) and thresholded at
 * {@code maskThreshold}; image pixels whose centres lie outside the box stay background. People whose
 * mask is empty or smaller than {@code minArea} of the image are skipped; the rest, by score, get ids
 * 1..n, at most {@code maxPeople}; a person's score is its class score.
 *
 * @param inputSize the network's square input side S
 * @param personClass the index of the person class among the C classes (0 for COCO)
 * @param scoreThreshold the least class score of a candidate, in [0, 1]
 * @param iouThreshold the box IoU above which a lower-scored box is suppressed, in [0, 1]
 * @param maskThreshold the least mask probability of a person pixel, in [0, 1]
 * @param minArea the least mask area as a fraction of the image, in [0, 1]
 * @param maxPeople the most people returned, at least 1
 */
record YoloDecoder(int inputSize, int personClass, double scoreThreshold, double iouThreshold, double maskThreshold,
        double minArea, int maxPeople) {
    /** The grey ultralytics pads its letterbox with (114 of 255): the network was trained on it, not on black. */
    static final float PADDING = 114f / 255f;
    /** Values per anchor before the class scores: centre x, centre y, width, height. */
    static final int BOX_VALUES = 4;

    private static final Logger LOG = LoggerFactory.getLogger(YoloDecoder.class);

    /** Validates the settings. */
    YoloDecoder {
        DeoccException.checkArgument(inputSize >= 1 && inputSize <= PersonCrop.MAX_SIZE, "YOLO input size " + inputSize
                + " is out of range: give 1 to " + PersonCrop.MAX_SIZE);
        DeoccException.checkArgument(personClass >= 0, "person class " + personClass + " must be 0 or more (0 for COCO)");
        checkFraction("score threshold", scoreThreshold);
        checkFraction("IoU threshold", iouThreshold);
        checkFraction("mask threshold", maskThreshold);
        checkFraction("min area", minArea);
        DeoccException.checkArgument(maxPeople >= 1, "max people " + maxPeople + " must be at least 1");
    }

    /**
     * One candidate box of the person class, in input (letterbox grid) pixels.
     *
     * @param anchor the anchor's index, which locates its mask coefficients
     * @param score its person score
     */
    record Detection(int anchor, double score, double x1, double y1, double x2, double y2) {
        /** Intersection over union of the two boxes; 0 when both are empty. */
        double iou(Detection other) {
            double w = Math.min(x2, other.x2) - Math.max(x1, other.x1);
            double h = Math.min(y2, other.y2) - Math.max(y1, other.y1);
            double intersection = w > 0 && h > 0 ? w * h : 0;
            double union = area() + other.area() - intersection;
            return union > 0 ? intersection / union : 0;
        }

        double area() {
            return (x2 - x1) * (y2 - y1);
        }
    }

    /** The letterbox the network sees for an image. */
    PersonCrop letterbox(int imageWidth, int imageHeight) {
        return PersonCrop.letterbox(imageWidth, imageHeight, inputSize);
    }

    /** The network's 1×3×S×S input: the letterboxed image in [0, 1], padded grey where it lies outside the image. */
    FloatTensor input(RgbImage image, PersonCrop letterbox) {
        DeoccException.checkNotNull(image, "image");
        checkLetterbox(letterbox);
        float[] values = ImageTensors.images(List.of(letterbox.cropImage(image))).copyValues();
        boolean[] columnOutside = outsideImage(letterbox.originX(), letterbox.imageWidth(), letterbox);
        boolean[] rowOutside = outsideImage(letterbox.originY(), letterbox.imageHeight(), letterbox);
        int plane = inputSize * inputSize;
        for (int v = 0; v < inputSize; v++) {
            for (int u = 0; u < inputSize; u++) {
                if (rowOutside[v] || columnOutside[u]) {
                    int i = v * inputSize + u;
                    values[i] = PADDING;
                    values[plane + i] = PADDING;
                    values[2 * plane + i] = PADDING;
                }
            }
        }
        return FloatTensor.of(values, 1, 3, inputSize, inputSize);
    }

    /**
     * The people in the network's outputs for one letterboxed image.
     *
     * @param outputs the network's two outputs in any order: detections (rank 3) and prototypes (rank 4)
     * @param letterbox the letterbox the input was made with
     * @throws DeoccException {@code MODEL_INVALID} when the outputs do not have the expected shapes
     */
    List<PersonInstance> people(List<FloatTensor> outputs, PersonCrop letterbox) {
        DeoccException.checkNotNull(outputs, "outputs");
        checkLetterbox(letterbox);
        Outputs split = split(outputs);
        List<Detection> kept = suppress(candidates(split.detections(), split.maskChannels()));
        int width = letterbox.imageWidth();
        int height = letterbox.imageHeight();
        // the small slack keeps a mask of exactly min-area from failing on a rounding error
        long minPixels = Math.max(1L, (long) Math.ceil(minArea * width * (double) height - 1e-9));
        List<PersonInstance> people = new ArrayList<>();
        int skipped = 0;
        for (Detection detection : kept) {
            if (people.size() == maxPeople) {
                LOG.info("kept the {} best-scored people; {} more detections were left (setting max-people)", maxPeople,
                        kept.size() - kept.indexOf(detection));
                break;
            }
            BinaryMask mask = mask(detection, split, letterbox);
            Optional<Box> box = mask.boundingBox();
            if (box.isEmpty() || mask.area() < minPixels) {
                skipped++;
                continue;
            }
            double score = Math.min(1.0, detection.score());
            people.add(new PersonInstance(people.size() + 1, mask, box.get(), score, Optional.empty()));
        }
        if (skipped > 0) {
            LOG.debug("skipped {} detections whose masks were empty or below {} pixels (setting min-area {})", skipped,
                    minPixels, minArea);
        }
        return List.copyOf(people);
    }

    /**
     * The anchors whose best class is the person class with a score of at least the threshold, best first
     * (equal scores in anchor order). Anchors with a non-finite or empty box are left out.
     *
     * @param detections 1×(4+C+M)×A
     * @param maskChannels M
     */
    List<Detection> candidates(FloatTensor detections, int maskChannels) {
        int rows = (int) detections.dim(1);
        int anchors = (int) detections.dim(2);
        int classes = rows - BOX_VALUES - maskChannels;
        List<Detection> candidates = new ArrayList<>();
        for (int a = 0; a < anchors; a++) {
            float score = detections.get((BOX_VALUES + personClass) * anchors + a);
            if (!(score >= scoreThreshold) || !isBestClass(detections, anchors, classes, a, score)) {
                continue;
            }
            double cx = detections.get(a);
            double cy = detections.get(anchors + a);
            double w = detections.get(2 * anchors + a);
            double h = detections.get(3 * anchors + a);
            if (!(w > 0 && h > 0) || !Double.isFinite(cx) || !Double.isFinite(cy) || !Double.isFinite(w)
                    || !Double.isFinite(h)) {
                continue;
            }
            candidates.add(new Detection(a, score, cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2));
        }
        candidates.sort(Comparator.comparingDouble(Detection::score).reversed().thenComparingInt(Detection::anchor));
        return candidates;
    }

    /**
     * Greedy non-maximum suppression of candidates sorted best first: each survivor suppresses the later boxes
     * whose IoU with it is above the threshold.
     */
    List<Detection> suppress(List<Detection> sorted) {
        List<Detection> kept = new ArrayList<>();
        for (Detection candidate : sorted) {
            boolean overlaps = false;
            for (Detection better : kept) {
                if (candidate.iou(better) > iouThreshold) {
                    overlaps = true;
                    break;
                }
            }
            if (!overlaps) {
                kept.add(candidate);
            }
        }
        return kept;
    }

    /** A detection's mask at the image's size; background outside its box. */
    private BinaryMask mask(Detection detection, Outputs outputs, PersonCrop letterbox) {
        float[] grid = gridProbabilities(detection, outputs);
        float[] probabilities = letterbox.pasteProbabilities(grid);
        boolean[] columnInside = insideBox(letterbox.originX(), letterbox.imageWidth(), detection.x1(), detection.x2(),
                letterbox);
        boolean[] rowInside = insideBox(letterbox.originY(), letterbox.imageHeight(), detection.y1(), detection.y2(),
                letterbox);
        int width = letterbox.imageWidth();
        return BinaryMask.fromIndex(width, letterbox.imageHeight(),
                i -> columnInside[i % width] && rowInside[i / width] && probabilities[i] >= maskThreshold);
    }

    /**
     * sigmoid(coefficients · prototypes) upsampled bilinearly (half-pixel centres, as PyTorch's
     * {@code align_corners=False}) to S×S, computed only for the grid pixels whose centres lie inside the
     * box; 0 elsewhere.
     */
    private float[] gridProbabilities(Detection detection, Outputs outputs) {
        float[] grid = new float[inputSize * inputSize];
        int u0 = Math.max(0, (int) Math.ceil(detection.x1() - 0.5));
        int u1 = Math.min(inputSize, (int) Math.ceil(detection.x2() - 0.5));
        int v0 = Math.max(0, (int) Math.ceil(detection.y1() - 0.5));
        int v1 = Math.min(inputSize, (int) Math.ceil(detection.y2() - 0.5));
        if (u0 >= u1 || v0 >= v1) {
            return grid;
        }
        FloatTensor prototypes = outputs.prototypes();
        int masks = outputs.maskChannels();
        int protoHeight = (int) prototypes.dim(2);
        int protoWidth = (int) prototypes.dim(3);
        double stepX = protoWidth / (double) inputSize;
        double stepY = protoHeight / (double) inputSize;
        // the prototype pixels the box's grid pixels sample from
        int px0 = (int) Math.floor(sourceCoordinate(u0, stepX, protoWidth));
        int px1 = Math.min(protoWidth - 1, (int) Math.floor(sourceCoordinate(u1 - 1, stepX, protoWidth)) + 1);
        int py0 = (int) Math.floor(sourceCoordinate(v0, stepY, protoHeight));
        int py1 = Math.min(protoHeight - 1, (int) Math.floor(sourceCoordinate(v1 - 1, stepY, protoHeight)) + 1);
        float[] coefficients = coefficients(outputs, detection.anchor());
        int regionWidth = px1 - px0 + 1;
        float[] region = new float[regionWidth * (py1 - py0 + 1)];
        int plane = protoHeight * protoWidth;
        for (int py = py0; py <= py1; py++) {
            for (int px = px0; px <= px1; px++) {
                double logit = 0;
                int pixel = py * protoWidth + px;
                for (int m = 0; m < masks; m++) {
                    logit += coefficients[m] * (double) prototypes.get(m * plane + pixel);
                }
                float probability = (float) (1.0 / (1.0 + Math.exp(-logit)));
                if (Float.isNaN(probability)) {
                    throw new DeoccException(ErrorCode.MODEL_INVALID, "the YOLO model gave a non-finite mask value for"
                            + " anchor " + detection.anchor() + ": its mask coefficients or prototypes hold NaN; check the"
                            + " export (float32, no quantisation errors)");
                }
                region[(py - py0) * regionWidth + (px - px0)] = probability;
            }
        }
        for (int v = v0; v < v1; v++) {
            double fy = sourceCoordinate(v, stepY, protoHeight);
            int y0 = (int) fy;
            int y1 = Math.min(protoHeight - 1, y0 + 1);
            double wy = fy - y0;
            for (int u = u0; u < u1; u++) {
                double fx = sourceCoordinate(u, stepX, protoWidth);
                int x0 = (int) fx;
                int x1 = Math.min(protoWidth - 1, x0 + 1);
                double wx = fx - x0;
                int top = (y0 - py0) * regionWidth - px0;
                int bottom = (y1 - py0) * regionWidth - px0;
                double upper = region[top + x0] * (1 - wx) + region[top + x1] * wx;
                double lower = region[bottom + x0] * (1 - wx) + region[bottom + x1] * wx;
                grid[v * inputSize + u] = (float) (upper * (1 - wy) + lower * wy);
            }
        }
        return grid;
    }

    /** Where grid pixel {@code index}'s centre falls in a source of {@code extent} pixels, clamped to its pixel centres. */
    private static double sourceCoordinate(int index, double step, int extent) {
        return Math.max(0, Math.min(extent - 1, (index + 0.5) * step - 0.5));
    }

    private static float[] coefficients(Outputs outputs, int anchor) {
        FloatTensor detections = outputs.detections();
        int rows = (int) detections.dim(1);
        int anchors = (int) detections.dim(2);
        int masks = outputs.maskChannels();
        float[] coefficients = new float[masks];
        for (int m = 0; m < masks; m++) {
            coefficients[m] = detections.get((rows - masks + m) * anchors + anchor);
        }
        return coefficients;
    }

    private static boolean isBestClass(FloatTensor detections, int anchors, int classes, int anchor, float score) {
        for (int c = 0; c < classes; c++) {
            if (detections.get((BOX_VALUES + c) * anchors + anchor) > score) {
                return false;
            }
        }
        return true;
    }

    /** For each image column (or row), whether its centre maps inside [{@code from}, {@code to}) of the grid. */
    private static boolean[] insideBox(int origin, int extent, double from, double to, PersonCrop letterbox) {
        boolean[] inside = new boolean[extent];
        double scale = letterbox.scale();
        for (int x = 0; x < extent; x++) {
            double grid = (x + 0.5 - origin) * scale;
            inside[x] = grid >= from && grid < to;
        }
        return inside;
    }

    /** For each grid column (or row), whether its centre maps outside the image. */
    private boolean[] outsideImage(int origin, int extent, PersonCrop letterbox) {
        boolean[] outside = new boolean[inputSize];
        double step = letterbox.side() / (double) inputSize;
        for (int u = 0; u < inputSize; u++) {
            double image = origin + (u + 0.5) * step;
            outside[u] = image < 0 || image >= extent;
        }
        return outside;
    }

    /** The two outputs told apart, with the mask coefficient count M. */
    record Outputs(FloatTensor detections, FloatTensor prototypes, int maskChannels) {
    }

    /**
     * Tells the detections (rank 3) from the prototypes (rank 4) and checks their shapes against each other
     * and the person class.
     *
     * @throws DeoccException {@code MODEL_INVALID} when they do not fit
     */
    Outputs split(List<FloatTensor> outputs) {
        for (FloatTensor output : outputs) {
            DeoccException.checkNotNull(output, "a network output");
        }
        // exporters name the outputs differently (ultralytics: output0, output1); their ranks tell them apart
        FloatTensor detections = outputs.stream().filter(t -> t.rank() == 3).findFirst().orElse(null);
        FloatTensor prototypes = outputs.stream().filter(t -> t.rank() == 4).findFirst().orElse(null);
        if (outputs.size() != 2 || detections == null || prototypes == null) {
            throw invalidOutputs(outputs, "it must give exactly one rank-3 and one rank-4 output");
        }
        if (detections.dim(0) != 1 || prototypes.dim(0) != 1) {
            throw invalidOutputs(outputs, "the batch dimension must be 1, the one image given");
        }
        long masks = prototypes.dim(1);
        long classes = detections.dim(1) - BOX_VALUES - masks;
        if (classes < 1) {
            throw invalidOutputs(outputs, "the detections' " + detections.dim(1) + " values per anchor leave no class"
                    + " scores besides 4 box values and the prototypes' " + masks + " mask coefficients");
        }
        if (personClass >= classes) {
            throw invalidOutputs(outputs, "the model scores " + classes + " classes, so person class " + personClass
                    + " does not exist; give setting person-class from 0 to " + (classes - 1));
        }
        return new Outputs(detections, prototypes, (int) masks);
    }

    private DeoccException invalidOutputs(List<FloatTensor> outputs, String reason) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "the YOLO segmentation model gave outputs "
                + outputs.stream().map(t -> t == null ? "null" : t.shapeText()).toList() + ": " + reason + ". Expected"
                + " detections [1, 4+C+M, A] and prototypes [1, M, " + inputSize / 4 + ", " + inputSize / 4 + "]:"
                + " export the model as ultralytics does ('yolo export model=yolov8n-seg.pt format=onnx')");
    }

    private void checkLetterbox(PersonCrop letterbox) {
        DeoccException.checkNotNull(letterbox, "letterbox");
        DeoccException.checkArgument(letterbox.size() == inputSize, "letterbox grid " + letterbox.size() + " is not the"
                + " network's input size " + inputSize + ": make it with letterbox(width, height)");
    }

    private static void checkFraction(String what, double value) {
        DeoccException.checkArgument(value >= 0 && value <= 1, what + " " + value + " must be from 0 to 1");
    }
}
