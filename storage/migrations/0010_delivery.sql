-- 0008: delivery you can count on.
-- The language Telegram reported at the person's last contact (normalised to one of ours),
-- so a message the bot sends on its own speaks it when no language was chosen.
ALTER TABLE users ADD COLUMN telegram_locale TEXT
    CHECK (telegram_locale IN ('fr', 'nl', 'en', 'ar'));
-- How many times a notice was sent again after a crash cut its send short: a repeat says so.
ALTER TABLE outbox ADD COLUMN repeats INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_created ON outbox (created_at);
