/* Bulk float32 data: plain memcpy (the limit), and 1M floats into and out of numpy. */
#include "baseline.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { MILLION = 1000 * 1000 };

typedef struct {
    size_t count;
    float *source;
    float *target;
} CopyState;

/* Buffers with every page written, so page faults stay out of the timing. */
static float *filled_floats(size_t count) {
    float *data = malloc(count * sizeof(float));
    if (data != NULL) {
        for (size_t i = 0; i < count; i++) {
            data[i] = (float) (i % 4096) * 0.5f;
        }
    }
    return data;
}

/* Bytes of memory the system can still hand out: MemAvailable where /proc has it, else free pages, else -1. */
static double available_memory(void) {
    FILE *meminfo = fopen("/proc/meminfo", "r");
    if (meminfo != NULL) {
        char line[256];
        double kib = -1;
        while (fgets(line, sizeof line, meminfo) != NULL) {
            if (sscanf(line, "MemAvailable: %lf kB", &kib) == 1) {
                break;
            }
        }
        fclose(meminfo);
        if (kib >= 0) {
            return kib * 1024;
        }
    }
#ifdef _SC_AVPHYS_PAGES
    long pages = sysconf(_SC_AVPHYS_PAGES);
    long page_size = sysconf(_SC_PAGESIZE);
    if (pages > 0 && page_size > 0) {
        return (double) pages * (double) page_size;
    }
#endif
    return -1;
}

/* True when `bytes` leave a quarter of the available memory free (or when it cannot be told). */
static bool memory_allows(size_t bytes, char *why, size_t why_size) {
    double available = available_memory();
    if (available < 0 || (double) bytes <= available * 0.75) {
        return true;
    }
    snprintf(why, why_size, "needs %.0f MiB, only %.0f MiB of memory is available",
             (double) bytes / (1 << 20), available / (1 << 20));
    return false;
}

static bool setup_memcpy(const void *param, void **state, char *why, size_t why_size) {
    size_t count = *(const size_t *) param;
    if (!memory_allows(2 * count * sizeof(float), why, why_size)) {
        return false;
    }
    CopyState *copy = calloc(1, sizeof *copy);
    if (copy == NULL || (copy->source = filled_floats(count)) == NULL
            || (copy->target = filled_floats(count)) == NULL) {
        snprintf(why, why_size, "could not allocate 2 x %zu floats", count);
        if (copy != NULL) {
            free(copy->source);
            free(copy);
        }
        return false;
    }
    copy->count = count;
    *state = copy;
    return true;
}

static void run_memcpy(void *state, uint64_t iterations) {
    CopyState *copy = state;
    for (uint64_t i = 0; i < iterations; i++) {
        memcpy(copy->target, copy->source, copy->count * sizeof(float));
        harness_sink += (uint64_t) copy->target[i % copy->count];
    }
}

static void teardown_memcpy(void *state) {
    CopyState *copy = state;
    free(copy->source);
    free(copy->target);
    free(copy);
}

typedef struct {
    PyObject *numpy_function; /* numpy.empty or numpy.frombuffer */
    PyObject *float32;
    PyObject *target_function; /* sum_array */
    PyObject *array;           /* a make_array(1M) result */
    float *floats;
    size_t count;
} NumpyState;

/* Takes a C-contiguous float32 buffer of `array`, or exits saying what it was instead. */
static void get_float_buffer(PyObject *array, Py_buffer *view, int writable, size_t count) {
    int flags = PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0);
    if (PyObject_GetBuffer(array, view, flags) < 0) {
        embed_fail("taking a numpy array's buffer");
    }
    if (view->itemsize != sizeof(float) || (size_t) view->len != count * sizeof(float)) {
        fail("a numpy buffer does not hold the expected float32 elements");
    }
}

static bool setup_numpy(const void *param, void **state, char *why, size_t why_size) {
    PyObject *numpy = embed_numpy(why, why_size);
    if (numpy == NULL) {
        return false;
    }
    NumpyState *bulk = calloc(1, sizeof *bulk);
    if (bulk == NULL || (bulk->floats = filled_floats(MILLION)) == NULL) {
        fail("out of memory");
    }
    bulk->count = MILLION;
    bulk->float32 = PyObject_GetAttrString(numpy, "float32");
    if (bulk->float32 == NULL) {
        embed_fail("looking up numpy.float32");
    }
    if (param != NULL) {
        bulk->numpy_function = PyObject_GetAttrString(numpy, param);
        if (bulk->numpy_function == NULL) {
            embed_fail("looking up a numpy function");
        }
    }
    PyObject *make_array = embed_target_function("make_array");
    PyObject *length = PyLong_FromSize_t(bulk->count);
    bulk->array = length != NULL ? PyObject_Vectorcall(make_array, &length, 1, NULL) : NULL;
    Py_XDECREF(length);
    Py_DECREF(make_array);
    if (bulk->array == NULL) {
        embed_fail("calling make_array(1000000)");
    }
    Py_buffer view;
    get_float_buffer(bulk->array, &view, 0, bulk->count);
    if (view.format == NULL || strchr(view.format, 'f') == NULL) {
        fail("make_array(n) did not return float32 elements");
    }
    PyBuffer_Release(&view);
    bulk->target_function = embed_target_function("sum_array");
    *state = bulk;
    return true;
}

/* numpy.empty(n, numpy.float32), then the C floats memcpy'd into its buffer. */
static void run_numpy_from_floats(void *state, uint64_t iterations) {
    NumpyState *bulk = state;
    for (uint64_t i = 0; i < iterations; i++) {
        PyObject *args[2] = {PyLong_FromSize_t(bulk->count), bulk->float32};
        if (args[0] == NULL) {
            embed_fail("making the array length");
        }
        PyObject *array = PyObject_Vectorcall(bulk->numpy_function, args, 2, NULL);
        Py_DECREF(args[0]);
        if (array == NULL) {
            embed_fail("calling numpy.empty(n, numpy.float32)");
        }
        Py_buffer view;
        get_float_buffer(array, &view, 1, bulk->count);
        memcpy(view.buf, bulk->floats, bulk->count * sizeof(float));
        PyBuffer_Release(&view);
        Py_DECREF(array);
    }
}

/* The C floats copied into a bytes object, then numpy.frombuffer(b, numpy.float32) viewing it (read-only). */
static void run_numpy_frombuffer(void *state, uint64_t iterations) {
    NumpyState *bulk = state;
    for (uint64_t i = 0; i < iterations; i++) {
        PyObject *bytes = PyBytes_FromStringAndSize((const char *) bulk->floats,
                                                    (Py_ssize_t) (bulk->count * sizeof(float)));
        if (bytes == NULL) {
            embed_fail("copying the floats into bytes");
        }
        PyObject *args[2] = {bytes, bulk->float32};
        PyObject *array = PyObject_Vectorcall(bulk->numpy_function, args, 2, NULL);
        Py_DECREF(bytes);
        if (array == NULL) {
            embed_fail("calling numpy.frombuffer(b, numpy.float32)");
        }
        Py_DECREF(array);
    }
}

static void run_numpy_to_floats(void *state, uint64_t iterations) {
    NumpyState *bulk = state;
    for (uint64_t i = 0; i < iterations; i++) {
        Py_buffer view;
        get_float_buffer(bulk->array, &view, 0, bulk->count);
        memcpy(bulk->floats, view.buf, bulk->count * sizeof(float));
        PyBuffer_Release(&view);
        harness_sink += (uint64_t) bulk->floats[i % bulk->count];
    }
}

/* The buffer taken and one element read in place: what a zero-copy view costs, whatever the size. */
static void run_numpy_view(void *state, uint64_t iterations) {
    NumpyState *bulk = state;
    for (uint64_t i = 0; i < iterations; i++) {
        Py_buffer view;
        get_float_buffer(bulk->array, &view, 0, bulk->count);
        harness_sink += (uint64_t) ((const float *) view.buf)[i % bulk->count];
        PyBuffer_Release(&view);
    }
}

static void run_sum_array(void *state, uint64_t iterations) {
    NumpyState *bulk = state;
    double total = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        PyObject *sum = PyObject_Vectorcall(bulk->target_function, &bulk->array, 1, NULL);
        if (sum == NULL) {
            embed_fail("calling sum_array(a)");
        }
        total += PyFloat_AsDouble(sum);
        Py_DECREF(sum);
    }
    harness_sink += (uint64_t) total;
}

static void teardown_numpy(void *state) {
    NumpyState *bulk = state;
    Py_XDECREF(bulk->numpy_function);
    Py_DECREF(bulk->float32);
    Py_DECREF(bulk->target_function);
    Py_DECREF(bulk->array);
    free(bulk->floats);
    free(bulk);
}

static const size_t ONE_MILLION = MILLION;
static const size_t HUNDRED_MILLION = (size_t) 100 * MILLION;

const Benchmark BULK_BENCHMARKS[] = {
    {"capi.memcpy_f32_1m", "memcpy of 1M float32 (4 MB) between two warm buffers", NO_PYTHON, &ONE_MILLION,
     setup_memcpy, run_memcpy, teardown_memcpy},
    {"capi.memcpy_f32_100m", "memcpy of 100M float32 (400 MB) between two warm buffers", NO_PYTHON, &HUNDRED_MILLION,
     setup_memcpy, run_memcpy, teardown_memcpy},
    {"capi.numpy_from_floats_1m", "numpy.empty(1M, float32), PyObject_GetBuffer(writable), memcpy 1M floats in; GIL held",
     GIL_HELD, "empty", setup_numpy, run_numpy_from_floats, teardown_numpy},
    {"capi.numpy_frombuffer_1m", "1M floats copied into bytes, numpy.frombuffer(b, float32) (read-only array); GIL held",
     GIL_HELD, "frombuffer", setup_numpy, run_numpy_frombuffer, teardown_numpy},
    {"capi.numpy_to_floats_1m", "PyObject_GetBuffer on a 1M float32 array, memcpy out, PyBuffer_Release; GIL held",
     GIL_HELD, NULL, setup_numpy, run_numpy_to_floats, teardown_numpy},
    {"capi.numpy_view_1m", "PyObject_GetBuffer on a 1M float32 array, one element read in place, release; GIL held",
     GIL_HELD, NULL, setup_numpy, run_numpy_view, teardown_numpy},
    {"capi.call_sum_array_1m", "sum_array(a) on a 1M float32 array, result PyFloat_AsDouble; GIL held",
     GIL_HELD, NULL, setup_numpy, run_sum_array, teardown_numpy},
};
const size_t BULK_BENCHMARK_COUNT = sizeof BULK_BENCHMARKS / sizeof BULK_BENCHMARKS[0];
