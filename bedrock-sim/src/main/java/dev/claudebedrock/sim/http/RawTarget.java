package dev.claudebedrock.sim.http;

/**
 * The request target exactly as received, split into path and query; nothing is decoded or normalised, because
 * SigV4 signs the raw path and model ids carry {@code %2F} that must survive.
 *
 * @param path  the raw path
 * @param query the raw query without {@code ?}, or empty
 */
record RawTarget(String path, String query) {
  static RawTarget of(String uri) {
    String target = uri;
    int scheme = target.indexOf("://");
    if (scheme > 0 && scheme < 8) { // absolute-form: drop scheme and authority
      int slash = target.indexOf('/', scheme + 3);
      target = slash < 0 ? "/" : target.substring(slash);
    }
    int question = target.indexOf('?');
    return question < 0 ? new RawTarget(target, "")
        : new RawTarget(target.substring(0, question), target.substring(question + 1));
  }
}
