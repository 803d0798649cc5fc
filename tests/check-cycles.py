#!/usr/bin/env python3
"""No cycle among a library's objects.

Usage: check-cycles.py NAME OBJECT...

Every undefined symbol of each object is matched (with nm) to the object
of the same set that defines it; symbols defined elsewhere (libc, Lua,
jansson, another library) are not edges. The strongly connected components
of that graph are computed (Tarjan); any component of more than one object,
or an object that needs itself, is a cycle, and the check fails naming the
files in each. A cycle means no file of it can be read, tested or replaced
without all the others: the layers in docs/architecture.md are a DAG.
"""
import os
import subprocess
import sys


def symbols(obj):
    out = subprocess.run(["nm", "-P", obj], check=True, capture_output=True,
                         text=True).stdout
    defined, undefined = set(), set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 2:
            continue
        name, kind = parts[0], parts[1]
        if kind == "U":
            undefined.add(name)
        elif kind.isupper() and kind not in "U":
            defined.add(name)
    return defined, undefined


def components(nodes, edges):
    index, low, onstack, stack, out = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        onstack.add(v)
        for w in sorted(edges[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in onstack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                onstack.discard(w)
                comp.append(w)
                if w == v:
                    break
            out.append(sorted(comp))

    sys.setrecursionlimit(10000)
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return out


def main(argv):
    if len(argv) < 3:
        print("usage: check-cycles.py NAME OBJECT...", file=sys.stderr)
        return 2
    name, objs = argv[1], argv[2:]
    label = {o: os.path.splitext(os.path.basename(o))[0] for o in objs}
    owner, needs = {}, {}
    for o in objs:
        d, u = symbols(o)
        needs[o] = u
        for s in d:
            owner[s] = o
    edges = {o: {owner[s] for s in needs[o] if s in owner} for o in objs}
    via = {}
    for o in objs:
        for s in needs[o]:
            if s in owner:
                via.setdefault((o, owner[s]), []).append(s)
    sccs = components(objs, edges)
    cycles = [c for c in sccs if len(c) > 1 or c[0] in edges[c[0]]]
    if not cycles:
        print("cycles: %s: %d objects, %d components, no cycle"
              % (name, len(objs), len(sccs)))
        return 0
    for c in cycles:
        print("cycles: %s: %d files call each other: %s"
              % (name, len(c), ", ".join(label[o] for o in c)))
        members = set(c)
        for a in c:
            for b in sorted(edges[a] & members):
                print("  %s -> %s  (%s)" % (label[a], label[b],
                                            ", ".join(sorted(via[(a, b)]))))
    print("cycles: %s: %d objects, %d components, %d in cycles"
          % (name, len(objs), len(sccs), len(cycles)))
    return 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
