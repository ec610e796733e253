/*
 * A stand-in for the NVIDIA driver's libnvidia-ml.so.1, for the GpuMonitor tests: the NVML
 * functions PyBridge binds, with the same C signatures, giving fixed answers.
 *
 *   device 0  "Fake GPU Alpha 80GB": total 80 GiB, used 20 GiB, free 60 GiB
 *   device 1  "Fake GPU Beta 24GB":  every memory query fails with NVML_ERROR_GPU_IS_LOST
 *   index 2+  nvmlDeviceGetHandleByIndex_v2 fails with NVML_ERROR_INVALID_ARGUMENT
 *
 * Switches, read from files in the folder the library was loaded from, so that each test copies
 * the library into its own folder and sets up its own case:
 *   nvml-init-error     holds a return code that nvmlInit_v2 returns instead of succeeding
 *   nvml-device-count   holds the count nvmlDeviceGetCount_v2 reports (default 2)
 * Every successful nvmlInit_v2 and every nvmlShutdown call is appended to calls.log there.
 *
 * Built with -DFAKE_NVML_LEGACY it lacks the _v2 functions, like a driver too old for them;
 * with -DFAKE_NVML_NO_DRIVER_VERSION it lacks nvmlSystemGetDriverVersion.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef int nvmlReturn_t;
typedef struct fake_device { unsigned int index; } *nvmlDevice_t;
typedef struct {
    unsigned long long total;
    unsigned long long free;
    unsigned long long used;
} nvmlMemory_t;

enum {
    NVML_SUCCESS = 0,
    NVML_ERROR_UNINITIALIZED = 1,
    NVML_ERROR_INVALID_ARGUMENT = 2,
    NVML_ERROR_INSUFFICIENT_SIZE = 7,
    NVML_ERROR_DRIVER_NOT_LOADED = 9,
    NVML_ERROR_GPU_IS_LOST = 15,
    NVML_ERROR_UNKNOWN = 999
};

#define GIB (1024ULL * 1024ULL * 1024ULL)
#define DEVICE_COUNT 2

static struct fake_device devices[DEVICE_COUNT] = {{0}, {1}};
static const char *const device_names[DEVICE_COUNT] = {"Fake GPU Alpha 80GB", "Fake GPU Beta 24GB"};
static int init_count;

/* The file `name` in the folder this library was loaded from. */
static int sibling_path(const char *name, char *out, size_t size) {
    Dl_info info;
    if (dladdr((void *) &sibling_path, &info) == 0 || info.dli_fname == NULL) {
        return 0;
    }
    const char *slash = strrchr(info.dli_fname, '/');
    int folder_length = slash == NULL ? 1 : (int) (slash - info.dli_fname);
    const char *folder = slash == NULL ? "." : info.dli_fname;
    return snprintf(out, size, "%.*s/%s", folder_length, folder, name) < (int) size;
}

static int read_int_switch(const char *name, int *value) {
    char path[PATH_MAX];
    if (!sibling_path(name, path, sizeof path)) {
        return 0;
    }
    FILE *file = fopen(path, "r");
    if (file == NULL) {
        return 0;
    }
    int found = fscanf(file, "%d", value) == 1;
    fclose(file);
    return found;
}

static void log_call(const char *function) {
    char path[PATH_MAX];
    if (!sibling_path("calls.log", path, sizeof path)) {
        return;
    }
    FILE *file = fopen(path, "a");
    if (file != NULL) {
        fprintf(file, "%s\n", function);
        fclose(file);
    }
}

static nvmlReturn_t init(const char *function) {
    int error;
    if (read_int_switch("nvml-init-error", &error)) {
        return error;
    }
    __atomic_add_fetch(&init_count, 1, __ATOMIC_SEQ_CST);
    log_call(function);
    return NVML_SUCCESS;
}

static int initialized(void) {
    return __atomic_load_n(&init_count, __ATOMIC_SEQ_CST) > 0;
}

static nvmlReturn_t device_count(unsigned int *count) {
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (count == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    int configured;
    *count = read_int_switch("nvml-device-count", &configured) && configured >= 0
            ? (unsigned int) configured : DEVICE_COUNT;
    return NVML_SUCCESS;
}

static nvmlReturn_t handle_by_index(unsigned int index, nvmlDevice_t *device) {
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (device == NULL || index >= DEVICE_COUNT) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    *device = &devices[index];
    return NVML_SUCCESS;
}

static int valid_device(nvmlDevice_t device) {
    return device == &devices[0] || device == &devices[1];
}

#ifdef FAKE_NVML_LEGACY
nvmlReturn_t nvmlInit(void) { return init("nvmlInit"); }
nvmlReturn_t nvmlDeviceGetCount(unsigned int *count) { return device_count(count); }
nvmlReturn_t nvmlDeviceGetHandleByIndex(unsigned int index, nvmlDevice_t *device) {
    return handle_by_index(index, device);
}
#else
nvmlReturn_t nvmlInit_v2(void) { return init("nvmlInit_v2"); }
nvmlReturn_t nvmlDeviceGetCount_v2(unsigned int *count) { return device_count(count); }
nvmlReturn_t nvmlDeviceGetHandleByIndex_v2(unsigned int index, nvmlDevice_t *device) {
    return handle_by_index(index, device);
}
#endif

nvmlReturn_t nvmlShutdown(void) {
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    __atomic_sub_fetch(&init_count, 1, __ATOMIC_SEQ_CST);
    log_call("nvmlShutdown");
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetName(nvmlDevice_t device, char *name, unsigned int length) {
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!valid_device(device) || name == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    const char *device_name = device_names[device->index];
    if (strlen(device_name) + 1 > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    strcpy(name, device_name);
    return NVML_SUCCESS;
}

nvmlReturn_t nvmlDeviceGetMemoryInfo(nvmlDevice_t device, nvmlMemory_t *memory) {
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (!valid_device(device) || memory == NULL) {
        return NVML_ERROR_INVALID_ARGUMENT;
    }
    if (device->index == 1) {
        return NVML_ERROR_GPU_IS_LOST;
    }
    memory->total = 80 * GIB;
    memory->used = 20 * GIB;
    memory->free = 60 * GIB;
    return NVML_SUCCESS;
}

#ifndef FAKE_NVML_NO_DRIVER_VERSION
nvmlReturn_t nvmlSystemGetDriverVersion(char *version, unsigned int length) {
    static const char fake_version[] = "999.88.77-fake";
    if (!initialized()) {
        return NVML_ERROR_UNINITIALIZED;
    }
    if (version == NULL || sizeof fake_version > length) {
        return NVML_ERROR_INSUFFICIENT_SIZE;
    }
    strcpy(version, fake_version);
    return NVML_SUCCESS;
}
#endif

const char *nvmlErrorString(nvmlReturn_t result) {
    switch (result) {
        case NVML_SUCCESS: return "Success";
        case NVML_ERROR_UNINITIALIZED: return "Uninitialized";
        case NVML_ERROR_INVALID_ARGUMENT: return "Invalid Argument";
        case NVML_ERROR_INSUFFICIENT_SIZE: return "Insufficient Size";
        case NVML_ERROR_DRIVER_NOT_LOADED: return "Driver Not Loaded";
        case NVML_ERROR_GPU_IS_LOST: return "GPU is lost";
        default: return "Unknown Error";
    }
}
