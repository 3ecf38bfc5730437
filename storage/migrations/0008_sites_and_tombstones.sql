-- 0008: a site's name in each language; tombstones that outlive /forget; incidents belong to
-- a site; and nothing that names a person outlives the retention purge.

-- A site's name as people read it in their language ("Bruxelles", "Brussel", "بروكسل"):
-- site_texts gains the kind 'name' (SQLite cannot change a CHECK in place: copy the table).
CREATE TABLE site_texts_new (
    site_id     INTEGER NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
    locale      TEXT NOT NULL CHECK (locale IN ('fr', 'nl', 'en', 'ar')),
    kind        TEXT NOT NULL CHECK (kind IN ('alternatives', 'minors', 'name')),
    body        TEXT NOT NULL,
    PRIMARY KEY (site_id, locale, kind)
);
INSERT INTO site_texts_new (site_id, locale, kind, body)
    SELECT site_id, locale, kind, body FROM site_texts;
DROP TABLE site_texts;
ALTER TABLE site_texts_new RENAME TO site_texts;

-- A suspended or blocked person who erases their data leaves a keyed hash (HMAC-SHA256 with a
-- secret kept outside the database) of their Telegram id, and nothing else: writing again
-- under the same account finds the suspension or the block in place.
CREATE TABLE tombstones (
    digest      TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('blocked', 'suspended')),
    created_at  TEXT NOT NULL,          -- the day only
    PRIMARY KEY (digest, kind)
);

-- A pair never to be matched again, when either side erased their data: both sides' hashes.
CREATE TABLE pair_tombstones (
    host_digest     TEXT NOT NULL,
    guest_digest    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    PRIMARY KEY (host_digest, guest_digest)
);

-- An incident belongs to the site of its stay, else to the reporter's site (NULL: none known,
-- seen by the dispatchers of every site).
ALTER TABLE incidents ADD COLUMN site_id INTEGER REFERENCES sites(id) ON DELETE SET NULL;
UPDATE incidents SET site_id = (SELECT r.site_id FROM matches m JOIN rounds r
    ON r.id = m.round_id WHERE m.id = incidents.match_id) WHERE match_id IS NOT NULL;

-- Alerts a person sent, counted by keyed hash so that /forget does not reset the limit.
CREATE TABLE alert_marks (
    digest      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    at          TEXT NOT NULL
);
CREATE INDEX alert_marks_by ON alert_marks (digest, kind, at);
