/**
 * Finding a Python: the candidates in order, probing each ({@code probe.py}), the probe cache, venvs,
 * libpython, and advice when none serves. May use {@code internal.api} and the API's value types.
 */
package io.pybridge.internal.discovery;
