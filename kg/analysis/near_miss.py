"""The closest names to an unknown one, as ``difflib.get_close_matches`` ranks them, without comparing
against every name: :class:`NearMissTable` bounds each candidate's ratio from below the exact one and
stops when no further name can enter the top n (used by :meth:`kg.analysis.resolve.NameIndex.closest`).

Split from :mod:`kg.analysis.resolve` (issue 24): the resolver decides what a name designates; this
module only ranks near misses for its error messages.

>>> table = NearMissTable(["lanzhou university", "lanzhou jiaotong university", "gansu academy"])
>>> [name for _, name in table.best("lanzhou universty", 2, 0.4)]
['lanzhou university', 'lanzhou jiaotong university']
"""

import difflib
import heapq

__all__ = ["NearMissTable"]


class NearMissTable:
    """The distinct folded names (at least one) laid out for :meth:`NameIndex.closest` (``bounded``):
    numpy arrays, made once.

    Why the answer is difflib's: ``ratio() = 2 * M / (len(a) + len(b))``, where ``M`` counts the
    characters of difflib's matching blocks. Those blocks are a common subsequence, so ``M`` is at most
    the longest common subsequence (LCS), itself at most the characters the two names share. Names are
    taken by that bound, highest first (ties: the greater name first, as ``get_close_matches`` breaks
    them); the search ends when the next bound cannot beat the n-th ratio found.
    """

    def __init__(self, labels):
        import numpy as np

        self.labels = labels
        count = len(labels)
        self.lengths = np.fromiter((len(label) for label in labels), dtype=np.int64, count=count)
        codes = np.frombuffer("".join(labels).encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
        owner = np.repeat(np.arange(count, dtype=np.int64), self.lengths)
        # postings: for each character, the names holding it and how many times (one np.unique, sorted)
        pairs, times = np.unique((codes.astype(np.int64) << 32) | owner, return_counts=True)
        chars = pairs >> 32
        self.posting_names = (pairs & 0xFFFFFFFF).astype(np.int64)
        self.posting_times = times.astype(np.int64)
        firsts = np.flatnonzero(np.r_[True, chars[1:] != chars[:-1]])
        ends = np.r_[firsts[1:], len(chars)]
        self.postings = dict(zip(chars[firsts].tolist(), zip(firsts.tolist(), ends.tolist())))
        # columns for the LCS: column j holds character j of every name longer than j, longest names first
        self.by_length = np.argsort(-self.lengths, kind="stable")
        self.length_rank = np.empty(count, dtype=np.int64)
        self.length_rank[self.by_length] = np.arange(count)
        starts = np.r_[0, np.cumsum(self.lengths)[:-1]].astype(np.int64)[self.by_length]
        ordered = self.lengths[self.by_length]
        self.columns = [codes[starts[:np.count_nonzero(ordered > j)] + j] for j in range(int(ordered[0]))]
        # ties in ratio go to the greater name (get_close_matches takes heapq.nlargest of (ratio, name))
        self.text_rank = np.empty(count, dtype=np.int64)
        self.text_rank[sorted(range(count), key=labels.__getitem__)] = np.arange(count)

    def best(self, key, n, cutoff):
        """``[(ratio, name)]``: the ``n`` greatest with ``ratio >= cutoff``, best first (difflib's ratio)."""
        import numpy as np

        if n <= 0:
            return []
        common = np.zeros(len(self.labels), dtype=np.int64)  # characters in common with key, per name
        for char in set(key):
            span = self.postings.get(ord(char))
            if span is not None:
                names = self.posting_names[span[0]:span[1]]
                common[names] += np.minimum(self.posting_times[span[0]:span[1]], key.count(char))
        bound = 2.0 * common / (len(key) + self.lengths)
        candidates = np.flatnonzero(bound >= cutoff)
        if len(key) <= 63 and len(candidates):
            candidates, longest = self._lcs(key, candidates)
            bound = 2.0 * longest / (len(key) + self.lengths[candidates])
        else:
            bound = bound[candidates]
        kept = bound >= cutoff
        candidates, bound = candidates[kept], bound[kept]
        order = np.lexsort((-self.text_rank[candidates], -bound))
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(key)  # as get_close_matches does: key is seq2, each name seq1
        top = []  # a heap of the n best (ratio, name) so far
        for position, ceiling in zip(candidates[order].tolist(), bound[order].tolist()):
            label = self.labels[position]
            if len(top) == n and (ceiling < top[0][0] or (ceiling == top[0][0] and label < top[0][1])):
                break  # neither this name nor any after it (lower bound, or same bound and lesser name) can enter
            matcher.set_seq1(label)
            ratio = matcher.ratio()
            if ratio >= cutoff:
                if len(top) < n:
                    heapq.heappush(top, (ratio, label))
                elif (ratio, label) > top[0]:
                    heapq.heapreplace(top, (ratio, label))
        return sorted(top, reverse=True)

    def _lcs(self, key, candidates):
        """(candidates reordered, the length of each one's longest common subsequence with ``key``).

        Bit-parallel (Hyyrö 2004), all candidates at once: bit i of a candidate's row stays 1 while
        character i of ``key`` is unmatched; ``len(key) <= 63`` keeps a row in one uint64.
        """
        import numpy as np

        width = np.uint64((1 << len(key)) - 1)
        chars = sorted(set(key))
        char_codes = np.array([ord(c) for c in chars], dtype=np.uint32)
        char_masks = np.array([sum(1 << i for i, c in enumerate(key) if c == char) for char in chars], dtype=np.uint64)
        rank = np.sort(self.length_rank[candidates])  # longest first: column j's names are a prefix
        rows = np.full(len(rank), width, dtype=np.uint64)
        zero = np.uint64(0)
        for column in self.columns:
            active = int(np.searchsorted(rank, len(column)))
            if not active:
                break
            codes = column[rank[:active]]
            at = np.minimum(np.searchsorted(char_codes, codes), len(chars) - 1)
            matches = np.where(char_codes[at] == codes, char_masks[at], zero)
            row = rows[:active]
            carried = row & matches
            rows[:active] = ((row + carried) | (row - carried)) & width
        return self.by_length[rank], len(key) - _popcount(rows)


def _popcount(values):
    """Set bits of each uint64 (numpy's bitwise_count from numpy 2; a byte table before it)."""
    import numpy as np

    if hasattr(np, "bitwise_count"):
        return np.bitwise_count(values).astype(np.int64)
    table = np.array([bin(byte).count("1") for byte in range(256)], dtype=np.int64)
    return table[values.view(np.uint8).reshape(-1, 8)].sum(axis=1)
