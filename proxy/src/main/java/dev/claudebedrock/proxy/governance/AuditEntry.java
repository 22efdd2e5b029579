package dev.claudebedrock.proxy.governance;

/**
 * One change made through the admin API or the command line.
 *
 * @param id {@code aud_…}
 * @param at epoch milliseconds
 * @param actor who made it ({@code admin-api}, {@code cli})
 * @param action e.g. {@code key.create}, {@code team.update}
 * @param target the id of the team or key changed
 * @param details a JSON document of what changed (never a secret)
 */
public record AuditEntry(String id, long at, String actor, String action, String target, String details) {}
