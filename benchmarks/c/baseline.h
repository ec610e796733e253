/* What every benchmark of the C API baseline is, and the embedded interpreter they share. */
#ifndef PYBRIDGE_BENCH_BASELINE_H
#define PYBRIDGE_BENCH_BASELINE_H

#define PY_SSIZE_T_CLEAN
#include <Python.h>

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What the measuring thread holds while a benchmark's batches run. Every benchmark runs on its
 * own fresh thread, the way the bridge serves a Java platform thread: a Python benchmark's thread
 * gets a thread state of its own (kept for the whole benchmark) before setup. */
typedef enum {
    NO_PYTHON,    /* plain C: no thread state */
    GIL_HELD,     /* batches run holding the GIL */
    GIL_RELEASED, /* the thread has a thread state but batches start without the GIL */
} GilMode;

typedef struct {
    const char *name;
    const char *summary;
    GilMode gil;
    const void *param;
    /* Prepares the batches' state; runs with the GIL held unless gil is NO_PYTHON. Returns false and
     * writes why into `why` when the benchmark cannot run here (it is then reported as skipped). */
    bool (*setup)(const void *param, void **state, char *why, size_t why_size);
    void (*run)(void *state, uint64_t iterations);
    void (*teardown)(void *state); /* may be NULL; same thread and GIL as setup */
} Benchmark;

extern const Benchmark CALL_BENCHMARKS[];
extern const size_t CALL_BENCHMARK_COUNT;
extern const Benchmark CONVERT_BENCHMARKS[];
extern const size_t CONVERT_BENCHMARK_COUNT;
extern const Benchmark BULK_BENCHMARKS[];
extern const size_t BULK_BENCHMARK_COUNT;
extern const Benchmark THREAD_BENCHMARKS[];
extern const size_t THREAD_BENCHMARK_COUNT;

/* Starts the interpreter the way the bridge does (no signal handlers; sys.executable taken from
 * `executable` when given so that prefix and venv are found as that interpreter finds them),
 * puts `module_dir` first on sys.path, imports bench_target and, when it can, numpy.
 * Returns with the GIL released; on failure prints why and exits. */
void embed_start(const char *executable, const char *module_dir);

/* Takes the GIL back on the main thread and finalizes. */
void embed_stop(void);

/* One line for the output's header: versions and paths of what was embedded. */
const char *embed_description(void);

/* A new reference to bench_target.<name>; exits when it is missing. Needs the GIL. */
PyObject *embed_target_function(const char *name);

/* numpy (borrowed), or NULL with the reason it could not be imported written into `why`. */
PyObject *embed_numpy(char *why, size_t why_size);

/* Prints the pending Python exception with what was being done, and exits. Needs the GIL. */
_Noreturn void embed_fail(const char *doing);

/* Prints the message and exits. */
_Noreturn void fail(const char *message);

#endif
