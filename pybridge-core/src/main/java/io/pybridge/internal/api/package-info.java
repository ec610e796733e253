/**
 * How the layers below make and recognise the public exceptions without naming them: the public
 * package installs {@link io.pybridge.internal.api.ApiErrors}. Depends on nothing else in PyBridge.
 */
package io.pybridge.internal.api;
