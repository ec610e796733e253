/* The C side of benchmarks/startup.sh: what a C program needs from main() to the first result of a
 * Python call, on a given libpython. It does what Python.start() + import + call does in the bridge,
 * as plainly as C can: dlopen the library (RTLD_NOW | RTLD_GLOBAL, as the bridge opens it), set the
 * program name (and the home, for a relocated runtime such as the bundled one), Py_InitializeEx(0),
 * put the module folder first on sys.path, import bench_target, call add(1, 2), read the result.
 *
 * The library is opened at run time rather than linked, so that the program needs no headers and its
 * time includes loading libpython, as the bridge's does.
 *
 * usage: startup_embed LIBPYTHON PROGRAM_NAME MODULE_DIR [HOME]
 * Prints one line, milliseconds since main() was entered: "started imported called", tab-separated. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <wchar.h>

typedef void *Object;

static double since(const struct timespec *start) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (now.tv_sec - start->tv_sec) * 1e3 + (now.tv_nsec - start->tv_nsec) / 1e6;
}

static void *symbol(void *library, const char *name) {
    void *found = dlsym(library, name);
    if (found == NULL) {
        fprintf(stderr, "startup_embed: %s is not in the library: %s\n", name, dlerror());
        exit(2);
    }
    return found;
}

static void check(int ok, void (*print_error)(void), const char *doing) {
    if (!ok) {
        fprintf(stderr, "startup_embed: Python failed while %s:\n", doing);
        print_error();
        exit(2);
    }
}

int main(int argc, char **argv) {
    struct timespec entered;
    clock_gettime(CLOCK_MONOTONIC, &entered);
    if (argc < 4 || argc > 5) {
        fprintf(stderr, "usage: startup_embed LIBPYTHON PROGRAM_NAME MODULE_DIR [HOME]\n");
        return 2;
    }
    void *library = dlopen(argv[1], RTLD_NOW | RTLD_GLOBAL);
    if (library == NULL) {
        fprintf(stderr, "startup_embed: cannot open %s: %s\n", argv[1], dlerror());
        return 2;
    }
    wchar_t *(*decode_locale)(const char *, size_t *) = symbol(library, "Py_DecodeLocale");
    void (*set_program_name)(const wchar_t *) = symbol(library, "Py_SetProgramName");
    void (*set_python_home)(const wchar_t *) = symbol(library, "Py_SetPythonHome");
    void (*initialize_ex)(int) = symbol(library, "Py_InitializeEx");
    Object (*sys_get_object)(const char *) = symbol(library, "PySys_GetObject");
    Object (*decode_fs_default)(const char *) = symbol(library, "PyUnicode_DecodeFSDefault");
    int (*list_insert)(Object, long, Object) = symbol(library, "PyList_Insert");
    Object (*import_module)(const char *) = symbol(library, "PyImport_ImportModule");
    Object (*call_method)(Object, const char *, const char *, ...) = symbol(library, "PyObject_CallMethod");
    long long (*as_long_long)(Object) = symbol(library, "PyLong_AsLongLong");
    void (*decref)(Object) = symbol(library, "Py_DecRef");
    void (*print_error)(void) = symbol(library, "PyErr_Print");

    set_program_name(decode_locale(argv[2], NULL));
    if (argc == 5) {
        set_python_home(decode_locale(argv[4], NULL));
    }
    initialize_ex(0);
    Object path = sys_get_object("path");
    Object folder = decode_fs_default(argv[3]);
    check(path != NULL && folder != NULL && list_insert(path, 0, folder) == 0, print_error, "setting sys.path");
    decref(folder);
    double started = since(&entered);

    Object module = import_module("bench_target");
    check(module != NULL, print_error, "importing bench_target");
    double imported = since(&entered);
    Object sum = call_method(module, "add", "ii", 1, 2);
    check(sum != NULL, print_error, "calling add(1, 2)");
    long long value = as_long_long(sum);
    double called = since(&entered);
    decref(sum);
    decref(module);
    if (value != 3) {
        fprintf(stderr, "startup_embed: add(1, 2) returned %lld\n", value);
        return 2;
    }
    printf("%.3f\t%.3f\t%.3f\n", started, imported, called);
    return 0;
}
