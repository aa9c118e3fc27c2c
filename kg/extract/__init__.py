"""Rule-based extraction of candidate actors, relations and figures from Chinese innovation news.

>>> from kg.extract import extract
>>> [a["name"] for a in extract("兰州大学与甘肃某某科技有限公司签订合作协议。").to_json()["actors"]]
['兰州大学', '甘肃某某科技有限公司']
"""

from kg.extract.extract import Candidates, extract
from kg.extract.mentions import Gazetteer

__all__ = ["extract", "Candidates", "Gazetteer"]
