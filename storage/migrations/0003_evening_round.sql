-- 0003: the evening round. A round is closed once (status) and matched once (matched_at);
-- pairs that went wrong are never matched again; both sides' morning feedback is kept.

ALTER TABLE rounds ADD COLUMN matched_at TEXT;

ALTER TABLE matches ADD COLUMN confirmed_at TEXT;
ALTER TABLE matches ADD COLUMN picked_up_at TEXT;
ALTER TABLE matches ADD COLUMN feedback_asked_at TEXT;
CREATE UNIQUE INDEX matches_code_per_round ON matches (round_id, pickup_code)
    WHERE status IN ('proposed', 'confirmed', 'picked_up');

CREATE TABLE pair_blocks (
    host_id     INTEGER NOT NULL REFERENCES hosts(id) ON DELETE CASCADE,
    guest_id    INTEGER NOT NULL REFERENCES guests(id) ON DELETE CASCADE,
    night       TEXT,                   -- NULL: never again; a date: only that night (a decline)
    reason      TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX pair_blocks_unique ON pair_blocks (host_id, guest_id, IFNULL(night, ''));

CREATE TABLE feedback (
    match_id    INTEGER NOT NULL REFERENCES matches(id) ON DELETE CASCADE,
    side        TEXT NOT NULL CHECK (side IN ('host', 'guest')),
    verdict     TEXT NOT NULL CHECK (verdict IN ('good', 'problem')),
    at          TEXT NOT NULL,
    PRIMARY KEY (match_id, side)
);
