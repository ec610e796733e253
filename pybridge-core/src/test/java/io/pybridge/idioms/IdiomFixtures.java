package io.pybridge.idioms;

import io.pybridge.PyObject;
import io.pybridge.Python;
import io.pybridge.convert.TypeRef;
import io.pybridge.testing.Fixtures;

import java.util.List;

/** {@code idiom_fixtures}: the Python side of the idiom tests. */
final class IdiomFixtures {
    private IdiomFixtures() {
    }

    static Python python() {
        return Fixtures.python();
    }

    /** {@code idiom_fixtures.name}, a new reference. */
    static PyObject fixture(String name) {
        return python().withGil(py -> {
            try (PyObject module = py.importModule("idiom_fixtures")) {
                return module.getAttr(name);
            }
        });
    }

    /** {@code idiom_fixtures.name(*args)}. */
    static PyObject call(String name, Object... args) {
        try (PyObject function = fixture(name)) {
            return function.call(args);
        }
    }

    /** The events the fixtures recorded since the last call, each as a list. */
    static List<List<Object>> events() {
        try (PyObject taken = call("take_events")) {
            return taken.as(new TypeRef<List<List<Object>>>() { });
        }
    }
}
