/** The reference application: a local media analyzer over a Python module ({@code embedders}). */
module io.pybridge.examples.media {
    requires io.pybridge;
    requires info.picocli;
    requires com.fasterxml.jackson.databind;
    requires java.desktop;
    requires java.xml;

    // The conversions read these records by reflection; picocli sets the command's fields.
    opens io.pybridge.examples.media to io.pybridge;
    opens io.pybridge.examples.media.app to info.picocli, io.pybridge;
}
