"""Batch scanning of app catalogs: inputs, the SQLite store, the local and Dask engines."""
