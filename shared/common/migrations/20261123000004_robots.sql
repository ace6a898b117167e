-- robots.txt per origin, shared by every crawler instance so a host's
-- robots.txt is fetched once per TTL, not once per Lambda instance.
CREATE TABLE robots_txt (
    origin      TEXT PRIMARY KEY,
    status      INT NOT NULL,
    body        TEXT NOT NULL,
    fetched_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
