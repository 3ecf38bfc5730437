-- 0004: multi-night stays. A confirmed stay carries on to the next night with the same host
-- until its nights are used up or either side stops it.

ALTER TABLE matches ADD COLUMN stay_stopped INTEGER NOT NULL DEFAULT 0
    CHECK (stay_stopped IN (0, 1));
