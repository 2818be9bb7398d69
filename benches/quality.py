"""Classification quality on the shared corpora: TF-IDF features + LinearSVC, kalima's
vectorizer next to scikit-learn's, on ant_news's split and ASTD's official 4-class unbalanced
split (trained on train + validation). Run with `make bench`; writes benches/results/quality.md.
"""

from __future__ import annotations

import sys
import time

from common import ROOT, report

sys.path.insert(0, str(ROOT / "tests"))
from conftest import labelled_split


def main():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics import accuracy_score, f1_score
    from sklearn.pipeline import make_pipeline
    from sklearn.svm import LinearSVC

    import kalima

    candidates = {
        "scikit-learn `TfidfVectorizer(sublinear_tf=True, min_df=2)`": lambda: TfidfVectorizer(
            sublinear_tf=True, min_df=2
        ),
        "kalima `TfidfVectorizer()` (defaults)": lambda: kalima.TfidfVectorizer(n_jobs=-1),
        "kalima `TfidfVectorizer(sublinear_tf=True, min_df=2)`": lambda: kalima.TfidfVectorizer(
            sublinear_tf=True, min_df=2, n_jobs=-1
        ),
        "kalima, 1–2-grams, sublinear_tf, min_df=2": lambda: kalima.TfidfVectorizer(
            ngram_range=(1, 2), sublinear_tf=True, min_df=2, n_jobs=-1
        ),
        "kalima, `stem='light10'`, sublinear_tf, min_df=2": lambda: kalima.TfidfVectorizer(
            stem="light10", sublinear_tf=True, min_df=2, n_jobs=-1
        ),
    }
    lines = [
        "TF-IDF + `LinearSVC()` (default settings), test split; seconds = fit + predict.",
        "",
        "| corpus | features | accuracy | macro-F1 | weighted F1 | seconds |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for corpus in ("ant_news", "astd"):
        train, y_train, test, y_test = labelled_split(corpus)
        for name, make in candidates.items():
            start = time.perf_counter()
            model = make_pipeline(make(), LinearSVC()).fit(train, y_train)
            predicted = model.predict(test)
            seconds = time.perf_counter() - start
            lines.append(
                f"| {corpus} | {name} | {accuracy_score(y_test, predicted):.3f} | "
                f"{f1_score(y_test, predicted, average='macro'):.3f} | "
                f"{f1_score(y_test, predicted, average='weighted'):.3f} | {seconds:.1f} |"
            )
            print(lines[-1], flush=True)
    report("quality", lines)


if __name__ == "__main__":
    main()
