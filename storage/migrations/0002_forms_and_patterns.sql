-- 0002: drafts of unfinished forms (they survive restarts), weekly hosting patterns,
-- and the pickup code a walk-in group receives on paper at intake.

CREATE TABLE drafts (
    user_id     INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    form        TEXT NOT NULL,
    answers     TEXT NOT NULL DEFAULT '{}',     -- JSON
    updated_at  TEXT NOT NULL
);

CREATE TABLE weekly_patterns (
    id                  INTEGER PRIMARY KEY,
    host_id             INTEGER NOT NULL UNIQUE REFERENCES hosts(id) ON DELETE CASCADE,
    site_id             INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    weekdays            TEXT NOT NULL,          -- JSON list of ISO weekdays, Monday = 1
    reminder_time       TEXT NOT NULL,          -- HH:MM, the site's local time
    beds                INTEGER NOT NULL CHECK (beds BETWEEN 1 AND 10),
    latest_pickup       TEXT NOT NULL,
    nights              INTEGER NOT NULL DEFAULT 1 CHECK (nights >= 1),
    last_prompted_night TEXT,                   -- ISO date: one reminder per night at most
    created_at          TEXT NOT NULL
);

ALTER TABLE requests ADD COLUMN walkin_code TEXT;
CREATE UNIQUE INDEX requests_walkin_code ON requests (round_id, walkin_code)
    WHERE walkin_code IS NOT NULL;
