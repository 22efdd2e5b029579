-- Governance store: teams, keys, the audit log, the spend ledger and its daily rollups.
-- Portable between SQLite and PostgreSQL: times are epoch milliseconds, days are 'YYYY-MM-DD' text,
-- JSON documents (models, budget, limits, metadata) are text, "none" is the empty string where a
-- column is part of a key.

CREATE TABLE gateway_teams (
  id          VARCHAR(64)  PRIMARY KEY,
  name        VARCHAR(64)  NOT NULL UNIQUE,
  models      TEXT,
  budget      TEXT,
  limits      TEXT,
  created_at  BIGINT       NOT NULL,
  updated_at  BIGINT       NOT NULL
);

CREATE TABLE gateway_keys (
  id                   VARCHAR(64)  PRIMARY KEY,
  name                 VARCHAR(128) NOT NULL,
  team_id              VARCHAR(64),
  user_name            VARCHAR(256),
  models               TEXT,
  budget               TEXT,
  limits               TEXT,
  metadata             TEXT,
  prefix               VARCHAR(32)  NOT NULL,
  last_four            VARCHAR(8)   NOT NULL,
  secret_sha256        VARCHAR(64)  NOT NULL UNIQUE,
  previous_sha256      VARCHAR(64),
  previous_valid_until BIGINT,
  expires_at           BIGINT,
  revoked_at           BIGINT,
  created_at           BIGINT       NOT NULL,
  updated_at           BIGINT       NOT NULL
);
CREATE INDEX gateway_keys_team ON gateway_keys (team_id);

-- One row, bumped in every transaction that changes a team or a key: replicas poll it to reload.
CREATE TABLE gateway_changes (
  id       INTEGER PRIMARY KEY,
  version  BIGINT  NOT NULL
);
INSERT INTO gateway_changes (id, version) VALUES (1, 0);

CREATE TABLE gateway_audit (
  id        VARCHAR(64)  PRIMARY KEY,
  at        BIGINT       NOT NULL,
  actor     VARCHAR(64)  NOT NULL,
  action    VARCHAR(64)  NOT NULL,
  target    VARCHAR(64)  NOT NULL,
  details   TEXT
);
CREATE INDEX gateway_audit_at ON gateway_audit (at);

CREATE TABLE gateway_ledger (
  request_id             VARCHAR(64)  PRIMARY KEY,
  at                     BIGINT       NOT NULL,
  day                    VARCHAR(10)  NOT NULL,
  key_id                 VARCHAR(64)  NOT NULL,
  key_name               VARCHAR(128) NOT NULL,
  team_id                VARCHAR(64)  NOT NULL,
  user_name              VARCHAR(256) NOT NULL,
  session_id             VARCHAR(128),
  route                  VARCHAR(16)  NOT NULL,
  model                  VARCHAR(256) NOT NULL,
  bedrock_model          VARCHAR(512) NOT NULL,
  region                 VARCHAR(32)  NOT NULL,
  input_tokens           BIGINT       NOT NULL,
  output_tokens          BIGINT       NOT NULL,
  cache_write_5m_tokens  BIGINT       NOT NULL,
  cache_write_1h_tokens  BIGINT       NOT NULL,
  cache_read_tokens      BIGINT       NOT NULL,
  cost_usd               DOUBLE PRECISION NOT NULL,
  status                 INTEGER      NOT NULL,
  served                 INTEGER      NOT NULL,
  duration_ms            BIGINT       NOT NULL
);
CREATE INDEX gateway_ledger_at ON gateway_ledger (at);
CREATE INDEX gateway_ledger_key_at ON gateway_ledger (key_id, at);

CREATE TABLE gateway_spend_daily (
  day                          VARCHAR(10)  NOT NULL,
  key_id                       VARCHAR(64)  NOT NULL,
  team_id                      VARCHAR(64)  NOT NULL,
  user_name                    VARCHAR(256) NOT NULL,
  model                        VARCHAR(256) NOT NULL,
  requests                     BIGINT       NOT NULL,
  input_tokens                 BIGINT       NOT NULL,
  output_tokens                BIGINT       NOT NULL,
  cache_creation_input_tokens  BIGINT       NOT NULL,
  cache_read_input_tokens      BIGINT       NOT NULL,
  cost_usd                     DOUBLE PRECISION NOT NULL,
  PRIMARY KEY (day, key_id, team_id, user_name, model)
);
