package dev.claudebedrock.proxy.governance;

import dev.claudebedrock.proxy.config.ClientKey;
import dev.claudebedrock.proxy.config.GovernanceConfig;
import dev.claudebedrock.proxy.config.KeyPolicy;
import dev.claudebedrock.proxy.core.Identity;
import dev.claudebedrock.proxy.server.Credentials;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every key and team the gateway knows, held in memory so that authentication never waits on the
 * database: the configuration's keys and teams, and those of the store. A secret is found by its
 * SHA-256 in a hash map (O(1)). A thread of its own polls the store's change counter every
 * {@code governance.refresh_ms} and swaps in a fresh snapshot when it moved, so a change made on any
 * replica applies on all within that interval plus one reload.
 */
public final class KeyDirectory implements Credentials, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(KeyDirectory.class);

  private volatile List<ClientKey> configKeys;
  private volatile GovernanceConfig config;
  private final GovernanceStore store;
  private final AtomicReference<Snapshot> snapshot = new AtomicReference<>();
  private final ScheduledExecutorService poller;
  private final List<java.util.function.Consumer<Snapshot>> reloadListeners = new java.util.concurrent.CopyOnWriteArrayList<>();
  private volatile long version = -1;

  /**
   * @param store the store, or null when no storage is configured (the configuration's keys only)
   */
  public KeyDirectory(List<ClientKey> configKeys, GovernanceConfig config, GovernanceStore store) {
    this.configKeys = List.copyOf(configKeys);
    this.config = config;
    this.store = store;
    reload();
    if (store == null) {
      poller = null;
    } else {
      poller = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "governance-refresh");
        t.setDaemon(true);
        return t;
      });
      poller.scheduleWithFixedDelay(this::poll, config.refreshMs(), config.refreshMs(), TimeUnit.MILLISECONDS);
    }
  }

  /** The grant for a presented secret, or null when it is not one of ours. */
  public Grant grantFor(String secret) {
    byte[] hash = ClientKey.sha256(secret);
    return snapshot.get().find(HexFormat.of().formatHex(hash), System.currentTimeMillis());
  }

  /**
   * What binds an authenticated identity: its key's grant, or for a user signed in with the identity provider
   * ({@code oidc:<user>}) a grant with no policy of its own under the team the provider's groups chose.
   */
  public Grant grantOf(Identity identity) {
    Grant grant = grant(identity.keyId());
    if (grant == null && identity.keyId().startsWith("oidc:")) {
      Team team = identity.teamId().isEmpty() ? null : snapshot.get().team(identity.teamId());
      return new Grant(identity.keyId(), identity.key(), team, KeyPolicy.NONE, Grant.Status.ACTIVE);
    }
    return grant;
  }

  /** The grant of a key by its id (as authentication recorded it), or null. */
  public Grant grant(String keyId) {
    return snapshot.get().grants.get(keyId);
  }

  @Override
  public Identity find(String token) {
    Grant grant = grantFor(token);
    if (grant == null) {
      return null;
    }
    Identity.Status status = switch (grant.status()) {
      case ACTIVE -> Identity.Status.ACTIVE;
      case EXPIRED -> Identity.Status.EXPIRED;
      case REVOKED -> Identity.Status.REVOKED;
    };
    return new Identity(grant.keyName(), grant.keyId(), grant.teamId(), grant.teamName(), grant.policy().user(),
        status);
  }

  /** The current snapshot (teams and keys as last loaded). */
  public Snapshot snapshot() {
    return snapshot.get();
  }

  @Override
  public boolean isEmpty() { return snapshot.get().entries.isEmpty(); }

  @Override
  public int count() {
    return snapshot.get().entries.size();
  }

  /** Runs after every reload with the new snapshot (on the reloading thread). */
  public void onReload(java.util.function.Consumer<Snapshot> listener) {
    reloadListeners.add(listener);
    listener.accept(snapshot.get());
  }

  /** Takes a reloaded configuration's keys and teams, and reloads now, on the calling thread. */
  public void reconfigure(List<ClientKey> keys, GovernanceConfig governance) {
    this.configKeys = List.copyOf(keys);
    this.config = governance;
    reload();
  }

  /** Reloads now (after a change made on this replica), on the calling thread. */
  public synchronized void reload() {
    try {
      long seen = store == null ? 0 : store.version();
      List<Team> teams = store == null ? List.of() : store.teams();
      List<VirtualKey> keys = store == null ? List.of() : store.keys();
      Snapshot loaded = Snapshot.build(configKeys, config, teams, keys);
      snapshot.set(loaded);
      version = seen;
      reloadListeners.forEach(listener -> listener.accept(loaded));
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read keys and teams from the governance database: " + e.getMessage(), e);
    }
  }

  private void poll() {
    try {
      if (store.version() != version) {
        reload();
      }
    } catch (RuntimeException | SQLException e) {
      log.warn("Could not refresh keys and teams from the governance database (the last snapshot stays in use): {}",
          e.getMessage());
    }
  }

  @Override
  public void close() {
    if (poller != null) {
      poller.shutdownNow();
    }
  }

  /** An immutable view of every key and team, as loaded at one moment. */
  public static final class Snapshot {
    private final Map<String, Entry> entries;
    private final Map<String, Grant> grants;
    private final Map<String, Team> teamsById;
    private final Map<String, Team> teamsByName;

    private Snapshot(Map<String, Entry> entries, Map<String, Team> teamsById, Map<String, Team> teamsByName) {
      this.entries = entries;
      Map<String, Grant> byKeyId = new HashMap<>();
      entries.values().forEach(e -> byKeyId.put(e.grant().keyId(), e.grant()));
      this.grants = Map.copyOf(byKeyId);
      this.teamsById = teamsById;
      this.teamsByName = teamsByName;
    }

    static Snapshot build(List<ClientKey> configKeys, GovernanceConfig config, List<Team> storedTeams,
        List<VirtualKey> storedKeys) {
      Map<String, Team> byId = new HashMap<>();
      Map<String, Team> byName = new HashMap<>();
      for (GovernanceConfig.TeamConfig team : config.teams()) {
        Team t = new Team("cfg:" + team.name(), team.name(), team.policy(), 0, 0);
        byId.put(t.id(), t);
        byName.put(t.name(), t);
      }
      for (Team team : storedTeams) {
        byId.put(team.id(), team);
        byName.putIfAbsent(team.name(), team);
      }
      Map<String, Entry> entries = new HashMap<>();
      for (VirtualKey key : storedKeys) {
        Team team = key.teamId().isEmpty() ? null : byId.get(key.teamId());
        Grant active = new Grant(key.id(), key.name(), team, key.policy(), Grant.Status.ACTIVE);
        entries.put(key.sha256(), new Entry(active, key.expiresAt(), key.revokedAt(), Long.MAX_VALUE));
        if (key.previousSha256() != null) {
          entries.put(key.previousSha256(),
              new Entry(active, key.expiresAt(), key.revokedAt(), key.previousValidUntil()));
        }
      }
      for (ClientKey key : configKeys) {
        String teamName = key.policy().team();
        Team team = teamName.isEmpty() ? null : byName.get(teamName);
        Grant grant = new Grant("cfg:" + key.name(), key.name(), team, key.policy(), Grant.Status.ACTIVE);
        entries.put(HexFormat.of().formatHex(key.sha256()), new Entry(grant, 0, 0, Long.MAX_VALUE));
      }
      return new Snapshot(Map.copyOf(entries), Map.copyOf(byId), Map.copyOf(byName));
    }

    Grant find(String sha256Hex, long now) {
      Entry entry = entries.get(sha256Hex);
      if (entry == null) {
        return null;
      }
      Grant.Status status = entry.revokedAt > 0 || entry.validUntil <= now ? Grant.Status.REVOKED
          : entry.expiresAt > 0 && entry.expiresAt <= now ? Grant.Status.EXPIRED : Grant.Status.ACTIVE;
      Grant grant = entry.grant;
      return status == Grant.Status.ACTIVE ? grant
          : new Grant(grant.keyId(), grant.keyName(), grant.team(), grant.policy(), status);
    }

    /** A team by id ({@code team_…} or {@code cfg:<name>}), or null. */
    public Team team(String id) {
      return teamsById.get(id);
    }

    /** A team by name, or null. */
    public Team teamNamed(String name) {
      return teamsByName.get(name);
    }

    /** Every team. */
    public java.util.Collection<Team> teams() {
      return teamsById.values();
    }
  }

  private record Entry(Grant grant, long expiresAt, long revokedAt, long validUntil) {}
}
