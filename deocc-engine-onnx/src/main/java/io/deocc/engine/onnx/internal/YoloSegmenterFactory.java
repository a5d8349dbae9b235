package io.deocc.engine.onnx.internal;

import io.deocc.mask.network.SegmentationSettings;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.ResourceLimits;
import io.deocc.api.network.PersonCrop;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Segmenter;
import io.deocc.api.spi.SegmenterFactory;
import io.deocc.api.spi.Stage;
import io.deocc.engine.onnx.SessionSettings;
import io.deocc.model.ShippedModels;
import io.deocc.model.WeightsFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the {@code onnx-yolo-segmenter}: a YOLO-style instance segmentation network exported to ONNX
 * (e.g. ultralytics' {@code yolov8n-seg.onnx}), run by ONNX Runtime over the whole letterboxed image and
 * decoded by {@link YoloDecoder}: people are the person-class detections that survive non-maximum
 * suppression, each with its own mask.
 *
 * <p>Expected signature (names vary between exporters; the outputs are told apart by rank):
 * <ul>
 *   <li>one input, float32 N×3×S×S: RGB in [0, 1], the image letterboxed (aspect kept, centred, padded
 *       grey 114); S is read from the graph's static dimensions, else from setting {@code input-size};</li>
 *   <li>{@code detections}, float32 N×(4+C+M)×A: per anchor the box centre x, centre y, width and height in
 *       input pixels, then C class scores (already sigmoid), then M mask coefficients;</li>
 *   <li>{@code prototypes}, float32 N×M×(S/4)×(S/4): the mask prototypes.</li>
 * </ul>
 * ultralytics' {@code yolo export model=yolov8n-seg.pt format=onnx} writes this (input {@code images},
 * outputs {@code output0} 1×116×8400 and {@code output1} 1×32×160×160 for S = 640, C = 80, M = 32).
 *
 * <p>Settings: {@code model} (required: path of the {@code .onnx} file; YOLO models come without deocc
 * cards), {@code sha256} (optional: the file's lowercase hex SHA-256, checked before the model is parsed),
 * {@code input-size} (default 640; only for graphs whose input size is not fixed), {@code person-class}
 * (default 0, COCO's person), {@code score-threshold} (default 0.25), {@code iou-threshold} (default 0.45),
 * {@code mask-threshold} (default 0.5), {@code min-area} (default 0.002 of the image), {@code max-people}
 * (default 32 or the context's limit when lower), and the session settings {@code threads},
 * {@code optimisation}, {@code memory-arena} ({@link SessionSettings}).
 *
 * <p>Priority negative: it cannot run without a model path, so it runs only when named.
 */
public final class YoloSegmenterFactory implements SegmenterFactory {
    /** The component's name. */
    public static final String NAME = "onnx-yolo-segmenter";
    /** The backbone as descriptors name it. */
    static final String BACKBONE = "yolo-seg";
    /** Input side when the graph leaves it open and no setting gives one (ultralytics' default). */
    static final int DEFAULT_INPUT_SIZE = 640;
    /** Largest accepted input side. */
    static final int MAX_INPUT_SIZE = 4096;

    static final String SHA256_KEY = "sha256";
    static final String INPUT_SIZE_KEY = "input-size";
    static final String PERSON_CLASS_KEY = "person-class";
    static final String SCORE_THRESHOLD_KEY = "score-threshold";
    static final String IOU_THRESHOLD_KEY = "iou-threshold";
    static final String MASK_THRESHOLD_KEY = "mask-threshold";
    static final String MIN_AREA_KEY = SegmentationSettings.MIN_AREA_KEY;
    static final String MAX_PEOPLE_KEY = SegmentationSettings.MAX_PEOPLE_KEY;

    private static final Logger LOG = LoggerFactory.getLogger(YoloSegmenterFactory.class);
    private static final Set<String> KEYS = OnnxSettings.keys(Set.of(SHA256_KEY, INPUT_SIZE_KEY, PERSON_CLASS_KEY,
            SCORE_THRESHOLD_KEY, IOU_THRESHOLD_KEY, MASK_THRESHOLD_KEY, MIN_AREA_KEY, MAX_PEOPLE_KEY));
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int MAX_CLASS = 65_535;
    private static final String EXPECTED = "(images float32[N,3,S,S]) -> (detections float32[N,4+C+M,A],"
            + " prototypes float32[N,M,S/4,S/4]) with C >= 1 class scores, output names free, told apart by rank";
    private static final String DESCRIPTION = "A YOLO-style instance segmentation network exported to ONNX (e.g."
            + " yolov8n-seg), on ONNX Runtime over the whole image: person detections with their own masks.";

    /** Needed by ServiceLoader; loads nothing. */
    public YoloSegmenterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor(0);
    }

    /** Negative: without a {@code model} setting there is nothing to run. */
    @Override
    public int defaultPriority() {
        return OnnxMaskCompleterFactory.FALLBACK_PRIORITY;
    }

    /**
     * Checks the settings, reads the model once, checks its hash (when {@code sha256} is given) and its
     * signature, and opens an ONNX Runtime session from the same bytes.
     *
     * @throws DeoccException {@code INVALID_CONFIG} for an unknown or invalid setting or a missing {@code model};
     *     {@code FILE_NOT_FOUND} when the model file does not exist; {@code MODEL_INVALID} when it is not ONNX,
     *     its hash differs from {@code sha256}, or its signature is not the one above; {@code NATIVE_LIBRARY}
     *     when ONNX Runtime cannot load
     */
    @Override
    public Segmenter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        ResourceLimits limits = checkNotNull(context.limits(), "context limits");
        SessionSettings settings = OnnxSettings.session(config, NAME, KEYS);
        Path file = modelPath(config);
        Optional<String> expectedHash = expectedHash(config);
        OptionalInt inputSize = config.get(INPUT_SIZE_KEY).isPresent()
                ? OptionalInt.of(config.getInt(INPUT_SIZE_KEY, DEFAULT_INPUT_SIZE, 32, MAX_INPUT_SIZE))
                : OptionalInt.empty();
        int personClass = config.getInt(PERSON_CLASS_KEY, 0, 0, MAX_CLASS);
        double scoreThreshold = config.getDouble(SCORE_THRESHOLD_KEY, 0.25, 0.0, 1.0);
        double iouThreshold = config.getDouble(IOU_THRESHOLD_KEY, 0.45, 0.0, 1.0);
        double maskThreshold = config.getDouble(MASK_THRESHOLD_KEY, 0.5, 0.0, 1.0);
        double minArea = config.getDouble(MIN_AREA_KEY, 0.002, 0.0, 1.0);
        int maxPeople = config.getInt(MAX_PEOPLE_KEY, Math.min(32, limits.maxPeople()), 1, limits.maxPeople());

        byte[] bytes = OnnxModels.read(file, "model '" + file.toAbsolutePath() + "' (setting '" + ShippedModels.MODEL_KEY
                + "' of " + NAME + ") does not exist: give the path of the exported .onnx file, e.g. from 'yolo export"
                + " model=yolov8n-seg.pt format=onnx'");
        String source = file.toString();
        if (expectedHash.isPresent()) {
            String actual = WeightsFiles.hash(bytes);
            if (!actual.equals(expectedHash.get())) {
                throw new DeoccException(ErrorCode.MODEL_INVALID, "model '" + source + "' has SHA-256 " + actual
                        + " but setting '" + SHA256_KEY + "' expects " + expectedHash.get() + ": the file was changed,"
                        + " truncated or is another model; give the intended file or update '" + SHA256_KEY + "'");
            }
        }
        GraphSignature graph = GraphSignature.read(bytes, source);
        int size = checkSignature(graph, personClass, inputSize, source);
        YoloDecoder decoder = new YoloDecoder(size, personClass, scoreThreshold, iouThreshold, maskThreshold, minArea,
                maxPeople);
        OnnxSession session = OnnxSession.open(bytes, graph, settings, source);
        LOG.info("loaded YOLO segmentation model {} ({}x{} input, {} threads, optimisation {})", source, size, size,
                settings.intraOpThreads(), settings.optimisation().settingName());
        return new YoloSegmenter(descriptor(size), limits, session, decoder);
    }

    /**
     * Checks that a graph declares the YOLO segmentation signature and returns its input side S.
     *
     * @param requested the {@code input-size} setting, if given
     * @throws DeoccException {@code MODEL_INVALID} naming the expected and the actual signature when it does not;
     *     {@code INVALID_CONFIG} when {@code input-size} contradicts a fixed input size
     */
    static int checkSignature(GraphSignature graph, int personClass, OptionalInt requested, String source) {
        if (graph.inputs().size() != 1) {
            throw mismatch(graph, source, "it has " + graph.inputs().size() + " inputs instead of 1");
        }
        GraphSignature.Tensor input = graph.inputs().get(0);
        List<Long> in = input.dims();
        if (input.elementType() != GraphSignature.FLOAT || in.size() != 4 || !fits(in.get(1), 3)) {
            throw mismatch(graph, source, "its input is not float32 N x 3 x S x S");
        }
        long height = in.get(2);
        long width = in.get(3);
        if (height > 0 && width > 0 && height != width) {
            throw mismatch(graph, source, "its input is " + width + " wide and " + height + " high, not square;"
                    + " export it with a square image size (e.g. imgsz=640)");
        }
        long fixed = Math.max(height, width);
        int size;
        if (fixed > 0) {
            if (fixed > PersonCrop.MAX_SIZE) {
                throw mismatch(graph, source, "its input side " + fixed + " is above " + PersonCrop.MAX_SIZE);
            }
            if (requested.isPresent() && requested.getAsInt() != fixed) {
                throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + INPUT_SIZE_KEY + "' is "
                        + requested.getAsInt() + " but model '" + source + "' takes a fixed " + fixed + "x" + fixed
                        + " input: leave '" + INPUT_SIZE_KEY + "' out or give " + fixed);
            }
            size = (int) fixed;
        } else {
            size = requested.orElse(DEFAULT_INPUT_SIZE);
        }
        if (graph.outputs().size() != 2) {
            throw mismatch(graph, source, "it has " + graph.outputs().size() + " outputs instead of 2");
        }
        GraphSignature.Tensor detections = null;
        GraphSignature.Tensor prototypes = null;
        for (GraphSignature.Tensor output : graph.outputs()) {
            if (output.elementType() != GraphSignature.FLOAT) {
                throw mismatch(graph, source, "output '" + output.name() + "' is not float32");
            }
            if (output.dims().size() == 3) {
                detections = output;
            } else if (output.dims().size() == 4) {
                prototypes = output;
            }
        }
        if (detections == null || prototypes == null) {
            throw mismatch(graph, source, "its outputs must be one of rank 3 (detections) and one of rank 4 (prototypes)");
        }
        long rows = detections.dims().get(1);
        long masks = prototypes.dims().get(1);
        if (rows > 0 && masks > 0) {
            long classes = rows - YoloDecoder.BOX_VALUES - masks;
            if (classes < 1) {
                throw mismatch(graph, source, "'" + detections.name() + "' has " + rows + " values per anchor, which"
                        + " leaves no class scores besides 4 box values and the " + masks + " mask coefficients that '"
                        + prototypes.name() + "' has prototypes for");
            }
            if (personClass >= classes) {
                throw mismatch(graph, source, "it scores " + classes + " classes, so setting '" + PERSON_CLASS_KEY
                        + "' " + personClass + " names none of them; give 0 to " + (classes - 1));
            }
        }
        return size;
    }

    private static boolean fits(long dim, long expected) {
        return dim < 0 || dim == expected;
    }

    private static DeoccException mismatch(GraphSignature graph, String source, String reason) {
        return new DeoccException(ErrorCode.MODEL_INVALID, "model '" + source + "' is not a YOLO instance segmentation"
                + " model as " + NAME + " runs it: " + reason + ". Expected " + EXPECTED + "; the file declares "
                + graph.describe() + ". Export a segmentation model (e.g. 'yolo export model=yolov8n-seg.pt format=onnx'),"
                + " or use a segmenter made for this model");
    }

    private static Path modelPath(ComponentConfig config) {
        return ShippedModels.modelSetting(config, NAME).orElseThrow(() -> new DeoccException(ErrorCode.INVALID_CONFIG,
                "component '" + NAME + "' needs setting '" + ShippedModels.MODEL_KEY + "': give the path of the exported"
                        + " .onnx file, e.g. segmenter.model=yolov8n-seg.onnx"));
    }

    private static Optional<String> expectedHash(ComponentConfig config) {
        Optional<String> raw = config.get(SHA256_KEY);
        if (raw.isEmpty()) {
            return Optional.empty();
        }
        String hash = raw.get().trim().toLowerCase(Locale.ROOT);
        if (!SHA256.matcher(hash).matches()) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + SHA256_KEY + "' is '" + raw.get()
                    + "': give the model file's SHA-256 as 64 hexadecimal digits (e.g. from 'sha256sum model.onnx'),"
                    + " or leave it out");
        }
        return Optional.of(hash);
    }

    private static ComponentDescriptor descriptor(int inputSize) {
        return new ComponentDescriptor(NAME, Stage.SEGMENTATION, BACKBONE, OnnxSettings.ENGINE, inputSize, true,
                Set.of("visible-mask", "instances"), DESCRIPTION);
    }
}
