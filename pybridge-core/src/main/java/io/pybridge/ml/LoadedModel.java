package io.pybridge.ml;

import java.time.Instant;

/**
 * A model the registry holds.
 *
 * @param footprintBytes what loading it added: the larger of the RSS and GPU growth during the load
 */
public record LoadedModel(String name, long footprintBytes, Instant loadedAt, Instant lastUsed) {
}
