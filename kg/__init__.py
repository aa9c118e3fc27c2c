"""innovation-kg: a knowledge graph of innovation actors, as a Python library.

One object does the work, :class:`KnowledgeGraph` (``kg.open()`` makes one); the ``kg`` command and the
web server are faces over it. Its methods return plain Python data::

    import kg
    with kg.open() as g:                       # the project's graph, in memory
        g.path("兰州大学", "金川集团")          # how two actors are connected, with evidence
        g.describe("金昌有色金属新材料产业集群")  # one actor
        g.centrality(["pagerank"], top=5)
        g.query("consortium_members_by_role")  # a named query, or any SPARQL text

Layout: :mod:`kg.stores` (where triples are kept), :mod:`kg.analysis` (pure functions on the actor
network), :mod:`kg.query` (SPARQL and result writers), :mod:`kg.view` (the HTML view), :mod:`kg.serve`
(the web face), :mod:`kg.cli` (the command line); :mod:`kg.errors` holds every exception.

>>> import kg
>>> kg.__version__
'0.2.0'
>>> sorted(kg.__all__)[:4]
['AmbiguousActor', 'BadArgument', 'BadQuery', 'DataError']
"""

from kg import errors
from kg.compare import diff
from kg.core import KnowledgeGraph, default_language
from kg.core import open_graph as open
from kg.errors import *  # noqa: F401,F403  (every exception, as kg.errors.__all__ lists them)

__version__ = "0.2.0"

__all__ = ["__version__", "open", "KnowledgeGraph", "default_language", "diff", *errors.__all__]
