package io.deocc.data.pose;

import static io.deocc.api.DeoccException.checkArgument;

import io.deocc.api.image.BinaryMask;
import io.deocc.synth.SyntheticScenes;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * Amodal masks of synthetic people: scene {@code i} is
 * {@code SyntheticScenes.occludedPerson(firstSeed + i, sceneSize, sceneSize)}, for {@code i} from 0
 * to {@code count − 1}. Consecutive seeds keep the range easy to state and to keep apart from the
 * seeds tests score on (1000–1059 and 5000–5099 in deocc-mask).
 *
 * @param firstSeed seed of the first scene; {@code firstSeed + count − 1} must not overflow
 * @param count number of people, 1 to {@link PoseBankBuilder#MAX_MASKS}
 * @param sceneSize side of the square scenes, {@value SyntheticScenes#MIN_SIZE} to 1024
 */
public record SyntheticPeople(long firstSeed, int count, int sceneSize) {
    /** Scene side used for the shipped bank: people 105–165 pixels tall, ample for 32×32 templates. */
    public static final int DEFAULT_SCENE_SIZE = 192;
    /** Largest scene side accepted; larger scenes only cost time. */
    public static final int MAX_SCENE_SIZE = 1024;
    /** First seed of the shipped bank's people: far from every seed range the tests score on. */
    public static final long SHIPPED_FIRST_SEED = 7_000_000L;
    /** Number of people in the shipped bank. */
    public static final int SHIPPED_COUNT = 4000;
    /** The people of the bank shipped as {@code pose-masks-v2.txt}. */
    public static final SyntheticPeople SHIPPED = new SyntheticPeople(SHIPPED_FIRST_SEED, SHIPPED_COUNT, DEFAULT_SCENE_SIZE);

    public SyntheticPeople {
        checkArgument(count >= 1 && count <= PoseBankBuilder.MAX_MASKS,
                "synthetic people count " + count + " is out of range: ask for 1 to " + PoseBankBuilder.MAX_MASKS);
        checkArgument(sceneSize >= SyntheticScenes.MIN_SIZE && sceneSize <= MAX_SCENE_SIZE,
                "scene size " + sceneSize + " is out of range: use " + SyntheticScenes.MIN_SIZE + " to " + MAX_SCENE_SIZE + " pixels");
        checkArgument(firstSeed <= Long.MAX_VALUE - (count - 1),
                "first seed " + firstSeed + " plus " + count + " people overflows a long: choose a smaller seed");
    }

    /** The last scene's seed. */
    public long lastSeed() {
        return firstSeed + count - 1;
    }

    /** The amodal masks in seed order; sequential, lazy (scenes are generated as the stream is read). */
    public Stream<BinaryMask> amodalMasks() {
        return LongStream.rangeClosed(firstSeed, lastSeed()).mapToObj(seed -> SyntheticScenes.occludedPerson(seed, sceneSize, sceneSize).amodal());
    }

    /** One line for a bank's recipe. */
    public String description() {
        return "synthetic people (deocc-synth SyntheticScenes.occludedPerson, " + sceneSize + "x" + sceneSize + " scenes, seeds " + firstSeed
                + " to " + lastSeed() + ")";
    }
}
