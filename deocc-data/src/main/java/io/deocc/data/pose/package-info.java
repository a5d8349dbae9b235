/**
 * Typical pose masks: k-means centres of amodal person masks, cropped to their box and resized to
 * 32×32, the prior of the reference completer and the mask networks. {@link io.deocc.data.pose.PoseBankBuilder}
 * computes a bank from any masks; {@link io.deocc.data.pose.SyntheticPeople} supplies the synthetic
 * people the shipped bank ({@code pose-masks-v2.txt} in io.deocc.mask) was made from.
 */
package io.deocc.data.pose;
