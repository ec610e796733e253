/**
 * The conversion vocabulary: {@link io.pybridge.convert.TypeRef} for generic targets
 * ({@code as(new TypeRef<List<String>>() {})}), {@link io.pybridge.convert.PyName} and
 * {@link io.pybridge.convert.PyDefault} on record components and interface methods. Data only: every
 * layer of the bridge may use it.
 */
package io.pybridge.convert;
