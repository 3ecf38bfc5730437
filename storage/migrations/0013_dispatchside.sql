-- 0013 (dispatchside): appeals to drivers. A dispatcher may send tonight's appeal to the site's
-- vetted drivers as well as (or instead of) its hosts, through the same paced recipients. A
-- driver opts out of appeals like a host. A recipient row names either a host or a driver.

ALTER TABLE drivers ADD COLUMN appeals INTEGER NOT NULL DEFAULT 1 CHECK (appeals IN (0, 1));

CREATE TABLE appeal_recipients_0013 (
    appeal_id       INTEGER NOT NULL REFERENCES appeals(id) ON DELETE CASCADE,
    chat_id         INTEGER NOT NULL,
    host_id         INTEGER REFERENCES hosts(id) ON DELETE CASCADE,
    driver_id       INTEGER REFERENCES drivers(id) ON DELETE CASCADE,
    status          TEXT NOT NULL DEFAULT 'pending' CHECK (status IN
                        ('pending', 'sending', 'sent', 'uncertain', 'failed', 'unreachable')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    not_before      TEXT NOT NULL,
    message_id      INTEGER,
    sent_at         TEXT,
    answered_beds   INTEGER,
    answered_at     TEXT,
    PRIMARY KEY (appeal_id, chat_id),
    CHECK ((host_id IS NULL) <> (driver_id IS NULL))
);
INSERT INTO appeal_recipients_0013 (appeal_id, chat_id, host_id, status, attempts, not_before,
    message_id, sent_at, answered_beds, answered_at)
SELECT appeal_id, chat_id, host_id, status, attempts, not_before, message_id, sent_at,
    answered_beds, answered_at FROM appeal_recipients;
DROP TABLE appeal_recipients;
ALTER TABLE appeal_recipients_0013 RENAME TO appeal_recipients;
CREATE INDEX appeal_recipients_due ON appeal_recipients (status, not_before);
CREATE INDEX appeal_recipients_driver ON appeal_recipients (driver_id) WHERE driver_id IS NOT NULL;
