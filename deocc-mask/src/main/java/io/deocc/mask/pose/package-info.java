/**
 * The typical pose-mask bank: a small set of whole-body silhouettes, each cropped to its box and
 * resized to a square grid, used as a shape prior for mask completion; and its versioned file format.
 *
 * <p>Two banks are shipped, both in the same file format:
 * <ul>
 *   <li>{@code pose-masks-v2.txt}, the default ({@link io.deocc.mask.pose.PoseMaskBank#DEFAULT_RESOURCE}):
 *       as in the paper, the 64 k-means centres of amodal person masks cropped to their box and
 *       area-averaged to 32×32 — here of 4000 synthetic people (deocc-synth scene seeds 7 000 000 to
 *       7 003 999 at 192×192, disjoint from the seeds the tests score on), computed by
 *       {@code io.deocc.data.pose.PoseBankBuilder} with Apache Commons Math's k-means++. Its recipe
 *       line records every input. Remake it from the repository root (after
 *       {@code mvn -o install -pl deocc-cli}) with
 *       <pre>
 * bin/deocc pose-bank --k 64 --count 4000 --seed 7000000 --size 32 --scene-size 192 --iterations 100 \
 *     --out deocc-mask/src/main/resources/io/deocc/mask/pose/pose-masks-v2.txt
 *       </pre>
 *       or {@code mvn -o test -pl deocc-data -Dtest=ShippedPoseBankTest -Ddeocc.pose-bank.rewrite=true};
 *       deocc-data's {@code ShippedPoseBankTest} checks that a rebuild gives the same bytes.</li>
 *   <li>{@code pose-masks-v1.txt} ({@link io.deocc.mask.pose.PoseMaskBankGenerator#RESOURCE}): 48
 *       hand-set procedural silhouettes drawn by {@link io.deocc.mask.pose.PoseMaskBankGenerator}.</li>
 * </ul>
 */
package io.deocc.mask.pose;
