package org.borderpulse.sim;

import java.util.List;
import org.borderpulse.catalog.Post;
import org.borderpulse.catalog.Workstation;

/**
 * A post as the simulator drives it: its primary-line and second-line desks and how big it is.
 * Second-line desks (ids with {@code -S}) examine referred documents, so they see most fraud.
 */
public record SimPost(Post post, List<String> primary, List<String> secondary, double size, int travellersPerHour) {

  public static SimPost of(Post p) {
    List<String> ids = p.workstations().stream().map(Workstation::id).toList();
    List<String> secondary = ids.stream().filter(id -> id.matches(".*-S\\d+$")).toList();
    List<String> primary = ids.stream().filter(id -> !secondary.contains(id)).toList();
    if (primary.isEmpty()) {
      primary = ids;
    }
    double kind = switch (p.kind()) {
      case "land" -> 0.7;
      case "sea" -> 0.35;
      default -> 1.0;
    };
    int perDesk = switch (p.kind()) {
      case "land" -> 140;
      case "sea" -> 60;
      default -> 110;
    };
    return new SimPost(p, primary, secondary, Math.max(1, ids.size()) * kind, perDesk * Math.max(1, primary.size()));
  }

  public String id() { return post.id(); }
}
