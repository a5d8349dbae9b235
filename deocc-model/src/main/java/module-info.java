/**
 * Model cards: what a network file is (stage, backbone and spec, input size, normalisation, training
 * recipe, bench metrics, and the SHA-256 tying the card to exactly one weights file), read and checked
 * the same way by every engine. No engine types appear here.
 */
module io.deocc.model {
    requires transitive io.deocc.api;
    requires com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;

    exports io.deocc.model;
}
