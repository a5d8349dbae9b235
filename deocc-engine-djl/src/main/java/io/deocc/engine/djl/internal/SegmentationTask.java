package io.deocc.engine.djl.internal;

import io.deocc.api.network.ImageTensors;
import io.deocc.mask.network.SegmentationNetwork;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.training.loss.Loss;
import io.deocc.api.DeoccException;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.spi.Stage;
import io.deocc.data.Sample;
import io.deocc.api.network.PersonCrop;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Person segmentation: the whole image letterboxed into S×S; the network learns the sample person's
 * visible mask with a per-pixel weighted {@link MaskBceLoss}. Occluders are background when the sample
 * knows they are objects (synthetic scenes without people in front); when they may be other people —
 * who should be segmented but have no mask in the sample — or when the sample does not say, their
 * pixels weigh 0, so the loss neither rewards nor punishes either answer there. Validation: the mean
 * IoU, per sample, of the thresholded probabilities with the visible mask, those same uncertain
 * pixels left out of both.
 */
final class SegmentationTask implements NetworkTask {
    static final String METRIC = "validation-person-iou";
    static final double THRESHOLD = 0.5;

    private final SegmentationNetwork network;
    private final boolean variational;

    SegmentationTask(SegmentationNetwork network, boolean variational) {
        this.network = network;
        this.variational = variational;
    }

    @Override
    public Stage stage() {
        return Stage.SEGMENTATION;
    }

    @Override
    public String lossName() {
        return variational ? "weighted-sigmoid-bce+kl" : "weighted-sigmoid-bce";
    }

    @Override
    public Loss loss() {
        Loss loss = new MaskBceLoss(0);
        return variational ? new VariationalLoss(loss) : loss;
    }

    @Override
    public int classes() {
        return 2;
    }

    @Override
    public NDList[] batch(NDManager manager, List<Sample> samples) {
        List<RgbImage> images = new ArrayList<>(samples.size());
        List<BinaryMask> targets = new ArrayList<>(samples.size());
        List<BinaryMask> counted = new ArrayList<>(samples.size());
        for (Sample sample : samples) {
            DeoccException.checkNotNull(sample, "sample");
            RgbImage image = sample.image();
            PersonCrop letterbox = network.letterbox(image.width(), image.height());
            images.add(letterbox.cropImage(image));
            targets.add(letterbox.cropMask(sample.visible()));
            counted.add(letterbox.cropMask(uncertain(sample)).not());
        }
        return new NDList[] {
            new NDList(DjlTensors.array(manager, network.input(images))),
            new NDList(DjlTensors.array(manager, ImageTensors.masks(targets)), DjlTensors.array(manager, ImageTensors.masks(counted))),
        };
    }

    /** Pixels whose label the sample cannot vouch for: an occluder that may be, or hide, other people. */
    private static BinaryMask uncertain(Sample sample) {
        RgbImage image = sample.image();
        boolean onlyObjects = sample.occluderHoldsPeople().map(people -> !people).orElse(false);
        if (onlyObjects || sample.occluder().isEmpty()) {
            return BinaryMask.empty(image.width(), image.height());
        }
        return sample.occluder().get().andNot(sample.visible());
    }

    @Override
    public String metricName() {
        return METRIC;
    }

    @Override
    public Scorer newScorer() {
        return new Scorer() {
            private double sum;
            private long count;

            @Override
            public void add(Block block, NDManager manager, Sample sample) {
                RgbImage image = sample.image();
                float[] probabilities = network.probabilities(DjlTensors.function(block, manager), image);
                BinaryMask ignored = uncertain(sample);
                BinaryMask predicted = BinaryMask.fromIndex(image.width(), image.height(),
                        i -> probabilities[i] >= THRESHOLD).andNot(ignored);
                sum += predicted.iou(sample.visible());
                count++;
            }

            @Override
            public OptionalDouble result() {
                return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(sum / count);
            }
        };
    }
}
