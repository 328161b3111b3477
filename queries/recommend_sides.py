"""The recommender's side lists: home-city actors to bring in, counterparts to meet.

:func:`side_table` ranks the actors of one side of a partnership for a
project in a theme: ``bring_in`` (the home city's, routes outward to the
partner city) or ``counterparts`` (the partner city's, routes from the home
city). Scored by the fixed weights (:data:`actornet.queries.recommend.SIDE_WEIGHTS`:
the theme, contacts across, reach in two steps) or by the actor model learned
from the network's past (:mod:`actornet.queries.recommend_learned`); each row
is made by :func:`actornet.queries.recommend_rows.side_row`.

Pure analysis: nothing here reads files or talks to a store.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from actornet.queries.link_features import ACTOR_FEATURES as ACTOR_WORDS
from actornet.queries.link_features import actor_table
from actornet.queries.recommend_rows import SIDE_COLUMNS, SideAsked, listed, side_row

__all__ = ["side_parts", "learned_side", "side_table"]


def side_parts(ask, candidates, other, level):
    """The parts of each candidate's score, each 0 to 1.

    Parameters
    ----------
    ask : PreparedNetwork
    candidates : numpy.ndarray of int
        The actors ranked (projection indices).
    other : numpy.ndarray of bool
        The other side's actors.
    level : numpy.ndarray
        Each actor's level in the theme (1, 0.5 or 0).

    Returns
    -------
    parts : dict
        ``theme`` (the candidates' level), ``contacts`` (the summed strength
        of their ties to the other side, over the best candidate's) and
        ``reach`` (how many of the other side they reach in two steps,
        through a contact and not directly, over the best candidate's).
    reach : numpy.ndarray
        That count, per candidate.
    contacts : numpy.ndarray
        That strength, per candidate.
    """
    # Contacts and reach do not depend on the theme: once per pair of sides.
    reach, contacts = ask.kept("side counts", (candidates, np.flatnonzero(other)),
                               lambda: _side_counts(ask, candidates, other))
    parts = {
        "theme": level[candidates],
        "contacts": contacts / (contacts.max() or 1.0),
        "reach": reach / (reach.max() or 1.0),
    }
    return parts, reach, contacts


def _side_counts(ask, candidates, other):
    """(reach, contacts) of :func:`side_parts`, read-only."""
    R = ask.route[candidates]
    other_f = other.astype(float)
    contacts = R @ other_f
    direct = (R.multiply(other_f[None, :])).tocsr()
    direct.data[:] = 1.0
    two_steps = (ask.linked[candidates] @ ask.linked[:, np.flatnonzero(other)]).tocsr()
    two_steps.data[:] = 1.0
    direct_cols = direct[:, np.flatnonzero(other)]
    reached = two_steps - two_steps.multiply(direct_cols)
    reach = np.asarray((reached > 0).sum(axis=1)).ravel().astype(float)
    reach.flags.writeable = False
    contacts.flags.writeable = False
    return reach, contacts


def learned_side(ask, learned, candidates, theme_id, context, outward):
    """(score, useful, explain) for ``candidates`` (projection indices) by
    the learned actor model, or None when it was not fitted.

    ``useful`` says which candidates have a past to be scored by;
    ``explain(order)`` gives, for the positions in ``order``, the sentence on
    what carried each score (by position).
    """
    home, partner, _, theme_name = context
    model = learned.models.actors
    if not model.fitted:
        return None
    there = partner if outward else home
    hist = learned.history
    rows = np.array([learned.past.index.get(ask.nodes[i], -1) for i in candidates])
    known = rows >= 0
    X = np.zeros((len(candidates), len(model.features)), np.float32)
    X[known] = actor_table(hist, theme_id, rows[known], learned.past_side(there))
    score = model.score(X)
    useful = known.copy()
    useful[known] = hist.active()[rows[known]]
    reference = np.median(X[useful], axis=0) if useful.any() else X.mean(axis=0)

    def explain(order):
        carried = model.carried(X[order], reference) if order else []
        texts = {}
        for x, gains in zip(order, carried):
            words = listed([ACTOR_WORDS[g].format(a=ask.label(ask.nodes[candidates[x]]),
                                                  theme=theme_name,
                                                  there=ask.name(there))
                            for g, _ in gains])
            if words:
                texts[x] = f"Foreseen mostly by {words}."
        return texts

    return score, useful, explain


def side_table(ask, side, other, level, k, chosen, context, *, outward, learned=None):
    """Actors of ``side`` ranked for the project, best first.

    Parameters
    ----------
    ask : PreparedNetwork
    side, other : numpy.ndarray of bool
        The actors of this side and of the other.
    level : numpy.ndarray
        Each actor's level in the theme (1, 0.5 or 0).
    k : int
        How many rows.
    chosen : dict
        Part -> weight (the fixed weights' parts, ``theme``, ``contacts``,
        ``reach``).
    context : tuple
        ``(home, partner, theme_id, theme_name)``.
    outward : bool
        True: ``bring_in`` (only actors active in the theme or declaring it;
        when there is none, nobody); False: ``counterparts`` (also actors
        tied to, or reaching, the other side).
    learned : Learned, optional
        Score by its actor model when it was fitted; else by ``chosen``.

    Returns
    -------
    pandas.DataFrame
        The columns :data:`actornet.queries.recommend_rows.SIDE_COLUMNS`.
    """
    home, partner, theme_id, theme_name = context
    here, there = (home, partner) if outward else (partner, home)
    candidates = np.flatnonzero(side & ~ask.is_city)
    if candidates.size == 0:
        return pd.DataFrame(columns=SIDE_COLUMNS)
    parts, reach, contacts = side_parts(ask, candidates, other, level)
    theme = parts["theme"]
    score = sum(chosen[name] * value for name, value in parts.items())
    carried = None
    learned_score = (learned_side(ask, learned, candidates, theme_id, context, outward)
                     if learned is not None else None)
    if outward:
        # Whom to bring in: only actors active in the theme (or
        # declaring it); when there is none, nobody (the notes say so).
        useful = theme > 0
    else:
        useful = (theme > 0) | (contacts > 0) | (reach > 0)
    if learned_score is not None:
        score, useful, carried = learned_score
    order = sorted(np.flatnonzero(useful), key=lambda x: (-score[x],
                                                           ask.nodes[candidates[x]]))[:k]
    texts = carried(order) if carried is not None else {}
    # A route ends at a person or organisation, never at a city node.
    asked = SideAsked(other=other, is_target=other & ~ask.is_city, outward=outward,
                      here=here, there=there, theme_id=theme_id, theme_name=theme_name,
                      reaching=ask.kept("reaching", (np.flatnonzero(other),),
                                        lambda: ask.linked @ other.astype(float)))
    rows = [side_row(ask, asked, rank, candidates[x], score[x],
                     {name: value[x] for name, value in parts.items()}, reach[x],
                     carried=texts.get(x))
            for rank, x in enumerate(order, start=1)]
    return pd.DataFrame(rows, columns=SIDE_COLUMNS)
