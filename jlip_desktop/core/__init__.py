"""The core: catalogue, scoring, storage, chart numbers, paths and files. Knows no Qt and nothing of exchange, reports or the GUI."""
