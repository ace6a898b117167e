//! Job search (ADR-014): PostgreSQL full text with websearch syntax, made
//! typo-tolerant with pg_trgm, ranked in tiers and paginated with a keyset.
//!
//! Ranking is by tier, then newest first (highest id):
//!
//! 1. `title`: the query matches the whole document and every term is in
//!    the title;
//! 2. `text`: the query matches the document, not the title alone;
//! 3. `fuzzy_title` / 4. `fuzzy_text`: the same with each query word widened
//!    to its nearest indexed words (`grapql` → `graphql`), for jobs the exact
//!    query missed.
//!
//! Each tier is one index-driven query (`ORDER BY id DESC LIMIT n`), run in
//! order until the page is full, so a broad query ("engineer") stops after a
//! few index rows and a narrow one reads only its matches; ranking every
//! match with `ts_rank` would cost time in proportion to the matches. The
//! corrections come from `search_words`, a vocabulary of every indexed
//! lexeme with a trigram index, which the fuzzy tiers refresh when jobs
//! changed since its last refresh.
//!
//! The title tier, where most searches end, reads `title_postings`: for
//! every title word, the jobs with it in their title, in a B-tree ordered by
//! word then id that carries the title vector and the filter columns. The
//! newest title matches are a backward index-only scan of the query's
//! rarest required word, which stops at the page's last row, so its cost
//! follows the page, not the number of matches (a GIN index cannot return
//! its matches in id order). The typo tier's title search, whose words are
//! alternatives, reads `job_search`, a narrow copy of the same columns: the
//! newest jobs in id order, then older matches through its GIN index. These
//! statements fix their plan's shape in the SQL and read every value through
//! an init plan, so they are prepared and Postgres reuses a generic plan;
//! planning them cost as much as running them. A search without a query
//! scans the postings' empty word, which every job has. The exact document
//! tier is prepared too: it holds both ways to read a document query and
//! picks one by how common the query's words are. What is left unprepared
//! (`persistent(false)`), and planned with the actual query, is the typo
//! tier's document search and the document search of a query with only
//! alternatives (`go or rust`). A search the title tier answers is one
//! round trip.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sqlx::{PgConnection, PgPool};

use super::DbError;

/// A search tier, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Every query term is in the title.
    Title,
    /// The query matches the description, department or location.
    Text,
    /// With typo correction, in the title.
    FuzzyTitle,
    /// With typo correction, anywhere.
    FuzzyText,
    /// No query: every job that passes the filters, newest first.
    All,
}

impl Tier {
    const SEARCH: [Tier; 4] = [Tier::Title, Tier::Text, Tier::FuzzyTitle, Tier::FuzzyText];

    fn is_fuzzy(self) -> bool {
        matches!(self, Tier::FuzzyTitle | Tier::FuzzyText)
    }

    /// The tier's condition. `$1` is the exact query, `$2` the corrected
    /// one. A title match implies a document match unless the query excludes
    /// words (the title is the start of the document), so the document's
    /// large vector is read for title tiers only when `excludes`.
    fn condition(self, excludes: bool) -> &'static str {
        match (self, excludes) {
            (Tier::Title, false) => "j.title_tsv @@ $1::tsquery",
            (Tier::Title, true) => "j.title_tsv @@ $1::tsquery AND j.search_tsv @@ $1::tsquery",
            (Tier::Text, _) => "j.search_tsv @@ $1::tsquery AND NOT j.title_tsv @@ $1::tsquery",
            (Tier::FuzzyTitle, false) => "j.title_tsv @@ $2::tsquery AND NOT j.search_tsv @@ $1::tsquery",
            (Tier::FuzzyTitle, true) => {
                "j.title_tsv @@ $2::tsquery AND j.search_tsv @@ $2::tsquery AND NOT j.search_tsv @@ $1::tsquery"
            }
            (Tier::FuzzyText, _) => {
                "j.search_tsv @@ $2::tsquery AND NOT j.title_tsv @@ $2::tsquery AND NOT j.search_tsv @@ $1::tsquery"
            }
            (Tier::All, _) => "true",
        }
    }
}

/// Filters besides the query; `None` means "any".
#[derive(Debug, Clone, Default)]
pub struct Filters {
    /// Company slug.
    pub company: Option<String>,
    /// Substring of the location, case-insensitive.
    pub location: Option<String>,
    /// `remote`, `hybrid`, `onsite` or `unknown`.
    pub remote: Option<String>,
    /// `full-time`, `part-time`, ...
    pub employment_type: Option<String>,
    /// Posted on or after this date.
    pub posted_since: Option<NaiveDate>,
    /// The top of the pay range, per year, is at least this.
    pub salary_min: Option<f64>,
    /// Include closed jobs.
    pub include_closed: bool,
}

/// Where the previous page ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct After {
    /// The last row's tier.
    pub tier: Tier,
    /// The last row's id.
    pub id: i64,
}

/// One search result (the description is left out; see [`job`]).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Hit {
    /// Job id.
    pub id: i64,
    /// Company slug.
    pub company: String,
    /// Company name.
    pub company_name: String,
    /// Title.
    pub title: Option<String>,
    /// Location text.
    pub location: Option<String>,
    /// `remote`, `hybrid`, `onsite` or `unknown`.
    pub remote: String,
    /// Employment type.
    pub employment_type: Option<String>,
    /// Department.
    pub department: Option<String>,
    /// Pay range bottom.
    pub salary_min: Option<f64>,
    /// Pay range top.
    pub salary_max: Option<f64>,
    /// ISO currency.
    pub salary_currency: Option<String>,
    /// `hour`, `day`, `week`, `month` or `year`.
    pub salary_interval: Option<String>,
    /// Date posted.
    pub date_posted: Option<NaiveDate>,
    /// Job page.
    pub url: String,
    /// Where to apply.
    pub apply_url: Option<String>,
    /// First seen by a crawl.
    pub first_seen_at: DateTime<Utc>,
    /// When it left its board.
    pub closed_at: Option<DateTime<Utc>>,
    /// The tier it matched in (set by [`search`]).
    #[sqlx(skip)]
    pub tier: Option<Tier>,
}

const HIT_COLUMNS: &str =
    "j.id, c.slug AS company, c.name AS company_name, j.title, j.location_text AS location, j.remote,
    j.employment_type, j.department, j.salary_min, j.salary_max, j.salary_currency, j.salary_interval,
    j.date_posted, j.url, j.apply_url, j.first_seen_at, j.closed_at";

// $1 is the query text, $2 the corrected tsquery, $3..$9 the filters,
// $10 the keyset, $11 the limit. The window is a literal: a generic plan
// then knows how many rows it reads.
const FILTERS: &str = "($3::text IS NULL OR c.slug = $3)
    AND ($4::text IS NULL OR j.location_text ILIKE $4)
    AND ($5::text IS NULL OR j.remote = $5)
    AND ($6::text IS NULL OR j.employment_type = $6)
    AND ($7::date IS NULL OR j.date_posted >= $7)
    AND ($8::float8 IS NULL OR job_salary_year(j.salary_min, j.salary_max, j.salary_interval) >= $8)
    AND ($9 OR j.closed_at IS NULL)";

/// [`FILTERS`] on `job_search` and `title_postings`, which the title tiers
/// read. Every value is read through an init plan (`(SELECT $3::text)`):
/// Postgres cannot fold those when planning, so a plan made for the actual
/// values costs the same as the generic one, and the prepared statements
/// keep their generic plan instead of being planned on every execution
/// (a custom plan costs ~0.7 ms to make, more than running it).
const NARROW_FILTERS: &str =
    "((SELECT $3::text) IS NULL OR j.company_id = (SELECT id FROM companies WHERE slug = (SELECT $3::text)))
    AND ((SELECT $4::text) IS NULL OR j.location_text ILIKE (SELECT $4::text))
    AND ((SELECT $5::text) IS NULL OR j.remote = (SELECT $5::text))
    AND ((SELECT $6::text) IS NULL OR j.employment_type = (SELECT $6::text))
    AND ((SELECT $7::date) IS NULL OR j.date_posted >= (SELECT $7::date))
    AND ((SELECT $8::float8) IS NULL OR j.salary_year >= (SELECT $8::float8))
    AND ((SELECT $9::bool) OR j.open)";

/// `%` and `_` are wildcards to ILIKE; a location filter means the text.
fn like_pattern(s: &str) -> String {
    let escaped = s.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// A websearch query taken apart for typo correction.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QueryWords {
    /// Plain words: each is widened to its nearest indexed words.
    pub positive: Vec<String>,
    /// Excluded words and phrases (`-word`, `-"a phrase"`): kept excluded.
    pub excluded: Vec<String>,
    /// Quoted phrases: kept exactly, never corrected.
    pub phrases: Vec<String>,
    /// The query has an `or`: no word is required on its own.
    pub alternatives: bool,
}

impl QueryWords {
    /// The words every match must have (plain words and phrases), for the
    /// title postings; empty when an `or` makes none of them required.
    fn required(&self) -> String {
        if self.alternatives {
            return String::new();
        }
        self.positive.iter().chain(&self.phrases).map(String::as_str).collect::<Vec<_>>().join(" ")
    }
}

/// Takes a websearch query apart: plain words, excluded words and phrases,
/// and quoted phrases. `or` is dropped: the corrected query is an AND of the
/// plain words (each widened), the phrases, and the exclusions.
pub fn query_words(q: &str) -> QueryWords {
    let mut w = QueryWords::default();
    let mut outside = String::new();
    let (mut quoted, mut in_quote, mut negated) = (String::new(), false, false);
    for ch in q.chars() {
        match (ch, in_quote) {
            ('"', false) => {
                in_quote = true;
                negated = outside.ends_with('-');
                if negated {
                    outside.pop();
                }
                outside.push(' ');
            }
            ('"', true) => {
                in_quote = false;
                let phrase = quoted.trim().to_owned();
                quoted.clear();
                if !phrase.is_empty() {
                    let list = if negated { &mut w.excluded } else { &mut w.phrases };
                    if list.len() < 8 {
                        list.push(phrase);
                    }
                }
            }
            (c, true) => quoted.push(c),
            (c, false) => outside.push(c),
        }
    }
    // An unclosed quote: its words count as plain words.
    outside.push(' ');
    outside.push_str(&quoted);
    for raw in outside.split_whitespace() {
        let (excluded, word) = match raw.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, raw),
        };
        let word: String = word.trim_matches(|c: char| !c.is_alphanumeric()).to_lowercase();
        if word == "or" {
            w.alternatives = true;
        }
        if word.is_empty() || word == "or" || word.chars().count() > 40 {
            continue;
        }
        let list = if excluded { &mut w.excluded } else { &mut w.positive };
        if list.len() < 8 && !list.contains(&word) {
            list.push(word);
        }
    }
    w
}

/// How many of the newest jobs a title tier first reads in id order.
const WINDOW: i64 = 2000;

/// The exact query, parsed where it is used: with the query text bound as
/// a parameter of an unnamed statement, Postgres folds it to a constant when
/// planning, so it still plans with how common the words are, and the parse
/// costs no round trip of its own.
const EXACT: &str = "websearch_to_tsquery('english', $1)";

/// [`EXACT`] through an init plan, for the prepared statements (see
/// [`NARROW_FILTERS`]).
const EXACT_ONCE: &str = "(SELECT websearch_to_tsquery('english', (SELECT $1::text)))";

/// The lexemes of the query's required words (`$12`, [`QueryWords::required`]).
const REQUIRED_LEXEMES: &str = "unnest(tsvector_to_array(to_tsvector('english', (SELECT $12::text)))) AS u(lexeme)";

/// The keyset condition of the prepared statements, when there is a cursor.
fn older_than_cursor(after_id: Option<i64>) -> &'static str {
    if after_id.is_some() { "AND j.id < (SELECT $10::bigint)" } else { "" }
}

/// Whether the vocabulary misses changes to jobs (see [`refresh_vocabulary`]).
const VOCABULARY_STALE: &str = "(SELECT coalesce((SELECT max(first_seen_at) FROM jobs) > v.refreshed_through, false)
        OR coalesce((SELECT max(extracted_at) FROM jobs) > v.refreshed_through, false)
    FROM search_vocabulary v)";

/// The exact tiers' gate: the query has a word left after stop words, and
/// does not require a word no job has. Postgres evaluates it once, before
/// the scan, so such a query costs no scan at all, and is spared from
/// Postgres misjudging how common an absent word is. Only plain conjunctions
/// are judged (no `|` or `!`), only words the vocabulary keeps, and only
/// while the vocabulary is up to date. For the title tier, a word no title
/// has counts as absent.
fn exact_gate(title: bool) -> String {
    let in_title = if title { " AND s.title_jobs > 0" } else { "" };
    format!(
        "numnode({EXACT}) > 0 AND NOT (
             {EXACT}::text !~ '[|!]' AND NOT {VOCABULARY_STALE}
             AND EXISTS (SELECT 1 FROM regexp_matches({EXACT}::text, '''([^'']*)''', 'g') m
                         WHERE m[1] ~ '^[[:alpha:]][[:alnum:]]{{2,31}}$'
                           AND NOT EXISTS (SELECT 1 FROM search_words s WHERE s.word = m[1]{in_title})))"
    )
}

/// A statement whose CTEs (`with`) end in `top`, the page's ids: the page's
/// rows, newest first. Only the page's rows are read from `jobs`.
fn page_of(with: &str) -> String {
    format!(
        "{with}
         SELECT {HIT_COLUMNS} FROM top JOIN jobs j ON j.id = top.id JOIN companies c ON c.id = j.company_id
         ORDER BY j.id DESC"
    )
}

/// What a tier's statement needs to know of the query.
struct Query<'a> {
    /// The websearch text (`$1`).
    text: &'a str,
    /// [`QueryWords::required`] (`$12` of the title postings statement).
    required: &'a str,
    /// The query excludes words or phrases.
    excludes: bool,
    /// The typo-corrected tsquery (`$2`), for the fuzzy tiers.
    fuzzy: Option<&'a str>,
}

/// One tier's rows after `after_id`, newest first.
///
/// Postgres chooses between reading jobs in id order until `limit` match
/// (right for a common word) and collecting every match from the GIN index
/// (right for a rare one) by its estimate of how common the words are. Title
/// words are few and all common, so a title word that is absent or rare can
/// look common, and Postgres would read the whole table in id order for
/// nothing. So for the title tiers the choice is made here: the exact tier
/// scans the postings of its rarest word; the typo tier first reads the
/// newest `WINDOW` jobs in id order (bounded and cheap: the title vector is
/// small), and only if they do not fill the page, the older jobs' matches
/// through the index (few, or the window would have filled the page).
async fn tier_rows(
    conn: &mut PgConnection,
    tier: Tier,
    q: &Query<'_>,
    f: &Filters,
    after_id: Option<i64>,
    limit: i64,
) -> Result<Vec<Hit>, DbError> {
    let Query { text, required, excludes, fuzzy } = q;
    let excludes = *excludes;
    let cond = tier.condition(excludes).replace("$1::tsquery", EXACT);
    let gate = if tier == Tier::All || tier.is_fuzzy() { "true".to_owned() } else { exact_gate(tier == Tier::Title) };
    let run = |sql: String, prepared: bool| {
        // The SQL text is built from the constants above only; every value is a bind.
        sqlx::query_as::<_, Hit>(sqlx::AssertSqlSafe(sql))
            .persistent(prepared)
            .bind(text.to_string())
            .bind(fuzzy.map(str::to_owned))
            .bind(f.company.clone())
            .bind(f.location.as_deref().map(like_pattern))
            .bind(f.remote.clone())
            .bind(f.employment_type.clone())
            .bind(f.posted_since)
            .bind(f.salary_min)
            .bind(f.include_closed)
            .bind(after_id)
            .bind(limit)
    };
    let mut rows = if tier == Tier::All || (tier == Tier::Title && !required.is_empty()) {
        // Every title match, newest first, from the ordered postings of the
        // query's rarest required word (migration `title_postings`): a
        // backward index-only scan that checks the whole query and the
        // filters in each entry and stops at the page's last row. When the
        // required words are all stop words (`the -python`), the scan is of
        // the empty word's entries, which every job has. A query with no
        // required word (`go or rust`) takes the path of the typo tier,
        // below.
        // An entry leaves out an overlong title vector or location (see the
        // migration); those are read from `job_search`.
        let cond = cond
            .replace(EXACT, EXACT_ONCE)
            .replace("j.title_tsv", "coalesce(j.title_tsv, (SELECT s.title_tsv FROM job_search s WHERE s.id = j.id))")
            .replace("j.search_tsv", "(SELECT x.search_tsv FROM jobs x WHERE x.id = j.id)");
        let filters = NARROW_FILTERS.replace(
            "j.location_text",
            "coalesce(j.location_text, (SELECT s.location_text FROM job_search s WHERE s.id = j.id))",
        );
        // The vocabulary part of the gate is not needed here: a word no
        // title has is the rarest, and its entries (none) end the scan at
        // once. A query of stop words only still matches nothing.
        let gate = if tier == Tier::All { "true".to_owned() } else { format!("numnode({EXACT_ONCE}) > 0") };
        let after = older_than_cursor(after_id);
        run(
            page_of(&format!(
                "WITH d AS MATERIALIZED (
                 SELECT coalesce((
                     SELECT u.lexeme FROM {REQUIRED_LEXEMES}
                     LEFT JOIN search_words s ON s.word = u.lexeme
                     WHERE octet_length(u.lexeme) <= 200
                     ORDER BY coalesce(s.title_jobs, 0), u.lexeme LIMIT 1), '') AS lexeme),
             top AS (
                 SELECT j.id FROM title_postings j
                 WHERE {gate} AND j.lexeme = (SELECT lexeme FROM d) {after} AND {cond} AND {filters}
                 ORDER BY j.id DESC LIMIT (SELECT $11))"
            )),
            true,
        )
        .bind(required.to_owned())
        .fetch_all(&mut *conn)
        .await?
    } else if tier == Tier::Text && !required.is_empty() {
        // The exact document tier, prepared: which of the two ways to read
        // it is cheaper depends on how common the query is, and planning
        // each search to find out cost a third of running it. So the
        // statement holds both, and an init plan picks one from the
        // vocabulary's document frequencies (the product of the required
        // words' shares, from Postgres's statistics, see
        // [`refresh_vocabulary`]): a rare query collects every match from
        // the GIN index, then the newest; a common one reads jobs newest
        // first until the page is full. The rare read costs ~1.5 µs a
        // match, the common one ~5 µs a job read (it unpacks the vector),
        // so the common read wins once share² × jobs > 3 × the page.
        let cond = cond.replace(EXACT, EXACT_ONCE);
        let gate = gate.replace(EXACT, EXACT_ONCE);
        let filters = NARROW_FILTERS
            .replace("j.salary_year", "job_salary_year(j.salary_min, j.salary_max, j.salary_interval)")
            .replace("j.open", "j.closed_at IS NULL");
        let after = older_than_cursor(after_id);
        let inner_after = if after_id.is_some() { "WHERE id < (SELECT $10::bigint)" } else { "" };
        run(page_of(&format!(
            "WITH f AS MATERIALIZED (
                 -- No word left after stop words (`the -python`): only the
                 -- exclusion is left to match, which the index cannot read.
                 SELECT count(*) > 0
                        AND coalesce(exp(sum(ln(greatest(coalesce(s.doc_freq, 0), 1e-9)))), 0) ^ 2
                            * (SELECT greatest(reltuples, 0) FROM pg_class WHERE oid = 'jobs'::regclass)
                            < 3 * (SELECT $11::bigint) AS rare
                 FROM {REQUIRED_LEXEMES}
                 LEFT JOIN search_words s ON s.word = u.lexeme),
             m AS MATERIALIZED (
                 SELECT j.id FROM jobs j
                 WHERE (SELECT rare FROM f) AND {gate} {after} AND {cond} AND {filters}),
             top AS (
                 (SELECT id FROM m ORDER BY id DESC LIMIT (SELECT $11))
                 UNION ALL
                 (SELECT j.id FROM (SELECT id, company_id, search_tsv, title_tsv, location_text, remote, employment_type,
                                           date_posted, salary_min, salary_max, salary_interval, closed_at
                                    FROM jobs {inner_after} ORDER BY id DESC OFFSET 0) j
                  WHERE NOT (SELECT rare FROM f) AND {gate} AND {cond} AND {filters}
                  LIMIT (SELECT $11)))"
        )), true)
        .bind(required.to_owned())
        .fetch_all(&mut *conn)
        .await?
    } else if !matches!(tier, Tier::Title | Tier::FuzzyTitle) {
        // The typo tier's document search, and an exact one with only
        // alternatives (`go or rust`): the planner decides.
        run(
            format!(
                "SELECT {HIT_COLUMNS} FROM jobs j JOIN companies c ON c.id = j.company_id
             WHERE {gate} AND {cond} AND {FILTERS} AND ($10::bigint IS NULL OR j.id < $10)
             ORDER BY j.id DESC LIMIT $11"
            ),
            false,
        )
        .fetch_all(&mut *conn)
        .await?
    } else {
        // The typo tier's title search, and an exact one with only
        // alternatives (`go or rust`), read `job_search`: the title vector
        // and the filters in a fraction of the pages of `jobs`. The document
        // vector (for exclusions, and the typo tier's "no exact match") is read
        // from `jobs` for title matches only; Postgres runs the cheaper
        // condition first. Only the page's ids are chosen there, and their
        // rows read after.
        //
        // The plan's shape is the SQL's (the window in id order, or the
        // index under `MATERIALIZED`), so the statements are prepared once
        // per connection and Postgres may reuse a generic plan: planning
        // cost as much as running them. The query is then parsed once per
        // execution, in an init plan, not once per row.
        let once = format!("(SELECT {EXACT})");
        let cond =
            cond.replace(EXACT, &once).replace("j.search_tsv", "(SELECT x.search_tsv FROM jobs x WHERE x.id = j.id)");
        let gate = gate.replace(EXACT, &once);
        // The keyset is in the text only when there is one: a generic plan
        // cannot tell an unused `$10` from a selective one.
        let after = if after_id.is_some() { "WHERE j0.id < $10" } else { "" };
        let newest = format!("SELECT * FROM job_search j0 {after} ORDER BY j0.id DESC LIMIT {WINDOW}");
        let mut rows = run(
            page_of(&format!(
                "WITH top AS (SELECT j.id FROM ({newest}) j
                          WHERE {gate} AND {cond} AND {NARROW_FILTERS} ORDER BY j.id DESC LIMIT $11)"
            )),
            true,
        )
        .fetch_all(&mut *conn)
        .await?;
        if (rows.len() as i64) < limit {
            // Older than the window: every match from the index, then the
            // newest of them. When the window held every job, nothing is
            // older and the index is not read.
            let older = run(
                page_of(&format!(
                    "WITH w AS MATERIALIZED (SELECT min(id) AS oldest, count(*) AS n FROM ({newest}) w0),
                 m AS MATERIALIZED (
                     SELECT j.id FROM job_search j
                     WHERE {gate} AND (SELECT n FROM w) = {WINDOW} AND {cond} AND {NARROW_FILTERS}
                       -- `+ 0`: a range this wide is no use to the id index.
                       AND j.id + 0 < (SELECT oldest FROM w)),
                 top AS (SELECT id FROM m ORDER BY id DESC LIMIT $11)"
                )),
                true,
            )
            .fetch_all(&mut *conn)
            .await?;
            rows.extend(older.into_iter().take((limit as usize).saturating_sub(rows.len())));
        }
        rows
    };
    for r in &mut rows {
        r.tier = Some(tier);
    }
    Ok(rows)
}

/// One page of results and whether there are more.
#[derive(Debug, Clone)]
pub struct Page {
    /// The results, best first.
    pub hits: Vec<Hit>,
    /// Where the next page starts, when there is one.
    pub next: Option<After>,
}

/// Searches. `q` is a websearch query (`rust -python "machine learning"`);
/// `None` lists every job that passes the filters, newest first.
///
/// A query the title tier answers is one round trip; each further tier
/// adds one, and typo correction one more.
///
/// The search holds one connection throughout: a search that needs several
/// statements waits for a free connection once, not before each of them.
pub async fn search(
    pool: &PgPool,
    q: Option<&str>,
    f: &Filters,
    limit: i64,
    after: Option<After>,
) -> Result<Page, DbError> {
    let mut conn = pool.acquire().await?;
    let conn = &mut *conn;
    let want = limit + 1;
    let mut hits: Vec<Hit> = Vec::new();
    match q.map(str::trim).filter(|q| !q.is_empty()) {
        None => {
            let after_id = after.filter(|a| a.tier == Tier::All).map(|a| a.id);
            let none = Query { text: "", required: "", excludes: false, fuzzy: None };
            hits = tier_rows(conn, Tier::All, &none, f, after_id, want).await?;
        }
        Some(q) => {
            let words = query_words(q);
            let excludes = !words.excluded.is_empty();
            let required = words.required();
            let mut fuzzy: Option<Option<String>> = None;
            for tier in Tier::SEARCH {
                if after.is_some_and(|a| tier < a.tier) {
                    continue;
                }
                if tier.is_fuzzy() && fuzzy.is_none() {
                    fuzzy = Some(corrected_query(conn, q, &words).await?);
                }
                let fz = fuzzy.as_ref().and_then(|f| f.as_deref());
                if tier.is_fuzzy() && fz.is_none() {
                    break;
                }
                let after_id = after.filter(|a| a.tier == tier).map(|a| a.id);
                let query = Query { text: q, required: &required, excludes, fuzzy: fz };
                let rows = tier_rows(conn, tier, &query, f, after_id, want - hits.len() as i64).await?;
                hits.extend(rows);
                if hits.len() as i64 >= want {
                    break;
                }
            }
        }
    }
    let more = hits.len() as i64 > limit;
    hits.truncate(limit as usize);
    let next = if more { hits.last().map(|h| After { tier: h.tier.unwrap_or(Tier::All), id: h.id }) } else { None };
    Ok(Page { hits, next })
}

/// The query with each word widened to itself or its three nearest
/// vocabulary words, as a tsquery text; `None` when no word is left, or
/// when the exact query has none (only stop words: nothing can match).
/// Refreshes the vocabulary first when it misses changed jobs.
async fn corrected_query(conn: &mut PgConnection, q: &str, w: &QueryWords) -> Result<Option<String>, DbError> {
    if w.positive.is_empty() {
        return Ok(None);
    }
    // A second pass after a refresh; a third could only chase jobs that
    // keep changing, which the next search picks up.
    let mut corrected = None;
    for _ in 0..2 {
        // Prepared, every value through an init plan so that the generic
        // plan is kept: planning it took 0.6 ms, twice as long as running it.
        let stale: bool;
        (stale, corrected) = sqlx::query_as::<_, (bool, Option<String>)>(sqlx::AssertSqlSafe(format!(
            "WITH pos AS (
                 SELECT t.i, plainto_tsquery('english', t.tok) AS own,
                        CASE WHEN length(t.tok) >= 3 THEN
                            (SELECT string_agg(quote_literal(w.word), ' | ')
                             FROM (SELECT word FROM search_words WHERE word % t.tok
                                   ORDER BY similarity(word, t.tok) DESC, word LIMIT 3) w)
                        END AS alts
                 FROM unnest((SELECT $1::text[])) WITH ORDINALITY AS t(tok, i)
             ),
             p AS (
                 SELECT string_agg('(' || concat_ws(' | ', nullif(own::text, ''), alts) || ')', ' & ' ORDER BY i) AS t
                 FROM pos WHERE numnode(own) > 0 OR alts IS NOT NULL
             ),
             n AS (
                 SELECT string_agg('(' || q::text || ')', ' | ') AS t
                 FROM (SELECT phraseto_tsquery('english', x) AS q FROM unnest((SELECT $2::text[])) AS x) y
                 WHERE numnode(q) > 0
             ),
             ph AS (
                 SELECT string_agg('(' || q::text || ')', ' & ') AS t
                 FROM (SELECT phraseto_tsquery('english', x) AS q FROM unnest((SELECT $3::text[])) AS x) y
                 WHERE numnode(q) > 0
             )
             SELECT {VOCABULARY_STALE},
                    CASE WHEN numnode(websearch_to_tsquery('english', (SELECT $4::text))) > 0 THEN
                        p.t || coalesce(' & (' || ph.t || ')', '') || coalesce(' & !(' || n.t || ')', '')
                    END
             FROM p, n, ph"
        )))
        .persistent(true)
        .bind(&w.positive)
        .bind(&w.excluded)
        .bind(&w.phrases)
        .bind(q)
        .fetch_one(&mut *conn)
        .await?;
        // Concurrent searches do not wait for a refresh another one runs.
        if !stale || !refresh_vocabulary(&mut *conn).await? {
            break;
        }
    }
    Ok(corrected)
}

/// Adds the lexemes of every job changed since the last refresh (less a few
/// seconds, for transactions that committed late) to the vocabulary, and
/// recounts the jobs with each of their title words in the title (the title
/// tier scans by its rarest word), and copies each word's share of the
/// documents from Postgres's statistics (the document tier reads by it).
/// Returns false when another refresh was already running.
pub async fn refresh_vocabulary<'c>(db: impl sqlx::Acquire<'c, Database = sqlx::Postgres>) -> Result<bool, DbError> {
    let mut tx = db.begin().await?;
    let got: bool =
        sqlx::query_scalar("SELECT pg_try_advisory_xact_lock(hashtext('jh.search_words'))").fetch_one(&mut *tx).await?;
    if !got {
        return Ok(false);
    }
    sqlx::query(
        "WITH since AS (SELECT refreshed_through - interval '5 seconds' AS t FROM search_vocabulary),
         changed AS MATERIALIZED (
             SELECT j.search_tsv, greatest(j.first_seen_at, coalesce(j.extracted_at, j.first_seen_at)) AS ts
             FROM jobs j, since WHERE j.first_seen_at > since.t OR j.extracted_at > since.t
         ),
         added AS (
             INSERT INTO search_words (word, title_jobs)
             -- Title words carry weight A in the document vector. A word
             -- only in descriptions leaves an earlier title count alone.
             SELECT u.lexeme,
                    CASE WHEN bool_or('A' = ANY(u.weights))
                         THEN (SELECT count(*) FROM title_postings p WHERE p.lexeme = u.lexeme) ELSE 0 END
             FROM changed c, unnest(c.search_tsv) u
             WHERE u.lexeme ~ '^[[:alpha:]][[:alnum:]]{2,31}$'
             GROUP BY 1 ORDER BY 1
             ON CONFLICT (word) DO UPDATE SET title_jobs = EXCLUDED.title_jobs
                 WHERE EXCLUDED.title_jobs > 0 AND search_words.title_jobs <> EXCLUDED.title_jobs
         )
         UPDATE search_vocabulary
         SET refreshed_through = greatest(refreshed_through, coalesce((SELECT max(ts) FROM changed), refreshed_through)),
             refreshed_at = now()",
    )
    .execute(&mut *tx)
    .await?;
    // The share of jobs whose document has each word, as Postgres's
    // statistics have it (kept by autovacuum's ANALYZE); a word they do not
    // list is rarer than any they do, so it counts as 0.
    sqlx::query(
        "WITH stats AS (
             SELECT e.word, e.freq
             FROM pg_stats p, unnest(p.most_common_elems::text::text[], p.most_common_elem_freqs) AS e(word, freq)
             WHERE p.schemaname = current_schema() AND p.tablename = 'jobs' AND p.attname = 'search_tsv'
               AND e.word IS NOT NULL
         )
         UPDATE search_words w SET doc_freq = coalesce(s.freq, 0)
         FROM search_words w2 LEFT JOIN stats s ON s.word = w2.word
         WHERE w2.word = w.word AND w.doc_freq IS DISTINCT FROM coalesce(s.freq, 0)",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// A job's full record.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct JobRecord {
    /// The fields search returns.
    #[sqlx(flatten)]
    pub hit: Hit,
    /// The ATS's id.
    pub external_id: String,
    /// Every location, structured.
    pub locations: serde_json::Value,
    /// Closing date.
    pub valid_through: Option<DateTime<Utc>>,
    /// Description, plain text.
    pub description_text: Option<String>,
    /// Description, sanitised HTML.
    pub description_html: Option<String>,
    /// Which extraction source gave each field.
    pub field_sources: serde_json::Value,
    /// Last seen on its board.
    pub last_seen_at: DateTime<Utc>,
    /// Last extracted.
    pub extracted_at: Option<DateTime<Utc>>,
}

/// One job by id.
pub async fn job(pool: &PgPool, id: i64) -> Result<Option<JobRecord>, DbError> {
    let sql = format!(
        "SELECT {HIT_COLUMNS}, j.external_id, j.locations, j.valid_through, j.description_text,
                j.description_html, j.field_sources, j.last_seen_at, j.extracted_at
         FROM jobs j JOIN companies c ON c.id = j.company_id WHERE j.id = $1"
    );
    Ok(sqlx::query_as::<_, JobRecord>(sqlx::AssertSqlSafe(sql)).bind(id).fetch_optional(pool).await?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_split_plain_words_exclusions_and_phrases() {
        let w = query_words(r#""Senior GraphQL" engineer or -PHP -"java beans" rust, rust "unclosed quote"#);
        assert_eq!(w.positive, ["engineer", "rust", "unclosed", "quote"]);
        assert!(w.alternatives);
        assert_eq!(w.excluded, ["java beans", "php"]);
        assert_eq!(w.phrases, ["Senior GraphQL"]);
    }

    #[test]
    fn required_words_are_the_plain_words_and_phrases_unless_an_or_makes_them_alternatives() {
        assert_eq!(
            query_words(r#"senior "machine learning" -php -"java beans""#).required(),
            "senior machine learning"
        );
        assert_eq!(query_words("go or rust").required(), "");
        assert_eq!(query_words("-php").required(), "");
    }

    #[test]
    fn like_wildcards_in_a_location_are_literal() {
        assert_eq!(like_pattern("50%_off\\"), "%50\\%\\_off\\\\%");
    }

    #[test]
    fn tiers_are_ordered_best_first() {
        assert!(Tier::Title < Tier::Text && Tier::Text < Tier::FuzzyTitle && Tier::FuzzyTitle < Tier::FuzzyText);
    }
}
