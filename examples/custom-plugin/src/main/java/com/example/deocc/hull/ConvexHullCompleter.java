package com.example.deocc.hull;

import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.ResourceLimits;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.RgbImage;
import io.deocc.api.model.MaskCompletion;
import io.deocc.api.model.PersonInstance;
import io.deocc.api.spi.ComponentDescriptor;
import io.deocc.api.spi.ComponentInputs;
import io.deocc.api.spi.MaskCompleter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The {@code convex-hull} completer: amodal = visible ∪ convex hull of visible (grown by the
 * configured margin). The visible mask is passed through unrefined.
 *
 * <p>Why a hull is a fair guess: an occluder usually cuts a person along a straight-ish edge and
 * leaves pieces on both sides of it (head above a table, feet below it), and the hull bridges such
 * gaps. Its limits show quickly: it cannot invent a part that lies beyond every visible piece (legs
 * hidden behind a wall that rises from the bottom), and raised or spread arms turn the hull into a
 * wedge that takes in much background. Doing better takes a shape prior, as the reference completer
 * and the trained networks have.
 *
 * <p>Immutable apart from the closed flag, hence thread-safe.
 */
final class ConvexHullCompleter implements MaskCompleter {
    private final ComponentDescriptor descriptor;
    private final int margin;
    private final ResourceLimits limits;
    private final AtomicBoolean closed = new AtomicBoolean();

    ConvexHullCompleter(ComponentDescriptor descriptor, int margin, ResourceLimits limits) {
        this.descriptor = checkNotNull(descriptor, "descriptor");
        this.margin = margin;
        this.limits = checkNotNull(limits, "limits");
    }

    @Override
    public ComponentDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public MaskCompletion complete(RgbImage image, PersonInstance person) {
        // The API's shared checks: closed, nulls, sizes and limits, with the messages users expect.
        ComponentInputs.checkOpen(closed.get(), descriptor);
        ComponentInputs.checkPerson(image, person, limits);
        BinaryMask visible = person.visibleMask();
        // The hull contains the visible mask already; the OR makes that guarantee explicit and cheap.
        BinaryMask amodal = ConvexHull.of(visible, margin).or(visible);
        return new MaskCompletion(visible, amodal);
    }

    /** Idempotent; afterwards {@link #complete} fails with {@code COMPONENT_CLOSED}. */
    @Override
    public void close() {
        closed.set(true);
    }

    @Override
    public String toString() {
        return "ConvexHullCompleter[margin=" + margin + (closed.get() ? ", closed" : "") + "]";
    }
}
