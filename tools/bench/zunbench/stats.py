"""Summaries of timing samples."""

import math
import statistics


def percentile(samples, fraction):
    """Return the nearest-rank percentile of ``samples`` (0 < fraction <= 1).

    Nearest rank reports a value that was measured, which suits the short
    series of a benchmark better than interpolating between two samples.
    """
    ordered = sorted(samples)
    rank = max(1, math.ceil(fraction * len(ordered)))
    return ordered[rank - 1]


def summarize(samples, scale=1000.0):
    """Return median, p95, mean, min, max and count of ``samples``.

    :param samples: durations in seconds.
    :param scale: factor applied to every figure; the default gives
        milliseconds.
    """
    if not samples:
        raise ValueError('no samples to summarize')
    return {
        'median': round(statistics.median(samples) * scale, 3),
        'p95': round(percentile(samples, 0.95) * scale, 3),
        'mean': round(statistics.fmean(samples) * scale, 3),
        'min': round(min(samples) * scale, 3),
        'max': round(max(samples) * scale, 3),
        'count': len(samples),
    }


def ratio(numerator, denominator):
    """Return numerator / denominator rounded to three places."""
    return round(numerator / denominator, 3)
