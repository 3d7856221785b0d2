package org.borderpulse.alert.eval;

import io.vertx.core.json.JsonObject;

/** What one evaluation found for one group of a rule. */
record Observation(String groupKey, JsonObject labels, String country, boolean active, Double value,
    Double threshold, String explanation, String link) {}
