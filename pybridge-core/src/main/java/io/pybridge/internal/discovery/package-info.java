/**
 * Finding a Python: the candidates in order, probing each ({@code probe.py}), the probe cache, venvs,
 * libpython, and advice when none serves. May use {@code internal.api} and the API's value types.
 *
 * <p>Every start runs this in a JVM that has run little else, so the code a start takes here uses
 * plain loops and {@code if}s where lambdas, streams and type switches would be briefer: in a cold JVM
 * each lambda or method reference costs 0.6-1 ms to link the first time it runs, and the first type
 * switch about 10 ms ({@code SwitchBootstraps}); the 34 this package had on that path took 30-40 ms of
 * each start (docs/performance.md, "Start-up").
 */
package io.pybridge.internal.discovery;
