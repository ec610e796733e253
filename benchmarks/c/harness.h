/* Timing of one benchmark: calibrated batch size, a warm-up round, then several measured rounds. */
#ifndef PYBRIDGE_BENCH_HARNESS_H
#define PYBRIDGE_BENCH_HARNESS_H

#include <stdint.h>

/* Runs `iterations` operations of a benchmark on `state`. */
typedef void (*BatchFunction)(void *state, uint64_t iterations);

typedef struct {
    uint64_t round_ns; /* wanted length of one measured round */
    int rounds;        /* measured rounds, after one discarded warm-up round */
} HarnessOptions;

typedef struct {
    uint64_t iterations; /* operations per round */
    int rounds;
    double median_ns;    /* median over the rounds of ns per operation */
    double best_ns;      /* fastest round, ns per operation */
} Measurement;

/* Results folded in here cannot be optimized away by the compiler. */
extern volatile uint64_t harness_sink;

uint64_t harness_now_ns(void);

void harness_measure(BatchFunction run, void *state, const HarnessOptions *options, Measurement *result);

#endif
