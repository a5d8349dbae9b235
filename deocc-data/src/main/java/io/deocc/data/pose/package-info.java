/** Typical pose masks: k-means centres of amodal person masks, the prior of the reference completer and the mask networks. */
package io.deocc.data.pose;
