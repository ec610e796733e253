package io.pybridge;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PyObjectTest {
    private static Python python;

    @BeforeAll
    static void define() {
        python = Python.start();
        python.withGil(py -> {
            py.exec("""
                    class Point:
                        def __init__(self, x, y):
                            self.x = x
                            self.y = y
                        def scaled(self, k, *, offset=0):
                            return Point(self.x * k + offset, self.y * k + offset)
                        def __repr__(self):
                            return f'Point({self.x}, {self.y})'
                    def describe(*args, **kwargs):
                        return f'{args} {sorted(kwargs.items())}'
                    """);
            return null;
        });
    }

    @Test
    void attributes() {
        python.withGil(py -> {
            try (PyObject p = py.eval("Point(1, 2)")) {
                assertEquals(1L, p.getAttr("x").as(Long.class));
                assertTrue(p.hasAttr("y"));
                assertFalse(p.hasAttr("z"));
                p.setAttr("z", "zed");
                assertEquals("zed", p.getAttr("z").as(String.class));
                PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> p.getAttr("missing"));
                assertEquals("AttributeError", e.pythonType());
                assertEquals("__main__.Point", p.typeName());
                assertEquals("Point(1, 2)", p.repr());
                assertEquals("Point(1, 2)", p.str());
                assertEquals("Point(1, 2)", p.toString());
            }
            return null;
        });
    }

    @Test
    void hasAttrPropagatesErrorsOtherThanAttributeError() {
        python.withGil(py -> {
            py.exec("""
                    class Broken:
                        def __getattr__(self, name):
                            raise ValueError('broken ' + name)
                    """);
            try (PyObject broken = py.eval("Broken()")) {
                PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> broken.hasAttr("q"));
                assertEquals("ValueError", e.pythonType());
            }
            return null;
        });
    }

    @Test
    void itemsAndLength() {
        python.withGil(py -> {
            try (PyObject d = py.eval("{'a': 1, 2: 'two'}"); PyObject l = py.eval("[10, 20, 30]")) {
                assertEquals(1L, d.getItem("a").as(Long.class));
                assertEquals("two", d.getItem(2).as(String.class));
                assertEquals(2, d.len());
                assertEquals(30L, l.getItem(-1).as(Long.class));
                PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> d.getItem("nope"));
                assertEquals("KeyError", e.pythonType());
                PythonExecutionException noLen = assertThrows(PythonExecutionException.class,
                        () -> py.eval("5").len());
                assertEquals("TypeError", noLen.pythonType());
            }
            return null;
        });
    }

    @Test
    void positionalKeywordAndMethodCalls() {
        python.withGil(py -> {
            try (PyObject describe = py.eval("describe"); PyObject p = py.eval("Point(1, 2)")) {
                assertEquals("(1, 'a', None) []", describe.call(1, "a", null).as(String.class));
                Map<String, Object> kwargs = new LinkedHashMap<>();
                kwargs.put("b", 2.5);
                kwargs.put("a", List.of(1));
                assertEquals("(True,) [('a', [1]), ('b', 2.5)]", describe.callKw(kwargs, true).as(String.class));
                assertEquals("() []", describe.call().as(String.class));
                assertEquals("Point(3, 6)", p.callMethod("scaled", 3).repr());
                assertEquals("Point(4, 7)", p.getAttr("scaled").callKw(Map.of("offset", 1), 3).repr());
            }
            return null;
        });
    }

    @Test
    void wrongArgumentCountIsATypeError() {
        python.withGil(py -> {
            try (PyObject point = py.eval("Point")) {
                PythonExecutionException e = assertThrows(PythonExecutionException.class, () -> point.call(1));
                assertEquals("TypeError", e.pythonType());
                assertTrue(e.pythonMessage().contains("missing 1 required positional argument"), e.pythonMessage());
            }
            return null;
        });
    }

    @Test
    void useAfterCloseThrows() {
        PyObject obj = python.withGil(py -> py.eval("[1]"));
        obj.close();
        obj.close();
        assertTrue(obj.isClosed());
        IllegalStateException e = assertThrows(IllegalStateException.class, obj::len);
        assertTrue(e.getMessage().contains("closed"));
        assertThrows(IllegalStateException.class, () -> obj.getAttr("append"));
        assertEquals("<closed PyObject>", obj.toString());
        try (PyObject f = python.withGil(py -> py.eval("len"))) {
            assertThrows(IllegalStateException.class, () -> f.call(obj), "a closed argument is refused too");
        }
    }

    @Test
    void equalityIsPythonIdentity() {
        python.withGil(py -> {
            py.exec("shared = object()");
            try (PyObject a = py.eval("shared"); PyObject b = py.eval("shared"); PyObject c = py.eval("object()")) {
                assertEquals(a, b);
                assertEquals(a.hashCode(), b.hashCode());
                assertNotEquals(a, c);
            }
            return null;
        });
    }

    @Test
    void pythonObjectsPassBackAsArguments() {
        python.withGil(py -> {
            try (PyObject p = py.eval("Point(5, 6)"); PyObject getattr = py.eval("getattr")) {
                assertEquals(6L, getattr.call(p, "y").as(Long.class));
                assertEquals(p, py.toPython(p));
            }
            return null;
        });
    }

    @Test
    void nullNamesAreRefused() {
        try (PyObject p = python.withGil(py -> py.eval("Point(1, 2)"))) {
            assertThrows(NullPointerException.class, () -> p.getAttr(null));
            assertThrows(NullPointerException.class, () -> p.callMethod(null));
            assertThrows(NullPointerException.class, () -> p.as((Class<?>) null));
        }
    }
}
