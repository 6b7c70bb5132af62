//! Timing helpers shared by the benches: medians and milliseconds as printed.

use std::time::Duration;

/// The median of `v` (the upper one of the two middle values for an even count).
pub fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

/// `d` as "12.3 ms".
pub fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}
