"""The floor of a news pipeline: read a JSONL file of articles, split each into sentences with NLTK's
Punkt and score every sentence with NLTK's VADER (the vaderSentiment package's lexicon), nothing else.

    .venv/bin/python benchmarks/floor.py ARTICLES.jsonl

`benchmarks/run.py --cli` times this script in its own process beside `presslens analyze` on the
same file. Punkt reads the parameters presslens ships as text (no NLTK download); VADER is NLTK's
own class, not presslens's faster word split.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import nltk
import vaderSentiment
from nltk.sentiment.vader import SentimentIntensityAnalyzer
from nltk.tokenize.punkt import PunktSentenceTokenizer

from presslens.tokenize import punkt_parameters


def main(path: str) -> int:
    nltk.data.path.insert(0, str(Path(vaderSentiment.__file__).resolve().parents[1]))
    vader = SentimentIntensityAnalyzer(lexicon_file="vaderSentiment/vader_lexicon.txt")
    punkt = PunktSentenceTokenizer(punkt_parameters())
    sentences = 0
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                for sentence in punkt.tokenize(json.loads(line)["text"]):
                    vader.polarity_scores(sentence)
                    sentences += 1
    print(sentences)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
