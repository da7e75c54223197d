-- The API's live feed follows the order rows become visible in, not the time they carry (updated_at is when the
-- engine computed a row; a sink that retries a batch makes it visible much later). On a non-replicated MergeTree
-- an insert's part gets the table's next block number in the same lock that makes it visible, so a cursor on
-- block numbers sees every row exactly once. Kept per row, the number survives merges (_block_number).
ALTER TABLE indicator_values MODIFY SETTING enable_block_number_column = 1;
