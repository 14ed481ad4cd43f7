"""What a template reads and what a context holds: the dotted paths of the context values a
template's expressions read (following loop variables and assignments), the structure of a
context, and whether a path exists in it. Used by the template check (:mod:`.check`)."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

from casekit.docgen.environment import get_env

if TYPE_CHECKING:
    from jinja2 import nodes

__all__ = ["context_shape", "read_paths", "resolves"]


def read_paths(tree: nodes.Template) -> Iterator[tuple[str, int]]:
    """``(dotted path, line)`` for every context value an expression reads."""
    yield from _PathWalker(set(get_env().globals)).walk(tree, {})


class _PathWalker:
    """Walks a parsed template, following loop variables and assignments to their paths."""

    def __init__(self, known_globals: set[str]) -> None:
        from jinja2 import nodes  # jinja2 loads with the first template check

        self.nodes = nodes
        self.known_globals = known_globals

    def expr_path(self, expr: nodes.Node, scope: Mapping[str, str | None]) -> str | None:
        nodes = self.nodes
        if isinstance(expr, nodes.Name):
            if expr.name in scope:
                return scope[expr.name]
            return None if expr.name in self.known_globals else expr.name
        if isinstance(expr, nodes.Getattr):
            base = self.expr_path(expr.node, scope)
            return f"{base}.{expr.attr}" if base else None
        if isinstance(expr, nodes.Getitem) and isinstance(expr.arg, nodes.Const):
            base = self.expr_path(expr.node, scope)
            if base is None:
                return None
            value = expr.arg.value
            return f"{base}.{value}" if isinstance(value, str) else f"{base}[]"
        return None

    def targets(self, target: nodes.Node) -> Iterator[str]:
        if isinstance(target, self.nodes.Name):
            yield target.name
        elif isinstance(target, self.nodes.Tuple):
            for item in target.items:
                yield from self.targets(item)

    def walk(self, node: nodes.Node, scope: dict[str, str | None]) -> Iterator[tuple[str, int]]:
        nodes = self.nodes
        if isinstance(node, nodes.For):
            yield from self.walk_for(node, scope)
            return
        if isinstance(node, nodes.Assign):
            yield from self.walk(node.node, scope)
            for target in self.targets(node.target):
                scope[target] = self.expr_path(node.node, scope)
            return
        if isinstance(node, nodes.Name | nodes.Getattr | nodes.Getitem):
            dotted = self.expr_path(node, scope)
            if dotted:
                yield dotted, node.lineno
                return
        for child in node.iter_child_nodes():
            yield from self.walk(child, scope)

    def walk_for(self, node: nodes.For, scope: dict[str, str | None]) -> Iterator[tuple[str, int]]:
        yield from self.walk(node.iter, scope)
        base = self.expr_path(node.iter, scope)
        inner = dict(scope, loop=None)
        names = list(self.targets(node.target))
        for target in names:
            inner[target] = f"{base}[]" if base and len(names) == 1 else None
        children: list[nodes.Node] = [*node.body, *node.else_]
        if node.test is not None:
            children.append(node.test)
        for child in children:
            yield from self.walk(child, inner)


def context_shape(value: Any) -> Any:
    """The structure of a context: dict → {key: shape}, list → [item shape], other → None."""
    if isinstance(value, Mapping):
        return {str(k): context_shape(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        merged: Any = None
        for item in value:
            merged = _merge(merged, context_shape(item))
        return [merged]
    return None


def _merge(a: Any, b: Any) -> Any:
    if isinstance(a, dict) and isinstance(b, dict):
        return {k: _merge(a.get(k), b.get(k)) for k in a.keys() | b.keys()}
    if isinstance(a, list) and isinstance(b, list):
        return [_merge(a[0], b[0])]
    return a if a is not None else b


def resolves(shape: Any, dotted: str) -> bool:
    """Whether a path exists in the shape; attributes of plain values (``date.year``) pass."""
    current = shape
    for part in dotted.replace("[]", ".[]").split("."):
        if isinstance(current, dict):
            if part not in current:
                return False
            current = current[part]
        elif isinstance(current, list):
            if part != "[]":
                return True
            current = current[0]
        else:
            return True
    return True
