package io.pybridge.internal.aio;

import io.pybridge.internal.convert.PyRef;


/** Which Python callables are {@code async def}: calling them gives a coroutine to await. */
public final class Coroutines {

    private Coroutines() {
    }

    /**
     * Whether calling {@code function} gives a coroutine: an {@code async def}, a method or
     * {@code functools.partial} of one, or an object whose {@code __call__} is one. Takes the GIL if needed.
     */
    public static boolean isCoroutineFunction(PyRef function) {
        try (PyRef check = EventLoop.MODULE.attribute("is_coroutine_function");
             PyRef answer = check.call(function)) {
            return answer.as(Boolean.class);
        }
    }
}
