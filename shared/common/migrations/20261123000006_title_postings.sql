-- Title postings: one row per (title word, job), in a B-tree ordered by
-- word then id, carrying the title vector and the filter columns. It is the
-- ordered inverted index the title search tier needs: "the newest jobs
-- whose title has every query word" becomes a backward index-only scan of
-- the rarest query word's entries, checking each entry in the index itself,
-- and it stops at the page's last row. A GIN index cannot return its
-- matches in id order, so through GIN every match had to be read and
-- sorted (1.3-2.6 ms for a selective query on 100,000 jobs, against
-- 0.06-0.37 ms here; docs/PERFORMANCE.md § Search). The `rum` extension
-- would do the same inside one index, but not every managed Postgres
-- carries it, and this needs nothing beyond core Postgres.
--
-- Every job also has an entry under the empty word, so a query whose
-- required words are all stop words (`the -python`) scans every job newest
-- first, through the same statement.
--
-- It costs one row per title word and one more per job (1.8 kB a job with
-- the indexes, measured at 100,000 jobs), kept by a trigger on
-- `job_search`, which is itself kept in step with `jobs`.

CREATE TABLE title_postings (
    lexeme          TEXT NOT NULL,
    id              BIGINT NOT NULL REFERENCES job_search(id) ON DELETE CASCADE,
    open            BOOLEAN NOT NULL,
    company_id      BIGINT NOT NULL,
    remote          TEXT NOT NULL,
    employment_type TEXT,
    date_posted     DATE,
    salary_year     DOUBLE PRECISION,
    -- NULL when too long for an index entry: search reads it from
    -- `job_search` then (the location is '' when the job has none).
    location_text   TEXT,
    title_tsv       TSVECTOR,
    PRIMARY KEY (lexeme, id)
        INCLUDE (open, company_id, remote, employment_type, date_posted, salary_year, location_text, title_tsv)
);
CREATE INDEX title_postings_id ON title_postings (id);

-- A B-tree entry must fit in a third of a page (2,704 bytes), so an entry
-- leaves out a location over 200 bytes and a title vector over 1,200 (a
-- page that stuffed them), and search reads those from `job_search`; a word
-- over 200 bytes gets no entry (query words are at most 40 characters).
CREATE FUNCTION title_postings_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    DELETE FROM title_postings WHERE id = NEW.id;
    INSERT INTO title_postings (lexeme, id, open, company_id, remote, employment_type, date_posted, salary_year,
                                location_text, title_tsv)
    SELECT u.lexeme, NEW.id, NEW.open, NEW.company_id, NEW.remote, NEW.employment_type, NEW.date_posted,
           NEW.salary_year,
           CASE WHEN octet_length(NEW.location_text) > 200 THEN NULL ELSE coalesce(NEW.location_text, '') END,
           CASE WHEN pg_column_size(NEW.title_tsv) > 1200 THEN NULL ELSE NEW.title_tsv END
    FROM (SELECT u.lexeme FROM unnest(NEW.title_tsv) u WHERE octet_length(u.lexeme) <= 200 UNION ALL SELECT '') u;
    RETURN NULL;
END
$$;

CREATE TRIGGER job_search_postings_sync AFTER INSERT OR UPDATE ON job_search
    FOR EACH ROW EXECUTE FUNCTION title_postings_sync();

-- Every existing job, through the trigger.
UPDATE job_search SET id = id;

-- Search statements are short and index-driven. JIT compiling one costs
-- tens of milliseconds (measured 35 ms on a title search whose estimated
-- cost crossed `jit_above_cost`), and starting parallel workers for one
-- costs more CPU than the statement (two forked processes per document
-- search on 100,000 jobs). A role that may not alter the database keeps
-- the server's settings; docs/DEPLOY.md says to set them there.
DO $$
BEGIN
    EXECUTE format('ALTER DATABASE %I SET jit = off', current_database());
    EXECUTE format('ALTER DATABASE %I SET max_parallel_workers_per_gather = 0', current_database());
EXCEPTION WHEN insufficient_privilege THEN
    RAISE NOTICE 'jit and parallel query left as they are: this role may not alter database %', current_database();
END
$$;

-- The title tier's plan is an index-only scan: it needs the visibility
-- map current, so vacuum after 1% of the rows changed, not 20%.
ALTER TABLE title_postings SET (autovacuum_vacuum_scale_factor = 0.01, autovacuum_vacuum_insert_scale_factor = 0.01,
                                autovacuum_analyze_scale_factor = 0.02);

-- How many jobs have each word in their title, as of the vocabulary's last
-- refresh: a search scans the entries of its rarest word. A word the
-- vocabulary does not have yet counts as 0, so it is scanned, and its
-- entries are always current, so a stale count costs time, never results.
ALTER TABLE search_words ADD COLUMN title_jobs INTEGER NOT NULL DEFAULT 0;
UPDATE search_words w SET title_jobs = c.n
FROM (SELECT lexeme, count(*) AS n FROM title_postings GROUP BY lexeme) c
WHERE c.lexeme = w.word;
-- `in_title` (migration 5) is now `title_jobs > 0`.
ALTER TABLE search_words DROP COLUMN in_title;

-- The share of jobs whose document has each word, from Postgres's column
-- statistics as of the vocabulary's last refresh: the exact document tier
-- reads a rare query through the GIN index and a common one newest first.
ALTER TABLE search_words ADD COLUMN doc_freq REAL NOT NULL DEFAULT 0;
