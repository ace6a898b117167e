-- The API's reads: a title-only search vector (the first search tier), the
-- vocabulary that makes search typo-tolerant, and indexes for progress
-- streaming, company stats and the search filters.

-- "Every term in the title" ranks first; a separate vector answers it from
-- its own GIN index without reading the (large) full-text vector.
ALTER TABLE jobs ADD COLUMN title_tsv TSVECTOR
    GENERATED ALWAYS AS (to_tsvector('english', coalesce(title, ''))) STORED;
CREATE INDEX jobs_title_tsv ON jobs USING GIN (title_tsv);
-- Search plans hinge on how common each word is: a word in a fifth of the
-- jobs is best read in id order until the page is full, a rare or absent one
-- through the GIN index. With the default statistics an absent word looks
-- like a common one, and the planner reads the whole table in id order for
-- nothing; tracking up to 10,000 words per column makes it look absent.
ALTER TABLE jobs ALTER COLUMN title_tsv SET STATISTICS 1000;
ALTER TABLE jobs ALTER COLUMN search_tsv SET STATISTICS 1000;
-- `location=` is a substring filter.
CREATE INDEX jobs_location_trgm ON jobs USING GIN (location_text gin_trgm_ops);
-- What changed since the vocabulary was last refreshed.
CREATE INDEX jobs_first_seen ON jobs (first_seen_at);
CREATE INDEX jobs_extracted ON jobs (extracted_at);

-- Every lexeme of the indexed jobs, with a trigram index: a misspelt query
-- word ("grapql") is corrected to its nearest indexed words ("graphql")
-- before the full-text query runs, as the PostgreSQL manual suggests for
-- pg_trgm with text search. Refreshed by the API (search), never on the
-- crawl's write path.
CREATE TABLE search_words (
    word TEXT PRIMARY KEY
);
CREATE INDEX search_words_trgm ON search_words USING GIN (word gin_trgm_ops);

-- One row: the newest job change the vocabulary includes.
CREATE TABLE search_vocabulary (
    singleton          BOOLEAN PRIMARY KEY DEFAULT true CHECK (singleton),
    refreshed_through  TIMESTAMPTZ NOT NULL DEFAULT '-infinity',
    refreshed_at       TIMESTAMPTZ
);
INSERT INTO search_vocabulary DEFAULT VALUES;

-- SSE: the jobs of a run that changed since the last poll.
CREATE INDEX run_jobs_updated ON run_jobs (run_id, updated_at);
-- A company's latest crawl.
CREATE INDEX run_companies_company ON run_companies (company_id);
