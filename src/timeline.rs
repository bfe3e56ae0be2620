//! Timelines: how coverage of a subject rose and fell — matching passages and
//! articles per calendar bucket (day, ISO week, month, year; UTC), against all
//! articles of that bucket, the way Media Cloud normalises attention.
//!
//! Buckets are computed from each passage's date (a fast field), so the
//! counts are exact whatever the bucket; empty buckets between the first and
//! the last are kept so that gaps show. Article counts use the index's
//! consecutive-passages invariant (see [`crate::index`]).

use std::collections::BTreeMap;

use chrono::{Datelike, Duration, NaiveDate};
use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::Column;
use tantivy::query::{BooleanQuery, Occur};
use tantivy::{DocId, Score, SegmentReader};

use crate::columns::Leads;
use crate::error::{Error, Result};
use crate::query;
use crate::schema;
use crate::search::{Counts, SearchRequest, Searching, Tally};

/// The size of a bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Day,
    /// ISO weeks, Monday to Sunday.
    Week,
    Month,
    Year,
}

impl Interval {
    /// How a bucket of this size is labelled: `2025-06-23`, `2025-W26`,
    /// `2025-06`, `2025`.
    pub fn label(self, start: NaiveDate) -> String {
        match self {
            Interval::Day => start.format("%Y-%m-%d").to_string(),
            Interval::Week => {
                let week = start.iso_week();
                format!("{}-W{:02}", week.year(), week.week())
            }
            Interval::Month => start.format("%Y-%m").to_string(),
            Interval::Year => start.format("%Y").to_string(),
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Interval::Day => "day",
            Interval::Week => "week",
            Interval::Month => "month",
            Interval::Year => "year",
        }
    }

    /// The bucket holding `day`, as a sortable key.
    fn key(self, day: NaiveDate) -> i64 {
        match self {
            Interval::Day => days(day),
            Interval::Week => days(day) - i64::from(day.weekday().num_days_from_monday()),
            Interval::Month => i64::from(day.year()) * 12 + i64::from(day.month0()),
            Interval::Year => i64::from(day.year()),
        }
    }

    /// The first day of the bucket with this key.
    fn start(self, key: i64) -> NaiveDate {
        match self {
            Interval::Day | Interval::Week => from_days(key),
            Interval::Month => {
                NaiveDate::from_ymd_opt(key.div_euclid(12) as i32, key.rem_euclid(12) as u32 + 1, 1)
                    .unwrap_or(NaiveDate::MIN)
            }
            Interval::Year => NaiveDate::from_ymd_opt(key as i32, 1, 1).unwrap_or(NaiveDate::MIN),
        }
    }

    /// The key of the next bucket.
    fn next(self, key: i64) -> i64 {
        match self {
            Interval::Week => key + 7,
            _ => key + 1,
        }
    }

    /// How many buckets span the days `first..=last`.
    fn buckets_between(self, first: i64, last: i64) -> i64 {
        let (a, b) = (self.key(from_days(first)), self.key(from_days(last)));
        match self {
            Interval::Week => (b - a) / 7 + 1,
            _ => b - a + 1,
        }
    }

    /// A bucket size that gives a readable number of rows (at most about 60,
    /// for ranges up to 60 years; years beyond) for a range of `span` days.
    pub fn for_span(span_days: i64) -> Interval {
        match span_days {
            ..=62 => Interval::Day,
            63..=420 => Interval::Week,
            421..=1830 => Interval::Month,
            _ => Interval::Year,
        }
    }
}

/// Most rows a timeline has (a day-by-day timeline of 270 years).
pub const MAX_BUCKETS: i64 = 100_000;

const EPOCH: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 1).expect("valid date");

fn days(day: NaiveDate) -> i64 {
    (day - EPOCH).num_days()
}

fn from_days(n: i64) -> NaiveDate {
    EPOCH
        .checked_add_signed(Duration::days(n))
        .unwrap_or(NaiveDate::MIN)
}

/// The day (since 1970-01-01, UTC) of a Unix instant; before 1970 too.
fn day_number(secs: i64) -> i64 {
    secs.div_euclid(86_400)
}

/// One query's numbers in one bucket.
#[derive(Debug, Clone, Copy, Default, PartialEq, serde::Serialize)]
pub struct QueryCount {
    pub passages: u64,
    pub articles: u64,
    /// `articles` over all articles in the bucket (0 when there are none).
    pub share: f64,
}

/// One row of a timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Bucket {
    pub start: NaiveDate,
    /// The first day after the bucket.
    pub end: NaiveDate,
    /// All articles dated in the bucket (that pass the request's filters).
    pub articles: u64,
    /// One entry per query, in the order asked.
    pub queries: Vec<QueryCount>,
}

/// How a query is named in a table, chart or message: an empty query, which
/// matches every article, as `(all)`.
pub fn label(query: &str) -> &str {
    if query.trim().is_empty() {
        "(all)"
    } else {
        query
    }
}

/// A timeline: one bucket per period from the first to the last.
#[derive(Debug, Clone)]
pub struct Timeline {
    pub interval: Interval,
    pub queries: Vec<String>,
    pub buckets: Vec<Bucket>,
    /// Matching passages and articles of each query over the whole range
    /// (dated ones only).
    pub totals: Vec<Counts>,
}

/// Computes a timeline for several queries sharing the filters of `base`.
/// `interval` is chosen from the range when `None`.
pub fn timeline(
    searching: &Searching,
    base: &SearchRequest,
    queries: &[String],
    interval: Option<Interval>,
) -> Result<Timeline> {
    build(
        day_counts(searching, base, queries)?,
        base,
        queries,
        interval,
    )
}

/// Counts by day (days since 1970-01-01): of each query's matches, and of
/// all articles under the filters. What the shards of an archive add up
/// before the buckets are cut.
#[derive(Debug, Clone, Default)]
pub struct DayCounts {
    /// One map per query, in the order asked.
    pub per_query: Vec<BTreeMap<i64, Counts>>,
    pub all: BTreeMap<i64, Counts>,
}

impl DayCounts {
    /// Adds the counts of another shard (its articles are not this one's).
    pub fn add(&mut self, other: DayCounts) {
        fn add_map(into: &mut BTreeMap<i64, Counts>, from: BTreeMap<i64, Counts>) {
            for (day, counts) in from {
                *into.entry(day).or_default() += counts;
            }
        }
        self.per_query.resize_with(
            self.per_query.len().max(other.per_query.len()),
            BTreeMap::new,
        );
        for (into, from) in self.per_query.iter_mut().zip(other.per_query) {
            add_map(into, from);
        }
        add_map(&mut self.all, other.all);
    }
}

/// The day counts of `queries` (and of all articles) under `base`'s filters.
pub fn day_counts(
    searching: &Searching,
    base: &SearchRequest,
    queries: &[String],
) -> Result<DayCounts> {
    let mut per_query = Vec::with_capacity(queries.len());
    for q in queries {
        let request = SearchRequest {
            query: q.clone(),
            ..base.clone()
        };
        let query = searching.query(&request)?;
        per_query.push(searching.run(&*query, &ByDay)?);
    }
    // All articles per day, under the same filters. When no filter depends
    // on the passage (speakers), an article is counted through its first
    // passage alone: a quarter of the documents to read.
    let everything = SearchRequest {
        query: String::new(),
        quoted: false,
        ..base.clone()
    };
    let mut all_query = searching.query(&everything)?;
    if base.speakers.is_empty() {
        let first = schema::first_passages(searching.fields());
        all_query = Box::new(BooleanQuery::new(vec![
            (Occur::Must, all_query),
            (Occur::Must, query::build::zero(first)),
        ]));
    }
    let all = searching.run(&*all_query, &ByDay)?;
    Ok(DayCounts { per_query, all })
}

/// Cuts day counts into the buckets of a timeline.
pub fn build(
    counts: DayCounts,
    base: &SearchRequest,
    queries: &[String],
    interval: Option<Interval>,
) -> Result<Timeline> {
    let DayCounts { per_query, all } = counts;
    let matched_days = per_query.iter().flat_map(|m| m.keys().copied());
    let (first, last) = match (base.from, base.to) {
        (Some(from), Some(to)) => (
            days(from.date_naive()),
            days((to - Duration::seconds(1)).date_naive()),
        ),
        (from, to) => {
            let (lo, hi) =
                matched_days.fold((i64::MAX, i64::MIN), |(lo, hi), d| (lo.min(d), hi.max(d)));
            let lo = from.map_or(lo, |f| days(f.date_naive()));
            let hi = to.map_or(hi, |t| days((t - Duration::seconds(1)).date_naive()));
            (lo, hi)
        }
    };
    let interval = interval.unwrap_or_else(|| Interval::for_span(last.saturating_sub(first) + 1));
    if first <= last {
        let buckets = interval.buckets_between(first, last);
        if buckets > MAX_BUCKETS {
            return Err(Error::Range(format!(
                "{buckets} {}s from {} to {} is more than {MAX_BUCKETS} rows: use a larger --by, or --from/--to",
                interval.name(),
                from_days(first),
                from_days(last)
            )));
        }
    }
    let mut buckets = Vec::new();
    let totals = per_query
        .iter()
        .map(|m| sum_range(m, first, last))
        .collect();
    if first <= last {
        let first_key = interval.key(from_days(first));
        let last_key = interval.key(from_days(last));
        let mut key = first_key;
        while key <= last_key {
            let next = interval.next(key);
            let start = interval.start(key);
            let end = interval.start(next);
            let (lo, hi) = (days(start), days(end) - 1);
            let articles = sum_range(&all, lo, hi).articles;
            let queries = per_query
                .iter()
                .map(|m| {
                    let c = sum_range(m, lo, hi);
                    QueryCount {
                        passages: c.passages,
                        articles: c.articles,
                        share: if articles == 0 {
                            0.0
                        } else {
                            c.articles as f64 / articles as f64
                        },
                    }
                })
                .collect();
            buckets.push(Bucket {
                start,
                end,
                articles,
                queries,
            });
            key = next;
        }
    }
    Ok(Timeline {
        interval,
        queries: queries.to_vec(),
        buckets,
        totals,
    })
}

/// Sums the per-day counts of days `lo..=hi`.
fn sum_range(by_day: &BTreeMap<i64, Counts>, lo: i64, hi: i64) -> Counts {
    if lo > hi {
        return Counts::default();
    }
    by_day
        .range(lo..=hi)
        .fold(Counts::default(), |a, (_, c)| Counts {
            passages: a.passages + c.passages,
            articles: a.articles + c.articles,
        })
}

impl Timeline {
    /// Whether any query matched any dated passage in the range.
    pub fn is_empty(&self) -> bool {
        self.buckets
            .iter()
            .all(|b| b.queries.iter().all(|q| q.passages == 0))
    }
}

/// Counts matching passages and articles per day (days since 1970-01-01).
/// Undated passages are not counted.
struct ByDay;

struct ByDaySegment {
    dates: Option<Column<i64>>,
    leads: Leads,
    days: BTreeMap<i64, Tally>,
}

impl Collector for ByDay {
    type Fruit = BTreeMap<i64, Counts>;
    type Child = ByDaySegment;

    fn for_segment(&self, _: u32, reader: &SegmentReader) -> tantivy::Result<ByDaySegment> {
        let fast = reader.fast_fields();
        Ok(ByDaySegment {
            dates: fast.i64("date").ok(),
            leads: Leads::of(reader),
            days: BTreeMap::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<BTreeMap<i64, Counts>>) -> tantivy::Result<Self::Fruit> {
        let mut out: BTreeMap<i64, Counts> = BTreeMap::new();
        for fruit in fruits {
            for (day, c) in fruit {
                *out.entry(day).or_default() += c;
            }
        }
        Ok(out)
    }
}

impl SegmentCollector for ByDaySegment {
    type Fruit = BTreeMap<i64, Counts>;

    fn collect(&mut self, doc: DocId, _: Score) {
        let Some(secs) = self.dates.as_ref().and_then(|c| c.first(doc)) else {
            return;
        };
        let key = self.leads.lead(doc);
        self.days.entry(day_number(secs)).or_default().add(key);
    }

    fn harvest(self) -> Self::Fruit {
        self.days
            .into_iter()
            .map(|(day, tally)| (day, tally.counts))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn an_empty_query_is_labelled_as_all_articles() {
        assert_eq!(label(""), "(all)");
        assert_eq!(label("  "), "(all)");
        assert_eq!(label("\"oil prices\""), "\"oil prices\"");
    }

    #[test]
    fn iso_weeks_start_on_monday() {
        // 2025-06-23 is a Monday; the 29th a Sunday; the 30th the next Monday.
        let w = Interval::Week;
        assert_eq!(w.start(w.key(ymd(2025, 6, 23))), ymd(2025, 6, 23));
        assert_eq!(w.start(w.key(ymd(2025, 6, 29))), ymd(2025, 6, 23));
        assert_eq!(w.start(w.key(ymd(2025, 6, 30))), ymd(2025, 6, 30));
        // Before 1970 too.
        assert_eq!(w.start(w.key(ymd(1969, 12, 31))), ymd(1969, 12, 29));
    }

    #[test]
    fn months_and_years_follow_the_calendar() {
        let m = Interval::Month;
        let feb = m.key(ymd(1987, 2, 26));
        assert_eq!(m.start(feb), ymd(1987, 2, 1));
        assert_eq!(m.start(m.next(feb)), ymd(1987, 3, 1));
        let dec = m.key(ymd(2024, 12, 31));
        assert_eq!(m.start(m.next(dec)), ymd(2025, 1, 1));
        let y = Interval::Year;
        assert_eq!(y.start(y.next(y.key(ymd(2016, 7, 4)))), ymd(2017, 1, 1));
    }

    #[test]
    fn days_before_the_epoch_fall_on_their_own_day() {
        assert_eq!(from_days(day_number(-1)), ymd(1969, 12, 31));
        assert_eq!(from_days(day_number(0)), ymd(1970, 1, 1));
        assert_eq!(from_days(day_number(86_399)), ymd(1970, 1, 1));
    }

    #[test]
    fn the_default_interval_keeps_rows_readable() {
        assert_eq!(Interval::for_span(30), Interval::Day);
        assert_eq!(Interval::for_span(200), Interval::Week);
        assert_eq!(Interval::for_span(800), Interval::Month);
        assert_eq!(Interval::for_span(14_000), Interval::Year);
    }

    #[test]
    fn ranges_sum_their_days() {
        let map: BTreeMap<i64, Counts> = [(1, 2), (3, 4), (9, 1)]
            .into_iter()
            .map(|(d, n)| {
                (
                    d,
                    Counts {
                        passages: n,
                        articles: 1,
                    },
                )
            })
            .collect();
        assert_eq!(
            sum_range(&map, 1, 3),
            Counts {
                passages: 6,
                articles: 2
            }
        );
        assert_eq!(sum_range(&map, 4, 8), Counts::default());
        assert_eq!(sum_range(&map, 5, 4), Counts::default());
    }
}
