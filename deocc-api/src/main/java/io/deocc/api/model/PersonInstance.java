package io.deocc.api.model;

import static io.deocc.api.DeoccException.checkArgument;
import static io.deocc.api.DeoccException.checkNotNull;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.api.image.ParsingMap;
import java.util.Optional;

/**
 * One person found in an image: a (possibly inaccurate) visible mask at the image's size, its box,
 * the segmenter's confidence and, when the segmenter has one, a parsing of the visible pixels.
 *
 * @param id a label unique within one image, at least 1
 * @param visibleMask the visible pixels of the person; never empty
 * @param box the tight box around {@code visibleMask}
 * @param score confidence in [0, 1]
 * @param parsing optional parsing at the image's size
 */
public record PersonInstance(int id, BinaryMask visibleMask, Box box, double score, Optional<ParsingMap> parsing) {
    public PersonInstance {
        checkArgument(id >= 1, "person id " + id + " must be at least 1");
        checkNotNull(visibleMask, "visibleMask");
        checkNotNull(box, "box");
        checkNotNull(parsing, "parsing");
        if (visibleMask.isEmpty()) {
            throw new DeoccException(ErrorCode.EMPTY_MASK, "person " + id + " has an empty visible mask: give a mask with at least one foreground pixel");
        }
        checkArgument(score >= 0.0 && score <= 1.0, "person " + id + " score " + score + " must be in [0, 1]");
        checkArgument(box.fitsIn(visibleMask.width(), visibleMask.height()),
                "person " + id + " box " + box + " does not fit in its " + visibleMask.width() + "x" + visibleMask.height() + " mask");
        parsing.ifPresent(p -> {
            if (p.width() != visibleMask.width() || p.height() != visibleMask.height()) {
                throw new DeoccException(ErrorCode.SIZE_MISMATCH, "person " + id + " parsing is " + p.width() + "x" + p.height()
                        + " but its mask is " + visibleMask.width() + "x" + visibleMask.height() + ": both must have the image's size");
            }
        });
    }

    /** A person whose box is the tight box of its mask, with score 1 and no parsing. */
    public static PersonInstance of(int id, BinaryMask visibleMask) {
        checkNotNull(visibleMask, "visibleMask");
        Box box = visibleMask.boundingBox().orElseThrow(() -> new DeoccException(ErrorCode.EMPTY_MASK,
                "person " + id + " has an empty visible mask: give a mask with at least one foreground pixel"));
        return new PersonInstance(id, visibleMask, box, 1.0, Optional.empty());
    }

    public int width() {
        return visibleMask.width();
    }

    public int height() {
        return visibleMask.height();
    }
}
