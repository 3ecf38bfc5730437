-- 0011: the last meter. Each stay gets a meeting: a time slot at the site's meeting point, who
-- comes (the host today; a driver later), a short "how to recognise me" for tonight, who said
-- "I am here", and whether the late-pickup alarm went off. Each site spreads its meetings over
-- slots of a set length and capacity, and keeps a short directory of help nearby.

CREATE TABLE meeting_settings (
    site_id         INTEGER PRIMARY KEY REFERENCES sites(id) ON DELETE CASCADE,
    slot_minutes    INTEGER NOT NULL DEFAULT 15 CHECK (slot_minutes BETWEEN 5 AND 60),
    per_slot        INTEGER NOT NULL DEFAULT 4 CHECK (per_slot BETWEEN 1 AND 50)
);

CREATE TABLE meetings (
    match_id        INTEGER PRIMARY KEY REFERENCES matches(id) ON DELETE CASCADE,
    meet_at         TEXT NOT NULL,                  -- UTC instant of the slot
    comer           TEXT NOT NULL DEFAULT 'host' CHECK (comer IN ('host', 'driver', 'dispatch')),
    comer_user_id   INTEGER,                        -- who comes; NULL while dispatchers arrange it
    sign            TEXT NOT NULL DEFAULT '',       -- "how to recognise me", tonight only
    guest_here_at   TEXT,
    comer_here_at   TEXT,
    late_at         TEXT,                           -- the late-pickup alarm went off
    created_at      TEXT NOT NULL
);
CREATE INDEX meetings_late ON meetings (late_at, meet_at);

-- The end of the evening is handled once per round: guests still waiting are told.
ALTER TABLE rounds ADD COLUMN ended_at TEXT;
-- Evenings before today are over: an upgraded database must not tell every guest of its past
-- year, at the first tick, that no bed was found. Tonight's round (and one still open) goes on.
UPDATE rounds SET ended_at = COALESCE(matched_at, closed_at, closes_at) WHERE night < date('now');

CREATE TABLE help_places (
    id          INTEGER PRIMARY KEY,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    category    TEXT NOT NULL CHECK (category IN
                    ('medical', 'legal', 'food', 'showers', 'charging')),
    hours       TEXT NOT NULL,                      -- opening hours, as the admin typed them
    latitude    REAL NOT NULL,
    longitude   REAL NOT NULL,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX help_places_site ON help_places (site_id, category);

CREATE TABLE help_place_names (
    place_id    INTEGER NOT NULL REFERENCES help_places(id) ON DELETE CASCADE,
    locale      TEXT NOT NULL CHECK (locale IN ('fr', 'nl', 'en', 'ar')),
    name        TEXT NOT NULL,                      -- name and a few words, in this language
    PRIMARY KEY (place_id, locale)
);
