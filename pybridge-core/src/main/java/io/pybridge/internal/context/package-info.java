/**
 * Python {@code with} from Java: {@code __enter__}, and {@code __exit__} with the Java block's
 * exception. A feature: may use convert, runtime, api and capi.
 */
package io.pybridge.internal.context;
