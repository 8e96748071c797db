"""The compiled loops of the extraction: jieba's route through the prefix dictionary (``segment``, for
:mod:`pipelines.segmenter`; ``nodes`` finds words in it), and the tagger's Viterbi (``viterbi``, for
:mod:`pipelines.components.tagger`).

They are numba functions. A run does not import numba to call them: :mod:`pipelines.native` loads them
compiled ahead of time into an extension module (``numba.pycc``, built once per version of this file and
kept beside it), which imports in a millisecond, where numba's import and the loading of its own cache took
about 0.5 s before the first document. Where no extension can be built (no C compiler), they run as numba
compiles them, as before. ``SIGNATURES`` are the types the callers pass.
"""

from __future__ import annotations

import numba
import numpy as np

__all__ = ["SIGNATURES", "fill", "child", "nodes", "segment", "viterbi", "build"]

# The exported functions and their types: the trie's edge arrays are int32, its frequencies int64 and weights
# float64 (pipelines.segmenter._build); the text's code points int64; the tagger's scores float32.
SIGNATURES = {
    "fill": "void(int32[:], int32[:], int32[:], int64[:], int64[:])",
    "child": "int64(int32[:], int32[:], int32[:], int64, int64)",
    "segment": "int64[:,:](int64[:], int32[:], int32[:], int32[:], int64[:], float64[:], float64, boolean)",
    "nodes": "int64[:](int64[:], int64[:], int64[:], int32[:], int32[:], int32[:])",
    "viterbi": "int64[:](float32[:,:], int64[:,:], float32[:,:])",
}


@numba.njit(cache=True, nogil=True)
def _slot(node, char, mask):  # pragma: no cover (compiled)
    return ((node * 1000003) ^ (char * 8191)) & mask


@numba.njit(cache=True, nogil=True)
def fill(edge_node, edge_char, edge_child, parent, char):  # pragma: no cover (compiled)
    mask = edge_node.shape[0] - 1
    for index in range(parent.shape[0]):
        slot = _slot(parent[index], char[index], mask)
        while edge_node[slot] != -1:
            slot = (slot + 1) & mask
        edge_node[slot] = parent[index]
        edge_char[slot] = char[index]
        edge_child[slot] = index + 1


@numba.njit(cache=True, nogil=True)
def child(edge_node, edge_char, edge_child, node, char):  # pragma: no cover (compiled)
    mask = edge_node.shape[0] - 1
    slot = _slot(node, char, mask)
    while True:
        found = edge_node[slot]
        if found == -1:
            return -1
        if found == node and edge_char[slot] == char:
            return edge_child[slot]
        slot = (slot + 1) & mask


@numba.njit(cache=True, nogil=True)
def nodes(codes, starts, ends, edge_node, edge_char, edge_child):  # pragma: no cover (compiled)
    """The trie node of each word ``codes[starts[i]:ends[i]]``, or -1 where the trie has none."""
    out = np.empty(starts.shape[0], dtype=np.int64)
    for word in range(starts.shape[0]):
        node = 0
        for index in range(starts[word], ends[word]):
            node = child(edge_node, edge_char, edge_child, node, codes[index])
            if node < 0:
                break
        out[word] = node
    return out


@numba.njit(cache=True, nogil=True)
def _in_block(char):  # pragma: no cover (compiled)
    # jieba's re_han_default: [\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]
    return ((0x4E00 <= char <= 0x9FD5) or (97 <= char <= 122) or (65 <= char <= 90) or (48 <= char <= 57)
            or char == 43 or char == 35 or char == 38 or char == 46 or char == 95 or char == 37 or char == 45)


@numba.njit(cache=True, nogil=True)
def segment(codes, edge_node, edge_char, edge_child, frequency, weight, fallback_weight, hmm):  # pragma: no cover
    """Words of ``codes`` as (end, kind) rows, in order (each starts where the one before ends): kind 1 is a
    run for jieba's HMM, 0 a word as it is."""
    length = codes.shape[0]
    out = np.empty((length + 1, 2), dtype=np.int64)
    count = 0
    score = np.zeros(length + 1, dtype=np.float64)
    step = np.zeros(length + 1, dtype=np.int64)
    position = 0
    while position < length:
        if not _in_block(codes[position]):
            # outside blocks jieba yields "\r\n" whole and every other character on its own
            end = position + 2 if (codes[position] == 13 and position + 1 < length and codes[position + 1] == 10) \
                else position + 1
            out[count, 0], out[count, 1] = end, 0
            count += 1
            position = end
            continue
        block_end = position
        while block_end < length and _in_block(codes[block_end]):
            block_end += 1
        # jieba.calc: route[idx] = max((log(freq) - logtotal + route[x + 1][0], x) for x in DAG[idx])
        score[block_end] = 0.0
        for start in range(block_end - 1, position - 1, -1):
            node = 0
            best = 0.0
            best_end = -1
            index = start
            while index < block_end:
                node = child(edge_node, edge_char, edge_child, node, codes[index])
                if node < 0:
                    break
                if frequency[node] != 0:
                    value = weight[node] + score[index + 1]
                    if best_end < 0 or value >= best:  # a tie goes to the longer word, as max over (score, x)
                        best, best_end = value, index
                index += 1
            if best_end < 0:
                best, best_end = fallback_weight + score[start + 1], start
            score[start], step[start] = best, best_end
        # jieba.__cut_DAG (hmm) or __cut_DAG_NO_HMM: walk the route, gathering runs of single characters
        run = -1
        at = position
        while at < block_end:
            end = step[at] + 1
            single = end - at == 1
            if hmm:
                if single:
                    if run < 0:
                        run = at
                else:
                    if run >= 0:
                        count = _flush(out, count, codes, run, at, edge_node, edge_char, edge_child, frequency)
                        run = -1
                    out[count, 0], out[count, 1] = end, 0
                    count += 1
            else:
                char = codes[at]
                if single and ((97 <= char <= 122) or (65 <= char <= 90) or (48 <= char <= 57)):
                    if run < 0:
                        run = at
                else:
                    if run >= 0:
                        out[count, 0], out[count, 1] = at, 0
                        count += 1
                        run = -1
                    out[count, 0], out[count, 1] = end, 0
                    count += 1
            at = end
        if run >= 0:
            if hmm:
                count = _flush(out, count, codes, run, block_end, edge_node, edge_char, edge_child, frequency)
            else:
                out[count, 0], out[count, 1] = block_end, 0
                count += 1
        position = block_end
    return out[:count]


@numba.njit(cache=True, nogil=True)
def _flush(out, count, codes, start, end, edge_node, edge_char, edge_child, frequency):  # pragma: no cover
    """A run of single characters: one word, the HMM's words if the run is not a word, else each character."""
    if end - start == 1:
        out[count, 0], out[count, 1] = end, 0
        return count + 1
    node = 0
    for index in range(start, end):
        node = child(edge_node, edge_char, edge_child, node, codes[index])
        if node < 0:
            break
    if node < 0 or frequency[node] == 0:
        out[count, 0], out[count, 1] = end, 1
        return count + 1
    for index in range(start, end):
        out[count, 0], out[count, 1] = index + 1, 0
        count += 1
    return count


@numba.njit(cache=True, nogil=True)
def viterbi(emissions: np.ndarray, bounds: np.ndarray, transitions: np.ndarray) -> np.ndarray:  # pragma: no cover
    """Viterbi over each [start, end) of ``bounds``: the best label per token (compiled by numba, cached)."""
    count, labels = emissions.shape
    best = np.zeros(count, dtype=np.int64)
    back = np.zeros((count, labels), dtype=np.int16)
    score = np.empty(labels, dtype=np.float32)
    stepped = np.empty(labels, dtype=np.float32)
    for row in range(bounds.shape[0]):
        start, end = bounds[row, 0], bounds[row, 1]
        if end <= start:
            continue
        for label in range(labels):
            score[label] = emissions[start, label]
        for position in range(start + 1, end):
            for target in range(labels):
                top, choice = score[0] + transitions[0, target], 0
                for source in range(1, labels):
                    value = score[source] + transitions[source, target]
                    if value > top:
                        top, choice = value, source
                stepped[target] = top + emissions[position, target]
                back[position, target] = choice
            for label in range(labels):
                score[label] = stepped[label]
        current = 0
        for label in range(1, labels):
            if score[label] > score[current]:
                current = label
        for position in range(end - 1, start - 1, -1):
            best[position] = current
            current = back[position, current]
    return best


def build(out_dir: str, module_name: str) -> None:
    """Compile the functions of :data:`SIGNATURES` into the extension module ``module_name`` in ``out_dir``."""
    from numba.pycc import CC

    compiler = CC(module_name)
    compiler.output_dir = out_dir
    compiler.verbose = False
    for name, signature in SIGNATURES.items():
        compiler.export(name, signature)(globals()[name].py_func)
    compiler.compile()
