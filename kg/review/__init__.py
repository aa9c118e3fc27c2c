"""Review in the browser: an ingested article's proposals decided on a page, every decision saved at once.

- :mod:`kg.review.session` -- :class:`Review`: a review file (the claims format, docs/claims.md) as
  proposals; accept, reject, edit, join, add an actor, a relation or a figure, undo; each action written
  to the file atomically; progress; ``kg accept`` with the SHACL shapes;
- :mod:`kg.review.file` -- :class:`~kg.review.file.ReviewFile`, the part of :class:`Review` that reads the
  file as proposals and writes it back;
- :mod:`kg.review.spans` -- a selection or a typed text as offsets, occurrences, the sentence naming two actors;
- :mod:`kg.review.vocab` -- the ontology's actor classes (zh and en) and the relations that fit two
  actors' classes;
- :mod:`kg.review.app` -- the page (a small Starlette app: loopback only, a random token, CSRF on every
  write); ``kg review ID`` and ``kg serve --review`` run it (docs/review.md).

Starlette is imported only by :mod:`kg.review.app`, so ``import kg.review`` stays light.

>>> from kg.review import Review, find_reviews
>>> Review.__name__
'Review'
"""

from kg.review.session import PROPOSAL_KINDS, Review, find_reviews

__all__ = ["Review", "find_reviews", "PROPOSAL_KINDS"]
