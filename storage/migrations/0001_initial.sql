-- 0001: the whole schema of the first release. Migrations are append-only: never edit a
-- migration that has shipped, add the next number instead.

CREATE TABLE users (
    id              INTEGER PRIMARY KEY,            -- Telegram user id
    locale          TEXT CHECK (locale IN ('fr', 'nl', 'en', 'ar')),  -- saved choice, NULL = none
    unreachable     INTEGER NOT NULL DEFAULT 0 CHECK (unreachable IN (0, 1)),
    created_at      TEXT NOT NULL,
    last_seen_at    TEXT NOT NULL
);

CREATE TABLE sites (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE,
    timezone            TEXT NOT NULL,
    cutoff_time         TEXT NOT NULL DEFAULT '19:00',   -- HH:MM local time
    evening_end_time    TEXT NOT NULL DEFAULT '23:00',
    meeting_point_name  TEXT NOT NULL DEFAULT '',
    meeting_point_address TEXT NOT NULL DEFAULT '',    -- a public venue, never a host's home
    latitude            REAL,
    longitude           REAL,
    created_at          TEXT NOT NULL
);

-- Per-language texts of a site: emergency alternatives, the service for minors.
CREATE TABLE site_texts (
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    locale      TEXT NOT NULL CHECK (locale IN ('fr', 'nl', 'en', 'ar')),
    kind        TEXT NOT NULL CHECK (kind IN ('alternatives', 'minors')),
    body        TEXT NOT NULL,
    PRIMARY KEY (site_id, locale, kind)
);

-- Roles beyond host and guest; site_id NULL means every site.
CREATE TABLE user_roles (
    id          INTEGER PRIMARY KEY,
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('dispatcher', 'admin')),
    site_id     INTEGER REFERENCES sites(id) ON DELETE CASCADE,
    granted_by  INTEGER,
    granted_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX user_roles_unique ON user_roles (user_id, role, IFNULL(site_id, 0));

CREATE TABLE hosts (
    id                  INTEGER PRIMARY KEY,
    user_id             INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    display_name        TEXT NOT NULL,
    phone               TEXT,                       -- seen by dispatchers only
    household           TEXT NOT NULL CHECK (household IN
                            ('single_woman', 'single_man', 'couple', 'family', 'shared_flat')),
    accepts             TEXT NOT NULL DEFAULT '[]', -- JSON list of group types
    languages           TEXT NOT NULL DEFAULT '[]', -- JSON list of language codes
    step_free           INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
    pets                INTEGER NOT NULL DEFAULT 0 CHECK (pets IN (0, 1)),
    can_fetch           INTEGER NOT NULL DEFAULT 1 CHECK (can_fetch IN (0, 1)),
    charter_version     INTEGER,                    -- NULL until accepted
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                            ('pending', 'vetted', 'rejected', 'suspended')),
    paused_until        TEXT,                       -- ISO date
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE host_sites (
    host_id     INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    PRIMARY KEY (host_id, site_id)
);

-- A guest is a group's contact: a Telegram user, or a walk-in registered by a dispatcher.
CREATE TABLE guests (
    id                  INTEGER PRIMARY KEY,
    user_id             INTEGER UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    registered_by       INTEGER REFERENCES users(id) ON DELETE SET NULL,
    alias               TEXT NOT NULL,
    consent_version     INTEGER,
    consent_at          TEXT,
    created_at          TEXT NOT NULL,
    CHECK (user_id IS NOT NULL OR registered_by IS NOT NULL)
);

CREATE TABLE rounds (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    night       TEXT NOT NULL,                      -- ISO date of the evening
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
    closes_at   TEXT NOT NULL,                      -- UTC instant of the cut-off
    closed_at   TEXT,
    UNIQUE (site_id, night)
);

CREATE TABLE offers (
    id              INTEGER PRIMARY KEY,
    host_id         INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    beds            INTEGER NOT NULL CHECK (beds BETWEEN 1 AND 10),
    latest_pickup   TEXT NOT NULL,                  -- HH:MM local time
    nights          INTEGER NOT NULL DEFAULT 1 CHECK (nights >= 1),
    note            TEXT,
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (host_id, round_id)
);

CREATE TABLE requests (
    id              INTEGER PRIMARY KEY,
    guest_id        INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    women           INTEGER NOT NULL DEFAULT 0 CHECK (women >= 0),
    men             INTEGER NOT NULL DEFAULT 0 CHECK (men >= 0),
    children        INTEGER NOT NULL DEFAULT 0 CHECK (children >= 0),
    children_ages   TEXT NOT NULL DEFAULT '[]',     -- JSON list of rough ages
    languages       TEXT NOT NULL DEFAULT '[]',
    step_free       INTEGER NOT NULL DEFAULT 0 CHECK (step_free IN (0, 1)),
    medical         INTEGER NOT NULL DEFAULT 0 CHECK (medical IN (0, 1)),
    status          TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN
                        ('waiting', 'matched', 'withdrawn')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    CHECK (women + men + children >= 1),
    UNIQUE (guest_id, round_id)
);

CREATE TABLE matches (
    id              INTEGER PRIMARY KEY,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    offer_id        INTEGER NOT NULL REFERENCES offers(id) ON DELETE CASCADE,
    request_id      INTEGER NOT NULL REFERENCES requests(id) ON DELETE CASCADE,
    pickup_code     TEXT NOT NULL,
    reason          TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL DEFAULT 'proposed' CHECK (status IN
                        ('proposed', 'confirmed', 'declined', 'expired', 'picked_up', 'cancelled')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
-- A request has at most one live match at a time.
CREATE UNIQUE INDEX matches_one_live_per_request ON matches (request_id)
    WHERE status IN ('proposed', 'confirmed', 'picked_up');

-- Every notification goes through here; dedupe_key makes enqueueing idempotent.
CREATE TABLE outbox (
    id              INTEGER PRIMARY KEY,
    chat_id         INTEGER NOT NULL,
    kind            TEXT NOT NULL,
    payload         TEXT NOT NULL DEFAULT '{}',     -- JSON
    dedupe_key      TEXT NOT NULL UNIQUE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                        ('pending', 'sending', 'sent', 'failed')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      TEXT NOT NULL,
    message_id      INTEGER,
    last_error      TEXT,
    created_at      TEXT NOT NULL,
    sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox (status, not_before);

CREATE TABLE audit_log (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    actor_id    INTEGER,                            -- NULL for the system itself
    action      TEXT NOT NULL,
    subject     TEXT NOT NULL DEFAULT '',
    detail      TEXT NOT NULL DEFAULT '{}'          -- JSON, never a guest's personal data
);

CREATE TABLE processed_updates (
    update_id       INTEGER PRIMARY KEY,
    processed_at    TEXT NOT NULL
);
