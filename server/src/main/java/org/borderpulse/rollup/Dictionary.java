package org.borderpulse.rollup;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Strings to small codes and back; code 0 is "absent" (the empty string). */
public final class Dictionary {
  private final Map<String, Integer> codes = new HashMap<>();
  private final List<String> names = new ArrayList<>(List.of(""));
  private final int capacity;

  public Dictionary(int capacity) {
    this.capacity = capacity;
    codes.put("", 0);
  }

  /** Fixed vocabularies: the codes are the list's order, from 1. */
  public static Dictionary of(List<String> values) {
    Dictionary d = new Dictionary(values.size() + 1);
    values.forEach(d::code);
    return d;
  }

  public int code(String name) {
    Integer c = codes.get(name);
    if (c != null) {
      return c;
    }
    if (names.size() >= capacity) {
      throw new IllegalStateException("more than " + (capacity - 1) + " distinct values");
    }
    names.add(name);
    codes.put(name, names.size() - 1);
    return names.size() - 1;
  }

  /** The code if known, else -1 (a filter value nothing carries). */
  public int find(String name) {
    return codes.getOrDefault(name, -1);
  }

  public String name(int code) {
    return names.get(code);
  }

  public int size() {
    return names.size();
  }
}
