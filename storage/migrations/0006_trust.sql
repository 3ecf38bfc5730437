-- 0006: trust. A dispatcher can block a user (with a reason, reversibly); guests and hosts
-- report incidents at any time. Both are kept as long as they matter, never longer.

ALTER TABLE users ADD COLUMN blocked_at TEXT;      -- NULL: not blocked
ALTER TABLE users ADD COLUMN blocked_reason TEXT;
ALTER TABLE users ADD COLUMN blocked_by INTEGER;

CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    reporter_id INTEGER NOT NULL,                  -- the Telegram user who reported
    side        TEXT NOT NULL CHECK (side IN ('host', 'guest', 'other')),
    match_id    INTEGER REFERENCES matches(id) ON DELETE SET NULL,
    body        TEXT NOT NULL DEFAULT '',          -- what they wrote; purged with the night
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'handled')),
    created_at  TEXT NOT NULL,
    handled_by  INTEGER,
    handled_at  TEXT
);
CREATE INDEX incidents_open ON incidents (status, created_at);
