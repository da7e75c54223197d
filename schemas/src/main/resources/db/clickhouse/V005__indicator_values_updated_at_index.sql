-- The API's live feed polls each tenant's rows written since a cursor (updated_at). The sorting key does not
-- lead with updated_at, so a min-max skip index lets those polls skip granules written long ago.
ALTER TABLE indicator_values ADD INDEX IF NOT EXISTS updated_at_minmax updated_at TYPE minmax GRANULARITY 1;
