/* Values crossing both ways: strings through echo(), and a small dict walked into C values. */
#include "baseline.h"
#include "harness.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    size_t characters;
    bool ascii;
} StringShape;

typedef struct {
    PyObject *echo;
    char *input;
    size_t input_size;
    char *output;
} StringState;

/* UTF-8 of `characters` code points: all 'a'..'z', or cycling through 1-, 2- and 3-byte characters
 * ("a", "é", "ж", "中") so the str is stored with two bytes per character and re-encoded on the way out. */
static size_t fill_text(char *out, size_t characters, bool ascii) {
    static const char *const mixed[] = {"a", "\xc3\xa9", "\xd0\xb6", "\xe4\xb8\xad"};
    size_t size = 0;
    for (size_t i = 0; i < characters; i++) {
        if (ascii) {
            out[size++] = (char) ('a' + i % 26);
            continue;
        }
        const char *piece = mixed[i % 4];
        size_t length = strlen(piece);
        memcpy(out + size, piece, length);
        size += length;
    }
    return size;
}

static size_t echo_string(StringState *string) {
    PyObject *text = PyUnicode_FromStringAndSize(string->input, (Py_ssize_t) string->input_size);
    if (text == NULL) {
        embed_fail("making a str from UTF-8");
    }
    PyObject *result = PyObject_Vectorcall(string->echo, &text, 1, NULL);
    Py_DECREF(text);
    if (result == NULL) {
        embed_fail("calling echo(s)");
    }
    Py_ssize_t size;
    const char *utf8 = PyUnicode_AsUTF8AndSize(result, &size);
    if (utf8 == NULL) {
        embed_fail("reading echo(s) as UTF-8");
    }
    memcpy(string->output, utf8, (size_t) size);
    Py_DECREF(result);
    return (size_t) size;
}

static bool setup_string(const void *param, void **state, char *why, size_t why_size) {
    (void) why;
    (void) why_size;
    const StringShape *shape = param;
    StringState *string = calloc(1, sizeof *string);
    char *input = malloc(shape->characters * 4);
    char *output = malloc(shape->characters * 4);
    if (string == NULL || input == NULL || output == NULL) {
        fail("out of memory");
    }
    string->echo = embed_target_function("echo");
    string->input = input;
    string->output = output;
    string->input_size = fill_text(input, shape->characters, shape->ascii);
    if (echo_string(string) != string->input_size || memcmp(input, output, string->input_size) != 0) {
        fail("echo(s) did not give back the same string");
    }
    *state = string;
    return true;
}

static void run_string(void *state, uint64_t iterations) {
    size_t total = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        total += echo_string(state);
    }
    harness_sink += total;
}

static void teardown_string(void *state) {
    StringState *string = state;
    Py_DECREF(string->echo);
    free(string->input);
    free(string->output);
    free(string);
}

enum { DICT_SIZE = 10 };

typedef struct {
    PyObject *make_dict;
    char key[DICT_SIZE][64];
    char text[DICT_SIZE][64];
    long long integers[DICT_SIZE];
    double floats[DICT_SIZE];
} DictState;

static void copy_utf8(PyObject *text, char *out, size_t size) {
    Py_ssize_t length;
    const char *utf8 = PyUnicode_AsUTF8AndSize(text, &length);
    if (utf8 == NULL) {
        embed_fail("reading a str of the dict");
    }
    if ((size_t) length >= size) {
        fail("a string of make_dict() is longer than this benchmark's buffer");
    }
    memcpy(out, utf8, (size_t) length + 1);
}

/* make_dict(), then every key into a C string and every value into long long, double or a C string. */
static Py_ssize_t walk_dict(DictState *walk) {
    PyObject *dict = PyObject_Vectorcall(walk->make_dict, NULL, 0, NULL);
    if (dict == NULL || !PyDict_Check(dict)) {
        embed_fail("calling make_dict()");
    }
    Py_ssize_t position = 0, index = 0;
    PyObject *key, *value;
    while (PyDict_Next(dict, &position, &key, &value)) {
        if (index >= DICT_SIZE) {
            fail("make_dict() returned more keys than this benchmark expects");
        }
        copy_utf8(key, walk->key[index], sizeof walk->key[index]);
        if (PyLong_Check(value)) {
            walk->integers[index] = PyLong_AsLongLong(value);
            if (walk->integers[index] == -1 && PyErr_Occurred()) {
                embed_fail("reading an int of the dict");
            }
        } else if (PyFloat_Check(value)) {
            walk->floats[index] = PyFloat_AsDouble(value);
        } else if (PyUnicode_Check(value)) {
            copy_utf8(value, walk->text[index], sizeof walk->text[index]);
        } else {
            fail("make_dict() returned a value that is not int, float or str");
        }
        index++;
    }
    Py_DECREF(dict);
    return index;
}

static bool setup_dict(const void *param, void **state, char *why, size_t why_size) {
    (void) param;
    (void) why;
    (void) why_size;
    DictState *walk = calloc(1, sizeof *walk);
    if (walk == NULL) {
        fail("out of memory");
    }
    walk->make_dict = embed_target_function("make_dict");
    if (walk_dict(walk) != DICT_SIZE) {
        fail("make_dict() did not return 10 keys");
    }
    *state = walk;
    return true;
}

static void run_dict(void *state, uint64_t iterations) {
    uint64_t total = 0;
    for (uint64_t i = 0; i < iterations; i++) {
        total += (uint64_t) walk_dict(state);
    }
    harness_sink += total;
}

static void teardown_dict(void *state) {
    DictState *walk = state;
    Py_DECREF(walk->make_dict);
    free(walk);
}

static const StringShape ASCII_16 = {16, true};
static const StringShape ASCII_1000 = {1000, true};
static const StringShape MIXED_16 = {16, false};
static const StringShape MIXED_1000 = {1000, false};

#define STRING_STEPS "PyUnicode_FromStringAndSize, echo(s), PyUnicode_AsUTF8AndSize, memcpy out; GIL held"

const Benchmark CONVERT_BENCHMARKS[] = {
    {"capi.str_ascii_16", "16 ASCII characters: " STRING_STEPS, GIL_HELD, &ASCII_16,
     setup_string, run_string, teardown_string},
    {"capi.str_ascii_1000", "1000 ASCII characters: " STRING_STEPS, GIL_HELD, &ASCII_1000,
     setup_string, run_string, teardown_string},
    {"capi.str_nonascii_16", "16 characters of a/\xc3\xa9/\xd0\xb6/\xe4\xb8\xad (32 UTF-8 bytes): " STRING_STEPS,
     GIL_HELD, &MIXED_16, setup_string, run_string, teardown_string},
    {"capi.str_nonascii_1000", "1000 characters of a/\xc3\xa9/\xd0\xb6/\xe4\xb8\xad (2000 UTF-8 bytes): " STRING_STEPS,
     GIL_HELD, &MIXED_1000, setup_string, run_string, teardown_string},
    {"capi.dict_walk_10", "make_dict(), PyDict_Next over 10 keys into C strings / long long / double / C strings; GIL held",
     GIL_HELD, NULL, setup_dict, run_dict, teardown_dict},
};
const size_t CONVERT_BENCHMARK_COUNT = sizeof CONVERT_BENCHMARKS / sizeof CONVERT_BENCHMARKS[0];
