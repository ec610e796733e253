/**
 * Java interfaces over Python: {@code python.bind(Interface, module)} and {@code
 * pyObject.as(Interface)} proxies. May use the features and every layer below.
 */
package io.pybridge.internal.bind;
