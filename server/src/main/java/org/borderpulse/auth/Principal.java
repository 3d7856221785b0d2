package org.borderpulse.auth;

/** Who is calling: the admin, or a post that may write its own events. */
public record Principal(Kind kind, String postId) {
  public enum Kind { ADMIN, POST }

  public static final Principal ADMIN = new Principal(Kind.ADMIN, null);

  public static Principal post(String postId) {
    return new Principal(Kind.POST, postId);
  }

  public boolean isAdmin() { return kind == Kind.ADMIN; }

  /** May this caller write events for {@code post}? */
  public boolean mayWrite(String post) {
    return isAdmin() || postId.equals(post);
  }
}
