"""Batch scanning of app catalogs: ``consistency scan``, ``summary`` and ``export``.

One module per job, in pipeline order:

* ``inputs``: a catalog (directory or CSV/JSONL manifest) -> ``CatalogItem``\\ s;
* ``resume``: which items a scan must run and which are up to date in the store;
* ``worker``: ``process_item(item, options, tables) -> ItemResult``, the per-item job;
* ``sandbox``: the worker process that runs items under a time and memory limit;
* ``local`` / ``dask_engine``: the process pool and the Dask engine, both over sandboxes;
* ``store``: the SQLite results store, written by the scan's parent process only;
* ``run``: the ``scan`` command (options, tables, catalog, plan, engine, store, progress);
* ``progress``: the progress bar or plain lines on stderr;
* ``summary`` / ``summary_html`` / ``export``: reading a store back;
* ``memory``: the worker's memory limit and peak.
"""
