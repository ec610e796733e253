/**
 * {@code python.async}: the bridge's asyncio event loop on a thread of its own, coroutines as Java
 * futures and Java futures as awaitables. A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.aio;
