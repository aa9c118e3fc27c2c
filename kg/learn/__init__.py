"""Proposals that learn from what people accept: a recommender beside the rules of :mod:`kg.extract`.

- :mod:`kg.learn.data`: the training documents (accepted claims of every source; the evaluation's
  development gold);
- :mod:`kg.learn.tagger`: a character-level CRF tagger for organisation names;
- :mod:`kg.learn.relations`: a logistic-regression classifier over pairs of mentions in a sentence;
- :mod:`kg.learn.train`: :func:`train` and :func:`retrain` (``kg retrain``);
- :mod:`kg.learn.model`: the model files beside the data (``model/``), checked when read;
- :mod:`kg.learn.recommend`: :func:`propose` (the model's candidates) and :func:`merge` (with the rules').

docs/learn.md says how well it does and where it stops.
"""

from kg.learn.model import Model, load_model, model_dir, save_model
from kg.learn.recommend import DEFAULT_ON, merge, propose, recommend
from kg.learn.train import RetrainResult, retrain, train

__all__ = ["propose", "merge", "recommend", "DEFAULT_ON", "train", "retrain", "RetrainResult", "Model", "load_model",
           "save_model", "model_dir"]
