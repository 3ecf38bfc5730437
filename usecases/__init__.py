"""Use cases: one function per thing a person (or the clock) makes happen.

Each takes plain arguments (ids, the night, the clock's `now`, who acts and why), owns its
lock, runs all its writes as ONE transaction on the database's writer (`Database.run`), and
returns a typed result. Nothing here imports Telegram: the bot's handlers and jobs, the board's
web endpoints and the command-line tools call the same functions, then render the result and
wake the outbox sender for the notices the transaction queued.
"""
