package org.borderpulse.config;

/** A configuration problem the operator must fix; its message says what and where. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) { super(message); }

  public ConfigException(String message, Throwable cause) { super(message, cause); }
}
