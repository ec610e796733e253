/**
 * Apache Arrow columns to Python and back through the Arrow C Data and C Stream interfaces, without a
 * copy of the column buffers: {@link io.pybridge.arrow.ArrowBridge}.
 */
module io.pybridge.arrow {
    requires transitive io.pybridge;
    requires transitive org.apache.arrow.vector;
    requires transitive org.apache.arrow.memory.core;
    requires org.apache.arrow.c;

    exports io.pybridge.arrow;
}
