package dev.floe.server.auth;

/** What a grant allows, each level including the ones below it. */
public enum Access {
  /** any authenticated caller (no grant needed): configuration, the list of top-level namespaces */
  LOGIN,
  /** list and load */
  READ,
  /** also create, commit, drop and rename tables and views */
  WRITE,
  /** also create and drop namespaces and change their properties */
  ADMIN
}
