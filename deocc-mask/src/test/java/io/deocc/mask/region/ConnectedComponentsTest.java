package io.deocc.mask.region;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.deocc.api.DeoccException;
import io.deocc.api.ErrorCode;
import io.deocc.api.image.BinaryMask;
import io.deocc.api.image.Box;
import io.deocc.mask.region.ConnectedComponents.Connectivity;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectedComponentsTest {
    /** Rows of '#' (foreground) and '.' (background). */
    private static BinaryMask mask(String... rows) {
        int width = rows[0].length();
        return BinaryMask.fromIndex(width, rows.length, i -> rows[i / width].charAt(i % width) == '#');
    }

    @Test
    void diagonalNeighboursJoinOnlyUnderEightConnectivity() {
        BinaryMask diagonal = mask(
                "#...",
                ".#..",
                "..#.");
        assertEquals(1, ConnectedComponents.of(diagonal, Connectivity.EIGHT).count());
        ConnectedComponents four = ConnectedComponents.of(diagonal, Connectivity.FOUR);
        assertEquals(3, four.count());
        assertEquals(1, four.label(0, 0));
        assertEquals(2, four.label(1, 1));
        assertEquals(3, four.label(2, 2));
    }

    @Test
    void labelsFollowTheRasterOrderOfEachComponentsFirstPixel() {
        // the U's first pixel is at (3, 0), the bar's at (0, 1), the dot's at (6, 3)
        BinaryMask shapes = mask(
                "...#.#.",
                "##.#.#.",
                "...###.",
                "......#");
        ConnectedComponents four = ConnectedComponents.of(shapes, Connectivity.FOUR);
        assertEquals(3, four.count());
        assertEquals(1, four.label(3, 0));
        assertEquals(1, four.label(5, 0), "both arms of the U are one component through its bottom row");
        assertEquals(2, four.label(0, 1));
        assertEquals(3, four.label(6, 3));
        assertEquals(0, four.label(2, 1), "background is 0");
        // under 8-connectivity the dot touches the U's corner
        ConnectedComponents eight = ConnectedComponents.of(shapes, Connectivity.EIGHT);
        assertEquals(2, eight.count());
        assertEquals(eight.label(3, 0), eight.label(6, 3));
    }

    @Test
    void areasBoxesAndMasksDescribeEachComponent() {
        BinaryMask shapes = mask(
                "##....",
                "##..#.",
                "....##",
                "....#.");
        ConnectedComponents parts = ConnectedComponents.of(shapes, Connectivity.EIGHT);
        assertEquals(2, parts.count());
        assertEquals(4, parts.area(1));
        assertEquals(new Box(0, 0, 2, 2), parts.box(1));
        assertEquals(4, parts.area(2));
        assertEquals(new Box(4, 1, 2, 3), parts.box(2));
        assertEquals(mask(
                "......",
                "....#.",
                "....##",
                "....#."), parts.mask(2));
        assertEquals(shapes, parts.mask(1).or(parts.mask(2)), "the components partition the foreground");
    }

    @Test
    void labelsByAreaPutTheLargestFirstAndKeepLabelOrderOnTies() {
        BinaryMask shapes = mask(
                "#.##.#",
                "..##..",
                "......",
                "#....#");
        ConnectedComponents parts = ConnectedComponents.of(shapes, Connectivity.EIGHT);
        // labels: 1 = (0,0), 2 = the 2x2 block, 3 = (5,0), 4 = (0,3), 5 = (5,3)
        assertEquals(5, parts.count());
        assertEquals(List.of(2, 1, 3, 4, 5), parts.labelsByAreaDescending());
    }

    @Test
    void anEmptyMaskHasNoComponentsAndAFullOneHasOne() {
        ConnectedComponents none = ConnectedComponents.of(BinaryMask.empty(5, 3), Connectivity.EIGHT);
        assertEquals(0, none.count());
        assertEquals(List.of(), none.labelsByAreaDescending());
        ConnectedComponents full = ConnectedComponents.of(BinaryMask.empty(5, 3).not(), Connectivity.FOUR);
        assertEquals(1, full.count());
        assertEquals(15, full.area(1));
        assertEquals(new Box(0, 0, 5, 3), full.box(1));
    }

    @Test
    void manyComponentsGrowTheTablesBeyondTheirFirstSize() {
        // a checkerboard: under 4-connectivity every foreground pixel is alone
        BinaryMask board = BinaryMask.fromIndex(20, 20, i -> (i % 20 + i / 20) % 2 == 0);
        ConnectedComponents four = ConnectedComponents.of(board, Connectivity.FOUR);
        assertEquals(200, four.count());
        for (int label = 1; label <= four.count(); label++) {
            assertEquals(1, four.area(label));
        }
        assertEquals(1, ConnectedComponents.of(board, Connectivity.EIGHT).count());
    }

    @Test
    void badArgumentsAreDeoccErrorsNamingTheValue() {
        ConnectedComponents parts = ConnectedComponents.of(mask("#.#"), Connectivity.FOUR);
        DeoccException label = assertThrows(DeoccException.class, () -> parts.area(3));
        assertEquals(ErrorCode.INVALID_ARGUMENT, label.errorCode());
        assertTrue(label.getMessage().contains("label 3") && label.getMessage().contains("1 to 2"), label.getMessage());
        DeoccException pixel = assertThrows(DeoccException.class, () -> parts.label(3, 0));
        assertTrue(pixel.getMessage().contains("(3, 0)"), pixel.getMessage());
        assertThrows(DeoccException.class, () -> parts.labelAt(-1));
        assertThrows(DeoccException.class, () -> parts.box(0));
        assertThrows(DeoccException.class, () -> ConnectedComponents.of(null, Connectivity.FOUR));
        assertThrows(DeoccException.class, () -> ConnectedComponents.of(mask("#"), null));
    }
}
