package io.deocc.mask.internal;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.spi.ComponentConfig;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.MaskCompleter;
import io.deocc.api.spi.MaskCompleterFactory;
import io.deocc.api.spi.PluginContext;
import io.deocc.api.spi.Stage;
import io.deocc.mask.pose.PoseMaskBank;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Creates the {@code reference} mask completer: pure Java, no model, fits typical pose masks to
 * each person's visible mask by scale and position (see {@link ReferenceMaskCompleterFit}). On
 * synthetic occluded people it lifts the mean amodal IoU from 0.63 ("amodal = visible") to about
 * 0.81; it takes a few tens of milliseconds per person in a 512×512 image on one core.
 *
 * <p>Settings (all optional):
 * <ul>
 *   <li>{@code hidden-weight} — cost of a template pixel that may be hidden, relative to one on
 *       clear background (cost 1); 0 to 0.95, default 0.05. Lower lets the fitted body reach
 *       further behind occluders; higher keeps it closer to the visible mask.</li>
 *   <li>{@code max-scale} — each side of the visible box may move outwards by at most
 *       {@code max-scale − 1} times the box's longer side; 1 to 8, default 3. 1 keeps the body
 *       within the visible box but for a 4% slack.</li>
 *   <li>{@code use-image} — {@code true} (default) to tell background from occluders by colour;
 *       {@code false} to fit shape alone.</li>
 *   <li>{@code pose-bank} — a pose-mask bank file ({@link PoseMaskBank} format); default the bank
 *       shipped with this module.</li>
 * </ul>
 */
public final class ReferenceMaskCompleterFactory implements MaskCompleterFactory {
    static final String NAME = "reference";
    static final String HIDDEN_WEIGHT = "hidden-weight";
    static final String MAX_SCALE = "max-scale";
    static final String USE_IMAGE = "use-image";
    static final String POSE_BANK = "pose-bank";

    private static final ComponentDescriptor DESCRIPTOR = new ComponentDescriptor(NAME, Stage.MASK_COMPLETION, "template-fit", "java", 0,
            true, Set.of(), "Fits a typical whole-body pose mask to the visible mask and adds the part an occluder may hide.");

    /** Needed by ServiceLoader; cheap: the bank loads in {@link #create}. */
    public ReferenceMaskCompleterFactory() {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public ComponentDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public MaskCompleter create(ComponentConfig config, PluginContext context) {
        checkNotNull(config, "config");
        checkNotNull(context, "context");
        config.requireOnly(NAME, Set.of(HIDDEN_WEIGHT, MAX_SCALE, USE_IMAGE, POSE_BANK));
        double hiddenWeight = config.getDouble(HIDDEN_WEIGHT, ReferenceMaskCompleterSettings.DEFAULT_HIDDEN_WEIGHT, 0.0, 0.95);
        double maxScale = config.getDouble(MAX_SCALE, ReferenceMaskCompleterSettings.DEFAULT_MAX_SCALE, 1.0, 8.0);
        boolean useImage = config.getBoolean(USE_IMAGE, true);
        ReferenceMaskCompleterSettings defaults = ReferenceMaskCompleterSettings.defaults();
        ReferenceMaskCompleterSettings settings = new ReferenceMaskCompleterSettings(hiddenWeight, defaults.backgroundWeight(),
                defaults.missWeight(), maxScale, useImage);
        PoseMaskBank bank = config.get(POSE_BANK).map(ReferenceMaskCompleterFactory::loadBank).orElseGet(PoseMaskBank::loadDefault);
        return new ReferenceMaskCompleter(DESCRIPTOR, new ReferenceMaskCompleterFit(bank, settings), context.limits());
    }

    private static PoseMaskBank loadBank(String path) {
        Path file;
        try {
            file = Path.of(path.trim());
        } catch (InvalidPathException e) {
            throw new DeoccException(ErrorCode.INVALID_CONFIG, "setting '" + POSE_BANK + "' is '" + path + "', not a valid path: give the path of a pose-mask bank file", e);
        }
        return PoseMaskBank.load(file);
    }
}
