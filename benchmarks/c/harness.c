#define _POSIX_C_SOURCE 200809L /* clock_gettime */
#include "harness.h"

#include <stdlib.h>
#include <time.h>

volatile uint64_t harness_sink;

uint64_t harness_now_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t) now.tv_sec * 1000000000u + (uint64_t) now.tv_nsec;
}

static uint64_t time_batch(BatchFunction run, void *state, uint64_t iterations) {
    uint64_t start = harness_now_ns();
    run(state, iterations);
    return harness_now_ns() - start;
}

static uint64_t scale_to_round(uint64_t iterations, uint64_t elapsed, uint64_t round_ns) {
    double scaled = (double) iterations * (double) round_ns / (double) (elapsed > 0 ? elapsed : 1);
    return scaled < 1.0 ? 1 : (uint64_t) scaled;
}

/* Grows the batch until it takes a quarter of a round and scales it to one round; then times that batch
 * and scales again, so that a slow first call (cold caches, first page faults) does not set the size. */
static uint64_t calibrate(BatchFunction run, void *state, uint64_t round_ns) {
    uint64_t iterations = 1;
    uint64_t elapsed;
    while ((elapsed = time_batch(run, state, iterations)) < round_ns / 4 && iterations < (UINT64_C(1) << 40)) {
        iterations *= elapsed * 40 < round_ns ? 10 : 2;
    }
    iterations = scale_to_round(iterations, elapsed, round_ns);
    return scale_to_round(iterations, time_batch(run, state, iterations), round_ns);
}

static int compare_doubles(const void *a, const void *b) {
    double x = *(const double *) a;
    double y = *(const double *) b;
    return (x > y) - (x < y);
}

void harness_measure(BatchFunction run, void *state, const HarnessOptions *options, Measurement *result) {
    uint64_t iterations = calibrate(run, state, options->round_ns);
    time_batch(run, state, iterations); /* warm-up round */

    int rounds = options->rounds < 1 ? 1 : options->rounds;
    double *per_op = malloc(sizeof(double) * (size_t) rounds);
    if (per_op == NULL) {
        abort();
    }
    for (int i = 0; i < rounds; i++) {
        per_op[i] = (double) time_batch(run, state, iterations) / (double) iterations;
    }
    qsort(per_op, (size_t) rounds, sizeof(double), compare_doubles);

    result->iterations = iterations;
    result->rounds = rounds;
    result->best_ns = per_op[0];
    result->median_ns = rounds % 2 == 1
            ? per_op[rounds / 2]
            : (per_op[rounds / 2 - 1] + per_op[rounds / 2]) / 2.0;
    free(per_op);
}
