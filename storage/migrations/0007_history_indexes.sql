-- Indexes for a database with a year of history (benchmarks/throughput.py: 30,000 hosts,
-- 365 nights). Without them the periodic statistics refresh scanned every match once per
-- request of the night (8.5 s inside a write transaction, stalling every handler's write),
-- and each evening tick scanned all matches twice.
CREATE INDEX matches_request ON matches (request_id);
CREATE INDEX matches_round ON matches (round_id, status);
CREATE INDEX matches_status ON matches (status, created_at);
CREATE INDEX requests_round ON requests (round_id, status);
CREATE INDEX offers_round ON offers (round_id, status);
