"""Near-duplicate search on ../shared/corpora/ant_news: kalima's NearDuplicates next to
datasketch (MinHash.bulk + MinHashLSH, shingled in Python), gaoya's MinHashStringIndex (its own
Rust tokenizer, build + query) and rensa (RMinHash + RMinHashLSH, shingled in Python), all with
word 5-shingles, 128 hash functions and threshold 0.8, on the whole corpus, with how many of
the true pairs each finds (the exact Jaccard of every pair, from a sparse product); then
similar_pairs against scikit-learn's NearestNeighbors(metric="cosine").radius_neighbors on
TF-IDF rows.
Every tool runs in a fresh process (its peak RSS is its own). Run with `make bench`; writes
benches/results/dedup.md.
"""

from __future__ import annotations

import importlib
import json
import os
import resource
import subprocess
import sys
import time

from common import ROOT, ant_news, report

THRESHOLD, NUM_PERM, N = 0.8, 128, 5
# TF-IDF rows similar_pairs and NearestNeighbors compare (brute force is quadratic).
ROWS, COSINE = 12000, 0.5


def shingles(text: str) -> set[str]:
    """Word N-grams of the whitespace tokens (one shingle of all of them when fewer), as a
    datasketch or rensa user writes them."""
    words = text.split()
    if len(words) < N:
        return {" ".join(words)} if words else set()
    return {" ".join(words[i : i + N]) for i in range(len(words) - N + 1)}


def pairs_from_lists(found) -> set[tuple[int, int]]:
    return {(min(i, j), max(i, j)) for i, js in enumerate(found) for j in js if i != j}


def run_datasketch(docs):
    from datasketch import MinHash, MinHashLSH

    sets = [[s.encode("utf-8") for s in shingles(d)] for d in docs]
    hashes = MinHash.bulk(sets, num_perm=NUM_PERM)
    lsh = MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM)
    with lsh.insertion_session() as session:
        for i, h in enumerate(hashes):
            session.insert(i, h)
    return pairs_from_lists(lsh.query(h) for h in hashes)


def run_gaoya(docs):
    from gaoya.minhash import MinHashStringIndex

    index = MinHashStringIndex(
        hash_size=32,
        jaccard_threshold=THRESHOLD,
        num_bands=None,
        band_size=None,
        num_hashes=NUM_PERM,
        analyzer="word",
        ngram_range=(N, N),
        id_container="vec",
    )
    index.par_bulk_insert_docs(list(range(len(docs))), docs)
    return pairs_from_lists(index.par_bulk_query(docs))


def run_rensa(docs):
    from rensa import RMinHash, RMinHashLSH

    lsh = RMinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM, num_bands=16)
    hashes = []
    for i, d in enumerate(docs):
        h = RMinHash(num_perm=NUM_PERM, seed=42)
        h.update(list(shingles(d)))
        hashes.append(h)
        lsh.insert(i, h)
    return pairs_from_lists(lsh.query(h) for h in hashes)


def run_kalima(docs, n_jobs=None):
    import kalima

    nd = kalima.NearDuplicates(threshold=THRESHOLD, n=N, num_perm=NUM_PERM, n_jobs=n_jobs)
    nd.fit(docs)
    return {(int(i), int(j)) for i, j in zip(nd.pairs_["i"], nd.pairs_["j"])}


def kalima_shingles(docs) -> list[set[tuple[str, ...]]]:
    """kalima's shingles computed in Python from its own tokens (normalized with "search",
    lower-cased, "arabic" mode without punctuation): what NearDuplicates hashes."""
    import kalima

    out = []
    for tokens in kalima.Tokenizer(normalize="search", lowercase=True).tokenize_batch(docs):
        if len(tokens) < N:
            out.append({tuple(tokens)} if tokens else set())
        else:
            out.append({tuple(tokens[i : i + N]) for i in range(len(tokens) - N + 1)})
    return out


def exact_pairs(sets) -> set[tuple[int, int]]:
    """Every pair of sets with Jaccard >= THRESHOLD, from the sparse product of their
    indicator rows (intersections), no sampling."""
    import numpy as np
    import scipy.sparse as sp

    ids: dict = {}
    rows, cols = [], []
    for r, s in enumerate(sets):
        for x in s:
            rows.append(r)
            cols.append(ids.setdefault(x, len(ids)))
    X = sp.csr_matrix(
        (np.ones(len(rows), dtype=np.int32), (rows, cols)), shape=(len(sets), len(ids))
    )
    sizes = np.asarray(X.sum(axis=1)).ravel()
    inter = sp.triu(X @ X.T, k=1).tocoo()
    union = sizes[inter.row] + sizes[inter.col] - inter.data
    keep = inter.data >= THRESHOLD * union
    return set(zip(inter.row[keep].tolist(), inter.col[keep].tolist()))


def run_similar(tool: str) -> dict:
    import numpy as np
    from sklearn.neighbors import NearestNeighbors

    import kalima

    X = kalima.TfidfVectorizer().fit_transform(ant_news()[:ROWS])
    start = time.perf_counter()
    if tool == "kalima":
        pairs = kalima.similar_pairs(X, COSINE)
        found = {(int(i), int(j)) for i, j in zip(pairs["i"], pairs["j"])}
    else:
        nn = NearestNeighbors(metric="cosine", radius=1 - COSINE).fit(X)
        # Cosine distance <= 1 - COSINE, i.e. similarity >= COSINE (up to rounding: both sides
        # are compared on the pairs found below).
        _, neighbours = nn.radius_neighbors(X)
        found = {(i, int(j)) for i, js in enumerate(neighbours) for j in np.asarray(js) if i < j}
    seconds = time.perf_counter() - start
    return {"seconds": seconds, "pairs": sorted(found)}


def child(tool: str, what: str) -> dict:
    if what == "similar":
        result = run_similar(tool)
    else:
        docs = ant_news()
        run = {
            "datasketch": run_datasketch,
            "gaoya": run_gaoya,
            "rensa": run_rensa,
            "kalima": run_kalima,
            "kalima-1": lambda d: run_kalima(d, 1),
        }[tool]
        # Imports (scikit-learn's among them, for kalima) are not part of the time.
        module = {"gaoya": "gaoya.minhash", "kalima-1": "kalima.dedup", "kalima": "kalima.dedup"}
        importlib.import_module(module.get(tool, tool))
        start = time.perf_counter()
        pairs = run(docs)
        result = {"seconds": time.perf_counter() - start, "pairs": sorted(pairs)}
    result["rss_mb"] = peak_rss_mb()
    return result


def peak_rss_mb() -> float:
    """This process's peak RSS. Linux keeps getrusage's maximum across exec, so a child would
    report its parent's size (this bench's parent holds the exact pairs' matrices); VmHWM
    belongs to the process's own memory map, which exec makes anew."""
    try:
        with open("/proc/self/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(tool: str, what: str) -> dict:
    out = subprocess.run(
        [sys.executable, __file__, "--child", tool, what],
        check=True,
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    result = json.loads(out.stdout.splitlines()[-1])
    result["pairs"] = {tuple(p) for p in result["pairs"]}
    return result


def main():
    docs = ant_news()
    mb = sum(len(d.encode("utf-8")) for d in docs) / 1e6
    lines = [
        f"ant_news: {len(docs):,} documents, {mb:.1f} MB; {os.cpu_count()} cores; word "
        f"{N}-shingles, {NUM_PERM} hash functions, Jaccard threshold {THRESHOLD}; one run per "
        "row, each in a fresh process. kalima normalizes (`search`) and tokenizes in Rust and "
        "verifies every pair; datasketch and rensa shingle whitespace tokens in Python (timed); "
        "gaoya tokenizes in Rust.",
        "",
        "| tool | seconds | MB/s | pairs | peak RSS | kalima × as fast |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    tools = ["datasketch", "gaoya", "rensa", "kalima-1", "kalima"]
    results = {tool: measure(tool, "all") for tool in tools}
    ours = results["kalima"]["seconds"]
    names = {"kalima-1": "kalima `NearDuplicates(n_jobs=1)`", "kalima": "kalima `NearDuplicates()`"}
    for tool in tools:
        r = results[tool]
        lines.append(
            f"| {names.get(tool, tool)} | {r['seconds']:.2f} | {mb / r['seconds']:.1f} | "
            f"{len(r['pairs']):,} | {r['rss_mb']:,.0f} MB | {r['seconds'] / ours:.1f}× |"
        )
        print(lines[-1], flush=True)

    raw_truth = exact_pairs([shingles(d) for d in docs])
    own_truth = exact_pairs(kalima_shingles(docs))
    lines += [
        "",
        f"Quality, against the exact Jaccard of every pair (≥ {THRESHOLD}): "
        f"{len(raw_truth):,} pairs of whitespace-token shingles (the peers' definition; gaoya's "
        f"own tokenizer is measured against it too), {len(own_truth):,} of kalima's shingles "
        "(normalized tokens, so spelling variants and punctuation no longer tell copies apart).",
        "",
        "| tool | pairs found | recall | precision |",
        "|---|---:|---:|---:|",
    ]
    for tool in ["datasketch", "gaoya", "rensa", "kalima"]:
        found = results[tool]["pairs"]
        truth = own_truth if tool == "kalima" else raw_truth
        hits = len(found & truth)
        recall = hits / len(truth) if truth else 1.0
        precision = hits / len(found) if found else 1.0
        lines.append(f"| {tool} | {len(found):,} | {recall:.3f} | {precision:.3f} |")
        print(lines[-1], flush=True)

    theirs, ours = measure("sklearn", "similar"), measure("kalima", "similar")
    same = "the same pairs" if theirs["pairs"] == ours["pairs"] else "DIFFERENT pairs"
    lines += [
        "",
        f"All pairs with cosine ≥ {COSINE} among the TF-IDF rows (kalima defaults) of the first "
        f"{ROWS:,} documents: {len(ours['pairs']):,} pairs, {same}.",
        "",
        "| tool | seconds | peak RSS | kalima × as fast |",
        "|---|---:|---:|---:|",
        f"| scikit-learn `NearestNeighbors(metric='cosine').radius_neighbors` | "
        f"{theirs['seconds']:.2f} | {theirs['rss_mb']:,.0f} MB | "
        f"{theirs['seconds'] / ours['seconds']:.1f}× |",
        f"| kalima `similar_pairs` | {ours['seconds']:.2f} | {ours['rss_mb']:,.0f} MB | 1× |",
    ]
    report("dedup", lines)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        print(json.dumps(child(sys.argv[2], sys.argv[3])))
    else:
        main()
