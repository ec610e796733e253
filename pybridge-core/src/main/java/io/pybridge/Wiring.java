package io.pybridge;

import io.pybridge.internal.convert.ConversionExtensions;
import io.pybridge.internal.convert.PublicFaces;
import io.pybridge.internal.convert.PyRef;
import io.pybridge.internal.api.ApiErrors;
import io.pybridge.numpy.NDArray;

/**
 * Connects the public package to the layers under it, once, when {@link Python} is initialized: those
 * layers do not name public classes, so what they must make or recognise of them (exceptions, the faces
 * of objects and arrays) and the conversions the features add (lazy iterators, awaitable futures,
 * interface proxies) are installed from here.
 */
final class Wiring {
    private Wiring() {
    }

    static void install() {
        ApiErrors.install(new PublicErrors());
        PublicFaces.install(new PublicFaces.Objects() {
            @Override
            public Class<?> type() {
                return PyObject.class;
            }

            @Override
            public Object of(PyRef ref) {
                return PyObject.of(ref);
            }

            @Override
            public PyRef refOf(Object value) {
                return value instanceof PyObject object ? object.ref() : null;
            }
        });
        try {
            Class.forName(NDArray.class.getName(), true, Wiring.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        ConversionExtensions.install(new IdiomConversions());
    }
}
