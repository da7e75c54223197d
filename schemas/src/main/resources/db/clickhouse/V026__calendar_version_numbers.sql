-- Two API processes publishing a calendar year at the same moment compute the same next version number. The
-- first insert of a number is its claim (CalendarVersionStore.claim): it carries a deduplication token made of
-- tenant, year and number, so ClickHouse drops a second insert with that token, atomically with adding the
-- part, and the loser reads the winner's content back and takes the next number. A non-replicated MergeTree
-- keeps no insert tokens unless given a window; racing inserts are adjacent, so a small one is ample.
ALTER TABLE calendar_versions MODIFY SETTING non_replicated_deduplication_window = 1000;
