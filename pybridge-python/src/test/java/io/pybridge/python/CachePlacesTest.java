package io.pybridge.python;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachePlacesTest {

    private static CachePlace first(Map<String, String> env, String os) {
        return CachePlaces.of(env, os, "/home/ada", "/tmp", "ada").getFirst();
    }

    @Test
    void pybridgeCacheVariableWinsEverywhere() {
        for (String os : List.of("Linux", "Mac OS X", "Windows 11")) {
            CachePlace place = first(Map.of("PYBRIDGE_CACHE", "/data/pyb", "XDG_CACHE_HOME", "/x",
                    "LOCALAPPDATA", "C:\\L"), os);
            assertEquals(Path.of("/data/pyb"), place.directory(), os);
            assertEquals("$PYBRIDGE_CACHE", place.origin());
        }
    }

    @Test
    void linuxUsesXdgCacheHomeThenDotCache() {
        assertEquals(Path.of("/xdg/pybridge"), first(Map.of("XDG_CACHE_HOME", "/xdg"), "Linux").directory());
        assertEquals(Path.of("/home/ada/.cache/pybridge"), first(Map.of(), "Linux").directory());
        assertEquals(Path.of("/home/ada/.cache/pybridge"), first(Map.of("XDG_CACHE_HOME", "relative"), "Linux").directory(),
                "a relative XDG_CACHE_HOME is ignored, as the XDG spec says");
        assertEquals(Path.of("/home/ada/.cache/pybridge"), first(Map.of("PYBRIDGE_CACHE", " "), "Linux").directory(),
                "a blank PYBRIDGE_CACHE counts as unset");
    }

    @Test
    void macOsUsesLibraryCaches() {
        assertEquals(Path.of("/home/ada/Library/Caches/pybridge"), first(Map.of("XDG_CACHE_HOME", "/xdg"), "Mac OS X").directory());
    }

    @Test
    void windowsUsesLocalAppData() {
        assertEquals(Path.of("C:\\Users\\ada\\AppData\\Local", "pybridge"),
                first(Map.of("LOCALAPPDATA", "C:\\Users\\ada\\AppData\\Local"), "Windows 11").directory());
        assertEquals(Path.of("/home/ada", "AppData", "Local", "pybridge"), first(Map.of(), "Windows 10").directory());
    }

    @Test
    void theFallbackIsAPrivateFolderPerUserUnderTheTemporaryDirectory() {
        List<CachePlace> places = CachePlaces.of(Map.of(), "Linux", "/home/ada", "/var/tmp", "ada lovelace/x");
        assertEquals(2, places.size());
        assertFalse(places.getFirst().sharedTemp());
        CachePlace fallback = places.get(1);
        assertTrue(fallback.sharedTemp());
        assertEquals(Path.of("/var/tmp/pybridge-ada_lovelace_x"), fallback.directory());
    }

    @Test
    void userNamesThatCannotNameAFolderAreReplaced() {
        assertEquals("user", CachePlaces.safeUserName(""));
        assertEquals("user", CachePlaces.safeUserName(".."));
        assertEquals("user", CachePlaces.safeUserName(null));
        assertEquals("DOMAIN_ada", CachePlaces.safeUserName("DOMAIN\\ada"));
        assertEquals("j_rg.m-1_", CachePlaces.safeUserName("j\u00f6rg.m-1_"));   // letters outside ASCII too
        assertEquals("a_b", CachePlaces.safeUserName("a\uD83D\uDE00b"));         // one character, one '_'
        assertEquals("._.", CachePlaces.safeUserName("./."));
    }
}
