-- A narrow copy of what the title search tier reads: the title vector and
-- the filter columns, about 150 bytes a job against ~2.5 kB for a row of
-- `jobs` (descriptions and the full-text vector). The title tier scans the
-- newest jobs in id order, or every title match through the GIN index; on
-- this table either reads a fraction of the pages (measured 2.5-3.4x
-- faster on 100,000 jobs, docs/PERFORMANCE.md § Search). Postgres keeps it
-- in step with a trigger, so no writer has to know about it.

-- The top of the pay range per year, for `salary_min=`.
CREATE FUNCTION job_salary_year(salary_min DOUBLE PRECISION, salary_max DOUBLE PRECISION, salary_interval TEXT)
RETURNS DOUBLE PRECISION LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(salary_max, salary_min) *
           CASE salary_interval WHEN 'hour' THEN 2080 WHEN 'day' THEN 260 WHEN 'week' THEN 52
                                WHEN 'month' THEN 12 ELSE 1 END
$$;

CREATE TABLE job_search (
    id               BIGINT PRIMARY KEY REFERENCES jobs(id) ON DELETE CASCADE,
    company_id       BIGINT NOT NULL,
    open             BOOLEAN NOT NULL,
    remote           TEXT NOT NULL,
    employment_type  TEXT,
    date_posted      DATE,
    salary_year      DOUBLE PRECISION,
    location_text    TEXT,
    title_tsv        TSVECTOR NOT NULL
);
-- fastupdate off: new entries go into the index itself rather than a pending
-- list every search must scan until autovacuum merges it; with it on,
-- search latency depended on when autovacuum last ran (measured 1.4 against
-- 7.8 ms for the older-matches statement). Writes here are one per
-- extraction, so the slower insert costs little.
CREATE INDEX job_search_title_tsv ON job_search USING GIN (title_tsv) WITH (fastupdate = off);
ALTER TABLE job_search ALTER COLUMN title_tsv SET STATISTICS 1000;

CREATE FUNCTION job_search_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO job_search (id, company_id, open, remote, employment_type, date_posted, salary_year, location_text, title_tsv)
    VALUES (NEW.id, NEW.company_id, NEW.closed_at IS NULL, NEW.remote, NEW.employment_type, NEW.date_posted,
            job_salary_year(NEW.salary_min, NEW.salary_max, NEW.salary_interval), NEW.location_text, NEW.title_tsv)
    ON CONFLICT (id) DO UPDATE
        SET company_id = EXCLUDED.company_id, open = EXCLUDED.open, remote = EXCLUDED.remote,
            employment_type = EXCLUDED.employment_type, date_posted = EXCLUDED.date_posted,
            salary_year = EXCLUDED.salary_year, location_text = EXCLUDED.location_text, title_tsv = EXCLUDED.title_tsv
        WHERE (job_search.*) IS DISTINCT FROM (EXCLUDED.*);
    RETURN NULL;
END
$$;

-- Only the columns the copy holds: the crawler's fingerprint updates do not fire it.
CREATE TRIGGER jobs_search_sync
    AFTER INSERT OR UPDATE OF company_id, title, closed_at, remote, employment_type, date_posted,
                              salary_min, salary_max, salary_interval, location_text
    ON jobs FOR EACH ROW EXECUTE FUNCTION job_search_sync();

INSERT INTO job_search (id, company_id, open, remote, employment_type, date_posted, salary_year, location_text, title_tsv)
SELECT id, company_id, closed_at IS NULL, remote, employment_type, date_posted,
       job_salary_year(salary_min, salary_max, salary_interval), location_text, title_tsv
FROM jobs ORDER BY id;

-- Which vocabulary words occur in some title: a query requiring a word no
-- title has skips the title tier (see db/search.rs). Words only ever gain
-- it; a stale `true` costs one futile title scan, never a result.
ALTER TABLE search_words ADD COLUMN in_title BOOLEAN NOT NULL DEFAULT false;
UPDATE search_words w SET in_title = true
WHERE EXISTS (SELECT 1 FROM jobs j WHERE j.title_tsv @@ to_tsquery('simple', quote_literal(w.word)));
