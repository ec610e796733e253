/* The C API baseline: the same work the JMH benchmarks do through PyBridge, done by C through the
 * CPython C API, timed on the same machine in the same run. See benchmarks/README.md. */
#include "baseline.h"
#include "harness.h"

#include <inttypes.h>
#include <libgen.h>
#include <limits.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char USAGE[] =
    "usage: capi_baseline [--quick] [--rounds N] [--round-ms MS] [--only NAME[,NAME...]]...\n"
    "                     [--python-executable PATH] [--module-path DIR] [--list] [--help]\n"
    "  --quick              3 rounds of 10 ms (default: 10 rounds of 100 ms)\n"
    "  --only               run only these benchmarks (repeatable)\n"
    "  --python-executable  sys.executable of the embedded interpreter, so prefix and venv are\n"
    "                       found as that interpreter finds them\n"
    "  --module-path        directory of bench_target.py (default: ../python next to this program)\n"
    "  --list               print the benchmarks and what each measures\n"
    "Output: '# ' comment lines, then per benchmark one line\n"
    "  name<TAB>ns_per_op (median of rounds)<TAB>iterations per round<TAB>best ns_per_op<TAB>rounds\n"
    "and '# skipped NAME: reason' for a benchmark that cannot run here.\n";

typedef struct {
    const Benchmark *benchmark;
    const HarnessOptions *options;
    bool skipped;
    char why[512];
    Measurement measurement;
} Job;

static size_t all_benchmarks(const Benchmark **out, size_t capacity) {
    const struct {
        const Benchmark *table;
        size_t count;
    } tables[] = {
        {CALL_BENCHMARKS, CALL_BENCHMARK_COUNT},
        {CONVERT_BENCHMARKS, CONVERT_BENCHMARK_COUNT},
        {BULK_BENCHMARKS, BULK_BENCHMARK_COUNT},
        {THREAD_BENCHMARKS, THREAD_BENCHMARK_COUNT},
    };
    size_t count = 0;
    for (size_t t = 0; t < sizeof tables / sizeof tables[0]; t++) {
        for (size_t i = 0; i < tables[t].count && count < capacity; i++) {
            out[count++] = &tables[t].table[i];
        }
    }
    return count;
}

/* Runs on a fresh thread so that a Python benchmark gets a thread state of its own, as a bridge thread does. */
static void *run_job(void *argument) {
    Job *job = argument;
    const Benchmark *benchmark = job->benchmark;
    bool python = benchmark->gil != NO_PYTHON;
    PyGILState_STATE thread_gil = python ? PyGILState_Ensure() : PyGILState_UNLOCKED;
    void *state = NULL;
    if (benchmark->setup != NULL && !benchmark->setup(benchmark->param, &state, job->why, sizeof job->why)) {
        job->skipped = true;
    } else {
        PyThreadState *saved = benchmark->gil == GIL_RELEASED ? PyEval_SaveThread() : NULL;
        harness_measure(benchmark->run, state, job->options, &job->measurement);
        if (saved != NULL) {
            PyEval_RestoreThread(saved);
        }
        if (benchmark->teardown != NULL) {
            benchmark->teardown(state);
        }
    }
    if (python) {
        PyGILState_Release(thread_gil);
    }
    return NULL;
}

static void run_and_print(const Benchmark *benchmark, const HarnessOptions *options) {
    Job job = {.benchmark = benchmark, .options = options};
    pthread_t thread;
    if (pthread_create(&thread, NULL, run_job, &job) != 0 || pthread_join(thread, NULL) != 0) {
        fail("could not run a benchmark thread");
    }
    if (job.skipped) {
        printf("# skipped %s: %s\n", benchmark->name, job.why);
        fprintf(stderr, "capi_baseline: skipped %s: %s\n", benchmark->name, job.why);
    } else {
        printf("%s\t%.2f\t%" PRIu64 "\t%.2f\t%d\n", benchmark->name, job.measurement.median_ns,
               job.measurement.iterations, job.measurement.best_ns, job.measurement.rounds);
    }
    fflush(stdout);
}

static long parse_positive(const char *option, const char *text) {
    char *end;
    long value = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || value <= 0) {
        fprintf(stderr, "capi_baseline: %s needs a positive whole number, got '%s'\n", option, text);
        exit(2);
    }
    return value;
}

/* Marks each comma-separated name of `names` in `chosen`; exits on a name that is not a benchmark. */
static void choose(char *names, const Benchmark **benchmarks, size_t count, bool *chosen) {
    for (char *name = strtok(names, ","); name != NULL; name = strtok(NULL, ",")) {
        size_t i = 0;
        while (i < count && strcmp(benchmarks[i]->name, name) != 0) {
            i++;
        }
        if (i == count) {
            fprintf(stderr, "capi_baseline: no benchmark is named '%s' (--list shows the names)\n", name);
            exit(2);
        }
        chosen[i] = true;
    }
}

static void default_module_path(const char *program, char *out, size_t size) {
    char resolved[PATH_MAX];
    if (realpath(program, resolved) == NULL) {
        snprintf(out, size, "python");
        return;
    }
    snprintf(out, size, "%s/../python", dirname(resolved));
}

int main(int argc, char **argv) {
    enum { MAX_BENCHMARKS = 64 };
    const Benchmark *benchmarks[MAX_BENCHMARKS];
    size_t count = all_benchmarks(benchmarks, MAX_BENCHMARKS);
    bool chosen[MAX_BENCHMARKS] = {false};
    bool any_chosen = false, list = false;
    HarnessOptions options = {.round_ns = 100 * 1000 * 1000, .rounds = 10};
    const char *executable = NULL;
    char module_path[PATH_MAX + 16];
    default_module_path(argv[0], module_path, sizeof module_path);

    for (int i = 1; i < argc; i++) {
        const char *option = argv[i];
        bool has_value = i + 1 < argc;
        if (strcmp(option, "--help") == 0 || strcmp(option, "-h") == 0) {
            fputs(USAGE, stdout);
            return 0;
        } else if (strcmp(option, "--list") == 0) {
            list = true;
        } else if (strcmp(option, "--quick") == 0) {
            options.round_ns = 10 * 1000 * 1000;
            options.rounds = 3;
        } else if (strcmp(option, "--rounds") == 0 && has_value) {
            options.rounds = (int) parse_positive(option, argv[++i]);
        } else if (strcmp(option, "--round-ms") == 0 && has_value) {
            options.round_ns = (uint64_t) parse_positive(option, argv[++i]) * 1000 * 1000;
        } else if (strcmp(option, "--only") == 0 && has_value) {
            choose(argv[++i], benchmarks, count, chosen);
            any_chosen = true;
        } else if (strcmp(option, "--python-executable") == 0 && has_value) {
            executable = argv[++i];
        } else if (strcmp(option, "--module-path") == 0 && has_value) {
            snprintf(module_path, sizeof module_path, "%s", argv[++i]);
        } else {
            fprintf(stderr, "capi_baseline: unknown option or missing value: '%s'\n%s", option, USAGE);
            return 2;
        }
    }

    if (list) {
        for (size_t i = 0; i < count; i++) {
            printf("%s\t%s\n", benchmarks[i]->name, benchmarks[i]->summary);
        }
        return 0;
    }

    bool python = false;
    for (size_t i = 0; i < count; i++) {
        chosen[i] = chosen[i] || !any_chosen;
        python = python || (chosen[i] && benchmarks[i]->gil != NO_PYTHON);
    }
    if (python) {
        embed_start(executable, module_path);
    }
    printf("# capi_baseline %s rounds=%d round_ms=%" PRIu64 "\n",
           python ? embed_description() : "python=not-started", options.rounds, options.round_ns / 1000000);
    printf("# name\tns_per_op\titerations\tbest_ns_per_op\trounds\n");
    fflush(stdout);
    for (size_t i = 0; i < count; i++) {
        if (chosen[i]) {
            run_and_print(benchmarks[i], &options);
        }
    }
    if (python) {
        embed_stop();
    }
    return 0;
}
