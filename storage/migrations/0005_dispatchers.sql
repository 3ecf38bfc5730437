-- 0005: the dispatchers' tools. One-time invites to the dispatcher role, the vetting outcome
-- told to the host, hosts' appeal settings, tonight's board messages (refreshed in place),
-- urgent appeals with their paced, resumable recipients, and anonymous daily aggregates that
-- outlive the retention purge.

CREATE TABLE invites (
    token       TEXT PRIMARY KEY,                  -- the deep link's secret part
    role        TEXT NOT NULL CHECK (role IN ('dispatcher', 'admin')),
    site_id     INTEGER REFERENCES sites(id) ON DELETE CASCADE,   -- NULL: every site
    created_by  INTEGER NOT NULL,
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL,
    used_by     INTEGER,
    used_at     TEXT
);

ALTER TABLE hosts ADD COLUMN status_reason TEXT;   -- why a host was rejected or suspended
ALTER TABLE hosts ADD COLUMN appeals INTEGER NOT NULL DEFAULT 1 CHECK (appeals IN (0, 1));
ALTER TABLE hosts ADD COLUMN quiet_start TEXT;     -- HH:MM local: no appeal from …
ALTER TABLE hosts ADD COLUMN quiet_end TEXT;       -- … until HH:MM

-- A board message a dispatcher opened; a job re-renders it and edits it when it changed.
CREATE TABLE boards (
    chat_id     INTEGER NOT NULL,
    message_id  INTEGER NOT NULL,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    night       TEXT NOT NULL,
    digest      TEXT NOT NULL DEFAULT '',          -- of the text last shown
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);

CREATE TABLE appeals (
    id              INTEGER PRIMARY KEY,
    site_id         INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    night           TEXT NOT NULL,
    created_by      INTEGER NOT NULL,
    people          INTEGER NOT NULL,              -- live figures when it was composed
    children        INTEGER NOT NULL,
    free_text       TEXT NOT NULL DEFAULT '',
    filters         TEXT NOT NULL DEFAULT '{}',    -- JSON: the audience it was sent to
    status          TEXT NOT NULL DEFAULT 'sending' CHECK (status IN
                        ('sending', 'done', 'cancelled')),
    progress_chat   INTEGER,                       -- where the dispatcher watches progress
    progress_message INTEGER,
    created_at      TEXT NOT NULL,
    finished_at     TEXT
);

-- One row per host an appeal goes to. Claimed ('sending') just before the request leaves;
-- a row found 'sending' after a crash may have reached Telegram and is never sent again.
CREATE TABLE appeal_recipients (
    appeal_id       INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    host_id         INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                        ('pending', 'sending', 'sent', 'uncertain', 'failed', 'unreachable')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      TEXT NOT NULL,
    message_id      INTEGER,
    sent_at         TEXT,
    answered_beds   INTEGER,
    answered_at     TEXT,
    PRIMARY KEY (appeal_id, chat_id)
);
CREATE INDEX appeal_recipients_due ON appeal_recipients (status, not_before);

-- Anonymous per-night figures: no person, no id, only counts. Kept after the purge.
CREATE TABLE daily_stats (
    site_id         INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    night           TEXT NOT NULL,
    beds_offered    INTEGER NOT NULL DEFAULT 0,
    hosts_offering  INTEGER NOT NULL DEFAULT 0,
    people_asking   INTEGER NOT NULL DEFAULT 0,
    groups_asking   INTEGER NOT NULL DEFAULT 0,
    children_asking INTEGER NOT NULL DEFAULT 0,
    people_housed   INTEGER NOT NULL DEFAULT 0,
    people_waiting  INTEGER NOT NULL DEFAULT 0,
    computed_at     TEXT NOT NULL,
    PRIMARY KEY (site_id, night)
);
