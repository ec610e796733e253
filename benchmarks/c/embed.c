#define _GNU_SOURCE /* dladdr */
#include "baseline.h"

#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static PyThreadState *main_thread_state;
static PyObject *target_module;
static PyObject *numpy_module;
static char numpy_missing_reason[512];
static char description[1200];

_Noreturn void fail(const char *message) {
    fprintf(stderr, "capi_baseline: %s\n", message);
    exit(2);
}

_Noreturn void embed_fail(const char *doing) {
    fprintf(stderr, "capi_baseline: Python raised while %s:\n", doing);
    if (PyErr_Occurred()) {
        PyErr_Print();
    } else {
        fprintf(stderr, "  (a C API call failed without setting an exception)\n");
    }
    exit(2);
}

/* "TypeName: message" of the pending exception, which is cleared. */
static void describe_pending_exception(char *out, size_t out_size) {
    PyObject *type, *value, *traceback;
    PyErr_Fetch(&type, &value, &traceback);
    PyErr_NormalizeException(&type, &value, &traceback);
    PyObject *type_name = type ? PyType_GetName((PyTypeObject *) type) : NULL;
    PyObject *message = value ? PyObject_Str(value) : NULL;
    snprintf(out, out_size, "%s: %s",
             type_name ? PyUnicode_AsUTF8(type_name) : "?",
             message ? PyUnicode_AsUTF8(message) : "?");
    PyErr_Clear();
    Py_XDECREF(type_name);
    Py_XDECREF(message);
    Py_XDECREF(type);
    Py_XDECREF(value);
    Py_XDECREF(traceback);
}

static void initialize(const char *executable) {
    PyConfig config;
    PyConfig_InitPythonConfig(&config);
    config.install_signal_handlers = 0;
    config.parse_argv = 0;
    PyStatus status = PyStatus_Ok();
    if (executable != NULL) {
        status = PyConfig_SetBytesString(&config, &config.executable, executable);
    }
    if (!PyStatus_Exception(status)) {
        status = Py_InitializeFromConfig(&config);
    }
    PyConfig_Clear(&config);
    if (PyStatus_Exception(status)) {
        fprintf(stderr, "capi_baseline: the interpreter did not start: %s%s%s\n",
                status.func ? status.func : "", status.func ? ": " : "",
                status.err_msg ? status.err_msg : "(no message)");
        exit(2);
    }
}

static void prepend_to_sys_path(const char *dir) {
    PyObject *path = PySys_GetObject("path"); /* borrowed */
    PyObject *entry = PyUnicode_DecodeFSDefault(dir);
    if (path == NULL || entry == NULL || PyList_Insert(path, 0, entry) < 0) {
        embed_fail("putting the module directory on sys.path");
    }
    Py_DECREF(entry);
}

static const char *attribute_or(PyObject *object, const char *module, const char *name, char *buffer,
                                size_t size, const char *fallback) {
    PyObject *owner = object;
    if (owner != NULL) {
        Py_INCREF(owner);
    } else if (module != NULL) {
        owner = PyImport_ImportModule(module);
    }
    PyObject *value = owner ? PyObject_GetAttrString(owner, name) : NULL;
    PyObject *text = value ? PyObject_Str(value) : NULL;
    const char *utf8 = text ? PyUnicode_AsUTF8(text) : NULL;
    snprintf(buffer, size, "%s", utf8 ? utf8 : fallback);
    PyErr_Clear();
    Py_XDECREF(text);
    Py_XDECREF(value);
    Py_XDECREF(owner);
    return buffer;
}

static void describe(char *out, size_t out_size) {
    Dl_info library;
    const char *library_path = dladdr((void *) &Py_InitializeFromConfig, &library) && library.dli_fname
            ? library.dli_fname : "?";
    char version[64], executable[512], numpy_version[64];
    const char *full_version = Py_GetVersion();
    snprintf(version, sizeof version, "%.*s", (int) strcspn(full_version, " "), full_version);
    attribute_or(NULL, "sys", "executable", executable, sizeof executable, "?");
    attribute_or(numpy_module, NULL, "__version__", numpy_version, sizeof numpy_version, "absent");
    snprintf(out, out_size, "python=%s libpython=%s executable=%s numpy=%s",
             version, library_path, executable, numpy_version);
}

void embed_start(const char *executable, const char *module_dir) {
    initialize(executable);
    prepend_to_sys_path(module_dir);

    target_module = PyImport_ImportModule("bench_target");
    if (target_module == NULL) {
        embed_fail("importing bench_target (is --module-path right?)");
    }
    numpy_module = PyImport_ImportModule("numpy");
    if (numpy_module == NULL) {
        char error[400];
        describe_pending_exception(error, sizeof error);
        snprintf(numpy_missing_reason, sizeof numpy_missing_reason, "numpy is not importable (%s)", error);
    }
    describe(description, sizeof description);
    main_thread_state = PyEval_SaveThread();
}

const char *embed_description(void) {
    return description;
}

void embed_stop(void) {
    PyEval_RestoreThread(main_thread_state);
    Py_CLEAR(numpy_module);
    Py_CLEAR(target_module);
    if (Py_FinalizeEx() < 0) {
        fail("Py_FinalizeEx reported an error");
    }
}

PyObject *embed_target_function(const char *name) {
    PyObject *function = PyObject_GetAttrString(target_module, name);
    if (function == NULL) {
        embed_fail("looking up a bench_target function");
    }
    return function;
}

PyObject *embed_numpy(char *why, size_t why_size) {
    if (numpy_module == NULL) {
        snprintf(why, why_size, "%s", numpy_missing_reason);
    }
    return numpy_module;
}
