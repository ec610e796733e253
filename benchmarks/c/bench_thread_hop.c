/* The C cost of handing work to another thread and waiting for its answer: what the bridge pays when a
 * virtual thread's withGil body runs on one of the bridge's platform threads. */
#include "baseline.h"
#include "harness.h"

#include <pthread.h>
#include <stdlib.h>

typedef struct {
    pthread_mutex_t lock;
    pthread_cond_t asked;
    pthread_cond_t answered;
    uint64_t request;  /* last request number handed over */
    uint64_t answer;   /* last request number answered */
    bool stop;
    pthread_t helper;
} HopState;

static void *answer_requests(void *argument) {
    HopState *hop = argument;
    pthread_mutex_lock(&hop->lock);
    for (;;) {
        while (hop->answer == hop->request && !hop->stop) {
            pthread_cond_wait(&hop->asked, &hop->lock);
        }
        if (hop->stop) {
            break;
        }
        hop->answer = hop->request;
        pthread_cond_signal(&hop->answered);
    }
    pthread_mutex_unlock(&hop->lock);
    return NULL;
}

static bool setup_hop(const void *param, void **state, char *why, size_t why_size) {
    (void) param;
    (void) why;
    (void) why_size;
    HopState *hop = calloc(1, sizeof *hop);
    if (hop == NULL) {
        fail("out of memory");
    }
    pthread_mutex_init(&hop->lock, NULL);
    pthread_cond_init(&hop->asked, NULL);
    pthread_cond_init(&hop->answered, NULL);
    if (pthread_create(&hop->helper, NULL, answer_requests, hop) != 0) {
        fail("could not start the thread-hop helper thread");
    }
    *state = hop;
    return true;
}

static void run_hop(void *state, uint64_t iterations) {
    HopState *hop = state;
    pthread_mutex_lock(&hop->lock);
    for (uint64_t i = 0; i < iterations; i++) {
        uint64_t request = ++hop->request;
        pthread_cond_signal(&hop->asked);
        while (hop->answer != request) {
            pthread_cond_wait(&hop->answered, &hop->lock);
        }
    }
    pthread_mutex_unlock(&hop->lock);
}

static void teardown_hop(void *state) {
    HopState *hop = state;
    pthread_mutex_lock(&hop->lock);
    hop->stop = true;
    pthread_cond_signal(&hop->asked);
    pthread_mutex_unlock(&hop->lock);
    pthread_join(hop->helper, NULL);
    pthread_cond_destroy(&hop->answered);
    pthread_cond_destroy(&hop->asked);
    pthread_mutex_destroy(&hop->lock);
    free(hop);
}

const Benchmark THREAD_BENCHMARKS[] = {
    {"capi.thread_hop", "round trip to a helper pthread and back through one mutex and two condition variables",
     NO_PYTHON, NULL, setup_hop, run_hop, teardown_hop},
};
const size_t THREAD_BENCHMARK_COUNT = sizeof THREAD_BENCHMARKS / sizeof THREAD_BENCHMARKS[0];
