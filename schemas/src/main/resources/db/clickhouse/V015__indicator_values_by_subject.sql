-- Dashboards read one subject at a time: a scorecard is every indicator of one employee for this month and the
-- last, a history one indicator of one employee over 13 months. The sorting key leads with the indicator, so
-- each (indicator, month) of one subject is its own key range and costs at least one whole granule per part
-- (a scorecard read about a million rows for 62 values). This projection keeps the same rows subject first; the
-- read model's point reads (argMax, which unlike FINAL can read a projection) then read a granule or two per
-- part. It costs a second sorted copy of the rows on insert and merge (the engine's writes), and merges of a
-- ReplacingMergeTree with a projection must rebuild it, which the setting allows.
ALTER TABLE indicator_values MODIFY SETTING deduplicate_merge_projection_mode = 'rebuild';
ALTER TABLE indicator_values ADD PROJECTION IF NOT EXISTS by_subject
    (SELECT * ORDER BY tenant_id, subject_type, subject_id, indicator_id, window_type, window_start);
ALTER TABLE indicator_values MATERIALIZE PROJECTION by_subject;
