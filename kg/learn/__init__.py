"""Proposals that learn from what people accept: a recommender beside the rules of :mod:`kg.extract`.

- :mod:`kg.learn.data`: the training documents (accepted claims of every source; the evaluation's
  development gold);
- :mod:`kg.learn.tagger`: a character-level CRF tagger for organisation names;
- :mod:`kg.learn.relations`: a logistic-regression classifier over pairs of mentions in a sentence;
- :mod:`kg.learn.train`: :func:`train` and :func:`retrain` (``kg retrain``);
- :mod:`kg.learn.model`: the model files beside the data (``model/``), checked when read;
- :mod:`kg.learn.recommend`: :func:`propose` (the model's candidates) and :func:`merge` (with the rules').

docs/learn.md says how well it does and where it stops.

>>> from kg.extract import extract
>>> from kg.learn.data import Document
>>> texts = ["由甲一科技有限公司牵头组建的甘肃省甲一材料创新联合体成立。",
...          "甘肃省乙二装备创新联合体由乙二能源集团牵头组建。"]
>>> docs = [Document(f"d{i}", t, [("org", (n,)) for n in names], [(0, "lead-unit", 1)])
...         for i, (t, names) in enumerate(zip(texts, [("甲一科技有限公司", "甘肃省甲一材料创新联合体"),
...                                                   ("乙二能源集团", "甘肃省乙二装备创新联合体")]))]
>>> model = train(docs)
>>> model.meta["thresholds"] = {"actor": 0.5, "relation": 0.5}  # two texts: a model less sure than kg retrain's
>>> text = "由丙三化工有限公司牵头组建的甘肃省丙三化工创新联合体成立。"
>>> [(a["name"], a["by"]) for a in merge(extract(text), propose(text, model=model)).actors]
[('丙三化工有限公司', 'rules+model'), ('甘肃省丙三化工创新联合体', 'rules+model')]
"""

from kg.learn.model import Model, load_model, model_dir, save_model
from kg.learn.recommend import DEFAULT_ON, merge, propose, recommend
from kg.learn.train import RetrainResult, retrain, train

__all__ = ["propose", "merge", "recommend", "DEFAULT_ON", "train", "retrain", "RetrainResult", "Model", "load_model",
           "save_model", "model_dir"]
