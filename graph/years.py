"""The reference year: the year a question is asked in.

One rule for every command, the page and the store: the year asked for, else
the last year the data mentions but never later than the current year (a
project that runs to next year does not make next year "now").

Examples
--------
>>> reference_year(2019)
2019
>>> reference_year(2999) == current_year()
True
>>> reference_year(2999, as_of=2030)
2030
>>> reference_year(None)
0
"""

from __future__ import annotations

import datetime


def current_year() -> int:
    """This calendar year, by the machine's clock."""
    return datetime.date.today().year


def reference_year(last_year, as_of=None) -> int:
    """The year a question is asked in.

    Parameters
    ----------
    last_year : int or None
        The last year the network mentions (``ActorNetwork.years()[1]``).
    as_of : int, optional
        The year asked for; returned as it is.

    Returns
    -------
    int
        ``as_of`` when given; else ``min(last_year, current_year())``; 0 when
        the data mentions no year at all (every tie is undated and active in
        any year).
    """
    if as_of is not None:
        return int(as_of)
    if last_year is None:
        return 0
    return min(int(last_year), current_year())
