"""make bench: national-scale data set and page timings (see README.md)."""
