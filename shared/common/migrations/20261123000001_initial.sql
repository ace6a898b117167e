-- jh initial schema: users and settings, companies, ingestion runs with
-- per-company and per-job status, jobs with their page fingerprint and search
-- columns, and the shared politeness limiter.

CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- ADR-009/010: users are created on first login; BIGSERIAL ids live in our JWT.
CREATE TABLE users (
    id             BIGSERIAL PRIMARY KEY,
    email          TEXT NOT NULL UNIQUE,
    google_sub     TEXT UNIQUE,
    name           TEXT,
    picture_url    TEXT,
    created_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_login_at  TIMESTAMPTZ
);

-- enabled_companies NULL means "all companies" (the ADR-009 default), so a
-- company added later is picked up without touching every user's row.
CREATE TABLE user_settings (
    user_id            BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    enabled_companies  TEXT[],
    title_filters      TEXT[] NOT NULL DEFAULT '{}',
    updated_at         TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE companies (
    id          BIGSERIAL PRIMARY KEY,
    slug        TEXT NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name        TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('greenhouse', 'lever', 'ashby', 'workday', 'smartrecruiters', 'recruitee')),
    -- source-specific settings: board token, tenant, base_url override, ...
    config      JSONB NOT NULL DEFAULT '{}',
    enabled     BOOLEAN NOT NULL DEFAULT true,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE ingestion_runs (
    id           UUID PRIMARY KEY,
    user_id      BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'initializing', 'ingesting', 'finished', 'aborted', 'failed')),
    title_filters TEXT[] NOT NULL DEFAULT '{}',
    error        TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    finished_at  TIMESTAMPTZ
);
CREATE INDEX ingestion_runs_user ON ingestion_runs (user_id, created_at DESC);
-- One active run per user, enforced by the database rather than a racy check.
CREATE UNIQUE INDEX ingestion_runs_one_active ON ingestion_runs (user_id)
    WHERE status IN ('pending', 'initializing', 'ingesting');

-- Per-run, per-company metadata: discovery outcome and circuit-breaker state.
CREATE TABLE run_companies (
    run_id                UUID NOT NULL REFERENCES ingestion_runs(id) ON DELETE CASCADE,
    company_id            BIGINT NOT NULL REFERENCES companies(id),
    status                TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'discovered', 'error', 'skipped')),
    jobs_found            INT NOT NULL DEFAULT 0,
    jobs_closed           INT NOT NULL DEFAULT 0,
    consecutive_failures  INT NOT NULL DEFAULT 0,
    breaker_open          BOOLEAN NOT NULL DEFAULT false,
    error                 TEXT,
    updated_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, company_id)
);

CREATE TABLE jobs (
    id               BIGSERIAL PRIMARY KEY,
    company_id       BIGINT NOT NULL REFERENCES companies(id),
    external_id      TEXT NOT NULL,
    url              TEXT NOT NULL,
    apply_url        TEXT,
    title            TEXT,
    locations        JSONB NOT NULL DEFAULT '[]',
    location_text    TEXT,
    remote           TEXT NOT NULL DEFAULT 'unknown' CHECK (remote IN ('remote', 'hybrid', 'onsite', 'unknown')),
    employment_type  TEXT,
    department       TEXT,
    salary_min       DOUBLE PRECISION,
    salary_max       DOUBLE PRECISION,
    salary_currency  TEXT,
    salary_interval  TEXT CHECK (salary_interval IN ('hour', 'day', 'week', 'month', 'year')),
    date_posted      DATE,
    valid_through    TIMESTAMPTZ,
    description_text TEXT,
    description_html TEXT,
    -- which extraction source gave each field, e.g. {"title": "jsonld"}
    field_sources    JSONB NOT NULL DEFAULT '{}',
    first_seen_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_seen_at     TIMESTAMPTZ NOT NULL DEFAULT now(),
    closed_at        TIMESTAMPTZ,
    -- page fingerprint; written by the extractor only after a successful
    -- extraction, so a lost extract message can never make a page look unchanged
    simhash          BIGINT,
    structured_hash  BIGINT,
    etag             TEXT,
    last_modified    TEXT,
    object_key       TEXT,
    fetched_at       TIMESTAMPTZ,
    extracted_at     TIMESTAMPTZ,
    -- search: weighted full text, kept current by Postgres itself
    search_tsv       TSVECTOR GENERATED ALWAYS AS (
        setweight(to_tsvector('english', coalesce(title, '')), 'A') ||
        setweight(to_tsvector('english', coalesce(department, '')), 'B') ||
        setweight(to_tsvector('english', coalesce(location_text, '')), 'B') ||
        setweight(to_tsvector('english', left(coalesce(description_text, ''), 200000)), 'C')
    ) STORED,
    UNIQUE (company_id, external_id)
);
CREATE INDEX jobs_search_tsv ON jobs USING GIN (search_tsv);
CREATE INDEX jobs_title_trgm ON jobs USING GIN (title gin_trgm_ops);
CREATE INDEX jobs_open ON jobs (company_id) WHERE closed_at IS NULL;

-- Per-run job status, streamed to clients (ADR-018).
CREATE TABLE run_jobs (
    run_id       UUID NOT NULL REFERENCES ingestion_runs(id) ON DELETE CASCADE,
    job_id       BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
    company_id   BIGINT NOT NULL REFERENCES companies(id),
    status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fetching', 'extracting', 'ready', 'unchanged', 'error', 'skipped', 'gone')),
    error        TEXT,
    http_status  INT,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (run_id, job_id)
);
CREATE INDEX run_jobs_status ON run_jobs (run_id, status);

-- Politeness slots shared by every crawler instance: "next allowed time" per
-- key (a company or a backend host), reserved atomically.
CREATE TABLE rate_limits (
    key      TEXT PRIMARY KEY,
    next_at  TIMESTAMPTZ NOT NULL
);
