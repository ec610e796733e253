/* Calls into Python, taking the GIL, and catching a Python exception. */
#include "baseline.h"
#include "harness.h"

#include <stdlib.h>
#include <string.h>

typedef struct {
    PyObject *function;
    PyThreadState *thread_state;
    char text[256];
} CallState;

static bool setup_function(const void *param, void **state, char *why, size_t why_size) {
    (void) why;
    (void) why_size;
    CallState *call = calloc(1, sizeof *call);
    if (call == NULL) {
        fail("out of memory");
    }
    call->function = param != NULL ? embed_target_function(param) : NULL;
    call->thread_state = PyGILState_GetThisThreadState();
    *state = call;
    return true;
}

static void teardown_function(void *state) {
    CallState *call = state;
    Py_XDECREF(call->function);
    free(call);
}

static void run_noop(void *state, uint64_t iterations) {
    PyObject *noop = ((CallState *) state)->function;
    for (uint64_t i = 0; i < iterations; i++) {
        PyObject *result = PyObject_Vectorcall(noop, NULL, 0, NULL);
        if (result == NULL) {
            embed_fail("calling noop()");
        }
        Py_DECREF(result);
    }
}

/* add(a, b) on two new references, which it takes; fails the run, naming `what`, on any error. */
static PyObject *call_add_taking(PyObject *add, PyObject *a, PyObject *b, const char *what) {
    if (a == NULL || b == NULL) {
        embed_fail("making the arguments of add");
    }
    PyObject *args[2] = {a, b};
    PyObject *result = PyObject_Vectorcall(add, args, 2, NULL);
    Py_DECREF(a);
    Py_DECREF(b);
    if (result == NULL) {
        embed_fail(what);
    }
    return result;
}

static long long call_add(PyObject *add, long long a) {
    PyObject *result = call_add_taking(add, PyLong_FromLongLong(a), PyLong_FromLongLong(1), "calling add(i, 1)");
    long long sum = PyLong_AsLongLong(result);
    if (sum == -1 && PyErr_Occurred()) {
        embed_fail("reading the result of add(i, 1)");
    }
    Py_DECREF(result);
    return sum;
}

static void run_add(void *state, uint64_t iterations) {
    PyObject *add = ((CallState *) state)->function;
    uint64_t sum = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        sum += (uint64_t) call_add(add, (long long) i);
    }
    harness_sink += sum;
}

static void run_add_taking_gil(void *state, uint64_t iterations) {
    PyObject *add = ((CallState *) state)->function;
    uint64_t sum = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        PyGILState_STATE gil = PyGILState_Ensure();
        sum += (uint64_t) call_add(add, (long long) i);
        PyGILState_Release(gil);
    }
    harness_sink += sum;
}

/* A model's score: add(x, 0.5) on floats, the result read as a double, inside its own GIL scope. */
static void run_score_taking_gil(void *state, uint64_t iterations) {
    PyObject *add = ((CallState *) state)->function;
    double sum = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        PyGILState_STATE gil = PyGILState_Ensure();
        PyObject *result = call_add_taking(add, PyFloat_FromDouble((double) (i % 4096) * 0.25),
                                           PyFloat_FromDouble(0.5), "calling add(x, 0.5)");
        double score = PyFloat_AsDouble(result);
        if (score == -1.0 && PyErr_Occurred()) {
            embed_fail("reading the result of add(x, 0.5)");
        }
        Py_DECREF(result);
        PyGILState_Release(gil);
        sum += (float) score;
    }
    harness_sink += (uint64_t) sum;
}

static void run_gil_ensure_release(void *state, uint64_t iterations) {
    (void) state;
    for (uint64_t i = 0; i < iterations; i++) {
        PyGILState_STATE gil = PyGILState_Ensure();
        PyGILState_Release(gil);
    }
}

static void run_gil_restore_save(void *state, uint64_t iterations) {
    PyThreadState *thread_state = ((CallState *) state)->thread_state;
    for (uint64_t i = 0; i < iterations; i++) {
        PyEval_RestoreThread(thread_state);
        thread_state = PyEval_SaveThread();
    }
}

/* Copies a str's UTF-8 into `out` (truncating to `size`), the way a caller takes the text out. */
static size_t copy_text(PyObject *text, char *out, size_t size) {
    Py_ssize_t length;
    const char *utf8 = text != NULL ? PyUnicode_AsUTF8AndSize(text, &length) : NULL;
    if (utf8 == NULL) {
        embed_fail("reading an exception's type name or message");
    }
    size_t copied = (size_t) length < size - 1 ? (size_t) length : size - 1;
    memcpy(out, utf8, copied);
    out[copied] = '\0';
    return copied;
}

static void run_exception(void *state, uint64_t iterations) {
    CallState *call = state;
    size_t total = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        PyObject *result = PyObject_Vectorcall(call->function, NULL, 0, NULL);
        if (result != NULL) {
            fail("raise_value_error() returned instead of raising");
        }
#if PY_VERSION_HEX >= 0x030C0000
        PyObject *exception = PyErr_GetRaisedException();
        PyObject *type = (PyObject *) Py_TYPE(exception);
#else
        PyObject *type, *exception, *traceback;
        PyErr_Fetch(&type, &exception, &traceback);
        PyErr_NormalizeException(&type, &exception, &traceback);
#endif
        PyObject *type_name = PyType_GetName((PyTypeObject *) type);
        total += copy_text(type_name, call->text, sizeof call->text);
        Py_DECREF(type_name);
        PyObject *message = PyObject_Str(exception);
        total += copy_text(message, call->text, sizeof call->text);
        Py_DECREF(message);
        Py_DECREF(exception);
#if PY_VERSION_HEX < 0x030C0000
        Py_DECREF(type);
        Py_XDECREF(traceback);
#endif
    }
    harness_sink += total;
}

const Benchmark CALL_BENCHMARKS[] = {
    {"capi.call_noop", "noop() through PyObject_Vectorcall, GIL held", GIL_HELD, "noop",
     setup_function, run_noop, teardown_function},
    {"capi.call_add", "add(i, 1): two PyLong_FromLongLong, PyObject_Vectorcall, PyLong_AsLongLong, decrefs; GIL held",
     GIL_HELD, "add", setup_function, run_add, teardown_function},
    {"capi.call_add_gil", "capi.call_add inside its own PyGILState_Ensure/Release", GIL_RELEASED, "add",
     setup_function, run_add_taking_gil, teardown_function},
    {"capi.call_score_gil", "add(x, 0.5) on floats, read as a double, inside its own PyGILState_Ensure/Release",
     GIL_RELEASED, "add", setup_function, run_score_taking_gil, teardown_function},
    {"capi.gil_ensure_release", "PyGILState_Ensure + PyGILState_Release on a thread that keeps its thread state",
     GIL_RELEASED, NULL, setup_function, run_gil_ensure_release, teardown_function},
    {"capi.gil_restore_save", "PyEval_RestoreThread + PyEval_SaveThread with the thread's own thread state",
     GIL_RELEASED, NULL, setup_function, run_gil_restore_save, teardown_function},
    {"capi.exception_value_error",
     "call raise_value_error(), take the exception, copy out type name and str(exception), drop it; GIL held",
     GIL_HELD, "raise_value_error", setup_function, run_exception, teardown_function},
};
const size_t CALL_BENCHMARK_COUNT = sizeof CALL_BENCHMARKS / sizeof CALL_BENCHMARKS[0];
