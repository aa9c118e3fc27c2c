"""A character-level sequence tagger for organisation names (CRFsuite, BIO labels per character).

Each sentence is one sequence; every character gets ``B`` (the first of a name), ``I`` (inside one) or
``O``. The features are :func:`kg.learn.features.char_features`: the character and its neighbours,
the organisation suffixes of the rules' lexicon, places, stop words, the gazetteer of known names and
where the rules themselves find a name. Training is L-BFGS with fixed settings, so the same sequences
give the same model file, byte for byte.

>>> from kg.extract.mentions import Gazetteer
>>> seqs = [("由兰州大学牵头组建", [(1, 5)]), ("甘肃某某科技有限公司与兰州大学签约", [(0, 10), (11, 15)]),
...         ("西北师范大学与甲乙材料有限公司合作", [(0, 6), (7, 15)]),
...         ("天水某某电子有限公司与兰州理工大学签约", [(0, 10), (11, 17)])]
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "t.crfsuite"
>>> train_tagger([(text, spans, Gazetteer(), []) for text, spans in seqs], path)
>>> [(s, e) for s, e, _ in tag_spans(path.read_bytes(), "兰州大学与甘肃某某科技有限公司签约", Gazetteer(), [])]
[(0, 4), (5, 15)]
"""

import os
import tempfile
from pathlib import Path

from kg.extract.text import fold, sentence_spans
from kg.learn.features import char_features

__all__ = ["train_tagger", "tag_spans", "TAGGER_PARAMS"]

#: CRFsuite's L-BFGS settings, fixed so training is repeatable: L2 0.5 gave fewer wrong names than 0.01 in
#: the cross-validation (docs/learn.md), and a little L1 keeps the file small (260 KB, 1.9 MB without)
TAGGER_PARAMS = {"c1": 0.05, "c2": 0.5, "max_iterations": 150, "feature.possible_transitions": True,
                 "feature.minfreq": 1}


def train_tagger(examples, path):
    """Train on ``examples`` and write the model to ``path``.

    Each example is ``(text, org_spans, gazetteer, rule_spans)``: the spans are ``(start, end)`` of
    the organisation names people accepted and of the names the rules find, in ``text``.
    """
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for text, spans, gazetteer, rule_spans in examples:
        for xseq, yseq in _sequences(text, spans, gazetteer, rule_spans):
            trainer.append(xseq, yseq)
    trainer.set_params(TAGGER_PARAMS)
    trainer.train(str(path))


def tag_spans(model_bytes, text, gazetteer, rule_spans):
    """``(start, end, confidence)`` of every name the tagger finds in ``text`` (offsets into ``text``);
    the confidence is the mean marginal probability of the name's labels."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open_inmemory(model_bytes)
    try:
        found = []
        folded = fold(text)
        for s_start, s_end in sentence_spans(folded):
            sentence = folded[s_start:s_end]
            local = [(s - s_start, e - s_start) for s, e in rule_spans if s_start <= s and e <= s_end]
            xseq = char_features(sentence, gazetteer, local)
            labels = tagger.tag(xseq)
            for start, end in _spans_of(labels):
                marginals = [tagger.marginal(labels[i], i) for i in range(start, end)]
                found.append((s_start + start, s_start + end, sum(marginals) / len(marginals)))
        return found
    finally:
        tagger.close()


# helpers

def _sequences(text, spans, gazetteer, rule_spans):
    folded = fold(text)
    labels = ["O"] * len(folded)
    for s, e in spans:
        labels[s] = "B"
        for i in range(s + 1, e):
            labels[i] = "I"
    for s_start, s_end in sentence_spans(folded):
        local = [(s - s_start, e - s_start) for s, e in rule_spans if s_start <= s and e <= s_end]
        yield char_features(folded[s_start:s_end], gazetteer, local), labels[s_start:s_end]


def _spans_of(labels):
    spans, start = [], None
    for i, label in enumerate(labels):
        if label == "B" or (label == "I" and start is None):
            if start is not None:
                spans.append((start, i))
            start = i
        elif label == "O" and start is not None:
            spans.append((start, i))
            start = None
    if start is not None:
        spans.append((start, len(labels)))
    return [(s, e) for s, e in spans if e - s >= 2]


def _scratch_file():
    """A temporary file path (CRFsuite writes its model to a path, never to a stream)."""
    handle, name = tempfile.mkstemp(suffix=".crfsuite")
    os.close(handle)
    return Path(name)
