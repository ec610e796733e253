/** The {@code pybridge} command: {@code doctor}, {@code run module:function args…}, {@code bench}. */
module io.pybridge.cli {
    requires io.pybridge;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;

    // picocli reads and sets the commands' annotated fields by reflection.
    opens io.pybridge.cli to info.picocli;
}
