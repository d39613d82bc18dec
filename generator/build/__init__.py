"""Building documents: the pipeline from plan to bytes, batches of jobs, the build cache."""
