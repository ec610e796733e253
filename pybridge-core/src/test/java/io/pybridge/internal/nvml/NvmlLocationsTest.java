package io.pybridge.internal.nvml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NvmlLocationsTest {

    @Test
    void linuxTriesTheLoaderByNameThenTheDriverFolders() {
        NvmlLocations locations = NvmlLocations.forPlatform("Linux", "amd64", name -> null);

        assertEquals("libnvidia-ml.so.1", locations.libraryName());
        assertEquals(List.of(
                "libnvidia-ml.so.1 (by name)",
                "/usr/lib/x86_64-linux-gnu/libnvidia-ml.so.1",
                "/usr/lib64/libnvidia-ml.so.1",
                "/usr/lib/libnvidia-ml.so.1",
                "/usr/local/nvidia/lib64/libnvidia-ml.so.1",
                "/usr/lib/wsl/lib/libnvidia-ml.so.1",
                "/run/opengl-driver/lib/libnvidia-ml.so.1"), described(locations));
    }

    @Test
    void linuxOnArmLooksInTheArmMultiarchFolder() {
        List<String> tried = described(NvmlLocations.forPlatform("Linux", "aarch64", name -> null));

        assertEquals("/usr/lib/aarch64-linux-gnu/libnvidia-ml.so.1", tried.get(1));
    }

    @Test
    void windowsTriesSystem32ThenNvsmiThenTheLoaderByName() {
        Map<String, String> environment = Map.of("SystemRoot", "C:\\WINDOWS", "ProgramW6432", "C:\\Program Files\\",
                "ProgramFiles", "C:\\Program Files");
        NvmlLocations locations = NvmlLocations.forPlatform("Windows 11", "amd64", environment::get);

        assertEquals("nvml.dll", locations.libraryName());
        assertEquals(List.of(
                "C:\\WINDOWS\\System32\\nvml.dll",
                "C:\\Program Files\\NVIDIA Corporation\\NVSMI\\nvml.dll",
                "nvml.dll (by name)"), described(locations));
    }

    @Test
    void windowsWithoutItsVariablesStillTriesTheDefaultSystemFolder() {
        assertEquals(List.of("C:\\Windows\\System32\\nvml.dll", "nvml.dll (by name)"),
                described(NvmlLocations.forPlatform("Windows 10", "amd64", name -> null)));
    }

    @Test
    void macOsHasNoPlaceAndOpeningSaysNvmlDoesNotExistThere() {
        NvmlLocations locations = NvmlLocations.forPlatform("Mac OS X", "aarch64", name -> null);

        assertEquals(List.of(), locations.candidates());
        NvmlUnavailableException thrown = assertThrows(NvmlUnavailableException.class,
                () -> NvmlLibrary.open(locations));
        assertEquals("NVML is not available on Mac OS X: NVIDIA ships no NVML library for it", thrown.getMessage());
    }

    @Test
    void aChosenFileIsTheOnlyCandidateByItsAbsolutePath() {
        NvmlLocations locations = NvmlLocations.of(Path.of("drivers", "libnvidia-ml.so.1"));

        assertEquals("libnvidia-ml.so.1", locations.libraryName());
        assertEquals(List.of(new NvmlLocations.Candidate(
                Path.of("drivers", "libnvidia-ml.so.1").toAbsolutePath().toString(), false)), locations.candidates());
    }

    @Test
    void returnCodesReadAsNvmlHeadersSpellThem() {
        assertEquals("NVML_ERROR_DRIVER_NOT_LOADED", NvmlReturnCodes.name(9));
        assertEquals("NVML_ERROR_UNKNOWN", NvmlReturnCodes.name(999));
        assertEquals("NVML_RETURN_4242", NvmlReturnCodes.name(4242));
    }

    private static List<String> described(NvmlLocations locations) {
        return locations.candidates().stream().map(NvmlLocations.Candidate::describe).toList();
    }
}
