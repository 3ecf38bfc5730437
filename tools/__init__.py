"""The command-line tools (chat, demo, tour, posters, backup) over the running bot."""
