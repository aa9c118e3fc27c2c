"""The recommender's model on disk: ``model/`` beside ``graph_data/`` in the project folder.

Three files, none of which can run code when read:

- ``tagger.crfsuite``: the character tagger (CRFsuite's own binary format, read by CRFsuite);
- ``relations.json``: the relation classifier's labels and weights (plain JSON);
- ``meta.json``: what it was trained on (each input's id and SHA-256), the settings, the SHA-256 of the
  two files above, and the thresholds. No time stamp: the same inputs give the same bytes.

:func:`load_model` checks both hashes before CRFsuite ever opens the tagger, so a truncated or edited
file is one clear error (:class:`~kg.errors.DataError`) that says to run ``kg retrain``.

The folder sits beside ``graph_data/``, not in it: every folder of ``graph_data/`` is a source.
"""

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from kg.errors import DataError
from kg.learn.relations import RelationModel

__all__ = ["Model", "model_dir", "load_model", "save_model", "FILES", "MODEL_KIND"]

FILES = ("tagger.crfsuite", "relations.json", "meta.json")
MODEL_KIND = "kg.learn model"
FORMAT_VERSION = 1


@dataclass
class Model:
    """A trained recommender: the tagger's bytes, the relation classifier, and its ``meta`` data."""

    tagger: bytes
    relations: RelationModel
    meta: dict = field(default_factory=dict)

    @property
    def thresholds(self):
        """``{"actor": p, "relation": p}``: the least confidence a proposal needs."""
        return self.meta.get("thresholds", {"actor": 0.5, "relation": 0.5})


def model_dir(root=None):
    """Where the model lives: ``KG_MODEL`` if set, else ``model/`` in the project folder."""
    import os

    if os.environ.get("KG_MODEL"):
        return Path(os.environ["KG_MODEL"])
    from kg.stores.load import project_root

    return Path(root or project_root()) / "model"


def save_model(model, folder):
    """Write ``model`` into ``folder`` (each file atomically; ``meta.json`` last, so a writer killed
    half-way leaves hashes that do not match, which :func:`load_model` reports)."""
    from kg._atomic import atomic_write

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    relations = _json_bytes(model.relations.to_json(), compact=True)
    meta = dict(model.meta, kind=MODEL_KIND, format=FORMAT_VERSION,
                files={"tagger.crfsuite": _sha256(model.tagger), "relations.json": _sha256(relations)})
    with atomic_write(folder / "tagger.crfsuite", mode="wb") as stream:
        stream.write(model.tagger)
    with atomic_write(folder / "relations.json", mode="wb") as stream:
        stream.write(relations)
    with atomic_write(folder / "meta.json", mode="wb") as stream:
        stream.write(_json_bytes(meta))
    return folder


def load_model(folder=None):
    """The model in ``folder`` (default :func:`model_dir`); a :class:`DataError` when it is missing,
    incomplete, or not what ``meta.json`` says it is.

    >>> import tempfile
    >>> load_model(tempfile.mkdtemp())
    Traceback (most recent call last):
    ...
    kg.errors.DataError: no recommender model in ...: run kg retrain to make one (or ingest with --no-model)
    """
    folder = Path(folder) if folder is not None else model_dir()
    if not (folder / "meta.json").is_file():
        raise DataError(f"no recommender model in {folder}: run kg retrain to make one (or ingest with --no-model)")
    broken = f"the recommender model in {folder} is damaged"
    try:
        meta = json.loads((folder / "meta.json").read_bytes().decode("utf-8"))
        tagger = (folder / "tagger.crfsuite").read_bytes()
        relations = (folder / "relations.json").read_bytes()
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise DataError(f"{broken} ({type(error).__name__}): run kg retrain") from None
    if not isinstance(meta, dict) or meta.get("kind") != MODEL_KIND:
        raise DataError(f"{broken} (meta.json is not a kg.learn model's): run kg retrain")
    if meta.get("format") != FORMAT_VERSION:
        raise DataError(f"the recommender model in {folder} has format {meta.get('format')!r}, this kg reads "
                        f"{FORMAT_VERSION}: run kg retrain")
    files = meta.get("files") or {}
    for name, data in (("tagger.crfsuite", tagger), ("relations.json", relations)):
        if files.get(name) != _sha256(data):
            raise DataError(f"{broken} ({name} does not match the SHA-256 in meta.json): run kg retrain")
    try:
        classifier = RelationModel.from_json(json.loads(relations.decode("utf-8")))
    except (ValueError, KeyError, TypeError) as error:
        raise DataError(f"{broken} (relations.json: {error}): run kg retrain") from None
    return Model(tagger, classifier, meta)


# helpers

def _json_bytes(data, compact=False):
    layout = {"separators": (",", ":")} if compact else {"indent": 1}
    return (json.dumps(data, ensure_ascii=False, sort_keys=True, **layout) + "\n").encode("utf-8")


def _sha256(data):
    return hashlib.sha256(data).hexdigest()
