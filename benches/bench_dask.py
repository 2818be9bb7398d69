"""Distributed fit + transform on ../shared/corpora/ant_news with a dask.distributed
LocalCluster of 1 and 2 worker processes (one thread each), next to one process. The workers
read the JSONL themselves (`dask.dataframe.read_json`), so no text travels in the task graph.
Run with `make bench`; writes benches/results/dask.md."""

from __future__ import annotations

import os
import time

from common import SHARED, ant_news, report


def main():
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    import kalima
    import kalima.dask

    path = SHARED / "corpora/ant_news/docs.jsonl"
    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6

    def make():
        return kalima.TfidfVectorizer(min_df=2, n_jobs=1)

    start = time.perf_counter()
    single = make()
    X = single.fit_transform(docs)
    rows = [("one process, `fit_transform`, n_jobs=1", time.perf_counter() - start, X.nnz)]
    start = time.perf_counter()
    X = kalima.TfidfVectorizer(min_df=2, n_jobs=-1).fit_transform(docs)
    rows.append(("one process, `fit_transform`, n_jobs=-1", time.perf_counter() - start, X.nnz))
    for workers in (1, 2):
        with (
            LocalCluster(
                n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None
            ) as cluster,
            Client(cluster),
        ):
            texts = dd.read_json(path, lines=True, blocksize=8_000_000)["text"].persist()
            start = time.perf_counter()
            vectorizer = kalima.dask.fit(make(), texts)
            X = kalima.dask.transform(vectorizer, texts).compute()
            seconds = time.perf_counter() - start
            assert vectorizer.get_feature_names_out().tolist() == (
                single.get_feature_names_out().tolist()
            )
            rows.append(
                (f"LocalCluster, {workers} worker process(es): fit + transform", seconds, X.nnz)
            )
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; "
        "`TfidfVectorizer(min_df=2)`; one run per row. The distributed rows read the JSONL on "
        "the workers first (`persist()`, not timed) and include the transform and bringing the "
        "matrix back to the client.",
        "",
        "| what | seconds | MB/s |",
        "|---|---:|---:|",
    ]
    lines += [f"| {name} | {secs:.2f} | {mb / secs:.1f} |" for name, secs, _ in rows]
    report("dask", lines)


if __name__ == "__main__":
    main()
