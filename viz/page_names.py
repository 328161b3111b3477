"""Names and ids as the page shows them: people under pseudonyms when the
page is redacted (:func:`pseudonym`, keyed by a secret the caller passes in
and that never enters the page), everyone else under their name."""

from __future__ import annotations

import base64
import hashlib
import hmac

from actornet.graph.schema import Kind

__all__ = ["pseudonym", "node_name", "is_person", "page_label", "page_id"]


def pseudonym(key: bytes, actor_id: str) -> str:
    """The stable pseudonym of a person: ``Person`` and 8 letters of an HMAC.

    Examples
    --------
    >>> pseudonym(b"secret", "p001")
    'Person 5pw7rwcb'
    >>> pseudonym(b"secret", "p001") == pseudonym(b"other", "p001")
    False
    """
    digest = hmac.new(key, str(actor_id).encode("utf-8"), hashlib.sha256).digest()
    return "Person " + base64.b32encode(digest)[:8].decode("ascii").lower()


def node_name(network, node) -> str:
    """A node's name (its id when it has none): the network's own
    :meth:`~actornet.graph.network.ActorNetwork.name_of`, as text."""
    return str(network.name_of(node))


def is_person(network, node) -> bool:
    """Whether ``node`` is a person (None is not)."""
    return node is not None and network.graph.nodes[node].get("kind") == Kind.PERSON.value


def page_label(network, node, key) -> str:
    """The name the page shows for ``node``: a person's pseudonym under ``key``."""
    if key is not None and is_person(network, node):
        return pseudonym(key, node)
    return node_name(network, node)


def page_id(network, node, key) -> str:
    """The id the page uses for ``node``: a person's pseudonym under ``key``."""
    if key is not None and is_person(network, node):
        return pseudonym(key, node)
    return str(node)
