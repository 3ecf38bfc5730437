-- 0012: drivers and rides. A driver registers once and is vetted per site like a host; each
-- evening they declare a shift. A stay whose host cannot come to the meeting point gets a ride:
-- planned by the matching with the stay, then offered to the driver once the host confirms and
-- gives tonight's address. The address is purged with the night's records.

CREATE TABLE drivers (
    id                  INTEGER PRIMARY KEY,
    user_id             INTEGER NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
    display_name        TEXT NOT NULL,
    phone               TEXT,                       -- seen by dispatchers only
    crew                TEXT NOT NULL CHECK (crew IN ('single_woman', 'single_man', 'couple')),
    drives              TEXT NOT NULL DEFAULT '[]', -- JSON list of group types
    seats               INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 8),
    child_seats         INTEGER NOT NULL DEFAULT 0 CHECK (child_seats BETWEEN 0 AND 4),
    charter_version     INTEGER,                    -- NULL until accepted
    status              TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                            ('pending', 'vetted', 'rejected', 'suspended')),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);

CREATE TABLE driver_sites (
    driver_id   INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    PRIMARY KEY (driver_id, site_id)
);

CREATE TABLE shifts (
    id              INTEGER PRIMARY KEY,
    driver_id       INTEGER NOT NULL REFERENCES drivers(id) ON DELETE CASCADE,
    round_id        INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    starts          TEXT NOT NULL,                  -- HH:MM local time
    ends            TEXT NOT NULL,                  -- HH:MM local time
    seats           INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 8),
    child_seats     INTEGER NOT NULL DEFAULT 0 CHECK (child_seats BETWEEN 0 AND 4),
    trips           INTEGER NOT NULL CHECK (trips BETWEEN 1 AND 10),
    status          TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'withdrawn')),
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (driver_id, round_id)
);
CREATE INDEX shifts_round ON shifts (round_id, status);

CREATE TABLE driver_patterns (
    id                  INTEGER PRIMARY KEY,
    driver_id           INTEGER NOT NULL UNIQUE REFERENCES drivers(id) ON DELETE CASCADE,
    site_id             INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    weekdays            TEXT NOT NULL,              -- JSON list of ISO weekdays, Monday = 1
    reminder_time       TEXT NOT NULL,              -- HH:MM, the site's local time
    starts              TEXT NOT NULL,
    ends                TEXT NOT NULL,
    seats               INTEGER NOT NULL CHECK (seats BETWEEN 1 AND 8),
    trips               INTEGER NOT NULL CHECK (trips BETWEEN 1 AND 10),
    last_prompted_night TEXT,
    created_at          TEXT NOT NULL
);

CREATE TABLE rides (
    id              INTEGER PRIMARY KEY,
    match_id        INTEGER NOT NULL UNIQUE REFERENCES matches(id) ON DELETE CASCADE,
    shift_id        INTEGER REFERENCES shifts(id) ON DELETE SET NULL,
    status          TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'unassigned',
                        'assigned', 'confirmed', 'picked_up', 'arrived', 'cancelled')),
    address         TEXT,                           -- tonight only; the assigned driver only
    asked_at        TEXT,                           -- the current driver was asked at
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX rides_shift ON rides (shift_id, status);
CREATE INDEX rides_waiting ON rides (status, asked_at);

-- Drivers who declined (or stayed silent on) a ride are not asked again for it.
CREATE TABLE ride_refusals (
    ride_id     INTEGER NOT NULL REFERENCES rides(id) ON DELETE CASCADE,
    shift_id    INTEGER NOT NULL REFERENCES shifts(id) ON DELETE CASCADE,
    silent      INTEGER NOT NULL DEFAULT 0 CHECK (silent IN (0, 1)),
    at          TEXT NOT NULL,
    PRIMARY KEY (ride_id, shift_id)
);

-- A woman alone is not driven alone by a man alone unless the site's settings say otherwise.
ALTER TABLE sites ADD COLUMN car_non_mixite INTEGER NOT NULL DEFAULT 1 CHECK (car_non_mixite IN (0, 1));
