-- A ninth dimension in rollup_day's key: the post-local hour ('00'–'23') of crossing counts over
-- at most an hour (Post operations' "crossings by hour"). Key layout from now on:
--   post|type|workstation|outcome|document_type|fraud_type|issuing_country|nationality|reason|direction|hour
-- Document checks and interceptions carry no hour: their keys gain an empty last field and keep
-- their values and versions. Crossing-count rows are re-derived from the stored events, hour by
-- hour, in the post's time zone (as the server files them: RollupRow.hourOf, the hour the count
-- starts in); counts over more than an hour get an empty hour. Only crossing counts carry the
-- hour, so document checks and interceptions, the bulk of the rows, do not multiply.
UPDATE rollup_day SET dimensions = dimensions || '|' WHERE split_part(dimensions, '|', 2) <> '2';

DELETE FROM rollup_day WHERE split_part(dimensions, '|', 2) = '2';

INSERT INTO rollup_day (local_day, dimensions, value, events)
SELECT e.local_day,
       concat_ws('|', e.post_id, '2', coalesce(e.workstation_id, ''), '', '', '', '', '', '',
           coalesce(e.direction, ''),
           CASE WHEN e.period_minutes <= 60 AND p.time_zone IS NOT NULL THEN to_char(e.occurred_at AT TIME ZONE p.time_zone, 'HH24') ELSE '' END),
       sum(e.count), count(*)
FROM event e LEFT JOIN post p ON p.id = e.post_id
WHERE e.type = 'crossing_count'
GROUP BY 1, 2;
