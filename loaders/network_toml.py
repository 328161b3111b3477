"""A network folder's settings file, ``network.toml``: read, checked, written.

``network.toml`` says whose partnerships the network is about (``home``),
and what the folder was made from (``source``); actornet writes it into
every folder it writes (``import``, ``merge``, ``export``) with
``written_by = "actornet"``, which is how a later command knows that the
folder holds a network actornet wrote and may be replaced whole (see
:func:`actornet.outputs.check_output_folder`).

Settings are checked before anything is written: a value holding a control
character (a newline, a tab, an escape) or a line separator is refused, and
the text written is escaped by one rule and parsed again before it is
written, so a settings file actornet writes always reads back the same.

Examples
--------
>>> print(settings_text({"home": 'Frankfurt "Main"', "source": None}), end="")
# Written by actornet: the network folder's settings.
written_by = "actornet"
home = "Frankfurt \\"Main\\""
>>> parse_settings(settings_text({"home": "Kyiv"}).encode())
{'home': 'Kyiv'}
"""

from __future__ import annotations

import tomllib
import unicodedata
from pathlib import Path

from actornet.graph.atomic import write_text_atomic
from actornet.graph.errors import InputError

__all__ = ["SETTINGS_FILE", "WRITTEN_BY", "parse_settings", "read_settings", "settings_text",
           "check_setting", "write_settings", "written_by_actornet"]

#: The network folder's settings file (``home = "berlin"``).
SETTINGS_FILE = "network.toml"
#: The mark of a folder actornet wrote (``written_by = "actornet"``).
WRITTEN_BY = "actornet"
_SETTINGS = {"home": str, "name": str, "source": str}
_HEADER = "# Written by actornet: the network folder's settings."
#: The first line earlier versions of ``actornet import`` wrote (their folders are actornet's too).
_EARLIER_HEADER = "# Written by `actornet import`: the network folder's settings."
_REFUSED = {"Cc": "a control character (such as a newline or a tab)",
            "Cs": "half of a surrogate pair (not text)",
            "Zl": "a line separator", "Zp": "a paragraph separator"}


def parse_settings(data: bytes, *, file: str = SETTINGS_FILE) -> dict:
    """The known settings in the bytes of a ``network.toml``.

    Known keys: ``home`` (the home city: an id, name or alias), ``name``,
    ``source`` (what the folder was made from). Unknown keys are ignored.

    Raises
    ------
    InputError
        If the file is not valid TOML (or nests values too deeply to read), or
        a known key has the wrong type.

    Examples
    --------
    >>> parse_settings(b"a = " + b"[" * 100_000)
    Traceback (most recent call last):
    ...
    actornet.graph.errors.InputError: network.toml: the settings file nests values too deeply to be read (write key = "value" lines, e.g. home = "berlin")
    """
    hint = 'write key = "value" lines, e.g. home = "berlin"'
    try:
        data = tomllib.loads(data.decode("utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as err:
        raise InputError("the settings file is not valid TOML", file=file, hint=hint) from err
    except RecursionError as err:
        raise InputError("the settings file nests values too deeply to be read", file=file,
                         hint=hint) from err
    settings = {}
    for key, kind in _SETTINGS.items():
        if key in data:
            if not isinstance(data[key], kind):
                raise InputError(f"{key} must be text", file=file,
                                 hint=f'write {key} = "..." in double quotes')
            settings[key] = data[key]
    return settings


def read_settings(path) -> dict:
    """The settings in a network folder's ``network.toml``; {} when there is none.

    See :func:`parse_settings`.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (folder / "network.toml").write_text('home = "berlin"\\n', encoding="utf-8")
    >>> read_settings(folder)
    {'home': 'berlin'}
    """
    file = Path(path) / SETTINGS_FILE
    if not Path(path).is_dir() or not file.is_file():
        return {}
    return parse_settings(file.read_bytes(), file=str(file))


def check_setting(what: str, value: str, *,
                  hint: str = "write it on one line, without control characters") -> None:
    """Refuse (InputError naming ``what``) a value no settings file should hold.

    Examples
    --------
    >>> check_setting("--home", "Kyiv")
    >>> check_setting("--home", "Kyiv\\nhome = 'x'")
    Traceback (most recent call last):
    ...
    actornet.graph.errors.InputError: --home holds a control character (such as a newline or a tab) (write it on one line, without control characters)
    """
    for char in str(value):
        reason = _REFUSED.get(unicodedata.category(char))
        if reason is not None:
            raise InputError(f"{what} holds {reason}", hint=hint)


def _quoted(value: str) -> str:
    """A TOML basic string (the value is checked: no control characters)."""
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def settings_text(settings: dict) -> str:
    """The text of a ``network.toml`` holding ``settings`` (None values left out).

    Raises
    ------
    InputError
        If a value holds a control character or a line separator.
    """
    lines = [_HEADER, f"written_by = {_quoted(WRITTEN_BY)}"]
    kept = {}
    for key, value in settings.items():
        if value is None:
            continue
        if key not in _SETTINGS:
            raise ValueError(f"not a setting: {key}")
        check_setting(f"the setting {key}", value)
        kept[key] = str(value)
        lines.append(f"{key} = {_quoted(str(value))}")
    text = "\n".join(lines) + "\n"
    if parse_settings(text.encode("utf-8")) != kept:  # pragma: no cover - the escaping is whole
        raise InputError("the settings cannot be written so that they read back the same")
    return text


def write_settings(folder, settings: dict) -> Path:
    """Write ``network.toml`` (string values only) into ``folder``, whole or not at all.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> _ = write_settings(folder, {"home": 'Frankfurt "Main"'})
    >>> read_settings(folder)
    {'home': 'Frankfurt "Main"'}
    """
    text = settings_text(settings)  # checked before anything is written
    return write_text_atomic(Path(folder) / SETTINGS_FILE, text)


def written_by_actornet(folder) -> bool:
    """Whether ``folder`` holds a ``network.toml`` that actornet wrote.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> written_by_actornet(folder)
    False
    >>> _ = write_settings(folder, {"home": "berlin"})
    >>> written_by_actornet(folder)
    True
    """
    file = Path(folder) / SETTINGS_FILE
    try:
        data = file.read_bytes() if file.is_file() and not file.is_symlink() else None
    except OSError:
        return False
    if data is None:
        return False
    text = data.decode("utf-8-sig", errors="replace")
    if text.startswith(_EARLIER_HEADER):
        return True
    try:
        return tomllib.loads(text).get("written_by") == WRITTEN_BY
    except (tomllib.TOMLDecodeError, RecursionError):
        return False
