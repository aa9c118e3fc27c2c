"""innovation-kg: a knowledge graph of innovation actors.

The package is a library first; ``kg.cli`` is a thin click face over it.

>>> import kg
>>> kg.__version__
'0.1.0'
"""

__version__ = "0.1.0"
