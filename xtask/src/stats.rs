//! The few statistics the benchmarks report: median, min and max of a
//! sample, shared so every table computes them the same way.

/// Median, minimum and maximum of a sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Summary {
    /// The median (mean of the two middle values for an even count).
    pub median: f64,
    /// The smallest value.
    pub min: f64,
    /// The largest value.
    pub max: f64,
}

impl Summary {
    /// Summarises `values`; NaN for all three when there are none.
    pub fn of(values: &[f64]) -> Self {
        if values.is_empty() {
            return Self { median: f64::NAN, min: f64::NAN, max: f64::NAN };
        }
        let mut v = values.to_vec();
        v.sort_by(f64::total_cmp);
        Self { median: median_sorted(&v), min: v[0], max: v[v.len() - 1] }
    }

    /// `median (min–max)` with `decimals` digits after the point.
    pub fn show(&self, decimals: usize) -> String {
        format!("{:.d$} ({:.d$}–{:.d$})", self.median, self.min, self.max, d = decimals)
    }
}

fn median_sorted(v: &[f64]) -> f64 {
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

/// The median of `values` (NaN when empty).
pub fn median(values: &[f64]) -> f64 {
    Summary::of(values).median
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_of_an_even_sample_is_the_mean_of_its_middle_values() {
        // GIVEN samples of odd and even size, unsorted
        // WHEN summarised
        // THEN the median is the middle value, or the mean of the two middle ones
        assert_eq!(median(&[3.0, 1.0, 2.0]), 2.0);
        assert_eq!(median(&[4.0, 1.0, 3.0, 2.0]), 2.5);
        let s = Summary::of(&[5.0, 1.0, 9.0]);
        assert_eq!((s.min, s.max), (1.0, 9.0));
        assert_eq!(s.show(1), "5.0 (1.0–9.0)");
        assert!(median(&[]).is_nan());
    }
}
