package io.pybridge.internal.convert;

import io.pybridge.internal.capi.CPython;
import io.pybridge.internal.capi.ObjectTypes;
import io.pybridge.internal.capi.VersionShims;
import io.pybridge.internal.capi.PyConstants;
import io.pybridge.internal.runtime.PythonErrors;
import io.pybridge.internal.runtime.PythonNames;
import io.pybridge.internal.runtime.ThreadContext;

import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.util.Map;

/**
 * Python values to Java records: a dict (or dict subclass) by key, any other object by attribute
 * (dataclasses, named tuples, plain objects), each component converted to its declared generic type.
 * A missing key or attribute is an error naming it, unless the component is
 * {@link io.pybridge.convert.PyDefault}, which also turns {@code None} into the type's default.
 */
final class RecordsFromPython {

    private RecordsFromPython() {
    }

    static Object convert(ThreadContext ctx, long object, Class<?> recordType, Type target, ContainerStack stack) {
        boolean dict = (ObjectTypes.flags(PythonToJava.typeOf(object)) & PyConstants.TPFLAGS_DICT_SUBCLASS) != 0;
        if (!dict && isPlainValue(object)) {
            throw PythonToJava.mismatch(ctx, object, "a dict or an object with attributes for " + recordType.getSimpleName());
        }
        RecordShape shape = RecordShape.of(recordType);
        Map<TypeVariable<?>, Type> bindings = GenericTypes.bindings(recordType, target);
        Object[] values = new Object[shape.components.length];
        stack.push(object);
        try {
            for (int i = 0; i < values.length; i++) {
                RecordShape.Component component = shape.components[i];
                try {
                    values[i] = component(ctx, object, dict, component, GenericTypes.resolve(component.type(), bindings),
                            stack);
                } catch (ConversionFailure f) {
                    throw f.at("." + component.javaName());
                }
            }
        } finally {
            stack.pop();
        }
        return shape.construct(values);
    }

    private static Object component(ThreadContext ctx, long object, boolean dict, RecordShape.Component component,
                                    Type type, ContainerStack stack) {
        long value = dict ? item(ctx, object, component) : attribute(ctx, object, component);
        if (value == 0) {
            if (component.defaulted()) {
                return TypeDefaults.of(component.raw());
            }
            throw new ConversionFailure("missing: " + (dict ? "the dict has no key '" + component.pythonName() + "'"
                    : PythonNames.typeNameOf(ctx, object) + " has no attribute '" + component.pythonName() + "'")
                    + " (mark the component @PyDefault if it may be missing)");
        }
        try {
            if (value == PyConstants.NONE && component.defaulted()) {
                return TypeDefaults.of(component.raw());
            }
            return PythonToJava.to(ctx, value, type, stack);
        } finally {
            CPython.Py_DecRef(value);
        }
    }

    /** {@code dict[name]} as a new reference, or 0 when the key is missing. */
    private static long item(ThreadContext ctx, long dict, RecordShape.Component component) {
        long value = VersionShims.dictItem(dict, PythonNames.of(ctx, component.pythonName()), ctx.scratch());
        if (value == 0 && CPython.PyErr_Occurred() != 0) {
            throw new ConversionFailure("reading key '" + component.pythonName() + "' failed: "
                    + PythonErrors.fetch(ctx).getMessage());
        }
        return value;
    }

    /** {@code getattr(object, name)} as a new reference, or 0 when there is no such attribute. */
    private static long attribute(ThreadContext ctx, long object, RecordShape.Component component) {
        long value = CPython.PyObject_GetAttr(object, PythonNames.of(ctx, component.pythonName()));
        if (value == 0) {
            if (CPython.PyErr_GivenExceptionMatches(CPython.PyErr_Occurred(), PyConstants.EXC_ATTRIBUTE_ERROR) != 0) {
                CPython.PyErr_Clear();
                return 0;
            }
            throw new ConversionFailure("reading attribute '" + component.pythonName() + "' failed: "
                    + PythonErrors.fetch(ctx).getMessage());
        }
        return value;
    }

    /** Values whose attributes are never record components: numbers, strings, bytes, lists, tuples, sets. */
    private static boolean isPlainValue(long object) {
        long type = PythonToJava.typeOf(object);
        return PythonToJava.isString(object) || PythonToJava.isInt(object) || type == PyConstants.FLOAT_TYPE
                || type == PyConstants.BYTES_TYPE || type == PyConstants.LIST_TYPE || type == PyConstants.TUPLE_TYPE
                || type == PyConstants.SET_TYPE || type == PyConstants.FROZENSET_TYPE;
    }
}
