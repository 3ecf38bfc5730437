-- Beds taken per offer are summed from its live matches in the board's figures, its hosts list
-- and the matching's free places. Without this index each of those read every match of the
-- night once per offer: 0.15 s per query on an evening of 800 groups and 600 hosts
-- (benchmarks/board.py), several times a second while the live board is open.
CREATE INDEX matches_offer ON matches (offer_id, status);
