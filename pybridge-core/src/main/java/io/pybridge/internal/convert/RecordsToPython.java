package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

/** Java records to Python dicts keyed by the components' Python names (snake_case or {@code @PyName}). */
final class RecordsToPython {

    /** Converts one component value; the caller's recursion, with its cycle and depth checks. */
    interface Values {
        long convert(Object value);
    }

    private RecordsToPython() {
    }

    static long toDict(ThreadContext ctx, Record record, Values values) {
        RecordShape shape = RecordShape.of(record.getClass());
        long dict = CPython.PyDict_New();
        if (dict == 0) {
            throw PythonErrors.fetch(ctx);
        }
        try {
            for (RecordShape.Component component : shape.components) {
                long item;
                try {
                    item = values.convert(shape.read(component, record));
                } catch (ConversionFailure f) {
                    throw f.at("." + component.javaName());
                }
                int status = CPython.PyDict_SetItem(dict, PythonNames.of(ctx, component.pythonName()), item);
                CPython.Py_DecRef(item);
                if (status != 0) {
                    throw PythonErrors.fetch(ctx);
                }
            }
            return dict;
        } catch (RuntimeException e) {
            CPython.Py_DecRef(dict);
            throw e;
        }
    }
}
