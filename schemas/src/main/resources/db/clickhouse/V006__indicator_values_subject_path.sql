-- Rolling windows of decomposable indicators are no longer stored per as-of day: the read model assembles
-- them from the DAY rows (sums of numerators and denominators, min of minimums...). Their target is the
-- rule in force for the rolling instance and the subject's department path, which the day rows now carry
-- (nearest department first; empty on rows written before this migration).
ALTER TABLE indicator_values ADD COLUMN IF NOT EXISTS subject_path Array(String) DEFAULT [] AFTER subject_id;
